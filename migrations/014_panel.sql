-- The adoption panel and the agency decision maker's decisions (AAR 2005 regs 3–6, 26, 30–33;
-- docs/panel.md). A panel belongs to an organisation (a partnership, a council or an agency);
-- which panel hears a record follows the operating model's "panel" function on the day. Its
-- members have roles; a meeting has a date, a venue, the members expected and who attended;
-- each agenda item is about one record (a household's approval or review, a match of a link,
-- a relinquished child's "should be placed for adoption"), has papers chosen from the record's
-- documents, the panel's recommendation with any dissent, and the decision of the agency that
-- owns the record. Final minutes and decisions are kept as written.

create table panel (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references organisation (id),
  name text not null check (length(btrim(name)) between 1 and 200),
  -- The quorum, held as data (default: reg 6 of the 2005 regulations as amended).
  quorum_min_present integer not null default 5 check (quorum_min_present between 1 and 20),
  quorum_chair_or_vice boolean not null default true,
  -- A social worker with at least this many years' post-qualifying experience; null: none needed.
  quorum_social_worker_years integer default 3 check (quorum_social_worker_years between 0 and 40),
  quorum_independent boolean not null default true,
  -- The decision maker decides within this many working days of the final minutes.
  decision_working_days integer not null default 7 check (decision_working_days between 1 and 60),
  created_by uuid references staff (id),
  created_at timestamptz not null default now()
);
create unique index panel_name on panel (owner_id, lower(name));

create table panel_member (
  id uuid primary key default gen_random_uuid(),
  panel_id uuid not null references panel (id),
  name text not null check (length(btrim(name)) between 1 and 200),
  role text not null check (role in ('chair', 'vice-chair', 'social-work', 'independent', 'medical-adviser', 'legal-adviser', 'panel-adviser')),
  -- A Mercia account (role panel-member) lets the member sign in to read their meetings' papers.
  staff_id uuid references staff (id),
  pqe_years integer check (pqe_years between 0 and 60),
  personal_experience boolean not null default false,
  joined_on date not null,
  left_on date,
  created_by uuid references staff (id),
  created_at timestamptz not null default now(),
  check (role <> 'social-work' or pqe_years is not null),
  check (role = 'social-work' or pqe_years is null),
  check (role = 'independent' or not personal_experience),
  check (left_on is null or left_on >= joined_on)
);
create index panel_member_panel on panel_member (panel_id);
create unique index panel_member_account on panel_member (panel_id, staff_id) where staff_id is not null and left_on is null;
create index panel_member_staff on panel_member (staff_id) where staff_id is not null;

create table panel_meeting (
  id uuid primary key default gen_random_uuid(),
  panel_id uuid not null references panel (id),
  meeting_date date not null,
  venue text not null check (length(btrim(venue)) between 1 and 200),
  -- Members read the papers until this day (inclusive), then no longer.
  papers_until date not null,
  minutes text check (minutes is null or length(minutes) <= 20000),
  minutes_final_on date,
  minutes_finalised_by uuid references staff (id),
  created_by uuid references staff (id),
  created_at timestamptz not null default now(),
  check (papers_until >= meeting_date),
  check (minutes_final_on is null or minutes_final_on >= meeting_date)
);
create index panel_meeting_panel on panel_meeting (panel_id, meeting_date desc);

create table panel_meeting_member (
  meeting_id uuid not null references panel_meeting (id),
  member_id uuid not null references panel_member (id),
  expected boolean not null,
  -- Null until attendance is recorded.
  attended boolean,
  primary key (meeting_id, member_id),
  check (expected or attended is not null)
);
create index panel_meeting_member_member on panel_meeting_member (member_id);

create table panel_item (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references panel_meeting (id),
  position integer not null check (position >= 1),
  kind text not null check (kind in ('approval', 'match', 'review', 'shobpa')),
  -- The household (approval, review, and the household of a match's link).
  household_id uuid references household (id),
  -- The link of a match (migration 013).
  link_id uuid references link (id),
  -- The relinquished child (SHOBPA).
  child_id uuid references child (id),
  -- The agency whose decision maker decides: the household's owner, or the child's placing council.
  decision_agency_id uuid not null references organisation (id),
  added_by uuid references staff (id),
  added_at timestamptz not null default now(),
  recommendation text,
  recommendation_reasons text check (recommendation_reasons is null or length(recommendation_reasons) <= 6000),
  -- For an approval: the panel's advice on the number, age, sex, needs and background of children.
  approved_for text check (approved_for is null or length(approved_for) <= 200),
  recommended_by uuid references staff (id),
  recommended_at timestamptz,
  -- Set when the minutes are final: the final day plus the panel's working days.
  decision_due_on date,
  decision text,
  decision_reasons text check (decision_reasons is null or length(decision_reasons) <= 6000),
  decided_on date,
  decided_by uuid references staff (id),
  decided_at timestamptz,
  unique (meeting_id, position),
  check ((kind in ('approval', 'review') and household_id is not null and link_id is null and child_id is null)
      or (kind = 'match' and household_id is not null and link_id is not null and child_id is null)
      or (kind = 'shobpa' and child_id is not null and household_id is null and link_id is null)),
  check ((recommendation is null) = (recommendation_reasons is null)),
  check (recommendation is null or recommendation in ('approve', 'do-not-approve', 'match', 'do-not-match', 'continue', 'de-register', 'place', 'do-not-place')),
  check (decision is null or decision in ('approve', 'do-not-approve', 'match', 'do-not-match', 'continue', 'de-register', 'place', 'do-not-place')),
  check ((decision is null) = (decided_on is null) and (decision is null) = (decision_reasons is null)),
  check (decision is null or (recommendation is not null and decision_due_on is not null))
);
create index panel_item_meeting on panel_item (meeting_id, position);
create index panel_item_due on panel_item (decision_agency_id, decision_due_on) where decision is null and decision_due_on is not null;
create index panel_item_household on panel_item (household_id) where household_id is not null;
create index panel_item_child on panel_item (child_id) where child_id is not null;
-- A record is on a meeting's agenda once.
create unique index panel_item_once_household on panel_item (meeting_id, kind, household_id) where kind in ('approval', 'review');
create unique index panel_item_once_link on panel_item (meeting_id, link_id) where link_id is not null;
create unique index panel_item_once_child on panel_item (meeting_id, child_id) where child_id is not null;

create table panel_dissent (
  item_id uuid not null references panel_item (id),
  member_id uuid not null references panel_member (id),
  reason text not null check (length(btrim(reason)) between 1 and 2000),
  primary key (item_id, member_id)
);

-- Papers: documents of the item's records (casework's document table) that the meeting's members may read.
create table panel_paper (
  item_id uuid not null references panel_item (id),
  document_id uuid not null references document (id),
  added_by uuid references staff (id),
  added_at timestamptz not null default now(),
  primary key (item_id, document_id)
);
create index panel_paper_document on panel_paper (document_id);

-- Final minutes are kept as written; so are a decision once made, and every item of final minutes.
create function panel_final_kept() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'panel_meeting' then
    if old.minutes_final_on is not null then
      raise exception 'the minutes of panel meeting % are final and kept as written', old.id using errcode = 'check_violation';
    end if;
  elsif tg_table_name = 'panel_item' then
    if old.decision is not null then
      raise exception 'the decision on panel item % is kept as written', old.id using errcode = 'check_violation';
    end if;
    if exists (select 1 from panel_meeting m where m.id = old.meeting_id and m.minutes_final_on is not null)
       and (new.recommendation is distinct from old.recommendation or new.recommendation_reasons is distinct from old.recommendation_reasons
            or new.approved_for is distinct from old.approved_for or new.position <> old.position or new.kind <> old.kind
            or new.household_id is distinct from old.household_id or new.link_id is distinct from old.link_id or new.child_id is distinct from old.child_id
            or new.decision_due_on is distinct from old.decision_due_on) then
      raise exception 'the minutes of the meeting of panel item % are final: its recommendation is kept as written', old.id using errcode = 'check_violation';
    end if;
  end if;
  return new;
end $$;
create trigger panel_meeting_final_kept before update on panel_meeting for each row execute function panel_final_kept();
create trigger panel_item_final_kept before update on panel_item for each row execute function panel_final_kept();
create trigger panel_meeting_no_delete before delete on panel_meeting for each row execute function kept_as_written();
create trigger panel_item_no_delete before delete on panel_item for each row execute function kept_as_written();
create trigger panel_dissent_no_delete before delete on panel_dissent for each row execute function kept_as_written();
