// Services to adopted adults through the real database (the seeded demo's organisations and
// people, with fixtures of this file's own): recording a request and its regime, refusals that
// write nothing (an intermediary service about someone under 18, disclosure before required
// counselling, an approach under an absolute veto found on another request), a qualified veto's
// confirmation, closing, the work queue, and every view and change audited against the request
// and its owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLinks } from '../core/audit.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import { AdoptedAdultFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: AdoptedAdultFixtures;
const WORKER = 'support-worker@west-mercia.example';
const ctxFor = (email = WORKER, today = '2026-11-23') => contextOf(handle.db, email, today);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as ValidationError);
const steps = async (id: string) => (await store.partsOf(handle.db, id)).steps.map((s) => s.step);
const lastEvent = async () => Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new AdoptedAdultFixtures(handle.db);
});
afterAll(() => handle.close());

describe('a request', () => {
  it('is recorded for a council the partnership serves, and shows its regime and whether counselling is required, with reasons', async () => {
    const ctx = await ctxFor();
    const id = await service.openRequest(handle.db, ctx, await f.input('shropshire', { kind: 'birth-records', applicantRole: 'adopted-person', relationship: undefined, applicantDateOfBirth: '1968-06-01', adoptedDateOfBirth: '1968-06-01', orderOn: '1969-02-03', orderOnExact: false }));
    const v = await service.viewRequest(handle.db, ctx, id);
    expect(v.r.ownerId).toBe(await f.org('shropshire'));
    expect(v.r.orderOnExact).toBe(false);
    expect(v.regime.regime).toBe('pre-commencement');
    expect(v.counsellingNeed).toEqual({ required: true, reason: 'Adopted about 3 February 1969, before 12 November 1975: counselling is required before birth records information is given.' });
  });

  it('for an intermediary service about someone under 18 is refused, naming the field, and nothing is saved', async () => {
    const before = await handle.db.selectFrom('adopted_adult_request').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const e = await refusal(service.openRequest(handle.db, await ctxFor(), await f.input('herefordshire', { adoptedDateOfBirth: '2010-01-05', orderOn: '2011-03-01' })));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.errors).toEqual([{ field: 'adoptedDateOfBirth', message: 'An intermediary service is only offered once the adopted person is 18: they were 16 on the day the request was received' }]);
    expect(await handle.db.selectFrom('adopted_adult_request').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });
});

describe('birth records information for someone adopted before 1975', () => {
  it('is refused until a counselling session is recorded, then disclosed and closed', async () => {
    const r = await f.before1975('herefordshire');
    const ctx = await ctxFor();
    const e = await refusal(service.addStep(handle.db, ctx, r.id, { step: 'information-disclosed', on: '2026-10-01' }));
    expect(e.errors[0]).toEqual({ field: 'step', message: 'This person was adopted before 12 November 1975: record a counselling session (on or before the day) before recording that information was disclosed' });
    expect(await steps(r.id)).toEqual([]);
    await service.addCounselling(handle.db, ctx, r.id, { heldOn: '2026-09-20', counsellor: 'gro', minutes: '75', note: 'Met at the GRO.' });
    await service.addStep(handle.db, ctx, r.id, { step: 'information-disclosed', on: '2026-10-01' });
    await service.closeRequest(handle.db, ctx, r.id, { outcome: 'information-disclosed', closedOn: '2026-10-01' });
    const closed = await refusal(service.addStep(handle.db, ctx, r.id, { step: 'acknowledged', on: '2026-10-02' }));
    expect(closed.errors[0]!.message).toBe('This request is closed: it takes no more steps');
  });
});

describe('vetoes', () => {
  it('an absolute veto on another request about the same adopted person refuses an approach, and is shown', async () => {
    const first = await f.intermediary('worcestershire');
    const ctx = await ctxFor();
    await service.addVeto(handle.db, ctx, first.id, { kind: 'absolute', registeredOn: '2026-09-10' });
    // A later request about the same person (name at birth and date of birth), held by another council.
    const later = await f.intermediary('telford-and-wrekin', { birthName: `  ${first.birthName.toUpperCase()} `, adoptedDateOfBirth: first.adoptedDateOfBirth });
    const e = await refusal(service.addStep(handle.db, ctx, later.id, { step: 'approach-made', on: '2026-11-20' }));
    expect(e.errors[0]!.message).toBe('The adopted person registered an absolute veto on 10 September 2026: no approach may be made');
    expect(await steps(later.id)).not.toContain('approach-made');
    const v = await service.viewRequest(handle.db, ctx, later.id);
    expect(v.elsewhere).toMatchObject([{ kind: 'absolute', requestId: first.id, requestShown: true }]);
    // However the name was typed: spaces and hyphens set aside.
    const respelt = await f.intermediary('herefordshire', { birthName: first.birthName.replace(/ /g, '  ').replace(/^(\S+)\s+/, '$1-'), adoptedDateOfBirth: first.adoptedDateOfBirth });
    expect((await refusal(service.addStep(handle.db, ctx, respelt.id, { step: 'approach-made', on: '2026-11-20' }))).errors[0]!.message).toContain('absolute veto');
  });

  it('a qualified veto needs the worker to confirm the approach meets its circumstances', async () => {
    const r = await f.intermediary('herefordshire');
    const ctx = await ctxFor();
    await service.addVeto(handle.db, ctx, r.id, { kind: 'qualified', registeredOn: '2026-09-10', circumstances: 'Only if a medical condition needs to be shared' });
    const e = await refusal(service.addStep(handle.db, ctx, r.id, { step: 'approach-made', on: '2026-11-20' }));
    expect(e.errors[0]!.field).toBe('meetsVetoCircumstances');
    expect(e.errors[0]!.message).toContain('Only if a medical condition needs to be shared');
    await service.addStep(handle.db, ctx, r.id, { step: 'approach-made', on: '2026-11-20', meetsVetoCircumstances: 'yes' });
    expect((await store.partsOf(handle.db, r.id)).steps.at(-1)).toMatchObject({ step: 'approach-made', meetsVetoCircumstances: true });
  });
});

describe('the work queue', () => {
  it('shows an intermediary request with no step for 8 weeks, counselling to book and a first response overdue, naming only the applicant', async () => {
    const stale = await f.intermediary('herefordshire');
    const old = await f.before1975('herefordshire', { receivedOn: '2026-09-01' });
    const items = await service.dueWork(handle.db, await ctxFor('social-worker@herefordshire.example'));
    const of = (id: string) => items.filter((i) => i.href === `/adopted-adults/${id}`).map((i) => [i.kind, i.dueOn, i.title]);
    expect(of(stale.id)).toEqual([['intermediary-no-step', '2026-10-27', `Intermediary request: no step for 8 weeks: Karen ${stale.applicantFamilyName}`]]);
    expect(of(old.id).map((x) => x[0]).sort()).toEqual(['adopted-adult-first-response', 'counselling-not-booked']);
    expect(items.some((i) => i.title.includes(old.birthName) && i.title.includes(old.applicantDateOfBirth))).toBe(false);
    expect(await service.dueWork(handle.db, await ctxFor('social-worker@thurrock.example'))).not.toEqual(expect.arrayContaining([expect.objectContaining({ href: `/adopted-adults/${stale.id}` })]));
  });
});

describe('the audit log', () => {
  it('records every view and change against the request and its owner', async () => {
    const r = await f.intermediary('herefordshire');
    const since = await lastEvent();
    await service.viewRequest(handle.db, await ctxFor(), r.id);
    await service.addStep(handle.db, await ctxFor(), r.id, { step: 'approach-made', on: '2026-11-20' });
    const events = await handle.db.selectFrom('audit_event').select(['action', 'record_type', 'owner_id']).where('id', '>', since).where('record_id', '=', r.id).orderBy('id').execute();
    expect(events.map((e) => [e.action, e.record_type, e.owner_id])).toEqual([['view', 'adopted-adult-request', r.ownerId], ['update', 'adopted-adult-request', r.ownerId]]);
    const links = await auditLinks(handle.db).selectFrom('audit_event_link').select(['record_id', 'owner_org_id']).where('event_id', '>', since).where('record_id', '=', r.id).execute();
    expect(links.length).toBe(2);
    expect(links.every((l) => l.owner_org_id === r.ownerId)).toBe(true);
  });
});
