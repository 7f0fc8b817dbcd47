-- Case notes on any personal record (a child, a household, an enquiry, and the records later
-- areas add): what happened, when, who wrote it. A note is never deleted; its author may
-- correct it for 24 hours, and every earlier wording is kept in case_note_version. Which record
-- types carry notes, and who may read or write them, is the owning area's policy, through the
-- record registry (core/records.ts): this table holds no access rule of its own.
create table case_note (
  id uuid primary key default gen_random_uuid(),
  record_type text not null,
  record_id uuid not null,
  type text not null check (type in ('visit', 'phone-call', 'meeting', 'supervision', 'management-oversight', 'other')),
  occurred_at timestamptz not null,
  author_id uuid not null references staff (id),
  body text not null check (length(btrim(body)) > 0),
  sensitive boolean not null default false,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index case_note_record on case_note (record_type, record_id, occurred_at desc);

-- Each wording a note had before a correction: the note's history.
create table case_note_version (
  note_id uuid not null references case_note (id),
  version integer not null,
  type text not null,
  occurred_at timestamptz not null,
  body text not null,
  sensitive boolean not null,
  written_at timestamptz not null,
  primary key (note_id, version)
);

-- Refuses the statement: for casework's tables, whose rows are never deleted or rewritten
-- (documents use it too, migration 012).
create function kept_as_written() returns trigger language plpgsql as $$
begin
  raise exception '% is kept as written: % refused', tg_table_name, tg_op;
end;
$$;
create trigger case_note_no_delete before delete on case_note for each row execute function kept_as_written();
create trigger case_note_no_truncate before truncate on case_note for each statement execute function kept_as_written();
create trigger case_note_version_no_change before update or delete on case_note_version for each row execute function kept_as_written();
create trigger case_note_version_no_truncate before truncate on case_note_version for each statement execute function kept_as_written();
