import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.ts';
import { financialYear, latestWindowEnd, parsePeriod, periodOf, quarter, scorecardWindow, windowEndAfter, windowEndsTo, type PeriodQuery } from './periods.ts';

const fallback = () => scorecardWindow('2026-03-31');
const refused = (q: PeriodQuery): { field: string; message: string }[] => {
  try {
    parsePeriod(q, fallback);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  throw new Error('not refused');
};

describe('periods', () => {
  it('names a financial year, its quarters and a scorecard window', () => {
    expect(financialYear(2025)).toEqual({ from: '2025-04-01', to: '2026-03-31', label: '2025-26' });
    expect(quarter(2025, 2)).toEqual({ from: '2025-07-01', to: '2025-09-30', label: 'Q2 2025-26' });
    expect(quarter(2025, 4)).toEqual({ from: '2026-01-01', to: '2026-03-31', label: 'Q4 2025-26' });
    expect(quarter(1999, 4).label).toBe('Q4 1999-00');
    expect(scorecardWindow('2026-03-31')).toEqual({ from: '2023-04-01', to: '2026-03-31', label: '3 years to 31 March 2026' });
  });

  it('finds the window ends around a day', () => {
    expect(latestWindowEnd('2026-11-23')).toBe('2026-03-31');
    expect(latestWindowEnd('2026-03-31')).toBe('2026-03-31');
    expect(latestWindowEnd('2026-03-30')).toBe('2025-03-31');
    expect(windowEndAfter('2025-09-30')).toBe('2026-03-31');
    expect(windowEndAfter('2026-03-31')).toBe('2026-03-31');
    expect(windowEndsTo('2026-03-31', 3)).toEqual(['2024-03-31', '2025-03-31', '2026-03-31']);
  });

  it('names two dates by the year, quarter or window they make', () => {
    expect(periodOf('2024-04-01', '2025-03-31').label).toBe('2024-25');
    expect(periodOf('2022-04-01', '2025-03-31').label).toBe('3 years to 31 March 2025');
    expect(periodOf('2025-01-01', '2025-03-31').label).toBe('Q4 2024-25');
    expect(periodOf('2025-02-03', '2025-05-01').label).toBe('3 February 2025 to 1 May 2025');
  });

  it('reads a window end, a year, a quarter or two dates, and falls back when given none', () => {
    expect(parsePeriod({ windowEnd: '2024-03-31' }, fallback)).toEqual(scorecardWindow('2024-03-31'));
    expect(parsePeriod({ year: '2025-26' }, fallback)).toEqual(financialYear(2025));
    expect(parsePeriod({ year: '2025' }, fallback)).toEqual(financialYear(2025));
    expect(parsePeriod({ quarter: 'Q3 2025-26' }, fallback)).toEqual(quarter(2025, 3));
    expect(parsePeriod({ quarter: '2025-26-q1' }, fallback)).toEqual(quarter(2025, 1));
    expect(parsePeriod({ from: '2025-04-01', to: '2025-09-30' }, fallback)).toEqual({ from: '2025-04-01', to: '2025-09-30', label: '1 April 2025 to 30 September 2025' });
    expect(parsePeriod({ from: ' ', windowEnd: '' }, fallback)).toEqual(fallback());
  });

  it('refuses a period that ends before it starts, naming the field', () => {
    expect(refused({ from: '2025-04-01', to: '2025-03-31' })).toEqual([{ field: 'to', message: 'The period ends (31 March 2025) before it starts (1 April 2025)' }]);
  });

  it('refuses a window end that is not 31 March, or not a date', () => {
    expect(refused({ windowEnd: '2025-04-30' })[0]).toMatchObject({ field: 'windowEnd', message: expect.stringContaining('31 March') });
    expect(refused({ windowEnd: '2025-02-30' })[0]!.field).toBe('windowEnd');
  });

  it('refuses half a period, a date that is not one, a bad year or quarter, and two periods at once', () => {
    expect(refused({ from: '2025-04-01' }).map((e) => e.field)).toEqual(['to']);
    expect(refused({ from: '2025-13-01', to: 'soon' }).map((e) => e.field)).toEqual(['from', 'to']);
    expect(refused({ year: '2025-27' })[0]!.field).toBe('year');
    expect(refused({ quarter: 'Q5 2025-26' })[0]!.field).toBe('quarter');
    expect(refused({ windowEnd: '2025-03-31', year: '2024-25' })[0]!.field).toBe('year');
    expect(refused({ windowEnd: '2025-03-31', from: '2024-04-01', to: '2025-03-31' })[0]!.field).toBe('from');
  });
});
