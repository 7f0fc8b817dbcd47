// The matching engine's small pure helpers: dates as integer arithmetic on YYYY-MM-DD strings
// (no Date objects, so thousands of pairs rank in milliseconds), the words its sentences are
// made of, and ethnic heritage as broad groups. Internal to src/matching.
import { ETHNICITIES } from '../children/codes.ts';
// ---- dates without Date -------------------------------------------------------------------------

export function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date (Howard Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const y = digits(date, 0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Day {
  y: number;
  m: number;
  d: number;
  n: number;
}

export function day(date: string): Day {
  return { y: digits(date, 0, 4), m: digits(date, 5, 7), d: digits(date, 8, 10), n: dayNumber(date) };
}

/** Whole years from a date of birth to a day (a birthday on 29 February counts from 1 March in other years). */
export function yearsOn(dateOfBirth: string, on: Day): number {
  const by = digits(dateOfBirth, 0, 4);
  const bm = digits(dateOfBirth, 5, 7);
  const bd = digits(dateOfBirth, 8, 10);
  return on.y - by - (on.m < bm || (on.m === bm && on.d < bd) ? 1 : 0);
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 1 November 2014 (GOV.UK style), by string arithmetic. */
export function longDate(date: string): string {
  return `${digits(date, 8, 10)} ${MONTH_NAMES[digits(date, 5, 7) - 1] ?? ''} ${date.slice(0, 4)}`;
}

/** From a date to a day: "12 days", "1 month", "7 months", "2 years and 3 months" (whole calendar months). */
export function duration(from: string, to: Day, days: number): string {
  const months = Math.max(0, (to.y - digits(from, 0, 4)) * 12 + to.m - digits(from, 5, 7) - (to.d < digits(from, 8, 10) ? 1 : 0));
  if (months < 1) return days === 1 ? '1 day' : `${days} days`;
  if (months < 24) return months === 1 ? '1 month' : `${months} months`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years} years` : `${years} years and ${rest} month${rest === 1 ? '' : 's'}`;
}

// ---- text helpers -----------------------------------------------------------------------------

export const round2 = (n: number) => Math.round(n * 100) / 100;

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export { lowerFirst } from '../core/text.ts';

export const normalise = (s: string) => s.trim().toLowerCase();
export const ENGLISH = new Set(['english', 'eng', 'en']);

/** Whether a household's entry (any case, spaces around) is the child's normalised value, without making new strings. */
export function sameText(entry: string, normalised: string): boolean {
  let start = 0;
  let end = entry.length;
  while (start < end && entry.charCodeAt(start) <= 32) start++;
  while (end > start && entry.charCodeAt(end - 1) <= 32) end--;
  if (end - start !== normalised.length) return false;
  for (let i = start; i < end; i++) {
    let c = entry.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) return normalise(entry) === normalised;
    if (c !== normalised.charCodeAt(i - start)) return false;
  }
  return true;
}

export function includesText(entries: readonly string[], normalised: string): boolean {
  for (const entry of entries) if (sameText(entry, normalised)) return true;
  return false;
}

// ---- heritage ---------------------------------------------------------------------------------

/** Broad groups as bits, by the DfE code's first letter. */
export const GROUP_BITS: Record<string, number> = { W: 1, M: 2, A: 4, B: 8, C: 16, O: 32 };
export const GROUP_NAMES: readonly (readonly [number, string])[] = [[1, 'White'], [2, 'mixed'], [4, 'Asian'], [8, 'Black'], [16, 'Chinese'], [32, 'other']];
/** Mixed-heritage codes belong to their component groups as well as to "mixed". */
export const MIXED_GROUPS: Record<string, number> = { MWBC: 2 | 1 | 8, MWBA: 2 | 1 | 8, MWAS: 2 | 1 | 4, MOTH: 2 };

export function groupsOf(code: string): number {
  if (code === 'REFU' || code === 'NOBT' || code === '') return 0;
  return MIXED_GROUPS[code] ?? GROUP_BITS[code.charAt(0)] ?? 0;
}

export const ethnicityLabel = (code: string) => (ETHNICITIES as Record<string, string>)[code] ?? code;
