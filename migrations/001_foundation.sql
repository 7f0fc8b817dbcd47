-- Foundation: organisations and partnerships, the effective-dated operating model,
-- staff and sign-in, access grants, and the append-only audit log.
-- Runs on PostgreSQL 15 and later (PGlite is 17+). gen_random_uuid() is core since 13.

create table organisation (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('local-authority', 'partnership', 'agency')),
  name text not null unique,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- DfE / ONS code (E06000019); every local authority has one.
  code text unique check (code ~ '^[EWSN][0-9]{8}$'),
  -- A partnership is hosted by one of its member councils.
  host_id uuid references organisation (id),
  created_at timestamptz not null default now(),
  check (kind <> 'local-authority' or code is not null),
  check (kind = 'partnership' or host_id is null)
);

-- Councils join and leave a partnership on dates; agencies are affiliated. A row is never
-- deleted: leaving sets left_on, and on that day the member is no longer in.
create table membership (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references organisation (id),
  member_id uuid not null references organisation (id),
  kind text not null check (kind in ('member', 'affiliate')),
  joined_on date not null,
  left_on date,
  created_at timestamptz not null default now(),
  check (left_on is null or left_on >= joined_on),
  check (partnership_id <> member_id)
);
create index membership_partnership on membership (partnership_id);
create index membership_member on membership (member_id);

create table service_function (
  code text primary key,
  name text not null,
  position integer not null unique
);

insert into service_function (code, name, position) values
  ('recruitment', 'Adopter recruitment and front door', 1),
  ('training', 'Training of adopters', 2),
  ('assessment', 'Assessment of adopters', 3),
  ('panel', 'Panel and decision-making', 4),
  ('family-finding', 'Family finding and matching', 5),
  ('placement-support', 'Post-approval support to the adoption order', 6),
  ('post-order-support', 'Post-order support', 7),
  ('birth-family-support', 'Birth family support', 8),
  ('adopted-adults', 'Support for adopted adults', 9),
  ('non-agency-intercountry', 'Non-agency and inter-country adoption', 10),
  ('financial-support', 'Adoption financial support', 11);

-- Who delivers a function for a member from a date. The deliverer on day D is the entry
-- with the latest effective_on <= D; a member gets a full set of entries on joining, so
-- every member, function and day resolves to exactly one deliverer. Entries are never
-- updated; a transition is a new row.
create table operating_model_entry (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references organisation (id),
  member_id uuid not null references organisation (id),
  function_code text not null references service_function (code),
  effective_on date not null,
  delivered_by text not null check (delivered_by in ('partnership', 'member', 'provider')),
  provider_id uuid references organisation (id),
  recorded_by uuid,
  created_at timestamptz not null default now(),
  unique (partnership_id, member_id, function_code, effective_on),
  check ((delivered_by = 'provider') = (provider_id is not null))
);

create table team (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  name text not null,
  unique (organisation_id, name)
);

create table staff (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  team_id uuid references team (id),
  email text not null unique check (email = lower(email) and position('@' in email) > 1),
  display_name text not null check (length(display_name) between 1 and 200),
  password_hash text,
  totp_secret text,
  totp_enabled boolean not null default false,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index staff_organisation on staff (organisation_id);

create table staff_role (
  staff_id uuid not null references staff (id),
  role text not null check (role in (
    'social-worker', 'team-manager', 'family-finder', 'panel-adviser', 'panel-member',
    'decision-maker', 'recruitment-officer', 'training-coordinator', 'support-worker',
    'analyst', 'finance-officer', 'admin')),
  primary key (staff_id, role)
);

-- Browser sessions live in the database so they survive a restart and can be ended centrally.
create table web_session (
  id text primary key,
  staff_id uuid references staff (id),
  data jsonb not null,
  started_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index web_session_expiry on web_session (expires_at);

-- API tokens: only a SHA-256 of the token is stored; the token itself is shown once.
create table api_token (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff (id),
  token_hash text not null unique,
  label text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Explicit, logged, revocable permission for one person to work on one record that the
-- operating model would not otherwise let them near (e.g. a cross-authority match).
create table access_grant (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff (id),
  record_type text not null,
  record_id uuid not null,
  owner_id uuid not null references organisation (id),
  reason text not null check (length(reason) between 1 and 2000),
  valid_from date not null,
  valid_to date,
  granted_by uuid not null references staff (id),
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references staff (id),
  check (valid_to is null or valid_to >= valid_from)
);
create index access_grant_staff on access_grant (staff_id);
create index access_grant_record on access_grant (record_type, record_id);

-- Append-only, hash-chained audit log. seq is assigned by the writer under a lock so it has
-- no gaps; each hash covers the previous hash and the row's content, so a changed or
-- removed row breaks the chain (`mercia audit verify`).
create table audit_event (
  seq bigint primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_org_id uuid,
  actor_label text,
  action text not null,
  record_type text,
  record_id text,
  owner_id uuid,
  detail jsonb,
  prev_hash text not null,
  hash text not null unique
);
create index audit_event_actor on audit_event (actor_id, at);
create index audit_event_record on audit_event (record_type, record_id);
create index audit_event_owner on audit_event (owner_id, at);
create index audit_event_at on audit_event (at);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_append_only();

-- Who delivers each function for each member on a day: the one place that resolves the
-- effective-dated operating model, used by the access policy and the pages alike.
create function operating_model_on(day date)
returns table (partnership_id uuid, member_id uuid, function_code text, delivered_by text,
               provider_id uuid, effective_on date)
language sql stable as $$
  select distinct on (e.partnership_id, e.member_id, e.function_code)
         e.partnership_id, e.member_id, e.function_code, e.delivered_by, e.provider_id, e.effective_on
  from operating_model_entry e
  join membership m on m.partnership_id = e.partnership_id and m.member_id = e.member_id
   and m.kind = 'member' and m.joined_on <= day and (m.left_on is null or m.left_on > day)
  where e.effective_on <= day
  order by e.partnership_id, e.member_id, e.function_code, e.effective_on desc
$$;
