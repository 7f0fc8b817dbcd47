import { describe, expect, it } from 'vitest';
import { addWorkingDays, isBankHoliday, isWorkingDay, workingDaysBetween } from './calendar.ts';

describe('working days in England', () => {
  it('skip weekends and bank holidays, including substitute and one-off days', () => {
    expect(isBankHoliday('2026-12-28')).toBe(true); // Boxing Day substitute
    expect(isBankHoliday('2023-05-08')).toBe(true); // the coronation
    expect(isWorkingDay('2026-11-21')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  it('count 5 working days across Easter', () => {
    // Thursday 2 April 2026; Good Friday 3rd and Easter Monday 6th are holidays.
    expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-13');
    expect(workingDaysBetween('2026-04-02', '2026-04-13')).toBe(5);
  });

  it('count 40 working days over Christmas', () => {
    expect(addWorkingDays('2026-12-01', 40)).toBe('2027-01-29');
  });
});
