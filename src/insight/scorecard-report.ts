// The scorecard as a report (report.ts): its tables for a page, the API and downloads, each
// figure linked by a drill key `<measure>:<council id | all>` to the children it counts.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import type { Cell, Table } from '../core/http/tables.ts';
import { MEASURE_CODES, MEASURES, STATUS_TEXT, type MeasureCode } from './model.ts';
import type { DrillDown, Report, ReportResult, ReportScope } from './report.ts';
import { scorecard, totalName, type Scorecard } from './scorecard.ts';
import * as store from './store.ts';
import { formatDate } from '../core/dates.ts';

const key = (measure: MeasureCode | 'adopted', councilId: string | null) => `${measure}:${councilId ?? 'all'}`;

/** The scope's own figures, a measure a row, each with its threshold, cohort size and cohort. */
export function measuresTable(card: Scorecard): Table {
  const o = card.overall;
  return {
    caption: `Adoption scorecard: ${o.name}, ${card.period.label}`,
    columns: [
      { key: 'measure', label: 'Measure' }, { key: 'value', label: 'Figure', numeric: true }, { key: 'unit', label: 'Unit' },
      { key: 'threshold', label: 'Threshold', numeric: true }, { key: 'status', label: 'Against threshold' },
      { key: 'cohortSize', label: 'Children counted', numeric: true }, { key: 'cohort', label: 'Cohort' },
    ],
    rows: o.measures.map((m) => ({
      measure: m.title, value: m.value, unit: m.unit, threshold: m.threshold, status: m.status ? STATUS_TEXT[m.status] : m.threshold === null ? 'No threshold' : 'No children',
      cohortSize: m.cohortSize, cohort: m.cohort,
    })),
    links: o.measures.map((m): Record<string, string> => (m.cohortSize > 0 ? { value: key(m.measure, o.councilId), cohortSize: key(m.measure, o.councilId) } : {})),
  };
}

/** A line per council and the total over all of them, each figure beside its status. */
export function councilsTable(card: Scorecard): Table {
  const threshold = (code: MeasureCode) => card.overall.measures.find((m) => m.measure === code)?.threshold ?? null;
  const rows: Record<string, Cell>[] = [];
  const links: Record<string, string>[] = [];
  for (const line of card.lines) {
    const row: Record<string, Cell> = { council: line.name, adopted: line.adopted, fosterCarer: line.fosterCarerAdoptions };
    const link: Record<string, string> = line.adopted > 0 ? { adopted: key('adopted', line.councilId) } : {};
    for (const m of line.measures) {
      row[m.measure] = m.value;
      if (m.threshold !== null) row[`${m.measure}status`] = m.status ? STATUS_TEXT[m.status] : '';
      if (m.cohortSize > 0) link[m.measure] = key(m.measure, line.councilId);
    }
    rows.push(row);
    links.push(link);
  }
  rows.push({ council: 'Threshold', adopted: null, fosterCarer: null, A1: threshold('A1'), A2: threshold('A2'), A3: null, A10: threshold('A10') });
  links.push({});
  return {
    caption: `Adoption scorecard by council, ${card.period.label}`,
    columns: [
      { key: 'council', label: 'Council' }, { key: 'adopted', label: 'Children adopted', numeric: true },
      { key: 'A1', label: 'A1 (days)', numeric: true }, { key: 'A1status', label: 'A1 against threshold' },
      { key: 'A2', label: 'A2 (days)', numeric: true }, { key: 'A2status', label: 'A2 against threshold' },
      { key: 'A3', label: 'A3 (%)', numeric: true },
      { key: 'A10', label: 'A10 (days)', numeric: true }, { key: 'A10status', label: 'A10 against threshold' },
      { key: 'fosterCarer', label: 'Adopted by foster carers', numeric: true },
    ],
    rows, links,
  };
}

export function scorecardNotes(card: Scorecard): string[] {
  return [
    `Children adopted ${card.period.label.startsWith('3 years') ? 'in the' : 'in'} ${card.period.label} (${formatDate(card.period.from)} to ${formatDate(card.period.to)}), counted for the council that placed them; the total is over all the councils' children together, not an average of their averages.`,
    ...MEASURE_CODES.map((c) => `${c}: ${MEASURES[c].cohort(card.period.label)}`),
    `Thresholds are those in force for the scorecard window ending ${formatDate(card.thresholdWindowEnd)}; A3 has none.`,
  ];
}

const KEY = /^(adopted|A1|A2|A3|A10):([0-9a-f-]{36}|all)$/;

export const scorecardReport: Report = {
  name: 'scorecard',
  title: 'Adoption scorecard',
  description: 'A1, A2, A3 and A10 for children adopted in the period, per council and for all of them together, against the thresholds.',
  async run(db: Db, ctx: RequestContext, scope: ReportScope): Promise<ReportResult> {
    const card = await scorecard(db, ctx, scope);
    return { tables: [measuresTable(card), ...(card.lines.length > 1 ? [councilsTable(card)] : [])], notes: scorecardNotes(card) };
  },
  async drill(db: Db, ctx: RequestContext, scope: ReportScope, drillKey: string): Promise<DrillDown | null> {
    const m = KEY.exec(drillKey);
    if (!m) return null;
    const [, measure, row] = m as unknown as [string, MeasureCode | 'adopted', string];
    const councilId = row === 'all' ? null : row;
    if (councilId && !scope.councilIds.includes(councilId)) return null;
    const name = councilId ? (await store.councils(db, [councilId]))[0]?.name ?? '' : await totalName(db, scope);
    const what = measure === 'adopted' ? 'Children adopted' : MEASURES[measure].title;
    const ids = await store.cohortIds(db, scope.councilIds, { key: 'p', from: scope.period.from, to: scope.period.to }, measure, councilId);
    return { title: `${what}: ${name}, ${scope.period.label}`, kind: 'children', ids };
  },
};
