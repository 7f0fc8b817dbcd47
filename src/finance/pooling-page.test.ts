// The pooling page through inject: the form, the figures with their assumptions, tables and
// charts, downloads, bad values named, and who is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../core/testing/app.ts';

let t: TestApp;
let analyst: string;

beforeAll(async () => {
  t = await startTestApp();
  analyst = await signIn(t.app, 'analyst@west-mercia.example');
});
afterAll(() => t?.close());

const get = (url: string, cookie = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('/finance/pooling', () => {
  it('shows each scenario\'s figures with the assumptions, tables and charts', async () => {
    const page = await get('/finance/pooling?years=3&threshold=100&seed=4');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">What pooling is worth</h1>');
    expect(page.body).toContain('The scenarios compared: West Mercia Adoption Partnership');
    for (const caption of ['Each council alone: by council', 'Pooled: by council', 'Pooled plus inter-agency: by council']) expect(page.body).toContain(caption);
    expect(page.body).toContain('still waiting 100 days after becoming ready');
    expect(page.body).toContain('seed 4');
    expect(page.body.match(/<svg[^>]*role="img"/g)).toHaveLength(2);
    expect(page.body).toContain('value="3"');
  });

  it('downloads the tables as CSV and XLSX', async () => {
    const csv = await get('/finance/pooling?years=2&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[1]).toBe('Scenario,Children ready for a match,Children matched,"Mean days, SHOBPA to match","Median days, SHOBPA to match",Never matched,"Of whom, plan changed",Matched inter-agency,Inter-agency fees (£)');
    const xlsx = await get('/finance/pooling?years=2&format=xlsx');
    expect(xlsx.headers['content-disposition']).toMatch(/attachment; filename="pooling-.*\.xlsx"/);
  });

  it('names the field when a value is wrong, and shows no figures', async () => {
    const page = await get('/finance/pooling?years=20&threshold=abc');
    expect(page.statusCode).toBe(422);
    expect(page.body.split('class="govuk-error-summary"')).toHaveLength(2);
    expect(page.body).toContain('href="#years"');
    expect(page.body).toContain('The number of years must be from 1 to 10');
    expect(page.body).toContain('href="#threshold"');
    expect(page.body).not.toContain('The scenarios compared');
  });

  it('is refused to those who may not see every council\'s figures', async () => {
    for (const email of ['social-worker@west-mercia.example', 'analyst@worcestershire.example']) {
      const response = await get('/finance/pooling', await signIn(t.app, email));
      expect(response.statusCode).toBe(403);
    }
  });
});
