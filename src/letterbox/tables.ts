// Kysely's view of migrations/017_letterbox.sql, merged into the shared Database type.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';
import type { AgreementDirection, AgreementStatus, ExchangeDirection, ScreeningOutcome } from './model.ts';

export interface LetterboxAgreementTable {
  id: Generated<string>;
  child_id: string;
  owner_id: string;
  direction: AgreementDirection;
  first_month: number;
  second_month: number | null;
  start_date: CalendarDate;
  status: Generated<AgreementStatus>;
  review_on: CalendarDate | null;
  active_since: CalendarDate;
  adoptive_family: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LetterboxPartyTable {
  id: Generated<string>;
  agreement_id: string;
  name: string;
  relationship: string;
  position: Generated<number>;
}

export interface LetterboxChangeTable {
  id: Generated<string>;
  agreement_id: string;
  changed_on: CalendarDate;
  status: AgreementStatus;
  review_on: CalendarDate | null;
  note: string | null;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface LetterboxExchangeTable {
  id: Generated<string>;
  agreement_id: string;
  direction: ExchangeDirection;
  due_on: CalendarDate;
  received_on: CalendarDate;
  from_party_id: string | null;
  received_by: string | null;
  screened_on: CalendarDate | null;
  screened_by: string | null;
  outcome: ScreeningOutcome | null;
  redactions: string | null;
  withheld_reason: string | null;
  forwarded_on: CalendarDate | null;
  forwarded_to_party_id: string | null;
  forwarded_by: string | null;
  filed_on: CalendarDate | null;
  filed_by: string | null;
  created_at: Generated<Date>;
}

declare module '../core/schema.ts' {
  interface Database {
    letterbox_agreement: LetterboxAgreementTable;
    letterbox_party: LetterboxPartyTable;
    letterbox_change: LetterboxChangeTable;
    letterbox_exchange: LetterboxExchangeTable;
  }
}
