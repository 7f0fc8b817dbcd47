-- Non-agency (step-parent and partner) adoptions and inter-country adoptions: partnership work
-- under the operating model's 'non-agency-intercountry' function. Each record belongs to a
-- council: for a non-agency adoption, the council where the applicants live, which received the
-- notice of intention; for an inter-country adoption, the council whose agency assesses. The
-- steps of each are dated columns of the one row (each step happens once; the audit log keeps
-- every change with before and after). The child of a non-agency or inter-country adoption is not
-- a looked-after child of the council, so not a Mercia child record: name and date of birth only.

create table non_agency_adoption (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references organisation (id),
  applicant_1_name text not null check (length(btrim(applicant_1_name)) between 1 and 200),
  applicant_2_name text check (length(btrim(applicant_2_name)) between 1 and 200),
  -- The applicants' relationship to the child: it decides the residence requirement (s42 ACA 2002).
  relationship text not null check (relationship in ('step-parent', 'partner-of-parent', 'relative', 'private-foster-carer', 'la-foster-carer')),
  child_name text not null check (length(btrim(child_name)) between 1 and 200),
  child_date_of_birth date not null,
  notice_received_on date not null check (notice_received_on >= child_date_of_birth),
  -- The day the child began living with the applicants (continuously since).
  residence_started_on date not null check (residence_started_on >= child_date_of_birth),
  applied_on date,
  court text check (length(btrim(court)) between 1 and 200),
  court_case_number text check (length(btrim(court_case_number)) between 1 and 50),
  report_requested_on date,
  report_due_on date,
  report_filed_on date,
  outcome text check (outcome in ('order-made', 'refused', 'withdrawn', 'lapsed')),
  outcome_on date,
  opened_by uuid references staff (id),
  created_at timestamptz not null default now(),
  -- The application is a date and a court together; s44(3): 3 months to 2 years after the notice.
  check ((applied_on is null) = (court is null)),
  check (applied_on is null or (applied_on >= notice_received_on + interval '3 months' and applied_on <= notice_received_on + interval '2 years')),
  check (report_requested_on is null or (applied_on is not null and report_requested_on >= applied_on)),
  check ((report_requested_on is null) = (report_due_on is null)),
  check (report_due_on is null or report_due_on >= report_requested_on),
  check (report_filed_on is null or (report_requested_on is not null and report_filed_on >= report_requested_on)),
  check ((outcome is null) = (outcome_on is null)),
  check (outcome_on is null or outcome_on >= notice_received_on),
  check (outcome not in ('order-made', 'refused') or (applied_on is not null and outcome_on >= applied_on)),
  check (outcome <> 'lapsed' or applied_on is null)
);
create index non_agency_adoption_council on non_agency_adoption (council_id, outcome);

create table intercountry_adoption (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references organisation (id),
  applicant_1_name text not null check (length(btrim(applicant_1_name)) between 1 and 200),
  applicant_2_name text check (length(btrim(applicant_2_name)) between 1 and 200),
  country text not null check (length(btrim(country)) between 1 and 100),
  -- Whether the child's country is a Hague Convention country (the route the adoption takes).
  hague boolean not null,
  enquiry_on date not null,
  assessment_provider text check (length(btrim(assessment_provider)) between 1 and 200),
  assessment_commissioned_on date,
  assessment_completed_on date,
  panel_on date,
  decision text check (decision in ('approved', 'not-approved')),
  decision_on date,
  dfe_papers_sent_on date,
  certificate_issued_on date,
  child_name text check (length(btrim(child_name)) between 1 and 200),
  child_date_of_birth date,
  matched_on date,
  arrived_on date,
  order_applied_on date,
  outcome text check (outcome in ('order-made', 'overseas-recognised', 'withdrawn', 'not-approved')),
  outcome_on date,
  opened_by uuid references staff (id),
  created_at timestamptz not null default now(),
  check ((assessment_provider is null) = (assessment_commissioned_on is null)),
  check (assessment_commissioned_on is null or assessment_commissioned_on >= enquiry_on),
  check (assessment_completed_on is null or assessment_completed_on >= assessment_commissioned_on),
  check (panel_on is null or panel_on >= assessment_completed_on),
  check ((decision is null) = (decision_on is null)),
  check (decision_on is null or decision_on >= panel_on),
  -- Papers go to the DfE only after approval; the certificate only after the papers; the child
  -- arrives only after the certificate.
  check (dfe_papers_sent_on is null or (decision = 'approved' and dfe_papers_sent_on >= decision_on)),
  check (certificate_issued_on is null or certificate_issued_on >= dfe_papers_sent_on),
  check ((child_name is null) = (matched_on is null) and (child_date_of_birth is null) = (matched_on is null)),
  check (matched_on is null or matched_on >= certificate_issued_on),
  check (arrived_on is null or arrived_on >= matched_on),
  check (order_applied_on is null or order_applied_on >= arrived_on),
  check ((outcome is null) = (outcome_on is null)),
  check (outcome_on is null or outcome_on >= enquiry_on)
);
create index intercountry_adoption_council on intercountry_adoption (council_id, outcome);
