// The needs analysis for one council (or the partnership's councils together), pure: for each
// year, the looked-after children by band — imported, counted from the records, the council's
// own projection, or projected by its chosen method — over that year's population, as rates
// per 10,000. A year's actual figure is the imported one (the council's published figure) or
// else the one counted from the records (service.ts: a year that began after the records did,
// whose 31 March has passed). The council's own projection is shown for its years beside
// whatever else is held; the chosen method projects the years after the last actual one that
// have a population (or three years, without one).
import { BANDS, project, ratePer10k, sumBands, type BandCounts, type Projection } from './model.ts';

export type Basis = 'imported' | 'recorded' | 'council-projection' | 'projected';
export const BASIS_NAMES: Record<Basis, string> = {
  imported: 'Imported', recorded: 'Counted from the records', 'council-projection': 'Council\'s own projection', projected: 'Projected by method',
};

export interface NeedsInput {
  population: ReadonlyMap<number, BandCounts>;
  imported: ReadonlyMap<number, BandCounts>;
  recorded: ReadonlyMap<number, BandCounts>;
  councilProjection: ReadonlyMap<number, BandCounts>;
  projection: Projection;
}

export interface NeedsRow {
  year: number;
  basis: Basis;
  children: BandCounts;
  population: BandCounts | null;
  /** Per band and the total (all children over all population), or null without a population. */
  rates: Record<(typeof BANDS)[number] | 'total', number | null>;
}

/** How many years a method projects when no population is held for later years. */
const DEFAULT_HORIZON = 3;

export function needsRows(input: NeedsInput): NeedsRow[] {
  const actual = new Map<number, { basis: Basis; counts: BandCounts }>();
  for (const [year, counts] of input.recorded) actual.set(year, { basis: 'recorded', counts });
  for (const [year, counts] of input.imported) actual.set(year, { basis: 'imported', counts });
  const actualYears = [...actual.keys()].sort((a, b) => a - b);
  const lastActual = actualYears.at(-1);

  const rows: NeedsRow[] = actualYears.map((year) => rowOf(year, actual.get(year)!.basis, actual.get(year)!.counts, input.population.get(year)));
  // The council's own projection stands beside the actual figures for its years, so a projection
  // can be compared with what happened.
  for (const [year, counts] of input.councilProjection) rows.push(rowOf(year, 'council-projection', counts, input.population.get(year)));
  if (lastActual !== undefined) {
    const later = [...input.population.keys()].filter((y) => y > lastActual).sort((a, b) => a - b);
    const horizon = later.length ? later : Array.from({ length: DEFAULT_HORIZON }, (_, i) => lastActual + 1 + i);
    for (const p of project(actualYears.map((year) => ({ year, counts: actual.get(year)!.counts })), input.projection, horizon)) rows.push(rowOf(p.year, 'projected', p.counts, input.population.get(p.year)));
  }
  return rows.sort((a, b) => a.year - b.year || ORDER.indexOf(a.basis) - ORDER.indexOf(b.basis));
}

const ORDER: Basis[] = ['imported', 'recorded', 'council-projection', 'projected'];

function rowOf(year: number, basis: Basis, children: BandCounts, population: BandCounts | undefined): NeedsRow {
  const rates = {} as NeedsRow['rates'];
  for (const band of BANDS) rates[band] = population ? ratePer10k(children[band], population[band]) : null;
  rates.total = population ? ratePer10k(sumBands(children), sumBands(population)) : null;
  return { year, basis, children, population: population ?? null, rates };
}

/**
 * Several councils' rows added together, year by year and basis by basis, where every council
 * has that year on that basis (a partnership total missing a council would understate it);
 * actual years count as one basis whether imported or counted.
 */
export function combinedRows(perCouncil: readonly NeedsRow[][]): NeedsRow[] {
  if (perCouncil.length === 0) return [];
  const key = (r: NeedsRow) => `${r.year}|${r.basis === 'imported' ? 'recorded' : r.basis}`;
  const maps = perCouncil.map((rows) => new Map(rows.map((r) => [key(r), r])));
  const result: NeedsRow[] = [];
  for (const [k, first] of maps[0]!) {
    const all = maps.map((m) => m.get(k));
    if (all.some((r) => !r)) continue;
    const rows = all as NeedsRow[];
    const add = (pick: (r: NeedsRow) => BandCounts | null): BandCounts | null => {
      if (rows.some((r) => !pick(r))) return null;
      return Object.fromEntries(BANDS.map((b) => [b, rows.reduce((s, r) => s + pick(r)![b], 0)])) as BandCounts;
    };
    const basis: Basis = rows.every((r) => r.basis === first.basis) ? first.basis : 'recorded';
    result.push(rowOf(first.year, basis, add((r) => r.children)!, add((r) => r.population) ?? undefined));
  }
  return result.sort((a, b) => a.year - b.year);
}
