// The non-agency and inter-country rules, pure: the s44(3) window from the notice of intention,
// the residence requirement by relationship, the child's age, dates in order and not in the
// future, a lapsed notice, a closed case taking no more steps; the inter-country chain (papers
// only after approval, the certificate only after the papers, arrival only after the
// certificate) and the partnership's prompts.
import { describe, expect, it } from 'vitest';
import { intercountryProblems, intercountryPrompts, intercountryStepProblems, intercountryStepsOpen, nextStep, type IntercountryFacts } from './intercountry-model.ts';
import { nonAgencyProblems, nonAgencyStanding, nonAgencyStepProblems, noticeLapsesOn, type NonAgencyFacts } from './non-agency-model.ts';

const TODAY = '2026-11-23';
const notice: NonAgencyFacts = {
  relationship: 'step-parent', childDateOfBirth: '2016-04-12', noticeReceivedOn: '2026-05-01', residenceStartedOn: '2024-02-01', appliedOn: null, court: null, courtCaseNumber: null,
  reportRequestedOn: null, reportDueOn: null, reportFiledOn: null, outcome: null, outcomeOn: null,
};
const applied = (appliedOn: string, o: Partial<NonAgencyFacts> = {}): NonAgencyFacts => ({ ...notice, appliedOn, court: 'Family Court at Hereford', ...o });
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('a non-agency application', () => {
  it('is made at least 3 months and at most 2 years after the notice of intention (s44(3))', () => {
    expect(nonAgencyProblems(applied('2026-08-01'), TODAY)).toEqual([]);
    const early = nonAgencyProblems(applied('2026-07-31'), TODAY);
    expect(early).toEqual([{ field: 'appliedOn', message: 'The application must be made at least 3 months after the notice of intention (received 1 May 2026): on or after 1 August 2026, not 31 July 2026' }]);
    const late = nonAgencyProblems({ ...applied('2028-05-02'), noticeReceivedOn: '2026-05-01' }, '2028-06-01');
    expect(late[0]!.field).toBe('appliedOn');
    expect(late[0]!.message).toContain('by 1 May 2028, not 2 May 2028');
    expect(nonAgencyProblems(applied('2028-05-01'), '2028-06-01')).toEqual([]);
  });

  it('needs the child to have lived with the applicants long enough, by their relationship', () => {
    // Living together since 1 June 2026; applying on 1 September 2026.
    const since = (relationship: NonAgencyFacts['relationship'], residenceStartedOn: string, appliedOn: string) => nonAgencyProblems(applied(appliedOn, { relationship, residenceStartedOn }), TODAY);
    expect(fields(since('partner-of-parent', '2026-03-01', '2026-09-01'))).toEqual([]);
    expect(since('partner-of-parent', '2026-03-02', '2026-09-01')[0]!.message).toContain('for 6 months before they apply: living with them since 2 March 2026, so apply on or after 2 September 2026');
    expect(fields(since('la-foster-carer', '2025-09-01', '2026-09-01'))).toEqual([]);
    expect(since('la-foster-carer', '2025-09-02', '2026-09-01')[0]!.message).toContain('for 1 year');
    expect(fields(since('relative', '2023-09-01', '2026-09-01'))).toEqual([]);
    expect(since('private-foster-carer', '2023-09-02', '2026-09-01')[0]!.message).toContain('for 3 years (of the last 5)');
  });

  it('is for a child under 18, and the order is made before they are 19', () => {
    const older = { ...notice, childDateOfBirth: '2008-07-01', noticeReceivedOn: '2025-10-01', residenceStartedOn: '2024-01-01' };
    expect(nonAgencyProblems({ ...older, appliedOn: '2026-07-01', court: 'X' }, TODAY)[0]!.message).toBe('The child must be under 18 when the application is made: they were 18 on 1 July 2026');
    expect(nonAgencyProblems({ ...older, appliedOn: '2026-06-30', court: 'X' }, TODAY)).toEqual([]);
    const order = { ...older, appliedOn: '2026-06-30', court: 'X', outcome: 'order-made' as const, outcomeOn: '2027-07-01' };
    expect(nonAgencyProblems(order, '2027-08-01')).toEqual([{ field: 'outcomeOn', message: 'An adoption order can only be made before the child is 19: they were 19 on 1 July 2027' }]);
    // A notice about someone already 18 is refused when it is given.
    expect(nonAgencyProblems({ ...notice, childDateOfBirth: '2000-01-01' }, TODAY)).toContainEqual({ field: 'childDateOfBirth', message: 'The child must be under 18 when the notice is given: they were 18 on 1 January 2018' });
  });

  it('has its dates in order and none in the future, naming the field being changed', () => {
    expect(nonAgencyProblems({ ...notice, noticeReceivedOn: '2026-11-24' }, TODAY)[0]).toEqual({ field: 'noticeReceivedOn', message: 'The date the notice of intention was received cannot be in the future' });
    const withReport = applied('2026-09-01', { reportRequestedOn: '2026-09-15', reportDueOn: '2026-12-01' });
    expect(nonAgencyProblems({ ...withReport, reportFiledOn: '2026-09-10' }, TODAY, ['reportFiledOn'])).toEqual([{ field: 'reportFiledOn', message: 'The date the report was filed cannot be before the date the report was requested (15 September 2026)' }]);
    // Moving the application after the report's request names the application.
    expect(fields(nonAgencyProblems({ ...withReport, appliedOn: '2026-09-20' }, TODAY, ['appliedOn', 'court']))).toEqual(['appliedOn']);
    // A report due in the future is what a due date is.
    expect(nonAgencyProblems(withReport, TODAY)).toEqual([]);
  });
});

describe('a non-agency case', () => {
  it('shows its notice lapsing 2 years after it was received, and may close as lapsed only then', () => {
    expect(noticeLapsesOn('2024-11-30')).toBe('2026-12-01');
    const old = { ...notice, noticeReceivedOn: '2024-11-01' };
    expect(nonAgencyStanding(old, TODAY)).toMatchObject({ lapsesOn: '2026-11-02', lapsed: true, status: 'Notice lapsed 2 November 2026' });
    expect(nonAgencyProblems({ ...old, outcome: 'lapsed', outcomeOn: '2026-11-01' }, TODAY)[0]!.field).toBe('outcomeOn');
    expect(nonAgencyProblems({ ...old, outcome: 'lapsed', outcomeOn: '2026-11-02' }, TODAY)).toEqual([]);
    expect(fields(nonAgencyProblems({ ...applied('2026-09-01'), outcome: 'lapsed', outcomeOn: '2026-11-02' }, TODAY))).toContain('outcome');
  });

  it('takes no more steps once closed, and a report only after the application', () => {
    const closed = { ...applied('2026-09-01'), outcome: 'withdrawn' as const, outcomeOn: '2026-10-01' };
    expect(nonAgencyStepProblems(closed, 'report-requested', { ...closed, reportRequestedOn: '2026-10-02', reportDueOn: '2026-11-30' }, TODAY)[0]!.message).toBe('This case was closed on 1 October 2026 (withdrawn): it takes no more steps');
    expect(nonAgencyStepProblems(notice, 'report-requested', { ...notice, reportRequestedOn: '2026-10-02', reportDueOn: '2026-11-30' }, TODAY)[0]!.message).toBe('Record the application to court first');
    expect(nonAgencyStepProblems(notice, 'outcome', { ...notice, outcome: 'order-made', outcomeOn: '2026-10-02' }, TODAY)[0]!.field).toBe('outcome');
  });

  it('shows a court report overdue', () => {
    expect(nonAgencyStanding(applied('2026-09-01', { reportRequestedOn: '2026-09-15', reportDueOn: '2026-11-20' }), TODAY)).toMatchObject({ reportOverdue: true, status: 'Court report overdue 20 November 2026' });
  });
});

const enquiry: IntercountryFacts = {
  enquiryOn: '2025-09-01', assessmentProvider: null, assessmentCommissionedOn: null, assessmentCompletedOn: null, panelOn: null, decision: null, decisionOn: null, dfePapersSentOn: null,
  certificateIssuedOn: null, childName: null, childDateOfBirth: null, matchedOn: null, arrivedOn: null, orderAppliedOn: null, outcome: null, outcomeOn: null,
};
const approved: IntercountryFacts = { ...enquiry, assessmentProvider: 'Intercountry Adoption Centre', assessmentCommissionedOn: '2025-10-01', assessmentCompletedOn: '2026-06-01', panelOn: '2026-09-10', decision: 'approved', decisionOn: '2026-10-01' };

describe('an inter-country case', () => {
  it('takes each step after the one before it, on or after its date and not in the future', () => {
    expect(intercountryProblems(approved, TODAY)).toEqual([]);
    expect(nextStep(approved)).toBe('papers-sent');
    expect(intercountryStepsOpen(enquiry)).toEqual(['commissioned', 'outcome']);
    expect(intercountryStepProblems(approved, 'papers-sent', { ...approved, dfePapersSentOn: '2026-09-30' }, TODAY)).toEqual([{ field: 'dfePapersSentOn', message: 'The date the papers were sent to the DfE cannot be before the date of the agency decision (1 October 2026)' }]);
    expect(intercountryStepProblems(approved, 'papers-sent', { ...approved, dfePapersSentOn: '2026-11-24' }, TODAY)[0]!.message).toContain('cannot be in the future');
    expect(intercountryStepProblems(approved, 'papers-sent', { ...approved, dfePapersSentOn: '2026-10-20' }, TODAY)).toEqual([]);
  });

  it('sends papers only after approval, has a certificate only after the papers and the child arrive only after the certificate', () => {
    const refused = { ...approved, decision: 'not-approved' as const };
    expect(intercountryStepProblems(refused, 'papers-sent', { ...refused, dfePapersSentOn: '2026-10-20' }, TODAY)[0]!.message).toBe('Papers go to the DfE only after the agency has approved the applicants');
    expect(intercountryStepProblems(approved, 'certificate', { ...approved, certificateIssuedOn: '2026-10-20' }, TODAY)[0]!.message).toBe('Record papers sent to the DfE first');
    expect(fields(intercountryProblems({ ...approved, arrivedOn: '2026-11-01' }, TODAY))).toEqual(['arrivedOn']);
    // Correcting the decision to "not approved" once papers have gone is refused.
    const sent = { ...approved, dfePapersSentOn: '2026-10-20' };
    expect(intercountryStepProblems(sent, 'decision', { ...sent, decision: 'not-approved' }, TODAY)[0]!.field).toBe('dfePapersSentOn');
  });

  it('closes only as its steps allow, and takes no more steps once closed', () => {
    expect(intercountryProblems({ ...approved, outcome: 'order-made', outcomeOn: '2026-11-01' }, TODAY)[0]!.field).toBe('outcome');
    expect(intercountryProblems({ ...approved, outcome: 'withdrawn', outcomeOn: '2026-11-01' }, TODAY)).toEqual([]);
    const closed = { ...approved, outcome: 'withdrawn' as const, outcomeOn: '2026-11-01' };
    expect(intercountryStepProblems(closed, 'papers-sent', { ...closed, dfePapersSentOn: '2026-11-02' }, TODAY)[0]!.message).toContain('it takes no more steps');
    expect(intercountryStepsOpen(closed)).toEqual([]);
  });

  it('prompts for papers 4 weeks after approval, an order application 12 months after arrival, and a case with no step in 6 months', () => {
    expect(intercountryPrompts(approved, TODAY, 14).map((p) => [p.kind, p.dueOn])).toEqual([['intercountry-papers-due', '2026-10-29']]);
    expect(intercountryPrompts(approved, '2026-10-10', 14)).toEqual([]);
    const arrived = { ...approved, dfePapersSentOn: '2026-10-20', certificateIssuedOn: '2026-11-01', childName: 'A', childDateOfBirth: '2024-01-01', matchedOn: '2026-11-10', arrivedOn: '2026-11-20' };
    expect(intercountryPrompts(arrived, '2027-11-10', 14).map((p) => [p.kind, p.dueOn])).toEqual([['intercountry-order-application-due', '2027-11-20'], ['intercountry-no-step', '2027-05-20']]);
    expect(intercountryPrompts(arrived, '2027-05-20', 14).map((p) => p.kind)).toEqual(['intercountry-no-step']);
    expect(intercountryPrompts({ ...arrived, outcome: 'withdrawn', outcomeOn: '2026-11-21' }, '2028-01-01', 14)).toEqual([]);
  });
});
