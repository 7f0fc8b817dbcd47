// What the matching engine works out once per call (Run) and once per child or sibling group
// (SubjectFacts), so each household it meets costs only the comparisons. Internal to src/matching.
import { NEEDS, type Need } from '../adopters/codes.ts';
import type { Constraint, Factor, FactorScore, MatchChild, MatchSettings, MatchSubject } from './model.ts';
import { dayNumber, ENGLISH, groupsOf, list, normalise, round2, yearsOn, type Day } from './engine-text.ts';

export const NEED_ORDER = Object.keys(NEEDS) as readonly Need[];
export const NEED_INDEX = Object.fromEntries(NEED_ORDER.map((n, i) => [n, i])) as Record<Need, number>;

// ---- what is worked out once per call, and once per subject --------------------------------------

export interface ChildFacts {
  child: MatchChild;
  age: number;
  /** Broad groups (bits); 0 when the ethnicity is not recorded. */
  groups: number;
  /** Normalised religion; null when not stated. */
  religion: string | null;
  /** Normalised first language when it is not English; otherwise null. */
  language: string | null;
}

export type Breach = { constraint: Constraint; explanation: string };

export interface SubjectFacts {
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
export interface Run {
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


/** Factor scores are shared by every candidate they describe, so they are frozen. */
export function factorScore(factor: Factor, score: number, r: Run, explanation: string): FactorScore {
  return Object.freeze({ factor, score: round2(score), weight: r.weights[factor], explanation });
}

/** Children alike in ethnicity, religion and language, with how to name them. */
export function profilesOf(s: SubjectFacts): NonNullable<SubjectFacts['profiles']> {
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

export function subjectFacts(subject: MatchSubject, r: Run): SubjectFacts {
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
