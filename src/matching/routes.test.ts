import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';

let t: TestApp;
const as = bearerFor(() => t);
const TODAY = '2026-11-23';

async function waitingChild(skip: number): Promise<string> {
  const council = await t.database.db.selectFrom('organisation').select('id').where('slug', '=', 'worcestershire').executeTakeFirstOrThrow();
  const rows = await t.database.db.selectFrom('child').select('id').where('placing_authority_id', '=', council.id)
    .where('stage', 'in', ['should-be-placed', 'placement-order', 'family-finding']).where('sibling_group_id', 'is', null).orderBy('la_child_ref').execute();
  return rows[skip]!.id;
}

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

describe('matching API', () => {
  it('ranks households for a child with a score and an explanation per factor, and lists those excluded', async () => {
    const childId = await waitingChild(0);
    const headers = await as('family-finder@worcestershire.example');
    const ranked = await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/matches?limit=5`, headers });
    expect(ranked.statusCode).toBe(200);
    const body = ranked.json();
    expect(body.households.length).toBeGreaterThan(0);
    expect(body.households.length).toBeLessThanOrEqual(5);
    for (const h of body.households) {
      expect(h.factors.map((f: { factor: string }) => f.factor).sort()).toEqual(['child-wait', 'distance', 'heritage', 'household-wait', 'needs', 'siblings']);
      expect(h.factors.every((f: { explanation: string }) => f.explanation.length > 10)).toBe(true);
    }
    const excluded = await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/matches/excluded`, headers });
    expect(excluded.statusCode).toBe(200);
    expect(excluded.json().total).toBe(body.excluded);
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/matches`, headers: await as('family-finder@thurrock.example') });
    expect(hidden.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/matches?limit=0`, headers });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('limit');
  });

  it('opens a link, moves it on and closes it with a reason; a second household side sees the children ranked', async () => {
    const childId = await waitingChild(1);
    const headers = await as('family-finder@worcestershire.example');
    const ranked = (await t.app.inject({ method: 'GET', url: `/api/v1/children/${childId}/matches`, headers })).json();
    const householdId = ranked.households[0].id;
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/links', headers, payload: { childId, householdId } });
    expect(opened.statusCode).toBe(201);
    const link = opened.json();
    expect(link).toMatchObject({ status: 'interest', householdId, openedFrom: 'child' });
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/links/${link.id}`, headers, payload: { status: 'exploring' } });
    expect(moved.statusCode).toBe(200);
    const back = await t.app.inject({ method: 'PATCH', url: `/api/v1/links/${link.id}`, headers, payload: { status: 'exploring' } });
    expect(back.statusCode).toBe(422);
    const noReason = await t.app.inject({ method: 'PATCH', url: `/api/v1/links/${link.id}`, headers, payload: { status: 'closed', reason: 'other' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].field).toBe('notes');
    const closed = await t.app.inject({ method: 'PATCH', url: `/api/v1/links/${link.id}`, headers, payload: { status: 'closed', reason: 'adopters-declined' } });
    expect(closed.json()).toMatchObject({ status: 'closed', closeReason: 'adopters-declined' });
    expect(closed.json().history.map((e: { to: string }) => e.to)).toEqual(['interest', 'exploring', 'closed']);
    const stranger = await t.app.inject({ method: 'GET', url: `/api/v1/links/${link.id}`, headers: await as('family-finder@thurrock.example') });
    expect(stranger.statusCode).toBe(404);
  });
});

describe('matching pages', () => {
  it('shows Find families with reasons, opens a link from it, and shows the link page', async () => {
    const childId = await waitingChild(2);
    const cookie = await signIn(t.app, 'family-finder@worcestershire.example');
    const page = await t.app.inject({ method: 'GET', url: `/children/${childId}/families`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Why this score');
    const householdId = /name="householdId" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const opened = await submitForm(t.app, cookie, `/children/${childId}/families`, { childId, householdId }, '/links');
    expect(opened.statusCode).toBe(303);
    const linkPage = await t.app.inject({ method: 'GET', url: opened.headers.location as string, headers: { cookie } });
    expect(linkPage.statusCode).toBe(200);
    expect(linkPage.body).toContain('Interest expressed');
    const excluded = await t.app.inject({ method: 'GET', url: `/children/${childId}/families/excluded`, headers: { cookie } });
    expect(excluded.statusCode).toBe(200);
    const filtered = await t.app.inject({ method: 'GET', url: `/children/${childId}/families?tier=nowhere`, headers: { cookie } });
    expect(filtered.statusCode).toBe(422);
    expect(filtered.body).toContain('Select where to look');
  });
});
