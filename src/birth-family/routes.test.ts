// Birth family support's pages and API through Fastify: the case page shows the linked child only
// to those the children area lets see the child; a session on a closed case is refused on the form
// (an error summary naming the field) and by the API (a problem naming the field) with nothing
// saved; an offer before the referral is refused naming the field; the OpenAPI document lists the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import * as store from './store.ts';
import { BirthFamilyFixtures } from './testing.ts';

let t: TestApp;
let f: BirthFamilyFixtures;
const as = bearerFor(() => t);
const WORKER = 'support-worker@west-mercia.example';
const SOCIAL_WORKER = 'social-worker@herefordshire.example';
const sessions = async () => Number((await t.database.db.selectFrom('birth_family_session').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  f = new BirthFamilyFixtures(t.database.db);
});
afterAll(() => t.close());

describe('the case page', () => {
  it('shows the child\'s name and link to the council\'s social worker, and not to the partnership\'s support worker', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const own = await t.app.inject({ method: 'GET', url: `/birth-family-support/${c.caseId}`, headers: { cookie: await signIn(t.app, SOCIAL_WORKER) } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(c.childName!);
    expect(own.body).toContain(`href="/children/${c.childId}"`);
    const partnership = await t.app.inject({ method: 'GET', url: `/birth-family-support/${c.caseId}`, headers: { cookie: await signIn(t.app, WORKER) } });
    expect(partnership.statusCode).toBe(200);
    expect(partnership.body).toContain(c.name);
    expect(partnership.body).not.toContain(c.childName!);
    expect(partnership.body).not.toContain(`/children/${c.childId}`);
    expect(partnership.body).toContain('not shown to you');
  });

  it('lists the case, filtered by council and status', async () => {
    const c = await f.birthFamilyCase('shropshire', { linked: false });
    const cookie = await signIn(t.app, WORKER);
    const open = await t.app.inject({ method: 'GET', url: `/birth-family-support?q=${encodeURIComponent(c.familyName)}&council=${await f.org('shropshire')}&status=open`, headers: { cookie } });
    expect(open.body).toContain(c.caseId);
    expect(open.body).toContain('Ella, born 2020');
    const closed = await t.app.inject({ method: 'GET', url: `/birth-family-support?q=${encodeURIComponent(c.familyName)}&status=closed`, headers: { cookie } });
    expect(closed.body).not.toContain(c.caseId);
  });
});

describe('a session on a closed case', () => {
  it('is refused on the form naming the field, and nothing is saved', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    await store.insertClosing(t.database.db, c.caseId, { closedOn: '2026-10-01', outcome: 'completed', summary: 'Counselling finished.' }, null);
    const before = await sessions();
    const response = await submitForm(t.app, await signIn(t.app, WORKER), `/birth-family-support/${c.caseId}/sessions/new`, {
      'heldOn-day': '20', 'heldOn-month': '11', 'heldOn-year': '2026', kind: 'phone', minutes: '20', note: 'Called to check in.',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#heldOn-day"');
    expect(response.body).toContain('This case was closed on 1 October 2026: reopen it to record a session');
    expect(await sessions()).toBe(before);
  });

  it('is refused by the API as a problem naming the field', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    await store.insertClosing(t.database.db, c.caseId, { closedOn: '2026-10-01', outcome: 'moved-away', summary: 'Moved to Scotland.' }, null);
    const before = await sessions();
    const response = await t.app.inject({
      method: 'POST', url: `/api/v1/birth-family-support/${c.caseId}/sessions`, headers: await as(WORKER),
      payload: { heldOn: '2026-11-20', kind: 'phone', minutes: 20, note: 'Called.' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await sessions()).toBe(before);
  });
});

describe('an offer before the referral', () => {
  it('is refused by the API naming madeOn', async () => {
    const c = await f.birthFamilyCase('herefordshire');
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/birth-family-support/${c.caseId}/offers`, headers: await as(WORKER), payload: { madeOn: '2026-07-01', kind: 'advice' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'madeOn', message: 'The date of the offer cannot be before the referral (3 August 2026)' }]);
  });
});

describe('the API', () => {
  it('opens a case and shows it, and is described in the OpenAPI document', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/v1/birth-family-support', headers: await as(WORKER),
      payload: { givenName: 'Kerry', familyName: 'Test-Api', relationship: 'grandparent', childFirstName: 'Leo', childBirthYear: 2022, ownerId: await f.org('telford-and-wrekin'),
        receivedOn: '2026-11-02', referredBy: 'self', reason: 'Wants to write to her grandson.', consentToShare: false },
    });
    expect(response.statusCode).toBe(201);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/birth-family-support/${response.json().id}`, headers: await as(WORKER) });
    expect(one.json()).toMatchObject({ givenName: 'Kerry', relationship: 'grandparent', child: 'Leo, born 2022', closed: false, referrals: [{ referredBy: 'self', consentToShare: false }] });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/birth-family-support', '/api/v1/birth-family-support/{id}', '/api/v1/birth-family-support/{id}/sessions', '/api/v1/birth-family-support/{id}/close']));
  });
});
