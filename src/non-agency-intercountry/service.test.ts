// Non-agency and inter-country adoptions through the real database (the seeded demo's
// organisations and people, with fixtures of this file's own): opening a case from the notice,
// a refused step writing nothing, a case walked to its order and closed, the inter-country chain,
// the work queue, and the audit log finding every view and change by record and by owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLinks } from '../core/audit.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as intercountry from './intercountry-service.ts';
import * as service from './service.ts';
import { AdoptionFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: AdoptionFixtures;
const WORKER = 'social-worker@west-mercia.example';
const MANAGER = 'team-manager@west-mercia.example';
const ctxFor = (email: string, today = '2026-11-23') => contextOf(handle.db, email, today);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
const lastEvent = async () => Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new AdoptionFixtures(handle.db);
});
afterAll(() => handle.close());

describe('a non-agency adoption', () => {
  it('is opened from the notice, walked to the order and closed, every view and change audited by record and owner', async () => {
    const since = await lastEvent();
    const worker = await ctxFor(WORKER);
    const worcestershire = await f.org('worcestershire');
    const id = await service.openNonAgency(handle.db, worker, {
      councilId: worcestershire, applicant1Name: 'Sam Whitfield', relationship: 'partner-of-parent', childName: 'Maya Okafor', childDateOfBirth: '2017-02-03',
      noticeReceivedOn: '2026-03-02', residenceStartedOn: '2025-01-10',
    });
    await service.recordNonAgencyStep(handle.db, worker, id, 'application', { appliedOn: '2026-06-15', court: 'Family Court at Worcester', courtCaseNumber: 'WR26P00123' });
    await service.recordNonAgencyStep(handle.db, worker, id, 'report-requested', { reportRequestedOn: '2026-07-01', reportDueOn: '2026-09-30' });
    await service.recordNonAgencyStep(handle.db, worker, id, 'report-filed', { reportFiledOn: '2026-09-25' });
    // Closing the case is the team manager's.
    expect(await refusal(service.recordNonAgencyStep(handle.db, worker, id, 'outcome', { outcome: 'order-made', outcomeOn: '2026-11-02' }))).toBeInstanceOf(ForbiddenError);
    await service.recordNonAgencyStep(handle.db, await ctxFor(MANAGER), id, 'outcome', { outcome: 'order-made', outcomeOn: '2026-11-02' });
    const v = await service.viewNonAgency(handle.db, worker, id);
    expect(v.standing).toMatchObject({ open: false, status: 'Adoption order made 2 November 2026' });
    expect(v.steps).toEqual([]);
    const closed = await refusal(service.recordNonAgencyStep(handle.db, await ctxFor(MANAGER), id, 'report-filed', { reportFiledOn: '2026-09-26' }));
    expect((closed as ValidationError).errors[0]!.message).toContain('it takes no more steps');

    const links = await auditLinks(handle.db).selectFrom('audit_event_link').select(['record_type', 'record_id', 'owner_org_id']).where('event_id', '>', since).where('record_id', '=', id).execute();
    expect(links).toHaveLength(6);
    expect(new Set(links.map((l) => l.owner_org_id))).toEqual(new Set([worcestershire]));
    const actions = await handle.db.selectFrom('audit_event').select('action').where('id', '>', since).where('record_id', '=', id).execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'view']);
  });

  it('refuses an application outside the s44(3) window, naming the field and the dates, and writes nothing', async () => {
    const c = await f.nonAgency('herefordshire');
    const since = await lastEvent();
    const e = await refusal(service.recordNonAgencyStep(handle.db, await ctxFor(WORKER), c.id, 'application', { appliedOn: '2026-07-31', court: 'Family Court at Hereford' }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).errors).toEqual([{ field: 'appliedOn', message: 'The application must be made at least 3 months after the notice of intention (received 1 May 2026): on or after 1 August 2026, not 31 July 2026' }]);
    expect((await handle.db.selectFrom('non_agency_adoption').select('applied_on').where('id', '=', c.id).executeTakeFirstOrThrow()).applied_on).toBeNull();
    expect(await lastEvent()).toBe(since);
  });

  it('refuses a step name it does not know, and a council the person does not work for', async () => {
    const c = await f.nonAgency('herefordshire');
    expect(((await refusal(service.recordNonAgencyStep(handle.db, await ctxFor(WORKER), c.id, 'hearing', {}))) as ValidationError).errors[0]!.field).toBe('input');
    const e = await refusal(service.openNonAgency(handle.db, await ctxFor('social-worker@thurrock.example'), {
      councilId: await f.org('herefordshire'), applicant1Name: 'A B', relationship: 'relative', childName: 'C D', childDateOfBirth: '2015-01-01', noticeReceivedOn: '2026-10-01', residenceStartedOn: '2020-01-01',
    }));
    expect((e as ValidationError).errors[0]!.field).toBe('councilId');
  });

  it('is hidden from those with no part in it', async () => {
    const c = await f.nonAgency('herefordshire');
    expect(await refusal(service.viewNonAgency(handle.db, await ctxFor('social-worker@thurrock.example'), c.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(service.viewNonAgency(handle.db, await ctxFor('analyst@herefordshire.example'), c.id))).toBeInstanceOf(NotFoundError);
  });
});

describe('the list', () => {
  it('filters by council and by open or closed, and finds a case by the child\'s name', async () => {
    const open = await f.nonAgency('telford-and-wrekin');
    const closed = await f.nonAgency('telford-and-wrekin', { closed: true });
    const ctx = await ctxFor(WORKER);
    const ids = async (q: Record<string, unknown>) => (await service.listNonAgencyAdoptions(handle.db, ctx, { council: await f.org('telford-and-wrekin'), limit: 200, ...q })).items.map((a) => a.id);
    expect(await ids({ status: 'open' })).toContain(open.id);
    expect(await ids({ status: 'open' })).not.toContain(closed.id);
    expect(await ids({ status: 'closed' })).toEqual(expect.arrayContaining([closed.id]));
    expect(await ids({ status: 'closed' })).not.toContain(open.id);
    expect(await ids({ q: open.childName })).toEqual([open.id]);
    expect((await service.listNonAgencyAdoptions(handle.db, ctx, { council: await f.org('shropshire'), q: open.childName })).items).toEqual([]);
  });
});

describe('an inter-country adoption', () => {
  it('goes step by step from the enquiry, papers only after approval', async () => {
    const worker = await ctxFor(WORKER);
    const id = await intercountry.openIntercountry(handle.db, worker, { councilId: await f.org('shropshire'), applicant1Name: 'Priya Nair', applicant2Name: 'Tom Nair', country: 'India', hague: 'yes', enquiryOn: '2025-06-02' });
    const step = (s: string, input: Record<string, unknown>) => intercountry.recordIntercountryStep(handle.db, worker, id, s, input);
    expect(((await refusal(step('panel', { panelOn: '2025-12-01' }))) as ValidationError).errors[0]!.message).toBe('Record assessment commissioned first');
    await step('commissioned', { assessmentProvider: 'Intercountry Adoption Centre', assessmentCommissionedOn: '2025-07-01' });
    await step('assessment-completed', { assessmentCompletedOn: '2026-02-01' });
    await step('panel', { panelOn: '2026-03-12' });
    await step('decision', { decision: 'approved', decisionOn: '2026-03-20' });
    await step('papers-sent', { dfePapersSentOn: '2026-04-02' });
    await step('certificate', { certificateIssuedOn: '2026-05-15' });
    const e = await refusal(step('matched', { childName: 'Anaya', childDateOfBirth: '2024-08-01', matchedOn: '2026-05-01' }));
    expect((e as ValidationError).errors).toEqual([{ field: 'matchedOn', message: 'The date the child was proposed cannot be before the date the certificate of eligibility was issued (15 May 2026)' }]);
    await step('matched', { childName: 'Anaya', childDateOfBirth: '2024-08-01', matchedOn: '2026-08-01' });
    const v = await intercountry.viewIntercountry(handle.db, worker, id);
    expect(v.status).toBe('Child proposed 1 August 2026; next: arrival in England');
    expect(v.a.hague).toBe(true);
  });
});

describe('the work queue', () => {
  it('shows court reports due or overdue, lapsing and lapsed notices, and papers not sent, only to those who work on the case', async () => {
    const overdue = await f.nonAgency('herefordshire', { applied: true, reportDueOn: '2026-11-20' });
    const soon = await f.nonAgency('herefordshire', { applied: true, reportDueOn: '2026-12-01' });
    const later = await f.nonAgency('herefordshire', { applied: true, reportDueOn: '2027-01-15' });
    const lapsing = await f.nonAgency('herefordshire', { noticeReceivedOn: '2025-01-10' });
    const lapsed = await f.nonAgency('herefordshire', { noticeReceivedOn: '2024-10-01' });
    const done = await f.nonAgency('herefordshire', { closed: true, reportDueOn: '2026-11-20' });
    const papers = await f.intercountry('herefordshire');
    const items = await service.dueWork(handle.db, await ctxFor(WORKER));
    const of = (id: string) => items.filter((i) => i.href.endsWith(id)).map((i) => [i.kind, i.dueOn, i.overdue]);
    expect(of(overdue.id)).toEqual([['court-report-due', '2026-11-20', true]]);
    expect(of(soon.id)).toEqual([['court-report-due', '2026-12-01', false]]);
    expect(of(later.id)).toEqual([]);
    expect(of(lapsing.id)).toEqual([['notice-lapsing', '2027-01-11', false]]);
    expect(of(lapsed.id)).toEqual([['notice-lapsed', '2026-10-02', true]]);
    expect(of(done.id)).toEqual([]);
    expect(of(papers.id)).toEqual([['intercountry-papers-due', '2026-10-29', true]]);
    expect(items.find((i) => i.href.endsWith(overdue.id))!.record).toEqual({ type: 'non-agency-adoption', id: overdue.id, ownerId: await f.org('herefordshire') });
    // A support worker sees the cases but does not work on them; Thurrock has no part in them.
    expect((await service.dueWork(handle.db, await ctxFor('support-worker@west-mercia.example'))).filter((i) => i.href.endsWith(overdue.id))).toEqual([]);
    expect((await service.dueWork(handle.db, await ctxFor('social-worker@thurrock.example'))).filter((i) => i.href.endsWith(overdue.id))).toEqual([]);
  });
});
