import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';

let t: TestApp;
let childId: string;
let worker: string;

const bearer = bearerFor(() => t);

beforeAll(async () => {
  t = await startTestApp();
  const herefordshire = await t.database.db.selectFrom('organisation').select('id').where('slug', '=', 'herefordshire').executeTakeFirstOrThrow();
  childId = (await t.database.db.selectFrom('child').select('id').where('placing_authority_id', '=', herefordshire.id).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  worker = await signIn(t.app, 'social-worker@herefordshire.example');
});
afterAll(() => t.close());

describe('case notes pages', () => {
  it('a social worker records a visit from the form; it shows on the notes page and in the child\'s chronology', async () => {
    const saved = await submitForm(t.app, worker, `/children/${childId}/notes/new`, {
      type: 'visit', 'date-day': '20', 'date-month': '11', 'date-year': '2026', time: '10:15', body: 'Home visit: Sam showed me the new bedroom.',
    }, `/children/${childId}/notes`);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/children/${childId}/notes`);
    const notes = await t.app.inject({ url: `/children/${childId}/notes`, headers: { cookie: worker } });
    expect(notes.statusCode).toBe(200);
    expect(notes.body).toContain('Home visit: Sam showed me the new bedroom.');
    expect(notes.body).toContain('20 November 2026 at 10:15');
    const child = await t.app.inject({ url: `/children/${childId}`, headers: { cookie: worker } });
    expect(child.body).toContain('Home visit: Sam showed me the new bedroom.');
    const story = await t.app.inject({ url: `/children/${childId}/chronology?kind=note`, headers: { cookie: worker } });
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain('Home visit: Sam showed me the new bedroom.');
  });

  it('re-shows the form with each fault named and stores nothing', async () => {
    const before = await t.database.db.selectFrom('case_note').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const refused = await submitForm(t.app, worker, `/children/${childId}/notes/new`, { 'date-day': '31', 'date-month': '2', 'date-year': '2026', time: 'noon', body: '' }, `/children/${childId}/notes`);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('Select what kind of note this is');
    expect(refused.body).toContain('Enter the note');
    expect(refused.body).toContain('href="#date-day"');
    expect(await t.database.db.selectFrom('case_note').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('another council\'s worker gets 404 for the notes, the chronology and its PDF', async () => {
    const other = await signIn(t.app, 'social-worker@shropshire.example');
    for (const url of [`/children/${childId}/notes`, `/children/${childId}/notes/new`, `/children/${childId}/chronology`, `/children/${childId}/chronology.pdf`]) {
      expect((await t.app.inject({ url, headers: { cookie: other } })).statusCode, url).toBe(404);
    }
  });

  it('downloads the chronology as a PDF, audited as an export', async () => {
    const pdf = await t.app.inject({ url: `/children/${childId}/chronology.pdf`, headers: { cookie: worker } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="chronology-child-/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.database.db.selectFrom('audit_event').select('detail').where('record_id', '=', childId).where('action', '=', 'export').execute();
    expect(audit.map((a) => a.detail)).toContainEqual(expect.objectContaining({ sections: ['chronology'], format: 'pdf' }));
  });
});

describe('case notes API', () => {
  it('adds and lists notes as JSON, and refuses bad input and other councils', async () => {
    const headers = await bearer('social-worker@herefordshire.example');
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/notes`, headers, payload: { type: 'phone-call', date: '2026-11-21', time: '09:05', body: 'Called the foster carer.' } });
    expect(created.statusCode).toBe(201);
    const list = await t.app.inject({ url: `/api/v1/children/${childId}/notes`, headers });
    expect(list.json().items).toContainEqual(expect.objectContaining({ id: created.json().id, type: 'phone-call', date: '2026-11-21', time: '09:05', body: 'Called the foster carer.', sensitive: false, version: 1 }));
    const future = await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/notes`, headers, payload: { type: 'visit', date: '2027-01-01', time: '09:00', body: 'Not yet' } });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([{ field: 'date', message: expect.stringContaining('future') }]);
    const other = await bearer('social-worker@shropshire.example');
    expect((await t.app.inject({ url: `/api/v1/children/${childId}/notes`, headers: other })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/children/${childId}/notes`, headers: other, payload: { type: 'visit', date: '2026-11-21', time: '09:00', body: 'x' } })).statusCode).toBe(404);
  });
});
