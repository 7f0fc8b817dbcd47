-- Sealed adoption records and what is kept. Once an adoption order is recorded, the child's
-- pre-adoption record is sealed: it is opened only by a named role, with a stated reason, for
-- the day (an opening is an access grant the person gives themselves, of type 'sealed-child',
-- so it is logged, revocable and read with the other grants on every request). An adoption
-- record is kept at least 100 years from the order: the database refuses to delete a child
-- whose record holds one, whatever asks. Records of children never adopted are deleted by the
-- purge job after the retention period the operator sets (src/children/retention.ts).

create function adoption_record_kept() returns trigger language plpgsql as $$
begin
  if exists (select 1 from milestone m where m.child_id = old.id and m.type = 'adoption-order') then
    raise exception 'adoption record %: an adoption record is kept for at least 100 years from the adoption order and is never deleted', old.id
      using errcode = 'check_violation';
  end if;
  return old;
end $$;

create trigger child_adoption_record_kept before delete on child
  for each row execute function adoption_record_kept();

-- Whether a record is sealed is asked on every child read: one index answers it.
create index milestone_adoption_order on milestone (child_id) where type = 'adoption-order';

-- The purge job's own trail: what each run deleted and kept, and why (no names, only references).
create table retention_run (
  id uuid primary key default gen_random_uuid(),
  ran_at timestamptz not null default now(),
  dry_run boolean not null,
  retention_years integer not null check (retention_years between 1 and 200),
  deleted integer not null,
  kept integer not null,
  report jsonb not null
);
