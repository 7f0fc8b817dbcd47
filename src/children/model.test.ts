import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../core/dates.ts';
import { MILESTONE_TYPES, type MilestoneType } from './codes.ts';
import {
  addMonths, ageInYears, currentCycle, FAMILY_STEPS, episodeOn, episodeProblems, keyDates, legalStatusOn, milestoneProblems, periodOfCareStart,
  stageOf, thresholdsOn, timelinessOf, waitingFactors, type Episode, type Milestone,
} from './model.ts';

const ms = (...items: [MilestoneType, string, string?][]): Milestone[] => items.map(([type, date, code]) => ({ type, date, code: code ?? null }));
const ctx = (milestones: Milestone[], today = '2026-11-23') => ({ dateOfBirth: '2021-05-01', periodStart: '2023-01-10', today, milestones });
const problem = (milestones: Milestone[], type: MilestoneType, date: string, code: string | null = null) => milestoneProblems(ctx(milestones), { type, date, code });

const journey = ms(['adoption-plan', '2023-03-01'], ['shobpa', '2023-04-01'], ['placement-order', '2023-06-01', 'order'], ['match', '2023-09-01']);

describe('milestone rules', () => {
  it('accepts a journey in order', () => {
    expect(problem(journey, 'placed-for-adoption', '2023-09-20', 'A6')).toEqual([]);
    expect(problem(ms(['shobpa', '2023-04-01']), 'placement-order', '2023-04-01', 'order')).toEqual([]);
  });

  it('refuses a SHOBPA decision before the period of care began (903 rule 334), naming both dates', () => {
    expect(problem([], 'shobpa', '2023-01-09')).toEqual([{ field: 'date', message: 'Decision: should be placed for adoption (ADM) date (9 January 2023) cannot be before the current period of care began (10 January 2023) (903 rule 334)' }]);
  });

  it('refuses a placement order before the SHOBPA decision, and without one', () => {
    expect(problem(ms(['shobpa', '2023-04-01']), 'placement-order', '2023-03-01', 'order')[0]!.message).toContain('(1 March 2023) cannot be before the decision that the child should be placed for adoption (1 April 2023)');
    expect(problem([], 'placement-order', '2023-03-01', 'order')[0]).toMatchObject({ field: 'type' });
  });

  it('refuses a match after the placement, and a placement before the match', () => {
    const placed = [...journey, ...ms(['placed-for-adoption', '2023-09-20', 'A6'])];
    const late = problem(placed.filter((m) => m.type !== 'match'), 'match', '2023-10-01');
    expect(late[0]!.message).toBe('Match decision (ADM) (1 October 2023) cannot be after the placement for adoption (20 September 2023)');
    expect(problem(journey, 'placed-for-adoption', '2023-08-01', 'A6')[0]!.message).toContain('cannot be before the match decision (1 September 2023)');
  });

  it('needs a placement order for A5/A6 (903 rule 408) and consent for A3/A4', () => {
    const noOrder = ms(['shobpa', '2023-04-01'], ['match', '2023-09-01']);
    expect(problem(noOrder, 'placed-for-adoption', '2023-09-20', 'A5')[0]).toMatchObject({ field: 'code', message: expect.stringContaining('rule 408') });
    expect(problem(journey, 'placed-for-adoption', '2023-09-20', 'A3')[0]).toMatchObject({ field: 'code' });
    const consent = ms(['shobpa', '2023-04-01'], ['placement-order', '2023-05-01', 'consent'], ['match', '2023-09-01']);
    expect(problem(consent, 'placed-for-adoption', '2023-09-20', 'A4')).toEqual([]);
  });

  it('needs an adoptive placement before an adoption order (903 rule 390), and 10 weeks before the application', () => {
    expect(problem(journey, 'adoption-order', '2024-03-01', 'E11')[0]!.message).toContain('needs the placement for adoption');
    const placed = [...journey, ...ms(['placed-for-adoption', '2023-09-20', 'A6'])];
    expect(problem(placed, 'adoption-application', '2023-11-01')[0]!.message).toContain('10 weeks (placed 20 September 2023, so from 29 November 2023)');
    expect(problem(placed, 'adoption-application', '2023-11-29')).toEqual([]);
  });

  it('allows nothing after a reversal until a new plan or decision, and nothing after adoption', () => {
    const reversed = [...journey, ...ms(['plan-reversed', '2023-10-01', 'RD3'])];
    expect(problem(reversed, 'match', '2023-11-01')[0]!.message).toContain('record a new adoption plan or decision');
    expect(problem(reversed, 'shobpa', '2023-09-01')[0]!.message).toContain('cannot be before the plan was reversed (1 October 2023)');
    expect(problem(reversed, 'shobpa', '2023-11-01')).toEqual([]);
    const adopted = [...journey, ...ms(['placed-for-adoption', '2023-09-20', 'A6'], ['adoption-order', '2024-03-01', 'E12'])];
    expect(problem(adopted, 'plan-reversed', '2024-04-01', 'RD4')[0]!.message).toContain('was adopted on 1 March 2024');
  });

  it('refuses a second SHOBPA decision while one stands (903 rules 579/583), dates in the future and before birth', () => {
    expect(problem(journey, 'shobpa', '2023-05-01')[0]!.message).toContain('579/583');
    expect(problem([], 'adoption-plan', '2027-01-01')[0]!.message).toContain('cannot be in the future');
    expect(problem([], 'adoption-plan', '2020-01-01')[0]!.message).toContain('before the child\'s date of birth');
  });
});

describe('journey order (issue 9 items 8 and 9)', () => {
  it('accepts a placement order after the match (A2 is then zero), but not a placement before the order or the consent', () => {
    const matched = ms(['shobpa', '2023-04-01'], ['match', '2023-05-01']);
    expect(problem(matched, 'placement-order', '2023-06-01', 'order')).toEqual([]);
    expect(problem(matched, 'placement-order', '2023-06-01', 'consent')).toEqual([]);
    const ordered = [...matched, ...ms(['placement-order', '2023-06-01', 'order'])];
    expect(problem(ordered, 'placed-for-adoption', '2023-05-20', 'A6')).toEqual([{ field: 'date', message: 'Placed for adoption (20 May 2023) cannot be before the placement order (1 June 2023)' }]);
    expect(problem(ordered, 'placed-for-adoption', '2023-06-10', 'A6')).toEqual([]);
    const consented = [...matched, ...ms(['placement-order', '2023-06-01', 'consent'])];
    expect(problem(consented, 'placed-for-adoption', '2023-05-20', 'A4')).toEqual([{ field: 'date', message: 'Placed for adoption (20 May 2023) cannot be before the parents\' consent (1 June 2023)' }]);
    const placed = [...ordered, ...ms(['placed-for-adoption', '2023-06-10', 'A6'])];
    expect(problem(placed, 'adoption-order', '2024-01-10', 'E11')).toEqual([]);
    expect(timelinessOf('2023-01-10', keyDates(placed), '2026-11-23').a2).toMatchObject({ from: '2023-06-01', to: '2023-05-01', days: 0, status: 'met' });
  });

  it('refuses a milestone dated before a step that comes before it, naming both dates (the reported case)', () => {
    const found = ms(['shobpa', '2025-11-01'], ['placement-order', '2026-02-21', 'order'], ['family-finding-started', '2026-03-04']);
    expect(problem(found, 'matching-panel', '2026-01-01')).toEqual([{ field: 'date', message: 'Matching panel (1 January 2026) cannot be before the start of family finding (4 March 2026)' }]);
    expect(problem(found, 'linked', '2026-03-03')[0]!.message).toBe('Linked with a family (3 March 2026) cannot be before the start of family finding (4 March 2026)');
    expect(problem(found, 'match', '2026-03-01')[0]!.message).toBe('Match decision (ADM) (1 March 2026) cannot be before the start of family finding (4 March 2026)');
    expect(problem(found, 'matching-panel', '2026-03-04')).toEqual([]);
  });

  it('refuses a step dated after a later one, and an earlier-dated reversal, each naming both dates', () => {
    const applied = [...journey, ...ms(['placed-for-adoption', '2023-09-20', 'A6'], ['adoption-application', '2023-12-01'])];
    expect(problem(applied, 'adoption-order', '2023-11-30', 'E11')[0]).toEqual({ field: 'date', message: 'Adoption order (30 November 2023) cannot be before the adoption application (1 December 2023)' });
    expect(problem(ms(['shobpa', '2023-04-01'], ['family-finding-started', '2023-05-01']), 'adoption-plan', '2023-06-01')[0]!.message).toBe('Adoption plan agreed at review (1 June 2023) cannot be after the decision that the child should be placed for adoption (1 April 2023)');
    expect(problem(journey, 'plan-reversed', '2023-08-01', 'RD1')[0]).toEqual({ field: 'date', message: 'Plan reversed: should no longer be placed for adoption (1 August 2023) cannot be before the match decision (1 September 2023)' });
    expect(problem(journey, 'plan-reversed', '2023-09-01', 'RD1')).toEqual([]);
  });

  it('does not over-constrain family finding, early permanence or a new link after a panel', () => {
    const plan = ms(['adoption-plan', '2023-03-01']);
    // Family finding should start before the ADM decision or the placement order (DOMAIN.md §1 row 4).
    expect(problem(plan, 'family-finding-started', '2023-03-15')).toEqual([]);
    const early = [...plan, ...ms(['family-finding-started', '2023-03-15'], ['early-permanence', '2023-03-20', 'ffa'])];
    expect(problem(early, 'shobpa', '2023-04-01')).toEqual([]);
    expect(problem([...early, ...ms(['shobpa', '2023-04-01'])], 'placement-order', '2023-06-01', 'order')).toEqual([]);
    expect(problem(ms(['shobpa', '2023-04-01'], ['placement-order', '2023-06-01', 'order']), 'family-finding-started', '2023-07-01')).toEqual([]);
    expect(problem(plan, 'family-finding-started', '2023-02-28')[0]!.message).toBe('Family finding started (28 February 2023) cannot be before the adoption plan (1 March 2023)');
    // An early permanence placement comes before the placement for adoption, whatever else.
    expect(problem([...journey, ...ms(['placed-for-adoption', '2023-09-20', 'A6'])], 'early-permanence', '2023-09-21', 'ffa')[0]!.message)
      .toBe('Early permanence placement (21 September 2023) cannot be after the placement for adoption (20 September 2023)');
    // A panel that does not recommend the match is followed by a new link, and a new panel.
    const panel = ms(['shobpa', '2023-04-01'], ['linked', '2023-05-01'], ['matching-panel', '2023-06-01']);
    expect(problem(panel, 'linked', '2023-07-01')).toEqual([]);
    expect(problem([...panel, ...ms(['match', '2023-06-10'])], 'linked', '2023-07-01')[0]!.message).toBe('Linked with a family (1 July 2023) cannot be after the match decision (10 June 2023)');
  });

  // The journey as DOMAIN.md §1 lists it, written out here independently of the model, and the
  // pairs of steps that may be dated either way round (the documented exceptions).
  const JOURNEY: readonly MilestoneType[] = [
    'adoption-plan', 'shobpa', 'family-finding-started', 'placement-order', 'linked', 'matching-panel', 'match',
    'early-permanence', 'placed-for-adoption', 'adoption-application', 'adoption-order',
  ];
  const EITHER_WAY: readonly [MilestoneType, MilestoneType][] = [
    ['family-finding-started', 'shobpa'], ['family-finding-started', 'placement-order'],
    ['placement-order', 'linked'], ['placement-order', 'matching-panel'], ['placement-order', 'match'],
    ['linked', 'matching-panel'],
    ...(['shobpa', 'family-finding-started', 'placement-order', 'linked', 'matching-panel', 'match'] as const).map((t) => ['early-permanence', t] as [MilestoneType, MilestoneType]),
  ];
  const mustPrecede = (a: MilestoneType, b: MilestoneType) =>
    JOURNEY.indexOf(a) >= 0 && JOURNEY.indexOf(a) < JOURNEY.indexOf(b) && !EITHER_WAY.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const CODES: Partial<Record<MilestoneType, readonly string[]>> = {
    'placement-order': ['order', 'consent'], 'early-permanence': ['ffa', 'concurrent'], 'placed-for-adoption': ['A3', 'A4', 'A5', 'A6'],
    'adoption-order': ['E11', 'E12'], 'plan-reversed': ['RD1', 'RD2', 'RD3', 'RD4'],
  };
  const candidate = fc.constantFrom(...(Object.keys(MILESTONE_TYPES) as MilestoneType[])).chain((type) => fc.record({
    type: fc.constant(type), day: fc.integer({ min: 0, max: 700 }), code: CODES[type] ? fc.constantFrom(...CODES[type]) : fc.constant(null),
  }));

  type Candidate = { type: MilestoneType; day: number; code: string | null };
  // Any milestones in any order; or a walk along the journey, each step a few days to months after
  // the one before (or a little before it), with other milestones slipped in: so journeys get far.
  const anyOrder = fc.array(candidate, { minLength: 5, maxLength: 40, size: 'max' });
  const walk = fc.record({
    gaps: fc.array(fc.integer({ min: -60, max: 160 }), { minLength: JOURNEY.length, maxLength: JOURNEY.length }),
    consent: fc.boolean(),
    extras: fc.array(fc.tuple(candidate, fc.nat()), { maxLength: 8 }),
  }).map(({ gaps, consent, extras }) => {
    let day = 0;
    const codeOf = (t: MilestoneType) => (t === 'placement-order' ? (consent ? 'consent' : 'order') : t === 'placed-for-adoption' ? (consent ? 'A4' : 'A6') : t === 'early-permanence' ? 'ffa' : t === 'adoption-order' ? 'E11' : null);
    const steps: Candidate[] = JOURNEY.map((type, i) => ({ type, day: (day = Math.max(0, day + gaps[i]!)), code: codeOf(type) }));
    for (const [extra, at] of extras) steps.splice(at % (steps.length + 1), 0, extra);
    return steps;
  });

  it('property: whatever sequence of milestones the rules accept is in journey order, but for the exceptions', () => {
    const seen = new Set<MilestoneType>();
    fc.assert(fc.property(fc.oneof(anyOrder, walk), (tries) => {
      const accepted: Milestone[] = [];
      for (const c of tries) {
        const m: Milestone = { type: c.type, date: addDays('2023-01-10', c.day), code: c.code };
        if (problem(accepted, m.type, m.date, m.code).length === 0) {
          accepted.push(m);
          seen.add(m.type);
        }
      }
      // Attempts at adoption, in the order recorded: a reversal ends one and nothing dates back past it.
      const attempts: Milestone[][] = [[]];
      for (const m of accepted) {
        if (m.type === 'plan-reversed') {
          for (const x of attempts.at(-1)!) expect(x.date <= m.date, `${x.type} ${x.date} after the reversal ${m.date}`).toBe(true);
          attempts.push([]);
        } else if (m.type === 'disrupted') {
          // A disruption ends the steps with that family: the ones before it leave the attempt, and
          // none after it is dated before it.
          const current = attempts.at(-1)!;
          attempts[attempts.length - 1] = current.filter((x) => !FAMILY_STEPS.includes(x.type));
          attempts.at(-1)!.push(m);
        } else {
          const disruption = attempts.at(-1)!.filter((x) => x.type === 'disrupted').at(-1);
          if (disruption && FAMILY_STEPS.includes(m.type)) expect(m.date >= disruption.date, `${m.type} ${m.date} before the disruption ${disruption.date}`).toBe(true);
          attempts.at(-1)!.push(m);
        }
      }
      accepted.forEach((m, i) => {
        for (const r of accepted.slice(0, i).filter((x) => x.type === 'plan-reversed')) expect(m.date >= r.date, `${m.type} ${m.date} before the reversal ${r.date}`).toBe(true);
      });
      for (const attempt of attempts) {
        for (const a of attempt) {
          for (const b of attempt) {
            if (mustPrecede(a.type, b.type)) expect(a.date <= b.date, `${a.type} ${a.date} after ${b.type} ${b.date}`).toBe(true);
          }
        }
      }
    }), { numRuns: 400 });
    // The property means little unless the rules accepted every kind of step somewhere.
    expect([...seen].sort()).toEqual(Object.keys(MILESTONE_TYPES).sort());
  });
});

describe('stage and cycle', () => {
  it('follows the furthest step of the current attempt', () => {
    expect(stageOf([], true)).toBe('in-care');
    expect(stageOf([], false)).toBe('left-care');
    expect(stageOf(journey, true)).toBe('matched');
    const reversed = [...journey, ...ms(['plan-reversed', '2023-10-01', 'RD3'])];
    expect(stageOf(reversed, true)).toBe('plan-reversed');
    expect(currentCycle(reversed).cycle).toEqual([]);
    expect(stageOf([...reversed, ...ms(['adoption-plan', '2023-12-01'])], true)).toBe('adoption-plan');
  });
});

describe('care episodes', () => {
  const episodes: Episode[] = [
    { startDate: '2023-01-10', rne: 'S', legalStatus: 'C1', placement: 'U6', placementProvider: 'PR1', endDate: '2023-06-01', reasonCeased: 'X1' },
    { startDate: '2023-06-01', rne: 'L', legalStatus: 'E1', placement: 'U6', placementProvider: 'PR1', endDate: null, reasonCeased: null },
  ];

  it('derive the period of care, the episode and legal status on a day', () => {
    expect(periodOfCareStart(episodes)).toBe('2023-01-10');
    expect(legalStatusOn(episodes, '2023-05-31')).toBe('C1');
    expect(legalStatusOn(episodes, '2023-06-01')).toBe('E1');
    expect(episodeOn(episodes, '2023-01-09')).toBeNull();
  });

  it('refuse an A6 placement without a placement order, and a new period while one is open', () => {
    const a6 = { startDate: '2023-09-01', rne: 'P', legalStatus: 'C2', placement: 'A6', placementProvider: 'PR1', endDate: null, reasonCeased: null };
    expect(episodeProblems(episodes.slice(0, 1), a6, '2021-05-01').map((p) => p.field)).toContain('placement');
    const s = { ...a6, rne: 'S', legalStatus: 'V2', placement: 'U4' };
    expect(episodeProblems(episodes, s, '2021-05-01').map((p) => p.field)).toEqual(['rne']);
  });
});

describe('timeliness', () => {
  it('counts A1 from entering care to placement and A2 from placement order to match, against the thresholds in force', () => {
    const placed = [...journey, ...ms(['placed-for-adoption', '2023-09-20', 'A6'])];
    const t = timelinessOf('2023-01-10', keyDates(placed), '2026-11-23');
    expect(t.a1).toMatchObject({ days: 253, threshold: 426, status: 'met' });
    expect(t.a2).toMatchObject({ days: 92, threshold: 121, status: 'met' });
    expect(thresholdsOn('2012-01-01')).toMatchObject({ a1: 639, a2: 213 });
  });

  it('flags an open clock at risk at three quarters of the threshold and overdue beyond it', () => {
    const order = ms(['shobpa', '2023-04-01'], ['placement-order', '2026-08-01', 'order']);
    expect(timelinessOf('2026-01-01', keyDates(order), '2026-09-10').a2).toMatchObject({ days: 40, status: 'on-track' });
    expect(timelinessOf('2026-01-01', keyDates(order), '2026-10-31').a2).toMatchObject({ days: 91, status: 'at-risk' });
    const overdue = timelinessOf('2026-01-01', keyDates(order), '2026-12-01');
    expect(overdue.a2).toMatchObject({ days: 122, status: 'overdue' });
    expect(overdue.overdue).toBe(true);
  });

  it('gives A2 zero days when the match came before court authority', () => {
    const early = ms(['shobpa', '2023-04-01'], ['match', '2023-05-01'], ['placement-order', '2023-05-01', 'order']);
    expect(timelinessOf('2023-01-10', { ...keyDates(early), matchDate: '2023-04-20' }, '2026-11-23').a2.days).toBe(0);
  });
});

describe('children who wait longer', () => {
  const base = { dateOfBirth: '2018-02-01', ethnicity: 'WBRI' as const, disabled: false, siblingGroupId: null, periodStart: '2025-01-01', shobpaDate: null, placedDate: null };

  it('flags each factor the business case names', () => {
    expect(waitingFactors(base, '2026-01-01')).toEqual([]);
    expect(waitingFactors({ ...base, siblingGroupId: 'g', disabled: true, ethnicity: 'BAFR' }, '2026-01-01')).toEqual(['sibling-group', 'disabled', 'minority-ethnic']);
    expect(waitingFactors({ ...base, shobpaDate: '2023-02-01' }, '2026-01-01')).toEqual(['aged-5-plus']);
    expect(waitingFactors({ ...base, shobpaDate: '2023-01-31' }, '2026-01-01')).toEqual([]);
    expect(waitingFactors(base, '2026-10-02')).toEqual(['in-care-21-months']);
    expect(waitingFactors(base, '2026-10-01')).toEqual([]);
  });

  it('counts years and months on the calendar', () => {
    expect(ageInYears('2018-02-28', '2023-02-27')).toBe(4);
    expect(ageInYears('2018-02-28', '2023-02-28')).toBe(5);
    expect(addMonths('2024-05-31', 21)).toBe('2026-02-28');
  });
});
