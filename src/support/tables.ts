// Kysely's view of migrations/016_support.sql, merged into the shared Database type.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';
import type { AsfKind, AsfStatus, AssessmentOutcome } from './model.ts';

declare module '../core/schema.ts' {
  interface Database {
    support_case: SupportCaseTable;
    support_request: SupportRequestTable;
    support_assessment: SupportAssessmentTable;
    support_plan: SupportPlanTable;
    asf_rule: AsfRuleTable;
    asf_application: AsfApplicationTable;
    adoption_allowance: AdoptionAllowanceTable;
  }
}

export interface SupportCaseTable {
  id: Generated<string>;
  child_id: string;
  household_id: string | null;
  residence_council_id: string;
  opened_on: CalendarDate;
  opened_by: string | null;
  created_at: Generated<Date>;
}

export interface SupportRequestTable {
  id: Generated<string>;
  case_id: string;
  received_on: CalendarDate;
  asked_by: string;
  asked_for: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface SupportAssessmentTable {
  id: Generated<string>;
  case_id: string;
  started_on: CalendarDate;
  completed_on: CalendarDate | null;
  outcome: AssessmentOutcome | null;
  summary: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface SupportPlanTable {
  id: Generated<string>;
  case_id: string;
  what: string;
  provided_by: string;
  starts_on: CalendarDate;
  review_on: CalendarDate;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface AsfRuleTable {
  from_year: number;
  to_year: number | null;
  fair_access_limit_pence: number;
  assessment_limit_pence: number;
  assessments_within_limit: boolean;
  match_funding_limit_pence: number | null;
  within_year: boolean;
  apply_within_months: number;
}

export interface AsfApplicationTable {
  id: Generated<string>;
  case_id: string;
  assessment_id: string;
  kind: AsfKind;
  therapy_type: string;
  provider: string;
  amount_pence: number;
  match_funded_pence: Generated<number>;
  financial_year: number;
  ends_on: CalendarDate;
  applied_on: CalendarDate | null;
  status: Generated<AsfStatus>;
  decision_on: CalendarDate | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface AdoptionAllowanceTable {
  id: Generated<string>;
  case_id: string;
  payer_id: string;
  assessed_on: CalendarDate;
  weekly_pence: number;
  starts_on: CalendarDate;
  review_on: CalendarDate;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}
