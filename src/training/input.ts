// Input schemas for training, shared by the pages, the API and the demo generator.
import { z } from 'zod';
import { calendarDate, uuid } from '../core/validation.ts';
import { ATTENDANCE, COURSE_KINDS } from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` }).max(max, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer` });
const oneOf = <T extends Record<string, string>>(codes: T, what: string) =>
  z.enum(Object.keys(codes) as [keyof T & string, ...(keyof T & string)[]], { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select ${what}` : `${String(issue.input)} is not a valid ${what.replace(/^the /, '')}`) });

export const courseInput = z.object({
  kind: oneOf(COURSE_KINDS, 'the kind of course'),
  title: text('the title', 200),
  description: z.preprocess(blank, z.string().trim().max(2000, { error: 'Description must be 2000 characters or fewer' }).optional()),
  organiserId: uuid('the organiser'),
});
export type CourseInput = z.output<typeof courseInput>;

export const sessionInput = z.object({
  date: calendarDate('the date of the session'),
  startTime: z.string({ error: 'Enter the start time' }).trim().regex(/^([01]?[0-9]|2[0-3]):[0-5][0-9]$/, { error: 'Start time must be a 24-hour time like 09:30' })
    .transform((t) => t.padStart(5, '0')),
  venue: text('the venue', 200),
  venueCouncilId: uuid('the council the venue is in'),
  capacity: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number({ error: 'Enter the number of places as a whole number' }).int({ error: 'Enter the number of places as a whole number' })
      .min(1, { error: 'Number of places must be at least 1' }).max(500, { error: 'Number of places must be 500 or fewer' })),
  trainerName: text('the trainer\'s name', 200),
});
export type SessionInput = z.output<typeof sessionInput>;

/** A household to book: by id (the API) or by its reference (the booking form). */
export const bookingInput = z.object({
  householdId: z.preprocess(blank, uuid('the household').optional()),
  reference: z.preprocess(blank, z.string().trim().max(30, { error: 'Reference must be 30 characters or fewer' }).optional()),
}).superRefine((b, ctx) => {
  if (!b.householdId && !b.reference) ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'Select the household' });
});
export type BookingInput = z.output<typeof bookingInput>;

export const attendanceInput = z.object({
  attendance: z.array(z.object({
    bookingId: uuid('the booking'),
    status: oneOf(ATTENDANCE, 'whether the household attended'),
  }), { error: 'Record whether each household attended' }).min(1, { error: 'Record whether at least one household attended' }),
});
export type AttendanceInput = z.output<typeof attendanceInput>;

export const sessionListQuery = z.object({
  kind: z.preprocess(blank, oneOf(COURSE_KINDS, 'the kind of course').optional()),
  venueCouncil: z.preprocess(blank, z.string().trim().toUpperCase().regex(/^E[0-9]{8}$/, { error: 'Venue council must be a council code like E06000019' }).optional()),
  from: z.preprocess(blank, calendarDate('the first date').optional()),
});
export type SessionListQuery = z.output<typeof sessionListQuery>;
