// The Adoption Scorecard's timeliness measures (DOMAIN.md §3.1) as pure rules over one adopted
// child's dates: what each child contributes, and the measure over a cohort. The store computes
// the same in SQL over the records (store.ts); the service tests hold the two to one answer.
import { addMonths, daysBetween } from '../children/model.ts';
import type { Episode } from '../children/model.ts';

export const MEASURE_CODES = ['A1', 'A2', 'A3', 'A10'] as const;
export type MeasureCode = (typeof MEASURE_CODES)[number];

export interface MeasureInfo {
  code: MeasureCode;
  title: string;
  unit: 'days' | '%';
  /** The cohort, in a sentence, for a period's label. */
  cohort(period: string): string;
}

export const MEASURES: Record<MeasureCode, MeasureInfo> = {
  A1: {
    code: 'A1', title: 'A1: entering care to moving in with the adoptive family', unit: 'days',
    cohort: (p) => `Children adopted in ${p} (adoption order in the period) with the start of their period of care and the day they moved in with their adopters recorded; the average of the days between, rounded to the nearest day.`,
  },
  A2: {
    code: 'A2', title: 'A2: court authority to place to the match decision', unit: 'days',
    cohort: (p) => `Children adopted in ${p} who had a placement order, a match and were placed before the adoption order; the average of the days from the placement order to the match (zero where the match came first), rounded to the nearest day. Children placed with consent and no placement order are left out.`,
  },
  A3: {
    code: 'A3', title: 'A3: moved in within 14 months of entering care', unit: '%',
    cohort: (p) => `Children adopted in ${p}, as for A1: the share who moved in with their adoptive family less than 14 months after entering care, to the nearest whole per cent.`,
  },
  A10: {
    code: 'A10', title: 'A10: entering care to moving in, adjusted for foster carer adoptions', unit: 'days',
    cohort: (p) => `Children adopted in ${p}, as for A1, except that where the child's foster carers adopted them (placed for adoption with current foster carers, A3 or A5, early permanence included) the clock stops when that foster placement began; rounded to the nearest day.`,
  },
};

/** One adopted child's dates, all from the attempt at adoption that ended in the order. */
export interface AdoptedChild {
  id: string;
  councilId: string;
  adoptionOrder: string;
  /** The start of the period of care in which the child was placed for adoption. */
  enteredCare: string | null;
  /** Court authority to place (a placement order, not consent). */
  placementOrder: string | null;
  match: string | null;
  placed: string | null;
  /** The placement for adoption's code: A3 and A5 are with the child's current foster carers. */
  placedCode: string | null;
  /** For A3/A5: when the child began living with those carers (store.ts, fosterPlacementStart). */
  fosterPlacementStart: string | null;
}

export interface ChildClocks {
  a1: number | null;
  a2: number | null;
  /** Moved in less than 14 months after entering care (A3), or null outside A1's cohort. */
  within14Months: boolean | null;
  a10: number | null;
  fosterCarerAdoption: boolean;
}

/** Placed for adoption with the child's current foster carers (PLACE A3 or A5). */
export function isFosterCarerAdoption(placedCode: string | null): boolean {
  return placedCode === 'A3' || placedCode === 'A5';
}

/**
 * When the child began living with the foster carers who adopted them: the start of the last
 * episode before the adoptive placement that began with new carers (RNE S, P or T; an L, U or B
 * episode keeps the same carers); without such an episode, the early permanence placement's
 * day; without that, the day of the adoptive placement itself.
 */
export function fosterPlacementStart(episodes: readonly Pick<Episode, 'startDate' | 'rne'>[], placed: string, earlyPermanence: string | null): string {
  const starts = episodes.filter((e) => e.startDate < placed && ['S', 'P', 'T'].includes(e.rne)).map((e) => e.startDate).sort();
  return starts.at(-1) ?? (earlyPermanence && earlyPermanence <= placed ? earlyPermanence : placed);
}

/** A clock never runs backwards: dates recorded out of order count as zero days. */
const days = (from: string, to: string): number => Math.max(0, daysBetween(from, to));

export function clocksOf(c: AdoptedChild): ChildClocks {
  const fosterCarerAdoption = isFosterCarerAdoption(c.placedCode);
  const a1 = c.enteredCare && c.placed ? days(c.enteredCare, c.placed) : null;
  const a10End = fosterCarerAdoption ? c.fosterPlacementStart ?? c.placed : c.placed;
  return {
    a1,
    // Zero where the match came before the placement order (LG Inform's A2 method).
    a2: c.placementOrder && c.match && c.placed ? days(c.placementOrder, c.match) : null,
    within14Months: c.enteredCare && c.placed ? c.placed < addMonths(c.enteredCare, 14) : null,
    a10: c.enteredCare && a10End ? days(c.enteredCare, a10End) : null,
    fosterCarerAdoption,
  };
}

export interface Figure {
  value: number | null;
  cohortSize: number;
}

const average = (xs: readonly number[]): number | null => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** The four measures over a cohort of adopted children (a council's, or a partnership's together). */
export function measuresOf(children: readonly AdoptedChild[]): Record<MeasureCode, Figure> {
  const clocks = children.map(clocksOf);
  const of = <K extends keyof ChildClocks>(k: K) => clocks.map((c) => c[k]).filter((v): v is NonNullable<ChildClocks[K]> => v !== null);
  const a1 = of('a1');
  const within = of('within14Months');
  const a2 = of('a2');
  const a10 = of('a10');
  return {
    A1: { value: average(a1), cohortSize: a1.length },
    A2: { value: average(a2), cohortSize: a2.length },
    A3: { value: within.length ? Math.round((within.filter(Boolean).length / within.length) * 100) : null, cohortSize: within.length },
    A10: { value: average(a10), cohortSize: a10.length },
  };
}

// ---- thresholds -------------------------------------------------------------------------------

export interface Threshold {
  measure: MeasureCode;
  firstWindowEnd: string;
  days: number;
  months: number;
  label: string;
}

/** The threshold in force for a window ending on the day (the latest row starting on or before it). */
export function thresholdFor(thresholds: readonly Threshold[], measure: MeasureCode, windowEnd: string): Threshold | null {
  const rows = thresholds.filter((t) => t.measure === measure).sort((a, b) => a.firstWindowEnd.localeCompare(b.firstWindowEnd));
  return rows.filter((t) => t.firstWindowEnd <= windowEnd).at(-1) ?? rows[0] ?? null;
}

export type Status = 'within' | 'above';

/** Against a threshold of days: at or under it is within (met), over it is above (missed). */
export function statusOf(value: number | null, threshold: number | null): Status | null {
  if (value === null || threshold === null) return null;
  return value <= threshold ? 'within' : 'above';
}

export const STATUS_TEXT: Record<Status, string> = { within: 'Within threshold', above: 'Above threshold' };
