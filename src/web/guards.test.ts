// Guards every request passes: sign-in's `next`, text Mercia will not keep, caching of
// personal pages, and a reply Node cannot write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cookiesFrom, csrfTokenIn, DEMO_PASSWORD, FORM, formBody, signIn, startTestApp, type TestApp } from '../core/testing/app.ts';
import { createApp } from './app.ts';

let t: TestApp;
let ip = 0;
// The sign-in rate limit is per address: each attempt comes from its own.
const freshIp = () => `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function signInWithNext(next: string) {
  const remoteAddress = freshIp();
  const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress });
  return t.app.inject({
    method: 'POST', url: '/sign-in', remoteAddress, headers: { cookie: cookiesFrom(page), ...FORM },
    payload: formBody({ _csrf: csrfTokenIn(page.body), email: 'social-worker@herefordshire.example', password: DEMO_PASSWORD, next }),
  });
}

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat('\u007f');

describe('sign-in next', () => {
  it.each(C0.map((c) => [c.charCodeAt(0)]))('with control character %i goes home or is refused, never elsewhere', async (code) => {
    const c = String.fromCharCode(code);
    for (const next of [`/${c}`, `/${c}/evil.example`, `/children${c}`]) {
      const response = await signInWithNext(next);
      if (response.statusCode === 303) expect(response.headers.location).toBe('/');
      else expect(response.statusCode).toBe(422);
    }
  });

  it.each(['/\t/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', 'https:/evil.example', '\\\\evil.example'])('%j goes home', async (next) => {
    const response = await signInWithNext(next);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('keeps a same-site path', async () => {
    const response = await signInWithNext('/children?q=a');
    expect(response.headers.location).toBe('/children?q=a');
  });

  it('never puts a bad next in the sign-in form', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in?next=/%0A', remoteAddress: freshIp() });
    expect(page.body).toContain('name="next" value="/"');
    const tab = await t.app.inject({ method: 'GET', url: '/sign-in?next=/%09/evil.example', remoteAddress: freshIp() });
    expect(tab.body).toContain('name="next" value="/"');
  });
});

describe('a reply Node cannot write', () => {
  it('is answered with the 500 page and the process goes on serving', async () => {
    const app = await createApp({ database: t.database, config: t.config, today: () => '2026-11-23' }, { logger: false });
    // A route that puts a newline in a header, as a bad redirect target once did.
    app.get('/test/bad-header', { config: { public: true } }, async (_request, reply) => reply.redirect('/\nSet-Cookie: x=1', 303));
    app.get('/api/v1/test/bad-header', { config: { public: true } }, async (_request, reply) => reply.header('x-test', 'a\u0000b').send({ ok: true }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const page = await fetch(`${address}/test/bad-header`, { redirect: 'manual' });
      expect(page.status).toBe(500);
      expect(page.headers.get('location')).toBeNull();
      expect(await page.text()).toContain('Sorry, there is a problem with the service');
      const api = await fetch(`${address}/api/v1/test/bad-header`);
      expect(api.status).toBe(500);
      expect(api.headers.get('content-type')).toContain('application/problem+json');
      expect((await fetch(`${address}/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('from a bad next over a real connection leaves the service up', async () => {
    const app = await createApp({ database: t.database, config: t.config, today: () => '2026-11-23' }, { logger: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const page = await fetch(`${address}/sign-in?next=/%0A`);
      const html = await page.text();
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      const response = await fetch(`${address}/sign-in`, {
        method: 'POST', redirect: 'manual', headers: { cookie, ...FORM },
        body: formBody({ _csrf: csrfTokenIn(html), email: 'social-worker@herefordshire.example', password: DEMO_PASSWORD, next: '/\n' }),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
      expect((await fetch(`${address}/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('text Mercia will not keep', () => {
  let cookie: string;
  let headers: Record<string, string>;
  beforeAll(async () => {
    cookie = await signIn(t.app, 'admin@herefordshire.example');
    headers = { cookie };
  });

  it.each([['/children', 'q'], ['/households', 'q'], ['/audit', 'actor'], ['/api/v1/children', 'q'], ['/api/v1/households', 'q'], ['/api/v1/audit-events', 'actor']])('a NUL in %s?%s is refused naming the parameter', async (url, param) => {
    const response = await t.app.inject({ method: 'GET', url: `${url}?${param}=%00`, headers });
    expect(response.statusCode).toBe(422);
    if (url.startsWith('/api/')) expect(response.json().errors).toEqual([{ field: param, message: expect.stringContaining('null character') }]);
    else expect(response.body).toContain('govuk-error-summary');
  });

  it('refuses NUL, a lone surrogate or a direction override in any JSON field, and saves nothing', async () => {
    const before = await t.database.db.selectFrom('child').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const child = { firstName: 'Nia', lastName: 'Edgecase', dateOfBirth: '2022-06-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2024-02-01' };
    for (const [field, value] of [['firstName', 'a\u0000'], ['lastName', '\ud800'], ['lastName', 'Smith\u202eevil']] as const) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: { ...headers, 'x-csrf-token': await csrf() }, payload: { ...child, [field]: value } });
      expect(response.statusCode, `${field}=${JSON.stringify(value)}`).toBe(422);
      expect(response.json().errors[0].field).toBe(field);
    }
    const after = await t.database.db.selectFrom('child').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a deeply nested JSON body with 422, not a stack overflow, even before sign-in', async () => {
    const payload = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/enquiries', remoteAddress: freshIp(), headers: { 'content-type': 'application/json' }, payload });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toMatch(/nested too deeply/);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('refuses a NUL in a route parameter and in a form field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/children/%00', headers })).statusCode).toBe(422);
    const page = await t.app.inject({ method: 'GET', url: '/children/new', headers });
    const response = await t.app.inject({ method: 'POST', url: '/children/new', headers: { cookie: cookiesFrom(page, cookie), ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), firstName: 'x\u0000' }) });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('firstName');
  });

  async function csrf() {
    const page = await t.app.inject({ method: 'GET', url: '/children/new', headers });
    cookie = cookiesFrom(page, cookie);
    headers = { cookie };
    return csrfTokenIn(page.body);
  }
});

describe('errors keep their own status', () => {
  it('a fault inside a handler that happens to be a Zod error is a 500, not a missing page', async () => {
    const app = await createApp({ database: t.database, config: t.config, today: () => '2026-11-23' }, { logger: false });
    app.get('/api/v1/test/zod-fault', { config: { public: true } }, async () => z.object({ n: z.number() }).parse({ n: 'x' }));
    app.get('/api/v1/test/params/:id', { config: { public: true }, schema: { params: z.object({ id: z.uuid() }) } }, async () => ({ ok: true }));
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/test/zod-fault' })).statusCode).toBe(500);
      expect((await app.inject({ method: 'GET', url: '/api/v1/test/params/not-an-id' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('caching', () => {
  it('marks every signed-in answer no-store, pages and API alike', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    const child = await t.database.db.selectFrom('child').select('id').where('placing_authority_id', '=', (eb) => eb.selectFrom('organisation').select('id').where('code', '=', 'E06000019')).executeTakeFirstOrThrow();
    for (const url of ['/', '/children', `/children/${child.id}`, `/api/v1/children/${child.id}`, '/households', '/sign-in']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('marks an error page under an asset address no-store', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    for (const url of ['/assets/nonexistent', '/govuk/nonexistent', '/static/x']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('lets public assets be cached', async () => {
    const css = await t.app.inject({ method: 'GET', url: '/govuk/govuk-frontend.min.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('max-age=86400');
  });
});
