// The shape most of these reports share: a base query giving one row per child or household in
// the scope (its id, the council it counts for, and true/false facts about it), counted in SQL
// per council and over all of them at once (grouping sets), so the partnership row is a count
// over every record, never a sum or an average of the councils' figures. Each count cell links
// to the records behind it by a drill key `<measure>:<council id | all | elsewhere>`.
import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import type { Cell, Table, TableColumn } from '../../core/http/tables.ts';
import type { DrillDown, Report, ReportResult, ReportScope } from '../report.ts';

export interface Council {
  id: string;
  code: string | null;
  name: string;
}

/** The scope's councils by name, and the partnership's name when the scope is a partnership's. */
export async function scopeNames(db: Db, scope: ReportScope): Promise<{ councils: Council[]; total: string }> {
  const ids = [...scope.councilIds, ...(scope.partnershipId ? [scope.partnershipId] : [])];
  const rows = ids.length ? await db.selectFrom('organisation').select(['id', 'code', 'name']).where('id', 'in', ids).execute() : [];
  const councils = rows.filter((r) => scope.councilIds.includes(r.id)).sort((a, b) => a.name.localeCompare(b.name));
  const partnership = rows.find((r) => r.id === scope.partnershipId);
  return { councils, total: partnership ? `${partnership.name} (all its councils)` : 'All these councils' };
}

/** A share as a percentage to one decimal place, or null when there is nothing to share out. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The scope's councils as SQL values, for `in (…)`; a scope without councils matches nothing. */
export function idsIn(ids: readonly string[]): RawBuilder<unknown> {
  return ids.length ? sql`(${sql.join(ids.map((id) => sql`${id}::uuid`))})` : sql`(null::uuid)`;
}

export interface Measure {
  key: string;
  label: string;
  /** A true/false expression over the base query's columns (a constant of the report, never input). */
  when: string;
  /** The records behind it are not children or households (enquiries), or it is a sum: no drill-down. */
  noDrill?: boolean;
  /** Instead of counting the rows, the sum of this expression over them (money). */
  sum?: string;
}

export interface Ratio {
  key: string;
  label: string;
  part: string;
  whole: string;
}

export interface MeasureTable {
  caption: string;
  /** Columns in order: measure keys and ratio keys. */
  columns: readonly string[];
  measures: readonly Measure[];
  ratios?: readonly Ratio[];
  /** The records, one row each: `id`, `council_id` (null: counted only in the total, as "elsewhere") and the measures' facts. */
  base(scope: ReportScope): RawBuilder<unknown>;
}

export interface MeasureReportSpec {
  name: string;
  title: string;
  description: string;
  kind: DrillDown['kind'];
  tables: readonly MeasureTable[];
  notes(scope: ReportScope): string[];
  /** The row for records counted only in the total (a household living outside the councils). */
  elsewhereLabel?: string;
}

export type Counts = Map<string, Record<string, number>>;

export async function countsOf(db: Db, table: MeasureTable, scope: ReportScope): Promise<Counts> {
  const counts = table.measures.map((m) => (m.sum
    ? sql`coalesce(sum(${sql.raw(m.sum)}) filter (where ${sql.raw(m.when)}), 0) as ${sql.ref(m.key)}`
    : sql`count(*) filter (where ${sql.raw(m.when)})::int as ${sql.ref(m.key)}`));
  const rows = await sql<Record<string, number | string | null>>`
    with b as (${table.base(scope)})
    select case when grouping(coalesce(b.council_id::text, 'elsewhere')) = 1 then 'all' else coalesce(b.council_id::text, 'elsewhere') end as row_key,
      ${sql.join(counts)}
    from b group by grouping sets ((coalesce(b.council_id::text, 'elsewhere')), ())`.execute(db);
  return new Map(rows.rows.map((r) => [String(r.row_key), Object.fromEntries(table.measures.map((m) => [m.key, Number(r[m.key] ?? 0)]))]));
}

/** The table: one row per council, a row for records elsewhere when there are any, and the total. */
export function measureTable(spec: MeasureReportSpec, table: MeasureTable, counts: Counts, names: { councils: Council[]; total: string }): Table {
  const byKey = new Map(table.measures.map((m) => [m.key, m]));
  const ratioByKey = new Map((table.ratios ?? []).map((r) => [r.key, r]));
  const columns: TableColumn[] = [{ key: 'council', label: 'Council' }, ...table.columns.map((k) => ({ key: k, label: byKey.get(k)?.label ?? ratioByKey.get(k)!.label, numeric: true }))];
  const empty = Object.fromEntries(table.measures.map((m) => [m.key, 0]));
  const lines: { key: string; label: string }[] = [
    ...names.councils.map((c) => ({ key: c.id, label: c.name })),
    ...(counts.has('elsewhere') ? [{ key: 'elsewhere', label: spec.elsewhereLabel ?? 'Elsewhere' }] : []),
    { key: 'all', label: names.total },
  ];
  const rows: Record<string, Cell>[] = [];
  const links: Record<string, string>[] = [];
  for (const line of lines) {
    const c = counts.get(line.key) ?? empty;
    const row: Record<string, Cell> = { council: line.label };
    const link: Record<string, string> = {};
    for (const k of table.columns) {
      const ratio = ratioByKey.get(k);
      if (ratio) row[k] = percent(c[ratio.part] ?? 0, c[ratio.whole] ?? 0);
      else {
        row[k] = c[k] ?? 0;
        if ((c[k] ?? 0) > 0 && !byKey.get(k)!.noDrill) link[k] = `${k}:${line.key}`;
      }
    }
    rows.push(row);
    links.push(link);
  }
  return { caption: table.caption, columns, rows, links };
}

/** A key's measure and row, if the key names one of the report's measures and a row of this scope. */
export function parseKey(key: string, scope: ReportScope): { measure: string; row: string } | null {
  const match = /^([a-z0-9-]+):([0-9a-f-]{36}|all|elsewhere)$/.exec(key);
  if (!match) return null;
  const [, measure, row] = match as unknown as [string, string, string];
  if (row !== 'all' && row !== 'elsewhere' && !scope.councilIds.includes(row)) return null;
  return { measure, row };
}

/** The ids behind one count: the base rows of that council (or all) for which the measure holds. */
export async function drillIds(db: Db, base: RawBuilder<unknown>, when: string, row: string): Promise<string[]> {
  const where = row === 'all' ? sql`true` : row === 'elsewhere' ? sql`b.council_id is null` : sql`b.council_id = ${row}::uuid`;
  const rows = await sql<{ id: string }>`with b as (${base}) select distinct b.id from b where b.id is not null and ${where} and (${sql.raw(when)}) order by b.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export function measureReport(spec: MeasureReportSpec): Report {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    async run(db: Db, _ctx: RequestContext, scope: ReportScope): Promise<ReportResult> {
      const names = await scopeNames(db, scope);
      const tables = [];
      for (const t of spec.tables) tables.push(measureTable(spec, t, await countsOf(db, t, scope), names));
      return { tables, notes: spec.notes(scope) };
    },
    async drill(db: Db, _ctx: RequestContext, scope: ReportScope, key: string): Promise<DrillDown | null> {
      const parsed = parseKey(key, scope);
      if (!parsed) return null;
      const table = spec.tables.find((t) => t.measures.some((m) => m.key === parsed.measure));
      const measure = table?.measures.find((m) => m.key === parsed.measure);
      if (!table || !measure || measure.noDrill) return null;
      const names = await scopeNames(db, scope);
      const where = parsed.row === 'all' ? names.total : parsed.row === 'elsewhere' ? (spec.elsewhereLabel ?? 'Elsewhere') : names.councils.find((c) => c.id === parsed.row)?.name ?? '';
      return { title: `${measure.label}: ${where}, ${scope.period.label}`, kind: spec.kind, ids: await drillIds(db, table.base(scope), measure.when, parsed.row) };
    },
  };
}
