-- Every record an audit event touched: its own record, and each record shown in a list, a
-- search, an export or a work queue, with the organisation that owns it. The owning
-- organisation finds those events by record and by owner here, even when someone else's
-- staff did the listing. Written in the same transaction as the event; the event's hash
-- covers its links (core/audit.ts), so an added, altered or removed link breaks the chain
-- like an altered row does. No foreign key to audit_event: the chain, not a constraint, is
-- what shows a removed event, and verification also reports links to no event.
-- Events written before this migration have no links (their hashes cannot cover any).
-- (Named _link: audit_event_record is already the name of an index on audit_event.)
create table audit_event_link (
  seq bigint not null,
  record_type text not null,
  record_id text not null,
  owner_org_id uuid,
  primary key (seq, record_type, record_id)
);
-- By record (a record ID alone is what people search for, so it leads) and by owner.
create index audit_event_link_record on audit_event_link (record_id, record_type);
create index audit_event_link_owner on audit_event_link (owner_org_id, seq);

create function audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger audit_event_link_no_update before update or delete on audit_event_link
  for each row execute function audit_append_only();
create trigger audit_event_link_no_truncate before truncate on audit_event_link
  for each statement execute function audit_append_only();
