// Support after adoption through the real database (the seeded demo's organisations and people,
// with fixtures of this file's own): opening a case, who is responsible, the fund's rules refusing
// an application over its year's limit with nothing written, match funding before April 2025,
// moving an application on, allowances paid by the council responsible, work due, and the audit
// log linking every view and change to the child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLinks } from '../core/audit.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as support from './service.ts';
import { SupportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: SupportFixtures;
const WORKER = 'support-worker@west-mercia.example';
const ctxFor = (email: string, today = '2026-11-23') => contextOf(handle.db, email, today);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
const count = async (table: 'asf_application' | 'support_case') => Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const lastEvent = async () => Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);
const therapy = (assessmentId: string, o: Record<string, unknown> = {}) => ({
  assessmentId, kind: 'therapy', therapyType: 'Dyadic developmental psychotherapy', provider: 'Severn Therapy Partnership', amount: '1500', financialYear: 2026, endsOn: '2027-03-01', appliedOn: '2026-11-20', ...o,
});

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new SupportFixtures(handle.db);
});
afterAll(() => handle.close());

describe('support cases', () => {
  it('are opened for an adopted child from the family\'s first request, once, and say who is responsible until when', async () => {
    const child = await f.child('shropshire', '2024-05-20');
    const ctx = await ctxFor(WORKER);
    const id = await support.openCase(handle.db, ctx, { childId: child.id, residenceCouncilId: await f.org('worcestershire'), receivedOn: '2026-11-02', askedBy: 'Adoptive parents', askedFor: 'Help with sleep' });
    const v = await support.viewCase(handle.db, ctx, id);
    expect(v.responsible).toEqual({ councilId: await f.org('shropshire'), changesOn: '2027-05-20', nextCouncilId: await f.org('worcestershire') });
    expect(v.requests).toMatchObject([{ receivedOn: '2026-11-02', askedBy: 'Adoptive parents', askedFor: 'Help with sleep' }]);
    expect(v.timeline.map((e) => e.title)).toEqual(['Request for support', 'Adoption order']);
    // On the day it changes, the council where the family lives is responsible.
    expect((await support.viewCase(handle.db, await ctxFor('support-worker@worcestershire.example', '2027-05-20'), id)).responsible.councilId).toBe(await f.org('worcestershire'));
    const again = await refusal(support.openCase(handle.db, ctx, { childId: child.id, residenceCouncilId: await f.org('worcestershire'), receivedOn: '2026-11-03', askedBy: 'A', askedFor: 'B' }));
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).field).toBe('childId');
  });

  it('are hidden from those with no part in them, and refuse changes to those who may only see them', async () => {
    const c = await f.supportCase('herefordshire');
    expect(await refusal(support.viewCase(handle.db, await ctxFor('support-worker@thurrock.example'), c.caseId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(support.addPlan(handle.db, await ctxFor('finance-officer@herefordshire.example'), c.caseId, { what: 'x', providedBy: 'y', startsOn: '2026-12-01', reviewOn: '2027-01-01' }))).toBeInstanceOf(ForbiddenError);
  });

  it('audit every view and change, linked to the child', async () => {
    const c = await f.supportCase('herefordshire');
    const since = await lastEvent();
    await support.viewCase(handle.db, await ctxFor(WORKER), c.caseId);
    await support.addRequest(handle.db, await ctxFor(WORKER), c.caseId, { receivedOn: '2026-11-20', askedBy: 'The young person', askedFor: 'Someone to talk to' });
    const links = await auditLinks(handle.db).selectFrom('audit_event_link').select(['record_type', 'record_id']).where('event_id', '>', since).execute();
    expect(links.filter((l) => l.record_type === 'child' && l.record_id === c.childId)).toHaveLength(2);
  });
});

describe('Adoption Support Fund applications', () => {
  it('are refused over the year\'s limit, naming the limit, the year and what is committed, with nothing saved', async () => {
    const c = await f.supportCase('herefordshire');
    const ctx = await ctxFor(WORKER);
    const [apps, audit] = [await count('asf_application'), await lastEvent()];
    const error = (await refusal(support.applyToFund(handle.db, ctx, c.caseId, therapy(c.assessmentId, { amount: '1500.01' })))) as ValidationError;
    expect(error.errors).toEqual([{ field: 'amount', message: '£1,500.01 is over the fair access limit (assessments included) of £3,000 per child in 2026 to 2027: £1,500 is already committed, so £1,500 is left' }]);
    expect([await count('asf_application'), await lastEvent()]).toEqual([apps, audit]);
    await support.applyToFund(handle.db, ctx, c.caseId, therapy(c.assessmentId, { amount: '1500' }));
    expect((await support.viewCase(handle.db, ctx, c.caseId)).years).toMatchObject([{ year: 2026, committedPence: 300000 }]);
  });

  it('leave out refused and withdrawn applications, and check the limit again when the fund approves', async () => {
    const c = await f.supportCase('herefordshire');
    const manager = await ctxFor('team-manager@west-mercia.example');
    await support.stepApplication(handle.db, manager, c.caseId, c.applicationId, { step: 'refuse', on: '2026-11-20' });
    const draft = await support.applyToFund(handle.db, manager, c.caseId, therapy(c.assessmentId, { amount: '3000', appliedOn: '' }));
    await support.stepApplication(handle.db, manager, c.caseId, draft, { step: 'submit', on: '2026-11-21' });
    await support.stepApplication(handle.db, manager, c.caseId, draft, { step: 'approve', on: '2026-11-22' });
    const v = await support.viewCase(handle.db, manager, c.caseId);
    expect(v.applications.map((a) => [a.status, a.appliedOn, a.decisionOn])).toEqual([['refused', '2026-10-15', '2026-11-20'], ['approved', '2026-11-21', '2026-11-22']]);
    const twice = (await refusal(support.stepApplication(handle.db, manager, c.caseId, draft, { step: 'withdraw' }))) as ValidationError;
    expect(twice.errors[0]!.field).toBe('step');
  });

  it('record the part above the limit as match funded before April 2025, and apply within four months of the assessment', async () => {
    const c = await f.supportCase('herefordshire', { orderOn: '2022-03-01' });
    const assessmentId = await handle.db.insertInto('support_assessment').values({ case_id: c.caseId, started_on: '2024-05-01', completed_on: '2024-06-03', outcome: 'support-offered', summary: 'Therapy.' }).returning('id').executeTakeFirstOrThrow();
    const ctx = await ctxFor(WORKER);
    const late = (await refusal(support.applyToFund(handle.db, ctx, c.caseId, therapy(assessmentId.id, { financialYear: 2024, amount: '6500', endsOn: '2025-06-30', appliedOn: '2024-10-04' })))) as ValidationError;
    expect(late.errors).toEqual([{ field: 'appliedOn', message: 'Apply within 4 months of the assessment of needs (3 June 2024): by 3 October 2024' }]);
    const id = await support.applyToFund(handle.db, ctx, c.caseId, therapy(assessmentId.id, { financialYear: 2024, amount: '6500', endsOn: '2025-06-30', appliedOn: '2024-10-03' }));
    expect((await support.viewCase(handle.db, ctx, c.caseId)).applications.find((a) => a.id === id)).toMatchObject({ amountPence: 650000, matchFundedPence: 150000, status: 'submitted' });
  });
});

describe('allowances and work', () => {
  it('pay allowances from the council responsible when they start, recorded by those who pay', async () => {
    const c = await f.supportCase('herefordshire', { residenceSlug: 'thurrock', orderOn: '2023-12-01' });
    expect(await refusal(support.addAllowance(handle.db, await ctxFor(WORKER), c.caseId, { assessedOn: '2026-11-02', weekly: '90', startsOn: '2026-12-01', reviewOn: '2027-12-01' }))).toBeInstanceOf(ForbiddenError);
    // Three years after the order Thurrock pays, so Herefordshire's finance officer may not start it then.
    expect(await refusal(support.addAllowance(handle.db, await ctxFor('finance-officer@herefordshire.example'), c.caseId, { assessedOn: '2026-11-02', weekly: '90', startsOn: '2026-12-01', reviewOn: '2027-12-01' }))).toBeInstanceOf(ForbiddenError);
    await support.addAllowance(handle.db, await ctxFor('finance-officer@herefordshire.example'), c.caseId, { assessedOn: '2026-11-02', weekly: '90.50', startsOn: '2026-11-23', reviewOn: '2027-11-23' });
    const v = await support.viewCase(handle.db, await ctxFor('team-manager@herefordshire.example'), c.caseId);
    expect(v.allowances).toMatchObject([{ payerId: await f.org('herefordshire'), weeklyPence: 9050 }]);
  });

  it('make overdue assessments and awaited fund decisions due from those who work on the case', async () => {
    const c = await f.supportCase('herefordshire');
    const items = (await support.dueWork(handle.db, await ctxFor(WORKER))).filter((i) => i.href === `/support/${c.caseId}`);
    expect(items.map((i) => [i.kind, i.dueOn, i.overdue])).toEqual([['support-assessment-due', '2026-10-27', true], ['asf-decision-awaited', '2026-11-12', true]]);
    expect((await support.dueWork(handle.db, await ctxFor('finance-officer@herefordshire.example'))).filter((i) => i.href === `/support/${c.caseId}`)).toEqual([]);
  });
});
