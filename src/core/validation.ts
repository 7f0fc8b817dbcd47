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

/** A form's empty field is no answer: for optional fields (z.preprocess(blank, … .optional())). */
export const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Text that must be given, trimmed, at most `max` characters; errors name `what` ("the reasons"). */
export const requiredText = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` })
  .max(max, { error: `${capitalise(what)} must be ${max} characters or fewer` });

export const optionalText = (what: string, max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `${capitalise(what)} must be ${max} characters or fewer` }).optional());

/** One of a code list's keys; a missing answer asks to select `what`, a wrong one names the value. */
export const oneOf = <T extends Record<string, string>>(codes: T, what: string) =>
  z.enum(Object.keys(codes) as [keyof T & string, ...(keyof T & string)[]], { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select ${what}` : `${String(issue.input)} is not a valid ${what.replace(/^the /, '')}`) });

/** Zero or more of a code list's keys, from a form's repeated field or an array. */
export const someOf = <T extends Record<string, string>>(codes: T, what: string, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(oneOf(codes, what)).max(max, { error: `Select up to ${max} ${what}s` }));

/** A whole number from a form's text or a JSON number; anything else (an array, true, "3.5") is refused, naming `what`. */
export const wholeNumber = (what: string) => z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
  z.number({ error: `Enter ${what} as a whole number` }).int({ error: `Enter ${what} as a whole number` }));

/** Yes or no: a form's "yes"/"no" (absent is no) or a JSON boolean; anything else is refused, naming `what`. */
export const yesOrNo = (what: string) => z.preprocess((v) => (v === undefined || v === '' || v === 'no' || v === 'false' ? false : v === 'yes' || v === 'true' ? true : v),
  z.boolean({ error: `Choose yes or no for ${what}` }));

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
