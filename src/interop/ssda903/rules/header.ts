// Header rules that read the child's episodes too: date of birth against the first episode
// (302) and the age (351, 352), the mother fields (165, 174, 393, 607, 625) and the UPN (209, 442).

import { SHORT_BREAKS, at, isBoy, isGirl, report, show, yearsAfter, type Check, type EpisodeRow } from './common.ts';

/** An episode that counts as being looked after (not a short break, V3/V4). */
function lookedAfter(e: EpisodeRow): boolean {
  const ls = e.row.values.LS;
  return ls === null || !SHORT_BREAKS.has(ls);
}

export function headerRules(c: Check): void {
  const h = c.header;
  if (h === null) return;
  const v = h.row.values;
  const girl = isGirl(c);

  // 165 (value given for a boy; a bad value is a format finding) and 174.
  if (isBoy(c)) {
    if (v.MOTHER !== null) report(c, h.row, 'MOTHER', '165', `MOTHER is '${v.MOTHER}' but SEX is '${v.SEX}' (male): the mother field is for girls only.`);
    if (v.MC_DOB !== null) report(c, h.row, 'MC_DOB', '174', `MC_DOB ${v.MC_DOB} (date of birth of the mother's child) is recorded but SEX is '${v.SEX}' (male).`);
  }

  // 209: UN1 (not yet at school) for a child of school age: 4 or over on 31 August of the year
  // before the collection starts.
  if (v.UPN === 'UN1' && h.dob !== null) {
    const august = `${Number(c.start.slice(0, 4)) - 1}-08-31`;
    if (yearsAfter(h.dob, 4) <= august) {
      report(c, h.row, 'UPN', '209', `UPN is UN1 (child not yet of school age), but the child (DOB ${v.DOB}) was 4 by ${show(august)}: a child of school age should not have UN1.`);
    }
  }
  // 351: over 21 at the start of the year.
  if (h.dob !== null && c.start > yearsAfter(h.dob, 21)) {
    report(c, h.row, 'DOB', '351', `The child (DOB ${v.DOB}) was over 21 at the start of the collection year (${show(c.start)}).`);
  }
  if (c.episodes.length === 0) return;
  // 352: a period of care cannot start at 18 or over.
  if (h.dob !== null) {
    const adult = yearsAfter(h.dob, 18);
    for (const e of c.episodes) {
      if (e.row.values.RNE === 'S' && e.decom !== null && e.decom >= adult) {
        report(c, e.row, 'DECOM', '352', `The child started to be looked after (RNE S) on ${e.row.values.DECOM}, aged 18 or over (DOB ${v.DOB}).`);
      }
    }
  }
  const first = c.episodes[0]!; // sorted by DECOM; one without a valid DECOM sorts last
  // 302: born after care began.
  if (h.dob !== null && first.decom !== null && h.dob > first.decom) {
    report(c, first.row, 'DECOM', '302', `The first episode starts ${first.row.values.DECOM}, before the child's date of birth ${v.DOB} (${at(h.row)}).`);
  }

  let careEpisode: EpisodeRow | null = null;
  let ceasedInYear: EpisodeRow | null = null;
  for (const e of c.episodes) {
    if (!lookedAfter(e)) continue;
    careEpisode ??= e;
    const rec = e.row.values.REC;
    if (ceasedInYear === null && e.dec !== null && rec !== null && rec !== 'X1' && e.dec >= c.start && e.dec <= c.end) ceasedInYear = e;
  }
  if (careEpisode !== null) {
    const ce = careEpisode.row.values;
    if (girl && v.MOTHER === null) {
      report(c, h.row, 'MOTHER', '393', `The child is a girl looked after (LS ${ce.LS ?? 'blank'} from ${ce.DECOM ?? 'blank'}, ${at(careEpisode.row)}) but MOTHER is blank; give 1 if she is a mother, else 0.`);
    }
    if (v.UPN === null) {
      report(c, h.row, 'UPN', '442', `The child is looked after (LS ${ce.LS ?? 'blank'} from ${ce.DECOM ?? 'blank'}, ${at(careEpisode.row)}) but UPN is blank; give the UPN, or UN1–UN5 if it is not known.`);
    }
  }
  if (ceasedInYear !== null && girl && v.MOTHER === null) {
    const ev = ceasedInYear.row.values;
    report(c, h.row, 'MOTHER', '607', `The child ceased to be looked after on ${ev.DEC} (REC ${ev.REC}, ${at(ceasedInYear.row)}) but MOTHER is blank.`);
  }

  // 625: the mother's child cannot be born after the return's year, or after she left care.
  if (h.mcDob !== null) {
    const final = c.episodes[c.episodes.length - 1]!;
    if (h.mcDob > c.end) {
      report(c, h.row, 'MC_DOB', '625', `MC_DOB ${v.MC_DOB} is after the end of the collection year (${show(c.end)}).`);
    } else if (final.dec !== null && h.mcDob > final.dec) {
      report(c, h.row, 'MC_DOB', '625', `MC_DOB ${v.MC_DOB} is after the child ceased to be looked after (DEC ${final.row.values.DEC}, REC ${final.row.values.REC ?? 'blank'}, ${at(final.row)}).`);
    }
  }
}
