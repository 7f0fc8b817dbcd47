// The panel's pages and API through Fastify: forms that refuse naming the field (GOV.UK error
// summary) and change nothing, problem JSON from the API, the OpenAPI description, a member's
// paper download, and the decision maker's queue, form and letter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import { PanelFixtures } from './testing.ts';


let t: TestApp;
let f: PanelFixtures;
const as = bearerFor(() => t);
const ADVISER = 'panel-adviser@west-mercia.example';
const QUORATE = ['chair', 'social1', 'independent1', 'independent2', 'medical'];
const cookies = new Map<string, string>();
const session = async (email: string) => {
  if (!cookies.has(email)) cookies.set(email, await signIn(t.app, email));
  return cookies.get(email)!;
};
const page = async (email: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: await session(email) } });

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  f = new PanelFixtures(t.database.db);
});
afterAll(() => t.close());

async function meetingWithItem(o: { attend?: readonly string[] } = {}) {
  const p = await f.panel('west-mercia');
  const meetingId = await f.meeting(p.panelId, '2026-11-19', '2026-11-24');
  await f.attend(meetingId, p.members, o.attend ?? QUORATE);
  const h = await f.householdForApproval('west-mercia', 'worcestershire');
  const item = await t.app.inject({ method: 'POST', url: `/api/v1/panel-meetings/${meetingId}/items`, headers: await as(ADVISER), payload: { kind: 'approval', householdId: h.id } });
  expect(item.statusCode, item.body).toBe(201);
  return { ...p, meetingId, household: h, itemId: item.json().id as string };
}

describe('panel API', () => {
  it('sets up a panel, lists it, and describes it in OpenAPI', async () => {
    const headers = await as(ADVISER);
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/panels', headers, payload: { name: 'API panel', decisionWorkingDays: 10 } });
    expect(made.statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/panels', headers });
    expect(list.json().items.find((p: { id: string }) => p.id === made.json().id)).toMatchObject({ name: 'API panel', decisionWorkingDays: 10, quorum: { minPresent: 5, independent: true }, members: 0 });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/panels', headers, payload: { name: '', quorumMinPresent: 0 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'quorumMinPresent']);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/panels', '/api/v1/panel-meetings/{id}', '/api/v1/decisions', '/api/v1/panel-items/{id}/recommendation']) expect(Object.keys(openapi.paths)).toContain(path);
  });

  it('shows a meeting with its agenda, attendance and quorum, and refuses a recommendation at an inquorate meeting as a problem naming the field', async () => {
    const m = await meetingWithItem({ attend: ['chair', 'vice', 'social1', 'social2', 'medical'] });
    const headers = await as(ADVISER);
    const meeting = (await t.app.inject({ method: 'GET', url: `/api/v1/panel-meetings/${m.meetingId}`, headers })).json();
    expect(meeting.quorum).toEqual({ rule: expect.any(String), quorate: false, lacks: ['an independent member'] });
    expect(meeting.items).toEqual([expect.objectContaining({ id: m.itemId, position: 1, kind: 'approval', householdId: m.household.id, recommendation: null, deadline: null })]);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/panel-items/${m.itemId}/recommendation`, headers, payload: { recommendation: 'approve', reasons: 'Ready.' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([{ field: 'recommendation', message: 'The meeting is not quorate: it lacks an independent member' }]);
    const attendance = await t.app.inject({ method: 'PUT', url: `/api/v1/panel-meetings/${m.meetingId}/attendance`, headers, payload: { attendance: [{ memberId: m.members.independent1, attended: true }] } });
    expect(attendance.json()).toEqual({ quorate: true, lacks: [] });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/panel-items/${m.itemId}/recommendation`, headers, payload: { recommendation: 'approve', reasons: 'Ready.' } })).statusCode).toBe(201);
    const final = await t.app.inject({ method: 'POST', url: `/api/v1/panel-meetings/${m.meetingId}/minutes/final`, headers });
    expect(final.json()).toEqual({ minutesFinalOn: '2026-11-23', decisionDueOn: '2026-12-02' });
  });

  it('refuses a decision before the minutes are final, and lists decisions due with their deadline', async () => {
    const m = await meetingWithItem();
    const adviser = await as(ADVISER);
    await t.app.inject({ method: 'POST', url: `/api/v1/panel-items/${m.itemId}/recommendation`, headers: adviser, payload: { recommendation: 'approve', reasons: 'Ready.' } });
    const adm = await as('decision-maker@west-mercia.example');
    const early = await t.app.inject({ method: 'POST', url: '/api/v1/decisions', headers: adm, payload: { itemId: m.itemId, decision: 'approve', reasons: 'Agreed.', decidedOn: '2026-11-23' } });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].field).toBe('decision');
    await t.app.inject({ method: 'POST', url: `/api/v1/panel-meetings/${m.meetingId}/minutes/final`, headers: adviser });
    const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/decisions', headers: adm })).json();
    expect(queue.items.find((i: { id: string }) => i.id === m.itemId)).toMatchObject({ kind: 'approval', recommendation: 'approve', deadline: { dueOn: '2026-12-02', status: 'due', workingDaysLeft: 7 } });
  });
});

describe('panel pages', () => {
  it('shows the panels list, a panel and its meeting, each with its heading', async () => {
    const m = await meetingWithItem();
    const list = await page(ADVISER, '/panels');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/panels/${m.panelId}"`);
    const panel = await page(ADVISER, `/panels/${m.panelId}`);
    expect(panel.body).toContain('Add a member');
    expect(panel.body).toContain(`/panel-meetings/${m.meetingId}`);
    const meeting = await page(ADVISER, `/panel-meetings/${m.meetingId}`);
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).toContain(m.household.reference);
    expect(meeting.body).toContain('Quorate');
  });

  it('names what the quorum lacks in the error summary of the recommendation form, and records nothing', async () => {
    const m = await meetingWithItem({ attend: ['chair', 'vice', 'social1', 'social2', 'medical'] });
    const cookie = await session(ADVISER);
    const response = await submitForm(t.app, cookie, `/panel-items/${m.itemId}`, { recommendation: 'approve', reasons: 'Ready.' }, `/panel-items/${m.itemId}/recommendation`);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('<a href="#recommendation">The meeting is not quorate: it lacks an independent member');
    const row = await t.database.db.selectFrom('panel_item').select('recommendation').where('id', '=', m.itemId).executeTakeFirstOrThrow();
    expect(row.recommendation).toBeNull();
  });

  it('lets a member download their meeting\'s paper, and answers 404 for another meeting\'s', async () => {
    const m = await meetingWithItem();
    const documentId = await f.document('household', m.household.id, 'social-worker@west-mercia.example');
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/panel-items/${m.itemId}/papers`, headers: await as(ADVISER), payload: { documentIds: [documentId] } })).statusCode).toBe(204);
    const member = 'panel-member@west-mercia.example';
    const meeting = await page(member, `/panel-meetings/${m.meetingId}`);
    expect(meeting.body).toContain(`/panel-meetings/${m.meetingId}/papers/${documentId}`);
    const paper = await page(member, `/panel-meetings/${m.meetingId}/papers/${documentId}`);
    expect(paper.statusCode).toBe(200);
    expect(paper.headers['content-type']).toBe('application/pdf');
    const other = await meetingWithItem();
    await t.database.db.deleteFrom('panel_meeting_member').where('meeting_id', '=', other.meetingId).where('member_id', '=', other.members.chair!).execute();
    expect((await page(member, `/panel-meetings/${other.meetingId}/papers/${documentId}`)).statusCode).toBe(404);
    expect((await page(member, `/panel-meetings/${other.meetingId}`)).statusCode).toBe(404);
    expect((await page(member, `/panel-meetings/${m.meetingId}/papers/not-a-uuid`)).statusCode).toBe(404);
  });

  it('shows the decision maker the queue and the decision form, which refuses a decision before the final minutes', async () => {
    const m = await meetingWithItem();
    const adm = 'decision-maker@west-mercia.example';
    await t.app.inject({ method: 'POST', url: `/api/v1/panel-items/${m.itemId}/recommendation`, headers: await as(ADVISER), payload: { recommendation: 'approve', reasons: 'Ready.' } });
    const form = await page(adm, `/panel-decisions/${m.itemId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('The decision is made on the panel&#39;s final minutes: these minutes are still a draft');
    const post = await submitForm(t.app, await session(adm), `/panel-decisions/${m.itemId}`, { decision: 'approve', reasons: 'Agreed.', 'decidedOn-day': '23', 'decidedOn-month': '11', 'decidedOn-year': '2026' });
    expect(post.statusCode).toBe(422);
    expect(post.body).toContain('<a href="#decision">The decision is made on the panel&#39;s final minutes');
    await t.app.inject({ method: 'POST', url: `/api/v1/panel-meetings/${m.meetingId}/minutes/final`, headers: await as(ADVISER) });
    const queue = await page(adm, '/panel-decisions');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/panel-decisions/${m.itemId}`);
    expect(queue.body).toContain('2 December 2026');
  });
});
