-- Letterbox (indirect) contact after adoption. An agreement for a child placed for adoption or
-- adopted names the birth relatives who take part and the adoptive family, which way letters go,
-- once or twice a year in which month(s), from when, and its status with a review date; every
-- change to it is a row of its history. Each exchange is one letter one way for one occasion
-- (due by the end of an agreed month): received, screened by the letterbox coordinator (suitable,
-- redacted, or withheld with a reason), forwarded, and a copy filed on the adoption record, in
-- that order. The agreement belongs to the child's placing council. Birth relatives' names are
-- sensitive: they are shown only to those who may see the child's birth family.

create table letterbox_agreement (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references child (id),
  -- The child's placing council, which stays responsible for the record.
  owner_id uuid not null references organisation (id),
  direction text not null check (direction in ('to-birth-family', 'from-birth-family', 'both')),
  first_month integer not null check (first_month between 1 and 12),
  -- Twice a year: the second month; once a year: none.
  second_month integer,
  start_date date not null,
  -- The current status and review date; each change is also a row of letterbox_change.
  status text not null default 'active' check (status in ('active', 'paused', 'ended')),
  review_on date,
  -- Since when the agreement has been active without a break: exchanges fall due from then.
  active_since date not null,
  adoptive_family text not null check (length(btrim(adoptive_family)) between 1 and 200),
  created_by uuid references staff (id),
  created_at timestamptz not null default now(),
  check (second_month is null or (second_month between 1 and 12 and second_month <> first_month)),
  check (review_on is null or review_on >= start_date),
  check (active_since >= start_date)
);
create index letterbox_agreement_owner on letterbox_agreement (owner_id, status);
create index letterbox_agreement_child on letterbox_agreement (child_id);

create table letterbox_party (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references letterbox_agreement (id),
  name text not null check (length(btrim(name)) between 1 and 200),
  relationship text not null check (length(btrim(relationship)) between 1 and 100),
  position integer not null default 0
);
create index letterbox_party_agreement on letterbox_party (agreement_id, position);

create table letterbox_change (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references letterbox_agreement (id),
  changed_on date not null,
  status text not null check (status in ('active', 'paused', 'ended')),
  review_on date,
  note text check (note is null or length(note) <= 2000),
  changed_by uuid references staff (id),
  changed_at timestamptz not null default now()
);
create index letterbox_change_agreement on letterbox_change (agreement_id, changed_on, changed_at);

create table letterbox_exchange (
  id uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references letterbox_agreement (id),
  direction text not null check (direction in ('to-birth-family', 'from-birth-family')),
  -- The occasion it answers: the last day of an agreed month.
  due_on date not null,
  received_on date not null,
  -- Who sent it: a birth relative of the agreement, or (null) the adoptive family.
  from_party_id uuid references letterbox_party (id),
  received_by uuid references staff (id),
  screened_on date,
  screened_by uuid references staff (id),
  outcome text check (outcome in ('suitable', 'redacted', 'withheld')),
  redactions text check (redactions is null or length(redactions) <= 2000),
  withheld_reason text check (withheld_reason is null or length(withheld_reason) <= 2000),
  forwarded_on date,
  -- To whom: a birth relative of the agreement, or (null) the adoptive family.
  forwarded_to_party_id uuid references letterbox_party (id),
  forwarded_by uuid references staff (id),
  filed_on date,
  filed_by uuid references staff (id),
  created_at timestamptz not null default now(),
  unique (agreement_id, direction, due_on),
  -- The order of the steps, kept by the database as well as the model.
  check ((screened_on is null) = (outcome is null)),
  check (screened_on is null or screened_on >= received_on),
  check ((outcome = 'redacted') = (redactions is not null)),
  check ((outcome = 'withheld') = (withheld_reason is not null)),
  check (forwarded_on is null or (screened_on is not null and outcome <> 'withheld' and forwarded_on >= screened_on)),
  check (filed_on is null or (screened_on is not null and filed_on >= coalesce(forwarded_on, screened_on) and (forwarded_on is not null or outcome = 'withheld'))),
  check ((direction = 'from-birth-family') = (from_party_id is not null)),
  check (case when forwarded_on is null then forwarded_to_party_id is null else (direction = 'to-birth-family') = (forwarded_to_party_id is not null) end)
);
create index letterbox_exchange_agreement on letterbox_exchange (agreement_id, due_on);
create index letterbox_exchange_unscreened on letterbox_exchange (received_on) where screened_on is null;

-- The history and the exchanges are kept: nothing is deleted.
create trigger letterbox_change_no_delete before delete on letterbox_change for each row execute function kept_as_written();
create trigger letterbox_exchange_no_delete before delete on letterbox_exchange for each row execute function kept_as_written();
