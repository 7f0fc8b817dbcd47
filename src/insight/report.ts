// What a report is: a named set of tables (and, where a manager would rather look, charts) for
// the councils a person may see over a period. Every report is reachable the same three ways —
// its page, `GET /api/v1/reports/<name>` and `mercia report <name>` — and every table downloads
// as CSV and XLSX (core/http/tables.ts).
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import type { Table } from '../core/http/tables.ts';

/** A stretch of days, both ends included, with how people name it ("2025-26", "Q2 2026-27", "3 years to 31 March 2026"). */
export interface Period {
  from: string;
  to: string;
  label: string;
}

/** What a report is asked for: which councils (each one the person may see), or the whole partnership, and when. */
export interface ReportScope {
  /** The councils the figures cover; a partnership's figures are over all its councils together. */
  councilIds: readonly string[];
  partnershipId?: string;
  period: Period;
}

export interface ReportResult {
  tables: Table[];
  /** Sentences stating cohorts, suppression and assumptions, shown above the tables. */
  notes?: string[];
}

/** The children or households behind one figure of a report, found again from the figure's key. */
export interface DrillDown {
  title: string;
  kind: 'children' | 'households';
  ids: string[];
}

export interface Report {
  /** The address and command name: `scorecard`, `lac-rates`, … */
  name: string;
  title: string;
  description: string;
  run(db: Db, ctx: RequestContext, scope: ReportScope): Promise<ReportResult>;
  /**
   * The records behind a figure. A table's cell links here through the row's `links` (column key
   * to drill key); the drill-down page shows only those of them the person may see, as the lists do.
   */
  drill?(db: Db, ctx: RequestContext, scope: ReportScope, key: string): Promise<DrillDown | null>;
}
