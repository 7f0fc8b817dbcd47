// Structural checks Mercia must refuse because they would break what it stores: the child is
// in Header exactly once (INT01–INT07), DOBs agree (INT11/12/16), one AD1 row (INT31), and
// episodes form a proper sequence (356, 148, 142, 501, and FORMAT: one start date each).

import { at, report, show, type AnyRow, type Check, type EpisodeRow } from './common.ts';

function notInHeader(c: Check, rows: readonly { row: AnyRow }[], table: string, rule: string): void {
  for (const { row } of rows) {
    report(c, row, 'CHILD', rule, `Child ${c.child} is in ${table} but has no Header row.`);
  }
}

function dobDiffers(c: Check, rows: readonly { row: AnyRow; dob: string | null }[], table: string, rule: string): void {
  const header = c.header;
  if (header === null || header.dob === null) return;
  for (const r of rows) {
    // Like the DfE check, only two valid dates are compared; a bad date is a format finding.
    if (r.dob !== null && r.dob !== header.dob) {
      report(c, r.row, 'DOB', rule, `DOB ${show(r.dob)} in ${table} differs from DOB ${show(header.dob)} in Header (${at(header.row)}).`);
    }
  }
}

export function structureRules(c: Check): void {
  if (c.headers.length === 0) {
    notInHeader(c, c.episodes, 'Episodes', 'INT03');
    notInHeader(c, c.ad1, 'AD1', 'INT01');
    notInHeader(c, c.placed, 'PlacedAdoption', 'INT02');
    notInHeader(c, c.prevPerm, 'PrevPerm', 'INT07');
  }
  for (let i = 1; i < c.headers.length; i++) {
    const h = c.headers[i]!;
    report(c, h.row, 'CHILD', 'FORMAT', `Child ${c.child} has more than one Header row (the first is at ${at(c.headers[0]!.row)}).`);
  }
  dobDiffers(c, c.ad1, 'AD1', 'INT11');
  dobDiffers(c, c.placed, 'PlacedAdoption', 'INT12');
  dobDiffers(c, c.prevPerm, 'PrevPerm', 'INT16');
  for (let i = 1; i < c.ad1.length; i++) {
    report(c, c.ad1[i]!.row, 'CHILD', 'INT31', `Child ${c.child} has more than one AD1 row (the first is at ${at(c.ad1[0]!.row)}).`);
  }
  for (let i = 1; i < c.prevPerm.length; i++) {
    report(c, c.prevPerm[i]!.row, 'CHILD', 'FORMAT', `Child ${c.child} has more than one PrevPerm row (the first is at ${at(c.prevPerm[0]!.row)}).`);
  }
  tooLong(c);
  outsideYear(c);

  episodeSequence(c);
}

/**
 * Episodes, in DECOM order: 356 (ceased before it started), 148 (DEC and REC together), 142
 * (every episode but the last has ended) and 501 (no overlap). `reach` is the episode ending
 * latest so far, so an episode inside a long earlier one is caught even with a short one between.
 */
function episodeSequence(c: Check): void {
  let reach: { e: EpisodeRow; end: string } | null = null;
  const last = c.episodes.length - 1;
  for (let i = 0; i <= last; i++) {
    const e = c.episodes[i]!;
    const v = e.row.values;
    if (e.dec !== null && e.decom !== null && e.dec < e.decom) {
      report(c, e.row, 'DEC', '356', `The episode ceased (DEC ${v.DEC}) before it started (DECOM ${v.DECOM}).`);
    }
    if (v.DEC !== null && v.REC === null) {
      report(c, e.row, 'REC', '148', `The episode has a DEC (${v.DEC}) but no reason episode ceased (REC); give both or neither.`);
    } else if (v.DEC === null && v.REC !== null) {
      report(c, e.row, 'DEC', '148', `The episode has a reason episode ceased (REC ${v.REC}) but no DEC; give both or neither.`);
    }
    if (e.decom === null) continue;
    const next = i < last ? c.episodes[i + 1]! : null;
    if (next !== null && next.decom !== null && (v.DEC === null || v.REC === null)) {
      const column = v.DEC === null ? 'DEC' : 'REC';
      report(c, e.row, column, '142', `The episode starting ${v.DECOM} has not ended (${column} is blank) but a new episode starts ${next.row.values.DECOM} (${at(next.row)}).`);
    }
    const prev = i > 0 ? c.episodes[i - 1]! : null;
    if (prev !== null && prev.decom === e.decom) {
      report(c, e.row, 'DECOM', 'FORMAT', `Two episodes start on ${v.DECOM} (the other is at ${at(prev.row)}).`);
    } else if (reach !== null && e.decom < reach.end) {
      // Touching is fine: the next episode may begin on the previous DEC.
      report(c, e.row, 'DECOM', '501', `The episode starting ${v.DECOM} begins before the episode starting ${show(reach.e.decom)} ended (DEC ${show(reach.end)}, ${at(reach.e.row)}).`);
    }
    // An open episode is reported by 142 when another follows; a DEC that is not a valid date
    // cannot be placed in time (a format finding already): neither extends the reach.
    if (e.dec === null) continue;
    if (reach === null || e.dec > reach.end) reach = { e, end: e.dec };
  }
}

/** The longest value Mercia keeps of each free-text column (the database's limits). */
const MAX_LENGTH: readonly [table: 'headers' | 'episodes' | 'prevPerm', column: string, max: number][] = [
  ['headers', 'CHILD', 30], ['episodes', 'HOME_POST', 10], ['episodes', 'PL_POST', 10], ['episodes', 'URN', 20], ['prevPerm', 'LA_PERM', 10],
];

function tooLong(c: Check): void {
  for (const [table, column, max] of MAX_LENGTH) {
    for (const { row } of c[table]) {
      const value = (row.values as Record<string, string | null>)[column];
      if (value && value.length > max) report(c, row, column, 'FORMAT', `${column} "${value}" is ${value.length} characters long; at most ${max} are allowed.`);
    }
  }
}

/** A return holds episodes as they stood on the last day of its year: nothing starts or ends after it. */
function outsideYear(c: Check): void {
  for (const e of c.episodes) {
    const v = e.row.values;
    if (e.decom !== null && e.decom > c.end) report(c, e.row, 'DECOM', 'FORMAT', `The episode starts (${v.DECOM}) after the collection year ends (${show(c.end)}).`);
    else if (e.dec !== null && e.dec > c.end) report(c, e.row, 'DEC', 'FORMAT', `The episode ceased (${v.DEC}) after the collection year ends (${show(c.end)}): in this year's return it is still open.`);
  }
}
