// Episode rules about adoption placements, legal status and reasons ceased: 390, 386, 199,
// 408, 217, 336, 529, 432, 446, 516. Episodes arrive sorted by DECOM (common.ts).

import { ADOPTION_PLACEMENTS, FOSTER_PLACEMENTS, at, isAdopted, report, show, yearsAfter, type Check } from './common.ts';

const A5_A6: ReadonlySet<string> = new Set(['A5', 'A6']);
const A3_A5: ReadonlySet<string> = new Set(['A3', 'A5']);
const A3_A4: ReadonlySet<string> = new Set(['A3', 'A4']);
const STU: ReadonlySet<string> = new Set(['S', 'T', 'U']);
// 336: what may come immediately before an A3/A4 placement.
const BEFORE_A3_A4: ReadonlySet<string> = new Set([...ADOPTION_PLACEMENTS, ...FOSTER_PLACEMENTS]);
// 529: placements that another public body (PR3) cannot provide.
const NOT_PR3: ReadonlySet<string> = new Set([...ADOPTION_PLACEMENTS, 'K1', 'K2', 'P1', ...FOSTER_PLACEMENTS]);
// 432: reasons that mean the child left care (every REC but X1).
const LEFT_CARE: ReadonlySet<string> = new Set(['E2', 'E3', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9', 'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E41', 'E45', 'E46', 'E47', 'E48']);
const SGO_FORMER_CARERS: ReadonlySet<string> = new Set(['E45', 'E46']);
const A3_A5_RNE_FROM = '2015-04-01'; // 217
const E1_FROM = '2005-12-01'; // 446: placement orders exist from December 2005 (ACA 2002)

export function episodeRules(c: Check): void {
  const dob = c.header?.dob ?? null;
  // 386: the 18th birthday as YYYY-MM-DD (for a 29 February birth, 1 March counts).
  const adult = dob === null ? null : yearsAfter(dob, 18);
  let adoption: (typeof c.episodes)[number] | null = null;

  for (let i = 0; i < c.episodes.length; i++) {
    const e = c.episodes[i]!;
    const v = e.row.values;
    const place = v.PLACE;
    const adopted = isAdopted(e);

    if (adopted && (place === null || !ADOPTION_PLACEMENTS.has(place))) {
      report(c, e.row, 'PLACE', '390', `The episode ended in adoption (REC ${v.REC}) but its placement is ${place ?? 'blank'}, not A3–A6.`);
    }
    if (adopted && adult !== null && e.dec !== null && e.dec >= adult) {
      report(c, e.row, 'REC', '386', `Adoption (REC ${v.REC}) on ${v.DEC} is on or after the child's 18th birthday (${show(adult)}).`);
    }
    if (place !== null && A5_A6.has(place) && v.LS !== 'E1') {
      report(c, e.row, 'LS', '408', `Placement ${place} is a placement for adoption with a placement order, but LS is ${v.LS ?? 'blank'}, not E1.`);
    }
    if (place !== null && A3_A5.has(place) && e.decom !== null && e.decom >= A3_A5_RNE_FROM && (v.RNE === null || !STU.has(v.RNE))) {
      report(c, e.row, 'RNE', '217', `Placement ${place} (with the current foster carer) starting ${v.DECOM} needs RNE S, T or U, not ${v.RNE ?? 'blank'}.`);
    }
    if (v.PLACE_PROVIDER === 'PR3' && place !== null && NOT_PR3.has(place)) {
      report(c, e.row, 'PLACE_PROVIDER', '529', `Provider PR3 (other public organisation) cannot provide placement ${place}.`);
    }
    if (v.LS === 'E1' && e.decom !== null && e.decom < E1_FROM) {
      report(c, e.row, 'LS', '446', `LS E1 (placement order) is not valid for an episode starting ${v.DECOM}, before December 2005.`);
    }
    if (v.REC !== null && SGO_FORMER_CARERS.has(v.REC) && (place === null || !FOSTER_PLACEMENTS.has(place))) {
      report(c, e.row, 'PLACE', '516', `REC ${v.REC} (special guardianship order to former foster carers) needs a U1–U6 placement, not ${place ?? 'blank'}.`);
    }

    if (e.decom === null) continue; // the sequence rules need a start date
    const prev = i > 0 ? c.episodes[i - 1]! : null;
    if (prev !== null && prev.decom !== null) {
      // 336: not for the first episode (the public validator checks A3/A4).
      if (place !== null && A3_A4.has(place) && (prev.row.values.PLACE === null || !BEFORE_A3_A4.has(prev.row.values.PLACE))) {
        report(c, e.row, 'PLACE', '336', `Placement ${place} starting ${v.DECOM} should follow a foster (U1–U6) or adoption (A3–A6) placement, but the previous episode (${at(prev.row)}) is ${prev.row.values.PLACE ?? 'blank'}.`);
      }
      const prevRec = prev.row.values.REC;
      if (prevRec !== null && LEFT_CARE.has(prevRec) && v.RNE !== 'S') {
        report(c, e.row, 'RNE', '432', `The previous episode (${at(prev.row)}) ended with the child leaving care (REC ${prevRec}), so this episode must have RNE S, not ${v.RNE ?? 'blank'}.`);
      }
    }
    // 199: nothing may follow an adoption in this return (and a second adoption is itself later).
    if (adoption !== null) {
      report(c, e.row, 'DECOM', '199', `The episode starting ${v.DECOM} comes after the child was adopted (REC ${adoption.row.values.REC} on ${adoption.row.values.DEC ?? 'blank'}, ${at(adoption.row)}).`);
    } else if (adopted) {
      adoption = e;
    }
  }
}
