// Kysely's view of migrations/019_adopted_adults.sql, merged into the shared Database type.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';
import type { Answer, ApplicantRole, Counsellor, Outcome, Relationship, RequestKind, Step, VetoKind } from './model.ts';

declare module '../core/schema.ts' {
  interface Database {
    adopted_adult_request: AdoptedAdultRequestTable;
    adopted_adult_counselling: AdoptedAdultCounsellingTable;
    adopted_adult_step: AdoptedAdultStepTable;
    adopted_adult_veto: AdoptedAdultVetoTable;
  }
}

export interface AdoptedAdultRequestTable {
  id: Generated<string>;
  owner_id: string;
  kind: RequestKind;
  received_on: CalendarDate;
  applicant_given_name: string;
  applicant_family_name: string;
  applicant_date_of_birth: CalendarDate;
  applicant_address: string | null;
  applicant_role: ApplicantRole;
  relationship: Relationship | null;
  birth_name: string;
  adoptive_name: string;
  adopted_date_of_birth: CalendarDate;
  order_on: CalendarDate;
  order_on_exact: boolean;
  court: string | null;
  outcome: Outcome | null;
  outcome_reason: string | null;
  closed_on: CalendarDate | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AdoptedAdultCounsellingTable {
  id: Generated<string>;
  request_id: string;
  held_on: CalendarDate;
  counsellor: Counsellor;
  minutes: number | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface AdoptedAdultStepTable {
  id: Generated<string>;
  request_id: string;
  step: Step;
  on_date: CalendarDate;
  person: string | null;
  answer: Answer | null;
  meets_veto_circumstances: boolean | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface AdoptedAdultVetoTable {
  id: Generated<string>;
  request_id: string;
  kind: VetoKind;
  circumstances: string | null;
  registered_on: CalendarDate;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}
