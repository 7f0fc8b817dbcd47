// Working days in England: Monday to Friday, less England and Wales bank holidays (including
// substitute days and one-off holidays such as coronations), from the date-holidays data.
import Holidays from 'date-holidays';
import { addDays } from './dates.ts';

const england = new Holidays('GB', 'ENG');
const byYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(england.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, days);
  }
  return days;
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** The date `n` working days after `date` (the day itself not counted): "within 5 working days". */
export function addWorkingDays(date: string, n: number): string {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 if `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}
