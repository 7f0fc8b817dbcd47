// ASGLB-style quarterly tables (DOMAIN.md §3.4): the same measures for each financial quarter
// (April–June, …) that the period covers, one block of council rows and a total per quarter.
// A figure's drill key is `<quarter start>/<measure>:<row>`.
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import type { Cell, Table } from '../../core/http/tables.ts';
import type { DrillDown, Report, ReportScope } from '../report.ts';
import { countsOf, drillIds, measureTable, parseKey, scopeNames, type MeasureReportSpec, type MeasureTable } from './measures.ts';

const MAX_QUARTERS = 12;

/** The financial quarters the period touches, each cut to the period, at most 12 (the latest). */
export function quarters(period: { from: string; to: string }): ReportScope['period'][] {
  const out: ReportScope['period'][] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) * 3 + 1;
  for (;;) {
    const from = `${y}-${String(m).padStart(2, '0')}-01`;
    if (from > period.to) break;
    const endMonth = m + 2;
    const to = new Date(Date.UTC(y, endMonth, 0)).toISOString().slice(0, 10);
    const fy = m >= 4 ? y : y - 1;
    const q = m >= 4 ? (m - 1) / 3 : 4;
    out.push({ from: from < period.from ? period.from : from, to: to > period.to ? period.to : to, label: `Q${q} ${fy}-${String((fy + 1) % 100).padStart(2, '0')}` });
    m += 3;
    if (m > 12) { m = 1; y += 1; }
  }
  return out.slice(-MAX_QUARTERS);
}

export interface QuarterlySpec extends Omit<MeasureReportSpec, 'tables'> {
  caption: string;
  /** The table for one quarter (its scope's period is the quarter). */
  table(quarter: ReportScope): MeasureTable;
}

export function quarterlyReport(spec: QuarterlySpec): Report {
  return {
    name: spec.name, title: spec.title, description: spec.description,
    async run(db: Db, _ctx: RequestContext, scope: ReportScope) {
      const names = await scopeNames(db, scope);
      const rows: Record<string, Cell>[] = [];
      const links: Record<string, string>[] = [];
      let columns: Table['columns'] = [];
      for (const q of quarters(scope.period)) {
        const qScope = { ...scope, period: q };
        const table = spec.table(qScope);
        const t = measureTable({ ...spec, tables: [table] }, table, await countsOf(db, table, qScope), names);
        columns = [{ key: 'quarter', label: 'Quarter' }, ...t.columns];
        t.rows.forEach((r, i) => {
          rows.push({ quarter: q.label, ...r });
          links.push(Object.fromEntries(Object.entries(t.links?.[i] ?? {}).map(([k, v]) => [k, `${q.from}/${v}`])));
        });
      }
      return { tables: [{ caption: spec.caption, columns, rows, links }], notes: spec.notes(scope) };
    },
    async drill(db: Db, _ctx: RequestContext, scope: ReportScope, key: string): Promise<DrillDown | null> {
      const [start, rest] = key.split('/');
      const q = quarters(scope.period).find((x) => x.from === start);
      const parsed = rest ? parseKey(rest, scope) : null;
      if (!q || !parsed) return null;
      const table = spec.table({ ...scope, period: q });
      const measure = table.measures.find((m) => m.key === parsed.measure);
      if (!measure || measure.noDrill) return null;
      return { title: `${measure.label}, ${q.label}`, kind: spec.kind, ids: await drillIds(db, table.base({ ...scope, period: q }), measure.when, parsed.row) };
    },
  };
}
