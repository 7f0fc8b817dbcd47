// Input schemas for letterbox contact, shared by the pages, the API and the demo. Each error names its field.
import { z } from 'zod';
import { calendarDate, uuid } from '../core/validation.ts';
import { AGREEMENT_DIRECTIONS, AGREEMENT_STATUSES, capitalised, EXCHANGE_DIRECTIONS, SCREENING_OUTCOMES } from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` })
  .max(max, { error: `${capitalised(what)} must be ${max} characters or fewer` });
const optionalText = (what: string, max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `${capitalised(what)} must be ${max} characters or fewer` }).optional());
const oneOf = <T extends Record<string, string>>(codes: T, what: string) =>
  z.enum(Object.keys(codes) as [keyof T & string, ...(keyof T & string)[]], { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select ${what}` : `${String(issue.input)} is not a valid ${what.replace(/^the /, '')}`) });
const month = (what: string) => z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z.number({ error: `Select ${what}` }).int({ error: `Select ${what}` }).min(1, { error: `Select ${what}` }).max(12, { error: `Select ${what}` }));
const optionalDate = (label: string) => z.preprocess(blank, calendarDate(label).optional());

export const partyInput = z.object({
  name: text('the birth relative\'s name', 200),
  relationship: text('the birth relative\'s relationship to the child', 100),
});

export const agreementInput = z.object({
  childId: uuid('the child'),
  direction: oneOf(AGREEMENT_DIRECTIONS, 'which way the letters go'),
  frequency: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.union([z.literal(1), z.literal(2)], { error: 'Select once or twice a year' })),
  firstMonth: month('the month of the exchange'),
  secondMonth: z.preprocess(blank, month('the second month').optional()),
  startDate: calendarDate('the date the agreement starts'),
  reviewOn: optionalDate('the review date'),
  adoptiveFamily: text('how the adoptive family is named', 200),
  /** Members of the child's recorded birth family who take part, by their position in it. */
  members: z.preprocess((v) => (v === undefined || v === '' ? [] : [v].flat().map((x) => (typeof x === 'string' ? Number(x) : x))),
    z.array(z.number({ error: 'Select members of the child\'s recorded birth family' }).int().min(0), { error: 'Select members of the child\'s recorded birth family' }).max(10, { error: 'Select up to 10 birth relatives' })),
  /** Birth relatives typed. */
  parties: z.preprocess((v) => v ?? [], z.array(partyInput, { error: 'Add the birth relatives who take part' }).max(10, { error: 'Add up to 10 birth relatives' })),
});
export type AgreementInput = z.output<typeof agreementInput>;

export const changeInput = z.object({
  status: oneOf(AGREEMENT_STATUSES, 'the status'),
  changedOn: calendarDate('the date of the change'),
  reviewOn: optionalDate('the review date'),
  note: optionalText('the note', 2000),
});
export type ChangeInput = z.output<typeof changeInput>;

export const receiptInput = z.object({
  direction: oneOf(EXCHANGE_DIRECTIONS, 'which way the letter goes'),
  dueOn: calendarDate('the exchange it answers'),
  receivedOn: calendarDate('the date it was received'),
  /** The birth relative who sent it (a letter from the birth family). */
  fromPartyId: z.preprocess(blank, uuid('who sent it').optional()),
});
export type ReceiptInput = z.output<typeof receiptInput>;

export const screeningInput = z.object({
  screenedOn: calendarDate('the date it was screened'),
  outcome: oneOf(SCREENING_OUTCOMES, 'the outcome of the screening'),
  redactions: optionalText('what was redacted', 2000),
  withheldReason: optionalText('why it is withheld', 2000),
});

export const forwardingInput = z.object({
  forwardedOn: calendarDate('the date it was forwarded'),
  /** The birth relative it went to (a letter to the birth family). */
  toPartyId: z.preprocess(blank, uuid('whom it was forwarded to').optional()),
});

export const filingInput = z.object({ filedOn: calendarDate('the date it was filed on the adoption record') });

const offset = z.preprocess((v) => (v === undefined || v === '' ? 0 : Number(v)), z.number({ error: 'Offset must be a whole number' }).int().min(0).max(100_000));
const limit = z.preprocess((v) => (v === undefined || v === '' ? 25 : Number(v)), z.number({ error: 'Limit must be a whole number' }).int().min(1).max(100));

export const agreementListQuery = z.object({ status: z.preprocess(blank, oneOf(AGREEMENT_STATUSES, 'the status').optional()), offset, limit });
export type AgreementListQuery = z.output<typeof agreementListQuery>;

/** Exchanges: every one the person may see, or only those awaiting screening (oldest first). */
export const exchangeListQuery = z.object({ awaiting: z.preprocess(blank, z.literal('screening', { error: 'Awaiting can only be screening' }).optional()), offset, limit });
export type ExchangeListQuery = z.output<typeof exchangeListQuery>;
