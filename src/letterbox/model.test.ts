// The letterbox's pure rules: due dates from the agreed months, what an agreement waits for
// (late, due soon), the order of an exchange's steps, and the terms and changes of an agreement.
import { describe, expect, it } from 'vitest';
import { activeSinceAfter, changeProblems, monthsText, nextStep, occasions, openOccasions, receiptProblems, stepProblems, termsProblems, type ExchangeSteps, type Schedule } from './model.ts';

const TODAY = '2026-11-23';

describe('due dates', () => {
  it('fall on the last day of each agreed month, in order, within the range', () => {
    expect(occasions({ firstMonth: 9, secondMonth: 3 }, '2025-01-01', '2026-06-30')).toEqual(['2025-03-31', '2025-09-30', '2026-03-31']);
    expect(occasions({ firstMonth: 2, secondMonth: null }, '2023-06-01', '2024-12-31')).toEqual(['2024-02-29']);
    expect(occasions({ firstMonth: 11, secondMonth: null }, '2026-11-30', '2026-11-30')).toEqual(['2026-11-30']);
    expect(monthsText({ firstMonth: 9, secondMonth: 3 })).toBe('March and September');
  });
});

describe('what an agreement waits for', () => {
  const schedule: Schedule = { direction: 'both', firstMonth: 10, secondMonth: null, status: 'active', activeSince: '2024-01-01' };

  it('is the last occasion passed with nothing received (late), and the next, each way', () => {
    expect(openOccasions(schedule, [], TODAY)).toEqual([
      { direction: 'from-birth-family', dueOn: '2026-10-31', state: 'late' },
      { direction: 'to-birth-family', dueOn: '2026-10-31', state: 'late' },
      { direction: 'from-birth-family', dueOn: '2027-10-31', state: 'upcoming' },
      { direction: 'to-birth-family', dueOn: '2027-10-31', state: 'upcoming' },
    ]);
  });

  it('leaves out what came, counts an occasion within 30 days as due soon, and waits for nothing when paused', () => {
    const recorded = [{ direction: 'from-birth-family' as const, dueOn: '2026-10-31' }, { direction: 'to-birth-family' as const, dueOn: '2026-10-31' }];
    expect(openOccasions({ ...schedule, firstMonth: 12, direction: 'to-birth-family' }, [], TODAY)).toEqual([
      { direction: 'to-birth-family', dueOn: '2025-12-31', state: 'late' }, { direction: 'to-birth-family', dueOn: '2026-12-31', state: 'upcoming' },
    ]);
    expect(openOccasions({ ...schedule, firstMonth: 11, direction: 'from-birth-family' }, [], TODAY).map((o) => o.state)).toEqual(['late', 'due-soon']);
    expect(openOccasions(schedule, recorded, TODAY).map((o) => o.state)).toEqual(['upcoming', 'upcoming']);
    expect(openOccasions({ ...schedule, status: 'paused' }, [], TODAY)).toEqual([]);
  });

  it('counts nothing late from before the agreement was active', () => {
    expect(openOccasions({ ...schedule, activeSince: '2026-11-01' }, [], TODAY).map((o) => o.state)).toEqual(['upcoming', 'upcoming']);
    expect(activeSinceAfter({ status: 'paused', activeSince: '2024-01-01' }, { status: 'active', changedOn: '2026-11-01' })).toBe('2026-11-01');
    expect(activeSinceAfter({ status: 'active', activeSince: '2024-01-01' }, { status: 'paused', changedOn: '2026-11-01' })).toBe('2024-01-01');
  });
});

describe('the order of an exchange\'s steps', () => {
  const received: ExchangeSteps = { direction: 'from-birth-family', receivedOn: '2026-11-02', screenedOn: null, outcome: null, forwardedOn: null, filedOn: null };
  const screened: ExchangeSteps = { ...received, screenedOn: '2026-11-05', outcome: 'suitable' };

  it('goes received, screened, forwarded, filed; a withheld letter goes from screening to filing', () => {
    expect(nextStep(received)).toBe('screen');
    expect(nextStep(screened)).toBe('forward');
    expect(nextStep({ ...screened, forwardedOn: '2026-11-06' })).toBe('file');
    expect(nextStep({ ...screened, outcome: 'withheld' })).toBe('file');
    expect(nextStep({ ...screened, forwardedOn: '2026-11-06', filedOn: '2026-11-07' })).toBeNull();
  });

  it('refuses forwarding an unscreened exchange, and a withheld one, naming the field', () => {
    expect(stepProblems(received, 'forward', { date: '2026-11-06' }, TODAY)).toEqual([{ field: 'forwardedOn', message: 'This exchange has not been screened: screen it before forwarding it' }]);
    expect(stepProblems({ ...screened, outcome: 'withheld' }, 'forward', { date: '2026-11-06' }, TODAY)).toEqual([{ field: 'forwardedOn', message: 'This exchange was withheld at screening: it cannot be forwarded' }]);
    expect(stepProblems(received, 'file', { date: '2026-11-06' }, TODAY)[0]!.field).toBe('filedOn');
    expect(stepProblems(screened, 'file', { date: '2026-11-06' }, TODAY)[0]!.message).toContain('has not been forwarded');
    expect(stepProblems(screened, 'forward', { date: '2026-11-06' }, TODAY)).toEqual([]);
  });

  it('dates each step on or after the one before, never in the future, and once', () => {
    expect(stepProblems(received, 'screen', { date: '2026-11-01', outcome: 'suitable' }, TODAY)[0]!.message).toContain('before the step before it (2026-11-02)');
    expect(stepProblems(received, 'screen', { date: '2026-11-24', outcome: 'suitable' }, TODAY)[0]!.message).toContain('future');
    expect(stepProblems(screened, 'forward', { date: '2026-11-04' }, TODAY)[0]!.field).toBe('forwardedOn');
    expect(stepProblems(screened, 'screen', { date: '2026-11-06', outcome: 'suitable' }, TODAY)[0]!.message).toContain('already recorded');
  });

  it('asks what was redacted, or why a letter is withheld', () => {
    expect(stepProblems(received, 'screen', { date: '2026-11-03' }, TODAY)).toEqual([{ field: 'outcome', message: 'Select the outcome of the screening' }]);
    expect(stepProblems(received, 'screen', { date: '2026-11-03', outcome: 'redacted' }, TODAY)[0]!.field).toBe('redactions');
    expect(stepProblems(received, 'screen', { date: '2026-11-03', outcome: 'withheld' }, TODAY)[0]!.field).toBe('withheldReason');
    expect(stepProblems(received, 'screen', { date: '2026-11-03', outcome: 'withheld', withheldReason: 'Names the school' }, TODAY)).toEqual([]);
  });
});

describe('receipts, terms and changes', () => {
  const open = [{ direction: 'from-birth-family' as const, dueOn: '2026-10-31', state: 'late' as const }];

  it('takes a receipt only for an occasion the agreement waits for, dated from its start to today', () => {
    expect(receiptProblems(open, '2025-01-01', { direction: 'from-birth-family', dueOn: '2026-10-31', receivedOn: '2026-11-20' }, TODAY)).toEqual([]);
    expect(receiptProblems(open, '2025-01-01', { direction: 'to-birth-family', dueOn: '2026-10-31', receivedOn: '2026-11-20' }, TODAY)[0]!.field).toBe('dueOn');
    expect(receiptProblems([], '2025-01-01', { direction: 'to-birth-family', dueOn: '2026-10-31', receivedOn: '2026-11-20' }, TODAY)[0]!.message).toContain('waiting for no exchange');
    expect(receiptProblems(open, '2025-01-01', { direction: 'from-birth-family', dueOn: '2026-10-31', receivedOn: '2026-11-24' }, TODAY)[0]!.field).toBe('receivedOn');
  });

  it('needs a second month twice a year and none once a year, and a review after the start', () => {
    expect(termsProblems({ frequency: 2, firstMonth: 3, startDate: '2026-01-01' })[0]!.field).toBe('secondMonth');
    expect(termsProblems({ frequency: 1, firstMonth: 3, secondMonth: 9, startDate: '2026-01-01' })[0]!.field).toBe('secondMonth');
    expect(termsProblems({ frequency: 2, firstMonth: 3, secondMonth: 3, startDate: '2026-01-01' })[0]!.message).toContain('different');
    expect(termsProblems({ frequency: 1, firstMonth: 3, startDate: '2026-01-01', reviewOn: '2025-12-01' })[0]!.field).toBe('reviewOn');
    expect(termsProblems({ frequency: 2, firstMonth: 3, secondMonth: 9, startDate: '2026-01-01', reviewOn: '2027-01-01' })).toEqual([]);
  });

  it('dates a change from the last one to today, and keeps an ended agreement ended', () => {
    const current = { status: 'active' as const, startDate: '2025-01-01', reviewOn: null, lastChangedOn: '2025-06-01' };
    expect(changeProblems(current, { status: 'paused', changedOn: '2026-11-01' }, TODAY)).toEqual([]);
    expect(changeProblems(current, { status: 'paused', changedOn: '2025-05-01' }, TODAY)[0]!.field).toBe('changedOn');
    expect(changeProblems(current, { status: 'paused', changedOn: '2026-11-24' }, TODAY)[0]!.field).toBe('changedOn');
    expect(changeProblems(current, { status: 'active', changedOn: '2026-11-01' }, TODAY)[0]!.message).toBe('Change the status or the review date');
    expect(changeProblems({ ...current, status: 'ended' }, { status: 'active', changedOn: '2026-11-01' }, TODAY)[0]!.message).toContain('stays ended');
  });
});
