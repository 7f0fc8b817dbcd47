-- Placements and disruptions. A placement follows the agency decision maker's match: the
-- introductions plan and its review, the move (placed for adoption, PLACE A3–A6, with its
-- provider), the reviews after placement, the adopters' application and the adoption order. A
-- sibling group placed together is one placement of several children. Each step also writes
-- the children's milestones and care episodes (the children area's rules), so the journey, the
-- scorecard and the return agree. A disruption ends introductions, a placement before the
-- order, or an adoption after it (years later, perhaps): its date, reasons and what happened
-- next for each child.

create table placement (
  id uuid primary key default gen_random_uuid(),
  -- The children's placing council: it stays responsible for them.
  owner_id uuid not null references organisation (id),
  household_id uuid not null references household (id),
  status text not null check (status in ('introductions', 'placed', 'applied', 'adopted', 'disrupted')),
  match_on date not null,
  introductions_start date not null,
  planned_move_on date not null,
  introductions_reviewed_on date,
  introductions_review text,
  placed_on date,
  placement_code text check (placement_code in ('A3', 'A4', 'A5', 'A6')),
  provider_code text check (provider_code in ('PR1', 'PR2', 'PR4', 'PR5')),
  applied_on date,
  order_on date,
  order_code text check (order_code in ('E11', 'E12')),
  created_by uuid references staff (id),
  created_at timestamptz not null default now(),
  check (planned_move_on >= introductions_start),
  check ((placed_on is null) = (placement_code is null) and (placed_on is null) = (provider_code is null)),
  check ((order_on is null) = (order_code is null))
);
create index placement_owner on placement (owner_id, status);

create table placement_child (
  placement_id uuid not null references placement (id),
  child_id uuid not null references child (id),
  primary key (placement_id, child_id)
);
create index placement_child_child on placement_child (child_id);

create table placement_review (
  id uuid primary key default gen_random_uuid(),
  placement_id uuid not null references placement (id),
  held_on date not null,
  summary text not null check (length(btrim(summary)) between 1 and 5000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index placement_review_placement on placement_review (placement_id, held_on);

create table disruption (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references organisation (id),
  placement_id uuid not null references placement (id),
  household_id uuid not null references household (id),
  kind text not null check (kind in ('introductions', 'before-order', 'after-order')),
  occurred_on date not null,
  reasons text[] not null check (cardinality(reasons) between 1 and 12),
  details text not null check (length(btrim(details)) between 1 and 5000),
  next_for_child text not null,
  plan_reversed text check (plan_reversed in ('RD1', 'RD2', 'RD3', 'RD4')),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create unique index disruption_of_placement on disruption (placement_id);
create index disruption_owner on disruption (owner_id, occurred_on);

-- The children's milestones carry the disruption: it ends the steps with that family.
alter table milestone drop constraint milestone_type_check;
alter table milestone add constraint milestone_type_check check (type in (
  'adoption-plan', 'shobpa', 'placement-order', 'early-permanence', 'family-finding-started',
  'linked', 'matching-panel', 'match', 'placed-for-adoption', 'adoption-application',
  'adoption-order', 'plan-reversed', 'disrupted'));
