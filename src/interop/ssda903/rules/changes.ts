// Rules about how one episode follows another: the reason for a placement change (225, 226,
// 233, 234), the first episode's RNE (357), RNE against what changed (431, 433–436), the
// category of need within a period of care (504) and episodes of under a day (355). In the DfE's convention REASON_PLACE_CHANGE is recorded on the episode that ENDS with
// the change (REC X1, the next episode RNE P, B, T or U); a reason written on the new episode
// instead leaves the ending episode without one (225) and, on an open episode, is itself
// reported (233 from 2025/26). Episodes arrive sorted by DECOM (common.ts).

import { at, isTemporary, report, show, yearsAfter, type Check, type EpisodeRow } from './common.ts';

const PLACEMENT_CHANGE: ReadonlySet<string> = new Set(['P', 'B', 'T', 'U']);

function reasons(c: Check): void {
  const eps = c.episodes;
  const dob = c.header?.dob ?? null;
  for (let i = 0; i < eps.length; i++) {
    const e = eps[i]!;
    const v = e.row.values;
    const next: EpisodeRow | null = i < eps.length - 1 ? eps[i + 1]! : null;
    const prev: EpisodeRow | null = i > 0 ? eps[i - 1]! : null;

    // 225: the episode that ends with a change of placement carries the reason.
    if (next !== null && v.REC === 'X1' && v.REASON_PLACE_CHANGE === null && !isTemporary(e) && !isTemporary(next)) {
      const n = next.row.values;
      if (n.RNE !== null && PLACEMENT_CHANGE.has(n.RNE)) {
        const onNew = n.REASON_PLACE_CHANGE !== null ? ` It is recorded on the new episode instead (REASON_PLACE_CHANGE '${n.REASON_PLACE_CHANGE}', ${at(next.row)}): the DfE records it on the episode that ends.` : '';
        report(c, e.row, 'REASON_PLACE_CHANGE', '225', `The episode starting ${v.DECOM ?? 'blank'} ended (REC X1, DEC ${v.DEC ?? 'blank'}) with a change of placement (next episode RNE ${n.RNE}, PLACE ${n.PLACE ?? 'blank'} from ${n.DECOM ?? 'blank'}), but REASON_PLACE_CHANGE is blank.${onNew}`);
      }
    }

    if (v.REASON_PLACE_CHANGE === null) continue;
    // 226: no reason for a move into, or for, a temporary placement.
    if (isTemporary(e)) {
      report(c, e.row, 'REASON_PLACE_CHANGE', '226', `REASON_PLACE_CHANGE '${v.REASON_PLACE_CHANGE}' is not required for temporary placement ${v.PLACE} (episode starting ${v.DECOM ?? 'blank'}).`);
    } else if (next !== null && isTemporary(next)) {
      report(c, e.row, 'REASON_PLACE_CHANGE', '226', `REASON_PLACE_CHANGE '${v.REASON_PLACE_CHANGE}' is not required: the next episode is temporary placement ${next.row.values.PLACE} (from ${next.row.values.DECOM ?? 'blank'}, ${at(next.row)}).`);
    }
    // 233: an episode that has not ceased has no placement change to explain yet.
    if (v.DEC === null) {
      const wrong = prev !== null && prev.row.values.REC === 'X1' && prev.row.values.REASON_PLACE_CHANGE === null
        ? ` It belongs on the episode that ended with the change (starting ${prev.row.values.DECOM ?? 'blank'}, ${at(prev.row)}).` : '';
      report(c, e.row, 'REASON_PLACE_CHANGE', '233', `REASON_PLACE_CHANGE '${v.REASON_PLACE_CHANGE}' is recorded on the episode starting ${v.DECOM ?? 'blank'}, which has not ceased (DEC blank).${wrong}`);
    }
    // 234: custody is not a reason for a child under 10.
    const changed = e.dec ?? e.decom;
    if (v.REASON_PLACE_CHANGE === 'CUSTOD' && dob !== null && changed !== null && changed < yearsAfter(dob, 10)) {
      report(c, e.row, 'REASON_PLACE_CHANGE', '234', `REASON_PLACE_CHANGE 'CUSTOD' (admitted to custody) on ${show(changed)}, but the child (born ${show(dob)}) was under 10.`);
    }
  }
}

/** 434–436: what the previous episode's placement was, field by field. */
const PLACEMENT_FIELDS = ['PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'] as const;

function samePlacement(a: EpisodeRow, b: EpisodeRow): boolean {
  for (const f of PLACEMENT_FIELDS) if (a.row.values[f] !== b.row.values[f]) return false;
  return true;
}

/** The placement fields that differ, for messages ("PLACE U3 to A6"). */
function placementChanges(prev: EpisodeRow, e: EpisodeRow): string {
  const changed = PLACEMENT_FIELDS.filter((f) => prev.row.values[f] !== e.row.values[f]);
  return changed.map((f) => `${f} ${prev.row.values[f] ?? 'blank'} to ${e.row.values[f] ?? 'blank'}`).join(', ');
}

function newEpisodeReasons(c: Check): void {
  const eps = c.episodes;
  for (let i = 1; i < eps.length; i++) {
    const prev = eps[i - 1]!;
    const e = eps[i]!;
    const p = prev.row.values;
    const v = e.row.values;
    const rne = v.RNE;
    if (rne === null || e.decom === null) continue;
    const where = `(previous episode from ${p.DECOM ?? 'blank'}, ${at(prev.row)})`;
    if (rne === 'S') {
      // 431: a new period of care cannot begin the day the last one ended.
      if (prev.dec !== null && e.decom <= prev.dec) {
        report(c, e.row, 'RNE', '431', `RNE S (started to be looked after) on ${v.DECOM}, but the previous episode ended on ${p.DEC} ${where}; a continuing episode has RNE L, P, T, U or B.`);
      }
      continue;
    }
    // 433: a continuation starts the day the previous episode ended.
    if (prev.dec === null || prev.dec !== e.decom) {
      report(c, e.row, 'DECOM', '433', `RNE ${rne} says this episode continues the previous one, but it starts ${v.DECOM} and the previous episode ended ${p.DEC ?? '(blank)'} ${where}.`);
    }
    const sameLs = v.LS === p.LS;
    const same = samePlacement(prev, e);
    if (rne === 'L' && (sameLs || !same)) {
      const what = sameLs ? `LS is ${v.LS ?? 'blank'} in both` : `the placement changed (${placementChanges(prev, e)})`;
      report(c, e.row, 'RNE', '434', `RNE L (change of legal status only), but ${what} ${where}.`);
    } else if ((rne === 'P' || rne === 'T') && (!sameLs || same)) {
      const what = !sameLs ? `LS changed from ${p.LS ?? 'blank'} to ${v.LS ?? 'blank'}` : `PLACE, PL_POST, URN and PLACE_PROVIDER are the same as before (PLACE ${v.PLACE ?? 'blank'})`;
      report(c, e.row, 'RNE', '435', `RNE ${rne} (change of placement only), but ${what} ${where}.`);
    } else if ((rne === 'B' || rne === 'U') && (sameLs || same)) {
      const what = sameLs ? `LS is ${v.LS ?? 'blank'} in both` : `PLACE, PL_POST, URN and PLACE_PROVIDER are the same as before (PLACE ${v.PLACE ?? 'blank'})`;
      report(c, e.row, 'RNE', '436', `RNE ${rne} (change of legal status and placement), but ${what} ${where}.`);
    }
  }
}

/** 388: X1 means a new episode starts that day; any other reason means the child left care. */
function ceasedReasons(c: Check): void {
  const eps = c.episodes;
  for (let i = 0; i < eps.length; i++) {
    const e = eps[i]!;
    const v = e.row.values;
    if (e.dec === null || v.REC === null) continue;
    const next = i < eps.length - 1 ? eps[i + 1]! : null;
    if (next === null || next.decom === null) {
      if (v.REC === 'X1' && next === null) report(c, e.row, 'REC', '388', `REC X1 (a new episode begins) on ${v.DEC}, but there is no continuation episode.`);
    } else if (v.REC === 'X1' && next.decom !== e.dec) {
      report(c, e.row, 'REC', '388', `REC X1 (a new episode begins) on ${v.DEC}, but the next episode starts ${next.row.values.DECOM} (${at(next.row)}).`);
    } else if (v.REC !== 'X1' && next.decom === e.dec) {
      report(c, e.row, 'REC', '388', `REC ${v.REC} says the child left care on ${v.DEC}, but a new episode starts that day (${at(next.row)}); a continuing episode ends X1.`);
    }
  }
}

/** 387 and 389: reasons ceased that need a minimum age on the day (DEC). */
const MIN_AGE: ReadonlyMap<string, readonly [rule: string, years: number, meaning: string]> = new Map([
  ['E5', ['387', 14, 'moved into independent living']],
  ['E6', ['387', 14, 'moved into independent living']],
  ['E7', ['389', 16, 'transferred to adult social care']],
]);

export function changeRules(c: Check): void {
  reasons(c);
  newEpisodeReasons(c);
  ceasedReasons(c);
  const dob = c.header?.dob ?? null;
  if (dob !== null) {
    for (const e of c.episodes) {
      const min = e.row.values.REC === null ? undefined : MIN_AGE.get(e.row.values.REC);
      if (min !== undefined && e.dec !== null && e.dec < yearsAfter(dob, min[1])) {
        report(c, e.row, 'REC', min[0], `REC ${e.row.values.REC} (${min[2]}) on ${e.row.values.DEC}, but the child (born ${show(dob)}) was under ${min[1]}.`);
      }
    }
  }
  // 355: an episode of less than a day.
  for (const e of c.episodes) {
    if (e.decom !== null && e.decom === e.dec) report(c, e.row, 'DEC', '355', `The episode starts and ceases on the same day (${e.row.values.DECOM}): it appears to have lasted less than 24 hours.`);
  }
  const eps = c.episodes;
  // 357: the first episode, when it starts in this return's year, starts the period of care.
  const first = eps[0];
  if (first !== undefined && first.decom !== null && first.decom >= c.start && first.row.values.RNE !== null && first.row.values.RNE !== 'S') {
    report(c, first.row, 'RNE', '357', `The child's first episode starts ${first.row.values.DECOM} with RNE ${first.row.values.RNE}; the first episode ever must have RNE S (or an earlier episode is missing).`);
  }
  // 504: an episode continuing the same period of care keeps its category of need.
  for (let i = 1; i < eps.length; i++) {
    const prev = eps[i - 1]!;
    const e = eps[i]!;
    const p = prev.row.values;
    const v = e.row.values;
    if (p.REC === 'X1' && prev.dec !== null && prev.dec === e.decom && p.CIN !== null && v.CIN !== null && p.CIN !== v.CIN) {
      report(c, e.row, 'CIN', '504', `CIN ${v.CIN} differs from CIN ${p.CIN} of the episode it continues (from ${p.DECOM ?? 'blank'}, ended X1 ${p.DEC}, ${at(prev.row)}); the category of need stays as it was at the start of the period of care.`);
    }
  }
}
