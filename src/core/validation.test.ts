import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.ts';
import { calendarDate, parseInput } from './validation.ts';

describe('calendarDate', () => {
  const schema = calendarDate('the date of birth');

  it('keeps a real date from 1900 on', () => {
    expect(parseInput(schema, '2014-11-01')).toBe('2014-11-01');
    expect(parseInput(schema, '1900-01-01')).toBe('1900-01-01');
  });

  it.each([['1000-01-01', /between 1900 and 2999/], ['1899-12-31', /between 1900 and 2999/], ['2026-02-30', /real date/], ['01/11/2014', /like 2014-11-01/]])('refuses %s, naming the field', (value, message) => {
    const error = (() => { try { parseInput(schema, value); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]!.message).toMatch(message);
  });
});
