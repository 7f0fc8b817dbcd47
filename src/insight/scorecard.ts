// The Adoption Scorecard's A1, A2, A3 and A10 over the records, for the councils of a scope and
// for all of them together, against the thresholds in force for the period; their trend over the
// windows ending each 31 March; and the published comparators beside them.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { MEASURE_CODES, MEASURES, statusOf, thresholdFor, type MeasureCode, type Status, type Threshold } from './model.ts';
import { scorecardWindow, windowEndAfter, windowEndsTo } from './periods.ts';
import type { Period, ReportScope } from './report.ts';
import { assertScope } from './service.ts';
import * as store from './store.ts';

export interface MeasureFigure {
  measure: MeasureCode;
  title: string;
  unit: 'days' | '%';
  value: number | null;
  threshold: number | null;
  thresholdLabel: string | null;
  status: Status | null;
  cohortSize: number;
  cohort: string;
}

export interface ScorecardLine {
  /** Null: all the scope's councils together (the partnership, when the scope is one). */
  councilId: string | null;
  name: string;
  adopted: number;
  fosterCarerAdoptions: number;
  measures: MeasureFigure[];
}

export interface Scorecard {
  period: Period;
  /** The 31 March whose thresholds apply. */
  thresholdWindowEnd: string;
  /** One line per council, then the total (when there is more than one council). */
  lines: ScorecardLine[];
  /** The scope's own figures: the total, or the one council's. */
  overall: ScorecardLine;
}

function figuresOf(row: store.MeasureRow | undefined, thresholds: readonly Threshold[], windowEnd: string, period: Period): MeasureFigure[] {
  return MEASURE_CODES.map((code) => {
    const info = MEASURES[code];
    const t = code === 'A3' ? null : thresholdFor(thresholds, code, windowEnd);
    const f = row?.figures[code] ?? { value: null, cohortSize: 0 };
    return {
      measure: code, title: info.title, unit: info.unit, value: f.value, threshold: t?.days ?? null, thresholdLabel: t?.label ?? null,
      status: statusOf(f.value, t?.days ?? null), cohortSize: f.cohortSize, cohort: info.cohort(period.label),
    };
  });
}

/** The name of the scope's total: the partnership's, or "All these councils". */
export async function totalName(db: Db, scope: ReportScope): Promise<string> {
  if (!scope.partnershipId) return 'All these councils';
  const [p] = await store.partnerships(db, [scope.partnershipId], '9999-12-31');
  return p ? `${p.name} (all its councils)` : 'All these councils';
}

export async function scorecard(db: Db, ctx: RequestContext, scope: ReportScope): Promise<Scorecard> {
  assertScope(ctx, scope);
  const period = scope.period;
  const windowEnd = windowEndAfter(period.to);
  const [rows, thresholds, councils, total] = await Promise.all([
    store.measures(db, scope.councilIds, [{ key: 'p', from: period.from, to: period.to }]),
    store.thresholds(db), store.councils(db, scope.councilIds), totalName(db, scope),
  ]);
  const byCouncil = new Map(rows.map((r) => [r.councilId, r]));
  const line = (councilId: string | null, name: string): ScorecardLine => {
    const r = byCouncil.get(councilId);
    return { councilId, name, adopted: r?.adopted ?? 0, fosterCarerAdoptions: r?.fosterCarer ?? 0, measures: figuresOf(r, thresholds, windowEnd, period) };
  };
  const lines = councils.map((c) => line(c.id, c.name));
  const overall = councils.length === 1 ? lines[0]! : line(null, total);
  return { period, thresholdWindowEnd: windowEnd, lines: councils.length === 1 ? lines : [...lines, overall], overall };
}

// ---- trend ------------------------------------------------------------------------------------

export interface TrendPoint {
  windowEnd: string;
  label: string;
  value: number | null;
  cohortSize: number;
  threshold: number | null;
  /** The partnership's figure, when a council of it is shown. */
  partnership: number | null;
  england: number | null;
  englandIllustrative: boolean;
}

export interface Trend {
  measure: MeasureCode;
  name: string;
  partnershipName: string | null;
  points: TrendPoint[];
}

/**
 * The measure for each window ending 31 March, the last ending `windowEnd`: the scope's own (one
 * council, or all together), the partnership's beside a council of it, and England's where held.
 */
export async function trend(db: Db, ctx: RequestContext, scope: ReportScope, o: { windowEnd: string; measure: MeasureCode; years: number; name: string; partnership?: { id: string; name: string; councilIds: readonly string[] } }): Promise<Trend> {
  assertScope(ctx, scope);
  if (o.partnership) assertScope(ctx, { councilIds: o.partnership.councilIds, period: scope.period });
  const ends = windowEndsTo(o.windowEnd, o.years);
  const periods = ends.map((end) => ({ key: end, ...scorecardWindow(end) }));
  const [own, wider, thresholds, england] = await Promise.all([
    store.measures(db, scope.councilIds, periods),
    o.partnership ? store.measures(db, o.partnership.councilIds, periods) : Promise.resolve([]),
    store.thresholds(db),
    store.comparators(db, [], ends),
  ]);
  const single = scope.councilIds.length === 1;
  const pick = (rows: store.MeasureRow[], end: string, councilId: string | null) => rows.find((r) => r.periodKey === end && r.councilId === councilId)?.figures[o.measure];
  return {
    measure: o.measure, name: o.name, partnershipName: o.partnership?.name ?? null,
    points: ends.map((end) => {
      const mine = pick(own, end, single ? scope.councilIds[0]! : null);
      const e = england.find((c) => c.measure === o.measure && c.periodEnd === end && c.comparator === 'england');
      return {
        windowEnd: end, label: String(Number(end.slice(0, 4))), value: mine?.value ?? null, cohortSize: mine?.cohortSize ?? 0,
        threshold: o.measure === 'A3' ? null : thresholdFor(thresholds, o.measure, end)?.days ?? null,
        partnership: o.partnership ? pick(wider, end, null)?.value ?? null : null,
        england: e?.value ?? null, englandIllustrative: e?.illustrative ?? false,
      };
    }),
  };
}

// ---- comparators ------------------------------------------------------------------------------

export interface ComparatorLine {
  measure: MeasureCode;
  own: number | null;
  england: number | null;
  neighbours: number | null;
  source: string | null;
  illustrative: boolean;
}

/** England's and (for one council) its statistical neighbours' published figures beside the scope's own. */
export async function comparatorsBeside(db: Db, card: Scorecard, councilIds: readonly string[], windowEnd: string): Promise<ComparatorLine[]> {
  const held = await store.comparators(db, councilIds.length === 1 ? councilIds : [], [windowEnd]);
  return MEASURE_CODES.map((code) => {
    const england = held.find((c) => c.measure === code && c.comparator === 'england');
    const neighbours = councilIds.length === 1 ? held.find((c) => c.measure === code && c.comparator === 'statistical-neighbours' && c.councilId === councilIds[0]) : undefined;
    return {
      measure: code, own: card.overall.measures.find((m) => m.measure === code)?.value ?? null, england: england?.value ?? null, neighbours: neighbours?.value ?? null,
      source: [england?.source, neighbours?.source].filter(Boolean).join('; ') || null, illustrative: Boolean(england?.illustrative || neighbours?.illustrative),
    };
  }).filter((l) => l.england !== null || l.neighbours !== null);
}
