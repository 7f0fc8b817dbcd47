// A running app over a real test database, with the demo seeded, for route and browser tests.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.ts';
import type { DatabaseHandle } from '../db.ts';
import { seedDemo } from '../../demo/seed.ts';
import * as staffService from '../../staff/service.ts';
import * as staffStore from '../../staff/store.ts';
import { createApp } from '../../web/app.ts';
import { openTestDatabase } from './database.ts';
import { DEMO_PASSWORD, TEST_TODAY } from './seeded-template.ts';

export { DEMO_PASSWORD, TEST_TODAY };

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  setToday(day: string): void;
  close(): Promise<void>;
}

export async function startTestApp(options: { config?: Partial<Config>; today?: string; database?: DatabaseHandle; seed?: boolean } = {}): Promise<TestApp> {
  let today = options.today ?? TEST_TODAY;
  const seed = options.seed !== false && !options.database;
  // The demo for TEST_TODAY is seeded once per run: this file gets a pristine copy of it.
  const copyOfDemo = seed && today === TEST_TODAY;
  const database = options.database ?? await openTestDatabase({ demo: copyOfDemo });
  if (seed && !copyOfDemo) await seedDemo(database.db, { password: DEMO_PASSWORD, today });
  const config = { ...loadConfig({ SESSION_SECRET: 'test-secret-that-is-long-enough-for-signing', LOG_LEVEL: 'silent' }), ...options.config };
  const app = await createApp({ database, config, today: () => today }, { logger: false });
  await app.ready();
  return {
    app, database, config,
    setToday: (day) => { today = day; },
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Cookies from a response, as one Cookie header. */
export function cookiesFrom(response: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.split('=')[0]!, c] as const));
  for (const c of response.cookies) jar.set(c.name, `${c.name}=${c.value}`);
  return [...jar.values()].join('; ');
}

export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Sign in through the real form; returns the session cookie. */
export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  let cookie = cookiesFrom(page);
  const response = await app.inject({
    method: 'POST', url: '/sign-in', headers: { cookie, ...FORM },
    payload: formBody({ _csrf: csrfTokenIn(page.body), email, password, next: '/' }),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${response.statusCode}`);
  cookie = cookiesFrom(response, cookie);
  return cookie;
}

/** GET a page as a signed-in person, then POST a form from it with its CSRF token. */
export async function submitForm(app: FastifyInstance, cookie: string, formUrl: string, payload: Record<string, string>, postUrl = formUrl): Promise<LightMyRequestResponse> {
  const page = await app.inject({ method: 'GET', url: formUrl, headers: { cookie } });
  const merged = cookiesFrom(page, cookie);
  return app.inject({ method: 'POST', url: postUrl, headers: { cookie: merged, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), ...payload }) });
}

/**
 * API headers for demo people on a test app: `const as = bearerFor(() => t)`, then
 * `headers: await as('social-worker@herefordshire.example')`. Each person's token is made once.
 */
export function bearerFor(app: () => TestApp): (email: string) => Promise<{ authorization: string }> {
  const tokens = new Map<string, string>();
  return async (email) => {
    if (!tokens.has(email)) {
      const { database } = app();
      const person = await staffStore.findStaffByEmail(database.db, email);
      if (!person) throw new Error(`no staff member ${email}`);
      tokens.set(email, (await staffService.createToken(database.db, person.id, { label: 'test' }, null)).token);
    }
    return { authorization: `Bearer ${tokens.get(email)}` };
  };
}

