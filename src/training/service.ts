// Use cases for training: courses and sessions (lists filtered by the same policy as the
// pages), booking households with a waiting list, cancelling (which promotes the first
// waiting), attendance and completion of preparation training. Each change: load → policy →
// rule → write → audit, in one transaction. Viewing who is booked is audited too. A booking is
// also its household's: whether the person may see the household is asked of the adopters
// service (never decided here), and a household hidden from them is absent for every action on
// its booking.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { registerRecordType } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import * as adopters from '../adopters/service.ts';
import { attendanceInput, bookingInput, courseInput, sessionInput, sessionListQuery } from './input.ts';
import { attendanceProblem, occupancy, placeFor, preparationCompletedOn, promotions, waitingPositions, type CourseKind } from './model.ts';
import { trainingPolicy, type TrainingAction, type TrainingCourseRecord } from './policy.ts';
import * as store from './store.ts';

registerRecordType('training-course', async (db, id) => (await store.findCourse(db, id))?.organiserId);

const UPCOMING_LIMIT = 500;

async function recordOf(db: Db, today: string, course: { id: string; organiserId: string }): Promise<TrainingCourseRecord> {
  const partnerships = await store.partnershipsOf(db, [course.organiserId], today);
  return { id: course.id, organiserId: course.organiserId, partnershipIds: partnerships.get(course.organiserId) ?? [] };
}

function permissions(ctx: RequestContext, record: TrainingCourseRecord) {
  const can = (a: TrainingAction) => trainingPolicy.can(ctx.actor, ctx.facts, a, record);
  return { viewBookings: can('view-bookings'), book: can('book'), cancel: can('cancel'), manage: can('manage'), recordAttendance: can('record-attendance') };
}

/** The course, if the person may do this to it; a refusal to view looks exactly like absence. */
async function loadCourse(db: Db, ctx: RequestContext, id: string, action: TrainingAction = 'view') {
  const course = await store.findCourse(db, id);
  if (!course) throw new NotFoundError('Course');
  const record = await recordOf(db, ctx.facts.today, course);
  if (!trainingPolicy.can(ctx.actor, ctx.facts, 'view', record)) throw new NotFoundError('Course');
  if (action !== 'view' && !trainingPolicy.can(ctx.actor, ctx.facts, action, record)) throw new ForbiddenError();
  return { course, record };
}

async function loadSession(db: Db, ctx: RequestContext, id: string, action: TrainingAction = 'view') {
  const session = await store.findSession(db, id);
  if (!session) throw new NotFoundError('Session');
  const record = await recordOf(db, ctx.facts.today, { id: session.courseId, organiserId: session.organiserId });
  if (!trainingPolicy.can(ctx.actor, ctx.facts, 'view', record)) throw new NotFoundError('Session');
  if (action !== 'view' && !trainingPolicy.can(ctx.actor, ctx.facts, action, record)) throw new ForbiddenError();
  return { session, record };
}

/**
 * The same rule as 'view', as a filter for list queries: organisers the person's organisation
 * is, or shares a partnership with today, and courses they hold a grant on.
 */
async function listScope(db: Db, ctx: RequestContext): Promise<{ organiserIds: string[]; courseIds: string[] }> {
  const organisers = await store.organisationsIn(db, [...ctx.facts.partnerships], ctx.facts.today);
  organisers.add(ctx.actor.orgId);
  const courseIds = [...ctx.facts.grants].filter((g) => g.startsWith('training-course:')).map((g) => g.slice('training-course:'.length));
  return { organiserIds: [...organisers], courseIds };
}

/** Keep only what the 'view' rule admits (the scope is the same rule in SQL; this makes sure). */
async function visible<T extends { organiserId: string; courseId?: string; id: string }>(db: Db, ctx: RequestContext, rows: T[], courseIdOf: (r: T) => string): Promise<T[]> {
  const partnerships = await store.partnershipsOf(db, [...new Set(rows.map((r) => r.organiserId))], ctx.facts.today);
  return rows.filter((r) => trainingPolicy.can(ctx.actor, ctx.facts, 'view', { id: courseIdOf(r), organiserId: r.organiserId, partnershipIds: partnerships.get(r.organiserId) ?? [] }));
}

// ---- reading --------------------------------------------------------------------------------

export async function listSessions(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(sessionListQuery, raw);
  let venueCouncilId: string | undefined;
  if (query.venueCouncil) {
    const council = await store.councilByCode(db, query.venueCouncil);
    if (!council) throw ValidationError.of('venueCouncil', `No council has the code ${query.venueCouncil}`);
    venueCouncilId = council.id;
  }
  const scope = await listScope(db, ctx);
  const rows = await store.listSessions(db, scope, { from: query.from ?? ctx.facts.today, kind: query.kind, venueCouncilId, limit: UPCOMING_LIMIT });
  const items = (await visible(db, ctx, rows, (r) => r.courseId)).map((s) => ({ ...s, ...occupancy(s.capacity, s.booked, s.waiting) }));
  return { query, items };
}

/** The councils where the person's partnerships hold sessions: for the venue filter and the session form. */
export async function councilsInPartnership(db: Db, ctx: RequestContext) {
  const orgs = await store.organisationsIn(db, [...ctx.facts.partnerships], ctx.facts.today);
  orgs.add(ctx.actor.orgId);
  return store.councilsNamed(db, [...orgs]);
}

export async function listCourses(db: Db, ctx: RequestContext, kind?: CourseKind) {
  const rows = await store.listCourses(db, await listScope(db, ctx), kind);
  return visible(db, ctx, rows, (r) => r.id);
}

export async function viewCourse(db: Db, ctx: RequestContext, id: string) {
  const { course, record } = await loadCourse(db, ctx, id);
  const sessions = (await store.sessionsOfCourse(db, id)).map((s) => ({ ...s, ...occupancy(s.capacity, s.booked, s.waiting) }));
  return { course, sessions, can: permissions(ctx, record) };
}

/** The session; with its bookings and waiting list for those who book (and that view is audited). */
export async function viewSession(db: Db, ctx: RequestContext, id: string, options: { bookings?: boolean } = {}) {
  return db.transaction().execute(async (tx) => {
    const { session, record } = await loadSession(tx, ctx, id);
    const can = permissions(ctx, record);
    const course = (await store.findCourse(tx, session.courseId))!;
    const today = ctx.facts.today;
    let bookings: (store.BookingRow & { position: number | null; canCancel: boolean; canRecordAttendance: boolean })[] | null = null;
    if (can.viewBookings && options.bookings !== false) {
      const live = await store.bookingsOn(tx, id);
      const positions = waitingPositions(live);
      // A household the person may not see shows its reference alone, and nothing can be done to its booking.
      const visible = await adopters.visibleHouseholds(tx, ctx, live.map((b) => b.householdId));
      bookings = live.map((b) => {
        const seen = visible.has(b.householdId);
        return {
          ...b, names: seen ? b.names : '', position: positions.get(b.id) ?? null,
          canCancel: seen && can.cancel && !b.attendance, canRecordAttendance: seen && can.recordAttendance && b.status === 'booked',
        };
      });
      await recordAudit(tx, {
        actor: auditActor(ctx.actor), action: 'view', recordType: 'training-session', recordId: id, ownerId: session.organiserId,
        detail: { households: bookings.map((b) => b.householdId) },
      });
    }
    return {
      session: { ...session, ...occupancy(session.capacity, session.booked, session.waiting) },
      course,
      booked: bookings?.filter((b) => b.status === 'booked') ?? null,
      waiting: bookings?.filter((b) => b.status === 'waiting').sort((a, b) => a.position! - b.position!) ?? null,
      can: { ...can, recordAttendanceToday: can.recordAttendance && attendanceProblem(session.date, today) === null },
      attendanceProblem: attendanceProblem(session.date, today),
    };
  });
}

// ---- courses and sessions ---------------------------------------------------------------------

/** Whom the person may organise a course for: their own organisation, and the councils whose training it delivers today. */
export async function organiserChoices(db: Db, ctx: RequestContext) {
  const candidates = [ctx.actor.orgId, ...(ctx.facts.delivers.get('training') ?? [])];
  const orgs = await store.organisationsNamed(db, [...new Set(candidates)]);
  const partnerships = await store.partnershipsOf(db, orgs.map((o) => o.id), ctx.facts.today);
  return orgs.filter((o) => o.kind !== 'agency' && trainingPolicy.can(ctx.actor, ctx.facts, 'manage', { id: '', organiserId: o.id, partnershipIds: partnerships.get(o.id) ?? [] }));
}

export async function createCourse(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(courseInput, raw);
  return db.transaction().execute(async (tx) => {
    const choices = await organiserChoices(tx, ctx);
    if (!choices.some((o) => o.id === input.organiserId)) {
      if (choices.length === 0) throw new ForbiddenError('You cannot organise training');
      throw ValidationError.of('organiserId', `Select an organiser you run training for: ${choices.map((o) => o.name).join(', ')}`);
    }
    const id = await store.insertCourse(tx, { kind: input.kind, title: input.title, description: input.description ?? null, organiserId: input.organiserId, createdBy: ctx.actor.staffId });
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'create', recordType: 'training-course', recordId: id, ownerId: input.organiserId, detail: { after: input } });
    return id;
  });
}

/** The councils a course's sessions may be held in: members of the organiser's partnerships today (or the organising council itself). */
export async function venueCouncils(db: Db, ctx: RequestContext, courseId: string) {
  const { record } = await loadCourse(db, ctx, courseId);
  const orgs = await store.organisationsIn(db, record.partnershipIds, ctx.facts.today);
  orgs.add(record.organiserId);
  return store.councilsNamed(db, [...orgs]);
}

export async function addSession(db: Db, ctx: RequestContext, courseId: string, raw: unknown): Promise<string> {
  const input = parseInput(sessionInput, raw);
  return db.transaction().execute(async (tx) => {
    const { course } = await loadCourse(tx, ctx, courseId, 'manage');
    const councils = await venueCouncils(tx, ctx, courseId);
    if (!councils.some((c) => c.id === input.venueCouncilId)) throw ValidationError.of('venueCouncilId', 'Select a council in the partnership');
    const id = await store.insertSession(tx, { courseId, ...input, createdBy: ctx.actor.staffId });
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'create', recordType: 'training-session', recordId: id, ownerId: course.organiserId, detail: { after: { courseId, ...input } } });
    return id;
  });
}

// ---- bookings ---------------------------------------------------------------------------------

export interface BookingResult {
  id: string;
  status: 'booked' | 'waiting';
  position?: number;
}

/**
 * Book a household of the partnership on a session: a place while any are left, else the
 * waiting list. The household is "in the partnership" if its owner is the partnership, or a
 * member council or affiliated agency of it today.
 */
export async function book(db: Db, ctx: RequestContext, sessionId: string, raw: unknown): Promise<BookingResult> {
  const input = parseInput(bookingInput, raw);
  const field = input.householdId ? 'householdId' : 'reference';
  return db.transaction().execute(async (tx) => {
    const { session, record } = await loadSession(tx, ctx, sessionId, 'book');
    await store.lockSession(tx, sessionId);
    const household = input.householdId ? await store.findHousehold(tx, input.householdId) : await store.findHouseholdByReference(tx, input.reference!);
    const community = await store.organisationsIn(tx, record.partnershipIds, ctx.facts.today);
    community.add(record.organiserId);
    // A household the person may not book for (outside the partnership, or one the household
    // policy hides from them) is refused exactly like one that does not exist.
    if (!household || !community.has(household.ownerId) || !(await adopters.householdVisibleTo(tx, ctx, household.id))) {
      throw ValidationError.of(field, input.householdId ? 'Select a household in the partnership' : `No household in the partnership has the reference ${input.reference}`);
    }
    const live = await store.bookingsOn(tx, sessionId);
    const existing = live.find((b) => b.householdId === household.id);
    if (existing) {
      const where = existing.status === 'booked' ? 'already has a place on this session' : `is already on the waiting list for this session (number ${waitingPositions(live).get(existing.id)})`;
      throw ValidationError.of(field, `Household ${household.reference} ${where}`);
    }
    const place = placeFor(session.capacity, live);
    const id = await store.insertBooking(tx, { sessionId, householdId: household.id, status: place.status, bookedBy: ctx.actor.staffId });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'training-booking', recordId: id, ownerId: household.ownerId,
      detail: { after: { sessionId, householdId: household.id, ...place } },
    });
    return { id, ...place };
  });
}

/**
 * The booking, if the person may do this to it. It looks absent (404) unless they may see the
 * session's bookings and its household (as the household's own page would answer); then the
 * action is the training policy's to allow (403).
 */
async function loadBooking(db: Db, ctx: RequestContext, bookingId: string, action: TrainingAction) {
  const booking = await store.findBooking(db, bookingId);
  if (!booking) throw new NotFoundError('Booking');
  // A booking on a session the person cannot see is as missing as one that does not exist:
  // the same answer, so the id's existence is not confirmed.
  const { session, record } = await loadSession(db, ctx, booking.sessionId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Booking') : error;
  });
  if (!trainingPolicy.can(ctx.actor, ctx.facts, 'view-bookings', record)) throw new NotFoundError('Booking');
  if (!(await adopters.householdVisibleTo(db, ctx, booking.householdId))) throw new NotFoundError('Booking');
  if (!trainingPolicy.can(ctx.actor, ctx.facts, action, record)) throw new ForbiddenError();
  return { booking, session };
}

/** Cancel a booking (or a place on the waiting list); a freed place goes to the first on the waiting list. */
export async function cancel(db: Db, ctx: RequestContext, bookingId: string): Promise<{ sessionId: string; promoted: { id: string; householdId: string }[] }> {
  return db.transaction().execute(async (tx) => {
    const { booking, session } = await loadBooking(tx, ctx, bookingId, 'cancel');
    await store.lockSession(tx, session.id);
    const current = await store.findBooking(tx, bookingId);
    if (current!.status === 'cancelled') throw new ConflictError('This booking is already cancelled');
    if (current!.attendance) throw new ConflictError('Attendance has been recorded for this booking: it can no longer be cancelled');
    await store.setBookingStatus(tx, [bookingId], 'cancelled');
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'training-booking', recordId: bookingId, ownerId: booking.householdOwnerId,
      detail: { before: { status: current!.status }, after: { status: 'cancelled' }, sessionId: session.id, householdId: booking.householdId },
    });
    const live = await store.bookingsOn(tx, session.id);
    const promote = promotions(session.capacity, live);
    await store.setBookingStatus(tx, promote, 'booked');
    const promoted = live.filter((b) => promote.includes(b.id));
    for (const b of promoted) {
      await recordAudit(tx, {
        actor: auditActor(ctx.actor), action: 'update', recordType: 'training-booking', recordId: b.id, ownerId: b.householdOwnerId,
        detail: { before: { status: 'waiting' }, after: { status: 'booked' }, reason: 'a place was freed', sessionId: session.id, householdId: b.householdId },
      });
    }
    return { sessionId: session.id, promoted: promoted.map((b) => ({ id: b.id, householdId: b.householdId })) };
  });
}

/**
 * Record who attended a session (on its day or later). A household that has then attended
 * every session of a preparation course has completed preparation training, on the date of
 * the course's last session: the household's record says so from then on (written by the
 * adopters service). A booking whose household the person may not see is refused like one
 * that is not on the session.
 */
export async function recordAttendance(db: Db, ctx: RequestContext, sessionId: string, raw: unknown): Promise<{ completed: { householdId: string; on: string }[] }> {
  const input = parseInput(attendanceInput, raw);
  return db.transaction().execute(async (tx) => {
    const { session } = await loadSession(tx, ctx, sessionId, 'record-attendance');
    const problem = attendanceProblem(session.date, ctx.facts.today);
    if (problem) throw ValidationError.of('attendance', problem);
    const live = new Map((await store.bookingsOn(tx, sessionId)).map((b) => [b.id, b]));
    const visible = await adopters.visibleHouseholds(tx, ctx, input.attendance.flatMap((a) => live.get(a.bookingId)?.householdId ?? []));
    const problems: FieldError[] = [];
    input.attendance.forEach((a, i) => {
      const b = live.get(a.bookingId);
      if (!b || b.status !== 'booked' || !visible.has(b.householdId)) problems.push({ field: `attendance.${i}.bookingId`, message: 'Select a household with a place on this session' });
    });
    if (problems.length) throw new ValidationError(problems);
    const completed: { householdId: string; on: string }[] = [];
    const sessions = session.kind === 'preparation' ? await store.sessionsOfCourse(tx, session.courseId) : [];
    for (const a of input.attendance) {
      const b = live.get(a.bookingId)!;
      if (b.attendance === a.status) continue;
      await store.setAttendance(tx, b.id, a.status);
      await recordAudit(tx, {
        actor: auditActor(ctx.actor), action: 'update', recordType: 'training-booking', recordId: b.id, ownerId: b.householdOwnerId,
        detail: { before: { attendance: b.attendance }, after: { attendance: a.status }, sessionId, householdId: b.householdId },
      });
      if (a.status !== 'attended' || session.kind !== 'preparation') continue;
      const on = preparationCompletedOn(sessions, await store.attendedSessions(tx, session.courseId, b.householdId));
      if (on && (await adopters.recordPreparationCompleted(tx, ctx, b.householdId, on, { courseId: session.courseId }))) completed.push({ householdId: b.householdId, on });
    }
    return { completed };
  });
}
