-- Insight (decision 021): the Adoption Scorecard's thresholds by period, held as data, and the
-- published figures the council's own are shown beside (England, statistical neighbours).

-- A threshold applies to every scorecard window ending on or after first_window_end, until the
-- next row for the same measure. A1 and A2 from DOMAIN.md §3.1; A10 is A1 adjusted for foster
-- carers who adopt, judged against A1's threshold; A3 has none.
create table scorecard_threshold (
  measure text not null check (measure in ('A1', 'A2', 'A10')),
  first_window_end date not null check (extract(month from first_window_end) = 3 and extract(day from first_window_end) = 31),
  days integer not null check (days > 0),
  months integer not null check (months > 0),
  label text not null check (length(label) between 1 and 200),
  source text not null check (length(source) between 1 and 500),
  primary key (measure, first_window_end)
);

insert into scorecard_threshold (measure, first_window_end, days, months, label, source) values
  ('A1', '2012-03-31', 639, 21, 'Interim threshold, first scorecards (21 months)', 'DfE press release on the first adoption scorecards; id.esd.org.uk/metricType/912'),
  ('A1', '2014-03-31', 547, 18, '2011-14 threshold (18 months)', 'docplayer.net/amp/20077661 (Wolverhampton)'),
  ('A1', '2015-03-31', 487, 16, '2012-15 threshold (16 months)', 'docplayer.net/amp/20077661 (Wolverhampton)'),
  ('A1', '2016-03-31', 426, 14, '2013-16 threshold onward (14 months)', 'gov.uk/government/news/adoption-scorecards-and-thresholds-published (January 2014)'),
  ('A2', '2012-03-31', 213, 7, 'Interim threshold, first scorecards (7 months)', 'DfE press release on the first adoption scorecards; id.esd.org.uk/metricType/912'),
  ('A2', '2014-03-31', 182, 6, '2011-14 threshold (6 months)', 'docplayer.net/amp/20077661 (Wolverhampton)'),
  ('A2', '2015-03-31', 152, 5, '2012-15 threshold (5 months)', 'docplayer.net/amp/20077661 (Wolverhampton)'),
  ('A2', '2016-03-31', 121, 4, '2013-16 threshold onward (4 months)', 'gov.uk/government/news/adoption-scorecards-and-thresholds-published (January 2014)'),
  ('A10', '2012-03-31', 639, 21, 'A1''s interim threshold (21 months)', 'As A1: A10 is A1 adjusted for foster carer adoptions'),
  ('A10', '2014-03-31', 547, 18, 'A1''s 2011-14 threshold (18 months)', 'As A1: A10 is A1 adjusted for foster carer adoptions'),
  ('A10', '2015-03-31', 487, 16, 'A1''s 2012-15 threshold (16 months)', 'As A1: A10 is A1 adjusted for foster carer adoptions'),
  ('A10', '2016-03-31', 426, 14, 'A1''s 2013-16 threshold onward (14 months)', 'As A1: A10 is A1 adjusted for foster carer adoptions');

-- Published figures by measure, comparator and period: England's, or a council's statistical
-- neighbours' (council_id names whose neighbours). A period is named by the 31 March that ends
-- it (the scorecard's three-year window, or the year). Imported from CSV, all or nothing.
create table comparator_figure (
  id uuid primary key default gen_random_uuid(),
  measure text not null check (measure ~ '^[A-Z][A-Z0-9]{0,9}$'),
  comparator text not null check (comparator in ('england', 'statistical-neighbours')),
  council_id uuid references organisation (id),
  period_end date not null check (extract(month from period_end) = 3 and extract(day from period_end) = 31),
  value numeric(12, 2) not null,
  source text not null check (length(source) between 1 and 500),
  -- Made up for the demo, not a published figure: the page says so.
  illustrative boolean not null default false,
  imported_at timestamptz not null default now(),
  check ((comparator = 'england') = (council_id is null))
);
create unique index comparator_figure_key on comparator_figure (measure, comparator, coalesce(council_id, '00000000-0000-0000-0000-000000000000'::uuid), period_end);

-- The scorecard finds a window's adopted children from their adoption orders by date.
create index milestone_adoption_order_date on milestone (date, child_id) where type = 'adoption-order';
