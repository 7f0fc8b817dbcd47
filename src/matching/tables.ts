// The matching area's tables and columns (migrations/013_matching.sql), merged into Kysely's
// view of the database so the shared schema file is not edited by every area.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';

declare module '../core/schema.ts' {
  interface ChildTable {
    avoid_council_ids: Generated<string[]>;
  }
  interface MilestoneTable {
    household_id: string | null;
  }
  interface Database {
    matching_settings: MatchingSettingsTable;
    link: LinkTable;
    link_child: LinkChildTable;
    link_event: LinkEventTable;
    link_grant: LinkGrantTable;
    inter_agency_fee_rate: InterAgencyFeeRateTable;
    inter_agency_fee: InterAgencyFeeTable;
  }
}

declare module '../adopters/tables.ts' {
  interface ApprovalTermsTable {
    religions: Generated<string[]>;
    languages: Generated<string[]>;
    avoid_council_ids: Generated<string[]>;
  }
}

export interface MatchingSettingsTable {
  organisation_id: string;
  link_cap: number;
  needs_weight: number;
  heritage_weight: number;
  siblings_weight: number;
  distance_weight: number;
  household_wait_weight: number;
  child_wait_weight: number;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface LinkTable {
  id: Generated<string>;
  household_id: string;
  placing_authority_id: string;
  sibling_group_id: string | null;
  status: Generated<string>;
  opened_on: CalendarDate;
  opened_by: string;
  opened_from: string;
  closed_on: CalendarDate | null;
  close_reason: string | null;
  close_notes: string | null;
  matched_on: CalendarDate | null;
  updated_at: Generated<Date>;
}

export interface LinkChildTable {
  link_id: string;
  child_id: string;
}

export interface LinkEventTable {
  id: Generated<number>;
  link_id: string;
  from_status: string | null;
  to_status: string;
  on_date: CalendarDate;
  reason: string | null;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface LinkGrantTable {
  link_id: string;
  grant_id: string;
}

export interface InterAgencyFeeRateTable {
  financial_year: number;
  provider_kind: string;
  children: number;
  amount_pence: number;
  london_weighting_percent: number;
}

export interface InterAgencyFeeTable {
  link_id: string;
  payer_id: string;
  payee_id: string;
  financial_year: number;
  provider_kind: string;
  children: number;
  amount_pence: number;
  london_weighting: boolean;
  recorded_on: CalendarDate;
  recorded_by: string | null;
}
