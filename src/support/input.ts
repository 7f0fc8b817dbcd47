// Input schemas for support after adoption, shared by the pages, the API and the demo. Each error
// names its field. Money is entered in pounds ("1,250.50") and kept in pence.
import { z } from 'zod';
import { calendarDate, uuid } from '../core/validation.ts';
import { ASF_KINDS, ASF_STATUSES, ASF_STEPS, ASSESSMENT_OUTCOMES } from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` })
  .max(max, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer` });
const oneOf = <T extends Record<string, string>>(codes: T, what: string) =>
  z.enum(Object.keys(codes) as [keyof T & string, ...(keyof T & string)[]], { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select ${what}` : `${String(issue.input)} is not a valid ${what.replace(/^the /, '')}`) });
const optionalDate = (label: string) => z.preprocess(blank, calendarDate(label).optional());

/** Pounds as typed ("£1,250.50", "300") → whole pence. */
const pounds = (what: string) => z.preprocess(
  (v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*£?\s*\d[\d,]*(\.\d{1,2})?\s*$/.test(v) ? Number(v.replace(/[£,\s]/g, '')) : v),
  z.number({ error: `Enter ${what} in pounds, like 1250 or 1250.50` }).positive({ error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be more than £0` })
    .max(1_000_000, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be £1,000,000 or less` }),
).transform((p) => Math.round(p * 100));

export const requestFields = {
  receivedOn: calendarDate('the date the request was received'),
  askedBy: text('who asked', 200),
  askedFor: text('what the family asked for', 4000),
};
export const requestInput = z.object(requestFields);
export type RequestInput = z.output<typeof requestInput>;

/** Opening a case: the child, where the family lives, optionally the household, and the first request. */
export const openCaseInput = z.object({
  childId: uuid('the child'),
  residenceCouncilId: uuid('the council where the family lives'),
  householdId: z.preprocess(blank, uuid('the adoptive family').optional()),
  ...requestFields,
});
export type OpenCaseInput = z.output<typeof openCaseInput>;

export const assessmentInput = z.object({
  startedOn: calendarDate('the date the assessment started'),
});

export const outcomeInput = z.object({
  completedOn: calendarDate('the date the assessment was completed'),
  outcome: oneOf(ASSESSMENT_OUTCOMES, 'the outcome'),
  summary: text('a summary of the assessment', 6000),
});
export type OutcomeInput = z.output<typeof outcomeInput>;

export const planInput = z.object({
  what: text('what support is planned', 2000),
  providedBy: text('who provides it', 200),
  startsOn: calendarDate('the date the support starts'),
  reviewOn: calendarDate('the review date'),
});
export type PlanInput = z.output<typeof planInput>;

export const asfInput = z.object({
  assessmentId: uuid('the assessment of needs it follows'),
  kind: oneOf(ASF_KINDS, 'whether it is therapy or a specialist assessment'),
  therapyType: text('the type of therapy', 200),
  provider: text('the provider', 200),
  amount: pounds('the amount'),
  financialYear: z.coerce.number({ error: 'Select the financial year' }).int({ error: 'Select the financial year' }).min(2015, { error: 'Select a financial year from 2015 to 2016' }).max(2100, { error: 'Select the financial year' }),
  endsOn: calendarDate('the date the package ends'),
  /** Given: the application is made to the fund on that day; left out, it is a draft. */
  appliedOn: optionalDate('the date applied'),
});
export type AsfInput = z.output<typeof asfInput>;

export const asfStepInput = z.object({
  step: oneOf(ASF_STEPS, 'what has happened to the application'),
  /** The day applied (submit) or decided (approve, refuse). */
  on: optionalDate('the date'),
});
export type AsfStepInput = z.output<typeof asfStepInput>;

export const allowanceInput = z.object({
  assessedOn: calendarDate('the date of the financial assessment'),
  weekly: pounds('the weekly amount'),
  startsOn: calendarDate('the date the allowance starts'),
  reviewOn: calendarDate('the review date'),
});
export type AllowanceInput = z.output<typeof allowanceInput>;

export const caseListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  council: z.preprocess(blank, uuid('the council').optional()),
  /** Cases with something open: an assessment not completed, or an application awaiting the fund. */
  open: z.preprocess((v) => v === 'yes' || v === 'true' || v === true, z.boolean()).default(false),
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(25),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
});
export type CaseListQuery = z.output<typeof caseListQuery>;

export const asfListQuery = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2015).max(2100).optional()),
  status: z.preprocess(blank, oneOf(ASF_STATUSES, 'a status').optional()),
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(50),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
});
export type AsfListQuery = z.output<typeof asfListQuery>;
