// A placement's pure rules: the review schedule, the 10-week rule, and what a disruption is at each step.
import { describe, expect, it } from 'vitest';
import { applicationProblems, disruptionKindOf, disruptionProblems, earliestApplication, introductionsReviewProblems, nextReviewDue, type PlacementFacts } from './model.ts';

const placed: PlacementFacts = { status: 'placed', matchOn: '2026-01-05', introductionsStart: '2026-01-12', plannedMoveOn: '2026-01-26', placedOn: '2026-01-26', appliedOn: null, orderOn: null };
const TODAY = '2026-11-23';

describe('reviews after placement', () => {
  it('are due within 4 weeks of the move, then within 3 months of the first, then every 6 months, until the order', () => {
    expect(nextReviewDue(placed, [])).toBe('2026-02-23');
    expect(nextReviewDue(placed, ['2026-02-16'])).toBe('2026-05-18');
    expect(nextReviewDue(placed, ['2026-05-11', '2026-02-16'])).toBe('2026-11-09');
    expect(nextReviewDue({ ...placed, status: 'adopted' }, [])).toBeNull();
    expect(nextReviewDue({ ...placed, status: 'introductions', placedOn: null }, [])).toBeNull();
  });
});

describe('the application', () => {
  it('may be made from the day 10 weeks after the move, and not before', () => {
    expect(earliestApplication('2026-01-26')).toBe('2026-04-06');
    expect(applicationProblems(placed, '2026-04-06', TODAY)).toEqual([]);
    expect(applicationProblems(placed, '2026-04-05', TODAY)[0]!.message).toContain('6 April 2026');
    expect(applicationProblems(placed, '2026-12-01', TODAY)[0]!.field).toBe('appliedOn');
  });
});

describe('introductions', () => {
  it('are reviewed while they run, and an extension needs a new moving date', () => {
    const intro: PlacementFacts = { ...placed, status: 'introductions', placedOn: null };
    expect(introductionsReviewProblems(intro, { reviewedOn: '2026-01-19', outcome: 'proceed' }, TODAY)).toEqual([]);
    expect(introductionsReviewProblems(intro, { reviewedOn: '2026-01-19', outcome: 'extend' }, TODAY)[0]!.field).toBe('plannedMoveOn');
    expect(introductionsReviewProblems(intro, { reviewedOn: '2026-01-10', outcome: 'proceed' }, TODAY)[0]!.field).toBe('reviewedOn');
    expect(introductionsReviewProblems(placed, { reviewedOn: '2026-01-19', outcome: 'proceed' }, TODAY)[0]!.field).toBe('reviewedOn');
  });
});

describe('a disruption', () => {
  it('is of the type its step makes it, dated from that step, once', () => {
    expect(disruptionKindOf('introductions')).toBe('introductions');
    expect(disruptionKindOf('applied')).toBe('before-order');
    expect(disruptionKindOf('adopted')).toBe('after-order');
    expect(disruptionKindOf('disrupted')).toBeNull();
    expect(disruptionProblems(placed, { occurredOn: '2026-01-20', nextPlacement: 'U4' }, TODAY, false)[0]!.message).toContain('the children moved in');
    expect(disruptionProblems(placed, { occurredOn: '2026-03-01' }, TODAY, false)[0]!.field).toBe('nextPlacement');
    expect(disruptionProblems(placed, { occurredOn: '2026-03-01', nextPlacement: 'U4', planReversed: 'RD1' }, TODAY, false)).toEqual([]);
    expect(disruptionProblems(placed, { occurredOn: '2026-03-01', nextPlacement: 'U4' }, TODAY, true)[0]!.message).toContain('already recorded');
    const adopted: PlacementFacts = { ...placed, status: 'adopted', appliedOn: '2026-04-10', orderOn: '2026-07-01' };
    expect(disruptionProblems(adopted, { occurredOn: '2026-09-01', planReversed: 'RD1' }, TODAY, false)[0]!.field).toBe('planReversed');
    expect(disruptionProblems(adopted, { occurredOn: '2026-09-01', nextPlacement: 'U4' }, TODAY, false)[0]!.field).toBe('nextPlacement');
  });
});
