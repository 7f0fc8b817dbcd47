// Issue 9 items 8 and 9 through the pages and the API: a match decided before court authority
// (A2 is then zero, and the scorecard counts the child), and a milestone dated before an
// earlier step refused with both dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, submitForm, type TestApp } from '../../core/testing/app.ts';
import { contextOf } from '../../core/testing/context.ts';
import * as staffService from '../../staff/service.ts';
import * as staffStore from '../../staff/store.ts';
import * as children from '../service.ts';

let t: TestApp;
let headers: { authorization: string };
let cookie: string;

const newChild = { firstName: 'Rhea', lastName: 'Ordertest', dateOfBirth: '2022-06-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2024-02-01' };

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  const person = await staffStore.findStaffByEmail(t.database.db, 'social-worker@herefordshire.example');
  headers = { authorization: `Bearer ${(await staffService.createToken(t.database.db, person!.id, { label: 'test' }, null)).token}` };
  cookie = await signIn(t.app, 'social-worker@herefordshire.example');
});
afterAll(() => t.close());

async function register(firstName: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...newChild, firstName } });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

const record = (id: string, payload: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/v1/children/${id}/milestones`, headers, payload });

/** A milestone recorded through the page's form (the date in day, month and year boxes). */
function recordOnPage(id: string, type: string, date: string, code = '') {
  const [year, month, day] = date.split('-') as [string, string, string];
  return submitForm(t.app, cookie, `/children/${id}/milestones/new`, { type, 'date-day': day, 'date-month': month, 'date-year': year, code, notes: '' });
}

const herefordshireScorecard = async () => {
  const card = await children.scorecard(t.database.db, await contextOf(t.database.db, 'analyst@herefordshire.example', '2026-11-23'));
  return card.councils.find((c) => c.code === 'E06000019')!;
};

describe('a match before court authority (issue 9 item 8)', () => {
  it('shobpa → match → placement order → placed → adoption order: the child page shows A2 as 0 days and the scorecard counts the child', async () => {
    const before = await herefordshireScorecard();
    const id = await register('Rhea');
    expect((await record(id, { type: 'shobpa', date: '2024-04-01' })).statusCode).toBe(201);
    expect((await record(id, { type: 'match', date: '2024-05-01' })).statusCode).toBe(201);
    // The placement order after the match: through the page (the API takes it the same way).
    const order = await recordOnPage(id, 'placement-order', '2024-06-03', 'order');
    expect(order.statusCode, order.body.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]).toBe(303);
    expect((await record(id, { type: 'placed-for-adoption', date: '2024-06-10', code: 'A6' })).statusCode).toBe(201);
    const timeliness = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}/timeliness`, headers })).json();
    expect(timeliness.a2).toMatchObject({ from: '2024-06-03', to: '2024-05-01', days: 0, status: 'met' });
    const page = await t.app.inject({ method: 'GET', url: `/children/${id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const a2Row = /<tr[^>]*data-measure="A2"[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
    const numbers = [...a2Row.matchAll(/govuk-table__cell--numeric">\s*([^<]*?)\s*</g)].map((m) => m[1]);
    expect(numbers).toEqual(['0', '121']);
    expect(a2Row).toContain('3 June 2024');

    // The adoption order seals the child's case record, to the social worker who recorded it too.
    const adopted = await record(id, { type: 'adoption-order', date: '2024-12-02', code: 'E11' });
    expect(adopted.statusCode).toBe(201);
    expect(adopted.json().child).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `/children/${id}`, headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers })).statusCode).toBe(403);

    const after = await herefordshireScorecard();
    expect(after.adopted).toBe(before.adopted + 1);
    expect(after.a2Children).toBe(before.a2Children + 1);
    // A zero among the others can only bring the average down.
    if (before.a2Days !== null) expect(after.a2Days!).toBeLessThanOrEqual(before.a2Days);
    else expect(after.a2Days).toBe(0);
    const scorecardPage = await t.app.inject({ method: 'GET', url: '/children/scorecard', headers: { cookie } });
    expect(scorecardPage.statusCode).toBe(200);
  });

  it('still refuses placing for adoption (A6) before the placement order (903 rule 408)', async () => {
    const id = await register('Saul');
    await record(id, { type: 'shobpa', date: '2024-04-01' });
    await record(id, { type: 'match', date: '2024-05-01' });
    await record(id, { type: 'placement-order', date: '2024-06-03' });
    const early = await record(id, { type: 'placed-for-adoption', date: '2024-05-20', code: 'A6' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toEqual({ field: 'date', message: 'Placed for adoption (20 May 2024) cannot be before the placement order (3 June 2024)' });
  });
});

describe('a milestone dated before earlier steps (issue 9 item 9)', () => {
  it('refuses a matching panel dated before family finding started, naming both dates, on the page and in the API, and records nothing', async () => {
    const id = await register('Tess');
    for (const m of [{ type: 'shobpa', date: '2025-11-01' }, { type: 'placement-order', date: '2026-02-21' }, { type: 'family-finding-started', date: '2026-03-04' }]) {
      expect((await record(id, m)).statusCode).toBe(201);
    }
    const message = 'Matching panel (1 January 2026) cannot be before the start of family finding (4 March 2026)';
    const api = await record(id, { type: 'matching-panel', date: '2026-01-01' });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toEqual([{ field: 'date', message }]);
    const page = await recordOnPage(id, 'matching-panel', '2026-01-01');
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain(message);
    const child = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers })).json();
    expect(child.stage).toBe('family-finding');
    expect(child.milestones.map((m: { type: string }) => m.type)).toEqual(['shobpa', 'placement-order', 'family-finding-started']);
  });
});
