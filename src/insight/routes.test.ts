// Insight's pages and API through the app, on the demo: the dashboard, its filter, downloads that
// parse back, the drill-down, the reports, the API's shape, and refusals that name the field.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, type TestApp } from '../core/testing/app.ts';

let t: TestApp;
let analyst: string;
const as = bearerFor(() => t);

beforeAll(async () => {
  t = await startTestApp();
  analyst = await signIn(t.app, 'analyst@west-mercia.example');
});
afterAll(async () => t?.close());

const get = (url: string, cookie = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('the dashboard', () => {
  it('shows the partnership\'s scorecard per council against thresholds, a trend chart with its table and summary, and comparators', async () => {
    const page = await get('/insight');
    expect(page.statusCode).toBe(200);
    for (const text of ['West Mercia Adoption Partnership (all its councils)', 'Herefordshire', 'Worcestershire', 'A10 (days)', 'Threshold', 'id="trend-summary"', 'role="img"', 'Illustrative']) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toMatch(/<h2 class="govuk-heading-m">West Mercia Adoption Partnership \(all its councils\): 3 years to 31 March 2026<\/h2>/);
    expect(page.body).toMatch(/href="\/insight\/reports\/scorecard\/drill\?partnership=west-mercia&amp;windowEnd=2026-03-31&amp;key=A1%3Aall"/);
  });

  it('filters to a council and another window, with the partnership beside it in the trend', async () => {
    const page = await get('/insight?scope=la:herefordshire&windowEnd=2024-03-31&measure=A2');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Herefordshire: 3 years to 31 March 2024');
    expect(page.body).toContain('Trend: A2 over 7 windows');
    expect(page.body).toContain('data-series="West Mercia Adoption Partnership"');
    expect(page.body).toContain('Statistical neighbours');
  });

  it('names the field of a bad filter in the error summary', async () => {
    const page = await get('/insight?windowEnd=2025-04-30');
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#windowEnd"');
  });

  it('downloads every table as CSV and XLSX that parse back', async () => {
    const csv = await get('/insight?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body, { relax_column_count: true }) as string[][];
    expect(rows[0]![0]).toMatch(/^Adoption scorecard: West Mercia/);
    expect(rows.some((r) => r[0] === 'Council' && r[2] === 'A1 (days)')).toBe(true);
    const xlsx = await get('/insight?format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThanOrEqual(3);
    expect(book.worksheets[1]!.getRow(1).getCell(1).value).toBe('Council');
  });

  it('drills down from a figure to the children behind it, naming only those the person may see', async () => {
    const page = await get('/insight/reports/scorecard/drill?partnership=west-mercia&windowEnd=2026-03-31&key=adopted:all');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/This figure counts \d+ children/);
    // Adopted children's records are sealed: counted, but not named.
    expect(page.body).not.toContain('href="/children/');
    expect((await get('/insight/reports/scorecard/drill?partnership=west-mercia&key=A1:nonsense')).statusCode).toBe(404);
  });

  it('is refused to someone it is not for, and for a council the person does not work with', async () => {
    expect((await get('/insight', await signIn(t.app, 'social-worker@herefordshire.example'))).statusCode).toBe(403);
    const council = await signIn(t.app, 'analyst@herefordshire.example');
    expect((await get('/insight', council)).body).toContain('Herefordshire: 3 years to 31 March 2026');
    expect((await get('/insight?scope=la:shropshire', council)).statusCode).toBe(403);
  });
});

describe('reports', () => {
  it('lists the reports and shows any of them, with downloads', async () => {
    const index = await get('/insight/reports');
    expect(index.body).toContain('href="/insight/reports/scorecard"');
    const report = await get('/insight/reports/scorecard?la=worcestershire&from=2024-04-01&to=2025-03-31');
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Worcestershire: 2024-25');
    const csv = await get('/insight/reports/scorecard?la=worcestershire&year=2024-25&format=csv');
    expect((parse(csv.body) as string[][])[0]).toEqual(['Measure', 'Figure', 'Unit', 'Threshold', 'Against threshold', 'Children counted', 'Cohort']);
    const bad = await get('/insight/reports/scorecard?from=2025-04-01&to=2025-01-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#to"');
    expect((await get('/insight/reports/no-such-report')).statusCode).toBe(404);
  });
});

describe('the API', () => {
  it('answers the scorecard for a council by ONS code, with value, threshold and cohort', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/reports/scorecard?la=E06000019&windowEnd=2026-03-31', headers: await as('analyst@west-mercia.example') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.council).toMatchObject({ slug: 'herefordshire', code: 'E06000019' });
    expect(body.window).toMatchObject({ from: '2023-04-01', to: '2026-03-31' });
    expect(body.measures.map((m: { measure: string }) => m.measure)).toEqual(['A1', 'A2', 'A3', 'A10']);
    expect(body.measures[0]).toMatchObject({ threshold: 426, cohortSize: expect.any(Number), cohort: expect.stringContaining('Children adopted') });
  });

  it('answers for the partnership without a council, and lists the reports', async () => {
    const headers = await as('analyst@west-mercia.example');
    const res = (await t.app.inject({ method: 'GET', url: '/api/v1/reports/scorecard', headers })).json();
    expect(res.partnership).toMatchObject({ slug: 'west-mercia' });
    expect(res.councils.at(-1)).toMatchObject({ id: null, name: 'West Mercia Adoption Partnership (all its councils)' });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/reports', headers })).json();
    expect(list.reports.map((r: { name: string }) => r.name)).toContain('scorecard');
    const generic = (await t.app.inject({ method: 'GET', url: '/api/v1/reports/scorecard?la=shropshire&year=2025-26', headers }));
    expect(generic.statusCode).toBe(200);
  });

  it('refuses a bad window end naming the field, and another council with 403', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/reports/scorecard?windowEnd=2026-04-01', headers: await as('analyst@west-mercia.example') });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('windowEnd');
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/reports/scorecard?la=shropshire', headers: await as('analyst@herefordshire.example') });
    expect(other.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reports/nope', headers: await as('analyst@west-mercia.example') })).statusCode).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/reports', '/api/v1/reports/scorecard', '/api/v1/reports/{name}']));
  });
});
