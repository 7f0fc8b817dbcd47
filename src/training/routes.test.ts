import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as adopters from '../adopters/service.ts';
import { insertHousehold } from '../adopters/store.ts';
import { bearerFor, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import { contextOf } from '../core/testing/context.ts';
import * as training from './service.ts';

let t: TestApp;
const orgs = new Map<string, string>();
let n = 0;

const as = bearerFor(() => t);
// Households live in a council of their owner's partnership (Herefordshire when the owner is the partnership itself).
const household = (slug: string) => insertHousehold(t.database.db, { ownerId: orgs.get(slug)!, homeCouncilId: orgs.get(slug === 'west-mercia' ? 'herefordshire' : slug)!, reference: `API${++n}`, applicants: [{ firstName: 'Rae', lastName: `Apitrain${n}` }] });

async function newSession(capacity: number, date = '2026-12-10', kind = 'post-approval') {
  const headers = await as('training-coordinator@west-mercia.example');
  const course = await t.app.inject({ method: 'POST', url: '/api/v1/training/courses', headers, payload: { kind, title: 'API course', organiserId: orgs.get('west-mercia') } });
  expect(course.statusCode).toBe(201);
  const session = await t.app.inject({ method: 'POST', url: `/api/v1/training/courses/${course.json().id}/sessions`, headers, payload: { date, startTime: '10:00', venue: 'County Hall, Worcester', venueCouncilId: orgs.get('worcestershire'), capacity, trainerName: 'Tess Trainer' } });
  expect(session.statusCode).toBe(201);
  return { courseId: course.json().id as string, sessionId: session.json().id as string };
}

const bookingUrl = (id: string) => `/api/v1/training/sessions/${id}/bookings`;

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  for (const o of await t.database.db.selectFrom('organisation').select(['id', 'slug']).execute()) orgs.set(o.slug, o.id);
});
afterAll(() => t.close());

describe('training API', () => {
  it('lists upcoming sessions with places left', async () => {
    const { sessionId } = await newSession(3);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/training/sessions', headers: await as('social-worker@shropshire.example') });
    expect(response.statusCode).toBe(200);
    const item = response.json().items.find((s: { id: string }) => s.id === sessionId);
    expect(item).toEqual({ id: sessionId, course: 'API course', courseId: expect.any(String), kind: 'post-approval', date: '2026-12-10', startTime: '10:00', venue: 'County Hall, Worcester', venueCouncil: 'E10000034', capacity: 3, booked: 0, waiting: 0, placesLeft: 3 });
    const filtered = await t.app.inject({ method: 'GET', url: '/api/v1/training/sessions?kind=preparation&venueCouncil=E06000019', headers: await as('social-worker@shropshire.example') });
    expect(filtered.json().items.every((s: { kind: string; venueCouncil: string }) => s.kind === 'preparation' && s.venueCouncil === 'E06000019')).toBe(true);
  });

  it('puts the next booking on a full session on the waiting list, and cancelling promotes the first waiting', async () => {
    const { sessionId } = await newSession(2);
    const headers = await as('recruitment-officer@west-mercia.example');
    const [a, b, c, d] = [await household('shropshire'), await household('herefordshire'), await household('west-mercia'), await household('telford-and-wrekin')];
    const first = await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: a } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: expect.any(String), status: 'booked' });
    expect((await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: b } })).json().status).toBe('booked');
    const third = await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: c } });
    expect(third.statusCode).toBe(201);
    expect(third.json()).toEqual({ id: expect.any(String), status: 'waiting', position: 1 });
    expect((await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: d } })).json()).toMatchObject({ status: 'waiting', position: 2 });
    const twice = await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: a } });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0]).toEqual({ field: 'householdId', message: expect.stringMatching(/^Household API\d+ already has a place on this session$/) });

    const cancelled = await t.app.inject({ method: 'DELETE', url: `/api/v1/training/bookings/${first.json().id}`, headers });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ id: first.json().id, status: 'cancelled', promoted: [{ id: third.json().id, householdId: c }] });
    const session = (await t.app.inject({ method: 'GET', url: `/api/v1/training/sessions/${sessionId}`, headers })).json();
    expect(session).toMatchObject({ booked: 2, waiting: 1, placesLeft: 0 });
    expect(session.bookings.map((x: { householdId: string; status: string; position: number | null }) => [x.householdId, x.status, x.position])).toEqual([[b, 'booked', null], [c, 'booked', null], [d, 'waiting', 1]]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/training/bookings/${first.json().id}`, headers })).statusCode).toBe(409);
  });

  it('refuses a household outside the partnership naming householdId, and a missing one', async () => {
    const { sessionId } = await newSession(5);
    const headers = await as('training-coordinator@west-mercia.example');
    const outside = await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: await household('thurrock') } });
    expect(outside.statusCode).toBe(422);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect(outside.json().errors).toEqual([{ field: 'householdId', message: 'Select a household in the partnership' }]);
    const missing = await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: {} });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['householdId']);
  });

  it('refuses attendance before the session naming both dates, and completes preparation after the last session', async () => {
    const headers = await as('training-coordinator@west-mercia.example');
    const { sessionId } = await newSession(4, '2026-12-01', 'preparation');
    const h = await household('worcestershire');
    const booking = (await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers, payload: { householdId: h } })).json();
    const payload = { attendance: [{ bookingId: booking.id, status: 'attended' }] };
    const early = await t.app.inject({ method: 'POST', url: `/api/v1/training/sessions/${sessionId}/attendance`, headers, payload });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([{ field: 'attendance', message: 'Attendance can only be recorded on or after the day of the session (1 December 2026): today is 23 November 2026' }]);
    t.setToday('2026-12-01');
    try {
      const done = await t.app.inject({ method: 'POST', url: `/api/v1/training/sessions/${sessionId}/attendance`, headers, payload });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ completed: [{ householdId: h, on: '2026-12-01' }] });
    } finally {
      t.setToday('2026-11-23');
    }
    const row = await t.database.db.selectFrom('household').select('preparation_completed_on').where('id', '=', h).executeTakeFirstOrThrow();
    expect(row.preparation_completed_on).toBe('2026-12-01');
  });

  it('answers 404 for a session the person cannot see, and audits who viewed the bookings', async () => {
    const { sessionId } = await newSession(2);
    const thurrock = await as('social-worker@thurrock.example');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/training/sessions/${sessionId}`, headers: thurrock })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers: thurrock, payload: { householdId: await household('thurrock') } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/training/sessions', headers: thurrock })).json().items.map((s: { id: string }) => s.id)).not.toContain(sessionId);
    await t.app.inject({ method: 'GET', url: `/api/v1/training/sessions/${sessionId}`, headers: await as('social-worker@shropshire.example') });
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'actor_label']).where('record_type', '=', 'training-session').where('record_id', '=', sessionId).where('action', '=', 'view').execute();
    expect(audit.map((a) => a.actor_label)).toEqual(['social-worker@shropshire.example']);
  });
});

describe('training pages', () => {
  it('lists sessions, books a household by reference through the form, and shows it on the session page', async () => {
    const { sessionId } = await newSession(1);
    await household('shropshire');
    const reference = `API${n}`;
    const cookie = await signIn(t.app, 'training-coordinator@west-mercia.example');
    const list = await t.app.inject({ method: 'GET', url: '/training', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/training/sessions/${sessionId}`);
    const empty = await submitForm(t.app, cookie, `/training/sessions/${sessionId}/book`, { reference: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('href="#reference"');
    const booked = await submitForm(t.app, cookie, `/training/sessions/${sessionId}/book`, { reference: reference.toLowerCase() });
    expect(booked.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: `/training/sessions/${sessionId}`, headers: { cookie } });
    expect(page.body).toContain(reference);
    expect(page.body).toContain('has a place on this session');
    const unknown = await submitForm(t.app, cookie, `/training/sessions/${sessionId}/book`, { reference: 'NO-SUCH' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('No household in the partnership has the reference NO-SUCH');
  });

  it('adds a course and a session through the forms, with errors naming the fields', async () => {
    const cookie = await signIn(t.app, 'training-coordinator@west-mercia.example');
    const bad = await submitForm(t.app, cookie, '/training/courses/new', { title: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#kind"');
    expect(bad.body).toContain('href="#title"');
    const made = await submitForm(t.app, cookie, '/training/courses/new', { kind: 'preparation', title: 'Form course', organiserId: orgs.get('west-mercia')! });
    expect(made.statusCode).toBe(303);
    const courseUrl = made.headers.location as string;
    const badSession = await submitForm(t.app, cookie, `${courseUrl}/sessions/new`, { 'date-day': '31', 'date-month': '2', 'date-year': '2027', capacity: '0' });
    expect(badSession.statusCode).toBe(422);
    for (const f of ['#date-day', '#startTime', '#venue', '#venueCouncilId', '#capacity', '#trainerName']) expect(badSession.body).toContain(`href="${f}"`);
    const session = await submitForm(t.app, cookie, `${courseUrl}/sessions/new`, { 'date-day': '1', 'date-month': '3', 'date-year': '2027', startTime: '9:30', venue: 'Shirehall', venueCouncilId: orgs.get('shropshire')!, capacity: '8', trainerName: 'Tom' });
    expect(session.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: courseUrl, headers: { cookie } })).body).toContain('1 March 2027');
  });
});

describe('cancelling and the household policy, through the API and the page', () => {
  /** A live demo booking on an upcoming session whose bookings the person sees, of a household they get 404 for (found by asking, not by id). */
  async function demoBookingHiddenFrom(email: string) {
    const db = t.database.db;
    const ctx = await contextOf(db, email);
    const rows = await db.selectFrom('training_booking as b').innerJoin('training_session as s', 's.id', 'b.session_id')
      .select(['b.id', 'b.session_id as sessionId', 'b.household_id as householdId']).where('b.status', '<>', 'cancelled').where('s.session_date', '>=', '2026-11-23')
      .orderBy('s.session_date').orderBy('b.queued_seq').execute();
    for (const r of rows) {
      const session = await training.viewSession(db, ctx, r.sessionId, { bookings: false }).catch(() => null);
      if (session?.can.viewBookings && !(await adopters.householdVisibleTo(db, ctx, r.householdId))) return r;
    }
    throw new Error(`no booking hidden from ${email}`);
  }
  const row = (id: string) => t.database.db.selectFrom('training_booking').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it.each(['social-worker@shropshire.example', 'social-worker@herefordshire.example', 'social-worker@barnardos.example'])('answers 404 to %s, who gets 404 for the household, and the booking is unchanged', async (email) => {
    const booking = await demoBookingHiddenFrom(email);
    const headers = await as(email);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/households/${booking.householdId}`, headers })).statusCode).toBe(404);
    const before = await row(booking.id);
    const api = await t.app.inject({ method: 'DELETE', url: `/api/v1/training/bookings/${booking.id}`, headers });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(await row(booking.id)).toEqual(before);

    const cookie = await signIn(t.app, email);
    const sessionPage = `/training/sessions/${booking.sessionId}`;
    const page = await t.app.inject({ method: 'GET', url: sessionPage, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/training/bookings/${booking.id}/cancel`);
    const posted = await submitForm(t.app, cookie, sessionPage, {}, `/training/bookings/${booking.id}/cancel`);
    expect(posted.statusCode).toBe(404);
    expect(await row(booking.id)).toEqual(before);
    expect(before.status).not.toBe('cancelled');
  });

  it('offers attendance only for households the coordinator may see', async () => {
    // Under Option 1 the consortium delivers no assessment: its coordinator runs its sessions but sees none of its councils' households.
    const db = t.database.db;
    const past = await db.selectFrom('training_session as s').innerJoin('training_course as c', 'c.id', 's.course_id').innerJoin('organisation as o', 'o.id', 'c.organiser_id')
      .innerJoin('training_booking as b', 'b.session_id', 's.id').innerJoin('household as h', 'h.id', 'b.household_id').innerJoin('organisation as ho', 'ho.id', 'h.owner_id')
      .select('s.id').where('o.slug', '=', 'thurrock-consortium').where('ho.slug', 'in', ['thurrock', 'southend-on-sea']).where('s.session_date', '<', '2026-11-23').where('b.status', '=', 'booked')
      .orderBy('s.session_date', 'desc').limit(1).executeTakeFirstOrThrow();
    const cookie = await signIn(t.app, 'training-coordinator@thurrock-consortium.example');
    const page = await t.app.inject({ method: 'GET', url: `/training/sessions/${past.id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No household with a place is one you can see');
    expect(page.body).not.toContain('Record attendance');
    expect(page.body).not.toContain('/cancel"');
  });

  it('cancels through the page and the API for people who may see the household', async () => {
    const { sessionId } = await newSession(3);
    const coordinator = await as('training-coordinator@west-mercia.example');
    const [a, b] = [await household('west-mercia'), await household('worcestershire')];
    const first = (await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers: coordinator, payload: { householdId: a } })).json().id as string;
    const second = (await t.app.inject({ method: 'POST', url: bookingUrl(sessionId), headers: coordinator, payload: { householdId: b } })).json().id as string;
    // The partnership's social worker sees the partnership's own household, and cancels it on the page.
    const cookie = await signIn(t.app, 'social-worker@west-mercia.example');
    const sessionPage = `/training/sessions/${sessionId}`;
    expect((await t.app.inject({ method: 'GET', url: sessionPage, headers: { cookie } })).body).toContain(`/training/bookings/${first}/cancel`);
    const posted = await submitForm(t.app, cookie, sessionPage, {}, `/training/bookings/${first}/cancel`);
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(sessionPage);
    expect((await row(first)).status).toBe('cancelled');
    // Worcestershire's household, whose assessment the partnership delivers: the coordinator cancels it through the API.
    const api = await t.app.inject({ method: 'DELETE', url: `/api/v1/training/bookings/${second}`, headers: coordinator });
    expect(api.statusCode).toBe(200);
    expect((await row(second)).status).toBe('cancelled');
  });
});
