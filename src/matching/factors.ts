// The matching engine's soft factors: each scores a pair 0..1 with a sentence saying why
// (needs, heritage, siblings together, distance, the household's wait, the child's wait), and
// score() weighs them by the partnership's settings. Internal to src/matching; model.ts ranks.
import { NEEDS, type Tolerance } from '../adopters/codes.ts';
import { distanceKm, PLACES } from './places.ts';
import type { FactorScore, MatchHousehold, MatchTerms, Ranked } from './model.ts';
import { factorScore, profilesOf, type ChildFacts, type Run, type SubjectFacts } from './engine-facts.ts';
import { dayNumber, duration, ethnicityLabel, GROUP_NAMES, groupsOf, includesText, list, longDate, lowerFirst } from './engine-text.ts';

const TOLERANCE_SCORES: Record<Tolerance, number> = { cannot: 0, low: 0.33, medium: 0.66, high: 1 };
const TOLERANCE_WORDS: Record<Tolerance, string> = { cannot: 'cannot consider', low: 'low', medium: 'medium', high: 'high' };
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

export function householdWait(h: MatchHousehold, r: Run): { factor: FactorScore; day: number } {
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

export function score<T>(candidate: T, s: SubjectFacts, h: MatchHousehold, t: MatchTerms, r: Run): Ranked<T> {
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

