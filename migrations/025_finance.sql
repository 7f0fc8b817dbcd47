-- Finance and needs analysis (decision 022): population by council, age band and year; looked-
-- after children imported for years before the records (or a council's own projection); how
-- each council's numbers are projected; the adoption services and their budgets and staffing;
-- pooled contributions; and the monthly foster-care cost a placement made sooner avoids.
-- A year is a financial year named by the year it starts (2014 = 2014/15); a population figure
-- for 2014 is the mid-2014 estimate or projection, used for 2014/15.

create table finance_population (
  council_id uuid not null references organisation (id),
  year integer not null check (year between 1990 and 2100),
  band text not null check (band in ('0-4', '5-9', '10-14', '15-19')),
  people integer not null check (people >= 0),
  imported_at timestamptz not null default now(),
  primary key (council_id, year, band)
);

-- Counts of looked-after children on 31 March ending the year, for years before Mercia's
-- records ('imported'), or the council's own projection of them ('council-projection').
create table finance_looked_after (
  council_id uuid not null references organisation (id),
  year integer not null check (year between 1990 and 2100),
  basis text not null check (basis in ('imported', 'council-projection')),
  band text not null check (band in ('0-4', '5-9', '10-14', '15-19')),
  children integer not null check (children >= 0),
  imported_at timestamptz not null default now(),
  primary key (council_id, year, basis, band)
);

-- How a council's numbers are carried forward past its last actual year. percent: a fixed
-- change a year (-5.0 is the 5% reduction Telford planned for); linear: the least-squares trend
-- of its actual years; flat: the last actual year held.
create table finance_projection_method (
  council_id uuid primary key references organisation (id),
  method text not null check (method in ('flat', 'percent', 'linear')),
  percent numeric(6, 2) check (percent between -50 and 100),
  updated_at timestamptz not null default now(),
  check ((method = 'percent') = (percent is not null))
);

-- An adoption service as budgeted: one council's, or one run jointly (Shropshire and Telford &
-- Wrekin's since 1998). The business case's budget and staffing are per service.
create table finance_service (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table finance_service_council (
  service_id uuid not null references finance_service (id),
  council_id uuid not null references organisation (id),
  primary key (service_id, council_id)
);
create index finance_service_council_council on finance_service_council (council_id);

create table finance_budget (
  service_id uuid not null references finance_service (id),
  year integer not null check (year between 1990 and 2100),
  line text not null check (line in ('establishment', 'operational')),
  amount_pence bigint not null check (amount_pence >= 0),
  updated_at timestamptz not null default now(),
  primary key (service_id, year, line)
);

create table finance_staffing (
  service_id uuid not null references finance_service (id),
  year integer not null check (year between 1990 and 2100),
  fte numeric(8, 2) not null check (fte >= 0),
  updated_at timestamptz not null default now(),
  primary key (service_id, year)
);

-- A council's contribution to the partnership's pooled budget (a share of its Adoption Reform
-- Grant, for instance).
create table finance_contribution (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references organisation (id),
  year integer not null check (year between 1990 and 2100),
  source text not null check (length(source) between 1 and 200),
  amount_pence bigint not null check (amount_pence >= 0),
  created_at timestamptz not null default now()
);
create index finance_contribution_council on finance_contribution (council_id, year);

-- The average monthly cost of a foster placement; a council without a row uses the business
-- case's £2,000 a month.
create table finance_foster_cost (
  council_id uuid primary key references organisation (id),
  monthly_pence bigint not null check (monthly_pence > 0),
  updated_at timestamptz not null default now()
);
