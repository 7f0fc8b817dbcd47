// Tables and scopes as the pages show them: a report's Table becomes rows of cells (a cell with a
// drill key links to the drill-down of its report for the same scope), and a resolved scope
// becomes the query that asks for it again.
import type { Table } from '../../core/http/tables.ts';
import { isWindowEnd } from '../periods.ts';
import type { ResolvedScope } from '../service.ts';

export interface ViewCell {
  text: string;
  href?: string;
  numeric: boolean;
}

export interface ViewTable {
  caption: string;
  head: { text: string; numeric: boolean }[];
  rows: ViewCell[][];
}

/** The query naming the same councils and period (for links, downloads and drill-downs). */
export function scopeParams(r: ResolvedScope): Record<string, string> {
  const params: Record<string, string> = {};
  if (r.council) params.la = r.council.slug;
  else if (r.partnership) params.partnership = r.partnership.slug;
  const p = r.scope.period;
  if (isWindowEnd(p.to) && p.label.startsWith('3 years')) params.windowEnd = p.to;
  else Object.assign(params, { from: p.from, to: p.to });
  return params;
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  return q.toString();
}

export function viewTable(table: Table, drillBase: string | null): ViewTable {
  return {
    caption: table.caption,
    head: table.columns.map((c) => ({ text: c.label, numeric: Boolean(c.numeric) })),
    rows: table.rows.map((row, i) => table.columns.map((c) => {
      const v = row[c.key];
      const link = table.links?.[i]?.[c.key];
      const text = v === null || v === undefined || v === '' ? (c.numeric ? '–' : '') : typeof v === 'number' ? v.toLocaleString('en-GB') : v;
      const href = link === undefined ? undefined : link.startsWith('/') ? link : drillBase ? `${drillBase}&key=${encodeURIComponent(link)}` : undefined;
      return { text, numeric: Boolean(c.numeric), ...(href ? { href } : {}) };
    })),
  };
}
