// The rule catalogue page (routes.ts GET /returns/903/rules), linked from the returns page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../../core/testing/app.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(async () => { await t.close(); });

describe('the rule catalogue page', () => {
  it('lists the rules of the year chosen, 302 and 501 among them for 2025/26, and is linked from the returns page', async () => {
    const cookie = await signIn(t.app, 'analyst@herefordshire.example');
    const returns = await t.app.inject({ method: 'GET', url: '/returns', headers: { cookie } });
    expect(returns.body).toContain('href="/returns/903/rules"');

    const page = await t.app.inject({ method: 'GET', url: '/returns/903/rules?year=2026', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('SSDA903 rules checked for 2025/26');
    expect(page.body).toMatch(/<td class="govuk-table__cell">302<\/td>/);
    expect(page.body).toMatch(/<td class="govuk-table__cell">501<\/td>/);
    expect(page.body).toMatch(/<td class="govuk-table__cell">233<\/td>/);
    expect(page.body).toContain('2025/26 onwards');

    const earlier = await t.app.inject({ method: 'GET', url: '/returns/903/rules?year=2024%2F25', headers: { cookie } });
    expect(earlier.statusCode).toBe(200);
    expect(earlier.body).not.toMatch(/<td class="govuk-table__cell">233<\/td>/);
    expect(earlier.body).toMatch(/<td class="govuk-table__cell">302<\/td>/);
  });

  it('names the year when it is not one Mercia knows', async () => {
    const cookie = await signIn(t.app, 'analyst@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: '/returns/903/rules?year=2019', headers: { cookie } });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Select a collection year');
  });

  it('is for the staff who see the returns', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    expect((await t.app.inject({ method: 'GET', url: '/returns/903/rules?year=2026', headers: { cookie } })).statusCode).toBe(404);
  });
});
