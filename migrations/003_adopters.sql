-- The adopter's journey: households (one or two applicants) owned by the agency that
-- recruited or assessed them. (Extended by the adopters area.)

create table household (
  id uuid primary key default gen_random_uuid(),
  -- The agency that recruited or assessed the household: it owns the record.
  owner_id uuid not null references organisation (id),
  -- The council area the household lives in: a partnership member or not.
  home_council_id uuid references organisation (id),
  reference text not null unique check (length(reference) between 1 and 30),
  status text not null default 'in-assessment' check (status in (
    'in-assessment', 'approved', 'linked', 'matched', 'placed', 'on-hold', 'withdrawn', 'de-registered')),
  -- Key dates of the journey, kept by the adopters area; the recruitment funnel counts them.
  roi_accepted_on date,
  stage1_started_on date,
  stage1_decided_on date,
  stage2_started_on date,
  approved_on date,
  -- Set by the training area when the household completes preparation training.
  preparation_completed_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index household_owner on household (owner_id, status);

create table applicant (
  id uuid primary key default gen_random_uuid(),
  household_id uuid not null references household (id),
  position integer not null check (position in (1, 2)),
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  date_of_birth date,
  sex text check (sex in ('M', 'F', 'U')),
  ethnicity text,
  disabled boolean not null default false,
  unique (household_id, position)
);
