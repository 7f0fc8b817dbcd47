// Episode rules about the placement itself: its provider (178, 213), Ofsted URN (218, 222),
// postcodes (392b, 392c), placements with parents (378), short breaks in long-term foster care
// (384) and temporary placements (379–383).
// Episodes arrive sorted by DECOM (common.ts). Lists that change between years are built once
// per year; postcodes are checked by character, not by regular expression.

import { SHORT_BREAKS, TEMPORARY, at, cell, dayNumber, isTemporary, report, type Check, type EpisodeRow } from './common.ts';

/** The DfE's stand-in for a URN that is not known (222, 229). */
export const NO_URN = 'XXXXXXX';

interface YearLists {
  /** 178: placements that have no provider. */
  noProvider: ReadonlySet<string>;
  /** 213: placements for which provider information is not required. */
  providerNotRequired: ReadonlySet<string>;
  /** 218 / 222: placements that need no Ofsted URN. */
  noUrn: ReadonlySet<string>;
}

const lists = new Map<number, YearLists>();

/** Z1 (until 2024/25) became Z11–Z14 in 2025/26 (DOMAIN.md §4.2). */
export function yearLists(endYear: number): YearLists {
  let l = lists.get(endYear);
  if (!l) {
    const z = endYear <= 2025 ? ['Z1'] : ['Z11', 'Z12', 'Z13', 'Z14'];
    l = {
      noProvider: new Set(endYear <= 2025 ? ['T0', 'T1', 'T2', 'T3', 'T4', ...z] : ['T0', 'T1', 'T2', 'T3', ...z]),
      providerNotRequired: new Set(endYear <= 2025 ? [...TEMPORARY] : [...TEMPORARY, ...z]),
      noUrn: new Set(['P1', 'P3', 'R1', 'R2', 'R5', ...TEMPORARY, ...z]),
    };
    lists.set(endYear, l);
  }
  return l;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => code >= 65 && code <= 90;

/**
 * The form of a UK postcode (upper case, the space optional): outward code A9, A99, AA9, AA99,
 * A9A or AA9A, then inward code 9AA. Whether it exists needs the ONS directory (catalogue.ts).
 */
export function isPostcode(text: string): boolean {
  let s = text;
  if (s.length >= 6 && s.charCodeAt(s.length - 4) === 32) s = s.slice(0, s.length - 4) + s.slice(s.length - 3);
  const n = s.length;
  if (n < 5 || n > 7) return false;
  // inward: digit, letter, letter
  if (!isDigit(s.charCodeAt(n - 3)) || !isLetter(s.charCodeAt(n - 2)) || !isLetter(s.charCodeAt(n - 1))) return false;
  const out = s.slice(0, n - 3);
  if (!isLetter(out.charCodeAt(0))) return false;
  let i = 1;
  if (isLetter(out.charCodeAt(1))) i = 2;
  if (!isDigit(out.charCodeAt(i))) return false;
  const rest = out.length - i - 1; // after the first digit of the district
  if (rest === 0) return true;
  if (rest !== 1) return false;
  const last = out.charCodeAt(i + 1);
  return isDigit(last) || isLetter(last);
}

function providerAndUrn(c: Check, e: EpisodeRow, l: YearLists): void {
  const v = e.row.values;
  const place = v.PLACE;
  if (place === null) return;
  if (v.PLACE_PROVIDER !== null && l.noProvider.has(place) && c.codes.PLACE_PROVIDER.has(v.PLACE_PROVIDER)) {
    report(c, e.row, 'PLACE_PROVIDER', '178', `PLACE_PROVIDER '${v.PLACE_PROVIDER}' is given for placement ${place}, which has no placement provider in ${c.year.label}; leave it blank.`);
  }
  if (v.PLACE_PROVIDER !== null && l.providerNotRequired.has(place)) {
    report(c, e.row, 'PLACE_PROVIDER', '213', `Placement provider information is not required for placement ${place}, but PLACE_PROVIDER is '${v.PLACE_PROVIDER}'.`);
  }
  if (l.noUrn.has(place)) {
    if (v.URN !== null && v.URN !== NO_URN) {
      report(c, e.row, 'URN', '222', `URN '${v.URN}' should not be recorded for placement ${place}, which needs no Ofsted URN.`);
    }
  } else if (v.URN === null && (e.dec === null || e.dec >= c.start)) {
    const when = e.dec === null ? `open from ${v.DECOM ?? 'blank'}` : `${v.DECOM ?? 'blank'} to ${v.DEC}`;
    report(c, e.row, 'URN', '218', `Placement ${place} (${when}) needs the Ofsted URN of the placement, but URN is blank (give ${NO_URN} if it has none).`);
  }
}

function postcodes(c: Check, e: EpisodeRow): void {
  const v = e.row.values;
  if (v.LS === null || !SHORT_BREAKS.has(v.LS)) {
    const blank = v.HOME_POST === null ? 'HOME_POST' : v.PL_POST === null ? 'PL_POST' : null;
    if (blank !== null) {
      report(c, e.row, blank, '392b', `The child is looked after (LS ${v.LS ?? 'blank'}, episode starting ${v.DECOM ?? 'blank'}) but ${blank} is blank; record both the home and the placement postcode.`);
    }
  }
  for (const column of ['HOME_POST', 'PL_POST'] as const) {
    const value = v[column];
    if (value !== null && !isPostcode(value)) {
      report(c, e.row, column, '392c', `${column} '${value}' is not a valid postcode.`);
    }
  }
}

function temporary(c: Check, i: number): void {
  const e = c.episodes[i]!;
  const v = e.row.values;
  const place = v.PLACE!;
  if (place === 'T4' && e.decom !== null && e.dec !== null && dayNumber(e.dec) - dayNumber(e.decom) > 7) {
    report(c, e.row, 'DEC', '379', `The temporary placement T4 runs from ${v.DECOM} to ${v.DEC}, ${dayNumber(e.dec) - dayNumber(e.decom)} days; it cannot exceed seven days.`);
  }
  if (v.RNE !== null && v.RNE !== 'P' && v.RNE !== 'B') {
    report(c, e.row, 'RNE', '380', `Temporary placement ${place} starting ${v.DECOM ?? 'blank'} has RNE ${v.RNE}; a temporary placement is a change of placement (RNE P or B) and cannot start a period of care.`);
  }
  if (v.REC !== null && v.REC !== 'X1') {
    report(c, e.row, 'REC', '381', `Temporary placement ${place} ended with REC ${v.REC} on ${v.DEC ?? 'blank'}; a period of care cannot end with a temporary placement (REC must be X1).`);
  }
  if (v.LS !== null && SHORT_BREAKS.has(v.LS)) {
    report(c, e.row, 'PLACE', '382', `A child on short breaks (LS ${v.LS}) cannot be in temporary placement ${place}.`);
  }
  // 383: back to the usual placement afterwards.
  const before = i > 0 ? c.episodes[i - 1]! : null;
  const after = i < c.episodes.length - 1 ? c.episodes[i + 1]! : null;
  if (before === null || after === null || after.decom === null) return;
  const b = before.row.values;
  const a = after.row.values;
  const samePost = c.year.endYear <= 2025 || a.PL_POST === b.PL_POST;
  if (a.RNE !== 'P' || a.PLACE !== b.PLACE || !samePost) {
    const column = a.RNE !== 'P' ? 'RNE' : a.PLACE !== b.PLACE ? 'PLACE' : 'PL_POST';
    const post = c.year.endYear > 2025;
    const usual = `PLACE ${cell(b.PLACE)}${post ? `, PL_POST ${cell(b.PL_POST)}` : ''}`;
    const found = `RNE ${cell(a.RNE)}, PLACE ${cell(a.PLACE)}${post ? `, PL_POST ${cell(a.PL_POST)}` : ''}`;
    report(c, after.row, column, '383', `After temporary placement ${place} (${at(e.row)}) the child must return to the usual placement: the episode starting ${a.DECOM} needs RNE P and the placement before it (${usual}, ${at(before.row)}), but has ${found}.`);
  }
}

export function placementRules(c: Check): void {
  const l = yearLists(c.year.endYear);
  for (let i = 0; i < c.episodes.length; i++) {
    const e = c.episodes[i]!;
    const v = e.row.values;
    providerAndUrn(c, e, l);
    postcodes(c, e);
    if (v.PLACE === 'P1' && v.LS === 'V2') {
      report(c, e.row, 'LS', '378', `A child placed with parents (PLACE P1) cannot be looked after under a single period of section 20 accommodation (LS V2); episode starting ${v.DECOM ?? 'blank'}.`);
    }
    if ((v.PLACE === 'U1' || v.PLACE === 'U4') && v.LS !== null && SHORT_BREAKS.has(v.LS)) {
      report(c, e.row, 'PLACE', '384', `A child on short breaks (LS ${v.LS}) cannot be in a long-term foster placement (${v.PLACE}); episode starting ${v.DECOM ?? 'blank'}.`);
    }
    if (isTemporary(e)) temporary(c, i);
  }
}
