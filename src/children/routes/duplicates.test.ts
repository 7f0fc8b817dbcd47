// The likely-duplicate warning when registering a child: the form shown again (nothing stored)
// with links to the children it may be, and a button to go on; the API's 409 listing them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../../core/testing/app.ts';

let t: TestApp;

const as = bearerFor(() => t);

const child = { firstName: 'Isla', lastName: 'Twicekept', dateOfBirth: '2021-09-09', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2024-03-01' };
const form = {
  firstName: 'Isla', lastName: 'Twicekept', 'dateOfBirth-day': '9', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2021', sex: 'F', ethnicity: 'WBRI',
  placingAuthority: 'E06000019', 'enteredCare-day': '1', 'enteredCare-month': '3', 'enteredCare-year': '2024',
};

const countNamed = async (lastName: string) =>
  Number((await t.database.db.selectFrom('child').select((eb) => eb.fn.countAll<number>().as('n')).where('last_name', 'in', [lastName, lastName.replace('kept', 'kep')]).executeTakeFirstOrThrow()).n);

let existing: string;

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: await as('social-worker@herefordshire.example'), payload: child });
  expect(created.statusCode, created.body).toBe(201);
  existing = created.json().id;
});
afterAll(() => t.close());

describe('the register form', () => {
  it('shows the form again with the child it may be, linked, and why; stores nothing; then registers when the person goes on', async () => {
    const cookie = await signIn(t.app, 'team-manager@herefordshire.example');
    const before = await countNamed('Twicekept');
    const warned = await submitForm(t.app, cookie, '/children/new', { ...form, lastName: 'Twicekep' });
    expect(warned.statusCode).toBe(409);
    expect(warned.body).toContain('This child may already be registered');
    expect(warned.body).toContain(`href="/children/${existing}"`);
    expect(warned.body).toContain('Isla Twicekept</a>, born 9 September 2021, Herefordshire');
    expect(warned.body).toContain('Same date of birth and a similar name');
    expect(warned.body).toMatch(/<button type="submit" value="yes" name="confirmNotDuplicate"[^>]*>\s*Register anyway: this is a different child/);
    // What was typed is kept.
    expect(warned.body).toContain('value="Twicekep"');
    expect(await countNamed('Twicekept')).toBe(before);

    const again = await submitForm(t.app, cookie, '/children/new', { ...form, lastName: 'Twicekep', confirmNotDuplicate: 'yes' });
    expect(again.statusCode).toBe(303);
    expect(await countNamed('Twicekept')).toBe(before + 1);
  });

  it('says nothing of a child in a council the person may not see', async () => {
    const cookie = await signIn(t.app, 'social-worker@shropshire.example');
    const response = await submitForm(t.app, cookie, '/children/new', { ...form, placingAuthority: 'E06000051' });
    expect(response.statusCode).toBe(303);
  });

  it('offers no "register anyway" without a warning', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: '/children/new', headers: { cookie } });
    expect(page.body).not.toContain('confirmNotDuplicate');
    expect(page.body).not.toContain('may already be registered');
  });
});

describe('the API', () => {
  it('answers 409 problem JSON listing the likely duplicates (ids and why), stores nothing, and registers with confirmNotDuplicate', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const before = await countNamed('Twicekept');
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...child, firstName: 'Isla-Mae' } });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body).toMatchObject({ status: 409, title: 'Conflict', instance: '/api/v1/children' });
    expect(body.duplicates).toContainEqual(expect.objectContaining({ id: existing, council: 'Herefordshire', laChildRef: expect.any(String), reasons: ['date-of-birth-and-name'] }));
    expect(await countNamed('Twicekept')).toBe(before);

    const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...child, firstName: 'Isla-Mae', confirmNotDuplicate: true } });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(await countNamed('Twicekept')).toBe(before + 1);
  });

  it('still refuses a council the person may not register for with 403, before any check', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: await as('social-worker@shropshire.example'), payload: child });
    expect(response.statusCode).toBe(403);
    expect(response.json()).not.toHaveProperty('duplicates');
  });

  it('documents confirmNotDuplicate and the 409 in the OpenAPI description', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const post = spec.paths['/api/v1/children'].post;
    expect(JSON.stringify(post.requestBody)).toContain('confirmNotDuplicate');
    expect(post.responses).toHaveProperty('409');
  });
});
