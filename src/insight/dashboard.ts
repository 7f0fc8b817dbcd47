// The Insight dashboard's content for a scope: the scorecard against thresholds, a measure's trend
// over the windows ending each 31 March (as a chart's data, its table and a sentence), and the
// published comparators beside the scope's own. Every table is a core/http Table, so each is
// shown and downloaded alike.
import type { RequestContext } from '../core/access.ts';
import type { ChartSpec } from '../core/http/chart.ts';
import type { Table } from '../core/http/tables.ts';
import type { Db } from '../core/db.ts';
import { formatDate } from '../core/dates.ts';
import { ValidationError } from '../core/errors.ts';
import { MEASURE_CODES, MEASURES, type MeasureCode } from './model.ts';
import { comparatorsBeside, scorecard, trend, type ComparatorLine, type Scorecard, type Trend } from './scorecard.ts';
import { councilsTable, measuresTable, scorecardNotes } from './scorecard-report.ts';
import { resolveScope, type ResolvedScope } from './service.ts';

/** How many windows the trend shows. */
export const TREND_YEARS = 7;

export interface Dashboard {
  resolved: ResolvedScope;
  measure: MeasureCode;
  card: Scorecard;
  notes: string[];
  trend: Trend;
  chart: ChartSpec;
  summary: string;
  /** The scorecard's tables (linked to their children), then the trend's and the comparators'. */
  tables: { scorecard: Table[]; trend: Table; comparators: Table | null };
  illustrative: boolean;
}

function measureOf(raw: unknown): MeasureCode {
  const m = (raw as Record<string, unknown> | undefined)?.measure;
  if (m === undefined || m === '') return 'A1';
  if (typeof m === 'string' && (MEASURE_CODES as readonly string[]).includes(m.toUpperCase())) return m.toUpperCase() as MeasureCode;
  throw ValidationError.of('measure', 'Choose A1, A2, A3 or A10 for the trend');
}

const fmt = (v: number | null, unit: string) => (v === null ? 'no figure' : unit === '%' ? `${v}%` : `${v.toLocaleString('en-GB')} days`);

/** The trend in a sentence: the latest figure against its threshold, against the first, and England's. */
export function trendSummary(t: Trend): string {
  const unit = MEASURES[t.measure].unit;
  const last = t.points.at(-1)!;
  const first = t.points.find((p) => p.value !== null);
  const parts = [`In the 3 years to ${formatDate(last.windowEnd)}, ${t.measure} for ${t.name} was ${fmt(last.value, unit)}`];
  if (last.value !== null && last.threshold !== null) parts[0] += last.value <= last.threshold ? `, within the threshold of ${fmt(last.threshold, unit)}` : `, above the threshold of ${fmt(last.threshold, unit)}`;
  if (first && first !== last && last.value !== null) parts.push(`in the 3 years to ${formatDate(first.windowEnd)} it was ${fmt(first.value, unit)}`);
  if (last.partnership !== null) parts.push(`${t.partnershipName} as a whole: ${fmt(last.partnership, unit)}`);
  if (last.england !== null) parts.push(`England${last.englandIllustrative ? ' (illustrative)' : ''}: ${fmt(last.england, unit)}`);
  return `${parts.join('; ')}.`;
}

export function trendTable(t: Trend): Table {
  const unit = MEASURES[t.measure].unit;
  return {
    caption: `${t.measure} by 3-year window, ${t.name}`,
    columns: [
      { key: 'window', label: '3 years to' }, { key: 'value', label: `${t.name} (${unit})`, numeric: true }, { key: 'children', label: 'Children counted', numeric: true },
      ...(t.partnershipName ? [{ key: 'partnership', label: `${t.partnershipName} (${unit})`, numeric: true }] : []),
      { key: 'england', label: `England (${unit})`, numeric: true }, { key: 'threshold', label: `Threshold (${unit})`, numeric: true },
    ],
    rows: t.points.map((p) => ({ window: formatDate(p.windowEnd), value: p.value, children: p.cohortSize, partnership: p.partnership, england: p.england, threshold: p.threshold })),
  };
}

export function trendChart(t: Trend, summary: string): ChartSpec {
  const series = [{ name: t.name, values: t.points.map((p) => p.value) }];
  if (t.partnershipName) series.push({ name: t.partnershipName, values: t.points.map((p) => p.partnership) });
  if (t.points.some((p) => p.england !== null)) series.push({ name: 'England', values: t.points.map((p) => p.england) });
  const threshold = t.points.at(-1)?.threshold;
  return {
    kind: 'line', title: `${MEASURES[t.measure].title}, by 3-year window ending 31 March`, summary, unit: MEASURES[t.measure].unit,
    categories: t.points.map((p) => p.label), series, ...(threshold ? { threshold: { value: threshold, label: 'Threshold' } } : {}),
  };
}

export function comparatorsTable(lines: readonly ComparatorLine[], name: string, windowEnd: string): Table | null {
  if (lines.length === 0) return null;
  return {
    caption: `${name} beside published figures, 3 years to ${formatDate(windowEnd)}`,
    columns: [
      { key: 'measure', label: 'Measure' }, { key: 'own', label: name, numeric: true }, { key: 'england', label: 'England', numeric: true },
      { key: 'neighbours', label: 'Statistical neighbours', numeric: true }, { key: 'source', label: 'Source' },
    ],
    rows: lines.map((l) => ({ measure: `${l.measure} (${MEASURES[l.measure].unit})`, own: l.own, england: l.england, neighbours: l.neighbours, source: `${l.source ?? ''}${l.illustrative ? ' (illustrative, not published figures)' : ''}` })),
  };
}

export async function dashboard(db: Db, ctx: RequestContext, raw: unknown): Promise<Dashboard> {
  const resolved = await resolveScope(db, ctx, raw);
  const measure = measureOf(raw);
  const card = await scorecard(db, ctx, resolved.scope);
  const within = resolved.council ? resolved.choices.partnerships.find((p) => p.memberIds.includes(resolved.council!.id)) : undefined;
  const t = await trend(db, ctx, resolved.scope, {
    windowEnd: resolved.windowEnd, measure, years: TREND_YEARS, name: card.overall.name,
    partnership: within ? { id: within.id, name: within.name, councilIds: within.memberIds } : undefined,
  });
  const comparators = await comparatorsBeside(db, card, resolved.scope.councilIds, resolved.windowEnd);
  const summary = trendSummary(t);
  return {
    resolved, measure, card, notes: scorecardNotes(card), trend: t, chart: trendChart(t, summary), summary,
    tables: { scorecard: [measuresTable(card), ...(card.lines.length > 1 ? [councilsTable(card)] : [])], trend: trendTable(t), comparators: comparatorsTable(comparators, card.overall.name, resolved.windowEnd) },
    illustrative: comparators.some((c) => c.illustrative) || t.points.some((p) => p.englandIllustrative),
  };
}
