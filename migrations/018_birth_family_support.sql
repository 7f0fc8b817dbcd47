-- Birth family support. A case is one birth relative's (a birth parent, a grandparent, a brother or
-- sister, an aunt or uncle, another relative) and belongs to the child's placing council; under a
-- pooled operating model the partnership does the work. The case may name the child's record in
-- Mercia, or, where there is none, the child's first name and year of birth. On it: referrals,
-- offers of support and the relative's answers, sessions, and closings (each closing may later be
-- reopened, with a reason, so the history of a case is never rewritten).

create table birth_family_case (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references organisation (id),
  child_id uuid references child (id),
  child_first_name text check (length(btrim(child_first_name)) between 1 and 100),
  child_birth_year integer check (child_birth_year between 1900 and 2999),
  given_name text not null check (length(btrim(given_name)) between 1 and 100),
  family_name text not null check (length(btrim(family_name)) between 1 and 100),
  date_of_birth date,
  relationship text not null check (relationship in ('birth-mother', 'birth-father', 'grandparent', 'sibling', 'aunt-or-uncle', 'other-relative')),
  opened_on date not null,
  opened_by uuid references staff (id),
  created_at timestamptz not null default now(),
  -- The child is known: by their record, or by first name.
  check (child_id is not null or child_first_name is not null)
);
create index birth_family_case_owner on birth_family_case (owner_id);
create index birth_family_case_child on birth_family_case (child_id) where child_id is not null;

create table birth_family_referral (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references birth_family_case (id),
  received_on date not null,
  referred_by text not null check (referred_by in ('childs-social-worker', 'self', 'court', 'other-agency', 'other')),
  reason text not null check (length(btrim(reason)) between 1 and 4000),
  consent_to_share boolean not null,
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index birth_family_referral_case on birth_family_referral (case_id, received_on);

create table birth_family_offer (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references birth_family_case (id),
  made_on date not null,
  kind text not null check (kind in ('counselling', 'support-group', 'letterbox', 'later-life-letter', 'advice', 'practical')),
  answer text check (answer in ('accepted', 'declined', 'no-reply')),
  answered_on date,
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  -- Answered means an answer and its day, together, not before the offer.
  check ((answer is null) = (answered_on is null)),
  check (answered_on is null or answered_on >= made_on)
);
create index birth_family_offer_case on birth_family_offer (case_id, made_on);

create table birth_family_session (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references birth_family_case (id),
  held_on date not null,
  kind text not null check (kind in ('one-to-one', 'group', 'phone', 'letter-writing')),
  minutes integer not null check (minutes between 1 and 600),
  note text not null check (length(btrim(note)) between 1 and 2000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index birth_family_session_case on birth_family_session (case_id, held_on);

create table birth_family_closure (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references birth_family_case (id),
  closed_on date not null,
  outcome text not null check (outcome in ('completed', 'declined', 'not-contacted', 'moved-away', 'referred-elsewhere')),
  summary text not null check (length(btrim(summary)) between 1 and 4000),
  closed_by uuid references staff (id),
  reopened_on date,
  reopen_reason text check (length(btrim(reopen_reason)) between 1 and 2000),
  reopened_by uuid references staff (id),
  recorded_at timestamptz not null default now(),
  check ((reopened_on is null) = (reopen_reason is null)),
  check (reopened_on is null or reopened_on >= closed_on)
);
-- A case is closed while it has a closing not reopened: at most one at a time.
create unique index birth_family_closure_open on birth_family_closure (case_id) where reopened_on is null;
