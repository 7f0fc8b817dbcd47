import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../../core/testing/app.ts';
import { contextOf } from '../../core/testing/context.ts';
import { dueWork } from '../service.ts';
import { insertHousehold } from '../store.ts';

let t: TestApp;
const TODAY = '2026-11-23';

const as = bearerFor(() => t);

async function org(slug: string) {
  return (await t.database.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** A household as the recruitment area makes one from an accepted ROI. */
async function fromRoi(reference: string, roiAcceptedOn = '2026-01-05') {
  return insertHousehold(t.database.db, {
    ownerId: await org('west-mercia'), homeCouncilId: await org('herefordshire'), reference, roiAcceptedOn,
    applicants: [{ firstName: 'Robin', lastName: `Flow${reference}`, dateOfBirth: '1985-03-02', sex: 'F', ethnicity: 'WBRI' }, { firstName: 'Sam', lastName: `Flow${reference}`, dateOfBirth: '1983-07-12', sex: 'M', ethnicity: 'AIND' }],
  });
}

const post = async (id: string, payload: Record<string, unknown>, email = 'social-worker@west-mercia.example') =>
  t.app.inject({ method: 'POST', url: `/api/v1/households/${id}/stage-events`, headers: await as(email), payload });

async function satisfactoryChecks(id: string, names: string[]) {
  const headers = await as('social-worker@west-mercia.example');
  const checks = [
    ...names.flatMap((n) => [{ kind: 'dbs', subject: n }, { kind: 'medical', subject: n }]),
    { kind: 'reference', subject: 'Referee One' }, { kind: 'reference', subject: 'Referee Two' }, { kind: 'reference', subject: 'Aunt Three', relative: true },
    { kind: 'la-check', subject: 'Herefordshire' },
  ];
  for (const c of checks) {
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/households/${id}/checks`, headers, payload: { ...c, status: 'satisfactory', requestedOn: '2026-01-20', receivedOn: '2026-02-01', issuedOn: '2026-02-01', expiresOn: '2029-02-01' } });
    expect(r.statusCode, r.body).toBe(201);
  }
}

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

describe('a household from ROI acceptance to approval', () => {
  it('goes through Stage 1 checks and decision, Stage 2 notice, final PAR and ADM approval, with clocks', async () => {
    const id = await fromRoi('FLOW1');
    expect((await post(id, { type: 'stage-1-started', date: '2026-01-12' })).statusCode).toBe(201);
    expect((await post(id, { type: 'stage-1-plan-agreed', date: '2026-01-19' })).statusCode).toBe(201);

    // Stage 2 before Stage 1 ends: refused, naming the dates.
    const early = await post(id, { type: 'stage-2-notice', date: '2026-02-20' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toEqual({ field: 'type', message: 'Stage 2 cannot start before Stage 1 ends: Stage 1 started on 12 January 2026 and has no decision yet (only fast-track households start at Stage 2)' });

    // Proceed without checks or preparation: refused, naming what is missing.
    const tooSoon = await post(id, { type: 'stage-1-decision', date: '2026-03-02', outcome: 'proceed' });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().errors[0].field).toBe('outcome');
    expect(tooSoon.json().errors[0].message).toContain('a satisfactory enhanced DBS check for Robin FlowFLOW1');
    expect(tooSoon.json().errors[0].message).toContain('preparation training to be completed');

    await satisfactoryChecks(id, ['Robin FlowFLOW1', 'Sam FlowFLOW1']);
    await t.database.db.updateTable('household').set({ preparation_completed_on: '2026-02-20' }).where('id', '=', id).execute();
    const decided = await post(id, { type: 'stage-1-decision', date: '2026-03-02', outcome: 'proceed' });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json().household.clocks.stage1).toMatchObject({ from: '2026-01-12', to: '2026-03-02', dueOn: '2026-03-12', status: 'met' });

    expect((await post(id, { type: 'stage-2-notice', date: '2026-04-01' })).statusCode).toBe(201);
    expect((await post(id, { type: 'visit', date: '2026-04-15' })).statusCode).toBe(201);
    expect((await post(id, { type: 'par-status', date: '2026-06-01', parStatus: 'draft' })).statusCode).toBe(201);

    // Approval without a final PAR: refused, naming the field.
    const noPar = await post(id, { type: 'adm-decision', date: '2026-06-10', outcome: 'approved' }, 'decision-maker@west-mercia.example');
    expect(noPar.statusCode).toBe(422);
    expect(noPar.json().errors[0]).toEqual({ field: 'outcome', message: 'Approval needs a final Prospective Adopter\'s Report (parStatus): the report is draft' });

    // A social worker does not record the ADM decision.
    expect((await post(id, { type: 'adm-decision', date: '2026-07-20', outcome: 'approved' })).statusCode).toBe(403);

    expect((await post(id, { type: 'par-status', date: '2026-06-20', parStatus: 'final' })).statusCode).toBe(201);
    expect((await post(id, { type: 'panel', date: '2026-07-14' })).statusCode).toBe(201);
    const approved = await post(id, { type: 'adm-decision', date: '2026-07-20', outcome: 'approved' }, 'decision-maker@west-mercia.example');
    expect(approved.statusCode, approved.body).toBe(201);
    const h = approved.json().household;
    expect(h).toMatchObject({ status: 'approved', stage: 'approved', ad1: 'L11', dates: { stage1StartedOn: '2026-01-12', stage1DecidedOn: '2026-03-02', stage2StartedOn: '2026-04-01', approvedOn: '2026-07-20', approvalReviewDueOn: '2027-07-20' } });
    expect(h.clocks.stage2).toMatchObject({ from: '2026-04-01', dueOn: '2026-08-01', to: '2026-07-20', status: 'met' });
    expect(h.events.map((e: { type: string }) => e.type)).toEqual(['stage-1-started', 'stage-1-plan-agreed', 'stage-1-decision', 'stage-2-notice', 'visit', 'par-status', 'par-status', 'panel', 'adm-decision']);

    // The page shows the clocks and the timeline.
    const cookie = await signIn(t.app, 'social-worker@west-mercia.example');
    const page = await t.app.inject({ method: 'GET', url: `/households/${id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-clock="Stage 1"');
    expect(page.body).toContain('Approved and available');
    expect(page.body).toContain('20 July 2026');
  });

  it('starts a fast-track household at Stage 2, and refuses Stage 1 for it', async () => {
    const headers = await as('social-worker@west-mercia.example');
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/households', headers,
      payload: { relationship: 'civil-partners', fastTrack: 'foster-carer', homeCouncil: 'E06000051', applicants: [{ firstName: 'Kit', lastName: 'Fasttrack', dateOfBirth: '1980-01-01', sex: 'M', ethnicity: 'WBRI' }, { firstName: 'Lee', lastName: 'Fasttrack', dateOfBirth: '1981-01-01', sex: 'M', ethnicity: 'WBRI' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, ad1 } = created.json();
    expect(ad1).toBe('L2');
    expect((await post(id, { type: 'stage-1-started', date: '2026-09-01' })).json().errors[0].message).toContain('fast-track');
    const notice = await post(id, { type: 'stage-2-notice', date: '2026-09-01' });
    expect(notice.statusCode).toBe(201);
    expect(notice.json().household).toMatchObject({ stage: 'stage-2', dates: { stage1StartedOn: null, stage2StartedOn: '2026-09-01' } });
    const tolerances = { developmentalDelay: 'medium', learningDisability: 'low', physicalDisability: 'cannot', medicalConditions: 'low', fasd: 'cannot', familyMentalIllness: 'high', familySubstanceMisuse: 'medium', ongoingContact: 'low' };
    const terms = { minChildren: 1, maxChildren: 2, minAge: 0, maxAge: 4, siblingGroup: true, tolerances };
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/households/${id}/approval-terms`, headers, payload: terms })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/households/${id}/approval-terms`, headers, payload: { ...terms, maxAge: 6 } })).statusCode).toBe(204);
    const bad = await t.app.inject({ method: 'PUT', url: `/api/v1/households/${id}/approval-terms`, headers, payload: { ...terms, minAge: 5, maxAge: 3 } });
    expect(bad.json().errors).toEqual([{ field: 'maxAge', message: 'Oldest age (3) cannot be below the youngest (5)' }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/households/${id}`, headers })).json().terms).toMatchObject({ maxAge: 6, siblingGroup: true, tolerances: { fasd: 'cannot' } });
  });

  it('refuses a check that expires before it was issued, naming both dates, and saves nothing', async () => {
    const id = await fromRoi('FLOW2');
    const headers = await as('social-worker@west-mercia.example');
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/households/${id}/checks`, headers, payload: { kind: 'dbs', subject: 'Robin FlowFLOW2', status: 'satisfactory', requestedOn: '2026-01-10', receivedOn: '2026-02-01', issuedOn: '2026-02-01', expiresOn: '2025-02-01' } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([{ field: 'expiresOn', message: 'Expiry date (1 February 2025) cannot be before the date of issue (1 February 2026)' }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/households/${id}`, headers })).json().checks).toEqual([]);
  });

  it('opens a 40-working-day representation window on a not suitable decision', async () => {
    const headers = await as('social-worker@west-mercia.example');
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { relationship: 'single', fastTrack: 'previous-adopter', applicants: [{ firstName: 'Nat', lastName: 'Window', dateOfBirth: '1979-05-05', sex: 'F', ethnicity: 'BAFR' }] } })).json();
    await post(id, { type: 'stage-2-notice', date: '2026-07-01' });
    const r = await post(id, { type: 'adm-decision', date: '2026-11-02', outcome: 'not-suitable' }, 'decision-maker@west-mercia.example');
    expect(r.statusCode).toBe(201);
    expect(r.json().household.clocks.representation).toMatchObject({ endsOn: '2026-12-30', open: true });
  });
});

describe('work and access', () => {
  it('lists overdue Stage 1 and Stage 2, expiring checks and representation windows in dueWork', async () => {
    const id = await fromRoi('LATE1', '2026-05-01');
    await post(id, { type: 'stage-1-started', date: '2026-06-01' });
    const work = await dueWork(t.database.db, await contextOf(t.database.db, 'social-worker@west-mercia.example', TODAY));
    const mine = work.filter((w) => w.href === `/households/${id}`);
    expect(mine).toEqual([expect.objectContaining({ kind: 'stage-1-overdue', dueOn: '2026-08-01', overdue: true })]);
    expect(work.some((w) => w.kind === 'representation-window')).toBe(true);
  });

  it('answers 404 to another council\'s staff, and leaves the household out of their list', async () => {
    const id = await fromRoi('HIDE1');
    const thurrock = await as('social-worker@thurrock.example');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/households/${id}`, headers: thurrock })).statusCode).toBe(404);
    expect((await post(id, { type: 'stage-1-started', date: '2026-06-01' }, 'social-worker@thurrock.example')).statusCode).toBe(404);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/households?q=HIDE1', headers: thurrock })).json();
    expect(list.items).toEqual([]);
    const own = (await t.app.inject({ method: 'GET', url: '/api/v1/households?q=HIDE1', headers: await as('social-worker@west-mercia.example') })).json();
    expect(own.items.map((h: { id: string }) => h.id)).toEqual([id]);
  });

  it('shows a member council\'s family finder the pool, and audits the search', async () => {
    const headers = await as('family-finder@herefordshire.example');
    const pool = await t.app.inject({ method: 'GET', url: '/api/v1/households/pool?children=1', headers });
    expect(pool.statusCode).toBe(200);
    expect(pool.json().total).toBeGreaterThan(0);
    expect(pool.json().items[0]).toHaveProperty('terms');
    expect(pool.json().items[0]).not.toHaveProperty('applicants');
    const search = await t.database.db.selectFrom('audit_event').select('detail').where('action', '=', 'search').where('record_type', '=', 'household').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(search.detail).toMatchObject({ pool: true });
  });

  it('creates a household through the page form, and re-shows it naming the field on a mistake', async () => {
    const cookie = await signIn(t.app, 'social-worker@west-mercia.example');
    const bad = await submitForm(t.app, cookie, '/households/new', { relationship: 'married', 'a1-firstName': 'Pat' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#a1-lastName"');
    const ok = await submitForm(t.app, cookie, '/households/new', {
      relationship: 'single', fastTrack: 'previous-adopter', homeCouncil: 'E06000019',
      'a1-firstName': 'Pat', 'a1-lastName': 'Pageform', 'a1-dateOfBirth-day': '1', 'a1-dateOfBirth-month': '2', 'a1-dateOfBirth-year': '1984', 'a1-sex': 'F', 'a1-ethnicity': 'WBRI',
    });
    expect(ok.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: ok.headers.location as string, headers: { cookie } });
    expect(page.body).toContain('Pat Pageform');
    expect(page.body).toContain('AD1 L0');
  });
});

describe('changing a household and its checks', () => {
  it('changes only what is sent, audits it, and refuses a bad home council naming the field', async () => {
    const id = await fromRoi('PATCH01');
    const headers = await as('social-worker@west-mercia.example');
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers, payload: { interestFfa: true } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ interestFfa: true, applicants: [expect.objectContaining({ firstName: 'Robin' }), expect.objectContaining({ firstName: 'Sam' })] });
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers, payload: { homeCouncil: 'NOWHERE' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('homeCouncil');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('record_type', '=', 'household').where('record_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('update');
    const outsider = await as('social-worker@thurrock.example');
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}`, headers: outsider, payload: { interestFfa: false } })).statusCode).toBe(404);
  });

  it('updates a check, and refuses an expiry before its issue date without changing it', async () => {
    const id = await fromRoi('CHECK01');
    const headers = await as('social-worker@west-mercia.example');
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/households/${id}/checks`, headers, payload: { kind: 'dbs', subject: `Robin FlowCHECK01`, status: 'requested', requestedOn: '2026-10-01' } });
    expect(created.statusCode).toBe(201);
    const checkId = created.json().id;
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}/checks/${checkId}`, headers, payload: { status: 'satisfactory', receivedOn: '2026-10-20', issuedOn: '2026-10-18', expiresOn: '2029-10-18' } });
    expect(ok.statusCode).toBe(204);
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${id}/checks/${checkId}`, headers, payload: { expiresOn: '2026-10-01' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('expiresOn');
    const household = (await t.app.inject({ method: 'GET', url: `/api/v1/households/${id}`, headers })).json();
    expect(household.checks.find((c: { id: string }) => c.id === checkId)).toMatchObject({ status: 'satisfactory', expiresOn: '2029-10-18' });
  });
});
