// Input schemas for the front door, shared by the public form, the API, the pages and the demo.
import { z } from 'zod';
import { keysOf } from '../children/codes.ts';
import { calendarDate, uuid } from '../core/validation.ts';
import { CONTACT_METHODS, HEARD_FROM, OUTSIDE, SOURCES } from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` }).max(max, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer` });
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `Must be ${max} characters or fewer` }).optional());
const yes = (v: unknown) => v === true || v === 'true' || v === 'yes' || (Array.isArray(v) && v.includes('yes'));

export const enquiryInput = z.object({
  firstName: text('your first name', 100),
  lastName: text('your last name', 100),
  email: z.preprocess(blank, z.string({ error: 'Enter your email address' }).trim().toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })).pipe(z.string().max(254, { error: 'Email address must be 254 characters or fewer' }))),
  phone: z.preprocess(blank, z.string({ error: 'Enter a phone number' }).trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, { error: 'Enter a phone number, like 01632 960 001 or +44 7700 900 982' })),
  councilCode: z.preprocess(blank, z.string({ error: 'Select the council area you live in' }).trim().toUpperCase()
    .regex(/^(E[0-9]{8}|OUTSIDE)$/, { error: 'Council code must be like E06000019, or OUTSIDE' })),
  partnership: z.preprocess(blank, z.string().trim().toLowerCase().max(100).optional()),
  heardFrom: z.enum(keysOf(HEARD_FROM), { error: 'Select how you heard about us' }),
  consent: z.preprocess(yes, z.literal(true, { error: 'Confirm that we may contact you about adoption' })),
  source: z.preprocess(blank, z.enum(keysOf(SOURCES), { error: 'Select a valid source' }).optional()),
  campaign: optionalText(200),
}).superRefine((e, ctx) => {
  if (e.councilCode === OUTSIDE && !e.partnership) ctx.addIssue({ code: 'custom', path: ['partnership'], message: 'Select which partnership you are enquiring with' });
});
export type EnquiryInput = z.output<typeof enquiryInput>;

export const contactInput = z.object({
  date: calendarDate('the date of the contact'),
  method: z.enum(keysOf(CONTACT_METHODS), { error: 'Select how you made contact' }),
  notes: optionalText(4000),
});

export const datedInput = (what: string) => z.object({ date: calendarDate(what) });

export const notProceedingInput = z.object({
  date: calendarDate('the date'),
  reason: text('the reason the enquirer is not proceeding', 2000),
});

export const roiDecisionInput = z.object({
  decision: z.enum(['accepted', 'declined'], { error: 'Select whether the registration of interest is accepted or declined' }),
  date: calendarDate('the date of the decision'),
  reason: optionalText(2000),
}).superRefine((d, ctx) => {
  if (d.decision === 'declined' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter the reason the registration of interest is declined' });
});

export const inviteInput = z.object({ eventId: uuid('an event') });

export const attendanceInput = z.object({
  enquiryId: uuid('an invitation'),
  attended: z.enum(['yes', 'no'], { error: 'Select whether they attended' }),
});

export const eventInput = z.object({
  title: text('the title', 200),
  date: calendarDate('the date of the event'),
  time: z.preprocess(blank, z.string({ error: 'Enter the start time' }).trim().regex(/^([01]?[0-9]|2[0-3]):[0-5][0-9]$/, { error: 'Start time must be a 24-hour time like 18:30' })
    .transform((t) => t.padStart(5, '0'))),
  venue: text('the venue', 300),
  venueCouncil: z.preprocess(blank, z.string({ error: 'Select the council the venue is in' }).trim().toUpperCase().regex(/^E[0-9]{8}$/, { error: 'Select the council the venue is in' })),
  capacity: z.preprocess(blank, z.coerce.number({ error: 'Enter the number of places' }).int({ error: 'Places must be a whole number' }).min(1, { error: 'Places must be between 1 and 1000' }).max(1000, { error: 'Places must be between 1 and 1000' })),
});

export const enquiryListQuery = z.object({
  status: z.preprocess(blank, z.enum(['open', 'roi-received', 'not-proceeding'], { error: 'Status must be open, roi-received or not-proceeding' }).optional()),
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(50),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
});
export type EnquiryListQuery = z.output<typeof enquiryListQuery>;

export const funnelQuery = z.object({
  from: calendarDate('the start of the period'),
  to: calendarDate('the end of the period'),
}).superRefine((q, ctx) => {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the period must be on or after its start' });
});
