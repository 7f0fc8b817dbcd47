// The adopters area's tables and household columns (migrations/003_adopters.sql), merged
// into Kysely's view of the database so the shared schema file is not edited by every area.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';

declare module '../core/schema.ts' {
  interface HouseholdTable {
    relationship: Generated<string>;
    fast_track: string | null;
    interest_ffa: Generated<boolean>;
    interest_concurrent: Generated<boolean>;
    stage1_plan_agreed_on: CalendarDate | null;
    stage1_outcome: string | null;
    assessing_worker_id: string | null;
    par_status: string | null;
    panel_on: CalendarDate | null;
    adm_outcome: string | null;
    adm_decided_on: CalendarDate | null;
    representation_ends_on: CalendarDate | null;
    approval_review_due_on: CalendarDate | null;
    status_changed_on: CalendarDate | null;
    left_on: CalendarDate | null;
    leaving_reason: string | null;
  }
  interface Database {
    household_member: HouseholdMemberTable;
    household_check: HouseholdCheckTable;
    stage_event: StageEventTable;
    approval_terms: ApprovalTermsTable;
  }
}

export interface HouseholdMemberTable {
  id: Generated<string>;
  household_id: string;
  name: string;
  relationship: string;
  date_of_birth: CalendarDate;
  created_at: Generated<Date>;
}

export interface HouseholdCheckTable {
  id: Generated<string>;
  household_id: string;
  kind: string;
  subject: string;
  relative: Generated<boolean>;
  status: Generated<string>;
  requested_on: CalendarDate;
  received_on: CalendarDate | null;
  issued_on: CalendarDate | null;
  expires_on: CalendarDate | null;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StageEventTable {
  id: Generated<string>;
  household_id: string;
  type: string;
  date: CalendarDate;
  outcome: string | null;
  par_status: string | null;
  status: string | null;
  reason: string | null;
  staff_id: string | null;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface ApprovalTermsTable {
  household_id: string;
  min_children: number;
  max_children: number;
  min_age: number;
  max_age: number;
  child_sex: Generated<string>;
  sibling_group: Generated<boolean>;
  developmental_delay: string;
  learning_disability: string;
  physical_disability: string;
  medical_conditions: string;
  fasd: string;
  family_mental_illness: string;
  family_substance_misuse: string;
  ongoing_contact: string;
  ethnicity_considerations: string | null;
  religion_considerations: string | null;
  language_considerations: string | null;
  areas_to_avoid: string | null;
  updated_at: Generated<Date>;
}
