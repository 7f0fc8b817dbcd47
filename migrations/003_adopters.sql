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

-- ---- The adopters area: the household's journey through Stage 1, Stage 2 and approval ----

alter table household
  -- The applicants' relationship: with their sexes it gives the AD1 code (see adopters/model.ts).
  add column relationship text not null default 'single' check (relationship in ('single', 'married', 'civil-partners', 'unmarried-couple')),
  -- Previous adopters and foster carers go straight to Stage 2.
  add column fast_track text check (fast_track in ('previous-adopter', 'foster-carer')),
  add column interest_ffa boolean not null default false,
  add column interest_concurrent boolean not null default false,
  add column stage1_plan_agreed_on date,
  add column stage1_outcome text check (stage1_outcome in ('proceed', 'not-proceed')),
  add column assessing_worker_id uuid references staff (id),
  add column par_status text check (par_status in ('draft', 'quality-assured', 'final')),
  add column panel_on date,
  add column adm_outcome text check (adm_outcome in ('approved', 'not-suitable')),
  add column adm_decided_on date,
  add column representation_ends_on date,
  add column approval_review_due_on date,
  add column status_changed_on date,
  -- Ofsted Annex A List 11: date of leaving the adoption process and the reason.
  add column left_on date,
  add column leaving_reason text check (leaving_reason in ('withdrew', 'put-on-hold', 'refused')),
  add constraint household_stage1_outcome check ((stage1_outcome is null) = (stage1_decided_on is null)),
  add constraint household_adm check ((adm_outcome is null) = (adm_decided_on is null)),
  add constraint household_stage1_order check (stage1_decided_on is null or stage1_started_on <= stage1_decided_on),
  add constraint household_stage2_order check (adm_decided_on is null or stage2_started_on <= adm_decided_on);
create index household_home_council on household (home_council_id, status);
create index household_list_order on household (reference);

-- Other people in the household (children, adult relatives, lodgers): adults need a DBS check.
create table household_member (
  id uuid primary key default gen_random_uuid(),
  household_id uuid not null references household (id),
  name text not null check (length(name) between 1 and 200),
  relationship text not null check (length(relationship) between 1 and 100),
  date_of_birth date not null,
  created_at timestamptz not null default now()
);
create index household_member_household on household_member (household_id);

-- Stage 1 checks: enhanced DBS, references, medicals, local authority checks, previous
-- partners, employer. `subject` names the person, referee or council checked.
create table household_check (
  id uuid primary key default gen_random_uuid(),
  household_id uuid not null references household (id),
  kind text not null check (kind in ('dbs', 'reference', 'medical', 'la-check', 'previous-partner', 'employer')),
  subject text not null check (length(subject) between 1 and 200),
  -- For references: is the referee a relative (at least two of three must not be)?
  relative boolean not null default false,
  status text not null default 'requested' check (status in ('requested', 'received', 'satisfactory', 'concern')),
  requested_on date not null,
  received_on date,
  issued_on date,
  expires_on date,
  notes text check (length(notes) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (received_on is null or received_on >= requested_on),
  check (expires_on is null or issued_on is null or expires_on >= issued_on)
);
create index household_check_household on household_check (household_id);
create index household_check_expiry on household_check (expires_on) where expires_on is not null;

-- The journey as dated events; the household's key dates are kept from them.
create table stage_event (
  id uuid primary key default gen_random_uuid(),
  household_id uuid not null references household (id),
  type text not null check (type in ('stage-1-started', 'stage-1-plan-agreed', 'stage-1-decision', 'stage-2-notice', 'visit',
    'par-status', 'panel', 'adm-decision', 'status-change', 'approval-review')),
  date date not null,
  outcome text check (outcome in ('proceed', 'not-proceed', 'approved', 'not-suitable')),
  par_status text check (par_status in ('draft', 'quality-assured', 'final')),
  status text check (status in ('in-assessment', 'approved', 'linked', 'matched', 'placed', 'on-hold', 'withdrawn', 'de-registered')),
  reason text check (reason in ('withdrew', 'put-on-hold', 'refused')),
  staff_id uuid references staff (id),
  notes text check (length(notes) <= 4000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  check ((outcome is not null) = (type in ('stage-1-decision', 'adm-decision'))),
  check ((par_status is not null) = (type = 'par-status')),
  check ((status is not null) = (type = 'status-change'))
);
create index stage_event_household on stage_event (household_id, date);

-- What the household is approved for: the panel's advice and the ADM's terms.
create table approval_terms (
  household_id uuid primary key references household (id),
  min_children integer not null check (min_children between 1 and 6),
  max_children integer not null check (max_children between 1 and 6),
  min_age integer not null check (min_age between 0 and 17),
  max_age integer not null check (max_age between 0 and 17),
  child_sex text not null default 'any' check (child_sex in ('any', 'M', 'F')),
  sibling_group boolean not null default false,
  developmental_delay text not null check (developmental_delay in ('cannot', 'low', 'medium', 'high')),
  learning_disability text not null check (learning_disability in ('cannot', 'low', 'medium', 'high')),
  physical_disability text not null check (physical_disability in ('cannot', 'low', 'medium', 'high')),
  medical_conditions text not null check (medical_conditions in ('cannot', 'low', 'medium', 'high')),
  fasd text not null check (fasd in ('cannot', 'low', 'medium', 'high')),
  family_mental_illness text not null check (family_mental_illness in ('cannot', 'low', 'medium', 'high')),
  family_substance_misuse text not null check (family_substance_misuse in ('cannot', 'low', 'medium', 'high')),
  ongoing_contact text not null check (ongoing_contact in ('cannot', 'low', 'medium', 'high')),
  ethnicity_considerations text check (length(ethnicity_considerations) <= 2000),
  religion_considerations text check (length(religion_considerations) <= 2000),
  language_considerations text check (length(language_considerations) <= 2000),
  areas_to_avoid text check (length(areas_to_avoid) <= 2000),
  updated_at timestamptz not null default now(),
  check (min_children <= max_children),
  check (min_age <= max_age)
);
