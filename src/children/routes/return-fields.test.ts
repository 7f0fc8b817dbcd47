// The SSDA903 fields beyond the journey through the API and the pages: the reason for a change of
// placement kept on the episode that ends, CIN and the home postcode carried on, MOTHER and
// MC_DOB, previous permanence; bad input names its field and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../../core/testing/app.ts';

let t: TestApp;
let cookie: string;
const as = bearerFor(() => t);
const worker = 'social-worker@herefordshire.example';
const newChild = { firstName: 'Ffion', lastName: 'Returnfields', dateOfBirth: '2010-06-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2024-02-01', legalStatus: 'C2', placement: 'U4', placementProvider: 'PR1' };

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  cookie = await signIn(t.app, worker);
});
afterAll(() => t.close());

async function register(firstName: string, over: Record<string, unknown> = {}): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: await as(worker), payload: { ...newChild, firstName, ...over, confirmNotDuplicate: true } });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

describe('care episodes through the API', () => {
  it('keeps the reason on the episode that ends, carries CIN and home postcode on, and refuses a missing or misplaced reason', async () => {
    const headers = await as(worker);
    const id = await register('Alys');
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/children/${id}/episodes`, headers, payload });
    expect((await post({ startDate: '2025-03-01', rne: 'L', legalStatus: 'E1', placement: 'U4', placementProvider: 'PR1', cin: 'N1', homePostcode: 'hr12ab', placementPostcode: 'HR4 9AA', urn: 'SC123456' })).statusCode).toBe(201);
    const missing = await post({ startDate: '2025-06-01', rne: 'P', legalStatus: 'E1', placement: 'U6', placementProvider: 'PR1' });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['reasonPlaceChange']);
    const badPostcode = await post({ startDate: '2025-06-01', rne: 'P', legalStatus: 'E1', placement: 'U6', placementProvider: 'PR1', reasonPlaceChange: 'CREQO', placementPostcode: 'WR5' });
    expect(badPostcode.json().errors).toEqual([{ field: 'placementPostcode', message: expect.stringContaining('placement postcode') }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers })).json().episodes).toHaveLength(2);

    expect((await post({ startDate: '2025-06-01', rne: 'P', legalStatus: 'E1', placement: 'U6', placementProvider: 'PR1', reasonPlaceChange: 'CREQO', placementPostcode: 'wr53pa', urn: '654321' })).statusCode).toBe(201);
    const temporary = await post({ startDate: '2025-08-01', rne: 'T', legalStatus: 'E1', placement: 'T2', reasonPlaceChange: 'OTHER' });
    expect(temporary.json().errors.map((e: { field: string }) => e.field)).toEqual(['reasonPlaceChange']);

    const child = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers })).json();
    expect(child.episodes.slice(1)).toEqual([
      expect.objectContaining({ startDate: '2025-03-01', endDate: '2025-06-01', reasonCeased: 'X1', reasonPlaceChange: 'CREQO', cin: 'N1', homePostcode: 'HR1 2AB', placementPostcode: 'HR4 9AA', urn: 'SC123456' }),
      expect.objectContaining({ startDate: '2025-06-01', endDate: null, reasonPlaceChange: null, cin: 'N1', homePostcode: 'HR1 2AB', placementPostcode: 'WR5 3PA', urn: '654321' }),
    ]);
    const audit = await t.database.db.selectFrom('audit_event').select('detail').where('record_type', '=', 'care-episode').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain('"reasonPlaceChange":"CREQO"');
  });
});

describe('MOTHER, MC_DOB and previous permanence through the API', () => {
  it('records them, refuses each fault naming the field, and changes nothing then', async () => {
    const headers = await as(worker);
    const id = await register('Betsan');
    const patch = (payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/v1/children/${id}`, headers, payload });
    const noDate = await patch({ mother: true });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().errors.map((e: { field: string }) => e.field)).toEqual(['motherChildDob']);
    expect((await patch({ mother: true, motherChildDob: '2019-01-01' })).json().errors[0].message).toContain('before she was 10');
    const ok = await patch({ mother: true, motherChildDob: '2026-01-15' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mother: true, motherChildDob: '2026-01-15' });
    expect((await patch({ sex: 'M' })).json().errors.map((e: { field: string }) => e.field)).toEqual(['mother', 'motherChildDob']);
    expect((await patch({ mother: false })).json()).toMatchObject({ mother: false, motherChildDob: null });

    const put = (payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/v1/children/${id}/previous-permanence`, headers, payload });
    const z1 = await put({ previousOrder: 'Z1', laCode: '884' });
    expect(z1.statusCode).toBe(422);
    expect(z1.json().errors.map((e: { field: string }) => e.field)).toEqual(['laCode']);
    expect((await put({ previousOrder: 'P2', laCode: '884', orderDate: '2024-02-01' })).json().errors[0].message).toContain('632');
    const saved = await put({ previousOrder: 'P2', laCode: '884', orderDate: '2019-05-12' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().previousPermanence).toEqual({ previousOrder: 'P2', laCode: '884', orderDate: '2019-05-12' });
    expect((await put({ previousOrder: 'Z1' })).json().previousPermanence).toEqual({ previousOrder: 'Z1', laCode: null, orderDate: null });
  });
});

describe('the pages', () => {
  it('ask for the fields, name a bad postcode\'s field, and show what was saved', async () => {
    const id = await register('Catrin');
    const form = await t.app.inject({ method: 'GET', url: `/children/${id}/episodes/new`, headers: { cookie } });
    expect(form.body).toContain('Why did the placement change?');
    for (const name of ['reasonPlaceChange', 'cin', 'homePostcode', 'placementPostcode', 'urn']) expect(form.body).toContain(`name="${name}"`);
    const episode = { 'startDate-day': '1', 'startDate-month': '6', 'startDate-year': '2025', rne: 'P', legalStatus: 'C2', placement: 'U6', placementProvider: 'PR1', reasonPlaceChange: 'CARPL', cin: 'N4' };
    const bad = await submitForm(t.app, cookie, `/children/${id}/episodes/new`, { ...episode, homePostcode: 'NOT A POSTCODE' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#homePostcode"');
    expect(bad.body).toContain('home postcode');
    expect((await submitForm(t.app, cookie, `/children/${id}/episodes/new`, { ...episode, homePostcode: 'hr1 2ab' })).statusCode).toBe(303);

    const edit = await submitForm(t.app, cookie, `/children/${id}/edit`, {
      firstName: 'Catrin', lastName: 'Returnfields', 'dateOfBirth-day': '1', 'dateOfBirth-month': '6', 'dateOfBirth-year': '2010', sex: 'F', ethnicity: 'WBRI', disabled: 'no',
      mother: 'yes', 'motherChildDob-day': '2', 'motherChildDob-month': '3', 'motherChildDob-year': '2026',
    });
    expect(edit.statusCode).toBe(303);
    expect((await submitForm(t.app, cookie, `/children/${id}/previous-permanence`, { previousOrder: 'P3', laCode: '885', 'orderDate-day': '4', 'orderDate-month': '7', 'orderDate-year': '2018' })).statusCode).toBe(303);
    const refused = await submitForm(t.app, cookie, `/children/${id}/previous-permanence`, { previousOrder: 'Z1', 'orderDate-day': '4', 'orderDate-month': '7', 'orderDate-year': '2018' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#orderDate-day"');

    const page = (await t.app.inject({ method: 'GET', url: `/children/${id}`, headers: { cookie } })).body;
    expect(page).toContain('Placement changed because: <strong>CARPL</strong>');
    expect(page).toContain('Category of need <strong>N4</strong>');
    expect(page).toContain('Home postcode HR1 2AB');
    expect(page).toContain('Yes, her child was born 2 March 2026');
    expect(page).toContain('P3: Residence order or child arrangements order');
  });
});
