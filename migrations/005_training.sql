-- Training of adopters: courses (preparation groups and post-approval workshops) organised by
-- a partnership or a council, their sessions at venues in member councils, and bookings of
-- households on sessions, with a waiting list and attendance. A booking is never deleted:
-- cancelling sets its status, so the history of who was booked stays in the record.

create table training_course (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('preparation', 'post-approval')),
  title text not null check (length(title) between 1 and 200),
  description text check (description is null or length(description) <= 2000),
  -- The partnership (training is pooled under Options 2 and 3) or a council.
  organiser_id uuid not null references organisation (id),
  created_by uuid references staff (id),
  created_at timestamptz not null default now()
);
create index training_course_organiser on training_course (organiser_id);

create table training_session (
  id uuid primary key default gen_random_uuid(),
  course_id uuid not null references training_course (id),
  session_date date not null,
  -- Local time in England, `HH:MM`.
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  venue text not null check (length(venue) between 1 and 200),
  -- The member council the venue is in.
  venue_council_id uuid not null references organisation (id),
  capacity integer not null check (capacity > 0),
  trainer_name text not null check (length(trainer_name) between 1 and 200),
  created_by uuid references staff (id),
  created_at timestamptz not null default now()
);
create index training_session_course on training_session (course_id, session_date);
create index training_session_date on training_session (session_date);

create table training_booking (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references training_session (id),
  household_id uuid not null references household (id),
  status text not null check (status in ('booked', 'waiting', 'cancelled')),
  -- Order of arrival: the waiting list is served first come, first served.
  queued_seq bigint generated always as identity,
  attendance text check (attendance in ('attended', 'did-not-attend')),
  attendance_recorded_at timestamptz,
  booked_by uuid references staff (id),
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  check (status <> 'cancelled' or cancelled_at is not null),
  check (attendance is null or status = 'booked')
);
-- No household is booked (or waiting) twice on the same session.
create unique index training_booking_once on training_booking (session_id, household_id) where status <> 'cancelled';
create index training_booking_household on training_booking (household_id);
