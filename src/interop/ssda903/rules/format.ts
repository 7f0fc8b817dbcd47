// Format checks: dates, required values, codes in the collection year's lists, UPN, LA_PERM.
// Rule numbers where the DfE has one (102, 112/113, 115/116, 171, 632, the code-list rules),
// else FORMAT. Written with character checks, not regular expressions: they run on every row.

import type { CodeLists } from '../model.ts';
import { report, type AnyRow, type Check } from './common.ts';

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => code >= 65 && code <= 90;

/** DOMAIN.md appendix: a letter other than I, O, S then 12 digits (or 11 digits and a letter), or UN1–UN5. */
export function isUpn(text: string): boolean {
  if (text.length === 3) return text.charCodeAt(0) === 85 && text.charCodeAt(1) === 78 && text.charCodeAt(2) >= 49 && text.charCodeAt(2) <= 53;
  if (text.length !== 13) return false;
  const first = text.charCodeAt(0);
  if (!isLetter(first) || first === 73 || first === 79 || first === 83) return false; // I, O, S
  for (let i = 1; i < 12; i++) if (!isDigit(text.charCodeAt(i))) return false;
  const last = text.charCodeAt(12);
  return isDigit(last) || isLetter(last);
}

/** 633: a local authority number (three digits), 999, or NIR, SCO, WAL, NUK for outside England. */
function isLaPerm(text: string): boolean {
  if (text === 'NIR' || text === 'SCO' || text === 'WAL' || text === 'NUK') return true;
  return text.length === 3 && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(1)) && isDigit(text.charCodeAt(2)) && text.charCodeAt(0) >= 50;
}

function badDate(c: Check, row: AnyRow, column: string, raw: string | null, iso: string | null, rule: string): void {
  if (raw === null || iso !== null) return;
  const iso8601 = ISO_LIKE.exec(raw);
  const hint = iso8601 ? ` (it looks like yyyy-mm-dd; write it as ${iso8601[3]}/${iso8601[2]}/${iso8601[1]})` : '';
  report(c, row, column, rule, `${column} '${raw}' is not a valid date in the form dd/mm/yyyy${hint}.`);
}

function missing(c: Check, row: AnyRow, column: string, rule: string, why: string): void {
  report(c, row, column, rule, `${column} is missing; ${why}.`);
}

type CodeCheck = readonly [column: string, list: keyof CodeLists, rule: string];

const HEADER_CODES: readonly CodeCheck[] = [['SEX', 'SEX', '101'], ['ETHNIC', 'ETHNIC', '103'], ['MOTHER', 'MOTHER', '165']];
const EPISODE_CODES: readonly CodeCheck[] = [
  ['RNE', 'RNE', '143'], ['LS', 'LS', '144'], ['CIN', 'CIN', '145'], ['PLACE', 'PLACE', '146'],
  ['PLACE_PROVIDER', 'PLACE_PROVIDER', '178'], ['REC', 'REC', '149'], ['REASON_PLACE_CHANGE', 'REASON_PLACE_CHANGE', 'FORMAT'],
];
const AD1_CODES: readonly CodeCheck[] = [
  ['FOSTER_CARE', 'FOSTER_CARE', '114'], ['NB_ADOPTR', 'NB_ADOPTR', '175'], ['SEX_ADOPTR', 'SEX_ADOPTR', '176'], ['LS_ADOPTR', 'LS_ADOPTR', '177'],
];
const PLACED_CODES: readonly CodeCheck[] = [['REASON_PLACED_CEASED', 'REASON_PLACED_CEASED', '120']];
const PREV_PERM_CODES: readonly CodeCheck[] = [['PREV_PERM', 'PREV_PERM', '631']];

function codes(c: Check, row: AnyRow, checks: readonly CodeCheck[]): void {
  const values = row.values as Record<string, string | null>;
  for (const [column, list, rule] of checks) {
    const value = values[column] ?? null;
    if (value !== null && !c.codes[list].has(value)) {
      report(c, row, column, rule, `${column} '${value}' is not a valid code in ${c.year.label} (valid: ${[...c.codes[list]].join(', ')}).`);
    }
  }
}

export function formatRules(c: Check): void {
  for (const h of c.headers) {
    const v = h.row.values;
    // Mercia cannot record a child without date of birth, sex and ethnicity (and the DfE
    // rejects them too: 102, 101, 103 fail on a blank).
    if (v.DOB === null) missing(c, h.row, 'DOB', '102', 'a date of birth is required');
    else badDate(c, h.row, 'DOB', v.DOB, h.dob, '102');
    if (v.SEX === null) missing(c, h.row, 'SEX', '101', 'sex is required');
    if (v.ETHNIC === null) missing(c, h.row, 'ETHNIC', '103', 'ethnicity is required');
    badDate(c, h.row, 'MC_DOB', v.MC_DOB, h.mcDob, '171');
    codes(c, h.row, HEADER_CODES);
    if (v.UPN !== null && !isUpn(v.UPN)) {
      report(c, h.row, 'UPN', 'FORMAT', `UPN '${v.UPN}' is not a valid UPN (a letter other than I, O or S, then 12 digits or 11 digits and a letter; or UN1–UN5).`);
    }
  }
  for (const e of c.episodes) {
    const v = e.row.values;
    if (v.DECOM === null) missing(c, e.row, 'DECOM', 'FORMAT', 'every episode needs its start date');
    else badDate(c, e.row, 'DECOM', v.DECOM, e.decom, 'FORMAT');
    badDate(c, e.row, 'DEC', v.DEC, e.dec, 'FORMAT');
    if (v.RNE === null) missing(c, e.row, 'RNE', 'FORMAT', 'every episode needs its reason for new episode');
    if (v.CIN === null) missing(c, e.row, 'CIN', '145', 'every episode needs the category of need');
    codes(c, e.row, EPISODE_CODES);
  }
  for (const a of c.ad1) {
    const v = a.row.values;
    badDate(c, a.row, 'DOB', v.DOB, a.dob, 'FORMAT');
    badDate(c, a.row, 'DATE_INT', v.DATE_INT, a.dateInt, '112');
    badDate(c, a.row, 'DATE_MATCH', v.DATE_MATCH, a.dateMatch, '113');
    codes(c, a.row, AD1_CODES);
  }
  for (const p of c.placed) {
    const v = p.row.values;
    badDate(c, p.row, 'DOB', v.DOB, p.dob, 'FORMAT');
    badDate(c, p.row, 'DATE_PLACED', v.DATE_PLACED, p.placed, '115');
    badDate(c, p.row, 'DATE_PLACED_CEASED', v.DATE_PLACED_CEASED, p.ceased, '116');
    codes(c, p.row, PLACED_CODES);
  }
  for (const p of c.prevPerm) {
    const v = p.row.values;
    badDate(c, p.row, 'DOB', v.DOB, p.dob, 'FORMAT');
    badDate(c, p.row, 'DATE_PERM', v.DATE_PERM, p.datePerm, '632');
    codes(c, p.row, PREV_PERM_CODES);
    if (v.LA_PERM !== null && !isLaPerm(v.LA_PERM)) {
      report(c, p.row, 'LA_PERM', '633', `LA_PERM '${v.LA_PERM}' is not a local authority code (three digits, 999, NIR, SCO, WAL or NUK).`);
    }
  }
}
