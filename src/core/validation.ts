// Input schemas (Zod) and the one way input errors become a ValidationError naming fields.
import { z } from 'zod';
import { isCalendarDate } from './dates.ts';
import { ValidationError } from './errors.ts';

/** A real calendar date as `YYYY-MM-DD`, from 1900 on (nothing Mercia records is older: the DfE's return refuses such dates too). */
export const calendarDate = (label: string) =>
  z.string({ error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${capitalise(label)} must be a date like 2014-11-01` })
    .refine(isCalendarDate, { error: `${capitalise(label)} must be a real date` })
    .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: `${capitalise(label)} must be between 1900 and 2999` });

export const uuid = (label: string) => z.uuid({ error: `Select ${label}` });

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message: issue.message,
  })));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
