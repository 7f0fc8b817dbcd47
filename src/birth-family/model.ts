// Birth family support, as pure rules: the codes a case is recorded in, the order its dates must
// keep (nothing in the future, no offer or session before the referral, no closing before the last
// session), whether a case is open, and when work on it falls due. No I/O.
import { addMonths } from '../children/model.ts';
import { addWorkingDays } from '../core/calendar.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';

export const RELATIONSHIPS = {
  'birth-mother': 'Birth mother', 'birth-father': 'Birth father', grandparent: 'Grandparent', sibling: 'Brother or sister',
  'aunt-or-uncle': 'Aunt or uncle', 'other-relative': 'Other relative',
} as const;
export type Relationship = keyof typeof RELATIONSHIPS;

export const REFERRERS = {
  'childs-social-worker': 'The child\'s social worker', self: 'Self-referral', court: 'The court', 'other-agency': 'Another agency', other: 'Someone else',
} as const;
export type Referrer = keyof typeof REFERRERS;

export const OFFER_KINDS = {
  counselling: 'Independent counselling', 'support-group': 'A support group', letterbox: 'Help with letterbox contact',
  'later-life-letter': 'Help with the child\'s later life letter or life story', advice: 'Advice and information', practical: 'Practical support',
} as const;
export type OfferKind = keyof typeof OFFER_KINDS;

export const OFFER_ANSWERS = { accepted: 'Accepted', declined: 'Declined', 'no-reply': 'No reply' } as const;
export type OfferAnswer = keyof typeof OFFER_ANSWERS;

export const SESSION_KINDS = { 'one-to-one': 'One-to-one', group: 'Group', phone: 'Phone', 'letter-writing': 'Letter-writing help' } as const;
export type SessionKind = keyof typeof SESSION_KINDS;

export const OUTCOMES = {
  completed: 'Support completed', declined: 'Declined support', 'not-contacted': 'Could not be contacted', 'moved-away': 'Moved away', 'referred-elsewhere': 'Referred elsewhere',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** "Birth mother" → "birth mother", for the middle of a sentence. */
export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// ---- dates ---------------------------------------------------------------------------------------

const futureError = (field: string, day: string, today: string): FieldError | null => (day > today ? { field, message: 'The date cannot be in the future' } : null);
const errors = (...found: (FieldError | null)[]) => found.filter((e): e is FieldError => e !== null);

/** The first referral's day: nothing is offered, and no session held, before the case began. */
export const referredOn = (referrals: readonly { receivedOn: string }[]): string | null =>
  referrals.reduce<string | null>((first, r) => (first === null || r.receivedOn < first ? r.receivedOn : first), null);

export function checkReferral(receivedOn: string, today: string): FieldError[] {
  return errors(futureError('receivedOn', receivedOn, today));
}

export function checkOffer(madeOn: string, firstReferralOn: string | null, today: string): FieldError[] {
  return errors(futureError('madeOn', madeOn, today),
    firstReferralOn && madeOn < firstReferralOn ? { field: 'madeOn', message: `The date of the offer cannot be before the referral (${formatDate(firstReferralOn)})` } : null);
}

export function checkAnswer(answeredOn: string, madeOn: string, today: string): FieldError[] {
  return errors(futureError('answeredOn', answeredOn, today),
    answeredOn < madeOn ? { field: 'answeredOn', message: `The date answered cannot be before the offer was made (${formatDate(madeOn)})` } : null);
}

export function checkSession(heldOn: string, firstReferralOn: string | null, today: string): FieldError[] {
  return errors(futureError('heldOn', heldOn, today),
    firstReferralOn && heldOn < firstReferralOn ? { field: 'heldOn', message: `The date of the session cannot be before the referral (${formatDate(firstReferralOn)})` } : null);
}

export function checkClosing(closedOn: string, lastSessionOn: string | null, firstReferralOn: string | null, today: string): FieldError[] {
  return errors(futureError('closedOn', closedOn, today),
    lastSessionOn && closedOn < lastSessionOn ? { field: 'closedOn', message: `The date closed cannot be before the last session (${formatDate(lastSessionOn)})` }
      : firstReferralOn && closedOn < firstReferralOn ? { field: 'closedOn', message: `The date closed cannot be before the referral (${formatDate(firstReferralOn)})` } : null);
}

export function checkReopening(reopenedOn: string, closedOn: string, today: string): FieldError[] {
  return errors(futureError('reopenedOn', reopenedOn, today),
    reopenedOn < closedOn ? { field: 'reopenedOn', message: `The date reopened cannot be before the case was closed (${formatDate(closedOn)})` } : null);
}

export function checkDateOfBirth(dateOfBirth: string | undefined, today: string): FieldError[] {
  return dateOfBirth ? errors(futureError('dateOfBirth', dateOfBirth, today)) : [];
}

// ---- open or closed --------------------------------------------------------------------------------

export interface Closing {
  id: string;
  closedOn: string;
  outcome: Outcome;
  summary: string;
  reopenedOn: string | null;
  reopenReason: string | null;
}

/** The closing in force (not reopened), if the case is closed. */
export const currentClosing = <C extends Pick<Closing, 'reopenedOn'>>(closings: readonly C[]): C | undefined => closings.find((c) => c.reopenedOn === null);

// ---- work ------------------------------------------------------------------------------------------

/**
 * The partnership's own service standard (not a statutory time limit): a birth relative referred
 * to the service is offered support within 10 working days of the referral.
 */
export const OFFER_DUE_WORKING_DAYS = 10;
/** An offer with no answer is followed up this many days after it was made. */
export const REPLY_DUE_DAYS = 28;
/** An open case with no session for this many months is looked at again (still wanted? close it?). */
export const SESSION_GAP_MONTHS = 3;

export const offerDueOn = (receivedOn: string) => addWorkingDays(receivedOn, OFFER_DUE_WORKING_DAYS);
export const replyDueOn = (madeOn: string) => addDays(madeOn, REPLY_DUE_DAYS);
/** From the last session, or from when the case began (or was reopened) if there has been none since. */
export const sessionDueOn = (since: string) => addMonths(since, SESSION_GAP_MONTHS);
