// Finance and needs analysis, pure: age bands, rates per 10,000, projections of looked-after
// numbers, the foster-care cost a placement made sooner avoids, and the options appraisal.
// A year is a financial year named by the year it starts (2014 = 2014/15); looked-after children
// are counted on the 31 March that ends it, against that year's population (mid-2014 for 2014/15,
// as the business case's projected rate table divides 2014/15's children by 2014's population).

export const BANDS = ['0-4', '5-9', '10-14', '15-19'] as const;
export type Band = (typeof BANDS)[number];
export const BAND_NAMES: Record<Band, string> = { '0-4': '0 to 4', '5-9': '5 to 9', '10-14': '10 to 14', '15-19': '15 to 19' };

export type LookedAfterBasis = 'imported' | 'council-projection';
export type ProjectionMethod = 'flat' | 'percent' | 'linear';
export const PROJECTION_METHODS: Record<ProjectionMethod, string> = {
  flat: 'Flat: the last actual year held',
  percent: 'A fixed percentage change each year',
  linear: 'Linear trend of the actual years',
};
export type BudgetLine = 'establishment' | 'operational';
export const BUDGET_LINES: Record<BudgetLine, string> = { establishment: 'Establishment staff costs', operational: 'Direct operational costs' };

export type BandCounts = Record<Band, number>;

/** 2014 → "2014/15". */
export const yearName = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
/** The 31 March that ends the year: the day looked-after children are counted. */
export const countDayOf = (year: number) => `${year + 1}-03-31`;

/** Whole years of age on a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The band of an age; null for under 0 (not yet born) or 20 and over, who are outside the analysis. */
export function bandOf(age: number): Band | null {
  if (age < 0 || age > 19) return null;
  return BANDS[Math.floor(age / 5)]!;
}

/** Half away from zero at two decimals, done on the integer so 58.165 is not 58.16 by a float's whim. */
export function round2(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100;
}

/** Children per 10,000 of the population, to 2 decimals; null when there is no population to divide by. */
export function ratePer10k(children: number, population: number): number | null {
  if (!(population > 0)) return null;
  return round2((children * 10000) / population);
}

export const sumBands = (c: BandCounts) => BANDS.reduce((s, b) => s + c[b], 0);

/**
 * The total rate: all the children over all the population. Not the sum of the band rates, which
 * is what the business case's "Totals" rows show (225.46 for Herefordshire in 2014/15, where 221
 * children among 39,200 is 56.38).
 */
export function totalRate(children: BandCounts, population: BandCounts): number | null {
  return ratePer10k(sumBands(children), sumBands(population));
}

export interface Projection {
  method: ProjectionMethod;
  /** For 'percent': the change each year, -5 for a 5% reduction. */
  percent?: number | null;
}

/**
 * Looked-after numbers carried forward from the actual years (sorted or not) into `years`, by
 * band, to whole children (the business case projects whole children and divides those).
 * A percentage compounds on the unrounded figure, so rounding does not drift year on year.
 */
export function project(actual: readonly { year: number; counts: BandCounts }[], p: Projection, years: readonly number[]): { year: number; counts: BandCounts }[] {
  const sorted = [...actual].sort((a, b) => a.year - b.year);
  const last = sorted.at(-1);
  if (!last) return [];
  return years.map((year) => {
    const counts = {} as BandCounts;
    for (const band of BANDS) {
      let value: number;
      if (p.method === 'percent') value = last.counts[band] * (1 + (p.percent ?? 0) / 100) ** (year - last.year);
      else if (p.method === 'linear') value = linearAt(sorted.map((a) => [a.year, a.counts[band]] as const), year);
      else value = last.counts[band];
      counts[band] = Math.max(0, Math.round(value));
    }
    return { year, counts };
  });
}

/** The least-squares line through the points, read at x; one point is a flat line. */
export function linearAt(points: readonly (readonly [number, number])[], x: number): number {
  const n = points.length;
  const mx = points.reduce((s, [px]) => s + px, 0) / n;
  const my = points.reduce((s, [, py]) => s + py, 0) / n;
  const sxx = points.reduce((s, [px]) => s + (px - mx) ** 2, 0);
  if (sxx === 0) return my;
  const slope = points.reduce((s, [px, py]) => s + (px - mx) * (py - my), 0) / sxx;
  return my + slope * (x - mx);
}

// ---- costs avoided -----------------------------------------------------------------------------

export const DEFAULT_MONTHLY_FOSTER_PENCE = 200_000;

export interface ServiceCost {
  name: string;
  /** The monthly foster-care cost of each council the service covers. */
  monthlyPence: readonly number[];
}

export interface CostsAvoided {
  rows: { name: string; monthlyPence: number; perChildPence: number; children: number; totalPence: number }[];
  totalPence: number;
}

/**
 * What placing `childrenPerService` more children from foster care with adopters saves in a
 * `months`-long year: the business case's "if each authority was able to place one more child …
 * a saving of £72,000 per year", which is three services (Herefordshire, Shropshire/Telford,
 * Worcestershire) × one child × £2,000 a month × 12. A joint service's monthly cost is the mean
 * of its councils', to the penny.
 */
export function costsAvoided(services: readonly ServiceCost[], childrenPerService: number, months = 12): CostsAvoided {
  const rows = services.map((s) => {
    const monthlyPence = s.monthlyPence.length ? Math.round(s.monthlyPence.reduce((a, b) => a + b, 0) / s.monthlyPence.length) : DEFAULT_MONTHLY_FOSTER_PENCE;
    const perChildPence = monthlyPence * months;
    return { name: s.name, monthlyPence, perChildPence, children: childrenPerService, totalPence: perChildPence * childrenPerService };
  });
  return { rows, totalPence: rows.reduce((s, r) => s + r.totalPence, 0) };
}

/** £72,000 from 7200000 pence; pence shown only when there are some. */
export const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;
