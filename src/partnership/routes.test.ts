import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../core/access.ts';
import { signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import * as staffService from '../staff/service.ts';
import * as staffStore from '../staff/store.ts';
import { isMemberOn, OPTION_2_POOLED } from './model.ts';
import * as store from './store.ts';

let t: TestApp;
let westMercia: string;
let thurrock: string;
let token: string;

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  westMercia = (await store.findOrganisationBySlug(t.database.db, 'west-mercia'))!.id;
  thurrock = (await store.findOrganisationBySlug(t.database.db, 'thurrock-consortium'))!.id;
  const person = await staffStore.findStaffByEmail(t.database.db, 'social-worker@herefordshire.example');
  token = (await staffService.createToken(t.database.db, person!.id, { label: 'test' }, null)).token;
});
afterAll(() => t.close());

const bearer = () => ({ authorization: `Bearer ${token}` });

describe('partnership pages', () => {
  it('shows the operating model for 1 January 2015 with Option 2 split', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: `/partnerships/${westMercia}/operating-model?date=2015-01-01`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Operating model on 1 January 2015');
    const cell = (fn: string, member: string) => new RegExp(`data-function="${fn}" data-member="${member}">\\s*(?:<span[^>]*>)?([^<\\n]+)`).exec(page.body)?.[1]?.trim();
    expect(cell('recruitment', 'E06000019')).toBe('Partnership');
    expect(cell('family-finding', 'E06000019')).toBe('The council');
    expect(cell('assessment', 'E10000034')).toBe('The council');
  });

  it('takes the date from the GOV.UK date input and names a wrong one in an error summary', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    const ok = await t.app.inject({ method: 'GET', url: `/partnerships/${westMercia}/operating-model?date-day=1&date-month=1&date-year=2017`, headers: { cookie } });
    expect(ok.body).toContain('Operating model on 1 January 2017');
    expect(ok.body).not.toContain('The council');
    const bad = await t.app.inject({ method: 'GET', url: `/partnerships/${westMercia}/operating-model?date-day=31&date-month=2&date-year=2017`, headers: { cookie } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#date-day"');
  });

  it('answers 404 for a partnership the person is not in', async () => {
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    expect((await t.app.inject({ method: 'GET', url: `/partnerships/${thurrock}`, headers: { cookie } })).statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/partnerships', headers: { cookie } });
    expect(list.body).toContain('West Mercia');
    expect(list.body).not.toContain('Thurrock');
  });

  it('shows that Havering left the Thurrock consortium on 1 April 2014', async () => {
    const cookie = await signIn(t.app, 'social-worker@southend-on-sea.example');
    const page = await t.app.inject({ method: 'GET', url: `/partnerships/${thurrock}/members`, headers: { cookie } });
    const row = /<tr class="govuk-table__row">\s*<td class="govuk-table__cell">Havering<\/td>[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
    expect(row).toContain('1 April 2014');
    expect(page.body).not.toContain('Record leaving');
  });

  it('re-shows the leaving form with an error naming the field when the date precedes joining, and saves nothing', async () => {
    const cookie = await signIn(t.app, 'admin@west-mercia.example');
    const shropshire = (await store.membershipsOf(t.database.db, westMercia)).find((m) => m.memberName === 'Shropshire')!;
    const url = `/partnerships/${westMercia}/members/${shropshire.id}/leave`;
    const response = await submitForm(t.app, cookie, url, { 'leftOn-day': '1', 'leftOn-month': '1', 'leftOn-year': '2013' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#leftOn-day"');
    expect(response.body).toContain('Leaving date must be on or after the joining date (2013-10-04)');
    expect(response.body).toContain('value="2013"');
    expect((await store.membershipsOf(t.database.db, westMercia)).find((m) => m.id === shropshire.id)!.leftOn).toBeNull();
  });

  it('lets the partnership administrator schedule a change through the form', async () => {
    const cookie = await signIn(t.app, 'admin@west-mercia.example');
    const url = `/partnerships/${westMercia}/operating-model/change`;
    const missing = await submitForm(t.app, cookie, url, { scope: 'preset' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#effectiveOn-day"');
    expect(missing.body).toContain('Enter the date the change takes effect');
    const saved = await submitForm(t.app, cookie, url, { scope: 'preset', option: '2', 'effectiveOn-day': '1', 'effectiveOn-month': '4', 'effectiveOn-year': '2028' });
    expect(saved.statusCode).toBe(303);
    const rows = await store.operatingModelOn(t.database.db, westMercia, '2028-04-01');
    const members = new Set(rows.map((r) => r.memberId)).size;
    expect(members).toBeGreaterThan(0);
    // Option 2: the pooled functions from the partnership, for every member, the rest by the council.
    const pooled = rows.filter((r) => r.deliveredBy === 'partnership');
    expect(new Set(pooled.map((r) => r.functionCode))).toEqual(new Set(OPTION_2_POOLED));
    expect(pooled).toHaveLength(members * OPTION_2_POOLED.length);
    expect(rows.filter((r) => r.deliveredBy === 'member')).toHaveLength(members * (FUNCTIONS.length - OPTION_2_POOLED.length));
  });

  it('does not offer or accept changes from other staff', async () => {
    const cookie = await signIn(t.app, 'team-manager@west-mercia.example');
    expect((await t.app.inject({ method: 'GET', url: `/partnerships/${westMercia}/operating-model/change`, headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('partnership API', () => {
  it('answers 401 problem JSON without credentials', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/partnerships' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, title: 'Sign in required' });
  });

  it('lists the partnerships of the person, with members and their dates', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/partnerships', headers: bearer() });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: westMercia, name: 'West Mercia Adoption Partnership', host: { code: 'E10000034' } });
    expect(items[0].members.map((m: { code: string }) => m.code).sort()).toEqual(['E06000019', 'E06000020', 'E06000051', 'E10000034']);
    expect(items[0].members[0]).toMatchObject({ joined: '2013-10-04', left: null });
  });

  it('gives the operating model on a date as rows of function, member and deliverer', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/partnerships/${westMercia}/operating-model?date=2015-01-01`, headers: bearer() });
    const { items } = response.json();
    // One row for every member on the day and every function.
    const members = (await store.membershipsOf(t.database.db, westMercia))
      .filter((m) => m.kind === 'member' && isMemberOn(m, '2015-01-01'));
    expect(members.length).toBeGreaterThan(0);
    expect(items).toHaveLength(members.length * FUNCTIONS.length);
    expect(new Set(items.map((r: { member: string }) => r.member))).toEqual(new Set(members.map((m) => m.memberCode)));
    expect(items.find((r: { function: string; member: string }) => r.function === 'training' && r.member === 'E06000051').deliveredBy).toBe('partnership');
    expect(items.find((r: { function: string; member: string }) => r.function === 'panel' && r.member === 'E06000051').deliveredBy).toBe('member');
  });

  it('refuses a malformed date with problem JSON naming the field', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/partnerships/${westMercia}/operating-model?date=2015-02-30`, headers: bearer() });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].field).toBe('date');
  });

  it('refuses a change from a non-administrator with 403 and a bad one from the administrator with 422', async () => {
    const forbidden = await t.app.inject({ method: 'POST', url: `/api/v1/partnerships/${westMercia}/operating-model/transitions`, headers: bearer(), payload: { effectiveOn: '2029-01-01', option: 1 } });
    expect(forbidden.statusCode).toBe(403);
    const admin = await staffStore.findStaffByEmail(t.database.db, 'admin@west-mercia.example');
    const adminToken = (await staffService.createToken(t.database.db, admin!.id, { label: 'admin' }, null)).token;
    const bad = await t.app.inject({ method: 'POST', url: `/api/v1/partnerships/${westMercia}/operating-model/transitions`, headers: { authorization: `Bearer ${adminToken}` }, payload: { effectiveOn: '2029-13-01', option: 1 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['effectiveOn']);
  });

  it('stops accepting a revoked token', async () => {
    const person = await staffStore.findStaffByEmail(t.database.db, 'analyst@herefordshire.example');
    const { id, token: value } = await staffService.createToken(t.database.db, person!.id, { label: 'short-lived' }, null);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${value}` } })).statusCode).toBe(200);
    const ctx = await staffService.contextFor(t.database.db, staffService.actorOf(person!), '2026-11-23');
    await staffService.revokeToken(t.database.db, ctx, id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${value}` } })).statusCode).toBe(401);
  });

  it('is described by an OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/partnerships', '/api/v1/partnerships/{id}/operating-model']));
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/v1/'))).toBe(true);
  });
});

describe('health', () => {
  it('reports the database engine and whether uploads are scanned for malware', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    // The tests run a real clamd (src/core/testing/clamav-setup.ts).
    expect(response.json()).toEqual({ status: 'ok', database: t.database.engine, malwareScanning: expect.objectContaining({ status: 'ok', version: expect.stringMatching(/ClamAV/) }) });
    const saved = { scanning: process.env.MALWARE_SCANNING };
    process.env.MALWARE_SCANNING = 'off';
    try {
      expect((await t.app.inject({ method: 'GET', url: '/health' })).json().malwareScanning).toMatchObject({ status: 'off' });
    } finally {
      if (saved.scanning === undefined) delete process.env.MALWARE_SCANNING;
      else process.env.MALWARE_SCANNING = saved.scanning;
    }
  });
});
