// The letterbox's pages and API through Fastify: a forward before screening refused on the page
// (a GOV.UK error summary naming the field) with nothing saved, the agreement's page hiding the
// birth relatives' names from the coordinator, a form refused naming its field, and the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import { LetterboxFixtures } from './testing.ts';

let t: TestApp;
let f: LetterboxFixtures;
const as = bearerFor(() => t);
const COORDINATOR = 'support-worker@west-mercia.example';
const WORKER = 'social-worker@herefordshire.example';
const cookies = new Map<string, string>();
const session = async (email: string) => {
  if (!cookies.has(email)) cookies.set(email, await signIn(t.app, email));
  return cookies.get(email)!;
};
const page = async (email: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: await session(email) } });
const date = (field: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(m)), [`${field}-year`]: y! };
};

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  f = new LetterboxFixtures(t.database.db);
});
afterAll(() => t.close());

describe('letterbox pages', () => {
  it('refuse forwarding a letter not yet screened, naming the field, and save nothing', async () => {
    const a = await f.agreement('herefordshire');
    const id = await f.exchange(a);
    const url = `/letterbox/exchanges/${id}`;
    const response = await submitForm(t.app, await session(COORDINATOR), url, date('forwardedOn', '2026-11-20'), `${url}/forwarding`);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#forwardedOn-day"');
    expect(response.body).toContain('This exchange has not been screened: screen it before forwarding it');
    const row = await t.database.db.selectFrom('letterbox_exchange').select(['forwarded_on', 'screened_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ forwarded_on: null, screened_on: null });
    // Screened, it goes.
    expect((await submitForm(t.app, await session(COORDINATOR), url, { outcome: 'suitable', ...date('screenedOn', '2026-11-19') }, `${url}/screening`)).statusCode).toBe(303);
    expect((await submitForm(t.app, await session(COORDINATOR), url, date('forwardedOn', '2026-11-20'), `${url}/forwarding`)).statusCode).toBe(303);
    expect((await page(COORDINATOR, url)).body).toContain('20 November 2026 to The adoptive family');
  });

  it('show the agreement\'s letters in order, its history, and the birth relatives only to those who may see the birth family', async () => {
    const a = await f.agreement('herefordshire');
    await f.exchange(a, { step: 'filed' });
    const coordinator = await page(COORDINATOR, `/letterbox/agreements/${a.id}`);
    expect(coordinator.statusCode).toBe(200);
    expect(coordinator.body).toContain('Birth mother (name not shown to you)');
    expect(coordinator.body).not.toContain('Leanne Fixture');
    expect(coordinator.body).toContain('Filed on the adoption record on 29 September 2026');
    expect(coordinator.body).toContain('id="history"');
    const worker = await page(WORKER, `/letterbox/agreements/${a.id}`);
    expect(worker.body).toMatch(/Leanne Fixture\d+ \(birth mother\)/);
  });

  it('refuse a receipt with no date, naming the field', async () => {
    const a = await f.agreement('herefordshire');
    const url = `/letterbox/agreements/${a.id}`;
    const response = await submitForm(t.app, await session(COORDINATOR), url, { occasion: 'to-birth-family|2026-09-30' }, `${url}/exchanges`);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#receivedOn-day"');
    expect(await t.database.db.selectFrom('letterbox_exchange').select('id').where('agreement_id', '=', a.id).execute()).toEqual([]);
  });
});

describe('letterbox API', () => {
  it('lists agreements and exchanges a page at a time, shows one, and answers problems', async () => {
    const a = await f.agreement('shropshire');
    const exchangeId = await f.exchange(a);
    const headers = await as(COORDINATOR);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/letterbox/agreements/${a.id}`, headers });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: a.id, months: [3, 9], status: 'active', parties: [{ label: 'Birth mother (name not shown to you)' }, expect.anything()] });
    expect(one.json().exchanges).toEqual([expect.objectContaining({ id: exchangeId, nextStep: 'screen' })]);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/letterbox/exchanges?awaiting=screening&limit=5', headers });
    expect(list.json()).toMatchObject({ offset: 0, limit: 5 });
    expect(list.json().items.length).toBeLessThanOrEqual(5);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/letterbox/agreements?status=lost', headers });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('status');
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/letterbox/agreements/${a.id}`, headers: await as('support-worker@thurrock.example') });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('case notes on an agreement', () => {
  it('are written by whoever records its exchanges, shown on its notes page, and hidden from another council', async () => {
    const a = await f.agreement('herefordshire');
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/letterbox/agreements/${a.id}/notes`, headers: await as(COORDINATOR), payload: { type: 'phone-call', date: '2026-11-21', time: '10:15', body: 'The birth grandmother asked when the next letter is due.' } });
    expect(created.statusCode).toBe(201);
    const notes = await page(COORDINATOR, `/letterbox/agreements/${a.id}/notes`);
    expect(notes.statusCode).toBe(200);
    expect(notes.body).toContain('The birth grandmother asked when the next letter is due.');
    expect((await page(COORDINATOR, `/letterbox/agreements/${a.id}`)).body).toContain(`/letterbox/agreements/${a.id}/notes`);
    expect((await page('social-worker@shropshire.example', `/letterbox/agreements/${a.id}/notes`)).statusCode).toBe(404);
  });
});
