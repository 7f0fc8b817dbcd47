// Calendar dates: `YYYY-MM-DD` strings, no time zone. "Today" is today in England.

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2014-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// en-CA formats as YYYY-MM-DD. Made once: building an Intl formatter costs far more than using one.
const ENGLAND_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in England (Europe/London), whatever the server's zone. */
export function todayInEngland(now: Date = new Date()): string {
  return ENGLAND_DAY.format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Made once: building an Intl formatter costs far more than using one.
const GOV_UK_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 1 November 2014 — the GOV.UK style for dates. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  return GOV_UK_DATE.format(new Date(`${date}T00:00:00Z`));
}
