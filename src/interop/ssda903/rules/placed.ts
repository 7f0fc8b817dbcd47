// PlacedAdoption (decisions that the child should be placed for adoption) on their own:
// 119, 522, 563, 579, 583, and 184 against the Header DOB.

import { at, report, show, type Check, type PlacedRow } from './common.ts';

/** The child's decisions with a valid DATE_PLACED, oldest first (ties by line); worked out once. */
export function decisionsByDate(c: Check): readonly PlacedRow[] {
  if (c.dated === null) {
    const dated = c.placed.length === 1 ? (c.placed[0]!.placed === null ? [] : c.placed) : c.placed.filter((p) => p.placed !== null);
    if (dated.length > 1) dated.sort((a, b) => (a.placed! < b.placed! ? -1 : a.placed! > b.placed! ? 1 : a.row.line - b.row.line));
    c.dated = dated;
  }
  return c.dated;
}

export function placedRules(c: Check): void {
  const dob = c.header?.dob ?? null;
  for (const p of c.placed) {
    const v = p.row.values;
    if (v.DATE_PLACED_CEASED !== null && v.REASON_PLACED_CEASED === null) {
      report(c, p.row, 'REASON_PLACED_CEASED', '119', `DATE_PLACED_CEASED ${v.DATE_PLACED_CEASED} is given but REASON_PLACED_CEASED is blank; give both or neither.`);
    } else if (v.DATE_PLACED_CEASED === null && v.REASON_PLACED_CEASED !== null) {
      report(c, p.row, 'DATE_PLACED_CEASED', '119', `REASON_PLACED_CEASED '${v.REASON_PLACED_CEASED}' is given but DATE_PLACED_CEASED is blank; give both or neither.`);
    }
    if (p.placed !== null && p.ceased !== null && p.placed > p.ceased) {
      report(c, p.row, 'DATE_PLACED_CEASED', '522', `DATE_PLACED_CEASED ${v.DATE_PLACED_CEASED} is before DATE_PLACED ${v.DATE_PLACED}.`);
    }
    if (v.DATE_PLACED === null && (v.DATE_PLACED_CEASED !== null || v.REASON_PLACED_CEASED !== null)) {
      report(c, p.row, 'DATE_PLACED', '563', 'The decision shows that it ceased but DATE_PLACED (the date of the decision) is blank.');
    }
    if (dob !== null && p.placed !== null && p.placed < dob) {
      report(c, p.row, 'DATE_PLACED', '184', `DATE_PLACED ${v.DATE_PLACED} is before the child's date of birth ${show(dob)}.`);
    }
  }

  const dated = decisionsByDate(c);
  for (let i = 1; i < dated.length; i++) {
    const prev = dated[i - 1]!;
    const cur = dated[i]!;
    // 579: the earlier decision must have ceased, and not after this one was made.
    if (prev.row.values.DATE_PLACED_CEASED === null) {
      report(c, cur.row, 'DATE_PLACED', '579', `A new decision (DATE_PLACED ${cur.row.values.DATE_PLACED}) starts while the decision of ${prev.row.values.DATE_PLACED} (${at(prev.row)}) is still open.`);
    } else if (prev.ceased !== null && cur.placed! < prev.ceased) {
      report(c, cur.row, 'DATE_PLACED', '579', `A new decision (DATE_PLACED ${cur.row.values.DATE_PLACED}) is before the previous decision ceased (${prev.row.values.DATE_PLACED_CEASED}, ${at(prev.row)}).`);
    }
  }
  // 583: every decision but the latest has a ceased date.
  if (c.placed.length > 1) {
    const latest = dated[dated.length - 1] ?? null;
    for (const p of c.placed) {
      if (p !== latest && p.row.values.DATE_PLACED_CEASED === null) {
        const which = latest === null ? '' : ` (the latest is DATE_PLACED ${latest.row.values.DATE_PLACED}, ${at(latest.row)})`;
        report(c, p.row, 'DATE_PLACED_CEASED', '583', `The child has ${c.placed.length} decisions and this one, which is not the latest${which}, has no DATE_PLACED_CEASED.`);
      }
    }
  }
}
