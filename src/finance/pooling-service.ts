// What pooling is worth (use cases): who may replay a partnership's history, the replay's inputs
// checked naming the field, the history loaded, the three scenarios replayed and their figures
// assembled with the assumptions stated. Access is the finance policy's `view`: the replay looks
// across every member council at once, so only someone who may see each member council's
// figures (the partnership's own finance officers, analysts, team managers and administrators)
// may run it. The figures are aggregates with no drill-down, so nothing is audited.
import { z } from 'zod';
import type { RequestContext } from '../core/access.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { blank, parseInput, wholeNumber } from '../core/validation.ts';
import { feeFor, financialYearOf, pounds, yearLabel } from '../matching/fees.ts';
import { settingsFor } from '../matching/store.ts';
import { scenarioFigures, type PoolingFigures } from './pooling-figures.ts';
import { replay, SCENARIOS, type ReplayAssumptions, type Scenario } from './pooling-model.ts';
import * as store from './pooling-store.ts';
import { financePolicy, mayUseFinance } from './policy.ts';

export const POOLING_DEFAULTS = { years: 5, seed: 1, threshold: 90 } as const;
export const LIMITS = { years: [1, 10], seed: [0, 999_999], threshold: [1, 730] } as const;
/** From finding the household to the match decision: introductions, the matching panel and the decision maker. */
export const MATCH_DAYS = 56;

const bounded = (what: string, [min, max]: readonly [number, number]) => z.preprocess(blank, wholeNumber(what)
  .refine((n) => n >= min && n <= max, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be from ${min} to ${max}` }).optional());

export const poolingInput = z.object({
  partnership: z.preprocess(blank, z.uuid({ error: 'Select a partnership' }).optional()),
  years: bounded('the number of years', LIMITS.years),
  seed: bounded('the seed', LIMITS.seed),
  threshold: bounded('the days a child waits before an inter-agency family is sought', LIMITS.threshold),
});

export interface PoolingScenario {
  scenario: Scenario;
  title: string;
  summary: string;
  total: PoolingFigures;
  byCouncil: { id: string; name: string; figures: PoolingFigures }[];
}

export interface PoolingResult {
  partnership: { id: string; name: string };
  from: string;
  to: string;
  years: number | null;
  seed: number;
  threshold: number;
  assumptions: string[];
  scenarios: PoolingScenario[];
}

/** The partnerships whose replay the person may run: those every member council of which they may see the figures of. */
export async function replayablePartnerships(db: Db, ctx: RequestContext): Promise<{ id: string; name: string }[]> {
  if (!mayUseFinance(ctx.actor)) return [];
  const found: { id: string; name: string }[] = [];
  for (const p of await store.partnerships(db, [...ctx.facts.partnerships])) {
    const members = await store.membersOn(db, p.id, ctx.facts.today);
    if (members.length > 0 && members.every((councilId) => financePolicy.can(ctx.actor, ctx.facts, 'view', { councilId, partnershipIds: [p.id] }))) found.push(p);
  }
  return found;
}

/** Whether the person may see the pooling page at all (for a link to it). */
export async function mayReplayPooling(db: Db, ctx: RequestContext): Promise<boolean> {
  return (await replayablePartnerships(db, ctx)).length > 0;
}

/** The same day `years` earlier, and the day after it: the window's first day (29 February falls back to 28). */
export function windowStart(to: string, years: number): string {
  const earlier = `${String(Number(to.slice(0, 4)) - years).padStart(4, '0')}${to.slice(4)}`;
  return addDays(to.slice(5) === '02-29' ? earlier.replace(/-02-29$/, '-02-28') : earlier, 1);
}

/** The page's and the API's replay: the last N years to today, from the GET form's values (defaults where blank). */
export async function poolingReplay(db: Db, ctx: RequestContext, raw: unknown): Promise<PoolingResult> {
  const input = parseInput(poolingInput, raw);
  const years = input.years ?? POOLING_DEFAULTS.years;
  const to = ctx.facts.today;
  return replayOver(db, ctx, { partnershipId: input.partnership, from: windowStart(to, years), to, years, seed: input.seed ?? POOLING_DEFAULTS.seed, threshold: input.threshold ?? POOLING_DEFAULTS.threshold });
}

/** The replay over any window (a report's period). */
export async function replayOver(db: Db, ctx: RequestContext, q: { partnershipId?: string; from: string; to: string; years?: number; seed: number; threshold: number }): Promise<PoolingResult> {
  const allowed = await replayablePartnerships(db, ctx);
  if (allowed.length === 0) throw new ForbiddenError('The pooling replay is for a partnership\'s finance officers, analysts, team managers and administrators');
  const partnership = q.partnershipId ? allowed.find((p) => p.id === q.partnershipId) : allowed[0];
  if (!partnership) throw new NotFoundError('Partnership');
  const [{ history, councils }, feeRates, { settings }] = await Promise.all([
    store.poolingHistory(db, partnership.id, q.from, q.to), store.feeRates(db), settingsFor(db, [partnership.id]),
  ]);
  const assumptions: ReplayAssumptions = { seed: q.seed, thresholdDays: q.threshold, matchDays: MATCH_DAYS, feeRates, settings };
  const scenarios = replay(history, assumptions).map((run): PoolingScenario => {
    const { total, byCouncil } = scenarioFigures(run, councils.map((c) => c.id));
    return { scenario: run.scenario, ...SCENARIOS[run.scenario], total, byCouncil: councils.map((c) => ({ id: c.id, name: c.name, figures: byCouncil.get(c.id)! })) };
  });
  return { partnership, from: q.from, to: q.to, years: q.years ?? null, seed: q.seed, threshold: q.threshold, assumptions: assumptionsText(q, feeRates), scenarios };
}

function assumptionsText(q: { from: string; to: string; years?: number; seed: number; threshold: number }, rates: Awaited<ReturnType<typeof store.feeRates>>): string[] {
  const year = financialYearOf(q.to);
  const fee = feeFor(rates, { financialYear: year, children: 1, london: false, providerLabel: 'council and regional adoption agency' });
  const span = q.years ? `the ${q.years === 1 ? 'year' : `${q.years} years`} from ${q.from} to ${q.to}` : `${q.from} to ${q.to}`;
  return [
    `The replay covers ${span}: the children who became ready for a match in it (on their SHOBPA decision, or their placement order where no decision is recorded) and the households approved in it. It starts with no one waiting: children and households from before ${q.from} are left out.`,
    'Each day the children who have waited longest are matched first. A sibling group to be placed together is matched as one, ready when its last child is.',
    'A household is matched with a child only if it passes every hard constraint of the matching engine on that day: the number of children, ages and sex it is approved for, a sibling group, needs it cannot consider and areas either side must avoid. Of those, the household the engine scores highest is chosen.',
    `Households are sized by their approval terms: each takes one child, or one sibling group of a size it is approved for, and then leaves the pool. A household also leaves on the day it leaves the adoption process; a child whose plan changed leaves the replay unmatched on that day.`,
    `A match takes ${MATCH_DAYS} days (8 weeks) from finding the household to the agency decision maker's match decision. Days to a match count from each child's own SHOBPA (or placement order) date.`,
    'Each council alone: a council\'s children are matched only with households it recruited itself or, for households recruited by the partnership, households living in its area.',
    'Pooled: the operating model as it was on each day. The partnership\'s own households serve every member council, and where the partnership delivered family finding for both councils a household of one member council can be matched with a child of another. No fee is paid within the partnership.',
    `Pooled plus inter-agency: as pooled, and a child still waiting ${q.threshold} days after becoming ready is matched with a family from outside the partnership, assumed always to have one, at the inter-agency fee between councils and regional adoption agencies for the financial year of the match${fee ? ` (${pounds(fee.amountPence)} a child in ${yearLabel(year)})` : ''}, charged in full at the match.`,
    'Children never matched are those still waiting at the end, or whose plan changed first.',
    `Equal waits and equal scores are settled by a seeded random choice: seed ${q.seed}. The same seed gives the same figures.`,
  ];
}
