// What every rule file shares: the context a caller gives, one child's rows prepared once
// (dates parsed a single time, episodes sorted by start), the year's code lists as sets
// (built once per year, not per child) and the one way a finding is recorded.
// Pure: no I/O.

import {
  codeLists,
  formatDfeDate,
  type ChildGroup,
  type CodeLists,
  type CollectionYear,
  type Finding,
  type Row,
} from '../model.ts';
import { activeRules, SEVERITY } from './catalogue.ts';

export interface RuleContext {
  year: CollectionYear;
  /** Last year's PlacedAdoption rows by CHILD, when last year's return is given (rules 559–561, 584); else null. */
  previous: Map<string, Row<'PlacedAdoption'>[]> | null;
}

// ---- dates ---------------------------------------------------------------------------

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * dd/mm/yyyy to YYYY-MM-DD, null if not a real date in that form. Same answer as model.ts
 * parseDfeDate (a test holds them together) but without a regex match and two Date objects
 * per call: a return of 100,000 children holds about a million dates.
 */
export function isoDate(text: string | null): string | null {
  if (text === null || text.length !== 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return null;
  let year = 0;
  for (let i = 6; i < 10; i++) {
    const d = digit(text, i);
    if (d < 0) return null;
    year = year * 10 + d;
  }
  // Nothing in a return happened before 1900 (and the database has no year 0).
  if (year < 1900) return null;
  const d0 = digit(text, 0), d1 = digit(text, 1), m0 = digit(text, 3), m1 = digit(text, 4);
  if (d0 < 0 || d1 < 0 || m0 < 0 || m1 < 0) return null;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > max) return null;
  return `${text.slice(6)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (for durations; comparisons use the strings). */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

/**
 * The date `years` after a YYYY-MM-DD date, as YYYY-MM-DD. A 29 February birth gives
 * "yyyy-02-29" in a non-leap year, which sorts between 28 February and 1 March: compared as
 * strings, 1 March counts as the birthday.
 */
export function yearsAfter(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;
}

/** YYYY-MM-DD shown as in the file (dd/mm/yyyy). */
export function show(iso: string | null): string {
  return formatDfeDate(iso) ?? '(blank)';
}

// ---- code lists as sets, built once per year ------------------------------------------------

export type CodeSets = { readonly [K in keyof CodeLists]: ReadonlySet<string> };
const codeSetCache = new Map<number, CodeSets>();

export function codeSets(year: CollectionYear): CodeSets {
  let sets = codeSetCache.get(year.endYear);
  if (!sets) {
    const lists = codeLists(year);
    sets = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, new Set(v)])) as unknown as CodeSets;
    codeSetCache.set(year.endYear, sets);
  }
  return sets;
}

// ---- one child, prepared --------------------------------------------------------------------

export interface HeaderRow { row: Row<'Header'>; dob: string | null; mcDob: string | null }
export interface EpisodeRow { row: Row<'Episodes'>; decom: string | null; dec: string | null }
export interface Ad1Row { row: Row<'AD1'>; dob: string | null; dateInt: string | null; dateMatch: string | null }
export interface PlacedRow { row: Row<'PlacedAdoption'>; dob: string | null; placed: string | null; ceased: string | null }
export interface PrevPermRow { row: Row<'PrevPerm'>; dob: string | null; datePerm: string | null }

export interface Check {
  child: string;
  year: CollectionYear;
  /** Collection start and end, ISO. */
  start: string;
  end: string;
  codes: CodeSets;
  /** The rule numbers in force this collection year (catalogue.ts); findings of others are dropped. */
  active: ReadonlySet<string>;
  headers: HeaderRow[];
  /** The child's first Header row, if any (a second one is itself an error). */
  header: HeaderRow | null;
  /** Episodes by DECOM (those without a valid DECOM last), then by line. */
  episodes: EpisodeRow[];
  ad1: Ad1Row[];
  placed: PlacedRow[];
  prevPerm: PrevPermRow[];
  /** Decisions with a valid DATE_PLACED by date; filled in by placed.ts decisionsByDate. */
  dated: readonly PlacedRow[] | null;
  /** Last year's decisions for this child; null when last year's return was not given. */
  previous: PlacedRow[] | null;
  out: Finding[];
}

function placedRow(row: Row<'PlacedAdoption'>): PlacedRow {
  const v = row.values;
  return { row, dob: isoDate(v.DOB), placed: isoDate(v.DATE_PLACED), ceased: isoDate(v.DATE_PLACED_CEASED) };
}

export function prepare(group: ChildGroup, ctx: RuleContext): Check {
  const headers = group.header.map((row) => ({ row, dob: isoDate(row.values.DOB), mcDob: isoDate(row.values.MC_DOB) }));
  const episodes = group.episodes.map((row) => ({ row, decom: isoDate(row.values.DECOM), dec: isoDate(row.values.DEC) }));
  if (episodes.length > 1) {
    episodes.sort((a, b) => {
      if (a.decom !== b.decom) {
        if (a.decom === null) return 1;
        if (b.decom === null) return -1;
        return a.decom < b.decom ? -1 : 1;
      }
      return a.row.line - b.row.line;
    });
  }
  const prev = ctx.previous === null ? null : (ctx.previous.get(group.child) ?? []).map(placedRow);
  return {
    child: group.child,
    year: ctx.year,
    start: ctx.year.start,
    end: ctx.year.end,
    codes: codeSets(ctx.year),
    active: activeRules(ctx.year.endYear),
    headers,
    header: headers[0] ?? null,
    episodes,
    ad1: group.ad1.map((row) => ({
      row,
      dob: isoDate(row.values.DOB),
      dateInt: isoDate(row.values.DATE_INT),
      dateMatch: isoDate(row.values.DATE_MATCH),
    })),
    placed: group.placed.map(placedRow),
    prevPerm: group.prevPerm.map((row) => ({ row, dob: isoDate(row.values.DOB), datePerm: isoDate(row.values.DATE_PERM) })),
    dated: null,
    previous: prev,
    out: [],
  };
}

/** Any table's row, where only its place in the file matters. */
export interface AnyRow { file: string; line: number; values: object }

/** Records a finding against one row; the severity comes from the rule catalogue. */
export function report(c: Check, row: AnyRow, column: string, rule: string, message: string): void {
  // Rules out of force this year are dropped; a rule missing from the catalogue is kept (and shows).
  if (!c.active.has(rule) && SEVERITY.has(rule)) return;
  c.out.push({ file: row.file, line: row.line, column, rule, message, severity: SEVERITY.get(rule) ?? 'error', child: c.child });
}

/** "line 12" of a row, for messages that point at a second row. */
export function at(row: AnyRow): string {
  return `${row.file} line ${row.line}`;
}

// ---- code groups used by several rules --------------------------------------------------------

export const ADOPTION_PLACEMENTS: ReadonlySet<string> = new Set(['A3', 'A4', 'A5', 'A6']);
export const ADOPTED: ReadonlySet<string> = new Set(['E11', 'E12']);
export const FOSTER_PLACEMENTS: ReadonlySet<string> = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);

export function isAdopted(e: EpisodeRow): boolean {
  const rec = e.row.values.REC;
  return rec !== null && ADOPTED.has(rec);
}

export const TEMPORARY: ReadonlySet<string> = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
/** Short breaks: not a period of care for most rules. */
export const SHORT_BREAKS: ReadonlySet<string> = new Set(['V3', 'V4']);

export function isTemporary(e: EpisodeRow): boolean {
  const place = e.row.values.PLACE;
  return place !== null && TEMPORARY.has(place);
}

/** The Header says the child is a girl (2 until 2023/24, F from 2024/25), or a boy (1 / M). */
export function isGirl(c: Check): boolean {
  const sex = c.header?.row.values.SEX ?? null;
  return c.year.endYear <= 2024 ? sex === '2' : sex === 'F';
}
export function isBoy(c: Check): boolean {
  const sex = c.header?.row.values.SEX ?? null;
  return c.year.endYear <= 2024 ? sex === '1' : sex === 'M';
}

/** A blank cell as a message shows it. */
export function cell(value: string | null): string {
  return value === null ? 'blank' : `'${value}'`;
}

export function isAdoptionPlacement(e: EpisodeRow): boolean {
  const place = e.row.values.PLACE;
  return place !== null && ADOPTION_PLACEMENTS.has(place);
}
