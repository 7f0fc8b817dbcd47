// The replay's figures (pooling-model.ts): per scenario, for the partnership and for each
// council, the children ready, matched, the mean and median days from SHOBPA to the match,
// those never matched and the inter-agency fees. Pure. Averages are rounded to the nearest day,
// as the scorecard's are.
import { dayNumber } from '../matching/model.ts';
import type { ChildOutcome, ReplayMatch, ScenarioRun } from './pooling-model.ts';

export interface PoolingFigures {
  /** Children who became ready for a match in the window. */
  ready: number;
  matched: number;
  meanDays: number | null;
  medianDays: number | null;
  /** Not matched by the end of the window (still waiting, or their plan changed first). */
  neverMatched: number;
  /** Of those never matched, whose plan changed while they waited. */
  planChanged: number;
  /** Children matched with an inter-agency family. */
  interAgency: number;
  feesPence: number;
}

/** The middle of sorted numbers (the mean of the middle two when they are even), or null when there are none. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function figuresOf(children: readonly ChildOutcome[], matches: readonly ReplayMatch[]): PoolingFigures {
  const days = children.filter((c) => c.matchedOn !== null).map((c) => dayNumber(c.matchedOn!) - dayNumber(c.readyOn)).sort((a, b) => a - b);
  const sum = days.reduce((s, d) => s + d, 0);
  const mid = median(days);
  return {
    ready: children.length,
    matched: days.length,
    meanDays: days.length ? Math.round(sum / days.length) : null,
    medianDays: mid === null ? null : Math.round(mid),
    neverMatched: children.length - days.length,
    planChanged: children.filter((c) => c.planChanged).length,
    interAgency: children.filter((c) => c.interAgency).length,
    feesPence: matches.reduce((s, m) => s + m.feePence, 0),
  };
}

/** The partnership's figures and each council's (councils in the order given). */
export function scenarioFigures(run: ScenarioRun, councilIds: readonly string[]): { total: PoolingFigures; byCouncil: Map<string, PoolingFigures> } {
  const byCouncil = new Map<string, PoolingFigures>();
  for (const id of councilIds) {
    byCouncil.set(id, figuresOf(run.children.filter((c) => c.councilId === id), run.matches.filter((m) => m.councilId === id)));
  }
  return { total: figuresOf(run.children, run.matches), byCouncil };
}
