-- Support after adoption. A support case is one child's: a child with an adoption order or placed
-- for adoption, with the council the family lives in (who becomes responsible three years after
-- the order; before that, the child's placing council). On it: the family's requests for
-- support, assessments of support needs, support plans, Adoption Support Fund applications and
-- adoption allowances. The fund's rules are data, one row per range of financial years, so a
-- new year's rules are a row and not code.

create table support_case (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null unique references child (id),
  household_id uuid references household (id),
  residence_council_id uuid not null references organisation (id),
  opened_on date not null,
  opened_by uuid references staff (id),
  created_at timestamptz not null default now()
);

create table support_request (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references support_case (id),
  received_on date not null,
  asked_by text not null check (length(btrim(asked_by)) between 1 and 200),
  asked_for text not null check (length(btrim(asked_for)) between 1 and 4000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index support_request_case on support_request (case_id);

create table support_assessment (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references support_case (id),
  started_on date not null,
  completed_on date,
  outcome text check (outcome in ('support-offered', 'no-support-needed', 'declined')),
  summary text check (length(summary) <= 6000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  -- Completed means a date and an outcome, together.
  check ((completed_on is null) = (outcome is null)),
  check (completed_on is null or completed_on >= started_on)
);
create index support_assessment_case on support_assessment (case_id);

create table support_plan (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references support_case (id),
  what text not null check (length(btrim(what)) between 1 and 2000),
  provided_by text not null check (length(btrim(provided_by)) between 1 and 200),
  starts_on date not null,
  review_on date not null check (review_on >= starts_on),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index support_plan_case on support_plan (case_id);

-- The Adoption Support Fund's rules for a range of financial years (by the year each starts):
-- the fair access limit per child per year, the specialist assessment limit (inside the fair
-- access limit, or beside it), whether the part above the limit may be match funded (and up to
-- what), whether a package must finish within its financial year, and how many months after the
-- assessment of needs the application must be made.
create table asf_rule (
  from_year integer primary key check (from_year between 2015 and 2100),
  to_year integer check (to_year >= from_year),
  fair_access_limit_pence integer not null check (fair_access_limit_pence > 0),
  assessment_limit_pence integer not null check (assessment_limit_pence > 0),
  assessments_within_limit boolean not null,
  match_funding_limit_pence integer check (match_funding_limit_pence > 0),
  within_year boolean not null,
  apply_within_months integer not null check (apply_within_months between 1 and 24)
);

insert into asf_rule values
  -- To March 2025: £5,000 for therapy and £2,500 for specialist assessment per child per year, with match funding above (to £30,000).
  (2015, 2024, 500000, 250000, false, 3000000, false, 4),
  -- From April 2025: a £3,000 fair access limit including assessments (at most £2,500 of it), no match funding, finished within the year.
  (2025, null, 300000, 250000, true, null, true, 4);

create table asf_application (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references support_case (id),
  assessment_id uuid not null references support_assessment (id),
  kind text not null check (kind in ('therapy', 'specialist-assessment')),
  therapy_type text not null check (length(btrim(therapy_type)) between 1 and 200),
  provider text not null check (length(btrim(provider)) between 1 and 200),
  amount_pence integer not null check (amount_pence > 0),
  -- The part above the fair access limit, match funded (only in years whose rules allow it).
  match_funded_pence integer not null default 0 check (match_funded_pence >= 0 and match_funded_pence <= amount_pence),
  financial_year integer not null,
  ends_on date not null,
  applied_on date,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'refused', 'withdrawn')),
  decision_on date,
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  check ((status = 'draft') = (applied_on is null) or status = 'withdrawn'),
  check ((status in ('approved', 'refused')) = (decision_on is not null))
);
create index asf_application_case on asf_application (case_id, financial_year);

create table adoption_allowance (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references support_case (id),
  -- The council that pays: the one responsible for the family when the allowance starts.
  payer_id uuid not null references organisation (id),
  assessed_on date not null,
  weekly_pence integer not null check (weekly_pence > 0),
  starts_on date not null,
  review_on date not null check (review_on >= starts_on),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index adoption_allowance_case on adoption_allowance (case_id);
