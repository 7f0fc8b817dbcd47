// PrevPerm (previous permanence) rules: returned for children who started care in the year
// (630), its date before care began (632), only for periods of care from April 2016 (634), and
// no details for "no previous permanence" (635). Codes and formats: format.ts (631, 632, 633).

import { at, report, type Check } from './common.ts';

const PREV_PERM_FROM = '2016-04-01'; // 634

export function prevPermRules(c: Check): void {
  const eps = c.episodes;
  // 630: a child who started to be looked after in the year has previous permanence returned.
  const started = eps.find((e) => e.row.values.RNE === 'S' && e.decom !== null && e.decom >= c.start) ?? null;
  if (started !== null && c.prevPerm.length === 0) {
    report(c, started.row, 'RNE', '630', `The child started to be looked after on ${started.row.values.DECOM} (RNE S), so information on previous permanence should be returned, but there is no PrevPerm row.`);
  }
  for (const p of c.prevPerm) {
    const v = p.row.values;
    if (started !== null) {
      if (v.PREV_PERM === null) {
        report(c, p.row, 'PREV_PERM', '630', `The child started to be looked after on ${started.row.values.DECOM} (${at(started.row)}), so PREV_PERM should be returned, but it is blank.`);
      } else if (v.PREV_PERM !== 'Z1' && (v.LA_PERM === null || v.DATE_PERM === null)) {
        const blank = v.LA_PERM === null ? 'LA_PERM' : 'DATE_PERM';
        report(c, p.row, blank, '630', `PREV_PERM is ${v.PREV_PERM} (not Z1), so LA_PERM and DATE_PERM should be returned (999 if the authority is not known), but ${blank} is blank.`);
      }
    }
    // 635: "no previous permanence" has no order to date or place.
    if ((v.PREV_PERM === null || v.PREV_PERM === 'Z1') && (v.LA_PERM !== null || v.DATE_PERM !== null)) {
      const given = v.LA_PERM !== null ? 'LA_PERM' : 'DATE_PERM';
      report(c, p.row, given, '635', `${given} '${v[given]}' is given but PREV_PERM is ${v.PREV_PERM === null ? 'blank' : 'Z1 (no previous permanence)'}.`);
    }
    if (eps.length === 0) continue; // 1012 reports rows for a child with no episodes
    // 632: the order came before care began.
    const first = eps[0]!;
    if (p.datePerm !== null && first.decom !== null && p.datePerm >= first.decom) {
      report(c, p.row, 'DATE_PERM', '632', `DATE_PERM ${v.DATE_PERM} is not before the start of the child's first episode (DECOM ${first.row.values.DECOM}, ${at(first.row)}).`);
    }
    // 634: previous permanence is collected for periods of care from 1 April 2016.
    if (v.PREV_PERM !== null || v.LA_PERM !== null || v.DATE_PERM !== null) {
      let latest: string | null = null;
      for (const e of eps) if (e.decom !== null && (latest === null || e.decom > latest)) latest = e.decom;
      if (latest !== null && latest < PREV_PERM_FROM) {
        const column = v.PREV_PERM !== null ? 'PREV_PERM' : v.LA_PERM !== null ? 'LA_PERM' : 'DATE_PERM';
        report(c, p.row, column, '634', `Previous permanence is returned (${column} '${v[column]}') but the child has not started to be looked after from 01/04/2016: the latest episode starts ${eps.find((e) => e.decom === latest)!.row.values.DECOM}.`);
      }
    }
  }
}
