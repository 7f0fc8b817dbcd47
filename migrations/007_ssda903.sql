-- SSDA903 import and export (area interop/ssda903). The children area gains the columns of
-- the return's Header, Episodes, AD1 and PrevPerm tables that it did not yet hold, so a
-- return read in can be written out again unchanged; each import or validation is a run
-- with its findings.

-- The DfE's three-digit LA number (884 for Herefordshire): what a return's XML header and
-- its children's UPNs name the council by.
alter table organisation add column la_number text unique check (la_number ~ '^[0-9]{3}$');

-- Header: MOTHER (is the child a mother: '1' or '0') and MC_DOB (her child's date of birth).
alter table child
  add column mother text check (mother in ('0', '1')),
  add column mother_child_dob date;

-- Episodes: category of need, reason for a change of placement, home and placement
-- postcodes, and the Ofsted URN of the placement.
alter table care_episode
  add column cin text check (cin ~ '^N[1-8]$'),
  add column reason_place_change text check (reason_place_change in (
    'CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER')),
  add column home_postcode text check (length(home_postcode) between 1 and 10),
  add column placement_postcode text check (length(placement_postcode) between 1 and 10),
  add column urn text check (length(urn) between 1 and 20);

-- AD1: who adopted the child. The dates of the AD1 row (DATE_INT, DATE_MATCH) are the
-- child's decision and match milestones; these are the facts about the adopters.
create table child_adoption (
  child_id uuid primary key references child (id),
  adopted_by_foster_carer boolean not null,
  adopter_count smallint not null check (adopter_count in (1, 2)),
  adopter_sexes text not null check (adopter_sexes in ('M1', 'F1', 'MM', 'FF', 'MF')),
  adopter_legal_status text not null check (adopter_legal_status in ('L0', 'L11', 'L12', 'L2', 'L3', 'L4')),
  updated_at timestamptz not null default now()
);

-- PrevPerm: the permanence order the child had before this period of care, if any.
create table previous_permanence (
  child_id uuid primary key references child (id),
  previous_order text check (previous_order in ('P1', 'P2', 'P3', 'P4', 'Z1')),
  -- LA code, or NIR/SCO/WAL/NUK/999 (DOMAIN.md §4.2): kept as the return gives it.
  la_code text check (length(la_code) between 1 and 10),
  order_date date,
  updated_at timestamptz not null default now()
);

-- One validation or import of a council's return for a collection year.
create table ssda903_run (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references organisation (id),
  collection_year text not null check (collection_year ~ '^[0-9]{4}/[0-9]{2}$'),
  mode text not null check (mode in ('validate', 'import')),
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  -- valid / invalid (validation), imported / refused (import: refused means errors were found).
  outcome text check (outcome in ('valid', 'invalid', 'imported', 'refused')),
  files jsonb not null,
  children integer not null default 0,
  errors integer not null default 0,
  warnings integer not null default 0,
  -- What the import wrote: children created and updated, episodes, milestones, and so on.
  counts jsonb,
  failure text,
  started_by uuid references staff (id),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'running') = (finished_at is null))
);
create index ssda903_run_council on ssda903_run (council_id, started_at desc);

-- A run's findings, in the order found. Kept up to a limit per run (the run holds the totals).
create table ssda903_finding (
  run_id uuid not null references ssda903_run (id),
  seq integer not null,
  file text not null,
  line integer,
  column_name text,
  rule text not null,
  severity text not null check (severity in ('error', 'warning')),
  message text not null,
  child text,
  primary key (run_id, seq)
);
