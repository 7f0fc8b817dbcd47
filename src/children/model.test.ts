import { describe, expect, it } from 'vitest';
import type { MilestoneType } from './codes.ts';
import {
  addMonths, ageInYears, currentCycle, episodeOn, episodeProblems, keyDates, legalStatusOn, milestoneProblems, periodOfCareStart,
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
