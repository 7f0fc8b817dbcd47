// Day numbers for the synthetic return: a child's whole care history is built as whole days
// since 1970-01-01 (cheap to compare and add), and turned into dates only when written.
import { addDays } from '../../core/dates.ts';
import { formatDfeDate } from './model.ts';

const MS_PER_DAY = 86_400_000;
const DAY_ZERO = '1970-01-01';

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return addDays(DAY_ZERO, day);
}

/** A day as the return writes it (DD/MM/YYYY). */
export function dfe(day: number): string {
  return formatDfeDate(isoOf(day))!;
}

/** The same calendar date `years` later (29 February falls to 1 March), as a day number. */
export function addYears(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY);
}
