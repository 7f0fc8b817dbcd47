// Periods as the partnership names them: a financial year ("2025-26", 1 April to 31 March), a
// quarter of one ("Q2 2025-26"), the scorecard's three years to a 31 March, or any two dates.
// Pure: no I/O. A period that cannot be one is refused naming the field that makes it so.
import { formatDate, isCalendarDate } from '../core/dates.ts';
import { ValidationError, type FieldError } from '../core/errors.ts';
import type { Period } from './report.ts';

/** How a period was asked for: the query's or the command line's fields, as text. */
export interface PeriodQuery {
  from?: string;
  to?: string;
  windowEnd?: string;
  year?: string;
  quarter?: string;
}

/** The financial year starting 1 April of the year given ("2025-26"). */
export function financialYear(startYear: number): Period {
  return { from: `${startYear}-04-01`, to: `${startYear + 1}-03-31`, label: yearName(startYear) };
}

function yearName(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

const QUARTER_MONTHS = [['04-01', '06-30'], ['07-01', '09-30'], ['10-01', '12-31'], ['01-01', '03-31']] as const;

/** Quarter 1 to 4 of the financial year starting in the year given (Q1 is April to June). */
export function quarter(startYear: number, q: 1 | 2 | 3 | 4): Period {
  const [from, to] = QUARTER_MONTHS[q - 1]!;
  const year = q === 4 ? startYear + 1 : startYear;
  return { from: `${year}-${from}`, to: `${year}-${to}`, label: `Q${q} ${yearName(startYear)}` };
}

export function isWindowEnd(day: string): boolean {
  return isCalendarDate(day) && day.slice(5) === '03-31';
}

/** The scorecard's three years to a 31 March (DOMAIN.md §3.1). */
export function scorecardWindow(windowEnd: string): Period {
  const end = Number(windowEnd.slice(0, 4));
  return { from: `${end - 3}-04-01`, to: windowEnd, label: `3 years to ${formatDate(windowEnd)}` };
}

/** The latest 31 March on or before the day: the newest window with every day in the past. */
export function latestWindowEnd(day: string): string {
  const year = Number(day.slice(0, 4)) - (day.slice(5) < '03-31' ? 1 : 0);
  return `${year}-03-31`;
}

/** The 31 March on or after the day: the window whose thresholds were in force on it. */
export function windowEndAfter(day: string): string {
  const year = Number(day.slice(0, 4)) + (day.slice(5) > '03-31' ? 1 : 0);
  return `${year}-03-31`;
}

/** `count` window ends, a year apart, the last of them `last`, oldest first. */
export function windowEndsTo(last: string, count: number): string[] {
  const year = Number(last.slice(0, 4));
  return Array.from({ length: count }, (_, i) => `${year - count + 1 + i}-03-31`);
}

/** A name for any two dates: the year, quarter or window they make, or the dates themselves. */
export function periodOf(from: string, to: string): Period {
  const start = Number(from.slice(0, 4));
  if (from.slice(5) === '04-01' && to === `${start + 1}-03-31`) return financialYear(start);
  if (isWindowEnd(to) && from === scorecardWindow(to).from) return scorecardWindow(to);
  for (const q of [1, 2, 3, 4] as const) {
    const fyStart = q === 4 ? start - 1 : start;
    const candidate = quarter(fyStart, q);
    if (candidate.from === from && candidate.to === to) return candidate;
  }
  return { from, to, label: `${formatDate(from)} to ${formatDate(to)}` };
}

const blank = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

function date(field: string, value: string, errors: FieldError[]): string | null {
  if (isCalendarDate(value)) return value;
  errors.push({ field, message: `Enter a real date as YYYY-MM-DD for ${field}, not "${value.slice(0, 40)}"` });
  return null;
}

/**
 * The period asked for: `windowEnd` (a 31 March), `year` ("2025-26" or 2025), `quarter`
 * ("Q2 2025-26" or "2025-26-Q2"), or `from` and `to`; with none of them, `fallback`. Asking two
 * ways at once, a date that is not one, an end before the start or a window end that is not 31
 * March is refused naming the field.
 */
export function parsePeriod(raw: PeriodQuery, fallback: () => Period): Period {
  const q = { from: blank(raw.from), to: blank(raw.to), windowEnd: blank(raw.windowEnd), year: blank(raw.year), quarter: blank(raw.quarter) };
  const asked: string[] = (['windowEnd', 'year', 'quarter'] as const).filter((k) => q[k] !== undefined);
  if (q.from !== undefined || q.to !== undefined) asked.push(q.from !== undefined ? 'from' : 'to');
  if (asked.length > 1) throw ValidationError.of(asked[1]!, 'Give one period: a window end, a year, a quarter, or a first and last day');
  const errors: FieldError[] = [];
  if (q.windowEnd !== undefined) {
    if (!isCalendarDate(q.windowEnd)) throw ValidationError.of('windowEnd', `Enter the window's end as a date, YYYY-03-31, not "${q.windowEnd.slice(0, 40)}"`);
    if (!isWindowEnd(q.windowEnd)) throw ValidationError.of('windowEnd', `A scorecard window ends on 31 March; ${formatDate(q.windowEnd)} is not 31 March`);
    return scorecardWindow(q.windowEnd);
  }
  if (q.year !== undefined) {
    const m = /^(\d{4})(?:[-/](\d{2}))?$/.exec(q.year);
    const start = m ? Number(m[1]) : NaN;
    if (!m || (m[2] !== undefined && Number(m[2]) !== (start + 1) % 100)) throw ValidationError.of('year', `Enter a financial year as 2025-26, not "${q.year.slice(0, 40)}"`);
    return financialYear(start);
  }
  if (q.quarter !== undefined) {
    const m = /^Q([1-4])\s*(\d{4})-(\d{2})$/i.exec(q.quarter) ?? /^(?:(\d{4})-(\d{2})-Q([1-4]))$/i.exec(q.quarter);
    if (!m) throw ValidationError.of('quarter', `Enter a quarter as Q2 2025-26, not "${q.quarter.slice(0, 40)}"`);
    const [n, start, next] = m[0]!.toUpperCase().startsWith('Q') ? [m[1], m[2], m[3]] : [m[3], m[1], m[2]];
    if (Number(next) !== (Number(start) + 1) % 100) throw ValidationError.of('quarter', `${q.quarter} is not a financial year's quarter`);
    return quarter(Number(start), Number(n) as 1 | 2 | 3 | 4);
  }
  if (q.from === undefined && q.to === undefined) return fallback();
  if (q.from === undefined) errors.push({ field: 'from', message: 'Enter the period\'s first day as well as its last' });
  if (q.to === undefined) errors.push({ field: 'to', message: 'Enter the period\'s last day as well as its first' });
  const from = q.from === undefined ? null : date('from', q.from, errors);
  const to = q.to === undefined ? null : date('to', q.to, errors);
  if (errors.length) throw new ValidationError(errors);
  if (to! < from!) throw ValidationError.of('to', `The period ends (${formatDate(to)}) before it starts (${formatDate(from)})`);
  return periodOf(from!, to!);
}
