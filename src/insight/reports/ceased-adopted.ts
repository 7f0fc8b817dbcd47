// Children ceasing care who were adopted (the business case's "% of looked after children who
// ceased to be looked after who were adopted", with its 5-year average): per council and the
// partnership, for each of the five financial years to the period's end. A child ceases care
// when an episode ends other than to begin another (REC other than X1); adopted is REC E11 or
// E12. The 5-year figure is adoptions over ceasings across the five years, never an average of
// the yearly percentages. Small counts are suppressed (suppression.ts).
import { sql } from 'kysely';
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import type { Cell, TableColumn } from '../../core/http/tables.ts';
import type { DrillDown, Report, ReportScope } from '../report.ts';
import { idsIn, percent, scopeNames } from './measures.ts';
import { shown, suppress, WITHHELD } from './suppression.ts';

interface Year { key: string; label: string; from: string; to: string }

/** The five financial years ending with the last 31 March on or before the period's end. */
export function fiveYears(periodEnd: string): Year[] {
  const end = Number(periodEnd.slice(0, 4)) - (periodEnd.slice(5) < '03-31' ? 1 : 0);
  return [4, 3, 2, 1, 0].map((back) => {
    const y = end - back;
    return { key: `${y - 1}`, label: `${y - 1}-${String(y % 100).padStart(2, '0')}`, from: `${y - 1}-04-01`, to: `${y}-03-31` };
  });
}

/** Children ceasing care in each year (and adopted), per council, as rows of the base query. */
function ceasings(councilIds: readonly string[], years: readonly Year[]) {
  const values = sql.join(years.map((y) => sql`(${y.key}, ${y.from}::date, ${y.to}::date)`));
  return sql`
    select distinct c.id, c.placing_authority_id as council_id, y.fy, bool_or(e.reason_ceased in ('E11', 'E12')) over (partition by c.id, y.fy) as adopted
    from care_episode e join child c on c.id = e.child_id
    join (values ${values}) as y(fy, f, t) on e.end_date between y.f and y.t
    where e.reason_ceased <> 'X1' and c.placing_authority_id in ${idsIn(councilIds)}`;
}

async function counts(db: Db, scope: ReportScope, years: readonly Year[]) {
  const rows = await sql<{ row_key: string; fy: string; ceased: number; adopted: number }>`
    with b as (${ceasings(scope.councilIds, years)})
    select case when grouping(b.council_id) = 1 then 'all' else b.council_id::text end as row_key, b.fy,
      count(*)::int as ceased, count(*) filter (where b.adopted)::int as adopted
    from b group by grouping sets ((b.council_id, b.fy), (b.fy))`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.row_key}:${r.fy}`, r]));
}

export const ceasedAdopted: Report = {
  name: 'ceased-adopted',
  title: 'Children ceasing care who were adopted',
  description: 'The percentage of children ceasing care who were adopted, for each of five years and over the five, with small counts suppressed.',
  async run(db: Db, _ctx: RequestContext, scope: ReportScope) {
    const years = fiveYears(scope.period.to);
    const [names, found] = await Promise.all([scopeNames(db, scope), counts(db, scope, years)]);
    const lines = [...names.councils.map((c) => ({ key: c.id, label: c.name })), { key: 'all', label: names.total }];
    const grid = (field: 'ceased' | 'adopted') => lines.map((l) => {
      const byYear = years.map((y) => found.get(`${l.key}:${y.key}`)?.[field] ?? 0);
      return [...byYear, byYear.reduce((a, b) => a + b, 0)];
    });
    const ceased = grid('ceased');
    const adopted = grid('adopted');
    const [ceasedMarks, adoptedMarks] = [suppress(ceased), suppress(adopted)];
    const spans = [...years, { key: 'five', label: '5 years', from: years[0]!.from, to: years[4]!.to }];
    const columns: TableColumn[] = [{ key: 'council', label: 'Council' }, ...spans.flatMap((y) => [
      { key: `${y.key}-adopted`, label: `${y.label}: adopted`, numeric: true },
      { key: `${y.key}-ceased`, label: `${y.label}: ceased care`, numeric: true },
      { key: `${y.key}-percent`, label: `${y.label}: adopted (%)`, numeric: true },
    ])];
    const rows: Record<string, Cell>[] = [];
    const links: Record<string, string>[] = [];
    lines.forEach((line, r) => {
      const row: Record<string, Cell> = { council: line.label };
      const link: Record<string, string> = {};
      spans.forEach((y, c) => {
        const [a, d, am, dm] = [adopted[r]![c]!, ceased[r]![c]!, adoptedMarks[r]![c]!, ceasedMarks[r]![c]!];
        row[`${y.key}-adopted`] = shown(a, am);
        row[`${y.key}-ceased`] = shown(d, dm);
        // A percentage beside a hidden count would give it away.
        row[`${y.key}-percent`] = am || dm ? WITHHELD : percent(a, d);
        // The records behind a hidden count are not linked either.
        if (!am && a > 0) link[`${y.key}-adopted`] = `adopted:${y.key}:${line.key}`;
        if (!dm && d > 0) link[`${y.key}-ceased`] = `ceased:${y.key}:${line.key}`;
      });
      rows.push(row);
      links.push(link);
    });
    return {
      tables: [{ caption: 'Children ceasing care who were adopted, by year and over five years', columns, rows, links }],
      notes: [
        `Children who ceased to be looked after (an episode ending with a reason other than X1) in each financial year from ${years[0]!.label} to ${years[4]!.label}, and those adopted (E11, E12). A child counts once a year.`,
        'The 5-year percentage is all adoptions over all children ceasing care in the five years, not an average of the yearly percentages; the partnership row is over every child of its councils.',
        'Counts from 1 to 4 are shown as "<5". Where a hidden count could be worked out from a total, another count is hidden too and shown as "[c]", as is any percentage beside a hidden count.',
      ],
    };
  },
  async drill(db: Db, _ctx: RequestContext, scope: ReportScope, key: string): Promise<DrillDown | null> {
    const match = /^(adopted|ceased):(\d{4}|five):([0-9a-f-]{36}|all)$/.exec(key);
    if (!match) return null;
    const [, what, fy, row] = match as unknown as [string, 'adopted' | 'ceased', string, string];
    if (row !== 'all' && !scope.councilIds.includes(row)) return null;
    const years = fiveYears(scope.period.to);
    const chosen = fy === 'five' ? years : years.filter((y) => y.key === fy);
    if (!chosen.length) return null;
    const rows = await sql<{ id: string }>`
      with b as (${ceasings(scope.councilIds, chosen)})
      select distinct b.id from b where ${row === 'all' ? sql`true` : sql`b.council_id = ${row}::uuid`} ${what === 'adopted' ? sql`and b.adopted` : sql``} order by b.id`.execute(db);
    const label = fy === 'five' ? `${years[0]!.label} to ${years[4]!.label}` : chosen[0]!.label;
    return { title: `Children ${what === 'adopted' ? 'adopted' : 'ceasing care'}, ${label}`, kind: 'children', ids: rows.rows.map((r) => r.id) };
  },
};
