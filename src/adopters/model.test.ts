import { describe, expect, it } from 'vitest';
import {
  ad1Code, applyEvent, checkProblems, clockOf, dueItems, missingForProceed, relationshipProblems, stageOf, termsFit, type HouseholdState, type Terms,
} from './model.ts';

const blank: HouseholdState = {
  status: 'in-assessment', fastTrack: null, roiAcceptedOn: '2026-01-05', stage1StartedOn: null, stage1PlanAgreedOn: null, stage1DecidedOn: null, stage1Outcome: null,
  stage2StartedOn: null, parStatus: null, panelOn: null, admOutcome: null, admDecidedOn: null, approvedOn: null, representationEndsOn: null, approvalReviewDueOn: null,
  statusChangedOn: null, leftOn: null, leavingReason: null, preparationCompletedOn: null, assessingWorkerId: null,
};
const ctx = { today: '2026-11-23', missingForProceed: [] as string[] };
const run = (h: HouseholdState, ...events: Parameters<typeof applyEvent>[1][]) => events.reduce((s, e) => {
  const r = applyEvent(s, e, ctx);
  if (r.problems.length) throw new Error(r.problems[0]!.message);
  return r.next;
}, h);

describe('the AD1 relationship code', () => {
  it.each([
    ['single', ['F'], 'L0'], ['married', ['M', 'F'], 'L11'], ['married', ['F', 'F'], 'L12'], ['civil-partners', ['M', 'M'], 'L2'],
    ['unmarried-couple', ['F', 'M'], 'L3'], ['unmarried-couple', ['M', 'M'], 'L4'], ['married', ['M', 'U'], null],
  ] as const)('%s %j → %s', (relationship, sexes, code) => {
    expect(ad1Code(relationship, sexes)).toBe(code);
  });

  it('needs one applicant for a single household and two for a couple', () => {
    expect(relationshipProblems('single', 2)[0]!.field).toBe('relationship');
    expect(relationshipProblems('married', 1)[0]!.message).toContain('two people');
    expect(relationshipProblems('married', 2)).toEqual([]);
  });
});

describe('stage rules', () => {
  it('refuses Stage 2 before the Stage 1 decision, unless fast track', () => {
    const inStage1 = run(blank, { type: 'stage-1-started', date: '2026-02-01' });
    expect(applyEvent(inStage1, { type: 'stage-2-notice', date: '2026-03-01' }, ctx).problems[0]).toMatchObject({ field: 'type', message: expect.stringContaining('Stage 1 started on 1 February 2026 and has no decision yet') });
    const fast = run({ ...blank, fastTrack: 'foster-carer' }, { type: 'stage-2-notice', date: '2026-03-01' });
    expect(stageOf(fast)).toBe('stage-2');
    expect(applyEvent({ ...blank, fastTrack: 'previous-adopter' }, { type: 'stage-1-started', date: '2026-03-01' }, ctx).problems[0]!.message).toContain('fast-track');
  });

  it('refuses proceed while checks are missing, naming them', () => {
    const inStage1 = run(blank, { type: 'stage-1-started', date: '2026-02-01' });
    const r = applyEvent(inStage1, { type: 'stage-1-decision', date: '2026-03-20', outcome: 'proceed' }, { ...ctx, missingForProceed: ['3 satisfactory references (1 so far)'] });
    expect(r.problems).toEqual([{ field: 'outcome', message: 'The household cannot proceed to Stage 2 yet: it needs 3 satisfactory references (1 so far)' }]);
    expect(r.next).toBe(inStage1);
  });

  it('refuses a notice more than 6 months after the Stage 1 decision, naming both dates', () => {
    const decided = run(blank, { type: 'stage-1-started', date: '2026-01-10' }, { type: 'stage-1-decision', date: '2026-03-02', outcome: 'proceed' });
    expect(applyEvent(decided, { type: 'stage-2-notice', date: '2026-09-03' }, ctx).problems[0]!.message)
      .toBe('The notice to proceed (3 September 2026) is more than 6 months after the Stage 1 decision (2 March 2026): the latest was 2 September 2026. Stage 1 must start again');
    expect(stageOf(run(decided, { type: 'stage-2-notice', date: '2026-09-02' }))).toBe('stage-2');
  });

  it('approves only with a final PAR, sets the review a year on, and opens 40 working days on not suitable', () => {
    const s2 = run({ ...blank, fastTrack: 'previous-adopter' }, { type: 'stage-2-notice', date: '2026-03-02' }, { type: 'par-status', date: '2026-05-01', parStatus: 'draft' });
    expect(applyEvent(s2, { type: 'adm-decision', date: '2026-06-01', outcome: 'approved' }, ctx).problems[0]!.field).toBe('outcome');
    const final = run(s2, { type: 'par-status', date: '2026-05-20', parStatus: 'final' });
    expect(run(final, { type: 'adm-decision', date: '2026-06-01', outcome: 'approved' })).toMatchObject({ status: 'approved', approvedOn: '2026-06-01', approvalReviewDueOn: '2027-06-01' });
    // 40 working days from Monday 1 June 2026 (no bank holidays in the window): 27 July 2026.
    expect(run(final, { type: 'adm-decision', date: '2026-06-01', outcome: 'not-suitable' }).representationEndsOn).toBe('2026-07-27');
    expect(applyEvent(final, { type: 'par-status', date: '2026-05-21', parStatus: 'draft' }, ctx).problems[0]!.field).toBe('parStatus');
  });

  it('moves approved households through linked, matched and placed, and needs a reason to withdraw', () => {
    const approved = run({ ...blank, fastTrack: 'foster-carer' }, { type: 'stage-2-notice', date: '2026-01-05' }, { type: 'par-status', date: '2026-03-01', parStatus: 'final' }, { type: 'adm-decision', date: '2026-04-01', outcome: 'approved' });
    expect(run(approved, { type: 'status-change', date: '2026-05-01', status: 'linked' }, { type: 'status-change', date: '2026-06-01', status: 'matched' }, { type: 'status-change', date: '2026-07-01', status: 'placed' }).status).toBe('placed');
    expect(applyEvent(approved, { type: 'status-change', date: '2026-05-01', status: 'placed' }, ctx).problems[0]!.field).toBe('status');
    expect(applyEvent(approved, { type: 'status-change', date: '2026-05-01', status: 'withdrawn' }, ctx).problems[0]!.field).toBe('reason');
    expect(run(approved, { type: 'status-change', date: '2026-05-01', status: 'withdrawn', reason: 'withdrew' })).toMatchObject({ leftOn: '2026-05-01', leavingReason: 'withdrew' });
    expect(applyEvent(blank, { type: 'status-change', date: '2026-05-01', status: 'linked' }, ctx).problems[0]!.message).toContain('only after approval');
  });
});

describe('checks', () => {
  it('refuses an expiry before the issue date, naming both', () => {
    expect(checkProblems({ requestedOn: '2026-01-01', receivedOn: '2026-02-01', issuedOn: '2026-02-01', expiresOn: '2026-01-15', status: 'satisfactory' }, '2026-11-23'))
      .toEqual([{ field: 'expiresOn', message: 'Expiry date (15 January 2026) cannot be before the date of issue (1 February 2026)' }]);
  });

  it('needs DBS for every adult, 3 references (2 not relatives), medicals, an LA check and preparation', () => {
    const ok = { status: 'satisfactory' as const, requestedOn: '2026-01-01', receivedOn: '2026-02-01', issuedOn: '2026-02-01', expiresOn: null, relative: false };
    const checks = [
      { ...ok, kind: 'dbs' as const, subject: 'Ann Lee' }, { ...ok, kind: 'medical' as const, subject: 'Ann Lee' }, { ...ok, kind: 'la-check' as const, subject: 'Herefordshire' },
      { ...ok, kind: 'reference' as const, subject: 'A' }, { ...ok, kind: 'reference' as const, subject: 'B', relative: true }, { ...ok, kind: 'reference' as const, subject: 'C', relative: true },
    ];
    const missing = missingForProceed({ preparationCompletedOn: null }, [{ name: 'Ann Lee', dateOfBirth: '1980-01-01' }], [{ name: 'Jo Lee', dateOfBirth: '2000-01-01' }, { name: 'Kid Lee', dateOfBirth: '2015-01-01' }], checks, '2026-03-01');
    expect(missing).toEqual(['a satisfactory enhanced DBS check for Jo Lee', '2 references from people who are not relatives (1 so far)', 'preparation training to be completed']);
  });
});

describe('clocks and work', () => {
  it('runs Stage 1 against 2 months and Stage 2 against 4 months', () => {
    expect(clockOf('2026-01-10', null, 2, '2026-03-11')).toMatchObject({ dueOn: '2026-03-10', status: 'overdue', days: 60 });
    expect(clockOf('2026-01-10', null, 2, '2026-02-28')).toMatchObject({ status: 'at-risk' });
    expect(clockOf('2026-01-10', '2026-04-30', 4, '2026-11-23')).toMatchObject({ dueOn: '2026-05-10', status: 'met' });
    expect(clockOf(null, null, 4, '2026-11-23').status).toBeNull();
  });

  it('lists overdue stages, expiring checks and due reviews', () => {
    const items = dueItems({
      ...blank, id: 'h1', reference: 'R1', name: 'Ann Lee', stage1StartedOn: '2026-08-01', checks: [{ kind: 'dbs', subject: 'Ann Lee', expiresOn: '2026-12-01', status: 'satisfactory' }],
    }, '2026-11-23');
    expect(items.map((i) => [i.kind, i.dueOn, i.overdue])).toEqual([['stage-1-overdue', '2026-10-01', true], ['check-expiring', '2026-12-01', false]]);
    const review = dueItems({ ...blank, id: 'h2', reference: 'R2', name: 'B', status: 'approved', approvedOn: '2025-12-01', approvalReviewDueOn: '2026-12-01', checks: [] }, '2026-11-23');
    expect(review.map((i) => i.kind)).toEqual(['approval-review']);
  });

  it('fits approval terms to a child', () => {
    const terms: Terms = { minChildren: 1, maxChildren: 2, minAge: 0, maxAge: 4, childSex: 'any', siblingGroup: true, tolerances: { developmentalDelay: 'medium', learningDisability: 'low', physicalDisability: 'cannot', medicalConditions: 'low', fasd: 'cannot', familyMentalIllness: 'high', familySubstanceMisuse: 'medium', ongoingContact: 'low' }, ethnicityConsiderations: null, religionConsiderations: null, languageConsiderations: null, areasToAvoid: null, religions: [], languages: [], avoidCouncilIds: [] };
    expect(termsFit(terms, { children: 2, age: 3, siblingGroup: true, need: 'developmentalDelay', tolerance: 'medium' })).toBe(true);
    expect(termsFit(terms, { age: 5 })).toBe(false);
    expect(termsFit(terms, { need: 'fasd' })).toBe(false);
  });
});
