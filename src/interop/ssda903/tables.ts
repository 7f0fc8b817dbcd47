// Kysely's view of migrations/007_ssda903.sql, merged into the shared Database interface.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../../core/schema.ts';

export interface ChildAdoptionTable {
  child_id: string;
  adopted_by_foster_carer: boolean;
  adopter_count: number;
  adopter_sexes: string;
  adopter_legal_status: string;
  updated_at: Generated<Date>;
}

export interface PreviousPermanenceTable {
  child_id: string;
  previous_order: string | null;
  la_code: string | null;
  order_date: CalendarDate | null;
  updated_at: Generated<Date>;
}

export interface Ssda903RunTable {
  id: Generated<string>;
  council_id: string;
  collection_year: string;
  mode: 'validate' | 'import';
  status: Generated<'running' | 'done' | 'failed'>;
  outcome: 'valid' | 'invalid' | 'imported' | 'refused' | null;
  files: string;
  children: Generated<number>;
  errors: Generated<number>;
  warnings: Generated<number>;
  counts: string | null;
  failure: string | null;
  started_by: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export interface Ssda903FindingTable {
  run_id: string;
  seq: number;
  file: string;
  line: number | null;
  column_name: string | null;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  child: string | null;
}

declare module '../../core/schema.ts' {
  interface Database {
    child_adoption: ChildAdoptionTable;
    previous_permanence: PreviousPermanenceTable;
    ssda903_run: Ssda903RunTable;
    ssda903_finding: Ssda903FindingTable;
  }
}
