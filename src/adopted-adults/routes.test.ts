// The pages and API through Fastify: a new request's page shows the regime and counselling with
// their reasons; disclosure before required counselling is refused on the form (a GOV.UK error
// summary naming the field, nothing saved) and an approach under an absolute veto by the API (a
// problem naming the field); the list filters by kind and status; the OpenAPI document lists the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import * as store from './store.ts';
import { AdoptedAdultFixtures } from './testing.ts';

let t: TestApp;
let f: AdoptedAdultFixtures;
const as = bearerFor(() => t);
const WORKER = 'support-worker@west-mercia.example';

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  f = new AdoptedAdultFixtures(t.database.db);
});
afterAll(() => t.close());

describe('the request page', () => {
  it('shows the regime and whether counselling is required, with the reasons', async () => {
    const r = await f.before1975('herefordshire');
    const page = await t.app.inject({ method: 'GET', url: `/adopted-adults/${r.id}`, headers: { cookie: await signIn(t.app, WORKER) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pre-commencement adoption (before 30 December 2005)');
    expect(page.body).toContain('Required before information is given');
    expect(page.body).toContain('Adopted on 14 March 1968, before 12 November 1975');
  });

  it('refuses recording disclosure before counselling on the form, naming the field, with nothing saved', async () => {
    const r = await f.before1975('herefordshire');
    const response = await submitForm(t.app, await signIn(t.app, WORKER), `/adopted-adults/${r.id}/steps/new`, { step: 'information-disclosed', 'on-day': '1', 'on-month': '10', 'on-year': '2026' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#step"');
    expect(response.body).toContain('record a counselling session');
    expect((await store.partsOf(t.database.db, r.id)).steps).toEqual([]);
  });
});

describe('the API', () => {
  it('refuses an approach under an absolute veto as a problem naming the field', async () => {
    const r = await f.intermediary('shropshire');
    await store.insertVeto(t.database.db, r.id, { kind: 'absolute', registeredOn: '2025-01-10' }, null);
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/adopted-adults/${r.id}/steps`, headers: await as(WORKER), payload: { step: 'approach-made', on: '2026-11-20' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'step', message: 'The adopted person registered an absolute veto on 10 January 2025: no approach may be made' }]);
  });

  it('creates a request and shows it, with its regime', async () => {
    const input = await f.input('worcestershire', { orderOn: '2007-05-01', adoptedDateOfBirth: '2006-02-01', applicantDateOfBirth: '1988-01-01' });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/adopted-adults', headers: await as(WORKER), payload: input });
    expect(created.statusCode).toBe(201);
    const shown = (await t.app.inject({ method: 'GET', url: `/api/v1/adopted-adults/${created.json().id}`, headers: await as(WORKER) })).json();
    expect(shown.regime.regime).toBe('post-commencement');
    expect(shown.birthName).toBe(input.birthName);
  });

  it('lists by kind and status, and is described in the OpenAPI document', async () => {
    const r = await f.before1975('telford-and-wrekin');
    const list = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/adopted-adults?${q}&limit=200`, headers: await as(WORKER) })).json().items.map((x: { id: string }) => x.id);
    expect(await list('kind=birth-records&status=open')).toContain(r.id);
    expect(await list('kind=intermediary')).not.toContain(r.id);
    expect(await list('kind=birth-records&status=closed')).not.toContain(r.id);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/adopted-adults', '/api/v1/adopted-adults/{id}', '/api/v1/adopted-adults/{id}/steps']));
  });
});
