// Finance's pages through Fastify: each page for the partnership's finance officer, with its
// chart and tables; downloads as CSV and XLSX; the £72,000 with its inputs on the page; a bad
// upload listing line and column with nothing imported; a form refusing a field by name; and
// refusals for other roles and councils.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../casework/documents-fixtures.ts';
import { cookiesFrom, csrfTokenIn, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';

let t: TestApp;
let officer: string;
const OFFICER = 'finance-officer@west-mercia.example';
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

beforeAll(async () => {
  t = await startTestApp();
  officer = await signIn(t.app, OFFICER);
});
afterAll(() => t.close());

describe('the pages', () => {
  it('shows the overview, with Finance in the navigation', async () => {
    const page = await get('/finance', officer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/finance"');
    expect(page.body).toContain('£72,000');
    expect(page.body).toContain('£2,348,000');
  });

  it('shows the needs analysis: a chart with its table beside it, the business case\'s 58.16 among the rates', async () => {
    const page = await get('/finance/needs', officer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('Herefordshire: looked-after children per 10,000');
    expect(page.body).toContain('58.16');
    expect(page.body).toContain('The councils together');
  });

  it('downloads the needs analysis as CSV and XLSX', async () => {
    const csv = await get('/finance/needs?format=csv', officer);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Herefordshire,E06000019,2014/15,Council\'s own projection,0-4,57,9800,58.16');
    const xlsx = await get('/finance/budgets?format=xlsx', officer);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('works out the £72,000 from its inputs, on the page, and again for other inputs', async () => {
    const page = await get('/finance/costs-avoided', officer);
    expect(page.body).toMatch(/3 services × 1 child × 12 months at £2,000 a month = <strong>£72,000<\/strong> a year/);
    const two = await get('/finance/costs-avoided?children=2&months=12', officer);
    expect(two.body).toContain('£144,000');
    const bad = await get('/finance/costs-avoided?children=lots', officer);
    expect(bad.body).toContain('href="#children"');
  });

  it('shows budgets and the options appraisal', async () => {
    expect((await get('/finance/budgets', officer)).body).toContain('Shropshire and Telford &amp; Wrekin joint adoption service');
    const options = await get('/finance/options?year=2013&sold=2&manager=50000', officer);
    expect(options.statusCode).toBe(200);
    expect(options.body).toContain('Option 4');
    expect(options.body).toContain('£2,398,000');
  });
});

describe('changes', () => {
  it('refuses a percentage projection without its percentage, naming the field', async () => {
    const needs = await get('/finance/needs', officer);
    const id = /href="\/finance\/needs\/([0-9a-f-]+)\/projection"/.exec(needs.body)![1]!;
    const response = await submitForm(t.app, officer, `/finance/needs/${id}/projection`, { method: 'percent', percent: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#percent"');
    const saved = await submitForm(t.app, officer, `/finance/needs/${id}/projection`, { method: 'linear', percent: '' });
    expect(saved.statusCode).toBe(303);
  });

  it('sets a budget line through its form, audited with before and after, and refuses a bad amount by name', async () => {
    const budgets = await get('/finance/budgets', officer);
    const id = /href="\/finance\/budgets\/([0-9a-f-]+)">Set a budget line for Herefordshire/.exec(budgets.body)![1]!;
    const bad = await submitForm(t.app, officer, `/finance/budgets/${id}`, { year: '2013', line: 'operational', amount: 'lots' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#amount"');
    const saved = await submitForm(t.app, officer, `/finance/budgets/${id}`, { year: '2013', line: 'operational', amount: '70,000' });
    expect(saved.statusCode).toBe(303);
    const audit = await t.database.db.selectFrom('audit_event').select('detail').where('record_type', '=', 'finance-budget').where('record_id', '=', id).orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ year: 2013, line: 'operational', before: { amountPence: 6_900_000 }, after: { amountPence: 7_000_000 } });
    expect((await get(`/finance/budgets/${id}`, await signIn(t.app, 'analyst@west-mercia.example'))).statusCode).toBe(403);
  });

  it('records a contribution to the pooled budget, naming a missing field', async () => {
    const bad = await submitForm(t.app, officer, '/finance/contributions/new', { councilId: '', year: '2014', source: 'Adoption Reform Grant', amount: '10000' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#councilId"');
    const page = await get('/finance/contributions/new', officer);
    const councilId = /<option value="([0-9a-f-]{36})">Herefordshire<\/option>/.exec(page.body)![1]!;
    const saved = await submitForm(t.app, officer, '/finance/contributions/new', { councilId, year: '2014', source: 'Adoption Reform Grant', amount: '10000' });
    expect(saved.statusCode).toBe(303);
    expect((await get('/finance/budgets', officer)).body).toContain('Adoption Reform Grant');
  });

  it('refuses a bad population file, listing line and column, and imports nothing', async () => {
    const rows = async () => Number((await t.database.db.selectFrom('finance_population').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await rows();
    const page = await get('/finance/needs/upload', officer);
    const cookie = cookiesFrom(page, officer);
    const file = 'council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2030,population,1,2,3,4\nE99999999,2031,population,1,-2,3,4\n';
    const body = multipart({ _csrf: csrfTokenIn(page.body) }, { name: 'population.csv', content: Buffer.from(file), type: 'text/csv' });
    const response = await t.app.inject({ method: 'POST', url: '/finance/needs/upload', headers: { cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('Line 3, column 1 (council): &quot;E99999999&quot; is not the code of a council Mercia holds');
    expect(response.body).toContain('Line 3, column 5 (5-9): -2 is negative');
    expect(await rows()).toBe(before);
  });

  it('imports a good file from the upload page', async () => {
    const page = await get('/finance/needs/upload', officer);
    const body = multipart({ _csrf: csrfTokenIn(page.body) }, { name: 'population.csv', content: Buffer.from('council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2017,population,9900,9800,9700,9600\n'), type: 'text/csv' });
    const response = await t.app.inject({ method: 'POST', url: '/finance/needs/upload', headers: { cookie: cookiesFrom(page, officer), 'content-type': body.contentType }, payload: body.payload });
    expect(response.statusCode).toBe(303);
  });
});

describe('refusals', () => {
  it('refuses Finance to a social worker, and the upload to a team manager', async () => {
    const worker = await signIn(t.app, 'social-worker@herefordshire.example');
    expect((await get('/finance', worker)).statusCode).toBe(403);
    expect((await get('/finance', worker)).body).not.toContain('£72,000');
    expect((await get('/finance/needs/upload', await signIn(t.app, 'team-manager@west-mercia.example'))).statusCode).toBe(403);
  });

  it('shows another partnership\'s analyst its own councils, none of West Mercia\'s, with no chart where there are no rates', async () => {
    const page = await get('/finance/needs', await signIn(t.app, 'analyst@thurrock-consortium.example'));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Herefordshire');
    expect(page.body).toContain('No rates to chart');
  });

  it('shows a council\'s finance officer only their own council, and no other council\'s forms', async () => {
    const own = await signIn(t.app, 'finance-officer@herefordshire.example');
    const needs = await get('/finance/needs', own);
    expect(needs.body).toContain('Herefordshire: looked-after children per 10,000');
    expect(needs.body).not.toContain('Worcestershire: looked-after children per 10,000');
    const all = await get('/finance/costs-avoided', officer);
    const ids = [...all.body.matchAll(/href="\/finance\/costs-avoided\/([0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(4);
    const answers = await Promise.all(ids.map(async (id) => (await get(`/finance/costs-avoided/${id}`, own)).statusCode));
    expect(answers.sort()).toEqual([200, 404, 404, 404]);
  });
});
