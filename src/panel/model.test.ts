import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysBetween } from '../core/calendar.ts';
import {
  decisionClock, decisionDueOn, decisionProblems, DEFAULT_QUORUM, finaliseProblem, heldProblem, MEMBER_ROLES, memberProblems, meetingProblems, queueOrder,
  quorumLacks, quorumProblem, quorumText, servesOn, type MemberRole, type PresentMember,
} from './model.ts';

const m = (role: MemberRole, pqeYears: number | null = null): PresentMember => ({ role, pqeYears });
const quorate = [m('chair'), m('social-work', 5), m('independent'), m('independent'), m('medical-adviser')];

describe('the quorum', () => {
  it('is met by five members with the chair, a social worker of three years and an independent member', () => {
    expect(quorumLacks(DEFAULT_QUORUM, quorate)).toEqual([]);
    expect(quorumProblem(DEFAULT_QUORUM, quorate)).toBeNull();
  });

  it('names exactly what an inquorate meeting lacks', () => {
    const noIndependent = [m('chair'), m('social-work', 5), m('social-work', 4), m('medical-adviser'), m('vice-chair')];
    expect(quorumProblem(DEFAULT_QUORUM, noIndependent)).toBe('The meeting is not quorate: it lacks an independent member');
    expect(quorumLacks(DEFAULT_QUORUM, [m('independent'), m('social-work', 2)])).toEqual([
      '5 members present (2 are)', 'the chair or the vice-chair', 'a social work member with 3 years\' post-qualifying experience',
    ]);
    expect(quorumProblem(DEFAULT_QUORUM, [])).toBe('The meeting is not quorate: it lacks 5 members present (none is), the chair or the vice-chair, a social work member with 3 years\' post-qualifying experience and an independent member');
  });

  it('accepts the vice-chair for the chair, and counts neither adviser who is not a member', () => {
    expect(quorumLacks(DEFAULT_QUORUM, [m('vice-chair'), m('social-work', 3), m('independent'), m('independent'), m('medical-adviser')])).toEqual([]);
    expect(quorumLacks(DEFAULT_QUORUM, [m('chair'), m('social-work', 3), m('independent'), m('panel-adviser'), m('legal-adviser')])).toEqual(['5 members present (3 are)']);
  });

  it('follows the panel\'s own rule, held as data', () => {
    const small = { minPresent: 3, chairOrVice: false, socialWorkerYears: null, independent: false };
    expect(quorumLacks(small, [m('independent'), m('social-work', 1), m('medical-adviser')])).toEqual([]);
    expect(quorumLacks({ ...DEFAULT_QUORUM, socialWorkerYears: 1 }, [...quorate.slice(0, 1), m('social-work', 1), ...quorate.slice(2)])).toEqual([]);
    expect(quorumText(DEFAULT_QUORUM)).toBe('at least 5 members present, including the chair or the vice-chair, a social work member with 3 years\' post-qualifying experience and an independent member');
    expect(quorumText(small)).toBe('at least 3 members present');
  });

  it('never lacks anything once every requirement is present in enough members (property)', () => {
    const roles = Object.keys(MEMBER_ROLES) as MemberRole[];
    fc.assert(fc.property(fc.array(fc.record({ role: fc.constantFrom(...roles), pqeYears: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }) }), { maxLength: 12 }), (extra) => {
      const lacks = quorumLacks(DEFAULT_QUORUM, [...quorate, ...extra]);
      expect(lacks).toEqual([]);
      // Taking the only independent member away always names that lack.
      const without = [...quorate, ...extra].filter((x) => x.role !== 'independent');
      expect(quorumLacks(DEFAULT_QUORUM, without)).toContain('an independent member');
    }));
  });
});

describe('members', () => {
  it('serve from the day they join until the day before they leave', () => {
    expect(servesOn({ joinedOn: '2025-01-01', leftOn: '2026-01-01' }, '2025-12-31')).toBe(true);
    expect(servesOn({ joinedOn: '2025-01-01', leftOn: '2026-01-01' }, '2026-01-01')).toBe(false);
    expect(servesOn({ joinedOn: '2025-01-01', leftOn: null }, '2024-12-31')).toBe(false);
  });

  it('have the facts of their role', () => {
    const base = { pqeYears: null, personalExperience: false, joinedOn: '2025-01-01', leftOn: null };
    expect(memberProblems({ ...base, role: 'social-work' }).map((p) => p.field)).toEqual(['pqeYears']);
    expect(memberProblems({ ...base, role: 'chair', pqeYears: 4 }).map((p) => p.field)).toEqual(['pqeYears']);
    expect(memberProblems({ ...base, role: 'chair', personalExperience: true }).map((p) => p.field)).toEqual(['personalExperience']);
    expect(memberProblems({ ...base, role: 'independent', personalExperience: true })).toEqual([]);
  });
});

describe('meetings and minutes', () => {
  const draft = { date: '2026-11-10', papersUntil: '2026-11-12', minutesFinalOn: null };

  it('keeps papers available until at least the meeting', () => {
    expect(meetingProblems({ date: '2026-11-10', papersUntil: '2026-11-09' })[0]!.field).toBe('papersUntil');
    expect(meetingProblems({ date: '2026-11-10', papersUntil: '2026-11-10' })).toEqual([]);
  });

  it('records on or after the day of the meeting, and never once the minutes are final', () => {
    expect(heldProblem(draft, '2026-11-09', 'Attendance')).toMatch(/^Attendance can be recorded from the day of the meeting \(10 November 2026\)/);
    expect(heldProblem(draft, '2026-11-10', 'Attendance')).toBeNull();
    expect(heldProblem({ ...draft, minutesFinalOn: '2026-11-11' }, '2026-11-20', 'Attendance')).toMatch(/final \(11 November 2026\)/);
  });

  it('makes the minutes final only when every item has a recommendation', () => {
    const items = [{ position: 1, kind: 'approval' as const, recommendation: 'approve' as const }, { position: 2, kind: 'review' as const, recommendation: null }, { position: 3, kind: 'shobpa' as const, recommendation: null }];
    expect(finaliseProblem(draft, items, '2026-11-11')).toBe('Every item needs the panel\'s recommendation before the minutes are final: items 2 and 3 have none');
    expect(finaliseProblem(draft, [], '2026-11-11')).toMatch(/no agenda items/);
    expect(finaliseProblem(draft, [items[0]!], '2026-11-11')).toBeNull();
    expect(finaliseProblem(draft, [items[0]!], '2026-11-09')).toMatch(/from the day of the meeting/);
  });
});

describe('the decision maker\'s deadline', () => {
  it('is the panel\'s working days after the final minutes, past weekends and England and Wales bank holidays', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026.
    expect(decisionDueOn('2026-04-02', 7)).toBe('2026-04-15');
    // Christmas Day (Friday), Boxing Day's substitute (Monday 28 December) and New Year's Day 2027.
    expect(decisionDueOn('2026-12-22', 7)).toBe('2027-01-05');
    expect(decisionDueOn('2026-11-20', 7)).toBe('2026-12-01');
    expect(decisionDueOn('2026-11-20', 10)).toBe('2026-12-04');
  });

  it('always lands on a working day exactly that many working days on (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), (d, n) => {
      const from = d.toISOString().slice(0, 10);
      const due = decisionDueOn(from, n);
      expect(isWorkingDay(due)).toBe(true);
      expect(workingDaysBetween(from, due)).toBe(n);
    }));
  });

  it('tells a decision due, overdue, on time or late, in working days', () => {
    expect(decisionClock('2026-12-01', null, '2026-11-27')).toEqual({ dueOn: '2026-12-01', status: 'due', workingDaysLeft: 2, workingDaysLate: null });
    expect(decisionClock('2026-12-01', null, '2026-12-01')).toMatchObject({ status: 'due', workingDaysLeft: 0 });
    expect(decisionClock('2026-12-01', null, '2026-12-04')).toMatchObject({ status: 'overdue', workingDaysLate: 3 });
    expect(decisionClock('2026-12-01', '2026-12-01', '2026-12-20')).toMatchObject({ status: 'on-time', workingDaysLate: null });
    expect(decisionClock('2026-12-01', '2026-12-03', '2026-12-20')).toMatchObject({ status: 'late', workingDaysLate: 2 });
  });

  it('puts overdue decisions first, then by deadline', () => {
    const row = (id: string, dueOn: string) => ({ id, dueOn, meetingDate: '2026-10-01', position: 1 });
    expect(queueOrder([row('soon', '2026-11-25'), row('late', '2026-11-20'), row('later', '2026-12-02'), row('latest', '2026-11-10')], '2026-11-23').map((r) => r.id))
      .toEqual(['latest', 'late', 'soon', 'later']);
  });
});

describe('the decision', () => {
  const item = { kind: 'approval' as const, recommendation: 'approve' as const, decidedOn: null };
  const final = { date: '2026-11-10', papersUntil: '2026-11-12', minutesFinalOn: '2026-11-12' };

  it('is refused before the minutes are final, naming the decision', () => {
    expect(decisionProblems({ ...final, minutesFinalOn: null }, item, { decision: 'approve', decidedOn: '2026-11-13' }, '2026-11-20'))
      .toEqual([{ field: 'decision', message: 'The decision is made on the panel\'s final minutes: the minutes of the meeting on 10 November 2026 are still a draft' }]);
  });

  it('takes a choice of its kind, dated between the final minutes and today, once', () => {
    expect(decisionProblems(final, item, { decision: 'approve', decidedOn: '2026-11-13' }, '2026-11-20')).toEqual([]);
    expect(decisionProblems(final, item, { decision: 'match', decidedOn: '2026-11-13' }, '2026-11-20').map((p) => p.field)).toEqual(['decision']);
    expect(decisionProblems(final, item, { decision: 'approve', decidedOn: '2026-11-11' }, '2026-11-20').map((p) => p.field)).toEqual(['decidedOn']);
    expect(decisionProblems(final, item, { decision: 'approve', decidedOn: '2026-11-21' }, '2026-11-20').map((p) => p.field)).toEqual(['decidedOn']);
    expect(decisionProblems(final, { ...item, decidedOn: '2026-11-13' }, { decision: 'approve', decidedOn: '2026-11-14' }, '2026-11-20')[0]!.message).toMatch(/kept as written/);
  });
});
