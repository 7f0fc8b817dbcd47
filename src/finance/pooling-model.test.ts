import { describe, expect, it } from 'vitest';
import { NEEDS, type Need } from '../adopters/codes.ts';
import { Random } from '../demo/random.ts';
import { DEFAULT_SETTINGS, type MatchChild, type MatchTerms } from '../matching/model.ts';
import { scenarioFigures } from './pooling-figures.ts';
import { allowed, modelOn, replay, replayScenario, type ReplayAssumptions, type ReplayHistory, type ReplayHousehold, type ReplaySubject } from './pooling-model.ts';

const A = 'council-a';
const B = 'council-b';

const child = (id: string, councilId: string, dateOfBirth: string, shobpa: string): MatchChild => ({
  id, name: id, dateOfBirth, sex: 'F', ethnicity: 'WBRI', religion: null, firstLanguage: null, needs: [],
  councilId, councilName: councilId, councilCode: null, avoidCouncilIds: [], waitingSince: shobpa,
});
const single = (id: string, councilId: string, dateOfBirth: string, shobpa: string, leavesOn: string | null = null): ReplaySubject => ({
  id, councilId, children: [child(id, councilId, dateOfBirth, shobpa)], readyOn: shobpa, leavesOn,
});
const terms = (t: Partial<MatchTerms> = {}): MatchTerms => ({
  minChildren: 1, maxChildren: 1, minAge: 0, maxAge: 4, childSex: 'any', siblingGroup: false,
  tolerances: Object.fromEntries(Object.keys(NEEDS).map((n) => [n, 'high'])) as Record<Need, 'high'>,
  religions: [], languages: [], avoidCouncilIds: [], ...t,
});
const household = (id: string, councilId: string, approvedOn: string, t: Partial<MatchTerms> = {}): ReplayHousehold => ({
  id, reference: id, ownerId: councilId, councilId, partnershipOwned: false, homeCouncilId: councilId, homeCouncilName: councilId, homeCouncilCode: null,
  approvedOn, leavesOn: null, applicantEthnicities: ['WBRI'], terms: terms(t),
});

const assumptions: ReplayAssumptions = {
  seed: 1, thresholdDays: 60, matchDays: 30, settings: DEFAULT_SETTINGS,
  feeRates: [2023, 2024].map((financialYear) => ({ financialYear, children: 1, amountPence: 2_700_000, londonWeightingPercent: 10 })),
};

// Two councils, both members all year, the partnership finding families for both (pooled).
const base = {
  from: '2024-01-01', to: '2024-12-31',
  memberships: [{ councilId: A, joinedOn: '2020-01-01', leftOn: null }, { councilId: B, joinedOn: '2020-01-01', leftOn: null }],
  familyFinding: [{ councilId: A, effectiveOn: '2020-01-01', byPartnership: true }, { councilId: B, effectiveOn: '2020-01-01', byPartnership: true }],
};

describe('the pooling replay on a hand-made case', () => {
  // Four children, three households, each household approved for one child aged 0 to 4:
  //   a1 (A) ready 10 Jan 2024, aged 2      hA  (A) approved  5 Jan
  //   b1 (B) ready 20 Jan, aged 6           hB1 (B) approved 15 Feb
  //   a2 (A) ready  1 Feb, aged 3           hB2 (B) approved  1 Jun
  //   b2 (B) ready  1 Mar, aged 1
  // A match takes 30 days from finding the household; the threshold is 60 days.
  //
  // Each council alone: 10 Jan a1–hA (matched 9 Feb, 30 days). 15 Feb hB1 arrives: b1 is 6 (over
  // the age range) and a2 is A's, so no match. 1 Mar b2–hB1 (matched 31 Mar, 30 days). 1 Jun hB2
  // arrives: b1 is still too old, a2 still A's. Matched 2 (mean 30, median 30), never matched 2.
  //
  // Pooled: 10 Jan a1–hA (30 days). 15 Feb hB1: b1 (waiting longest) is too old, a2 is next:
  // a2–hB1, matched 16 Mar (2024 is a leap year), 44 days. b2 (1 Mar) waits for hB2 on 1 Jun:
  // matched 1 Jul, 122 days. Matched 3: mean (30 + 44 + 122) / 3 = 65.3 → 65, median 44; b1 never.
  //
  // Pooled plus inter-agency: as pooled to 15 Feb. b1 has waited 61 days (> 60) on 21 Mar: an
  // inter-agency family, matched 20 Apr, 91 days. b2 has waited 61 days on 1 May: inter-agency,
  // matched 31 May, 91 days; hB2 (1 Jun) is then not needed. Matched 4: mean (30 + 44 + 91 + 91)
  // / 4 = 64, median (44 + 91) / 2 = 67.5 → 68; two fees of £27,000 (2024/25) = £54,000.
  const history: ReplayHistory = {
    ...base,
    subjects: [single('a1', A, '2021-06-01', '2024-01-10'), single('b1', B, '2017-05-01', '2024-01-20'), single('a2', A, '2020-08-01', '2024-02-01'), single('b2', B, '2022-09-01', '2024-03-01')],
    households: [household('hA', A, '2024-01-05'), household('hB1', B, '2024-02-15'), household('hB2', B, '2024-06-01')],
  };
  const [alone, pooled, interAgency] = replay(history, assumptions);
  const pairs = (run: typeof alone) => run!.matches.map((m) => `${m.subjectId}-${m.householdId ?? 'inter-agency'}@${m.matchedOn}`);

  it('each council alone', () => {
    expect(pairs(alone)).toEqual(['a1-hA@2024-02-09', 'b2-hB1@2024-03-31']);
    const { total, byCouncil } = scenarioFigures(alone!, [A, B]);
    expect(total).toEqual({ ready: 4, matched: 2, meanDays: 30, medianDays: 30, neverMatched: 2, planChanged: 0, interAgency: 0, feesPence: 0 });
    expect(byCouncil.get(A)).toMatchObject({ ready: 2, matched: 1, neverMatched: 1 });
    expect(byCouncil.get(B)).toMatchObject({ ready: 2, matched: 1, neverMatched: 1 });
  });

  it('pooled', () => {
    expect(pairs(pooled)).toEqual(['a1-hA@2024-02-09', 'a2-hB1@2024-03-16', 'b2-hB2@2024-07-01']);
    expect(scenarioFigures(pooled!, [A, B]).total).toEqual({ ready: 4, matched: 3, meanDays: 65, medianDays: 44, neverMatched: 1, planChanged: 0, interAgency: 0, feesPence: 0 });
  });

  it('pooled plus inter-agency', () => {
    expect(pairs(interAgency)).toEqual(['a1-hA@2024-02-09', 'a2-hB1@2024-03-16', 'b1-inter-agency@2024-04-20', 'b2-inter-agency@2024-05-31']);
    const { total, byCouncil } = scenarioFigures(interAgency!, [A, B]);
    expect(total).toEqual({ ready: 4, matched: 4, meanDays: 64, medianDays: 68, neverMatched: 0, planChanged: 0, interAgency: 2, feesPence: 5_400_000 });
    expect(byCouncil.get(B)!.feesPence).toBe(5_400_000);
    expect(byCouncil.get(A)!.feesPence).toBe(0);
  });
});

describe('who may be matched with whom', () => {
  it('follows membership and who delivers family finding on the day', () => {
    const history = {
      memberships: [{ councilId: A, joinedOn: '2014-01-01', leftOn: '2020-04-01' }, { councilId: B, joinedOn: '2014-01-01', leftOn: null }],
      familyFinding: [{ councilId: A, effectiveOn: '2014-01-01', byPartnership: false }, { councilId: A, effectiveOn: '2016-04-01', byPartnership: true },
        { councilId: B, effectiveOn: '2016-04-01', byPartnership: true }],
    };
    expect(modelOn(history, A, '2015-01-01')).toEqual({ member: true, pooled: false });
    expect(modelOn(history, A, '2016-04-01')).toEqual({ member: true, pooled: true });
    // Left on 1 April 2020: no longer in the pool from that day.
    expect(modelOn(history, A, '2020-04-01')).toEqual({ member: false, pooled: false });
    const on = (day: string) => (id: string) => modelOn(history, id, day);
    const ofB = { councilId: B, partnershipOwned: false };
    const partnerships = { councilId: B, partnershipOwned: true };
    expect(allowed('pooled', { councilId: A }, ofB, on('2015-01-01'))).toBe(false);
    expect(allowed('pooled', { councilId: A }, ofB, on('2017-01-01'))).toBe(true);
    expect(allowed('alone', { councilId: A }, ofB, on('2017-01-01'))).toBe(false);
    // The partnership's own households serve every member, whoever finds families.
    expect(allowed('pooled', { councilId: A }, partnerships, on('2015-01-01'))).toBe(true);
    expect(allowed('pooled', { councilId: A }, partnerships, on('2021-01-01'))).toBe(false);
    expect(allowed('alone', { councilId: B }, partnerships, on('2021-01-01'))).toBe(true);
  });

  it('places a sibling group as one and lets a child whose plan changed leave unmatched', () => {
    const group: ReplaySubject = {
      id: 'g', councilId: A, readyOn: '2024-02-01', leavesOn: null,
      children: [child('g1', A, '2020-01-01', '2024-01-15'), child('g2', A, '2022-01-01', '2024-02-01')],
    };
    const history: ReplayHistory = {
      ...base,
      subjects: [group, single('c', A, '2021-01-01', '2024-01-05', '2024-03-01')],
      households: [household('h2', A, '2024-03-01', { minChildren: 2, maxChildren: 2, siblingGroup: true })],
    };
    const run = replayScenario('alone', history, assumptions);
    // The group is ready on 1 Feb (its last child's date) and matched with h2 from 1 Mar, 31 Mar;
    // the child c left the plan on 1 Mar, the day h2 arrived, so never meets it.
    expect(run.matches.map((m) => [m.subjectId, m.householdId, m.matchedOn])).toEqual([['g', 'h2', '2024-03-31']]);
    // g1 waited from 15 Jan (76 days), g2 from 1 Feb (59): mean 67.5 → 68.
    expect(scenarioFigures(run, [A]).total).toEqual({ ready: 3, matched: 2, meanDays: 68, medianDays: 68, neverMatched: 1, planChanged: 1, interAgency: 0, feesPence: 0 });
  });
});

describe('a birthday', () => {
  it('brings a waiting child into a household\'s age range on the day', () => {
    // h1 (approved 1 Feb) is for children aged 1 to 4; d is 0 until 10 June 2024. Nothing
    // arrives after 1 Feb, so only the birthday can make the match: found 10 June, matched 10 July.
    const history: ReplayHistory = {
      ...base,
      subjects: [single('d', A, '2023-06-10', '2024-01-15')],
      households: [household('h1', A, '2024-02-01', { minAge: 1 })],
    };
    const run = replayScenario('alone', history, assumptions);
    expect(run.matches.map((m) => [m.subjectId, m.householdId, m.foundOn, m.matchedOn])).toEqual([['d', 'h1', '2024-06-10', '2024-07-10']]);
  });
});

describe('the seed', () => {
  // Many children and households alike, so the engine's scores tie and the seed chooses.
  function synthetic(): ReplayHistory {
    const r = new Random(99);
    const day = (offset: number) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    const subjects = Array.from({ length: 60 }, (_, i) => single(`c${i}`, r.pick([A, B]), day(r.int(-1500, -400)), day(r.pick([10, 110, 210]))));
    const households = Array.from({ length: 40 }, (_, i) => household(`h${i}`, r.pick([A, B]), day(r.pick([0, 100, 200])), { maxAge: 6 }));
    return { ...base, from: '2023-01-01', to: '2023-12-31', subjects, households };
  }

  it('gives the same answer for the same seed, and a different choice for another', () => {
    const history = synthetic();
    const first = replay(history, assumptions);
    expect(replay(history, assumptions)).toEqual(first);
    const other = replay(history, { ...assumptions, seed: 2 });
    expect(other.map((r) => r.matches)).not.toEqual(first.map((r) => r.matches));
    // Whatever the seed, each household is used once and each child matched at most once.
    for (const run of [...first, ...other]) {
      const used = run.matches.map((m) => m.householdId).filter((h) => h !== null);
      expect(new Set(used).size).toBe(used.length);
      expect(new Set(run.matches.map((m) => m.subjectId)).size).toBe(run.matches.length);
    }
  });
});
