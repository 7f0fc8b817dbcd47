// Letterbox use cases through the real database (the seeded demo's organisations and people, with
// fixtures of this file's own): setting up an agreement for a placed child, the birth relatives'
// names shown only to those who may see the birth family, receipts and the steps in order (a
// forward before screening refused with nothing written), changes with their history, the
// reminders, the screening queue and the work due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as exchanges from './exchanges-service.ts';
import * as letterbox from './service.ts';
import { LetterboxFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: LetterboxFixtures;
const TODAY = '2026-11-23';
const WORKER = 'social-worker@herefordshire.example';
const COORDINATOR = 'support-worker@west-mercia.example';
const ctxFor = (email: string) => contextOf(handle.db, email, TODAY);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
const counts = async () => {
  const n = async (table: 'letterbox_exchange' | 'letterbox_agreement' | 'audit_event') => Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { exchanges: await n('letterbox_exchange'), agreements: await n('letterbox_agreement'), audit: await n('audit_event') };
};

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new LetterboxFixtures(handle.db);
});
afterAll(() => handle.close());

describe('agreements', () => {
  it('are set up for a placed child by the council\'s social worker, with birth relatives chosen from the birth family and typed', async () => {
    const ctx = await ctxFor(WORKER);
    const child = await f.placedChild('herefordshire');
    const form = await letterbox.agreementForm(handle.db, ctx, { childId: child.id });
    expect(form.child!.name).toBe(child.name);
    const members = form.birthFamily!.length ? [0] : [];
    const id = await letterbox.createAgreement(handle.db, ctx, {
      childId: child.id, direction: 'both', frequency: '2', firstMonth: '3', secondMonth: '9', startDate: '2026-01-01', reviewOn: '2027-01-01',
      adoptiveFamily: 'Priya and Tom', members, parties: [{ name: 'Gary Typed', relationship: 'birth father' }],
    });
    const view = await letterbox.viewAgreement(handle.db, ctx, id);
    expect(view.agreement).toMatchObject({ childId: child.id, direction: 'both', monthsText: 'March and September', status: 'active', reviewOn: '2027-01-01' });
    expect(view.parties.map((p) => p.label)).toContain('Gary Typed (birth father)');
    expect(view.parties).toHaveLength(members.length + 1);
    expect(view.changes).toEqual([expect.objectContaining({ changedOn: '2026-01-01', status: 'active', note: 'Agreement set up' })]);
    expect(view.can).toMatchObject({ manage: true, recordExchange: true, seeNames: true, viewChild: true });
  });

  it('are refused for a child neither placed nor adopted, and to a support worker, with nothing written', async () => {
    const before = await counts();
    const inCare = await f.childInCare('herefordshire');
    const terms = { direction: 'to-birth-family', frequency: '1', firstMonth: '5', startDate: '2026-01-01', adoptiveFamily: 'Kai and Rosa', parties: [{ name: 'Amy Typed', relationship: 'birth mother' }] };
    const notPlaced = await refusal(letterbox.createAgreement(handle.db, await ctxFor(WORKER), { ...terms, childId: inCare.id }));
    expect(notPlaced).toBeInstanceOf(ValidationError);
    expect((notPlaced as ValidationError).errors[0]).toMatchObject({ field: 'childId', message: expect.stringContaining('neither placed for adoption nor adopted') });
    const noParties = await refusal(letterbox.createAgreement(handle.db, await ctxFor(WORKER), { ...terms, childId: (await f.placedChild('herefordshire')).id, parties: [] }));
    expect((noParties as ValidationError).errors.map((e) => e.field)).toEqual(['parties']);
    const twice = await refusal(letterbox.createAgreement(handle.db, await ctxFor(WORKER), { ...terms, frequency: '2', childId: (await f.placedChild('herefordshire')).id }));
    expect((twice as ValidationError).errors.map((e) => e.field)).toEqual(['secondMonth']);
    // The coordinator records letters but does not set up agreements (nor see the child's record).
    expect(letterbox.maySetUpAgreements(await ctxFor(COORDINATOR))).toBe(false);
    expect(letterbox.maySetUpAgreements(await ctxFor(WORKER))).toBe(true);
    expect(await refusal(letterbox.createAgreement(handle.db, await ctxFor(COORDINATOR), { ...terms, childId: (await f.placedChild('herefordshire')).id }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(letterbox.agreementForm(handle.db, await ctxFor(COORDINATOR), {}))).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
  });

  it('hide the birth relatives\' names from whoever may not see the child\'s birth family', async () => {
    const a = await f.agreement('herefordshire');
    const coordinator = await letterbox.viewAgreement(handle.db, await ctxFor(COORDINATOR), a.id);
    expect(coordinator.can).toMatchObject({ seeNames: false, recordExchange: true, manage: false });
    expect(coordinator.parties.map((p) => p.label)).toEqual(['Birth mother (name not shown to you)', 'Birth grandmother (name not shown to you)']);
    expect(JSON.stringify(coordinator)).not.toContain('Fixture');
    const worker = await letterbox.viewAgreement(handle.db, await ctxFor(WORKER), a.id);
    expect(worker.parties[0]!.label).toMatch(/^Leanne Fixture\d+ \(birth mother\)$/);
  });

  it('change by a new row of their history; pausing stops the reminders, and an ended agreement stays ended', async () => {
    const ctx = await ctxFor(WORKER);
    const a = await f.agreement('herefordshire', { firstMonth: 10, secondMonth: null, direction: 'from-birth-family' });
    expect((await letterbox.viewAgreement(handle.db, ctx, a.id)).open.map((o) => o.state)).toEqual(['late', 'upcoming']);
    await letterbox.changeAgreement(handle.db, ctx, a.id, { status: 'paused', changedOn: '2026-11-10', reviewOn: '2027-01-01', note: 'Birth mother moving home' });
    const paused = await letterbox.viewAgreement(handle.db, ctx, a.id);
    expect(paused.open).toEqual([]);
    expect(paused.changes.map((c) => c.status)).toEqual(['active', 'paused']);
    await letterbox.changeAgreement(handle.db, ctx, a.id, { status: 'ended', changedOn: '2026-11-20', reviewOn: '2027-01-01' });
    const again = await refusal(letterbox.changeAgreement(handle.db, ctx, a.id, { status: 'active', changedOn: '2026-11-21' }));
    expect((again as ValidationError).errors[0]!.message).toContain('stays ended');
    expect(await refusal(letterbox.changeAgreement(handle.db, await ctxFor(COORDINATOR), a.id, { status: 'paused', changedOn: '2026-11-21' }))).toBeInstanceOf(ForbiddenError);
  });
});

describe('exchanges', () => {
  it('go received, screened, forwarded and filed, each step on the timeline', async () => {
    const ctx = await ctxFor(COORDINATOR);
    const a = await f.agreement('shropshire', { firstMonth: 10, secondMonth: null, direction: 'to-birth-family' });
    const id = await exchanges.receiveExchange(handle.db, ctx, a.id, { direction: 'to-birth-family', dueOn: '2026-10-31', receivedOn: '2026-11-02' });
    await exchanges.recordStep(handle.db, ctx, id, 'screen', { screenedOn: '2026-11-04', outcome: 'redacted', redactions: 'The name of the town' });
    await exchanges.recordStep(handle.db, ctx, id, 'forward', { forwardedOn: '2026-11-05', toPartyId: a.partyIds[0] });
    await exchanges.recordStep(handle.db, ctx, id, 'file', { filedOn: '2026-11-06' });
    const view = await letterbox.viewAgreement(handle.db, ctx, a.id);
    expect(view.exchanges).toEqual([expect.objectContaining({ id, receivedOn: '2026-11-02', screenedOn: '2026-11-04', outcome: 'redacted', forwardedOn: '2026-11-05', filedOn: '2026-11-06', next: null, to: 'Birth mother (name not shown to you)' })]);
    expect(view.open.map((o) => o.dueOn)).toEqual(['2027-10-31']);
  });

  it('refuse forwarding before screening, and forwarding a withheld letter, with nothing written', async () => {
    const ctx = await ctxFor(COORDINATOR);
    const a = await f.agreement('telford-and-wrekin');
    const unscreened = await f.exchange(a);
    const withheld = await f.exchange(a, { dueOn: '2026-03-31', receivedOn: '2026-03-20', step: 'withheld' });
    const before = await counts();
    const first = await refusal(exchanges.recordStep(handle.db, ctx, unscreened, 'forward', { forwardedOn: '2026-11-20' }));
    expect((first as ValidationError).errors).toEqual([{ field: 'forwardedOn', message: 'This exchange has not been screened: screen it before forwarding it' }]);
    const second = await refusal(exchanges.recordStep(handle.db, ctx, withheld, 'forward', { forwardedOn: '2026-11-20' }));
    expect((second as ValidationError).errors[0]!.message).toBe('This exchange was withheld at screening: it cannot be forwarded');
    expect(await counts()).toEqual(before);
    expect((await exchanges.viewExchange(handle.db, ctx, unscreened)).exchange.forwardedOn).toBeNull();
  });

  it('are received only for an occasion the agreement waits for', async () => {
    const ctx = await ctxFor(COORDINATOR);
    const a = await f.agreement('worcestershire', { firstMonth: 10, secondMonth: null, direction: 'from-birth-family' });
    const wrong = await refusal(exchanges.receiveExchange(handle.db, ctx, a.id, { direction: 'from-birth-family', dueOn: '2025-10-31', receivedOn: '2026-11-02', fromPartyId: a.partyIds[1] }));
    expect((wrong as ValidationError).errors.map((e) => e.field)).toEqual(['dueOn']);
    const noSender = await refusal(exchanges.receiveExchange(handle.db, ctx, a.id, { direction: 'from-birth-family', dueOn: '2026-10-31', receivedOn: '2026-11-02' }));
    expect((noSender as ValidationError).errors.map((e) => e.field)).toEqual(['fromPartyId']);
  });
});

describe('the queue, the reminders and the work', () => {
  it('lists letters awaiting screening oldest first, and reminds of late and due letters', async () => {
    const ctx = await ctxFor(COORDINATOR);
    const a = await f.agreement('herefordshire', { firstMonth: 11, secondMonth: 5, direction: 'from-birth-family' });
    const older = await f.exchange(a, { dueOn: '2026-05-31', receivedOn: '2026-05-02' });
    const queue = await exchanges.listExchanges(handle.db, ctx, { awaiting: 'screening', limit: '100' });
    expect(queue.items.every((e) => e.screenedOn === null)).toBe(true);
    expect(queue.items.map((e) => e.receivedOn)).toEqual([...queue.items.map((e) => e.receivedOn)].sort());
    expect(queue.items.map((e) => e.id)).toContain(older);
    const reminders = await letterbox.reminders(handle.db, ctx);
    expect(reminders.dueSoon).toContainEqual(expect.objectContaining({ dueOn: '2026-11-30', direction: 'from-birth-family', agreement: expect.objectContaining({ id: a.id }) }));
    expect(reminders.awaitingScreening).toBe(queue.total);
    const work = await letterbox.dueWork(handle.db, ctx);
    expect(work).toContainEqual(expect.objectContaining({ kind: 'letterbox-due', href: `/letterbox/agreements/${a.id}`, dueOn: '2026-11-30', overdue: false }));
    expect(work).toContainEqual(expect.objectContaining({ kind: 'letterbox-screening', href: `/letterbox/exchanges/${older}` }));
    // Thurrock's coordinator is given none of Herefordshire's.
    const elsewhere = await letterbox.dueWork(handle.db, await ctxFor('support-worker@thurrock.example'));
    expect(elsewhere.map((w) => w.href)).not.toContain(`/letterbox/agreements/${a.id}`);
  });
});
