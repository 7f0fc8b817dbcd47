// SQL for training: courses, sessions, bookings, and who is "in the partnership" on a day.
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';
import type { Attendance, BookingStatus, CourseKind, Place } from './model.ts';
import './tables.ts';

export interface CourseRow {
  id: string;
  kind: CourseKind;
  title: string;
  description: string | null;
  organiserId: string;
  organiserName: string;
}

export interface SessionRow {
  id: string;
  courseId: string;
  courseTitle: string;
  kind: CourseKind;
  organiserId: string;
  date: string;
  startTime: string;
  venue: string;
  venueCouncilId: string;
  venueCouncilName: string;
  venueCouncilCode: string | null;
  capacity: number;
  trainerName: string;
  booked: number;
  waiting: number;
}

export interface BookingRow extends Place {
  sessionId: string;
  householdId: string;
  householdReference: string;
  householdOwnerId: string;
  names: string;
  attendance: Attendance | null;
  bookedByName: string | null;
}

// ---- the partnership on a day ----------------------------------------------------------------

/** For each organisation, the partnerships it is (a partnership is its own) or belongs to on the day. */
export async function partnershipsOf(db: Db, orgIds: readonly string[], today: string): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(orgIds.map((id) => [id, []]));
  if (orgIds.length === 0) return result;
  const [orgs, memberships] = await Promise.all([
    db.selectFrom('organisation').select(['id', 'kind']).where('id', 'in', [...orgIds]).execute(),
    db.selectFrom('membership').select(['member_id', 'partnership_id']).where('member_id', 'in', [...orgIds])
      .where('joined_on', '<=', today).where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)])).execute(),
  ]);
  for (const o of orgs) if (o.kind === 'partnership') result.get(o.id)!.push(o.id);
  for (const m of memberships) result.get(m.member_id)!.push(m.partnership_id);
  return result;
}

/** The partnerships and their members and affiliates on the day: the organisations "in the partnership". */
export async function organisationsIn(db: Db, partnershipIds: readonly string[], today: string): Promise<Set<string>> {
  const ids = new Set(partnershipIds);
  if (partnershipIds.length === 0) return ids;
  const members = await db.selectFrom('membership').select('member_id').where('partnership_id', 'in', [...partnershipIds])
    .where('joined_on', '<=', today).where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)])).execute();
  for (const m of members) ids.add(m.member_id);
  return ids;
}

export async function councilsNamed(db: Db, ids: readonly string[]): Promise<{ id: string; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organisation').select(['id', 'code', 'name']).where('id', 'in', [...ids]).where('kind', '=', 'local-authority').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, code: r.code ?? '', name: r.name }));
}

export async function organisationsNamed(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; kind: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisation').select(['id', 'name', 'kind']).where('id', 'in', [...ids]).orderBy('kind', 'desc').orderBy('name').execute();
}

export async function councilByCode(db: Db, code: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('organisation').select(['id', 'name']).where('code', '=', code).where('kind', '=', 'local-authority').executeTakeFirst();
}

// ---- courses -------------------------------------------------------------------------------

function courseQuery(db: Db) {
  return db.selectFrom('training_course as c').innerJoin('organisation as o', 'o.id', 'c.organiser_id')
    .select(['c.id', 'c.kind', 'c.title', 'c.description', 'c.organiser_id as organiserId', 'o.name as organiserName']);
}

export async function findCourse(db: Db, id: string): Promise<CourseRow | undefined> {
  return courseQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function listCourses(db: Db, scope: { organiserIds: readonly string[]; courseIds: readonly string[] }, kind?: CourseKind): Promise<(CourseRow & { sessions: number; nextDate: string | null })[]> {
  if (scope.organiserIds.length === 0 && scope.courseIds.length === 0) return [];
  let q = courseQuery(db)
    .select((eb) => [
      eb.selectFrom('training_session as s').whereRef('s.course_id', '=', 'c.id').select((e) => e.fn.countAll<number>().as('n')).as('sessions'),
      eb.selectFrom('training_session as s').whereRef('s.course_id', '=', 'c.id').select((e) => e.fn.max('s.session_date').as('d')).as('nextDate'),
    ])
    .where((eb) => eb.or([
      ...(scope.organiserIds.length ? [eb('c.organiser_id', 'in', [...scope.organiserIds])] : []),
      ...(scope.courseIds.length ? [eb('c.id', 'in', [...scope.courseIds])] : []),
    ]));
  if (kind) q = q.where('c.kind', '=', kind);
  const rows = await q.orderBy('c.kind').orderBy('c.title').execute();
  return rows.map((r) => ({ ...r, sessions: Number(r.sessions ?? 0), nextDate: (r.nextDate as string | null) ?? null }));
}

export async function insertCourse(db: Db, c: { kind: CourseKind; title: string; description: string | null; organiserId: string; createdBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('training_course')
    .values({ kind: c.kind, title: c.title, description: c.description, organiser_id: c.organiserId, created_by: c.createdBy })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

// ---- sessions ------------------------------------------------------------------------------

function sessionQuery(db: Db) {
  return db.selectFrom('training_session as s')
    .innerJoin('training_course as c', 'c.id', 's.course_id')
    .innerJoin('organisation as v', 'v.id', 's.venue_council_id')
    .select((eb) => [
      's.id', 's.course_id as courseId', 'c.title as courseTitle', 'c.kind', 'c.organiser_id as organiserId', 's.session_date as date',
      's.start_time as startTime', 's.venue', 's.venue_council_id as venueCouncilId', 'v.name as venueCouncilName', 'v.code as venueCouncilCode',
      's.capacity', 's.trainer_name as trainerName',
      eb.selectFrom('training_booking as b').whereRef('b.session_id', '=', 's.id').where('b.status', '=', 'booked').select((e) => e.fn.countAll<number>().as('n')).as('booked'),
      eb.selectFrom('training_booking as b').whereRef('b.session_id', '=', 's.id').where('b.status', '=', 'waiting').select((e) => e.fn.countAll<number>().as('n')).as('waiting'),
    ]);
}

const asSession = (r: Omit<SessionRow, 'booked' | 'waiting'> & { booked: number | null; waiting: number | null }): SessionRow => ({ ...r, booked: Number(r.booked ?? 0), waiting: Number(r.waiting ?? 0) });

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const row = await sessionQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row && asSession(row);
}

/** Hold the session while its places change, so two bookings cannot take the last place. */
export async function lockSession(db: Db, id: string): Promise<void> {
  await db.selectFrom('training_session').select('id').where('id', '=', id).forUpdate().execute();
}

export async function sessionsOfCourse(db: Db, courseId: string): Promise<SessionRow[]> {
  return (await sessionQuery(db).where('s.course_id', '=', courseId).orderBy('s.session_date').orderBy('s.start_time').execute()).map(asSession);
}

export async function listSessions(db: Db, scope: { organiserIds: readonly string[]; courseIds: readonly string[] }, filter: { from: string; kind?: CourseKind; venueCouncilId?: string; limit: number }): Promise<SessionRow[]> {
  if (scope.organiserIds.length === 0 && scope.courseIds.length === 0) return [];
  let q = sessionQuery(db).where('s.session_date', '>=', filter.from)
    .where((eb) => eb.or([
      ...(scope.organiserIds.length ? [eb('c.organiser_id', 'in', [...scope.organiserIds])] : []),
      ...(scope.courseIds.length ? [eb('c.id', 'in', [...scope.courseIds])] : []),
    ]));
  if (filter.kind) q = q.where('c.kind', '=', filter.kind);
  if (filter.venueCouncilId) q = q.where('s.venue_council_id', '=', filter.venueCouncilId);
  return (await q.orderBy('s.session_date').orderBy('s.start_time').orderBy('c.title').limit(filter.limit).execute()).map(asSession);
}

export async function insertSession(db: Db, s: { courseId: string; date: string; startTime: string; venue: string; venueCouncilId: string; capacity: number; trainerName: string; createdBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('training_session').values({
    course_id: s.courseId, session_date: s.date, start_time: s.startTime, venue: s.venue, venue_council_id: s.venueCouncilId,
    capacity: s.capacity, trainer_name: s.trainerName, created_by: s.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

// ---- bookings ------------------------------------------------------------------------------

function bookingQuery(db: Db) {
  return db.selectFrom('training_booking as b')
    .innerJoin('household as h', 'h.id', 'b.household_id')
    .leftJoin('staff as st', 'st.id', 'b.booked_by')
    .select((eb) => [
      'b.id', 'b.session_id as sessionId', 'b.household_id as householdId', 'h.reference as householdReference', 'h.owner_id as householdOwnerId',
      'b.status', 'b.queued_seq as queuedSeq', 'b.attendance', 'st.display_name as bookedByName',
      eb.selectFrom('applicant as a').whereRef('a.household_id', '=', 'h.id')
        .select(sql<string>`string_agg(a.first_name || ' ' || a.last_name, ' and ' order by a.position)`.as('n')).as('names'),
    ]);
}

const asBooking = (r: Omit<BookingRow, 'names' | 'queuedSeq'> & { names: string | null; queuedSeq: number | string }): BookingRow => ({ ...r, names: r.names ?? '', queuedSeq: Number(r.queuedSeq) });

/** The session's live bookings (booked and waiting), in order of arrival. */
export async function bookingsOn(db: Db, sessionId: string): Promise<BookingRow[]> {
  return (await bookingQuery(db).where('b.session_id', '=', sessionId).where('b.status', '<>', 'cancelled').orderBy('b.queued_seq').execute()).map(asBooking);
}

export async function findBooking(db: Db, id: string): Promise<BookingRow | undefined> {
  const row = await bookingQuery(db).where('b.id', '=', id).executeTakeFirst();
  return row && asBooking(row);
}

export async function insertBooking(db: Db, b: { sessionId: string; householdId: string; status: BookingStatus; bookedBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('training_booking').values({ session_id: b.sessionId, household_id: b.householdId, status: b.status, booked_by: b.bookedBy })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setBookingStatus(db: Db, ids: readonly string[], status: BookingStatus): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('training_booking').set({ status, cancelled_at: status === 'cancelled' ? new Date() : null }).where('id', 'in', [...ids]).execute();
}

export async function setAttendance(db: Db, id: string, attendance: Attendance): Promise<void> {
  await db.updateTable('training_booking').set({ attendance, attendance_recorded_at: new Date() }).where('id', '=', id).execute();
}

/** The sessions of the course the household attended. */
export async function attendedSessions(db: Db, courseId: string, householdId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('training_booking as b').innerJoin('training_session as s', 's.id', 'b.session_id')
    .select('b.session_id').where('s.course_id', '=', courseId).where('b.household_id', '=', householdId)
    .where('b.status', '=', 'booked').where('b.attendance', '=', 'attended').execute();
  return new Set(rows.map((r) => r.session_id));
}

// ---- households ----------------------------------------------------------------------------

/** What booking needs to find a household (whether the person may see it is the adopters service's answer). */
export interface HouseholdRef {
  id: string;
  reference: string;
  ownerId: string;
}

const householdQuery = (db: Db) => db.selectFrom('household').select(['id', 'reference', 'owner_id as ownerId']);

export async function findHousehold(db: Db, id: string): Promise<HouseholdRef | undefined> {
  return householdQuery(db).where('id', '=', id).executeTakeFirst();
}

export async function findHouseholdByReference(db: Db, reference: string): Promise<HouseholdRef | undefined> {
  return householdQuery(db).where((eb) => eb(eb.fn('upper', ['reference']), '=', reference.toUpperCase())).executeTakeFirst();
}
