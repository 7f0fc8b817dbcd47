// Birth family support through the real database (the seeded demo's organisations and people, with
// fixtures of this file's own): opening a case linked to a child the person may see (and refused
// for one they may not), the child shown only to those the children area lets see them, a closed
// case refusing sessions with nothing written, closing and reopening, the work queue, and the audit
// log finding every view and change by the case, its owner and the child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLinks } from '../core/audit.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as birthFamily from './service.ts';
import * as store from './store.ts';
import { BirthFamilyFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: BirthFamilyFixtures;
const WORKER = 'support-worker@west-mercia.example';
const SOCIAL_WORKER = 'social-worker@herefordshire.example';
const ctxFor = (email: string, today = '2026-11-23') => contextOf(handle.db, email, today);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
const count = async (table: 'birth_family_session' | 'birth_family_case') => Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const lastEvent = async () => Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);
const referral = { receivedOn: '2026-11-02', referredBy: 'childs-social-worker', reason: 'Placement order made.', consentToShare: 'yes' };

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new BirthFamilyFixtures(handle.db);
});
afterAll(() => handle.close());

describe('opening a case', () => {
  it('links a child the council\'s social worker may see, and the case is the child\'s council\'s', async () => {
    const child = await f.child('herefordshire');
    const ctx = await ctxFor(SOCIAL_WORKER);
    expect((await birthFamily.openingChoices(handle.db, ctx)).children.map((c) => c.id)).toContain(child.id);
    const id = await birthFamily.openCase(handle.db, ctx, { givenName: 'Gemma', familyName: 'Test', relationship: 'birth-mother', childId: child.id, ...referral });
    const own = await birthFamily.viewCase(handle.db, ctx, id);
    expect(own).toMatchObject({ childShown: true, child: child.name, closing: undefined });
    expect(own.c.ownerId).toBe(await f.org('herefordshire'));
    // The partnership's support worker works on the case but may not see the child's record.
    const partnership = await birthFamily.viewCase(handle.db, await ctxFor(WORKER), id);
    expect(partnership).toMatchObject({ childShown: false, child: 'A child with a record in Mercia (not shown to you)', can: { work: true, close: true } });
  });

  it('refuses a child the person may not see as if it did not exist, and asks for a first name or the child\'s record', async () => {
    const child = await f.child('herefordshire');
    const before = await count('birth_family_case');
    const hidden = (await refusal(birthFamily.openCase(handle.db, await ctxFor(WORKER), { givenName: 'A', familyName: 'B', relationship: 'birth-father', childId: child.id, ...referral }))) as ValidationError;
    expect(hidden.errors.map((e) => e.field)).toEqual(['childId']);
    const neither = (await refusal(birthFamily.openCase(handle.db, await ctxFor(WORKER), { givenName: 'A', familyName: 'B', relationship: 'birth-father', ...referral }))) as ValidationError;
    expect(neither.errors.map((e) => e.field)).toEqual(['childFirstName', 'ownerId']);
    const future = (await refusal(birthFamily.openCase(handle.db, await ctxFor(WORKER), { givenName: 'A', familyName: 'B', relationship: 'birth-father', childFirstName: 'Leo', ownerId: await f.org('shropshire'), ...referral, receivedOn: '2026-11-24' }))) as ValidationError;
    expect(future.errors).toEqual([{ field: 'receivedOn', message: 'The date cannot be in the future' }]);
    expect(await count('birth_family_case')).toBe(before);
  });
});

describe('a closed case', () => {
  it('takes no session (refused clearly, nothing written) until it is reopened with a reason', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const ctx = await ctxFor(WORKER);
    const early = (await refusal(birthFamily.closeCase(handle.db, ctx, c.caseId, { closedOn: '2026-09-09', outcome: 'completed', summary: 'Done.' }))) as ValidationError;
    expect(early.errors).toEqual([{ field: 'closedOn', message: 'The date closed cannot be before the last session (10 September 2026)' }]);
    await birthFamily.closeCase(handle.db, ctx, c.caseId, { closedOn: '2026-10-01', outcome: 'completed', summary: 'Counselling finished.' });
    const [sessions, events] = [await count('birth_family_session'), await lastEvent()];
    const refused = await refusal(birthFamily.addSession(handle.db, ctx, c.caseId, { heldOn: '2026-11-20', kind: 'phone', minutes: 20, note: 'Called.' }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ field: 'heldOn', message: 'This case was closed on 1 October 2026: reopen it to record a session' });
    expect([await count('birth_family_session'), await lastEvent()]).toEqual([sessions, events]);
    const reopenEarly = (await refusal(birthFamily.reopenCase(handle.db, ctx, c.caseId, { reopenedOn: '2026-09-30', reason: 'Back.' }))) as ValidationError;
    expect(reopenEarly.errors.map((e) => e.field)).toEqual(['reopenedOn']);
    await birthFamily.reopenCase(handle.db, ctx, c.caseId, { reopenedOn: '2026-11-10', reason: 'Asked for help with a letter.' });
    await birthFamily.addSession(handle.db, ctx, c.caseId, { heldOn: '2026-11-20', kind: 'letter-writing', minutes: 45, note: 'Wrote the letter together.' });
    const v = await birthFamily.viewCase(handle.db, ctx, c.caseId);
    expect(v.closing).toBeUndefined();
    expect(v.timeline.slice(0, 3).map((e) => e.title)).toEqual(['Session: letter-writing help, 45 minutes', 'Reopened', 'Closed: support completed']);
  });

  it('is closed only once, and an answered offer is not answered again', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const ctx = await ctxFor(WORKER);
    await birthFamily.closeCase(handle.db, ctx, c.caseId, { closedOn: '2026-10-01', outcome: 'moved-away', summary: 'Moved.' });
    expect(await refusal(birthFamily.closeCase(handle.db, ctx, c.caseId, { closedOn: '2026-10-02', outcome: 'moved-away', summary: 'Moved.' }))).toBeInstanceOf(ConflictError);
    expect(await refusal(birthFamily.answerOffer(handle.db, ctx, c.caseId, c.acceptedOfferId, { answer: 'declined', answeredOn: '2026-11-01' }))).toMatchObject({ field: 'answer' });
  });

  it('takes no answer to an offer, as it takes no session', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const ctx = await ctxFor(WORKER);
    const open = (await birthFamily.viewCase(handle.db, ctx, c.caseId)).offers.find((o) => !o.answer);
    const offerId = open?.id ?? await birthFamily.makeOffer(handle.db, ctx, c.caseId, { madeOn: '2026-09-20', what: 'counselling' });
    await birthFamily.closeCase(handle.db, ctx, c.caseId, { closedOn: '2026-10-01', outcome: 'completed', summary: 'Done.' });
    const events = await lastEvent();
    expect(await refusal(birthFamily.answerOffer(handle.db, ctx, c.caseId, offerId, { answer: 'accepted', answeredOn: '2026-11-21' }))).toMatchObject({ field: 'answeredOn', message: 'This case was closed on 1 October 2026: reopen it to record an answer' });
    expect(await lastEvent()).toEqual(events);
  });

  it('counts a session\'s minutes only as a whole number', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const ctx = await ctxFor(WORKER);
    for (const minutes of [[30], true, '3.5', 'half an hour']) {
      expect((await refusal(birthFamily.addSession(handle.db, ctx, c.caseId, { heldOn: '2026-11-20', kind: 'phone', minutes, note: 'Called.' })) as ValidationError).errors.map((e) => e.field)).toEqual(['minutes']);
    }
  });
});

describe('work due', () => {
  it('lists a referral with no offer after 10 working days, an unanswered offer after 28 days, and no session for 3 months, to those who work on the case', async () => {
    const waiting = await f.birthFamilyCase('shropshire');
    const fresh = await store.insertCase(handle.db, { ownerId: await f.org('shropshire'), childId: null, childFirstName: 'Kai', childBirthYear: 2022, givenName: 'Dean', familyName: 'Work-Due', dateOfBirth: null, relationship: 'birth-father', openedOn: '2026-11-06', openedBy: null });
    // Friday 6 November 2026 + 10 working days: Friday 20 November.
    await store.insertReferral(handle.db, fresh, { receivedOn: '2026-11-06', referredBy: 'self', reason: 'Wants to talk.', consentToShare: true }, null);
    const items = await birthFamily.dueWork(handle.db, await ctxFor(WORKER));
    expect(items.filter((i) => i.href === `/birth-family-support/${fresh}`)).toMatchObject([{ kind: 'birth-family-offer-due', dueOn: '2026-11-20', overdue: true, title: 'Offer support to the birth relative: Dean Work-Due' }]);
    const mine = items.filter((i) => i.href === `/birth-family-support/${waiting.caseId}`);
    expect(mine.map((i) => [i.kind, i.dueOn])).toEqual(expect.arrayContaining([['birth-family-reply-due', '2026-09-29']]));
    // The last session was on 10 September: a session is due by 10 December, not yet.
    expect(mine.map((i) => i.kind)).not.toContain('birth-family-session-due');
    const later = await birthFamily.dueWork(handle.db, await ctxFor(WORKER, '2026-12-10'));
    expect(later.filter((i) => i.href === `/birth-family-support/${waiting.caseId}`).map((i) => i.kind)).toContain('birth-family-session-due');
    expect((await birthFamily.dueWork(handle.db, await ctxFor('support-worker@thurrock.example'))).filter((i) => i.href === `/birth-family-support/${fresh}`)).toEqual([]);
  });
});

describe('the audit log', () => {
  it('finds every view and change by the case, by its owner and by the child', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const since = await lastEvent();
    const ctx = await ctxFor(WORKER);
    await birthFamily.viewCase(handle.db, ctx, c.caseId);
    await birthFamily.makeOffer(handle.db, ctx, c.caseId, { madeOn: '2026-11-20', kind: 'letterbox' });
    const events = await handle.db.selectFrom('audit_event').select(['action', 'record_type', 'record_id', 'owner_id']).where('id', '>', since).where('record_id', '=', c.caseId).execute();
    expect(events.map((e) => e.action)).toEqual(['view', 'update']);
    expect(new Set(events.map((e) => e.owner_id))).toEqual(new Set([await f.org('herefordshire')]));
    const links = await auditLinks(handle.db).selectFrom('audit_event_link').select(['record_type', 'record_id']).where('event_id', '>', since).execute();
    expect(links.filter((l) => l.record_type === 'child' && l.record_id === c.childId)).toHaveLength(2);
  });
});
