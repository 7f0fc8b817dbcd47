// Input schemas for services to adopted adults, shared by the pages, the API and the demo. Each
// error names its field; the rules between fields (dates in order, who may ask for what) are
// model.ts's.
import { z } from 'zod';
import { blank, calendarDate, oneOf, optionalText, requiredText, uuid, yesOrNo } from '../core/validation.ts';
import { ANSWERS, APPLICANT_ROLES, COUNSELLORS, OUTCOMES, RELATIONSHIPS, REQUEST_KINDS, STEPS, VETO_KINDS } from './model.ts';


export const requestInput = z.object({
  ownerId: uuid('the council that holds the adoption record'),
  kind: oneOf(REQUEST_KINDS, 'what the request is for'),
  receivedOn: calendarDate('the date the request was received'),
  applicantGivenName: requiredText('the applicant\'s given name', 100),
  applicantFamilyName: requiredText('the applicant\'s family name', 100),
  applicantDateOfBirth: calendarDate('the applicant\'s date of birth'),
  applicantAddress: optionalText('the contact address', 500),
  applicantRole: oneOf(APPLICANT_ROLES, 'who the applicant is'),
  relationship: z.preprocess(blank, oneOf(RELATIONSHIPS, 'the relationship').optional()),
  birthName: requiredText('the adopted person\'s name at birth', 200),
  adoptiveName: requiredText('the adopted person\'s adoptive name', 200),
  adoptedDateOfBirth: calendarDate('the adopted person\'s date of birth'),
  orderOn: calendarDate('the date of the adoption order'),
  /** "yes": the day is known exactly; anything else: approximate. */
  orderOnExact: yesOrNo('whether the date of the order is known exactly'),
  court: optionalText('the court', 200),
});
export type RequestInput = z.output<typeof requestInput>;

export const counsellingInput = z.object({
  heldOn: calendarDate('the date of the session'),
  counsellor: oneOf(COUNSELLORS, 'who gave the counselling'),
  minutes: z.preprocess((v) => (blank(v) === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
    z.number({ error: 'Enter how long the session was, in minutes, like 60' }).int({ error: 'Enter the minutes as a whole number' }).min(1, { error: 'The session must last at least 1 minute' })
      .max(600, { error: 'The session must be 600 minutes or fewer' }).optional()),
  note: optionalText('the note', 4000),
});
export type CounsellingInput = z.output<typeof counsellingInput>;

export const stepInput = z.object({
  step: oneOf(STEPS, 'the step'),
  on: calendarDate('the date of the step'),
  person: optionalText('who was traced or approached', 200),
  answer: z.preprocess(blank, oneOf(ANSWERS, 'their answer').optional()),
  meetsVetoCircumstances: yesOrNo('whether the approach meets the circumstances the veto allows'),
  note: optionalText('the note', 4000),
});
export type StepInput = z.output<typeof stepInput>;

export const vetoInput = z.object({
  kind: oneOf(VETO_KINDS, 'the kind of veto'),
  registeredOn: calendarDate('the date the veto was registered'),
  circumstances: optionalText('the circumstances', 2000),
});
export type VetoInput = z.output<typeof vetoInput>;

export const closeInput = z.object({
  outcome: oneOf(OUTCOMES, 'the outcome'),
  closedOn: calendarDate('the date closed'),
  reason: optionalText('the reason', 2000),
});
export type CloseInput = z.output<typeof closeInput>;

const offset = z.preprocess((v) => (blank(v) === undefined ? 0 : Number(v)), z.number({ error: 'Offset must be a whole number' }).int().min(0).max(100_000));
const limit = z.preprocess((v) => (blank(v) === undefined ? 25 : Number(v)), z.number({ error: 'Limit must be a whole number' }).int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }));

export const listQuery = z.object({
  /** The applicant's or the adopted person's name. */
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  council: z.preprocess(blank, uuid('the council').optional()),
  kind: z.preprocess(blank, oneOf(REQUEST_KINDS, 'kind').optional()),
  status: z.preprocess(blank, z.enum(['open', 'closed'], { error: 'Status is open or closed' }).optional()),
  offset, limit,
});
export type ListQuery = z.output<typeof listQuery>;
