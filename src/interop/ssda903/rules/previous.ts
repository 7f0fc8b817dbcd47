// Rules that need last year's PlacedAdoption (559, 560, 561, 584); run only when the caller
// gives last year's return. A child missing from it simply had no decisions last year.

import { report, show, type Check } from './common.ts';

export function previousRules(c: Check): void {
  const last = c.previous;
  if (last === null) return;
  const lastDated = last.filter((p) => p.placed !== null);
  for (const p of c.placed) {
    const v = p.row.values;
    // 559: a decision made before this year must have been returned last year (as the DfE
    // check does, any dated decision last year satisfies it; 560/584 compare the dates).
    if (p.placed !== null && p.placed < c.start && lastDated.length === 0) {
      report(c, p.row, 'DATE_PLACED', '559', `DATE_PLACED ${v.DATE_PLACED} is before this collection year (${show(c.start)}) but last year's return has no decision for the child.`);
    }
    for (const l of lastDated) {
      const lv = l.row.values;
      const ceasedLastYear = lv.DATE_PLACED_CEASED !== null || lv.REASON_PLACED_CEASED !== null;
      if (!ceasedLastYear) continue;
      // 561: a decision that ceased last year is finished and is not returned again.
      if (p.placed !== null && p.placed === l.placed) {
        report(c, p.row, 'DATE_PLACED', '561', `DATE_PLACED ${v.DATE_PLACED} is the decision returned last year, which had already ceased (${lv.DATE_PLACED_CEASED ?? `reason ${lv.REASON_PLACED_CEASED}`}).`);
      }
      // 584: after a decision ceased last year, any decision this year is a new, later one.
      if (p.placed === null ? v.DATE_PLACED === null : p.placed <= l.placed!) {
        report(c, p.row, 'DATE_PLACED', '584', `Last year's decision of ${lv.DATE_PLACED} ceased, so this year's DATE_PLACED must be later than it, not ${v.DATE_PLACED ?? 'blank'}.`);
      }
    }
  }
  // 560: a decision still open at the end of last year is returned again with the same date.
  if (c.placed.length === 0) return;
  for (const l of lastDated) {
    const lv = l.row.values;
    if (lv.DATE_PLACED_CEASED !== null) continue;
    if (c.placed.some((p) => p.placed === l.placed)) continue;
    // Point at this year's earliest decision: it is the one that should carry last year's date.
    let first = c.placed[0]!;
    for (const p of c.placed) if (p.placed !== null && (first.placed === null || p.placed < first.placed)) first = p;
    report(c, first.row, 'DATE_PLACED', '560', `Last year's decision of ${lv.DATE_PLACED} was still open, but no decision this year has that DATE_PLACED (this one is ${first.row.values.DATE_PLACED ?? 'blank'}).`);
  }
}
