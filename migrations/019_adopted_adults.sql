-- Services for adopted adults and their relatives. A request comes from an applicant (the adopted
-- person, a birth relative, or a prescribed relative) for access to birth records information, for
-- access to the adoption case record, or for an intermediary service (tracing and, with consent,
-- contact). The adoption is usually historical and not in Mercia, so the request holds its facts:
-- the adopted person's name at birth and adoptive name, date of birth, the date of the adoption
-- order (exact or approximate: the date decides the regime and whether counselling is required)
-- and the court. The request belongs to the council that holds the adoption record. On it:
-- counselling sessions, the steps taken, vetoes the adopted person registered, and the outcome.
-- Adoption records are kept at least 100 years from the order: nothing here is deleted.

create table adopted_adult_request (
  id uuid primary key default gen_random_uuid(),
  -- The council (adoption agency) that holds the adoption record.
  owner_id uuid not null references organisation (id),
  kind text not null check (kind in ('birth-records', 'case-record', 'intermediary')),
  received_on date not null,
  applicant_given_name text not null check (length(btrim(applicant_given_name)) between 1 and 100),
  applicant_family_name text not null check (length(btrim(applicant_family_name)) between 1 and 100),
  applicant_date_of_birth date not null,
  applicant_address text check (length(applicant_address) <= 500),
  applicant_role text not null check (applicant_role in ('adopted-person', 'birth-relative', 'prescribed-relative')),
  relationship text check (relationship in ('birth-mother', 'birth-father', 'birth-sibling', 'birth-grandparent', 'birth-aunt-uncle', 'other-birth-relative',
    'child-of-adopted-person', 'grandchild-of-adopted-person', 'spouse-or-civil-partner', 'other-prescribed-relative')),
  -- The adopted person and their adoption.
  birth_name text not null check (length(btrim(birth_name)) between 1 and 200),
  adoptive_name text not null check (length(btrim(adoptive_name)) between 1 and 200),
  adopted_date_of_birth date not null,
  order_on date not null,
  order_on_exact boolean not null,
  court text check (length(court) <= 200),
  -- The outcome, once closed.
  outcome text check (outcome in ('information-disclosed', 'contact-made', 'contact-declined', 'not-traced', 'withdrew', 'refused')),
  outcome_reason text check (length(outcome_reason) <= 2000),
  closed_on date,
  created_by uuid references staff (id),
  created_at timestamptz not null default now(),
  check ((applicant_role = 'adopted-person') = (relationship is null)),
  check (order_on >= adopted_date_of_birth),
  check (received_on >= order_on),
  check ((closed_on is null) = (outcome is null)),
  check (closed_on is null or closed_on >= received_on),
  check (outcome <> 'refused' or outcome_reason is not null)
);
create index adopted_adult_request_owner on adopted_adult_request (owner_id, received_on);
-- A veto is found on any later request about the same adopted person: by name at birth and date of birth.
create index adopted_adult_request_person on adopted_adult_request (lower(btrim(birth_name)), adopted_date_of_birth);

create table adopted_adult_counselling (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references adopted_adult_request (id),
  -- A session held, or booked for a day ahead.
  held_on date not null,
  counsellor text not null check (counsellor in ('this-agency', 'other-agency', 'gro')),
  minutes integer check (minutes between 1 and 600),
  note text check (length(note) <= 4000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index adopted_adult_counselling_request on adopted_adult_counselling (request_id);

create table adopted_adult_step (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references adopted_adult_request (id),
  step text not null check (step in ('acknowledged', 'tracing-started', 'traced', 'not-traced', 'approach-made', 'answer', 'information-passed', 'contact-arranged', 'information-disclosed')),
  on_date date not null,
  -- Who was traced or approached ("the birth mother"), as the worker writes it.
  person text check (length(person) <= 200),
  answer text check (answer in ('agrees', 'declines', 'no-reply')),
  -- An approach under a qualified veto: the worker confirmed it meets the stated circumstances.
  meets_veto_circumstances boolean,
  note text check (length(note) <= 4000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  check ((step = 'answer') = (answer is not null))
);
create index adopted_adult_step_request on adopted_adult_step (request_id, on_date);

create table adopted_adult_veto (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references adopted_adult_request (id),
  kind text not null check (kind in ('absolute', 'qualified')),
  circumstances text check (length(btrim(circumstances)) between 1 and 2000),
  registered_on date not null,
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  check ((kind = 'qualified') = (circumstances is not null))
);
create index adopted_adult_veto_request on adopted_adult_veto (request_id);
