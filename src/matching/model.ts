// The matching engine (issue 13 item 1): for a waiting child, or a sibling group to be placed
// together (ranked as one), rank the households that could adopt them; and for a household, the
// children it could be linked with, ranked the same way. Hard constraints (the approval terms, the
// needs a household cannot consider, areas either side must avoid, the cap of open links, a
// household not available) exclude, each with a sentence naming the term and the child's value.
// Soft factors score 0..1 each with a sentence saying why, weighted by settings held as data per
// partnership. Pure: no I/O, no clock (today is given), and no Date objects: ages and waits are
// integer arithmetic on YYYY-MM-DD strings, so 5,000 households rank in a few milliseconds.
// The order is total (score, then stable tie-breaks), so the same input gives the same list.
import { NEEDS, STATUSES, type HouseholdStatus, type Need, type Tolerance } from '../adopters/codes.ts';
import type { Terms } from '../adopters/model.ts';
import { ETHNICITIES } from '../children/codes.ts';
import { distanceKm, PLACES } from './places.ts';

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

const TOLERANCE_SCORES: Record<Tolerance, number> = { cannot: 0, low: 0.33, medium: 0.66, high: 1 };
const TOLERANCE_WORDS: Record<Tolerance, string> = { cannot: 'cannot consider', low: 'low', medium: 'medium', high: 'high' };
const NEED_ORDER = Object.keys(NEEDS) as readonly Need[];
const NEED_INDEX = Object.fromEntries(NEED_ORDER.map((n, i) => [n, i])) as Record<Need, number>;

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

// ---- dates without Date -------------------------------------------------------------------------

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date (Howard Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const y = digits(date, 0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

interface Day {
  y: number;
  m: number;
  d: number;
  n: number;
}

function day(date: string): Day {
  return { y: digits(date, 0, 4), m: digits(date, 5, 7), d: digits(date, 8, 10), n: dayNumber(date) };
}

/** Whole years from a date of birth to a day (a birthday on 29 February counts from 1 March in other years). */
function yearsOn(dateOfBirth: string, on: Day): number {
  const by = digits(dateOfBirth, 0, 4);
  const bm = digits(dateOfBirth, 5, 7);
  const bd = digits(dateOfBirth, 8, 10);
  return on.y - by - (on.m < bm || (on.m === bm && on.d < bd) ? 1 : 0);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 1 November 2014 (GOV.UK style), by string arithmetic. */
function longDate(date: string): string {
  return `${digits(date, 8, 10)} ${MONTH_NAMES[digits(date, 5, 7) - 1] ?? ''} ${date.slice(0, 4)}`;
}

/** From a date to a day: "12 days", "1 month", "7 months", "2 years and 3 months" (whole calendar months). */
function duration(from: string, to: Day, days: number): string {
  const months = Math.max(0, (to.y - digits(from, 0, 4)) * 12 + to.m - digits(from, 5, 7) - (to.d < digits(from, 8, 10) ? 1 : 0));
  if (months < 1) return days === 1 ? '1 day' : `${days} days`;
  if (months < 24) return months === 1 ? '1 month' : `${months} months`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years} years` : `${years} years and ${rest} month${rest === 1 ? '' : 's'}`;
}

// ---- text helpers -----------------------------------------------------------------------------

const round2 = (n: number) => Math.round(n * 100) / 100;

function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const normalise = (s: string) => s.trim().toLowerCase();
const ENGLISH = new Set(['english', 'eng', 'en']);

/** Whether a household's entry (any case, spaces around) is the child's normalised value, without making new strings. */
function sameText(entry: string, normalised: string): boolean {
  let start = 0;
  let end = entry.length;
  while (start < end && entry.charCodeAt(start) <= 32) start++;
  while (end > start && entry.charCodeAt(end - 1) <= 32) end--;
  if (end - start !== normalised.length) return false;
  for (let i = start; i < end; i++) {
    let c = entry.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) return normalise(entry) === normalised;
    if (c !== normalised.charCodeAt(i - start)) return false;
  }
  return true;
}

function includesText(entries: readonly string[], normalised: string): boolean {
  for (const entry of entries) if (sameText(entry, normalised)) return true;
  return false;
}

// ---- heritage ---------------------------------------------------------------------------------

/** Broad groups as bits, by the DfE code's first letter. */
const GROUP_BITS: Record<string, number> = { W: 1, M: 2, A: 4, B: 8, C: 16, O: 32 };
const GROUP_NAMES: readonly (readonly [number, string])[] = [[1, 'White'], [2, 'mixed'], [4, 'Asian'], [8, 'Black'], [16, 'Chinese'], [32, 'other']];
/** Mixed-heritage codes belong to their component groups as well as to "mixed". */
const MIXED_GROUPS: Record<string, number> = { MWBC: 2 | 1 | 8, MWBA: 2 | 1 | 8, MWAS: 2 | 1 | 4, MOTH: 2 };

function groupsOf(code: string): number {
  if (code === 'REFU' || code === 'NOBT' || code === '') return 0;
  return MIXED_GROUPS[code] ?? GROUP_BITS[code.charAt(0)] ?? 0;
}

const ethnicityLabel = (code: string) => (ETHNICITIES as Record<string, string>)[code] ?? code;

// ---- what is worked out once per call, and once per subject --------------------------------------

interface ChildFacts {
  child: MatchChild;
  age: number;
  /** Broad groups (bits); 0 when the ethnicity is not recorded. */
  groups: number;
  /** Normalised religion; null when not stated. */
  religion: string | null;
  /** Normalised first language when it is not English; otherwise null. */
  language: string | null;
}

type Breach = { constraint: Constraint; explanation: string };

interface SubjectFacts {
  subject: MatchSubject;
  name: string;
  size: number;
  children: ChildFacts[];
  youngest: number;
  oldest: number;
  allSex: 'M' | 'F' | 'mixed' | 'U';
  /** The union of the children's needs, in NEEDS order, with the first child who has each. */
  needs: { need: Need; child: string }[];
  /** The councils the children must not be placed in, with the first child for each. */
  avoid: ReadonlyMap<string, { child: string; index: number }>;
  /** Distinct placing councils, with the first child from each. */
  councils: { id: string; name: string; code: string | null; child: string }[];
  /** The longest wait in days, with whose and since when; null when no child has a date. */
  wait: { days: number; child: string; since: string } | null;
  /** Children alike in ethnicity, religion and language are weighed once, by how many they are. */
  profiles: { facts: ChildFacts; who: string; count: number; plural: boolean }[] | null;
  childWait: FactorScore | null;
  // What this subject's pairs share: the same terms give the same sentence, made once (each made
  // when first needed, as a subject ranked for one household needs none of them).
  exclusions: Map<number, Breach> | null;
  needsMemo: Map<number, FactorScore> | null;
  heritageMemo: Map<number, FactorScore> | null;
  siblingsMemo: Map<number, FactorScore> | null;
}

/** What one call shares across its pairs. */
interface Run {
  settings: MatchSettings;
  weights: Record<Factor, number>;
  weightSum: number;
  today: Day;
  /** The distance factor by the child's council id, then the household's (a group's sentence differs from a child's). */
  distances: Map<string, Map<string, FactorScore>>;
  groupDistances: Map<string, Map<string, FactorScore>>;
  /** Whether a subject's sentences are kept for its next pair (not when each subject meets one household). */
  perSubjectMemo: boolean;
  /** The household-wait factor, and the day number, by the date of approval ('' for none). */
  householdWaits: Map<string, { factor: FactorScore; day: number }>;
}

function run(settings: MatchSettings, today: string, perSubjectMemo = true): Run {
  let weightSum = 0;
  for (const f of FACTOR_ORDER) weightSum += settings.weights[f];
  return { settings, weights: settings.weights, weightSum, today: day(today), distances: new Map(), groupDistances: new Map(), householdWaits: new Map(), perSubjectMemo };
}

/** Factor scores are shared by every candidate they describe, so they are frozen. */
function factorScore(factor: Factor, score: number, r: Run, explanation: string): FactorScore {
  return Object.freeze({ factor, score: round2(score), weight: r.weights[factor], explanation });
}

/** Children alike in ethnicity, religion and language, with how to name them. */
function profilesOf(s: SubjectFacts): NonNullable<SubjectFacts['profiles']> {
  if (s.profiles) return s.profiles;
  const byProfile = new Map<string, { facts: ChildFacts; names: string[] }>();
  for (const c of s.children) {
    const key = `${c.child.ethnicity}|${c.religion ?? ''}|${c.language ?? ''}`;
    const seen = byProfile.get(key);
    if (seen) seen.names.push(c.child.name);
    else byProfile.set(key, { facts: c, names: [c.child.name] });
  }
  return (s.profiles = [...byProfile.values()].map(({ facts, names }) => ({
    facts, count: names.length, plural: names.length > 1, who: s.size === 1 ? facts.child.name : names.length === s.size ? 'the children' : list(names),
  })));
}

const NO_AVOID: ReadonlyMap<string, { child: string; index: number }> = new Map();

function subjectFacts(subject: MatchSubject, r: Run): SubjectFacts {
  const today = r.today;
  const children: ChildFacts[] = [];
  const needOwners: (string | undefined)[] = [];
  let avoid: Map<string, { child: string; index: number }> | null = null;
  const councils: SubjectFacts['councils'] = [];
  let wait: SubjectFacts['wait'] = null;
  let youngest = Infinity;
  let oldest = -Infinity;
  let boys = false;
  let girls = false;
  let unknown = false;
  for (const child of subject.children) {
    const religion = child.religion && child.religion.trim() ? normalise(child.religion) : null;
    const language = child.firstLanguage && child.firstLanguage.trim() && !ENGLISH.has(normalise(child.firstLanguage)) ? normalise(child.firstLanguage) : null;
    const age = yearsOn(child.dateOfBirth, today);
    children.push({ child, age, groups: groupsOf(child.ethnicity), religion, language });
    if (age < youngest) youngest = age;
    if (age > oldest) oldest = age;
    if (child.sex === 'M') boys = true;
    else if (child.sex === 'F') girls = true;
    else unknown = true;
    for (const need of child.needs) needOwners[NEED_INDEX[need]] ??= child.name;
    for (const id of child.avoidCouncilIds) {
      avoid ??= new Map();
      if (!avoid.has(id)) avoid.set(id, { child: child.name, index: avoid.size });
    }
    if (!councils.some((c) => c.id === child.councilId)) councils.push({ id: child.councilId, name: child.councilName, code: child.councilCode, child: child.name });
    if (child.waitingSince) {
      const days = Math.max(0, today.n - dayNumber(child.waitingSince));
      if (!wait || days > wait.days) wait = { days, child: child.name, since: child.waitingSince };
    }
  }
  const needs: SubjectFacts['needs'] = [];
  for (let i = 0; i < NEED_ORDER.length; i++) if (needOwners[i] !== undefined) needs.push({ need: NEED_ORDER[i]!, child: needOwners[i]! });
  return {
    subject,
    name: children.length === 1 ? children[0]!.child.name : subject.label,
    size: children.length,
    children,
    youngest,
    oldest,
    allSex: unknown ? 'U' : boys && girls ? 'mixed' : boys ? 'M' : 'F',
    needs,
    avoid: avoid ?? NO_AVOID,
    councils,
    wait,
    profiles: null,
    childWait: null,
    exclusions: null,
    needsMemo: null,
    heritageMemo: null,
    siblingsMemo: null,
  };
}

// ---- hard constraints ---------------------------------------------------------------------------

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

const TOLERANCE_INDEX: Record<string, number> = { cannot: 0, low: 1, medium: 2, high: 3 };

function needsFactor(s: SubjectFacts, t: MatchTerms, r: Run): FactorScore {
  let key = 0;
  for (const { need } of s.needs) key = key * 5 + (TOLERANCE_INDEX[t.tolerances[need]] ?? 4);
  const memo = r.perSubjectMemo ? (s.needsMemo ??= new Map()) : null;
  let found = memo?.get(key);
  if (found) return found;
  if (s.needs.length === 0) {
    found = factorScore('needs', 1, r, `No recorded needs for ${s.name}: any household's tolerances fit`);
  } else {
    let sum = 0;
    const parts: string[] = [];
    for (const { need } of s.needs) {
      const tolerance = t.tolerances[need];
      sum += TOLERANCE_SCORES[tolerance] ?? 0;
      parts.push(`${lowerFirst(NEEDS[need])} (${TOLERANCE_WORDS[tolerance] ?? 'not stated'})`);
    }
    found = factorScore('needs', sum / s.needs.length, r, `The household's tolerance for ${s.name}'s needs: ${list(parts)}`);
  }
  memo?.set(key, found);
  return found;
}

// A child's heritage against a household, as a code: ethnicity (0 same, 1 same with two applicants,
// 2 child not recorded, 3 applicants not recorded, 4/5 nothing shared, 6 + 2×shared groups + two
// applicants: a shared broad group) × 12 + religion (0 child none, 1 household none, 2 shared,
// 3 not shared) × 3 + language (0 English or none, 1 spoken, 2 not listed).
function heritageCode(c: ChildFacts, h: MatchHousehold, t: MatchTerms): number {
  let eth: number;
  if (c.groups === 0) {
    eth = 2;
  } else {
    let same = false;
    let recorded = false;
    let shared = 0;
    for (const code of h.applicantEthnicities) {
      if (code === c.child.ethnicity) same = true;
      const g = groupsOf(code);
      if (g !== 0) recorded = true;
      shared |= g & c.groups;
    }
    const two = h.applicantEthnicities.length > 1 ? 1 : 0;
    eth = same ? two : !recorded ? 3 : shared !== 0 ? 6 + shared * 2 + two : 4 + two;
  }
  const religion = c.religion === null ? 0 : t.religions.length === 0 ? 1 : includesText(t.religions, c.religion) ? 2 : 3;
  const language = c.language === null ? 0 : includesText(t.languages, c.language) ? 1 : 2;
  return eth * 12 + religion * 3 + language;
}

function heritageOfCode(code: number, c: ChildFacts, who: string, plural: boolean): [number, string] {
  const eth = Math.floor(code / 12);
  const religion = Math.floor((code % 12) / 3);
  const language = code % 3;
  const label = ethnicityLabel(c.child.ethnicity);
  const shares = plural ? 'share' : 'shares';
  let score: number;
  let text: string;
  if (eth <= 1) {
    score = 1;
    text = `${eth === 1 ? 'an applicant' : 'the applicant'} shares ${who}'s ethnicity (${label})`;
  } else if (eth === 2) {
    score = 0.5;
    text = `${who}'s ethnicity is not recorded (neutral)`;
  } else if (eth === 3) {
    score = 0.5;
    text = 'the applicants\' ethnicity is not recorded (neutral)';
  } else if (eth <= 5) {
    score = 0.3;
    text = `${who} (${label}) ${shares} no ethnic background with ${eth === 5 ? 'the applicants' : 'the applicant'}, so consider how the family would support ${who}'s identity`;
  } else {
    score = 0.7;
    const shared = (eth - 6) >> 1;
    const names = GROUP_NAMES.filter(([bit]) => (shared & bit) !== 0).map(([, n]) => n);
    text = `${who} (${label}) ${shares} ${list(names)} heritage with ${(eth - 6) & 1 ? 'the applicants' : 'the applicant'}`;
  }
  const childReligion = c.child.religion?.trim() ?? '';
  if (religion === 0) text += `; no religion recorded for ${who} (neutral)`;
  else if (religion === 1) text += '; the household\'s religion is not stated (neutral)';
  else if (religion === 2) {
    score += 0.15;
    text += `; the household shares ${who}'s religion (${childReligion})`;
  } else text += `; ${who}'s religion (${childReligion}) is not among the household's`;
  const childLanguage = c.child.firstLanguage?.trim() ?? '';
  if (language === 1) {
    score += 0.15;
    text += `; the household speaks ${who}'s first language (${childLanguage})`;
  } else if (language === 2) {
    text += `; the household does not list ${who}'s first language (${childLanguage})`;
  }
  return [Math.min(1, score), text.charAt(0).toUpperCase() + text.slice(1)];
}

function heritageFactor(s: SubjectFacts, h: MatchHousehold, t: MatchTerms, r: Run): FactorScore {
  const profiles = profilesOf(s);
  let key = 0;
  for (const p of profiles) key = key * 4096 + heritageCode(p.facts, h, t);
  const memo = r.perSubjectMemo && profiles.length <= 4 ? (s.heritageMemo ??= new Map()) : null;
  let found = memo?.get(key);
  if (found) return found;
  if (profiles.length === 1) {
    const [score, text] = heritageOfCode(key, profiles[0]!.facts, profiles[0]!.who, profiles[0]!.plural);
    found = factorScore('heritage', score, r, text);
  } else {
    // Children of one group with different backgrounds: the mean over the children, each background said.
    let sum = 0;
    const texts: string[] = [];
    for (const p of profiles) {
      const [score, text] = heritageOfCode(heritageCode(p.facts, h, t), p.facts, p.who, p.plural);
      sum += score * p.count;
      texts.push(text);
    }
    found = factorScore('heritage', sum / s.size, r, texts.join('. '));
  }
  memo?.set(key, found);
  return found;
}

function siblingsFactor(s: SubjectFacts, t: MatchTerms, r: Run): FactorScore {
  const key = (t.siblingGroup ? 1e6 : 0) + (s.size > 1 ? t.maxChildren : 0);
  const memo = r.perSubjectMemo ? (s.siblingsMemo ??= new Map()) : null;
  let found = memo?.get(key);
  if (found) return found;
  if (s.size > 1) {
    found = t.siblingGroup && t.maxChildren >= s.size
      ? factorScore('siblings', 1, r, `Approved for a sibling group of up to ${t.maxChildren}: the ${s.size} children can stay together`)
      : factorScore('siblings', 0, r, `Not approved for a sibling group of ${s.size}`);
  } else {
    found = t.siblingGroup
      ? factorScore('siblings', 0.7, r, 'Approved for a sibling group: scored lower for a single child, to keep such households for brothers and sisters waiting together')
      : factorScore('siblings', 1, r, 'Approved for a single child rather than a sibling group, which suits a child waiting alone');
  }
  memo?.set(key, found);
  return found;
}

function distanceScore(km: number): number {
  if (km < 15) return 0.6 + (0.4 * km) / 15;
  if (km <= 80) return 1;
  if (km >= 300) return 0.3;
  return 1 - (0.7 * (km - 80)) / 220;
}

function distanceOne(c: SubjectFacts['councils'][number], h: MatchHousehold, plural: boolean, r: Run): FactorScore {
  const byChild = plural ? r.groupDistances : r.distances;
  let byHousehold = byChild.get(c.id);
  if (!byHousehold) byChild.set(c.id, (byHousehold = new Map()));
  const key = h.councilId ?? h.councilCode ?? '';
  const cached = byHousehold.get(key);
  if (cached) return cached;
  const whose = plural ? 'the children\'s' : 'the child\'s';
  let result: FactorScore;
  const km = h.councilId !== null && h.councilId === c.id ? 0 : distanceKm(c.code, h.councilCode);
  if (km === null) {
    const missing = !h.councilId && !h.councilCode ? 'the household\'s home council is not recorded'
      : !c.code || !PLACES[c.code] ? `no location is held for ${c.name}`
        : `no location is held for ${h.councilName ?? 'the household\'s council'}`;
    result = factorScore('distance', 0.5, r, `Distance not known: ${missing} (neutral)`);
  } else if (km === 0) {
    result = factorScore('distance', 0.6, r, `The household lives in ${c.name}, ${whose} own council: placing very near the birth family can be a risk`);
  } else {
    const between = `About ${Math.round(km)} km between ${c.name} and ${h.councilName ?? 'the household\'s council'}`;
    const why = km < 15 ? `close to ${whose} council, where meeting the birth family is more likely`
      : km <= 80 ? 'near enough for introductions, far enough from the birth family'
        : 'a long way for introductions and contact';
    result = factorScore('distance', distanceScore(km), r, `${between}: ${why}`);
  }
  byHousehold.set(key, result);
  return result;
}

function distanceFactor(s: SubjectFacts, h: MatchHousehold, r: Run): FactorScore {
  // A group placed from more than one council: the least suitable distance counts.
  const plural = s.size > 1;
  let worst: FactorScore | null = null;
  for (const c of s.councils) {
    const d = distanceOne(c, h, plural, r);
    if (!worst || d.score < worst.score) worst = d;
  }
  return worst ?? factorScore('distance', 0.5, r, 'Distance not known: no council recorded for the child (neutral)');
}

function householdWait(h: MatchHousehold, r: Run): { factor: FactorScore; day: number } {
  const key = h.approvedOn ?? '';
  let found = r.householdWaits.get(key);
  if (found) return found;
  if (!h.approvedOn) {
    found = { factor: factorScore('household-wait', 0, r, 'The household\'s approval date is not recorded'), day: Infinity };
  } else {
    const day = dayNumber(h.approvedOn);
    const days = Math.max(0, r.today.n - day);
    found = { factor: factorScore('household-wait', Math.min(1, days / 180), r, `Approved on ${longDate(h.approvedOn)}: waiting ${duration(h.approvedOn, r.today, days)} since approval`), day };
  }
  r.householdWaits.set(key, found);
  return found;
}

function childWaitFactor(s: SubjectFacts, r: Run): FactorScore {
  if (s.childWait) return s.childWait;
  const w = s.wait;
  if (!w) return (s.childWait = factorScore('child-wait', 0, r, `Waiting time not known: no decision date is recorded for ${s.size === 1 ? s.name : 'any of the children'}`));
  const who = s.size === 1 ? s.name : `${w.child}, the longest waiting of the group,`;
  return (s.childWait = factorScore('child-wait', Math.min(1, w.days / 365), r, `${who} has waited ${duration(w.since, r.today, w.days)}, since ${longDate(w.since)}`));
}

function score<T>(candidate: T, s: SubjectFacts, h: MatchHousehold, t: MatchTerms, r: Run): Ranked<T> {
  const needs = needsFactor(s, t, r);
  const heritage = heritageFactor(s, h, t, r);
  const siblings = siblingsFactor(s, t, r);
  const distance = distanceFactor(s, h, r);
  const waited = householdWait(h, r).factor;
  const childWait = childWaitFactor(s, r);
  const total = needs.weight * needs.score + heritage.weight * heritage.score + siblings.weight * siblings.score
    + distance.weight * distance.score + waited.weight * waited.score + childWait.weight * childWait.score;
  return {
    candidate,
    score: r.weightSum > 0 ? Math.round((total / r.weightSum) * 1000) / 10 : 0,
    factors: [needs, heritage, siblings, distance, waited, childWait],
  };
}

// ---- ranking ------------------------------------------------------------------------------

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
