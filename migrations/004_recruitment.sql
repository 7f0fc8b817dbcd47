-- Adopter recruitment and the front door: enquiries (routed to whoever delivers recruitment
-- for the enquirer's council on the day), the contact log, information events with their
-- invitations and attendance, and registrations of interest (ROI) with their decision. An
-- accepted ROI creates the household (adopters area) and is linked to it.

create table information_event (
  id uuid primary key default gen_random_uuid(),
  organiser_id uuid not null references organisation (id),
  title text not null check (length(title) between 1 and 200),
  event_date date not null,
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  venue text not null check (length(venue) between 1 and 300),
  venue_council_id uuid not null references organisation (id),
  capacity integer not null check (capacity between 1 and 1000),
  created_by uuid references staff (id),
  created_at timestamptz not null default now()
);
create index information_event_date on information_event (event_date);

create table enquiry (
  id uuid primary key default gen_random_uuid(),
  -- The organisation whose front door received it: it owns the record.
  front_door_id uuid not null references organisation (id),
  -- The council area the enquirer lives in; null when outside every council we know.
  council_id uuid references organisation (id),
  -- When outside: the partnership they chose to enquire with.
  partnership_id uuid references organisation (id),
  received_on date not null,
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  email text not null check (length(email) between 3 and 254),
  phone text not null check (length(phone) between 1 and 30),
  heard_from text not null check (heard_from in ('website', 'social-media', 'friend-or-family', 'event', 'advert', 'other')),
  source text not null default 'web-form' check (source in ('web-form', 'api', 'phone', 'email', 'event', 'other')),
  campaign text check (length(campaign) <= 200),
  consent_given boolean not null check (consent_given),
  info_pack_sent_on date,
  status text not null default 'open' check (status in ('open', 'roi-received', 'not-proceeding')),
  closed_on date,
  not_proceeding_reason text check (length(not_proceeding_reason) <= 2000),
  created_at timestamptz not null default now(),
  check (council_id is not null or partnership_id is not null),
  check ((status = 'not-proceeding') = (not_proceeding_reason is not null)),
  check (info_pack_sent_on is null or info_pack_sent_on >= received_on)
);
create index enquiry_front_door on enquiry (front_door_id, status, received_on);
create index enquiry_council on enquiry (council_id, received_on);
create index enquiry_received on enquiry (received_on);

create table enquiry_contact (
  id uuid primary key default gen_random_uuid(),
  enquiry_id uuid not null references enquiry (id),
  contact_on date not null,
  method text not null check (method in ('phone', 'email', 'letter', 'in-person', 'video', 'text-message')),
  notes text check (length(notes) <= 4000),
  recorded_by uuid references staff (id),
  recorded_at timestamptz not null default now()
);
create index enquiry_contact_enquiry on enquiry_contact (enquiry_id, contact_on);

create table event_invitation (
  event_id uuid not null references information_event (id),
  enquiry_id uuid not null references enquiry (id),
  invited_on date not null,
  -- null until the event has happened and attendance is recorded.
  attended boolean,
  primary key (event_id, enquiry_id)
);
create index event_invitation_enquiry on event_invitation (enquiry_id);

create table registration_of_interest (
  id uuid primary key default gen_random_uuid(),
  enquiry_id uuid not null unique references enquiry (id),
  received_on date not null,
  decision text check (decision in ('accepted', 'declined')),
  decided_on date,
  decline_reason text check (length(decline_reason) <= 2000),
  decided_by uuid references staff (id),
  household_id uuid unique references household (id),
  created_at timestamptz not null default now(),
  check ((decision is null) = (decided_on is null)),
  check (decided_on is null or decided_on >= received_on),
  check ((decision = 'declined') = (decline_reason is not null)),
  check ((decision = 'accepted') = (household_id is not null))
);
create index registration_of_interest_received on registration_of_interest (received_on);
