// Kysely's view of migrations/018_birth_family_support.sql, merged into the shared Database type.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';
import type { OfferAnswer, OfferKind, Outcome, Referrer, Relationship, SessionKind } from './model.ts';

declare module '../core/schema.ts' {
  interface Database {
    birth_family_case: BirthFamilyCaseTable;
    birth_family_referral: BirthFamilyReferralTable;
    birth_family_offer: BirthFamilyOfferTable;
    birth_family_session: BirthFamilySessionTable;
    birth_family_closure: BirthFamilyClosureTable;
  }
}

export interface BirthFamilyCaseTable {
  id: Generated<string>;
  owner_id: string;
  child_id: string | null;
  child_first_name: string | null;
  child_birth_year: number | null;
  given_name: string;
  family_name: string;
  date_of_birth: CalendarDate | null;
  relationship: Relationship;
  opened_on: CalendarDate;
  opened_by: string | null;
  created_at: Generated<Date>;
}

export interface BirthFamilyReferralTable {
  id: Generated<string>;
  case_id: string;
  received_on: CalendarDate;
  referred_by: Referrer;
  reason: string;
  consent_to_share: boolean;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface BirthFamilyOfferTable {
  id: Generated<string>;
  case_id: string;
  made_on: CalendarDate;
  kind: OfferKind;
  answer: OfferAnswer | null;
  answered_on: CalendarDate | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface BirthFamilySessionTable {
  id: Generated<string>;
  case_id: string;
  held_on: CalendarDate;
  kind: SessionKind;
  minutes: number;
  note: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface BirthFamilyClosureTable {
  id: Generated<string>;
  case_id: string;
  closed_on: CalendarDate;
  outcome: Outcome;
  summary: string;
  closed_by: string | null;
  reopened_on: CalendarDate | null;
  reopen_reason: string | null;
  reopened_by: string | null;
  recorded_at: Generated<Date>;
}
