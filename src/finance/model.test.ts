// The business case's worked figures, recomputed: its projected rates per 10,000 (58.16 for
// Herefordshire's 0–4s in 2014/15), a total rate as all children over all population, the
// projection methods, and "one more child per service = £72,000 a year" from its inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, bandOf, costsAvoided, linearAt, pounds, project, ratePer10k, totalRate, yearName, type BandCounts } from './model.ts';
import { appraise } from './options.ts';

const counts = (a: number, b: number, c: number, d: number): BandCounts => ({ '0-4': a, '5-9': b, '10-14': c, '15-19': d });

describe('rates per 10,000', () => {
  it('reproduces the business case\'s projected rate table', () => {
    expect(ratePer10k(57, 9800)).toBe(58.16); // Herefordshire 0–4, 2014/15
    expect(ratePer10k(54, 9900)).toBe(54.55); // Herefordshire 0–4, 2015/16
    expect(ratePer10k(47, 9600)).toBe(48.96); // Herefordshire 5–9, 2014/15
    expect(ratePer10k(68, 17100)).toBe(39.77); // Shropshire 0–4, 2014/15
    expect(ratePer10k(91, 10000)).toBe(91); // Telford 10–14, 2014/15
    expect(ratePer10k(239, 30900)).toBe(77.35); // Worcestershire 15–19, 2016/17
  });

  it('takes a total as all the children over all the population, not the sum of the band rates', () => {
    const herefordshire = { children: counts(57, 47, 58, 59), population: counts(9800, 9600, 9500, 10300) };
    expect(totalRate(herefordshire.children, herefordshire.population)).toBe(56.38);
    // The business case's "Totals" row (225.46) is the sum of the band rates, which this is not.
    expect(totalRate(herefordshire.children, herefordshire.population)).not.toBe(225.46);
  });

  it('has no rate without a population', () => {
    expect(ratePer10k(5, 0)).toBeNull();
  });

  it('is never negative and never more than 10,000 for a count within the population', () => {
    fc.assert(fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 1_000_000 }), (c, p) => {
      const rate = ratePer10k(Math.min(c, p), p)!;
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(10000);
    }));
  });
});

describe('ages and bands', () => {
  it('counts age on the day, a birthday on the day included', () => {
    expect(ageOn('2010-03-31', '2015-03-31')).toBe(5);
    expect(ageOn('2010-04-01', '2015-03-31')).toBe(4);
    expect(bandOf(4)).toBe('0-4');
    expect(bandOf(5)).toBe('5-9');
    expect(bandOf(19)).toBe('15-19');
    expect(bandOf(20)).toBeNull();
  });

  it('names years as financial years', () => {
    expect(yearName(2014)).toBe('2014/15');
    expect(yearName(2099)).toBe('2099/00');
  });
});

describe('projections', () => {
  const actual = [{ year: 2012, counts: counts(60, 50, 40, 30) }, { year: 2013, counts: counts(70, 50, 44, 30) }];

  it('holds the last actual year flat', () => {
    expect(project(actual, { method: 'flat' }, [2014, 2015])).toEqual([{ year: 2014, counts: counts(70, 50, 44, 30) }, { year: 2015, counts: counts(70, 50, 44, 30) }]);
  });

  it('compounds a fixed percentage on the unrounded figure: Telford\'s 5% reduction a year', () => {
    // 74 × 0.95 = 70.3 → 70; 74 × 0.95² = 66.785 → 67 (not 70 × 0.95 = 66.5 rounded again).
    expect(project([{ year: 2014, counts: counts(74, 56, 91, 73) }], { method: 'percent', percent: -5 }, [2015, 2016]).map((p) => p.counts['0-4'])).toEqual([70, 67]);
  });

  it('extends the least-squares line of the actual years, never below zero', () => {
    expect(project(actual, { method: 'linear' }, [2014, 2015]).map((p) => p.counts['0-4'])).toEqual([80, 90]);
    expect(project([{ year: 2012, counts: counts(9, 0, 0, 0) }, { year: 2013, counts: counts(1, 0, 0, 0) }], { method: 'linear' }, [2015])[0]!.counts['0-4']).toBe(0);
    expect(linearAt([[2013, 5]], 2020)).toBe(5);
  });

  it('projects nothing without an actual year', () => {
    expect(project([], { method: 'flat' }, [2014])).toEqual([]);
  });
});

describe('costs avoided', () => {
  it('one more child per service is £72,000 a year: 3 services × 1 child × £2,000 a month × 12 months', () => {
    const services = [{ name: 'Herefordshire', monthlyPence: [200_000] }, { name: 'Shropshire and Telford', monthlyPence: [200_000, 200_000] }, { name: 'Worcestershire', monthlyPence: [200_000] }];
    const result = costsAvoided(services, 1, 12);
    expect(result.totalPence).toBe(7_200_000);
    expect(pounds(result.totalPence)).toBe('£72,000');
    expect(result.rows.map((r) => r.perChildPence)).toEqual([2_400_000, 2_400_000, 2_400_000]);
  });

  it('takes a joint service\'s monthly cost as the mean of its councils\'', () => {
    expect(costsAvoided([{ name: 'Joint', monthlyPence: [180_000, 220_001] }], 2).rows[0]).toMatchObject({ monthlyPence: 200_001, totalPence: 200_001 * 12 * 2 });
  });
});

describe('the options appraisal', () => {
  it('compares the options on the same figures, and leaves unknown costs unknown', () => {
    const rows = appraise({ directCostsPence: 234_800_000, costsAvoidedPence: 7_200_000, feePence: 2_700_000, placementsSold: 2, transformationPence: 5_000_000 });
    expect(rows.map((r) => r.costPence)).toEqual([234_800_000, 239_800_000, null, null]);
    expect(rows.map((r) => r.savingPence)).toEqual([0, 7_200_000, 7_200_000, 7_200_000]);
    expect(rows[1]!.netPence).toBe(239_800_000 - 7_200_000 - 5_400_000);
    expect(rows[2]!.netPence).toBeNull();
  });
});
