// Input schemas for the finance forms and API: each names its field. Money is entered in pounds
// ("1,052,000" or "£2,000.50") and kept in pence; a year as 2014 or 2014/15.
import { z } from 'zod';
import { blank, oneOf, requiredText } from '../core/validation.ts';
import { yearFrom } from './import-csv.ts';
import { BUDGET_LINES, PROJECTION_METHODS } from './model.ts';

const upper = (what: string) => `${what.charAt(0).toUpperCase()}${what.slice(1)}`;

/** Pounds as typed → whole pence; zero allowed where `zero` (a budget line can be nil). */
const pounds = (what: string, zero = false) => z.preprocess(
  (v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*£?\s*\d[\d,]*(\.\d{1,2})?\s*$/.test(v) ? Number(v.replace(/[£,\s]/g, '')) : v),
  z.number({ error: `Enter ${what} in pounds, like 2000 or 2000.50` })
    .refine((p) => (zero ? p >= 0 : p > 0), { error: `${upper(what)} must be ${zero ? '£0 or more' : 'more than £0'}` })
    .refine((p) => p <= 100_000_000, { error: `${upper(what)} must be £100,000,000 or less` }),
).transform((p) => Math.round(p * 100));

const year = (what: string) => z.preprocess((v) => (typeof v === 'number' ? v : typeof v === 'string' ? (yearFrom(v) ?? v) : v),
  z.number({ error: `Enter ${what} as 2014 or 2014/15` }).int({ error: `Enter ${what} as 2014 or 2014/15` }).min(1990, { error: `Enter ${what} as 2014 or 2014/15` }).max(2100, { error: `Enter ${what} as 2014 or 2014/15` }));

export const projectionInput = z.object({
  method: oneOf(PROJECTION_METHODS, 'how the numbers are projected'),
  percent: z.preprocess((v) => { const b = blank(v); return typeof b === 'string' && /^\s*[+-]?\d+(\.\d{1,2})?\s*$/.test(b) ? Number(b) : b; },
    z.number({ error: 'Enter the change each year as a percentage, like -5 or 2.5' }).min(-50, { error: 'The change each year must be between -50% and 100%' }).max(100, { error: 'The change each year must be between -50% and 100%' }).optional()),
}).superRefine((v, ctx) => {
  if (v.method === 'percent' && v.percent === undefined) ctx.addIssue({ code: 'custom', path: ['percent'], message: 'Enter the change each year as a percentage, like -5 or 2.5' });
});

export const budgetInput = z.object({
  year: year('the financial year'),
  line: oneOf(BUDGET_LINES, 'the budget line'),
  amount: pounds('the amount', true),
});

export const staffingInput = z.object({
  year: year('the financial year'),
  fte: z.preprocess((v) => (typeof v === 'string' && /^\s*\d+(\.\d{1,2})?\s*$/.test(v) ? Number(v) : v),
    z.number({ error: 'Enter the full-time equivalent staff, like 9.73' }).min(0, { error: 'Enter the full-time equivalent staff, like 9.73' }).max(10_000, { error: 'Full-time equivalent staff must be 10,000 or fewer' })),
});

export const contributionInput = z.object({
  councilId: z.uuid({ error: 'Select the council' }),
  year: year('the financial year'),
  source: requiredText('what the contribution is from', 200),
  amount: pounds('the amount'),
});

export const fosterCostInput = z.object({ monthly: pounds('the monthly cost') });

/** What-if figures on the costs-avoided and appraisal pages, from the address. */
export const whatIfQuery = z.object({
  children: z.preprocess((v) => blank(v) ?? '1', z.coerce.number({ error: 'Enter the children placed sooner per service as a whole number' }).int({ error: 'Enter the children placed sooner per service as a whole number' }).min(0, { error: 'Enter the children placed sooner per service as a whole number' }).max(1000, { error: 'The children placed sooner per service must be 1,000 or fewer' })),
  months: z.preprocess((v) => blank(v) ?? '12', z.coerce.number({ error: 'Enter the months a year of foster care as a whole number' }).int({ error: 'Enter the months as a whole number' }).min(1, { error: 'Enter the months, from 1 to 12' }).max(12, { error: 'Enter the months, from 1 to 12' })),
  sold: z.preprocess((v) => blank(v) ?? '0', z.coerce.number({ error: 'Enter the placements sold as a whole number' }).int({ error: 'Enter the placements sold as a whole number' }).min(0, { error: 'Enter the placements sold as a whole number' }).max(1000, { error: 'The placements sold must be 1,000 or fewer' })),
  manager: z.preprocess((v) => blank(v) ?? '0', pounds('the Transformation Manager\'s cost', true)),
  year: z.preprocess((v) => blank(v), year('the financial year').optional()),
});
export type WhatIf = z.output<typeof whatIfQuery>;
