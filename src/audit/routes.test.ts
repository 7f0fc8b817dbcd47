import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../core/testing/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await signIn(t.app, 'social-worker@herefordshire.example');
  await signIn(t.app, 'social-worker@shropshire.example');
});
afterAll(() => t.close());

describe('audit log search', () => {
  it('finds what a person did, for an administrator of their organisation', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: '/audit?actor=social-worker%40herefordshire.example', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/social-worker@herefordshire\.example<\/td>\s*<td class="govuk-table__cell">sign-in/);
  });

  it('never shows another organisation\'s events', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: '/audit?actor=social-worker%40shropshire.example', headers: { cookie } });
    expect(page.body).toContain('No events match');
  });

  it('filters by date and names a wrong date', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const none = await t.app.inject({ method: 'GET', url: '/audit?from=2000-01-01&to=2000-12-31', headers: { cookie } });
    expect(none.body).toContain('No events match');
    const bad = await t.app.inject({ method: 'GET', url: '/audit?from=2000-02-31', headers: { cookie } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#from"');
  });

  it('is refused to anyone but administrators', async () => {
    const cookie = await signIn(t.app, 'team-manager@herefordshire.example');
    expect((await t.app.inject({ method: 'GET', url: '/audit', headers: { cookie } })).statusCode).toBe(403);
  });

  it('records the search itself', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    await t.app.inject({ method: 'GET', url: '/audit?recordType=staff', headers: { cookie } });
    const last = await t.database.db.selectFrom('audit_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'search', actor_label: 'admin@herefordshire.example', record_type: 'audit-log' });
  });
});
