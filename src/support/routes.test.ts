// Support's pages and API through Fastify: an application over its year's limit is refused on the
// form (a GOV.UK error summary naming the limit, the year and what is committed) and by the API
// (a problem naming the field), with nothing saved; the OpenAPI description lists the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import { SupportFixtures } from './testing.ts';

let t: TestApp;
let f: SupportFixtures;
const as = bearerFor(() => t);
const WORKER = 'support-worker@west-mercia.example';
const applications = async () => Number((await t.database.db.selectFrom('asf_application').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  f = new SupportFixtures(t.database.db);
});
afterAll(() => t.close());

describe('an application over the year\'s limit', () => {
  it('is refused on the form, naming the limit, the year and what is committed, and nothing is saved', async () => {
    const c = await f.supportCase('herefordshire');
    const before = await applications();
    const url = `/support/${c.caseId}/asf/new`;
    const response = await submitForm(t.app, await signIn(t.app, WORKER), url, {
      assessmentId: c.assessmentId, kind: 'therapy', therapyType: 'Theraplay', provider: 'Malvern Family Therapies', amount: '£1,600', financialYear: '2026',
      'endsOn-day': '1', 'endsOn-month': '3', 'endsOn-year': '2027', 'appliedOn-day': '20', 'appliedOn-month': '11', 'appliedOn-year': '2026',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#amount"');
    expect(response.body).toContain('£1,600 is over the fair access limit (assessments included) of £3,000 per child in 2026 to 2027: £1,500 is already committed, so £1,500 is left');
    expect(response.body).toContain('value="Theraplay"');
    expect(await applications()).toBe(before);
  });

  it('is refused by the API as a problem naming the field', async () => {
    const c = await f.supportCase('herefordshire');
    const before = await applications();
    const response = await t.app.inject({
      method: 'POST', url: `/api/v1/support-cases/${c.caseId}/asf-applications`, headers: await as(WORKER),
      payload: { assessmentId: c.assessmentId, kind: 'specialist-assessment', therapyType: 'Assessment', provider: 'Marches Child Psychology', amount: 2600, financialYear: 2026, endsOn: '2027-01-31', appliedOn: '2026-11-20' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['amount', 'amount']);
    expect(response.json().errors[0].message).toContain('over the specialist assessment limit of £2,500 per child in 2026 to 2027');
    expect(await applications()).toBe(before);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/support-cases', '/api/v1/support-cases/{id}', '/api/v1/asf-applications', '/api/v1/support-cases/{id}/asf-applications']));
  });
});

describe('case notes on a support case', () => {
  it('are written by whoever works on the case, shown on its notes page, and hidden from another council', async () => {
    const c = await f.supportCase('herefordshire');
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/support/${c.caseId}/notes`, headers: await as(WORKER), payload: { type: 'phone-call', date: '2026-11-21', time: '09:05', body: 'Called the adoptive parents about the therapy.' } });
    expect(created.statusCode).toBe(201);
    const page = await t.app.inject({ method: 'GET', url: `/support/${c.caseId}/notes`, headers: { cookie: await signIn(t.app, WORKER) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Called the adoptive parents about the therapy.');
    expect(page.body).toContain(`Support for ${c.childName}`);
    const other = await t.app.inject({ method: 'GET', url: `/support/${c.caseId}/notes`, headers: { cookie: await signIn(t.app, 'social-worker@shropshire.example') } });
    expect(other.statusCode).toBe(404);
    const written = await t.app.inject({ method: 'POST', url: `/api/v1/support/${c.caseId}/notes`, headers: await as('social-worker@shropshire.example'), payload: { type: 'visit', date: '2026-11-21', time: '09:00', body: 'x' } });
    expect(written.statusCode).toBe(404);
  });
});
