// Kysely's view of migrations/023_insight.sql, merged into the shared Database type (decision 005).
import type { ColumnType, Generated } from 'kysely';

declare module '../core/schema.ts' {
  interface Database {
    scorecard_threshold: ScorecardThresholdTable;
    comparator_figure: ComparatorFigureTable;
  }
}

export interface ScorecardThresholdTable {
  measure: string;
  first_window_end: string;
  days: number;
  months: number;
  label: string;
  source: string;
}

export interface ComparatorFigureTable {
  id: Generated<string>;
  measure: string;
  comparator: 'england' | 'statistical-neighbours';
  council_id: string | null;
  period_end: string;
  /** numeric: pg returns it as text. */
  value: ColumnType<string, number | string, number | string>;
  source: string;
  illustrative: Generated<boolean>;
  imported_at: Generated<Date>;
}
