// Demo finance and needs-analysis data: the West Mercia business case's own figures (seeds/001):
// population projections for 2014–2016 and the councils' projected looked-after numbers for
// 2014/15–2016/17; looked-after numbers for 2010/11–2013/14 (2013/14 as at 18 February 2014)
// with the populations they were rated against, derived from its counts and rates because it
// prints no population table for those years (to the nearest hundred where that gives its rates
// exactly, to the person otherwise); Shropshire's history is left out, as its printed counts do
// not agree with its rates or totals. Its budget and staffing table (2013/14, per service) and
// each council's projection method as its text describes them. Imported through the same import
// as a council's file.
import { importPopulation } from '../finance/service.ts';
import * as store from '../finance/store.ts';
import type { DemoContext } from './seed.ts';

const CODES = { herefordshire: 'E06000019', shropshire: 'E06000051', telford: 'E06000020', worcestershire: 'E10000034' } as const;
type Council = keyof typeof CODES;

/** [year, figure, 0–4, 5–9, 10–14, 15–19] */
type Row = [number, 'population' | 'looked-after' | 'looked-after-projection', number, number, number, number];

const FIGURES: Record<Council, Row[]> = {
  herefordshire: [
    [2010, 'looked-after', 48, 37, 51, 61], [2011, 'looked-after', 52, 50, 52, 56], [2012, 'looked-after', 65, 49, 58, 43], [2013, 'looked-after', 61, 51, 65, 65],
    [2010, 'population', 9600, 9200, 10400, 10800], [2011, 'population', 9700, 9300, 10200, 10400], [2012, 'population', 9700, 9500, 9700, 10400], [2013, 'population', 9800, 9600, 9500, 10300],
    [2014, 'population', 9800, 9600, 9500, 10300], [2015, 'population', 9900, 9700, 9400, 10100], [2016, 'population', 9800, 10000, 9400, 9800],
    [2014, 'looked-after-projection', 57, 47, 58, 59], [2015, 'looked-after-projection', 54, 44, 56, 56], [2016, 'looked-after-projection', 51, 42, 53, 54],
  ],
  shropshire: [
    [2014, 'population', 17100, 16400, 16700, 18100], [2015, 'population', 17300, 16700, 16600, 17800], [2016, 'population', 17600, 16900, 16700, 17300],
    [2014, 'looked-after-projection', 68, 78, 78, 87], [2015, 'looked-after-projection', 77, 92, 81, 90], [2016, 'looked-after-projection', 86, 108, 83, 93],
  ],
  telford: [
    [2010, 'looked-after', 65, 55, 115, 35], [2011, 'looked-after', 75, 65, 115, 45], [2012, 'looked-after', 75, 60, 120, 65], [2013, 'looked-after', 76, 58, 95, 76],
    [2010, 'population', 11500, 10100, 10600, 11600], [2011, 'population', 11600, 10400, 10200, 11500], [2012, 'population', 11700, 10700, 10000, 11400], [2013, 'population', 11800, 10900, 10000, 11000],
    [2014, 'population', 11800, 10900, 10000, 11000], [2015, 'population', 11900, 11100, 9900, 10900], [2016, 'population', 11900, 11200, 10100, 10600],
    [2014, 'looked-after-projection', 74, 56, 91, 73], [2015, 'looked-after-projection', 70, 53, 87, 70], [2016, 'looked-after-projection', 66, 50, 82, 66],
  ],
  worcestershire: [
    [2010, 'looked-after', 127, 112, 155, 187], [2011, 'looked-after', 140, 112, 164, 184], [2012, 'looked-after', 134, 127, 182, 192], [2013, 'looked-after', 150, 133, 174, 194],
    [2010, 'population', 31135, 30091, 32325, 34700], [2011, 'population', 31500, 30800, 31600, 34200], [2012, 'population', 32500, 31400, 30700, 33000], [2013, 'population', 33200, 31700, 30400, 32300],
    [2014, 'population', 33200, 31700, 30400, 32300], [2015, 'population', 34000, 31800, 30500, 31700], [2016, 'population', 34400, 32100, 30800, 30900],
    [2014, 'looked-after-projection', 160, 138, 193, 216], [2015, 'looked-after-projection', 168, 145, 203, 227], [2016, 'looked-after-projection', 176, 152, 213, 239],
  ],
};

/** "Telford's projection is based on a 5% reduction each year"; Herefordshire's on reductions, Worcestershire's and Shropshire's on a rising "worst case". */
const METHODS: Record<Council, { method: 'percent' | 'linear'; percent: number | null }> = {
  herefordshire: { method: 'percent', percent: -5 }, shropshire: { method: 'linear', percent: null }, telford: { method: 'percent', percent: -5 }, worcestershire: { method: 'percent', percent: 5 },
};

/** The business case's "Current Budget" (£000s) and "Current Staffing Figures", for 2013/14, per service. */
const SERVICES: { name: string; councils: Council[]; establishment: number; operational: number; fte: number }[] = [
  { name: 'Worcestershire County Council adoption service', councils: ['worcestershire'], establishment: 1052, operational: 133, fte: 30.93 },
  { name: 'Shropshire and Telford & Wrekin joint adoption service', councils: ['shropshire', 'telford'], establishment: 579, operational: 145, fte: 21.47 },
  { name: 'Herefordshire Council adoption service', councils: ['herefordshire'], establishment: 370, operational: 69, fte: 9.73 },
];
const BUDGET_YEAR = 2013;

export function populationCsv(): string {
  const lines = ['council,year,figure,0-4,5-9,10-14,15-19'];
  for (const [council, rows] of Object.entries(FIGURES)) for (const r of rows) lines.push([CODES[council as Council], ...r].join(','));
  return `${lines.join('\n')}\n`;
}

export async function seedFinance(demo: DemoContext): Promise<void> {
  const councils = await store.councils(demo.db, demo.today);
  const idOf = (c: Council) => councils.find((x) => x.code === CODES[c])!.id;
  await importPopulation(demo.db, null, populationCsv());
  for (const [council, m] of Object.entries(METHODS)) await store.setProjectionMethod(demo.db, idOf(council as Council), m.method, m.percent);
  for (const s of SERVICES) {
    const id = await store.insertService(demo.db, s.name, s.councils.map(idOf));
    await store.setBudget(demo.db, id, BUDGET_YEAR, 'establishment', s.establishment * 100_000);
    await store.setBudget(demo.db, id, BUDGET_YEAR, 'operational', s.operational * 100_000);
    await store.setStaffing(demo.db, id, BUDGET_YEAR, s.fte);
  }
}
