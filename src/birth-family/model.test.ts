// The pure rules of birth family support: each date rule names its field, the case is closed only
// while a closing is not reopened, and when work falls due (the partnership's 10 working days, which
// skip weekends and bank holidays; 28 days for a reply; 3 months without a session).
import { describe, expect, it } from 'vitest';
import {
  checkAnswer, checkClosing, checkDateOfBirth, checkOffer, checkReferral, checkReopening, checkSession, currentClosing, offerDueOn, referredOn, replyDueOn, sessionDueOn,
} from './model.ts';

const TODAY = '2026-11-23';

describe('the date rules', () => {
  it('refuse a date in the future, naming the field', () => {
    expect(checkReferral('2026-11-24', TODAY)).toEqual([{ field: 'receivedOn', message: 'The date cannot be in the future' }]);
    expect(checkReferral(TODAY, TODAY)).toEqual([]);
    expect(checkDateOfBirth('2027-01-01', TODAY)).toEqual([{ field: 'dateOfBirth', message: 'The date cannot be in the future' }]);
    expect(checkDateOfBirth(undefined, TODAY)).toEqual([]);
    expect(checkSession('2026-12-01', '2026-10-01', TODAY).map((e) => e.field)).toEqual(['heldOn']);
  });

  it('refuse an offer or a session before the first referral', () => {
    expect(checkOffer('2026-09-30', '2026-10-01', TODAY)).toEqual([{ field: 'madeOn', message: 'The date of the offer cannot be before the referral (1 October 2026)' }]);
    expect(checkOffer('2026-10-01', '2026-10-01', TODAY)).toEqual([]);
    expect(checkSession('2026-09-30', '2026-10-01', TODAY)).toEqual([{ field: 'heldOn', message: 'The date of the session cannot be before the referral (1 October 2026)' }]);
    expect(checkSession('2026-10-02', '2026-10-01', TODAY)).toEqual([]);
  });

  it('refuse an answer before the offer', () => {
    expect(checkAnswer('2026-10-09', '2026-10-10', TODAY)).toEqual([{ field: 'answeredOn', message: 'The date answered cannot be before the offer was made (10 October 2026)' }]);
    expect(checkAnswer('2026-10-10', '2026-10-10', TODAY)).toEqual([]);
  });

  it('refuse closing before the last session, or before the referral when there was none', () => {
    expect(checkClosing('2026-11-01', '2026-11-02', '2026-10-01', TODAY)).toEqual([{ field: 'closedOn', message: 'The date closed cannot be before the last session (2 November 2026)' }]);
    expect(checkClosing('2026-09-01', null, '2026-10-01', TODAY)).toEqual([{ field: 'closedOn', message: 'The date closed cannot be before the referral (1 October 2026)' }]);
    expect(checkClosing('2026-11-02', '2026-11-02', '2026-10-01', TODAY)).toEqual([]);
    expect(checkClosing('2026-11-24', null, null, TODAY).map((e) => e.field)).toEqual(['closedOn']);
  });

  it('refuse reopening before the closing', () => {
    expect(checkReopening('2026-10-31', '2026-11-01', TODAY)).toEqual([{ field: 'reopenedOn', message: 'The date reopened cannot be before the case was closed (1 November 2026)' }]);
    expect(checkReopening('2026-11-01', '2026-11-01', TODAY)).toEqual([]);
  });
});

describe('a case', () => {
  it('began with its first referral', () => {
    expect(referredOn([{ receivedOn: '2026-10-05' }, { receivedOn: '2026-03-01' }])).toBe('2026-03-01');
    expect(referredOn([])).toBeNull();
  });

  it('is closed while a closing is not reopened', () => {
    expect(currentClosing([{ reopenedOn: '2026-05-01' }])).toBeUndefined();
    expect(currentClosing([{ reopenedOn: '2026-05-01' }, { reopenedOn: null }])).toEqual({ reopenedOn: null });
  });
});

describe('work falls due', () => {
  it('10 working days after a referral, skipping weekends and bank holidays', () => {
    // Monday 2 November 2026 + 10 working days: Monday 16 November.
    expect(offerDueOn('2026-11-02')).toBe('2026-11-16');
    // Over Christmas: 25 and 28 December 2026 and 1 January 2027 are bank holidays, so 3 days that week, 3 the next, then 4.
    expect(offerDueOn('2026-12-21')).toBe('2027-01-07');
  });

  it('28 days after an unanswered offer, and 3 months after the last session', () => {
    expect(replyDueOn('2026-10-26')).toBe('2026-11-23');
    expect(sessionDueOn('2026-08-23')).toBe('2026-11-23');
  });
});
