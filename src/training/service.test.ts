import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as adopters from '../adopters/service.ts';
import { insertHousehold } from '../adopters/store.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as training from './service.ts';

let handle: DatabaseHandle;
let westMercia: string;
let shropshire: string;
let worcestershire: string;
let thurrock: string;
const TODAY = '2026-11-23';
const ctxFor = (email: string, today = TODAY) => contextOf(handle.db, email, today);
const orgId = async (slug: string) => (await handle.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
let n = 0;
// Households live in a West Mercia council, whose recruitment and assessment the partnership delivers today.
const household = (ownerId: string, homeCouncilId: string = shropshire) => insertHousehold(handle.db, { ownerId, homeCouncilId, reference: `SVC${++n}`, applicants: [{ firstName: 'Sam', lastName: `Trainee${n}` }] });

async function newSession(capacity: number, date = '2026-12-10', kind: 'preparation' | 'post-approval' = 'post-approval') {
  const ctx = await ctxFor('training-coordinator@west-mercia.example');
  const courseId = await training.createCourse(handle.db, ctx, { kind, title: 'Test course', organiserId: westMercia });
  const sessionId = await training.addSession(handle.db, ctx, courseId, { date, startTime: '10:00', venue: 'Shirehall', venueCouncilId: shropshire, capacity: String(capacity), trainerName: 'A Trainer' });
  return { courseId, sessionId };
}

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  const ids = await Promise.all(['west-mercia', 'shropshire', 'worcestershire', 'thurrock'].map(orgId));
  [westMercia, shropshire, worcestershire, thurrock] = [ids[0]!, ids[1]!, ids[2]!, ids[3]!];
});
afterAll(() => handle.close());

describe('the demo', () => {
  it('has upcoming sessions across both partnerships, some full with a waiting list, and completed preparation', async () => {
    const wm = await training.listSessions(handle.db, await ctxFor('social-worker@herefordshire.example'), {});
    expect(wm.items.length).toBeGreaterThan(5);
    expect(new Set(wm.items.map((s) => s.venueCouncilName)).size).toBe(4);
    expect(wm.items.every((s) => s.date >= TODAY)).toBe(true);
    const completed = await handle.db.selectFrom('household').select('id').where('preparation_completed_on', 'is not', null).execute();
    expect(completed.length).toBeGreaterThan(0);
    const full = await handle.db.selectFrom('training_booking').select('session_id').where('status', '=', 'waiting').execute();
    expect(full.length).toBeGreaterThan(0);
    const thurrockList = await training.listSessions(handle.db, await ctxFor('social-worker@thurrock.example'), {});
    expect(thurrockList.items.length).toBeGreaterThan(0);
    expect(thurrockList.items.some((s) => wm.items.some((w) => w.id === s.id))).toBe(false);
  });
});

describe('courses and sessions', () => {
  it('lets the partnership training coordinator make a course and sessions in member councils only', async () => {
    const ctx = await ctxFor('training-coordinator@west-mercia.example');
    const { courseId } = await newSession(5);
    const error = await training.addSession(handle.db, ctx, courseId, { date: '2026-12-01', startTime: '9:30', venue: 'Civic Offices', venueCouncilId: thurrock, capacity: '0', trainerName: '' }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['capacity', 'trainerName']);
    const venue = await training.addSession(handle.db, ctx, courseId, { date: '2026-12-01', startTime: '9:30', venue: 'Civic Offices', venueCouncilId: thurrock, capacity: '4', trainerName: 'X' }).catch((e: unknown) => e);
    expect((venue as ValidationError).errors).toEqual([{ field: 'venueCouncilId', message: 'Select a council in the partnership' }]);
  });

  it('refuses courses to people who do not run training', async () => {
    const ctx = await ctxFor('social-worker@herefordshire.example');
    await expect(training.createCourse(handle.db, ctx, { kind: 'preparation', title: 'X', organiserId: westMercia })).rejects.toBeInstanceOf(ForbiddenError);
    const council = await ctxFor('training-coordinator@herefordshire.example');
    const wrong = await training.createCourse(handle.db, council, { kind: 'preparation', title: 'X', organiserId: westMercia }).catch((e: unknown) => e);
    expect((wrong as ValidationError).errors[0]!.field).toBe('organiserId');
  });
});

describe('bookings', () => {
  it('books a Shropshire household on a session in Worcestershire, waits-lists over capacity, and promotes on cancelling', async () => {
    const { sessionId } = await newSession(1);
    // Training is pooled: the partnership's coordinator books households of every member council.
    const ctx = await ctxFor('training-coordinator@west-mercia.example');
    const [a, b, c] = [await household(shropshire), await household(worcestershire, worcestershire), await household(westMercia)];
    expect(await training.book(handle.db, ctx, sessionId, { householdId: a })).toMatchObject({ status: 'booked' });
    expect(await training.book(handle.db, ctx, sessionId, { householdId: b })).toMatchObject({ status: 'waiting', position: 1 });
    expect(await training.book(handle.db, ctx, sessionId, { householdId: c })).toMatchObject({ status: 'waiting', position: 2 });
    const again = await training.book(handle.db, ctx, sessionId, { householdId: b }).catch((e: unknown) => e);
    expect((again as ValidationError).errors[0]).toEqual({ field: 'householdId', message: expect.stringContaining('already on the waiting list for this session (number 1)') });
    const view = await training.viewSession(handle.db, ctx, sessionId);
    const first = view.booked!.find((x) => x.householdId === a)!;
    const { promoted } = await training.cancel(handle.db, ctx, first.id);
    expect(promoted.map((p) => p.householdId)).toEqual([b]);
    const after = await training.viewSession(handle.db, ctx, sessionId);
    expect(after.booked!.map((x) => x.householdId)).toEqual([b]);
    expect(after.waiting!.map((x) => [x.householdId, x.position])).toEqual([[c, 1]]);
    const audit = await handle.db.selectFrom('audit_event').select(['action', 'record_type']).where('record_id', '=', sessionId).where('action', '=', 'view').execute();
    expect(audit.length).toBe(2);
  });

  it('refuses a household outside the partnership, naming the field', async () => {
    const { sessionId } = await newSession(3);
    const ctx = await ctxFor('training-coordinator@west-mercia.example');
    const outside = await household(thurrock);
    const error = await training.book(handle.db, ctx, sessionId, { householdId: outside }).catch((e: unknown) => e);
    expect((error as ValidationError).errors[0]!.field).toBe('householdId');
    const byRef = await training.book(handle.db, ctx, sessionId, { reference: 'NOPE' }).catch((e: unknown) => e);
    expect((byRef as ValidationError).errors[0]!.field).toBe('reference');
  });

  it('hides a West Mercia session from Thurrock staff, and shows bookings only to those who book', async () => {
    const { sessionId } = await newSession(3);
    await expect(training.viewSession(handle.db, await ctxFor('social-worker@thurrock.example'), sessionId)).rejects.toBeInstanceOf(NotFoundError);
    const analyst = await training.viewSession(handle.db, await ctxFor('analyst@herefordshire.example'), sessionId);
    expect(analyst.booked).toBeNull();
    await expect(training.book(handle.db, await ctxFor('analyst@herefordshire.example'), sessionId, { householdId: await household(westMercia) })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('attendance and completion', () => {
  it('refuses attendance before the session and completes preparation after the last session', async () => {
    const ctx = await ctxFor('training-coordinator@west-mercia.example');
    const { courseId, sessionId: first } = await newSession(4, '2026-12-01', 'preparation');
    const second = await training.addSession(handle.db, ctx, courseId, { date: '2026-12-08', startTime: '10:00', venue: 'County Hall', venueCouncilId: worcestershire, capacity: '4', trainerName: 'B' });
    const h = await household(shropshire);
    const b1 = await training.book(handle.db, ctx, first, { householdId: h });
    const b2 = await training.book(handle.db, ctx, second, { householdId: h });
    const early = await training.recordAttendance(handle.db, ctx, first, { attendance: [{ bookingId: b1.id, status: 'attended' }] }).catch((e: unknown) => e);
    expect((early as ValidationError).errors).toEqual([{ field: 'attendance', message: 'Attendance can only be recorded on or after the day of the session (1 December 2026): today is 23 November 2026' }]);
    expect((await training.recordAttendance(handle.db, await ctxFor('training-coordinator@west-mercia.example', '2026-12-02'), first, { attendance: [{ bookingId: b1.id, status: 'attended' }] })).completed).toEqual([]);
    const done = await training.recordAttendance(handle.db, await ctxFor('training-coordinator@west-mercia.example', '2026-12-09'), second, { attendance: [{ bookingId: b2.id, status: 'attended' }] });
    expect(done.completed).toEqual([{ householdId: h, on: '2026-12-08' }]);
    const row = await handle.db.selectFrom('household').select('preparation_completed_on').where('id', '=', h).executeTakeFirstOrThrow();
    expect(row.preparation_completed_on).toBe('2026-12-08');
  });
});

describe('bookings and the household policy', () => {
  it('shows a household\'s names only to those who may see the household, and books only those', async () => {
    const { sessionId } = await newSession(5);
    const shropshireHousehold = await household(shropshire);
    await training.book(handle.db, await ctxFor('training-coordinator@west-mercia.example'), sessionId, { householdId: shropshireHousehold });
    const herefordshire = await ctxFor('social-worker@herefordshire.example');
    const seen = await training.viewSession(handle.db, herefordshire, sessionId);
    const row = seen.booked!.find((b) => b.householdId === shropshireHousehold)!;
    expect(row.names).toBe('');
    const partnership = await training.viewSession(handle.db, await ctxFor('training-coordinator@west-mercia.example'), sessionId);
    expect(partnership.booked!.find((b) => b.householdId === shropshireHousehold)!.names).toMatch(/^Sam Trainee\d+$/);
    const refused = await training.book(handle.db, herefordshire, sessionId, { householdId: await household(shropshire) }).catch((e: unknown) => e);
    expect((refused as ValidationError).errors[0]!.field).toBe('householdId');
  });
});

describe('cancelling and the household policy', () => {
  /** A live demo booking on an upcoming West Mercia or consortium session whose household this person gets 404 for (found by asking, not by id). */
  async function demoBookingHiddenFrom(email: string) {
    const ctx = await ctxFor(email);
    const rows = await handle.db.selectFrom('training_booking as b').innerJoin('training_session as s', 's.id', 'b.session_id')
      .select(['b.id', 'b.session_id as sessionId', 'b.household_id as householdId']).where('b.status', '<>', 'cancelled').where('s.session_date', '>=', TODAY)
      .orderBy('s.session_date').orderBy('b.queued_seq').execute();
    for (const r of rows) {
      // The booking's session is one the person sees bookings on, and the household is one they do not see.
      const session = await training.viewSession(handle.db, ctx, r.sessionId, { bookings: false }).catch(() => null);
      if (session?.can.viewBookings && !(await adopters.householdVisibleTo(handle.db, ctx, r.householdId))) return r;
    }
    throw new Error(`no booking hidden from ${email}`);
  }

  it.each(['social-worker@shropshire.example', 'social-worker@herefordshire.example', 'social-worker@barnardos.example'])('answers 404 to %s for a booking of a household they get 404 for, and changes nothing', async (email) => {
    const ctx = await ctxFor(email);
    const booking = await demoBookingHiddenFrom(email);
    await expect(adopters.view(handle.db, ctx, booking.householdId)).rejects.toBeInstanceOf(NotFoundError);
    const row = () => handle.db.selectFrom('training_booking').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
    const before = await row();
    const audit = await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(training.cancel(handle.db, ctx, booking.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await row()).toEqual(before);
    expect(before.status).not.toBe('cancelled');
    expect(await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(audit);
    // The session page offers no cancel for it either, and shows its reference alone.
    const view = await training.viewSession(handle.db, ctx, booking.sessionId);
    expect([...view.booked!, ...view.waiting!].find((b) => b.id === booking.id)).toMatchObject({ names: '', canCancel: false });
  });

  it('cancels for a person who may see the household, as its own page would show it', async () => {
    const { sessionId } = await newSession(2);
    const coordinator = await ctxFor('training-coordinator@west-mercia.example');
    const h = await household(westMercia);
    const { id } = await training.book(handle.db, coordinator, sessionId, { householdId: h });
    const socialWorker = await ctxFor('social-worker@west-mercia.example');
    await expect(adopters.view(handle.db, socialWorker, h)).resolves.toBeDefined();
    expect((await training.viewSession(handle.db, socialWorker, sessionId)).booked!.find((b) => b.id === id)).toMatchObject({ canCancel: true });
    await training.cancel(handle.db, socialWorker, id);
    expect((await handle.db.selectFrom('training_booking').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('cancelled');
  });
});

describe('attendance and the household policy', () => {
  it('refuses attendance for a household the coordinator may not see, like a booking not on the session, and writes nothing', async () => {
    // A Shropshire household with no home council: Shropshire's own, which the partnership does not see.
    const { sessionId } = await newSession(4, '2026-12-01', 'preparation');
    const hidden = await insertHousehold(handle.db, { ownerId: shropshire, homeCouncilId: null, reference: `SVC${++n}`, applicants: [{ firstName: 'Hid', lastName: 'Den' }] });
    const booking = await training.book(handle.db, await ctxFor('social-worker@shropshire.example'), sessionId, { householdId: hidden });
    const coordinator = await ctxFor('training-coordinator@west-mercia.example', '2026-12-01');
    const audit = await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const refused = await training.recordAttendance(handle.db, coordinator, sessionId, { attendance: [{ bookingId: booking.id, status: 'attended' }] }).catch((e: unknown) => e);
    expect((refused as ValidationError).errors).toEqual([{ field: 'attendance.0.bookingId', message: 'Select a household with a place on this session' }]);
    expect((await handle.db.selectFrom('training_booking').select('attendance').where('id', '=', booking.id).executeTakeFirstOrThrow()).attendance).toBeNull();
    expect((await handle.db.selectFrom('household').select('preparation_completed_on').where('id', '=', hidden).executeTakeFirstOrThrow()).preparation_completed_on).toBeNull();
    expect(await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(audit);
    const view = await training.viewSession(handle.db, coordinator, sessionId);
    expect(view.booked!.find((b) => b.id === booking.id)).toMatchObject({ names: '', canRecordAttendance: false });
  });
});
