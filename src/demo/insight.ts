// Demo insight data: England's figures for A1, A2 and A10 for each scorecard window from the one
// ending March 2014, and Herefordshire's statistical neighbours' for A1 and A2. They are
// ILLUSTRATIVE: plausible, shaped like the published series (long waits falling after the 2013
// reforms, then drifting up), but made up; they are stored as illustrative and the pages say so.
// Imported through the same import as a published file.
import { importComparators } from '../insight/comparators.ts';
import type { DemoContext } from './seed.ts';

/** [window ending 31 March of, A1, A2, A10] for England. */
const ENGLAND: [number, number, number, number][] = [
  [2014, 628, 217, 593], [2015, 593, 223, 558], [2016, 558, 226, 520], [2017, 520, 220, 486], [2018, 486, 201, 456],
  [2019, 486, 178, 449], [2020, 477, 179, 440], [2021, 473, 190, 437], [2022, 480, 198, 441], [2023, 485, 203, 446],
  [2024, 489, 207, 449], [2025, 492, 210, 452], [2026, 494, 212, 455],
];

/** [window ending 31 March of, A1, A2] for Herefordshire's statistical neighbours. */
const NEIGHBOURS: [number, number, number][] = [[2022, 501, 186], [2023, 509, 191], [2024, 512, 196], [2025, 507, 199], [2026, 503, 201]];

const SOURCE = 'Illustrative demo figure, not a published statistic';

export async function seedInsight(demo: DemoContext): Promise<void> {
  const lines = ['measure,comparator,council,period_end,value,source'];
  for (const [year, a1, a2, a10] of ENGLAND) {
    for (const [measure, value] of [['A1', a1], ['A2', a2], ['A10', a10]] as const) lines.push(`${measure},england,,${year}-03-31,${value},${SOURCE}`);
  }
  for (const [year, a1, a2] of NEIGHBOURS) {
    for (const [measure, value] of [['A1', a1], ['A2', a2]] as const) lines.push(`${measure},statistical-neighbours,herefordshire,${year}-03-31,${value},${SOURCE}`);
  }
  await importComparators(demo.db, null, `${lines.join('\n')}\n`, { illustrative: true });
}
