// The matching engine alone (src/matching/model.ts): no server, no database. Synthetic
// households (in reference order, as the matching store reads them) and children made by a
// seeded generator (the same every run), ranked on a fixed day. Measured: ranking 5,000
// households for one child and for a sibling group of three (200 timed runs each after a
// warm-up: p50/p95/p99/max ms; target p95 under 20 ms); ranking 4,000 subjects for one household
// the same way; and "rank every waiting child of a region": every subject against every
// household, 400 subjects against 600 households (region scale) and 4,000 against 6,000 (10×),
// as one total. Prints JSON through bench/run.ts (`npm run bench -- --only matching`), or
// alone: `npx tsx bench/matching.ts`. Nothing here asserts a time.
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { NEEDS, type HouseholdStatus, type Need, type Tolerance } from '../src/adopters/codes.ts';
import { DEFAULT_SETTINGS, rankChildren, rankHouseholds, type MatchChild, type MatchHousehold, type MatchSubject, type Tier } from '../src/matching/model.ts';
import { PLACES } from '../src/matching/places.ts';

const TODAY = '2025-06-01';
const RUNS = 200;
const WARM_UP = 30;
const SEED = 13;

export interface LatencyFigures {
  name: string;
  candidates: number;
  runs: number;
  ranked: number;
  excluded: number;
  ms: { p50: number; p95: number; p99: number; max: number };
}

export interface RegionFigures {
  name: string;
  subjects: number;
  households: number;
  pairs: number;
  rankedPairs: number;
  totalMs: number;
  msPerSubject: number;
}

export interface MatchingBenchmarks {
  today: string;
  seed: number;
  /** The machine's 1-minute load average before and after: other work on it slows every figure. */
  loadAverage: { before: number; after: number };
  results: LatencyFigures[];
  regions: RegionFigures[];
}

// ---- a seeded generator (mulberry32) ---------------------------------------------------------

function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Picks by weight: [[value, weight], …]. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![0];
  };
  return { next, int, pick, weighted };
}
type Rng = ReturnType<typeof generator>;

// ---- synthetic data ----------------------------------------------------------------------------

const REGION = ['E06000019', 'E06000051', 'E06000020', 'E10000034'];
const CODES = Object.keys(PLACES);
const council = (code: string) => ({ councilId: `council-${code}`, councilName: PLACES[code]!.name, councilCode: code });
const NEED_KEYS = Object.keys(NEEDS) as Need[];
const ETHNICITIES = [['WBRI', 70], ['WOTH', 5], ['WIRI', 2], ['MWBC', 5], ['MWBA', 2], ['MWAS', 3], ['MOTH', 2], ['AIND', 2], ['APKN', 2], ['BAFR', 2], ['BCRB', 2], ['CHNE', 1], ['OOTH', 1], ['NOBT', 1]] as const;
const RELIGIONS = ['Christian', 'Muslim', 'Sikh', 'Hindu', 'Jewish', 'No religion'];
const LANGUAGES = ['English', 'Polish', 'Urdu', 'Punjabi', 'Romanian', 'Welsh'];

function dateBefore(rng: Rng, maxDays: number, minDays = 0): string {
  const t = Date.parse(`${TODAY}T00:00:00Z`) - rng.int(minDays, maxDays) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function tolerances(rng: Rng): Record<Need, Tolerance> {
  return Object.fromEntries(NEED_KEYS.map((n) => [n, rng.weighted<Tolerance>([['cannot', 15], ['low', 30], ['medium', 35], ['high', 20]])])) as Record<Need, Tolerance>;
}

/** In reference order, as the matching store reads them. */
export function syntheticHouseholds(count: number, seed = SEED): MatchHousehold[] {
  const rng = generator(seed);
  const households: MatchHousehold[] = [];
  for (let i = 0; i < count; i++) {
    // Most live in the region; the rest anywhere Mercia has a centroid for (inter-agency).
    const code = rng.next() < 0.7 ? rng.pick(REGION) : rng.pick(CODES);
    const tier: Tier = REGION.includes(code) ? (rng.next() < 0.4 ? 'council' : 'partnership') : 'inter-agency';
    const siblingGroup = rng.next() < 0.3;
    const minChildren = siblingGroup && rng.next() < 0.5 ? 2 : 1;
    const maxChildren = siblingGroup ? rng.int(Math.max(2, minChildren), 4) : 1;
    const minAge = rng.weighted([[0, 60], [1, 15], [2, 10], [3, 10], [5, 5]]);
    const maxAge = Math.min(17, minAge + rng.int(2, 9));
    const applicants = rng.next() < 0.3 ? 1 : 2;
    households.push({
      id: `household-${String(i).padStart(6, '0')}`,
      reference: `H${String(100000 + ((i * 7919) % 900000))}`,
      ownerId: `agency-${tier === 'inter-agency' ? code : 'region'}`,
      ownerName: tier === 'inter-agency' ? `${PLACES[code]!.name} adoption agency` : 'West Mercia Adoption Partnership',
      tier,
      status: rng.weighted<HouseholdStatus>([['approved', 70], ['linked', 15], ['on-hold', 8], ['matched', 5], ['placed', 2]]),
      approvedOn: rng.next() < 0.97 ? dateBefore(rng, 730) : null,
      ...council(code),
      openLinks: rng.weighted([[0, 50], [1, 20], [2, 12], [3, 8], [4, 4], [5, 3], [6, 2], [7, 1]]),
      applicantEthnicities: Array.from({ length: applicants }, () => rng.weighted(ETHNICITIES)),
      terms: rng.next() < 0.02 ? null : {
        minChildren, maxChildren, minAge, maxAge,
        childSex: rng.weighted<'any' | 'M' | 'F'>([['any', 80], ['M', 10], ['F', 10]]),
        siblingGroup, tolerances: tolerances(rng),
        religions: rng.next() < 0.5 ? [rng.pick(RELIGIONS)] : [],
        languages: rng.next() < 0.2 ? ['English', rng.pick(LANGUAGES)] : ['English'],
        avoidCouncilIds: rng.next() < 0.1 ? [council(rng.pick(REGION)).councilId] : [],
      },
    });
  }
  return households.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.id < b.id ? -1 : 1));
}

function syntheticChild(rng: Rng, id: string, code: string, shared?: { ethnicity: string; religion: string | null; language: string | null }): MatchChild {
  return {
    id, name: rng.pick(['Ava', 'Ben', 'Cara', 'Dan', 'Ella', 'Finn', 'Grace', 'Harry', 'Isla', 'Jack']),
    dateOfBirth: dateBefore(rng, 365 * 8, 120),
    sex: rng.weighted<'M' | 'F' | 'U'>([['M', 50], ['F', 49], ['U', 1]]),
    ethnicity: shared?.ethnicity ?? rng.weighted(ETHNICITIES),
    religion: shared ? shared.religion : rng.next() < 0.4 ? rng.pick(RELIGIONS) : null,
    firstLanguage: shared ? shared.language : rng.next() < 0.1 ? rng.pick(LANGUAGES) : 'English',
    needs: NEED_KEYS.filter(() => rng.next() < 0.2),
    ...council(code),
    avoidCouncilIds: rng.next() < 0.3 ? [council(code).councilId] : [],
    waitingSince: rng.next() < 0.95 ? dateBefore(rng, 700) : null,
  };
}

/** Waiting children of the region: about 75% alone, 20% in pairs, 5% in threes. */
export function syntheticSubjects(count: number, seed = SEED + 1): MatchSubject[] {
  const rng = generator(seed);
  const subjects: MatchSubject[] = [];
  for (let i = 0; i < count; i++) {
    const size = rng.weighted([[1, 75], [2, 20], [3, 5]]);
    subjects.push(syntheticGroup(rng, `subject-${String(i).padStart(6, '0')}`, size));
  }
  return subjects;
}

function syntheticGroup(rng: Rng, id: string, size: number): MatchSubject {
  const code = rng.pick(REGION);
  const first = syntheticChild(rng, `${id}-1`, code);
  const shared = { ethnicity: first.ethnicity, religion: first.religion, language: first.firstLanguage };
  const children = [first, ...Array.from({ length: size - 1 }, (_, k) => syntheticChild(rng, `${id}-${k + 2}`, code, shared))];
  return { id, label: children.map((c) => c.name).join(', '), children };
}

// ---- measuring -------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

function latency(name: string, candidates: number, fn: () => { ranked: unknown[]; excluded: unknown[] }): LatencyFigures {
  let last = fn();
  for (let i = 0; i < WARM_UP; i++) last = fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    name, candidates, runs: RUNS, ranked: last.ranked.length, excluded: last.excluded.length,
    ms: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), max: round(times[times.length - 1]!) },
  };
}

function region(name: string, subjects: MatchSubject[], households: MatchHousehold[]): RegionFigures {
  // One warm-up subject, so that the total is the engine's and not the compiler's.
  rankHouseholds(subjects[0]!, households, DEFAULT_SETTINGS, TODAY);
  let rankedPairs = 0;
  const started = performance.now();
  for (const subject of subjects) rankedPairs += rankHouseholds(subject, households, DEFAULT_SETTINGS, TODAY).ranked.length;
  const totalMs = performance.now() - started;
  return {
    name, subjects: subjects.length, households: households.length, pairs: subjects.length * households.length, rankedPairs,
    totalMs: Math.round(totalMs), msPerSubject: round(totalMs / subjects.length),
  };
}

export function runMatchingBenchmarks(): MatchingBenchmarks {
  const before = round(loadavg()[0]!);
  const households = syntheticHouseholds(5000);
  const rng = generator(SEED + 2);
  // Of 50 synthetic children (and groups of three), the one most households could take: the
  // worst case, as every ranked household is scored and sorted while an excluded one is not.
  const widest = (size: number) => Array.from({ length: 50 }, (_, i) => syntheticGroup(rng, `subject-${size}-${i}`, size))
    .map((subject) => ({ subject, ranked: rankHouseholds(subject, households, DEFAULT_SETTINGS, TODAY).ranked.length }))
    .sort((a, b) => b.ranked - a.ranked)[0]!.subject;
  const single = widest(1);
  const three = widest(3);
  const subjects = syntheticSubjects(4000);
  const household = households.find((h) => h.status === 'approved' && h.terms?.siblingGroup && h.terms.maxAge >= 8 && h.openLinks === 0) ?? households[0]!;
  const results = [
    latency('rank 5,000 households for one child', households.length, () => rankHouseholds(single, households, DEFAULT_SETTINGS, TODAY)),
    latency('rank 5,000 households for a sibling group of three', households.length, () => rankHouseholds(three, households, DEFAULT_SETTINGS, TODAY)),
    latency('rank 4,000 waiting children and groups for one household', subjects.length, () => rankChildren(household, subjects, DEFAULT_SETTINGS, TODAY)),
  ];
  const regions = [
    region('rank every waiting child of the region (scale 1)', syntheticSubjects(400, SEED + 3), syntheticHouseholds(600, SEED + 4)),
    region('rank every waiting child of the region (10×)', syntheticSubjects(4000, SEED + 5), syntheticHouseholds(6000, SEED + 6)),
  ];
  return { today: TODAY, seed: SEED, loadAverage: { before, after: round(loadavg()[0]!) }, results, regions };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify({ machine: { cpus: cpus().length, node: process.version }, matching: runMatchingBenchmarks() }, null, 2));
}
