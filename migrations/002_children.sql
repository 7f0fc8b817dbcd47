-- The child's journey: child records (owned by the placing council), care episodes in the
-- SSDA903 shape, permanence milestones, sibling groups, and the "children who wait longer"
-- data set. Codes are checked here as well as in the model, so no path can store a bad one.

create table sibling_group (
  id uuid primary key default gen_random_uuid(),
  placing_authority_id uuid not null references organisation (id),
  name text not null check (length(name) between 1 and 200),
  decision text not null default 'undecided' check (decision in ('undecided', 'together', 'apart')),
  decision_date date,
  decision_reasons text,
  created_at timestamptz not null default now(),
  check ((decision = 'undecided') = (decision_date is null))
);

create table child (
  id uuid primary key default gen_random_uuid(),
  placing_authority_id uuid not null references organisation (id),
  -- The council's own reference: the SSDA903 CHILD id.
  la_child_ref text not null check (length(la_child_ref) between 1 and 30),
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  date_of_birth date not null,
  sex text not null check (sex in ('M', 'F', 'U')),
  ethnicity text not null check (ethnicity in (
    'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN',
    'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT')),
  upn text check (upn ~ '^([A-HJ-NP-RT-Z][0-9]{12}|[A-HJ-NP-RT-Z][0-9]{11}[A-Z]|UN[1-5])$'),
  disabled boolean not null default false,
  disability_description text,
  religion text,
  first_language text,
  legal_status_note text,
  social_worker_id uuid references staff (id),
  family_finder_id uuid references staff (id),
  sibling_group_id uuid references sibling_group (id),
  -- Derived from episodes and milestones by children/model.ts whenever they change, so lists
  -- can filter and sort on them; never edited directly.
  stage text not null default 'in-care',
  period_start date,
  looked_after boolean not null default true,
  shobpa_date date,
  placement_order_date date,
  match_date date,
  placed_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (placing_authority_id, la_child_ref),
  check (disabled or disability_description is null)
);
create index child_placing_authority on child (placing_authority_id, last_name, first_name);
create index child_sibling_group on child (sibling_group_id);
create index child_social_worker on child (social_worker_id);
create index child_family_finder on child (family_finder_id);
create index child_stage on child (placing_authority_id, stage);
-- The list's default order, so a page of a large region is read in order rather than sorted.
create index child_name_order on child (last_name, first_name, id);

create table child_need (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  category text not null check (category in (
    'developmental-delay', 'learning-disability', 'physical-disability', 'medical-condition',
    'foetal-alcohol', 'emotional-behavioural', 'attachment', 'speech-language', 'sensory')),
  notes text,
  position integer not null default 0
);
create index child_need_child on child_need (child_id);

-- Sensitive: shown only to those the policy allows (children/policy.ts, view-birth-family).
create table birth_family_member (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  name text not null check (length(name) between 1 and 200),
  relationship text not null check (length(relationship) between 1 and 100),
  area text,
  position integer not null default 0
);
create index birth_family_member_child on birth_family_member (child_id);

-- A period of care is a run of episodes; one starting with RNE 'S' opens a new period.
create table care_episode (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  start_date date not null,
  rne text not null check (rne in ('S', 'L', 'P', 'T', 'B', 'U')),
  -- Null until known (a child can be recorded before every code is); SSDA903 export flags it.
  legal_status text check (legal_status in (
    'C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4')),
  placement text check (placement in (
    'A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'K3', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1',
    'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1', 'Z11', 'Z12', 'Z13', 'Z14')),
  placement_provider text check (placement_provider in ('PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5')),
  end_date date,
  reason_ceased text check (reason_ceased in (
    'E11', 'E12', 'E2', 'E3', 'E4A', 'E4B', 'E13', 'E41', 'E45', 'E46', 'E47', 'E48', 'E5', 'E6',
    'E7', 'E8', 'E9', 'E14', 'E15', 'E16', 'E17', 'X1')),
  created_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date),
  check ((end_date is null) = (reason_ceased is null)),
  unique (child_id, start_date)
);
create index care_episode_child on care_episode (child_id, start_date);

create table milestone (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  type text not null check (type in (
    'adoption-plan', 'shobpa', 'placement-order', 'early-permanence', 'family-finding-started',
    'linked', 'matching-panel', 'match', 'placed-for-adoption', 'adoption-application',
    'adoption-order', 'plan-reversed')),
  date date not null,
  -- plan-reversed: RD1–RD4; adoption-order: E11/E12; placed-for-adoption: A3–A6;
  -- placement-order: 'order' or 'consent'; early-permanence: 'ffa' or 'concurrent'.
  code text,
  notes text,
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  check (
    (type = 'plan-reversed' and code in ('RD1', 'RD2', 'RD3', 'RD4'))
    or (type = 'adoption-order' and code in ('E11', 'E12'))
    or (type = 'placed-for-adoption' and code in ('A3', 'A4', 'A5', 'A6'))
    or (type = 'placement-order' and code in ('order', 'consent'))
    or (type = 'early-permanence' and code in ('ffa', 'concurrent'))
    or (type not in ('plan-reversed', 'adoption-order', 'placed-for-adoption', 'placement-order', 'early-permanence') and code is null))
);
create index milestone_child on milestone (child_id, date);

create table waiting_reason (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  reason text not null check (reason in (
    'age', 'sibling-group', 'disability', 'health-uncertainty', 'ethnicity-or-heritage',
    'behaviour-or-trauma', 'contact-arrangements', 'legal-delay', 'no-suitable-adopters', 'other')),
  notes text,
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  unique (child_id, reason)
);

create table waiting_review (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  review_date date not null,
  summary text not null check (length(summary) between 1 and 4000),
  reviewed_by uuid references staff (id),
  created_at timestamptz not null default now()
);
create index waiting_review_child on waiting_review (child_id, review_date);
