// The area's pages and API through Fastify: an application to court too soon after the notice is
// refused on the form (a GOV.UK error summary naming the field and the dates) and by the API (a
// problem naming the field), with nothing saved; the pages render for a worker; a refusal to view
// is a 404; the OpenAPI description lists the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import { AdoptionFixtures } from './testing.ts';

let t: TestApp;
let f: AdoptionFixtures;
const as = bearerFor(() => t);
const WORKER = 'social-worker@west-mercia.example';
const appliedOn = async (id: string) => (await t.database.db.selectFrom('non_agency_adoption').select('applied_on').where('id', '=', id).executeTakeFirstOrThrow()).applied_on;

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  f = new AdoptionFixtures(t.database.db);
});
afterAll(() => t.close());

describe('an application made too soon after the notice', () => {
  it('is refused on the form, naming the field and the dates, and nothing is saved', async () => {
    const c = await f.nonAgency('herefordshire');
    const url = `/non-agency-adoptions/${c.id}/steps/application`;
    const response = await submitForm(t.app, await signIn(t.app, WORKER), url, { 'appliedOn-day': '20', 'appliedOn-month': '7', 'appliedOn-year': '2026', court: 'Family Court at Hereford' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#appliedOn-day"');
    expect(response.body).toContain('at least 3 months after the notice of intention (received 1 May 2026): on or after 1 August 2026, not 20 July 2026');
    expect(response.body).toContain('value="Family Court at Hereford"');
    expect(await appliedOn(c.id)).toBeNull();
  });

  it('is refused by the API as a problem naming the field', async () => {
    const c = await f.nonAgency('herefordshire');
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/non-agency-adoptions/${c.id}/steps`, headers: await as(WORKER), payload: { step: 'application', appliedOn: '2026-07-20', court: 'Family Court at Hereford' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['appliedOn']);
    expect(await appliedOn(c.id)).toBeNull();
  });
});

describe('the pages', () => {
  it('list, show and offer the steps of both record types to a worker of the partnership', async () => {
    const cookie = await signIn(t.app, WORKER);
    const c = await f.nonAgency('herefordshire', { applied: true });
    const i = await f.intercountry('shropshire');
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const list = await get(`/non-agency-adoptions?q=${encodeURIComponent(c.childName)}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(c.id);
    expect(list.body).toContain('moj-sub-navigation');
    const page = await get(`/non-agency-adoptions/${c.id}`);
    expect(page.body).toContain(`/non-agency-adoptions/${c.id}/steps/report-filed`);
    expect(page.body).toContain('Court report due 1 December 2026');
    const ic = await get(`/intercountry-adoptions/${i.id}`);
    expect(ic.statusCode).toBe(200);
    expect(ic.body).toContain(`/intercountry-adoptions/${i.id}/steps/papers-sent`);
    expect(ic.body).toContain('Send the papers to the DfE: was due 29 October 2026');
    expect((await get(`/intercountry-adoptions/${i.id}/steps/certificate`)).statusCode).toBe(404);
  });

  it('answer someone with no part in the case as if it did not exist', async () => {
    const c = await f.nonAgency('herefordshire');
    const response = await t.app.inject({ method: 'GET', url: `/non-agency-adoptions/${c.id}`, headers: { cookie: await signIn(t.app, 'social-worker@thurrock.example') } });
    expect(response.statusCode).toBe(404);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/non-agency-adoptions', '/api/v1/non-agency-adoptions/{id}', '/api/v1/non-agency-adoptions/{id}/steps',
      '/api/v1/intercountry-adoptions', '/api/v1/intercountry-adoptions/{id}', '/api/v1/intercountry-adoptions/{id}/steps',
    ]));
  });
});
