import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, csrfTokenIn, DEMO_PASSWORD, FORM, formBody, signIn, startTestApp, type TestApp } from '../core/testing/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ config: { signInMaxFailures: 5, signInLockoutMinutes: 15 } });
});
afterAll(() => t.close());

async function trySignIn(email: string, password: string) {
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  const cookie = cookiesFrom(page);
  return t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), email, password }) });
}

async function auditActions(email: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_event').select('action').where('actor_label', '=', email).orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('sign-in', () => {
  it('signs a Herefordshire social worker in, shows who and where they are, and audits it', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    const home = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Herefordshire');
    expect(home.body).toContain('Sign out');
    expect(await auditActions('social-worker@herefordshire.example')).toContain('sign-in');
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/partnerships' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fpartnerships');
  });

  it('refuses a wrong password with an error summary that names the field', async () => {
    const response = await trySignIn('analyst@shropshire.example', 'not the right password');
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain('Enter a correct email address and password');
  });

  it('says the same for an unknown email as for a wrong password', async () => {
    const unknown = await trySignIn('nobody@nowhere.example', 'not the right password');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toContain('Enter a correct email address and password');
  });

  it('locks the account after repeated failures, even against the right password, and audits the lockout', async () => {
    const email = 'finance-officer@shropshire.example';
    for (let i = 0; i < 4; i++) expect((await trySignIn(email, `wrong password ${i}`)).statusCode).toBe(401);
    expect((await trySignIn(email, 'wrong password 5')).statusCode).toBe(429);
    const locked = await trySignIn(email, DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('locked');
    expect(await auditActions(email)).toEqual(expect.arrayContaining(['sign-in-failed', 'locked-out']));
  });

  it('rejects a form post without the CSRF token and signs no one in', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const response = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: cookiesFrom(page), ...FORM }, payload: formBody({ email: 'admin@herefordshire.example', password: DEMO_PASSWORD }) });
    expect(response.statusCode).toBe(403);
    expect(await auditActions('admin@herefordshire.example')).not.toContain('sign-in');
  });

  it('rejects a signed-in form post without the CSRF token', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const response = await t.app.inject({ method: 'POST', url: '/account/tokens', headers: { cookie, ...FORM }, payload: formBody({ label: 'sneaky' }) });
    expect(response.statusCode).toBe(403);
  });

  it('ends the session on sign-out, and audits it', async () => {
    const cookie = await signIn(t.app, 'team-manager@telford-and-wrekin.example');
    const home = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    const out = await t.app.inject({ method: 'POST', url: '/sign-out', headers: { cookie, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(home.body) }) });
    expect(out.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie } })).statusCode).toBe(303);
    expect(await auditActions('team-manager@telford-and-wrekin.example')).toContain('sign-out');
  });
});

describe('sessions', () => {
  it('expire after the idle time', async () => {
    const cookie = await signIn(t.app, 'analyst@worcestershire.example');
    await t.database.db.updateTable('web_session').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie } })).statusCode).toBe(303);
  });

  it('expire after the absolute limit however active the person is', async () => {
    const cookie = await signIn(t.app, 'analyst@herefordshire.example');
    const rows = await t.database.db.selectFrom('web_session').select(['id', 'data']).where('expires_at', '>', new Date()).execute();
    for (const row of rows) {
      const data = { ...(row.data as Record<string, unknown>), signedInAt: Date.now() - (t.config.sessionAbsoluteHours * 3_600_000 + 1000) };
      await t.database.db.updateTable('web_session').set({ data: JSON.stringify(data) }).where('id', '=', row.id).execute();
    }
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie } })).statusCode).toBe(303);
  });

  it('survive a restart of the server', async () => {
    const cookie = await signIn(t.app, 'support-worker@shropshire.example');
    const second = await startTestApp({ database: t.database });
    try {
      const home = await second.app.inject({ method: 'GET', url: '/', headers: { cookie } });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Shropshire');
    } finally {
      await second.close();
    }
  });
});

describe('two-step sign-in (TOTP)', () => {
  it('is set up from the account page and then asked for at every sign-in', async () => {
    const email = 'decision-maker@worcestershire.example';
    let cookie = await signIn(t.app, email);
    const setup = await t.app.inject({ method: 'GET', url: '/account/second-factor', headers: { cookie } });
    cookie = cookiesFrom(setup, cookie);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setup.body)?.[1];
    expect(secret).toBeDefined();

    const wrong = await t.app.inject({ method: 'POST', url: '/account/second-factor', headers: { cookie, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(setup.body), code: '12' }) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#code"');

    const right = await t.app.inject({ method: 'POST', url: '/account/second-factor', headers: { cookie, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(setup.body), code: await generate({ secret: secret! }) }) });
    expect(right.statusCode).toBe(303);

    // Signing in now stops at the code.
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    let fresh = cookiesFrom(page);
    const first = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: fresh, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), email, password: DEMO_PASSWORD, next: '/' }) });
    expect(first.headers.location).toBe('/sign-in/code?next=%2F');
    fresh = cookiesFrom(first, fresh);
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie: fresh } })).statusCode).toBe(303);

    const codePage = await t.app.inject({ method: 'GET', url: '/sign-in/code', headers: { cookie: fresh } });
    const bad = await t.app.inject({ method: 'POST', url: '/sign-in/code', headers: { cookie: fresh, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(codePage.body), code: '000000' === await generate({ secret: secret! }) ? '111111' : '000000', next: '/' }) });
    expect(bad.statusCode).toBe(401);
    const good = await t.app.inject({ method: 'POST', url: '/sign-in/code', headers: { cookie: fresh, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(codePage.body), code: await generate({ secret: secret! }), next: '/' }) });
    expect(good.statusCode).toBe(303);
    fresh = cookiesFrom(good, fresh);
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie: fresh } })).statusCode).toBe(200);
  });
});

describe('staff pages', () => {
  it('lets an administrator list their own organisation only', async () => {
    const cookie = await signIn(t.app, 'admin@shropshire.example');
    const list = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
    expect(list.body).toContain('social-worker@shropshire.example');
    expect(list.body).not.toContain('@herefordshire.example');
  });

  it('answers 404 for a staff member of another organisation', async () => {
    const other = await t.database.db.selectFrom('staff').select('id').where('email', '=', 'admin@herefordshire.example').executeTakeFirstOrThrow();
    const cookie = await signIn(t.app, 'admin@shropshire.example');
    expect((await t.app.inject({ method: 'GET', url: `/staff/${other.id}`, headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('empty form posts', () => {
  // A post with no body at all: each form comes back (422) with the error summary, whose first
  // link goes to the form's first required field. One sign-in for all (sign-in is rate limited).
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn(t.app, 'social-worker@herefordshire.example');
  });

  it.each([
    { url: '/children/new', title: 'Register a child', field: 'firstName', message: 'Enter the first name' },
    { url: '/households/new', title: 'New household', field: 'relationship', message: 'Select the relationship' },
    { url: '/account/tokens', title: 'Your account', field: 'label', message: 'Enter a name for the token' },
  ])('$url answers 422 with the form again and its error summary naming $field first', async ({ url, title, field, message }) => {
    const page = await t.app.inject({ method: 'GET', url: '/children/new', headers: { cookie } });
    const response = await t.app.inject({ method: 'POST', url, headers: { cookie: cookiesFrom(page, cookie), 'x-csrf-token': csrfTokenIn(page.body) } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain(`<title>Error: ${title} – Mercia</title>`);
    const summary = /<div class="govuk-error-summary__body">[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? '';
    const first = /<a href="#([^"]+)">([^<]+)<\/a>/.exec(summary);
    expect(first?.slice(1, 3)).toEqual([field, message]);
    // The form itself is on the page again, with the field the summary links to.
    expect(response.body).toMatch(new RegExp(`id="${field}"`));
  });
});
