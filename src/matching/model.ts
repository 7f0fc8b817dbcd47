// The matching engine (issue 13 item 1): for a waiting child, or a sibling group to be placed
// together (ranked as one), rank the households that could adopt them; and for a household, the
// children it could be linked with, ranked the same way. Hard constraints (the approval terms, the
// needs a household cannot consider, areas either side must avoid, the cap of open links, a
// household not available) exclude, each with a sentence naming the term and the child's value.
// Soft factors score 0..1 each with a sentence saying why, weighted by settings held as data per
// partnership. Pure: no I/O, no clock (today is given), and no Date objects: ages and waits are
// integer arithmetic on YYYY-MM-DD strings, so 5,000 households rank in a few milliseconds.
// The order is total (score, then stable tie-breaks), so the same input gives the same list.
// The soft factors are in factors.ts, what is worked out once per call and per child in
// engine-facts.ts, and the pure date, text and heritage helpers in engine-text.ts.
import { NEEDS, STATUSES, type HouseholdStatus, type Need } from '../adopters/codes.ts';
import type { Terms } from '../adopters/model.ts';
import { NEED_INDEX, subjectFacts, type Breach, type Run, type SubjectFacts } from './engine-facts.ts';
import { day, dayNumber, list } from './engine-text.ts';
import { householdWait, score } from './factors.ts';

export { dayNumber };

// ---- types -------------------------------------------------------------------------------------

/** Where the household sits relative to the child's council. */
export type Tier = 'council' | 'partnership' | 'inter-agency';

export interface MatchChild {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'M' | 'F' | 'U';
  /** DfE code, e.g. WBRI, MWBC, BAFR. */
  ethnicity: string;
  religion: string | null;
  firstLanguage: string | null;
  /** The adopters' NEEDS keys the child has (the service maps the child's needs onto them). */
  needs: readonly Need[];
  /** The placing council. */
  councilId: string;
  councilName: string;
  /** ONS code, e.g. E06000019. */
  councilCode: string | null;
  /** Councils the child must not be placed in (e.g. near the birth family). */
  avoidCouncilIds: readonly string[];
  /** The SHOBPA decision date (or placement order): how long the child has waited. */
  waitingSince: string | null;
}

/** A child alone, or a sibling group to be placed together: ranked as one. */
export interface MatchSubject {
  /** The child's id or the sibling group's id. */
  id: string;
  label: string;
  children: readonly MatchChild[];
}

/** The approval terms the engine reads (the adopters' own type, less the free-text considerations; lists read only). */
export type MatchTerms = Readonly<Pick<Terms, 'minChildren' | 'maxChildren' | 'minAge' | 'maxAge' | 'childSex' | 'siblingGroup' | 'tolerances'>> & {
  readonly religions: readonly string[];
  readonly languages: readonly string[];
  readonly avoidCouncilIds: readonly string[];
};

export interface MatchHousehold {
  id: string;
  reference: string;
  ownerId: string;
  ownerName: string;
  tier: Tier;
  status: HouseholdStatus;
  approvedOn: string | null;
  /** The household's home council. */
  councilId: string | null;
  councilName: string | null;
  councilCode: string | null;
  openLinks: number;
  applicantEthnicities: readonly string[];
  terms: MatchTerms | null;
}

export type Factor = 'needs' | 'heritage' | 'siblings' | 'distance' | 'household-wait' | 'child-wait';
export type Constraint = 'status' | 'no-terms' | 'number-of-children' | 'age' | 'sex' | 'sibling-group' | 'need' | 'child-area' | 'household-area' | 'link-cap';

export interface MatchSettings {
  weights: Record<Factor, number>;
  /** Open links a household may have at once. */
  linkCap: number;
}

export interface FactorScore {
  factor: Factor;
  /** 0..1, to 2 decimals. */
  score: number;
  weight: number;
  /** One plain-English sentence saying why. */
  explanation: string;
}

export interface Ranked<T> {
  candidate: T;
  /** 0..100: the weighted mean of the factor scores, to 1 decimal. */
  score: number;
  factors: FactorScore[];
}

export interface Excluded<T> {
  candidate: T;
  constraint: Constraint;
  /** Names the term and the value, e.g. "Approved for children aged 0 to 4: Ella is 6". */
  explanation: string;
}

// ---- labels and defaults --------------------------------------------------------------------

export const FACTORS: Record<Factor, string> = {
  needs: 'Needs within the household\'s tolerances',
  heritage: 'Ethnicity, religion and language',
  siblings: 'Sibling group',
  distance: 'Distance between council areas',
  'household-wait': 'Household\'s wait since approval',
  'child-wait': 'Child\'s wait',
};

/** In the order they are checked: an excluded candidate names the first one it breaks. */
export const CONSTRAINTS: Record<Constraint, string> = {
  status: 'Not available to match',
  'no-terms': 'No approval terms recorded',
  'number-of-children': 'Number of children',
  age: 'Age range',
  sex: 'Sex of the child',
  'sibling-group': 'Not approved for a sibling group',
  need: 'A need the household cannot consider',
  'child-area': 'An area the child must not be placed in',
  'household-area': 'An area the household cannot be matched with',
  'link-cap': 'At the cap of open links',
};

export const FACTOR_ORDER = Object.keys(FACTORS) as readonly Factor[];
export const CONSTRAINT_ORDER = Object.keys(CONSTRAINTS) as readonly Constraint[];

/** Needs first; then the child's wait (the partnership exists to find waiting children a family sooner). */
export const DEFAULT_SETTINGS: MatchSettings = {
  weights: { needs: 0.3, heritage: 0.15, siblings: 0.1, distance: 0.1, 'household-wait': 0.15, 'child-wait': 0.2 },
  linkCap: 6,
};

export const LINK_CAP_RANGE = { min: 1, max: 20 } as const;

/** Statuses a household can be matched from. */
export const MATCHABLE_STATUSES: readonly HouseholdStatus[] = ['approved', 'linked'];


// ---- settings held as data ------------------------------------------------------------------

/** What is wrong with settings read from data (empty when they can be used). */
export function settingsProblems(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['Matching settings must be an object with weights and linkCap'];
  const problems: string[] = [];
  const settings = raw as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (key !== 'weights' && key !== 'linkCap') problems.push(`"${key}" is not a matching setting: use weights and linkCap`);
  }
  const weights = settings.weights;
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) {
    problems.push(`weights must be an object giving a weight from 0 to 1 for each factor: ${FACTOR_ORDER.join(', ')}`);
  } else {
    const given = weights as Record<string, unknown>;
    let sum = 0;
    let valid = true;
    for (const factor of FACTOR_ORDER) {
      const w = given[factor];
      if (w === undefined) {
        problems.push(`weights.${factor} (${FACTORS[factor]}) is missing: give a number from 0 to 1`);
        valid = false;
      } else if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1) {
        problems.push(`weights.${factor} (${FACTORS[factor]}) must be a number from 0 to 1: got ${JSON.stringify(w) ?? String(w)}`);
        valid = false;
      } else {
        sum += w;
      }
    }
    for (const key of Object.keys(given)) {
      if (!(FACTOR_ORDER as readonly string[]).includes(key)) problems.push(`weights.${key} is not a factor: the factors are ${FACTOR_ORDER.join(', ')}`);
    }
    if (valid && !(sum > 0)) problems.push('At least one weight must be above 0');
  }
  const cap = settings.linkCap;
  if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < LINK_CAP_RANGE.min || cap > LINK_CAP_RANGE.max) {
    problems.push(`linkCap must be a whole number from ${LINK_CAP_RANGE.min} to ${LINK_CAP_RANGE.max}: got ${JSON.stringify(cap) ?? String(cap)}`);
  }
  return problems;
}

export function isMatchSettings(raw: unknown): raw is MatchSettings {
  return settingsProblems(raw).length === 0;
}


function run(settings: MatchSettings, today: string, perSubjectMemo = true): Run {
  let weightSum = 0;
  for (const f of FACTOR_ORDER) weightSum += settings.weights[f];
  return { settings, weights: settings.weights, weightSum, today: day(today), distances: new Map(), groupDistances: new Map(), householdWaits: new Map(), perSubjectMemo };
}


const SEX_WORDS = { M: 'boys', F: 'girls' } as const;
const STATUS_INDEX: Record<string, number> = Object.fromEntries(Object.keys(STATUSES).map((s, i) => [s, i]));
const CONSTRAINT_INDEX = Object.fromEntries(Object.keys(CONSTRAINTS).map((c, i) => [c, i])) as Record<Constraint, number>;

function childrenRange(min: number, max: number): string {
  if (min === max) return min === 1 ? '1 child' : `${min} children`;
  return `${min} to ${max} children`;
}


/** A small whole number as part of a key, or -1 when it is too big to keep. */
const small = (n: number) => (Number.isInteger(n) && n >= 0 && n < 1000 ? n : -1);
const NO_BREACH = -1;
/** The detail of a key that is not kept (a value too big to be part of one). */
const UNKEPT = 999_999;

/**
 * The first hard constraint the pair breaks, in CONSTRAINTS order, as a key: the constraint's
 * index × 1,000,000 plus what its sentence depends on (the terms' values, the need, the council),
 * so that pairs with the same key have the same sentence; NO_BREACH when none is broken.
 */
function firstBreach(s: SubjectFacts, h: MatchHousehold, r: Run): number {
  if (h.status !== 'approved' && h.status !== 'linked') return STATUS_INDEX[h.status] ?? UNKEPT;
  const t = h.terms;
  if (!t) return 1e6;
  if (s.size < t.minChildren || s.size > t.maxChildren) {
    return 2e6 + (small(t.minChildren) < 0 || small(t.maxChildren) < 0 ? UNKEPT : t.minChildren * 1000 + t.maxChildren);
  }
  if (s.youngest < t.minAge || s.oldest > t.maxAge) return 3e6 + (small(t.minAge) < 0 || small(t.maxAge) < 0 ? UNKEPT : t.minAge * 1000 + t.maxAge);
  if (t.childSex !== 'any' && s.allSex !== t.childSex) return t.childSex === 'M' ? 4e6 : 4e6 + 1;
  if (s.size > 1 && !t.siblingGroup) return 5e6;
  for (const { need } of s.needs) if (t.tolerances[need] === 'cannot') return 6e6 + NEED_INDEX[need];
  if (h.councilId !== null && s.avoid.size > 0) {
    const avoided = s.avoid.get(h.councilId);
    if (avoided !== undefined) return 7e6 + (small(avoided.index) < 0 ? UNKEPT : avoided.index);
  }
  if (t.avoidCouncilIds.length > 0) {
    for (let i = 0; i < s.councils.length; i++) if (t.avoidCouncilIds.includes(s.councils[i]!.id)) return 8e6 + (small(i) < 0 ? UNKEPT : i);
  }
  if (h.openLinks >= r.settings.linkCap) return 9e6 + (small(h.openLinks) < 0 ? UNKEPT : h.openLinks);
  return NO_BREACH;
}

/** The sentence for the constraint firstBreach found: names the term and the child's value. */
function describeBreach(constraint: Constraint, s: SubjectFacts, h: MatchHousehold, r: Run): string {
  const t = h.terms!;
  switch (constraint) {
    case 'status':
      return `The household's status is "${STATUSES[h.status] ?? h.status}": only households approved and available, or linked, can be matched`;
    case 'no-terms':
      return 'No approval terms are recorded for the household, so no child can be matched with it';
    case 'number-of-children': {
      const value = s.size === 1 ? `${s.name} is one child` : `${list(s.children.map((c) => c.child.name))} are ${s.size} children to be placed together`;
      return `Approved for ${childrenRange(t.minChildren, t.maxChildren)}: ${value}`;
    }
    case 'age': {
      const c = s.children.find((x) => x.age < t.minAge || x.age > t.maxAge)!;
      return `Approved for children aged ${t.minAge} to ${t.maxAge}: ${c.child.name} is ${c.age}`;
    }
    case 'sex': {
      const wanted = t.childSex === 'M' ? 'M' : 'F';
      const c = s.children.find((x) => x.child.sex !== wanted)!;
      const value = c.child.sex === 'U' ? `${c.child.name}'s sex is recorded as unknown or indeterminate` : `${c.child.name} is a ${c.child.sex === 'M' ? 'boy' : 'girl'}`;
      return `Approved for ${SEX_WORDS[wanted]} only: ${value}`;
    }
    case 'sibling-group':
      return `Not approved for a sibling group: ${list(s.children.map((c) => c.child.name))} are to be placed together`;
    case 'need': {
      const { need, child } = s.needs.find((n) => t.tolerances[n.need] === 'cannot')!;
      return `Cannot consider "${NEEDS[need]}": ${child} has this need`;
    }
    case 'child-area':
      return `${s.avoid.get(h.councilId!)!.child} must not be placed in ${h.councilName ?? 'the household\'s council'}, where the household lives`;
    case 'household-area': {
      const c = s.councils.find((x) => t.avoidCouncilIds.includes(x.id))!;
      return `The household cannot be matched with children from ${c.name}: ${c.child} is from ${c.name}`;
    }
    case 'link-cap':
      return `At the cap of ${r.settings.linkCap} open links: the household has ${h.openLinks}`;
  }
}

/** The first hard constraint the pair breaks with its sentence, or null; a subject's sentences are made once per key. */
function breach(s: SubjectFacts, h: MatchHousehold, r: Run): Breach | null {
  const key = firstBreach(s, h, r);
  if (key === NO_BREACH) return null;
  const kept = r.perSubjectMemo && key % 1e6 !== UNKEPT;
  const memo = kept ? (s.exclusions ??= new Map()) : null;
  let found = memo?.get(key);
  if (!found) {
    const constraint = CONSTRAINT_ORDER[Math.floor(key / 1e6)]!;
    found = { constraint, explanation: describeBreach(constraint, s, h, r) };
    memo?.set(key, found);
  }
  return found;
}

// ---- soft factors -----------------------------------------------------------------------------

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The excluded in constraint order, then by a name and id: grouped first, then each group sorted. */
function sortExcluded<T>(excluded: Excluded<T>[], name: (c: T) => string, id: (c: T) => string): Excluded<T>[] {
  const groups: Excluded<T>[][] = CONSTRAINT_ORDER.map(() => []);
  for (const e of excluded) groups[CONSTRAINT_INDEX[e.constraint]]!.push(e);
  const sorted: Excluded<T>[] = [];
  for (const group of groups) {
    if (group.length > 1) group.sort((a, b) => compareText(name(a.candidate), name(b.candidate)) || compareText(id(a.candidate), id(b.candidate)));
    for (const e of group) sorted.push(e);
  }
  return sorted;
}

/** Orders candidates by a number (lower first), then a name and id, without moving the candidates while sorting. */
function sortRanked<T>(ranked: Ranked<T>[], keys: number[], name: (c: T) => string, id: (c: T) => string): Ranked<T>[] {
  const order = ranked.map((_, i) => i);
  order.sort((a, b) => keys[a]! - keys[b]! || compareText(name(ranked[a]!.candidate), name(ranked[b]!.candidate)) || compareText(id(ranked[a]!.candidate), id(ranked[b]!.candidate)));
  return order.map((i) => ranked[i]!);
}

const householdReference = (h: MatchHousehold) => h.reference;
const householdId = (h: MatchHousehold) => h.id;
const subjectLabel = (s: MatchSubject) => s.label;
const subjectId = (s: MatchSubject) => s.id;
/** Days from 1970 for dates to 2999 fit under this; a score in tenths times it stays well inside 2^53. */
const DAY_SPAN = 1e6;

/**
 * Ranks households for a child or a sibling group: the ranked best first (score, then the
 * longest approved, then reference, then id), and the excluded by constraint, then reference.
 * Factor scores are frozen and shared between candidates that have the same one. Any input order
 * gives the same answer; households given in reference order (as the store reads them) sort fastest.
 */
export function rankHouseholds(subject: MatchSubject, households: readonly MatchHousehold[], settings: MatchSettings, today: string): { ranked: Ranked<MatchHousehold>[]; excluded: Excluded<MatchHousehold>[] } {
  const r = run(settings, today);
  const s = subjectFacts(subject, r);
  const ranked: Ranked<MatchHousehold>[] = [];
  const keys: number[] = [];
  const excluded: Excluded<MatchHousehold>[] = [];
  for (const h of households) {
    const broken = breach(s, h, r);
    if (broken) {
      excluded.push({ candidate: h, constraint: broken.constraint, explanation: broken.explanation });
    } else {
      const ranking = score(h, s, h, h.terms!, r);
      ranked.push(ranking);
      // Best score first, then the earliest approval (none last).
      const day = householdWait(h, r).day;
      const approvedOn = day === Infinity ? DAY_SPAN - 1 : Math.min(DAY_SPAN - 2, Math.max(0, day));
      keys.push((1000 - Math.round(ranking.score * 10)) * DAY_SPAN + approvedOn);
    }
  }
  return { ranked: sortRanked(ranked, keys, householdReference, householdId), excluded: sortExcluded(excluded, householdReference, householdId) };
}

/** Ranks children (alone or in sibling groups) for a household, with the same scores as rankHouseholds gives each pair: score, then the longest wait, then label, then id. */
export function rankChildren(household: MatchHousehold, subjects: readonly MatchSubject[], settings: MatchSettings, today: string): { ranked: Ranked<MatchSubject>[]; excluded: Excluded<MatchSubject>[] } {
  // Each subject meets one household here, so nothing is kept per subject.
  const r = run(settings, today, false);
  const ranked: Ranked<MatchSubject>[] = [];
  const keys: number[] = [];
  const excluded: Excluded<MatchSubject>[] = [];
  // A household not available, or without terms, is excluded for every subject alike (the first two constraints checked).
  const whole = household.terms === null || (household.status !== 'approved' && household.status !== 'linked')
    ? breach(subjectFacts({ id: '', label: '', children: [] }, r), household, r) : null;
  for (const subject of subjects) {
    if (whole) {
      excluded.push({ candidate: subject, constraint: whole.constraint, explanation: whole.explanation });
      continue;
    }
    const s = subjectFacts(subject, r);
    const broken = breach(s, household, r);
    if (broken) {
      excluded.push({ candidate: subject, constraint: broken.constraint, explanation: broken.explanation });
    } else {
      const ranking = score(subject, s, household, household.terms!, r);
      ranked.push(ranking);
      // Best score first, then the longest wait (none last).
      const waited = s.wait ? Math.min(DAY_SPAN - 2, s.wait.days) : -1;
      keys.push((1000 - Math.round(ranking.score * 10)) * DAY_SPAN + (DAY_SPAN - 2 - waited));
    }
  }
  return { ranked: sortRanked(ranked, keys, subjectLabel, subjectId), excluded: sortExcluded(excluded, subjectLabel, subjectId) };
}

/** One pair, for the API's explanation and for refusing a link outside the terms: the first hard constraint broken, or null. */
export function exclusionOf(subject: MatchSubject, household: MatchHousehold, settings: MatchSettings, today: string): Excluded<MatchHousehold> | null {
  const r = run(settings, today);
  const broken = breach(subjectFacts(subject, r), household, r);
  return broken ? { candidate: household, constraint: broken.constraint, explanation: broken.explanation } : null;
}

/** One pair's score and factors, or null when a hard constraint excludes it (exclusionOf says which). */
export function scoreOf(subject: MatchSubject, household: MatchHousehold, settings: MatchSettings, today: string): Ranked<MatchHousehold> | null {
  const r = run(settings, today);
  const s = subjectFacts(subject, r);
  return breach(s, household, r) ? null : score(household, s, household, household.terms!, r);
}

/** How many households are viable (break no hard constraint) for a subject, by tier: for a family finder's home page. */
export function viableCounts(subject: MatchSubject, households: readonly MatchHousehold[], settings: MatchSettings, today: string): Record<Tier, number> {
  const r = run(settings, today);
  const s = subjectFacts(subject, r);
  const counts: Record<Tier, number> = { council: 0, partnership: 0, 'inter-agency': 0 };
  for (const h of households) if (!breach(s, h, r)) counts[h.tier]++;
  return counts;
}
