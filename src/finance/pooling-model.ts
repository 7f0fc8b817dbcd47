// What pooling is worth (issue 15 item 5): a replay of the partnership's own history. Children
// become ready for a match on their SHOBPA (or placement order) date, households join the pool on
// their approval date, and the days are stepped through in order; each day the waiting children
// (longest waiting first, a sibling group placed together as one) are matched with available
// households that pass the matching engine's hard constraints and that the scenario allows. The
// same history is replayed three ways: each council alone (Option 1), pooled as the operating
// model was on each day, and pooled with inter-agency families bought for a child who has waited
// past a threshold. Pure: no I/O and no clock; ties are broken by a seeded Random, so a seed gives
// the same answer. Figures are in pooling-figures.ts.
import { addDays } from '../core/dates.ts';
import { Random } from '../demo/random.ts';
import { feeFor, financialYearOf, type FeeRate } from '../matching/fees.ts';
import { dayNumber, rankHouseholds, type MatchChild, type MatchHousehold, type MatchSettings, type MatchSubject, type MatchTerms } from '../matching/model.ts';

export type Scenario = 'alone' | 'pooled' | 'inter-agency';

export const SCENARIOS: Record<Scenario, { title: string; summary: string }> = {
  alone: { title: 'Each council alone', summary: 'Option 1: a council\'s children are matched only with its own households' },
  pooled: { title: 'Pooled', summary: 'The operating model as it was on each day' },
  'inter-agency': { title: 'Pooled plus inter-agency', summary: 'As pooled, and a family bought from outside the partnership for a child who has waited past the threshold' },
};
export const SCENARIO_ORDER = Object.keys(SCENARIOS) as readonly Scenario[];

/** A child alone, or a sibling group to be placed together (matched as one). */
export interface ReplaySubject {
  id: string;
  /** The placing council. */
  councilId: string;
  /** Each child's waitingSince is their own SHOBPA (or placement order) date: days to a match count from it. */
  children: readonly MatchChild[];
  /** When the subject can be matched: a group is ready when its last child is. */
  readyOn: string;
  /** The plan changed (adoption no longer the plan) on this day, if it did. */
  leavesOn: string | null;
}

export interface ReplayHousehold {
  id: string;
  reference: string;
  ownerId: string;
  /** The council the household counts for when each council is alone: its owner if a council, else where it lives; null when neither is one of the partnership's councils. */
  councilId: string | null;
  /** Recruited by the partnership itself, whose adopters serve every member council. */
  partnershipOwned: boolean;
  homeCouncilId: string | null;
  homeCouncilName: string | null;
  homeCouncilCode: string | null;
  approvedOn: string;
  /** Left the adoption process on this day, if it did. */
  leavesOn: string | null;
  applicantEthnicities: readonly string[];
  terms: MatchTerms;
}

export interface ReplayHistory {
  /** The window, both ends included. */
  from: string;
  to: string;
  memberships: readonly { councilId: string; joinedOn: string; leftOn: string | null }[];
  /** Who delivered family finding (permanence planning, preparation, matching) for a council from a day. */
  familyFinding: readonly { councilId: string; effectiveOn: string; byPartnership: boolean }[];
  subjects: readonly ReplaySubject[];
  households: readonly ReplayHousehold[];
}

export interface ReplayAssumptions {
  seed: number;
  /** A child waiting more than this many days is found an inter-agency family (third scenario). */
  thresholdDays: number;
  /** From finding the household to the agency decision maker's match decision. */
  matchDays: number;
  /** Inter-agency fee rates (the rate between councils and regional adoption agencies). */
  feeRates: readonly FeeRate[];
  settings: MatchSettings;
}

/** One subject matched: with a household of the partnership, or an inter-agency family (householdId null). */
export interface ReplayMatch {
  subjectId: string;
  councilId: string;
  householdId: string | null;
  foundOn: string;
  matchedOn: string;
  children: number;
  feePence: number;
}

export interface ChildOutcome {
  childId: string;
  councilId: string;
  /** The child's SHOBPA (or placement order) date. */
  readyOn: string;
  matchedOn: string | null;
  interAgency: boolean;
  planChanged: boolean;
}

export interface ScenarioRun {
  scenario: Scenario;
  matches: ReplayMatch[];
  children: ChildOutcome[];
}

// ---- who may be matched with whom on a day ---------------------------------------------------------

/** Whether the council is a member, and whether the partnership delivers its family finding, on a day. */
export function modelOn(history: Pick<ReplayHistory, 'memberships' | 'familyFinding'>, councilId: string, day: string): { member: boolean; pooled: boolean } {
  const member = history.memberships.some((m) => m.councilId === councilId && m.joinedOn <= day && (m.leftOn === null || day < m.leftOn));
  let latest: { effectiveOn: string; byPartnership: boolean } | null = null;
  for (const f of history.familyFinding) {
    if (f.councilId === councilId && f.effectiveOn <= day && (!latest || f.effectiveOn > latest.effectiveOn)) latest = f;
  }
  return { member, pooled: member && (latest?.byPartnership ?? false) };
}

type Model = (councilId: string) => { member: boolean; pooled: boolean };

/**
 * Whether the scenario lets the child's council use the household on the day. Its own council's
 * households always; pooled, also the partnership's own households (recruited for every member)
 * and another member's where the partnership finds families for both councils that day.
 */
export function allowed(scenario: Scenario, subject: Pick<ReplaySubject, 'councilId'>, h: Pick<ReplayHousehold, 'councilId' | 'partnershipOwned'>, model: Model): boolean {
  if (h.councilId !== null && h.councilId === subject.councilId) return true;
  if (scenario === 'alone') return false;
  const child = model(subject.councilId);
  if (!child.member) return false;
  if (h.partnershipOwned) return true;
  return h.councilId !== null && child.pooled && model(h.councilId).pooled;
}

// ---- the replay ----------------------------------------------------------------------------------

const matchHousehold = (h: ReplayHousehold): MatchHousehold => ({
  id: h.id, reference: h.reference, ownerId: h.ownerId, ownerName: '', tier: 'partnership', status: 'approved', approvedOn: h.approvedOn,
  councilId: h.homeCouncilId, councilName: h.homeCouncilName, councilCode: h.homeCouncilCode, openLinks: 0, applicantEthnicities: h.applicantEthnicities, terms: h.terms,
});

interface Waiting {
  subject: ReplaySubject;
  match: MatchSubject;
  /** The longest-waiting child's date: the order children are matched in. */
  since: number;
  ready: number;
  key: number;
}

/** A birthday can bring a child inside (or outside) a household's age range: 29 February counts on 1 March in other years. */
function birthdayOn(day: string, w: Waiting): boolean {
  const md = day.slice(5);
  return w.subject.children.some((c) => c.dateOfBirth.slice(5) === md || (c.dateOfBirth.slice(5) === '02-29' && md === '03-01'));
}

function byDay<T>(items: readonly T[], dayOf: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const d = dayOf(item);
    const list = map.get(d);
    if (list) list.push(item);
    else map.set(d, [item]);
  }
  return map;
}

/** The replay of one scenario. */
export function replayScenario(scenario: Scenario, history: ReplayHistory, a: ReplayAssumptions): ScenarioRun {
  const random = new Random(a.seed);
  // Each subject's tie-break is drawn in input order once, so equal waits are ordered by the seed.
  const keys = new Map(history.subjects.map((s) => [s.id, random.next()]));
  const readyOn = byDay(history.subjects.filter((s) => s.readyOn >= history.from && s.readyOn <= history.to), (s) => s.readyOn);
  const approvedOn = byDay(history.households.filter((h) => h.approvedOn >= history.from && h.approvedOn <= history.to), (h) => h.approvedOn);
  const changes = new Set([...history.memberships.flatMap((m) => [m.joinedOn, m.leftOn ?? '']), ...history.familyFinding.map((f) => f.effectiveOn)]);
  const asMatched = new Map(history.households.map((h) => [h.id, matchHousehold(h)]));
  let waiting: Waiting[] = [];
  let pool: ReplayHousehold[] = [];
  const matches: ReplayMatch[] = [];
  const outcome = new Map<string, { matchedOn: string; interAgency: boolean } | 'plan-changed'>();

  const match = (w: Waiting, day: string, householdId: string | null) => {
    const matchedOn = addDays(day, a.matchDays);
    const children = w.subject.children.length;
    const fee = householdId === null ? feeFor(a.feeRates, { financialYear: financialYearOf(matchedOn), children, london: false, providerLabel: 'inter-agency' }) : null;
    matches.push({ subjectId: w.subject.id, councilId: w.subject.councilId, householdId, foundOn: day, matchedOn, children, feePence: fee?.amountPence ?? 0 });
    outcome.set(w.subject.id, { matchedOn, interAgency: householdId === null });
  };

  for (let day = history.from, n = dayNumber(day); day <= history.to; day = addDays(day, 1), n++) {
    // Who leaves today: a plan changed, a household left the process.
    waiting = waiting.filter((w) => {
      if (w.subject.leavesOn === null || w.subject.leavesOn > day) return true;
      outcome.set(w.subject.id, 'plan-changed');
      return false;
    });
    pool = pool.filter((h) => h.leavesOn === null || h.leavesOn > day);
    // Who arrives today.
    const subjects = readyOn.get(day) ?? [];
    for (const s of subjects) {
      if (s.leavesOn !== null && s.leavesOn <= day) {
        outcome.set(s.id, 'plan-changed');
        continue;
      }
      const since = Math.min(...s.children.map((c) => dayNumber(c.waitingSince ?? s.readyOn)));
      waiting.push({ subject: s, match: { id: s.id, label: s.id, children: s.children }, since, ready: n, key: keys.get(s.id)! });
    }
    const households = (approvedOn.get(day) ?? []).filter((h) => h.leavesOn === null || h.leavesOn > day);
    pool.push(...households);

    // A waiting child could not be matched with anyone in yesterday's pool; that holds today
    // unless the child arrived, had a birthday (ages are a hard constraint) or the operating model
    // changed. Any other child is tried against today's new households only: the same answer, sooner.
    const arrived = new Set(households.map((h) => h.id));
    const modelChanged = changes.has(day);
    if (pool.length > 0 && waiting.length > 0 && (arrived.size > 0 || subjects.length > 0 || modelChanged || waiting.some((w) => birthdayOn(day, w)))) {
      const cache = new Map<string, { member: boolean; pooled: boolean }>();
      const model: Model = (id) => {
        let found = cache.get(id);
        if (!found) cache.set(id, (found = modelOn(history, id, day)));
        return found;
      };
      waiting.sort((x, y) => x.since - y.since || x.key - y.key);
      const matched = new Set<string>();
      for (const w of waiting) {
        const fresh = w.ready === n || modelChanged || birthdayOn(day, w);
        const candidates = pool.filter((h) => (fresh || arrived.has(h.id)) && allowed(scenario, w.subject, h, model)).map((h) => asMatched.get(h.id)!);
        if (candidates.length === 0) continue;
        const { ranked } = rankHouseholds(w.match, candidates, a.settings, day);
        if (ranked.length === 0) continue;
        // The engine's best score; households level with it are chosen between by the seed.
        const best = ranked.filter((r) => r.score === ranked[0]!.score);
        const chosen = (best.length > 1 ? random.pick(best) : best[0]!).candidate;
        match(w, day, chosen.id);
        matched.add(w.subject.id);
        pool = pool.filter((h) => h.id !== chosen.id);
        if (pool.length === 0) break;
      }
      if (matched.size > 0) waiting = waiting.filter((w) => !matched.has(w.subject.id));
    }
    if (scenario === 'inter-agency') {
      waiting = waiting.filter((w) => {
        if (n - w.ready <= a.thresholdDays) return true;
        match(w, day, null);
        return false;
      });
    }
  }

  const children: ChildOutcome[] = [];
  for (const s of history.subjects) {
    if (s.readyOn < history.from || s.readyOn > history.to) continue;
    const o = outcome.get(s.id);
    for (const c of s.children) {
      children.push({
        childId: c.id, councilId: s.councilId, readyOn: c.waitingSince ?? s.readyOn,
        matchedOn: o && o !== 'plan-changed' ? o.matchedOn : null, interAgency: !!o && o !== 'plan-changed' && o.interAgency, planChanged: o === 'plan-changed',
      });
    }
  }
  return { scenario, matches, children };
}

/** The three scenarios over the same history, each from the same seed. */
export function replay(history: ReplayHistory, a: ReplayAssumptions): ScenarioRun[] {
  return SCENARIO_ORDER.map((s) => replayScenario(s, history, a));
}
