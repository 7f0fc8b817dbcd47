-- Matching across the partnership (issue 13): the areas a child must not be placed in and a
-- household cannot live near, the household's religions and languages, the weights each
-- partnership gives the matching factors, links (expressions of interest) with their history
-- and the grants they opened, the inter-agency fee rates by financial year, and the fee a
-- match records. Link, match and matching-panel milestones name the household.

alter table child add column avoid_council_ids uuid[] not null default '{}';

alter table approval_terms add column religions text[] not null default '{}';
alter table approval_terms add column languages text[] not null default '{}';
alter table approval_terms add column avoid_council_ids uuid[] not null default '{}';

alter table milestone add column household_id uuid references household (id);

-- The weights of the soft factors and the cap of open links, per partnership (or per council
-- outside one). A missing row means the defaults in src/matching/model.ts.
create table matching_settings (
  organisation_id uuid primary key references organisation (id),
  link_cap integer not null check (link_cap between 1 and 20),
  needs_weight numeric(4, 3) not null check (needs_weight between 0 and 1),
  heritage_weight numeric(4, 3) not null check (heritage_weight between 0 and 1),
  siblings_weight numeric(4, 3) not null check (siblings_weight between 0 and 1),
  distance_weight numeric(4, 3) not null check (distance_weight between 0 and 1),
  household_wait_weight numeric(4, 3) not null check (household_wait_weight between 0 and 1),
  child_wait_weight numeric(4, 3) not null check (child_wait_weight between 0 and 1),
  updated_by uuid references staff (id),
  updated_at timestamptz not null default now(),
  check (needs_weight + heritage_weight + siblings_weight + distance_weight + household_wait_weight + child_wait_weight > 0)
);

-- A link: one household and one child, or a sibling group placed together, explored as a match.
create table link (
  id uuid primary key default gen_random_uuid(),
  household_id uuid not null references household (id),
  placing_authority_id uuid not null references organisation (id),
  sibling_group_id uuid references sibling_group (id),
  status text not null default 'interest' check (status in ('interest', 'exploring', 'shortlisted', 'proceeding', 'matched', 'closed')),
  opened_on date not null,
  opened_by uuid not null references staff (id),
  -- Which side started it: the child's family finder or the adopters' worker.
  opened_from text not null check (opened_from in ('child', 'household')),
  closed_on date,
  close_reason text check (close_reason in (
    'adopters-declined', 'agency-declined', 'child-needs', 'another-family-chosen', 'child-plan-changed',
    'household-unavailable', 'matched-elsewhere', 'other')),
  close_notes text check (length(close_notes) <= 4000),
  matched_on date,
  updated_at timestamptz not null default now(),
  check ((status = 'closed') = (closed_on is not null and close_reason is not null)),
  check ((status = 'matched') = (matched_on is not null))
);
create index link_household on link (household_id) where status not in ('matched', 'closed');

create table link_child (
  link_id uuid not null references link (id),
  child_id uuid not null references child (id),
  primary key (link_id, child_id)
);
create index link_child_child on link_child (child_id);

-- Every change of a link's status, as it was made: never changed or deleted.
create table link_event (
  id bigint generated always as identity primary key,
  link_id uuid not null references link (id),
  from_status text,
  to_status text not null,
  on_date date not null,
  reason text,
  notes text check (length(notes) <= 4000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index link_event_link on link_event (link_id);
create trigger link_event_kept_as_written before update or delete on link_event for each row execute function kept_as_written();

-- The grants opening a link gave the counterpart workers; closing it revokes them.
create table link_grant (
  link_id uuid not null references link (id),
  grant_id uuid not null references access_grant (id),
  primary key (link_id, grant_id)
);

-- Inter-agency fee rates per financial year (the year it starts: 2025 = 2025/26). 'la' is the
-- rate between councils and regional adoption agencies, 'vaa' a voluntary adoption agency's.
-- children: the size of the group placed (3 means three or more); amount_pence for the group.
create table inter_agency_fee_rate (
  financial_year integer not null check (financial_year between 2000 and 2100),
  provider_kind text not null check (provider_kind in ('la', 'vaa')),
  children integer not null check (children between 1 and 3),
  amount_pence bigint not null check (amount_pence > 0),
  london_weighting_percent integer not null default 0 check (london_weighting_percent between 0 and 50),
  primary key (financial_year, provider_kind, children)
);

-- The fee a match between a child of one agency and adopters of another records, payable by the
-- placing council to the adopters' agency.
create table inter_agency_fee (
  link_id uuid primary key references link (id),
  payer_id uuid not null references organisation (id),
  payee_id uuid not null references organisation (id),
  financial_year integer not null,
  provider_kind text not null check (provider_kind in ('la', 'vaa')),
  children integer not null check (children >= 1),
  amount_pence bigint not null check (amount_pence > 0),
  london_weighting boolean not null,
  recorded_on date not null,
  recorded_by uuid references staff (id),
  check (payer_id <> payee_id)
);
create trigger inter_agency_fee_kept_as_written before update or delete on inter_agency_fee for each row execute function kept_as_written();

-- The published single-child rates (CoramBAAF and CVAA): between councils and regional adoption
-- agencies £27,000 since 2011, with 10% London weighting; a voluntary agency's £31,620 from
-- 1 April 2019 and £39,245 from 1 April 2025. Sibling-group rates and other years' voluntary
-- rates are entered by the operator from the published tables (docs/operator-guide.md); until
-- then a group is charged at the single-child rate per child, and a year without a rate uses
-- the latest earlier year's, and the match says so.
insert into inter_agency_fee_rate (financial_year, provider_kind, children, amount_pence, london_weighting_percent)
select y, 'la', 1, 2700000, 10 from generate_series(2011, 2026) as y;
insert into inter_agency_fee_rate (financial_year, provider_kind, children, amount_pence, london_weighting_percent) values
  (2019, 'vaa', 1, 3162000, 0),
  (2025, 'vaa', 1, 3924500, 0);
