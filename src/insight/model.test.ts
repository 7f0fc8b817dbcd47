import { describe, expect, it } from 'vitest';
import { SCORECARD_THRESHOLDS } from '../children/model.ts';
import { clocksOf, fosterPlacementStart, measuresOf, statusOf, thresholdFor, type AdoptedChild, type Threshold } from './model.ts';

const child = (o: Partial<AdoptedChild> & Pick<AdoptedChild, 'id'>): AdoptedChild => ({
  councilId: 'x', adoptionOrder: '2021-12-01', enteredCare: null, placementOrder: null, match: null, placed: null, placedCode: 'A6', fosterPlacementStart: null, ...o,
});

// Worked by hand (2020 is a leap year):
const c1 = child({ id: 'c1', enteredCare: '2020-01-01', placementOrder: '2020-06-01', match: '2020-09-01', placed: '2020-10-01' });
// A1 274 (Jan 31 + Feb 29 + Mar … Sep), A2 92, within 14 months, A10 = A1.
const c2 = child({ id: 'c2', enteredCare: '2020-03-01', placementOrder: '2020-08-01', match: '2020-12-01', placed: '2021-02-01', placedCode: 'A5', fosterPlacementStart: '2020-04-15' });
// Early permanence: A1 337, A2 122, A10 stops at the foster placement's start: 45.
const c3 = child({ id: 'c3', enteredCare: '2019-01-10', placementOrder: '2019-11-01', match: '2019-10-01', placed: '2020-04-01' });
// The match came before the placement order: A2 is 0. A1 447: more than 14 months.
const c4 = child({ id: 'c4', enteredCare: '2021-01-01', placementOrder: null, match: '2021-05-01', placed: '2021-06-01', placedCode: 'A4' });
// Placed with consent, no placement order: left out of A2. A1 151.

describe('each child\'s clocks', () => {
  it('counts A1 from entering care to moving in, and A2 from the placement order to the match', () => {
    expect(clocksOf(c1)).toEqual({ a1: 274, a2: 92, within14Months: true, a10: 274, fosterCarerAdoption: false });
  });

  it('stops the A10 clock when the foster placement began where the foster carers adopted', () => {
    expect(clocksOf(c2)).toEqual({ a1: 337, a2: 122, within14Months: true, a10: 45, fosterCarerAdoption: true });
    // Placed with other adopters (A6), the foster placement is not the adoptive family's: A10 = A1.
    expect(clocksOf({ ...c2, placedCode: 'A6' }).a10).toBe(337);
  });

  it('gives A2 zero days where the match came before the placement order', () => {
    expect(clocksOf(c3)).toMatchObject({ a1: 447, a2: 0, within14Months: false });
  });

  it('leaves a child with no placement order, or not placed before the order, out of A2', () => {
    expect(clocksOf(c4).a2).toBeNull();
    expect(clocksOf({ ...c1, placed: null })).toMatchObject({ a1: null, a2: null, within14Months: null, a10: null });
  });

  it('counts "less than 14 months" by the calendar', () => {
    expect(clocksOf(child({ id: 'x', enteredCare: '2020-01-31', placed: '2021-03-30' })).within14Months).toBe(true);
    expect(clocksOf(child({ id: 'x', enteredCare: '2020-01-31', placed: '2021-03-31' })).within14Months).toBe(false);
  });
});

describe('the measures over a cohort', () => {
  it('averages each clock over its own cohort and rounds to the nearest day', () => {
    expect(measuresOf([c1, c2, c3, c4])).toEqual({
      A1: { value: 302, cohortSize: 4 }, // (274 + 337 + 447 + 151) / 4 = 302.25
      A2: { value: 71, cohortSize: 3 }, // (92 + 122 + 0) / 3 = 71.33
      A3: { value: 75, cohortSize: 4 }, // 3 of 4
      A10: { value: 229, cohortSize: 4 }, // (274 + 45 + 447 + 151) / 4 = 229.25
    });
  });

  it('rounds a half day up', () => {
    const a = child({ id: 'a', enteredCare: '2020-01-01', placed: '2020-01-02' });
    const b = child({ id: 'b', enteredCare: '2020-01-01', placed: '2020-01-03' });
    expect(measuresOf([a, b]).A1.value).toBe(2);
  });

  it('has no figure and a cohort of none for no children', () => {
    expect(measuresOf([]).A2).toEqual({ value: null, cohortSize: 0 });
  });
});

describe('the foster placement\'s start', () => {
  const episodes = [
    { startDate: '2020-03-01', rne: 'S' as const }, { startDate: '2020-04-15', rne: 'P' as const },
    { startDate: '2020-08-01', rne: 'L' as const }, { startDate: '2021-02-01', rne: 'U' as const },
  ];
  it('is the last move to new carers before the adoptive placement', () => {
    expect(fosterPlacementStart(episodes, '2021-02-01', null)).toBe('2020-04-15');
    expect(fosterPlacementStart(episodes.slice(0, 1), '2021-02-01', '2020-05-01')).toBe('2020-03-01');
  });
  it('falls back to the early permanence placement, then to the placement itself', () => {
    expect(fosterPlacementStart([], '2021-02-01', '2020-05-01')).toBe('2020-05-01');
    expect(fosterPlacementStart([], '2021-02-01', null)).toBe('2021-02-01');
  });
});

describe('thresholds', () => {
  const table: Threshold[] = [
    { measure: 'A1', firstWindowEnd: '2012-03-31', days: 639, months: 21, label: 'interim' },
    { measure: 'A1', firstWindowEnd: '2016-03-31', days: 426, months: 14, label: '2013-16 onward' },
  ];
  it('takes the latest threshold in force for the window', () => {
    expect(thresholdFor(table, 'A1', '2015-03-31')?.days).toBe(639);
    expect(thresholdFor(table, 'A1', '2026-03-31')?.days).toBe(426);
    expect(thresholdFor(table, 'A2', '2026-03-31')).toBeNull();
  });
  it('is met at the threshold and missed above it', () => {
    expect(statusOf(426, 426)).toBe('within');
    expect(statusOf(427, 426)).toBe('above');
    expect(statusOf(null, 426)).toBeNull();
  });
  it('agrees with the child page\'s thresholds by day', () => {
    // The children area's table is by the day a clock stops; a day belongs to the window ending the next 31 March.
    expect(SCORECARD_THRESHOLDS.map((t) => t.from)).toEqual(['2009-04-01', '2013-04-01', '2014-04-01', '2015-04-01']);
  });
});
