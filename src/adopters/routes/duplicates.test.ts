// The likely-duplicate warning when creating a household: the form shown again (nothing stored)
// with links to the households it may be, and a button to go on; the API's 409 listing them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../../core/testing/app.ts';

let t: TestApp;

const as = bearerFor(() => t);

const household = { relationship: 'single', fastTrack: 'previous-adopter', applicants: [{ firstName: 'Wren', lastName: 'Twohomes', dateOfBirth: '1979-11-11', sex: 'F', ethnicity: 'WBRI' }] };
const form = {
  relationship: 'single', fastTrack: 'previous-adopter', 'a1-firstName': 'Wren', 'a1-lastName': 'Twohome', 'a1-dateOfBirth-day': '11', 'a1-dateOfBirth-month': '11',
  'a1-dateOfBirth-year': '1979', 'a1-sex': 'F', 'a1-ethnicity': 'WBRI',
};
const countNamed = async () =>
  Number((await t.database.db.selectFrom('applicant').select((eb) => eb.fn.countAll<number>().as('n')).where('last_name', 'like', 'Twohome%').executeTakeFirstOrThrow()).n);

let existing: string;
let reference: string;

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: await as('social-worker@west-mercia.example'), payload: household });
  expect(created.statusCode, created.body).toBe(201);
  ({ id: existing, reference } = created.json());
});
afterAll(() => t.close());

describe('the new household form', () => {
  it('shows the form again with the household it may be, linked, and why; stores nothing; then creates when the person goes on', async () => {
    const cookie = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    const before = await countNamed();
    const warned = await submitForm(t.app, cookie, '/households/new', form);
    expect(warned.statusCode).toBe(409);
    expect(warned.body).toContain('This household may already be known');
    expect(warned.body).toContain(`href="/households/${existing}"`);
    expect(warned.body).toContain(`Wren Twohomes</a>, reference ${reference}, West Mercia Adoption Partnership`);
    expect(warned.body).toContain('same date of birth and a similar name to Wren Twohome');
    expect(warned.body).toMatch(/<button type="submit" value="yes" name="confirmNotDuplicate"[^>]*>\s*Create anyway: this is a different household/);
    expect(warned.body).toContain('value="Twohome"');
    expect(await countNamed()).toBe(before);

    const again = await submitForm(t.app, cookie, '/households/new', { ...form, confirmNotDuplicate: 'yes' });
    expect(again.statusCode).toBe(303);
    expect(await countNamed()).toBe(before + 1);
  });

  it('says nothing of a household the person may not see', async () => {
    const cookie = await signIn(t.app, 'social-worker@thurrock.example');
    expect((await submitForm(t.app, cookie, '/households/new', form)).statusCode).toBe(303);
  });
});

describe('the API', () => {
  it('answers 409 problem JSON listing the likely duplicates (ids and why), stores nothing, and creates with confirmNotDuplicate', async () => {
    const headers = await as('team-manager@west-mercia.example');
    const before = await countNamed();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: household });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().duplicates).toContainEqual(expect.objectContaining({
      id: existing, reference, owner: 'West Mercia Adoption Partnership', reasons: ['date-of-birth-and-name'],
      matched: [expect.objectContaining({ applicant: 'Wren Twohomes', existing: 'Wren Twohomes', why: 'Same date of birth and a similar name' })],
    }));
    expect(await countNamed()).toBe(before);
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { ...household, confirmNotDuplicate: true } });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(await countNamed()).toBe(before + 1);
  });

  it('documents confirmNotDuplicate and the 409 in the OpenAPI description', async () => {
    const post = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths['/api/v1/households'].post;
    expect(JSON.stringify(post.requestBody)).toContain('confirmNotDuplicate');
    expect(post.responses).toHaveProperty('409');
  });
});
