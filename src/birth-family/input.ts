// Input schemas for birth family support, shared by the pages, the API and the demo. Each error
// names its field; the date rules that need the case (offer not before the referral…) are model.ts.
import { z } from 'zod';
import { blank, calendarDate, oneOf, optionalText, requiredText, uuid, wholeNumber } from '../core/validation.ts';
import { OFFER_ANSWERS, OFFER_KINDS, OUTCOMES, REFERRERS, RELATIONSHIPS, SESSION_KINDS } from './model.ts';

const optionalDate = (label: string) => z.preprocess(blank, calendarDate(label).optional());
/** Yes or no, from a form's radios ("yes" / "no") or JSON's true / false. */
const yesNo = (what: string) => z.preprocess(
  (v) => (v === 'yes' || v === true ? true : v === 'no' || v === false ? false : undefined),
  z.boolean({ error: `Select whether ${what}` }),
);

export const referralFields = {
  receivedOn: calendarDate('the date the referral was received'),
  referredBy: oneOf(REFERRERS, 'who referred'),
  reason: requiredText('the reason for the referral', 4000),
  consentToShare: yesNo('consent to share information was given'),
};
export const referralInput = z.object(referralFields);
export type ReferralInput = z.output<typeof referralInput>;

/** Opening a case: the relative, the child (a record in Mercia, or a first name), the owning council, and the first referral. */
export const openCaseInput = z.object({
  givenName: requiredText('the relative\'s given name', 100),
  familyName: requiredText('the relative\'s family name', 100),
  dateOfBirth: optionalDate('the relative\'s date of birth'),
  relationship: oneOf(RELATIONSHIPS, 'the relationship to the child'),
  childId: z.preprocess(blank, uuid('the child\'s record').optional()),
  childFirstName: optionalText('the child\'s first name', 100),
  childBirthYear: z.preprocess(blank, z.coerce.number({ error: 'Enter the child\'s year of birth as 4 digits, like 2019' }).int({ error: 'Enter the child\'s year of birth as 4 digits, like 2019' })
    .min(1900, { error: 'Enter the child\'s year of birth as 4 digits, like 2019' }).max(2999, { error: 'Enter the child\'s year of birth as 4 digits, like 2019' }).optional()),
  /** The child's placing council; taken from the child's record when one is chosen. */
  ownerId: z.preprocess(blank, uuid('the child\'s placing council').optional()),
  ...referralFields,
});
export type OpenCaseInput = z.output<typeof openCaseInput>;

export const offerInput = z.object({
  madeOn: calendarDate('the date the offer was made'),
  kind: oneOf(OFFER_KINDS, 'what was offered'),
});
export type OfferInput = z.output<typeof offerInput>;

export const answerInput = z.object({
  answer: oneOf(OFFER_ANSWERS, 'the answer'),
  answeredOn: calendarDate('the date answered'),
});
export type AnswerInput = z.output<typeof answerInput>;

export const sessionInput = z.object({
  heldOn: calendarDate('the date of the session'),
  kind: oneOf(SESSION_KINDS, 'the kind of session'),
  minutes: wholeNumber('how long the session was, in minutes')
    .pipe(z.number().min(1, { error: 'The session must be at least 1 minute' }).max(600, { error: 'The session must be 600 minutes or fewer' })),
  note: requiredText('a short note of the session', 2000),
});
export type SessionInput = z.output<typeof sessionInput>;

export const closeInput = z.object({
  closedOn: calendarDate('the date closed'),
  outcome: oneOf(OUTCOMES, 'the outcome'),
  summary: requiredText('a summary', 4000),
});
export type CloseInput = z.output<typeof closeInput>;

export const reopenInput = z.object({
  reopenedOn: calendarDate('the date reopened'),
  reason: requiredText('the reason for reopening', 2000),
});
export type ReopenInput = z.output<typeof reopenInput>;

export const caseListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  council: z.preprocess(blank, uuid('the council').optional()),
  status: z.preprocess(blank, z.enum(['open', 'closed'], { error: 'Select open or closed' }).optional()),
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(25),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
});
export type CaseListQuery = z.output<typeof caseListQuery>;
