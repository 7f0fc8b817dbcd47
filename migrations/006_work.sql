-- Each morning's work queues: what was due from each person when the daily job ran. The home
-- page shows the live queue; this snapshot is the record of reminders given, and lets a team
-- manager see the state of the team's work at the start of the day.
create table work_item (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff (id),
  computed_on date not null,
  kind text not null,
  title text not null,
  href text not null,
  due_on date not null,
  overdue boolean not null
);
create index work_item_staff on work_item (staff_id, computed_on);
