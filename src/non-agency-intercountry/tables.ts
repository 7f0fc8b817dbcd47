// Kysely's view of migrations/020_non_agency_intercountry.sql, merged into the shared Database type.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';
import type { IntercountryDecision, IntercountryOutcome } from './intercountry-model.ts';
import type { NonAgencyOutcome, Relationship } from './non-agency-model.ts';

declare module '../core/schema.ts' {
  interface Database {
    non_agency_adoption: NonAgencyAdoptionTable;
    intercountry_adoption: IntercountryAdoptionTable;
  }
}

export interface NonAgencyAdoptionTable {
  id: Generated<string>;
  council_id: string;
  applicant_1_name: string;
  applicant_2_name: string | null;
  relationship: Relationship;
  child_name: string;
  child_date_of_birth: CalendarDate;
  notice_received_on: CalendarDate;
  residence_started_on: CalendarDate;
  applied_on: CalendarDate | null;
  court: string | null;
  court_case_number: string | null;
  report_requested_on: CalendarDate | null;
  report_due_on: CalendarDate | null;
  report_filed_on: CalendarDate | null;
  outcome: NonAgencyOutcome | null;
  outcome_on: CalendarDate | null;
  opened_by: string | null;
  created_at: Generated<Date>;
}

export interface IntercountryAdoptionTable {
  id: Generated<string>;
  council_id: string;
  applicant_1_name: string;
  applicant_2_name: string | null;
  country: string;
  hague: boolean;
  enquiry_on: CalendarDate;
  assessment_provider: string | null;
  assessment_commissioned_on: CalendarDate | null;
  assessment_completed_on: CalendarDate | null;
  panel_on: CalendarDate | null;
  decision: IntercountryDecision | null;
  decision_on: CalendarDate | null;
  dfe_papers_sent_on: CalendarDate | null;
  certificate_issued_on: CalendarDate | null;
  child_name: string | null;
  child_date_of_birth: CalendarDate | null;
  matched_on: CalendarDate | null;
  arrived_on: CalendarDate | null;
  order_applied_on: CalendarDate | null;
  outcome: IntercountryOutcome | null;
  outcome_on: CalendarDate | null;
  opened_by: string | null;
  created_at: Generated<Date>;
}
