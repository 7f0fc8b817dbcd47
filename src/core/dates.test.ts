import { describe, expect, it } from 'vitest';
import { addDays, formatDate, isCalendarDate, todayInEngland } from './dates.ts';

describe('calendar dates', () => {
  it('accepts real dates and refuses impossible or malformed ones', () => {
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2015-02-29')).toBe(false);
    expect(isCalendarDate('2014-13-01')).toBe(false);
    expect(isCalendarDate('01/11/2014')).toBe(false);
  });

  it('takes today in England, not in UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in British Summer Time.
    expect(todayInEngland(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    expect(todayInEngland(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });

  it('adds days across month ends and formats in GOV.UK style', () => {
    expect(addDays('2014-03-31', 1)).toBe('2014-04-01');
    expect(formatDate('2014-11-01')).toBe('1 November 2014');
  });
});
