import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, type TestApp } from '../../core/testing/app.ts';
import * as staffStore from '../../staff/store.ts';

let t: TestApp;

const as = bearerFor(() => t);

const newChild = { firstName: 'Nia', lastName: 'Apitest', dateOfBirth: '2022-06-01', sex: 'F', ethnicity: 'BCRB', placingAuthority: 'E06000019', enteredCare: '2024-02-01' };

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
});
afterAll(() => t.close());

describe('children API', () => {
  it('registers a child with the minimum fields and returns it with placing authority, stage, milestones and factors', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: await as('social-worker@herefordshire.example'), payload: newChild });
    expect(response.statusCode).toBe(201);
    const child = response.json();
    expect(child).toMatchObject({ placingAuthority: 'E06000019', stage: 'in-care', milestones: [], waitingLongerFactors: ['minority-ethnic', 'in-care-21-months'] });
    expect(child.episodes).toEqual([{
      startDate: '2024-02-01', rne: 'S', legalStatus: null, placement: null, placementProvider: null, endDate: null, reasonCeased: null,
      cin: null, reasonPlaceChange: null, homePostcode: null, placementPostcode: null, urn: null,
    }]);
    expect(child).toMatchObject({ mother: null, motherChildDob: null, previousPermanence: null });
  });

  it('refuses bad input with problem JSON naming the fields, and saves nothing', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Apitest', headers })).json().total;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...newChild, ethnicity: 'XXXX', dateOfBirth: '2022-13-01' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['dateOfBirth', 'ethnicity']);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { lastName: 'x' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toContain('firstName');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Apitest', headers })).json().total).toBe(before);
  });

  it('records milestones, refuses one out of order naming both dates, and reports timeliness', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...newChild, firstName: 'Omar' } })).json();
    for (const m of [{ type: 'adoption-plan', date: '2024-03-01' }, { type: 'shobpa', date: '2024-04-01' }, { type: 'placement-order', date: '2024-06-03' }]) {
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/children/${id}/milestones`, headers, payload: m })).statusCode).toBe(201);
    }
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/children/${id}/milestones`, headers, payload: { type: 'match', date: '2024-03-15' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toEqual({ field: 'date', message: 'Match decision (ADM) (15 March 2024) cannot be before the decision that the child should be placed for adoption (1 April 2024) (903 rule 333)' });
    const timeliness = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}/timeliness`, headers })).json();
    expect(timeliness).toMatchObject({ childId: id, a1: { from: '2024-02-01', threshold: 426, status: 'overdue' }, a2: { from: '2024-06-03', threshold: 121, status: 'overdue' }, overdue: true });
    const child = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers })).json();
    expect(child.stage).toBe('placement-order');
    expect(child.milestones.map((m: { type: string }) => m.type)).toEqual(['adoption-plan', 'shobpa', 'placement-order']);
  });

  it('answers 404 to a Shropshire social worker for a Herefordshire child, and leaves it out of their list', async () => {
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: await as('social-worker@herefordshire.example'), payload: { ...newChild, firstName: 'Pia' } })).json();
    const shropshire = await as('social-worker@shropshire.example');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers: shropshire })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}/timeliness`, headers: shropshire })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/children/${id}`, headers: shropshire, payload: { firstName: 'X' } })).statusCode).toBe(404);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Pia&limit=200', headers: shropshire })).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('shows a partnership family finder the children of councils whose family finding is pooled that day only', async () => {
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: await as('social-worker@herefordshire.example'), payload: { ...newChild, firstName: 'Quinn' } })).json();
    const finder = await as('family-finder@west-mercia.example');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers: finder })).statusCode).toBe(200);
    t.setToday('2015-06-01');
    try {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers: finder })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Quinn', headers: finder })).json().total).toBe(0);
    } finally {
      t.setToday('2026-11-23');
    }
  });

  it('pages the list with limit and offset, and filters by waiting-longer factor', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const first = (await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Apitest&limit=2', headers })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
    const second = (await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Apitest&limit=2&offset=2', headers })).json();
    expect(second.items.map((c: { id: string }) => c.id)).not.toContain(first.items[0].id);
    const minority = (await t.app.inject({ method: 'GET', url: '/api/v1/children?q=Apitest&factor=minority-ethnic&limit=200', headers })).json();
    expect(minority.total).toBeGreaterThan(0);
    expect(minority.items.every((c: { waitingLongerFactors: string[] }) => c.waitingLongerFactors.includes('minority-ethnic'))).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/children?factor=tall', headers });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('factor');
  });

  it('audits every view and change of a child', async () => {
    const headers = await as('team-manager@herefordshire.example');
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...newChild, firstName: 'Rae' } })).json();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/children/${id}`, headers, payload: { religion: 'None' } });
    await t.app.inject({ method: 'GET', url: `/api/v1/children/${id}`, headers });
    const rows = await t.database.db.selectFrom('audit_event').select(['action', 'detail']).where('record_type', '=', 'child').where('record_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['create', 'view', 'update', 'view', 'view']);
    expect(rows[2]!.detail).toMatchObject({ before: { religion: null }, after: { religion: 'None' } });
  });
});

describe('changing a child', () => {
  it('changes only what is sent: needs and birth family survive a partial update, and a blank clears a field', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const payload = { ...newChild, firstName: 'Sol', religion: 'Buddhist', needs: [{ category: 'attachment', notes: 'Needs a settled routine' }], birthFamily: [{ name: 'Birth Parent', relationship: 'Mother', area: 'Leominster' }] };
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload })).json();
    const changed = (await t.app.inject({ method: 'PATCH', url: `/api/v1/children/${id}`, headers, payload: { firstName: 'Sola' } })).json();
    expect(changed).toMatchObject({ firstName: 'Sola', religion: 'Buddhist', needs: [{ category: 'attachment', notes: 'Needs a settled routine' }], birthFamily: [{ name: 'Birth Parent', relationship: 'Mother', area: 'Leominster' }] });
    const cleared = (await t.app.inject({ method: 'PATCH', url: `/api/v1/children/${id}`, headers, payload: { religion: '' } })).json();
    expect(cleared.religion).toBeNull();
  });

  it('answers 404 for a malformed id in the address, in the API and in pages alike', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/children/not-an-id', headers });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    expect((await t.app.inject({ method: 'GET', url: '/partnerships/not-an-id', headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/children/not-an-id', headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('allocating workers', () => {
  it('takes a social worker of the council and a family finder of the partnership when it delivers family finding, and refuses others', async () => {
    const headers = await as('social-worker@herefordshire.example');
    const staffId = async (email: string) => (await staffStore.findStaffByEmail(t.database.db, email))!.id;
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...newChild, firstName: 'Tia', socialWorkerId: await staffId('social-worker@herefordshire.example'), familyFinderId: await staffId('family-finder@west-mercia.example') } });
    expect(ok.statusCode).toBe(201);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers, payload: { ...newChild, firstName: 'Uma', socialWorkerId: await staffId('social-worker@shropshire.example'), familyFinderId: await staffId('analyst@herefordshire.example') } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual(['socialWorkerId', 'familyFinderId']);
  });
});

describe('the waiting-longer list', () => {
  it('shows sibling groups, disabled and minority-ethnic children of the demo, with their reasons', async () => {
    const headers = await as('family-finder@west-mercia.example');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/children?factor=any&limit=200', headers })).json();
    const factors = new Set(list.items.flatMap((c: { waitingLongerFactors: string[] }) => c.waitingLongerFactors));
    for (const f of ['sibling-group', 'disabled', 'minority-ethnic']) expect(factors).toContain(f);
    expect(list.items.every((c: { waitingLongerFactors: string[] }) => c.waitingLongerFactors.length > 0)).toBe(true);
    expect(list.items.some((c: { waitingReasons: string[] }) => c.waitingReasons.length > 0)).toBe(true);
    const cookie = await signIn(t.app, 'family-finder@west-mercia.example');
    const page = await t.app.inject({ method: 'GET', url: '/children?factor=any&limit=200', headers: { cookie } });
    expect(page.body).toContain('In a sibling group');
    expect(page.body).toContain('Reasons: ');
  });
});
