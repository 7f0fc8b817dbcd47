// Training: every service function and route, for each relationship of a person to a course and,
// for bookings, to the booked household. Courses are pooled across a partnership: its staff see
// every course organised in it. Own: West Mercia partnership staff, on the partnership's course.
// Delivered: West Mercia staff on a course Herefordshire organises, whose training the partnership
// delivers today. Granted: Thurrock staff (another partnership) holding a grant on the course,
// which lets them see it and nothing more. Unrelated: Thurrock staff without one. Left: Havering
// staff and a course of the Thurrock consortium, which Havering left in April 2014.
//
// A booking is also its household's: every action on one further needs the household to be
// visible to the person (the adopters service's answer). For bookings the relationship is to the
// household: own (the partnership's own household), delivered (a Worcestershire household, whose
// assessment the partnership delivers), granted (a Shropshire social worker's grant on a
// partnership household), unrelated (a Shropshire social worker, in the partnership but not the
// household's casework: the session shows, the household does not), left (Havering and a
// consortium household); and more people beside them (variants).
import { expect } from 'vitest';
import { insertHousehold } from '../adopters/store.ts';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Outcome, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { BOOKERS, trainingPolicy } from './policy.ts';
import * as training from './service.ts';
import * as store from './store.ts';

/** The day of the sessions made here: attendance is recorded on it. */
const SESSION_DAY = '2026-12-03';
/** Anyone in the partnership sees its courses: a spread of roles, none refused. */
const ANYONE: Role[] = ['social-worker', 'analyst', 'admin', 'family-finder', 'finance-officer', 'panel-member'];
const RUNS: Role[] = ['training-coordinator'];

// ---- courses ------------------------------------------------------------------------------------

const COURSE_PERSON_IN: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'thurrock', unrelated: 'thurrock', left: 'havering' };
const ORGANISER: Record<Relationship, string> = { own: 'west-mercia', delivered: 'herefordshire', granted: 'west-mercia', unrelated: 'west-mercia', left: 'thurrock-consortium' };
const VENUE: Record<string, string> = { 'west-mercia': 'worcestershire', herefordshire: 'herefordshire', 'thurrock-consortium': 'thurrock' };

interface TrainingSubject extends Subject {
  organiser: string;
  courseId: string;
  sessionId: string;
  /** A council of the course's partnership. */
  venue: string;
  householdId: string;
  /** The household's booking on the session (none where the row books it). */
  bookingId: string;
}

async function newCourse(w: World, organiser: string): Promise<{ courseId: string; sessionId: string }> {
  const by = await w.staffId(w.email('training-coordinator', organiser));
  const courseId = await store.insertCourse(w.db, { kind: 'preparation', title: `Matrix course ${w.next()}`, description: null, organiserId: w.org(organiser), createdBy: by });
  const sessionId = await store.insertSession(w.db, { courseId, date: SESSION_DAY, startTime: '10:00', venue: 'Matrix venue', venueCouncilId: w.org(VENUE[organiser]!), capacity: 200, trainerName: 'M Trainer', createdBy: by });
  return { courseId, sessionId };
}

/** The person of the role in the relationship, and a course (with a session) of the organiser: shared by relationship; the granted person holds a grant on the course. */
function courseSubject() {
  const shared = new Map<Relationship, Promise<{ courseId: string; sessionId: string }>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<TrainingSubject> => {
    const organiser = ORGANISER[relation];
    if (!f.fresh && !shared.has(relation)) shared.set(relation, newCourse(w, organiser));
    const course = f.fresh ? await newCourse(w, organiser) : await shared.get(relation)!;
    const email = w.email(role, COURSE_PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${course.courseId}`)) {
      await w.grant(organiser, email, 'training-course', course.courseId);
      granted.add(`${email}:${course.courseId}`);
    }
    return { email, organiser, ...course, venue: VENUE[organiser]!, householdId: '', bookingId: '' };
  };
}

// ---- bookings -------------------------------------------------------------------------------------

interface BookingSetting {
  /** Where the person works. */
  personIn: string;
  /** The household's owner and home council. */
  owner: string;
  home: string | null;
  /** Whose session it is booked on. */
  partnership: 'west-mercia' | 'thurrock-consortium';
  grant?: boolean;
}

const BOOKING: Record<Relationship, BookingSetting> = {
  own: { personIn: 'west-mercia', owner: 'west-mercia', home: 'herefordshire', partnership: 'west-mercia' },
  delivered: { personIn: 'west-mercia', owner: 'worcestershire', home: 'worcestershire', partnership: 'west-mercia' },
  granted: { personIn: 'shropshire', owner: 'west-mercia', home: 'shropshire', partnership: 'west-mercia', grant: true },
  unrelated: { personIn: 'shropshire', owner: 'west-mercia', home: 'herefordshire', partnership: 'west-mercia' },
  left: { personIn: 'havering', owner: 'thurrock', home: 'thurrock', partnership: 'thurrock-consortium' },
};

/** A fresh household of the setting, booked (unless the row books it) on a session of the partnership's own course. */
function bookingSubject(setting: (relation: Relationship) => BookingSetting, o: { booked: boolean }) {
  const sessions = new Map<string, Promise<{ courseId: string; sessionId: string }>>();
  return async (relation: Relationship, role: Role, w: World): Promise<TrainingSubject> => {
    const b = setting(relation);
    if (!sessions.has(b.partnership)) sessions.set(b.partnership, newCourse(w, b.partnership));
    const { courseId, sessionId } = await sessions.get(b.partnership)!;
    const n = w.next();
    const householdId = await insertHousehold(w.db, { ownerId: w.org(b.owner), homeCouncilId: b.home ? w.org(b.home) : null, reference: `TM${n}`, applicants: [{ firstName: 'Matrix', lastName: `Household${n}` }] });
    const email = w.email(role, b.personIn);
    if (b.grant) await w.grant(b.owner, email, 'household', householdId);
    const bookingId = o.booked ? await store.insertBooking(w.db, { sessionId, householdId, status: 'booked', bookedBy: null }) : '';
    return { email, organiser: b.partnership, courseId, sessionId, venue: VENUE[b.partnership]!, householdId, bookingId };
  };
}

const booked = bookingSubject((r) => BOOKING[r], { booked: true });
const toBook = bookingSubject((r) => BOOKING[r], { booked: false });

/** More people beside the five relationships, each with what they get for each booking action. */
const PEOPLE: { label: string; relation: Relationship; role: Role; setting: BookingSetting; outcomes: Record<'view-bookings' | 'book' | 'cancel' | 'record-attendance', Outcome> }[] = [
  {
    // Under Option 3 Herefordshire keeps no assessment: the partnership's households living there are not its casework.
    label: 'hidden household, Herefordshire', relation: 'unrelated', role: 'social-worker',
    setting: { personIn: 'herefordshire', owner: 'west-mercia', home: 'herefordshire', partnership: 'west-mercia' },
    outcomes: { 'view-bookings': 'reference only', book: '422', cancel: '404', 'record-attendance': '403' },
  },
  {
    label: 'own household, Barnardo\'s (an affiliate of the consortium)', relation: 'own', role: 'social-worker',
    setting: { personIn: 'barnardos', owner: 'barnardos', home: 'thurrock', partnership: 'thurrock-consortium' },
    outcomes: { 'view-bookings': 'names shown', book: 'allowed', cancel: 'allowed', 'record-attendance': '403' },
  },
  {
    label: 'hidden household, Barnardo\'s', relation: 'unrelated', role: 'social-worker',
    setting: { personIn: 'barnardos', owner: 'thurrock', home: 'thurrock', partnership: 'thurrock-consortium' },
    outcomes: { 'view-bookings': 'reference only', book: '422', cancel: '404', 'record-attendance': '403' },
  },
  {
    // Under Option 1 the consortium delivers no assessment: its coordinator runs the session but may not see its councils' households.
    label: 'hidden household, consortium coordinator', relation: 'unrelated', role: 'training-coordinator',
    setting: { personIn: 'thurrock-consortium', owner: 'thurrock', home: 'thurrock', partnership: 'thurrock-consortium' },
    outcomes: { 'view-bookings': 'reference only', book: '422', cancel: '404', 'record-attendance': '422' },
  },
  {
    label: 'hidden household, partnership coordinator (Shropshire\'s own, no home council)', relation: 'unrelated', role: 'training-coordinator',
    setting: { personIn: 'west-mercia', owner: 'shropshire', home: null, partnership: 'west-mercia' },
    outcomes: { 'view-bookings': 'reference only', book: '422', cancel: '404', 'record-attendance': '422' },
  },
  {
    label: 'outside the partnership, Thurrock', relation: 'unrelated', role: 'social-worker',
    setting: { personIn: 'thurrock', owner: 'west-mercia', home: 'herefordshire', partnership: 'west-mercia' },
    outcomes: { 'view-bookings': '404', book: '404', cancel: '404', 'record-attendance': '404' },
  },
];

/** The people beside the relationships, for one booking action (acting on `today`, or the demo's day). */
const variants = (action: keyof (typeof PEOPLE)[number]['outcomes'], o: { booked: boolean; today?: string }) => PEOPLE.map((p) => {
  const make = bookingSubject(() => p.setting, o);
  return { label: p.label, relation: p.relation, role: p.role, outcome: p.outcomes[action], subject: async (r: Relationship, role: Role, w: World) => ({ ...(await make(r, role, w)), ...(o.today ? { today: o.today } : {}) }) };
});
/** A booking on the session's day, when attendance is recorded. */
const bookedOnTheDay = async (relation: Relationship, role: Role, w: World) => ({ ...(await booked(relation, role, w)), today: SESSION_DAY });

const m = serviceMatrix({
  area: 'training',
  service: training,
  source: 'src/training/service.ts',
  policies: [trainingPolicy],
  tables: ['training_course', 'training_session', 'training_booking', 'household'],
  subject: courseSubject(),
  routes: { prefixes: ['/training', '/api/v1/training'] },
});

const SEES = { own: 'allowed', delivered: 'allowed', granted: 'allowed', unrelated: '404', left: '404' } as const;
const LISTS = { own: 'listed', delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;
// Runs the course: its own training coordinators and those of whoever delivers the organising council's training; a grant shows the course, no more.
const RUNS_IT = { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['403', '403'], unrelated: '404', left: '404' } as const;

m.row({ fn: 'viewCourse', asks: asks(trainingPolicy, 'view'), roles: ANYONE, cases: SEES, call: (svc, ctx, s) => svc.viewCourse(m.w.db, ctx, s.courseId) });
m.row({ fn: 'venueCouncils', asks: asks(trainingPolicy, 'view'), roles: ANYONE, cases: SEES, call: (svc, ctx, s) => svc.venueCouncils(m.w.db, ctx, s.courseId) });
m.row({
  fn: 'viewSession', asks: asks(trainingPolicy, 'view'), roles: ANYONE, cases: SEES,
  call: (svc, ctx, s) => svc.viewSession(m.w.db, ctx, s.sessionId, { bookings: false }),
});
m.row({
  fn: 'listCourses', asks: asks(trainingPolicy, 'view'), roles: ANYONE, cases: LISTS,
  call: (svc, ctx) => svc.listCourses(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((c) => c.id), s.courseId, w, info),
});
m.row({
  fn: 'listSessions', asks: asks(trainingPolicy, 'view'), roles: ANYONE, cases: LISTS,
  call: (svc, ctx) => svc.listSessions(m.w.db, ctx, { from: SESSION_DAY }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof training.listSessions>>).items.map((x) => x.id), s.sessionId, w, info),
});
m.row({
  fn: 'councilsInPartnership', asks: asks(trainingPolicy, 'view'), roles: ANYONE,
  // The councils where the person's partnerships hold sessions: the course's venue among them, or not.
  cases: { own: 'listed', delivered: 'listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.councilsInPartnership(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((c) => c.id), w.org(s.venue), w, info),
});
m.row({
  fn: 'addSession', asks: asks(trainingPolicy, 'manage'), roles: RUNS, refused: 'recruitment-officer', cases: RUNS_IT, writes: true,
  call: (svc, ctx, s, w) => svc.addSession(w.db, ctx, s.courseId, { date: '2026-12-17', startTime: '10:00', venue: 'Matrix venue', venueCouncilId: w.org(s.venue), capacity: 20, trainerName: 'M Trainer' }),
});
m.row({
  fn: 'organiserChoices', asks: asks(trainingPolicy, 'manage'), roles: RUNS, refused: 'recruitment-officer',
  cases: { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.organiserChoices(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((x) => x.id), w.org(s.organiser), w, info),
});
m.row({
  fn: 'createCourse', asks: asks(trainingPolicy, 'manage'), roles: RUNS, refused: 'recruitment-officer', writes: true,
  // An organiser the person does not run training for is a wrong choice on the form (422); someone who runs none is refused (403).
  cases: { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: '422', unrelated: '422', left: '422' },
  call: (svc, ctx, s, w) => svc.createCourse(w.db, ctx, { kind: 'post-approval', title: 'Matrix course', organiserId: w.org(s.organiser) }),
});

// ---- bookings: the household's visibility too ------------------------------------------------------

m.row({
  fn: 'viewSession', label: 'its bookings', asks: asks(trainingPolicy, 'view-bookings'), roles: BOOKERS, refused: 'analyst', subject: booked,
  cases: { own: ['names shown', 'no bookings'], delivered: ['names shown', 'no bookings'], granted: ['names shown', 'no bookings'], unrelated: 'reference only', left: '404' },
  variants: variants('view-bookings', { booked: true }),
  call: (svc, ctx, s) => svc.viewSession(m.w.db, ctx, s.sessionId),
  verify: async (o, r, s, w, info) => {
    const view = r as Awaited<ReturnType<typeof training.viewSession>>;
    if (o === 'no bookings') {
      expect(view.booked).toBeNull();
      return expect(await w.auditSeq(), 'no bookings shown, none audited').toBe(info.since);
    }
    const shown = [...view.booked!, ...view.waiting!].find((b) => b.id === s.bookingId);
    if (o === 'reference only') expect(shown).toMatchObject({ names: '', canCancel: false, canRecordAttendance: false });
    else expect(shown).toMatchObject({ names: expect.stringMatching(/^Matrix Household\d+$/), canCancel: true });
  },
});
m.row({
  fn: 'book', asks: asks(trainingPolicy, 'book'), roles: BOOKERS, refused: 'analyst', subject: toBook, writes: true,
  // A household the person may not see is refused like one that does not exist: a wrong choice of household.
  cases: { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '422', left: '404' },
  variants: variants('book', { booked: false }),
  call: (svc, ctx, s) => svc.book(m.w.db, ctx, s.sessionId, { householdId: s.householdId }),
  verify: async (_o, r, s, w) => {
    expect(await w.db.selectFrom('training_booking').select(['household_id', 'status']).where('id', '=', (r as { id: string }).id).executeTakeFirstOrThrow()).toEqual({ household_id: s.householdId, status: 'booked' });
  },
});
m.row({
  fn: 'cancel', asks: asks(trainingPolicy, 'cancel'), roles: BOOKERS, refused: 'analyst', subject: booked, writes: true,
  // The booking is absent (404) exactly where the household's own page is.
  cases: { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' },
  variants: variants('cancel', { booked: true }),
  call: (svc, ctx, s) => svc.cancel(m.w.db, ctx, s.bookingId),
  verify: async (_o, _r, s, w) => {
    expect(await w.db.selectFrom('training_booking').select('status').where('id', '=', s.bookingId).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled' });
  },
});
m.row({
  fn: 'recordAttendance', asks: asks(trainingPolicy, 'record-attendance'), roles: RUNS, refused: 'social-worker', writes: true,
  subject: bookedOnTheDay,
  // Shropshire's coordinator does not run the partnership's sessions (403), whatever they may see of the household.
  cases: { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['403', '403'], unrelated: '403', left: '404' },
  variants: variants('record-attendance', { booked: true, today: SESSION_DAY }),
  call: (svc, ctx, s) => svc.recordAttendance(m.w.db, ctx, s.sessionId, { attendance: [{ bookingId: s.bookingId, status: 'attended' }] }),
  verify: async (_o, _r, s, w) => {
    expect(await w.db.selectFrom('training_booking').select(['status', 'attendance']).where('id', '=', s.bookingId).executeTakeFirstOrThrow()).toEqual({ status: 'booked', attendance: 'attended' });
    // The course's one session attended: the household has completed preparation training, on its day.
    expect(await w.db.selectFrom('household').select('preparation_completed_on as on').where('id', '=', s.householdId).executeTakeFirstOrThrow()).toEqual({ on: SESSION_DAY });
  },
});

// ---- routes -------------------------------------------------------------------------------------------

const hiddenCourse = { relation: 'unrelated', role: 'social-worker', status: 404 } as const;
const coordinator = { relation: 'own', role: 'training-coordinator' } as const;

m.route({ route: 'GET /training', allowed: { relation: 'own', role: 'analyst' }, refused: { ...hiddenCourse, status: 200 }, url: () => `/training?from=${SESSION_DAY}`, marker: (s) => s.sessionId });
m.route({ route: 'GET /api/v1/training/sessions', allowed: { relation: 'delivered', role: 'admin' }, refused: { relation: 'left', role: 'social-worker', status: 200 }, url: () => `/api/v1/training/sessions?from=${SESSION_DAY}`, marker: (s) => s.sessionId });
m.route({ route: 'GET /training/courses', allowed: { relation: 'granted', role: 'social-worker' }, refused: { ...hiddenCourse, status: 200 }, url: () => '/training/courses', marker: (s) => s.courseId });
m.route({ route: 'GET /training/courses/:id', allowed: { relation: 'granted', role: 'family-finder' }, refused: hiddenCourse, url: (s) => `/training/courses/${s.courseId}` });
m.route({ route: 'GET /training/courses/new', allowed: coordinator, refused: { relation: 'own', role: 'social-worker', status: 403 }, url: () => '/training/courses/new' });
m.route({
  route: 'POST /training/courses/new', writes: true, allowed: coordinator, refused: { relation: 'own', role: 'social-worker', status: 403 },
  url: () => '/training/courses/new', body: (s, w) => ({ kind: 'post-approval', title: 'Matrix course', organiserId: w.org(s.organiser) }),
});
m.route({
  route: 'POST /api/v1/training/courses', writes: true, allowed: { relation: 'delivered', role: 'training-coordinator' }, refused: { relation: 'granted', role: 'training-coordinator', status: 422 },
  url: () => '/api/v1/training/courses', body: (s, w) => ({ kind: 'post-approval', title: 'Matrix course', organiserId: w.org(s.organiser) }),
});
m.route({ route: 'GET /training/courses/:id/sessions/new', allowed: coordinator, refused: hiddenCourse, url: (s) => `/training/courses/${s.courseId}/sessions/new` });
m.route({
  route: 'POST /training/courses/:id/sessions/new', writes: true, allowed: coordinator, refused: { relation: 'own', role: 'social-worker', status: 403 },
  url: (s) => `/training/courses/${s.courseId}/sessions/new`,
  body: (s, w) => ({ 'date-day': '17', 'date-month': '12', 'date-year': '2026', startTime: '10:00', venue: 'Matrix venue', venueCouncilId: w.org(s.venue), capacity: '20', trainerName: 'M Trainer' }),
});
m.route({
  route: 'POST /api/v1/training/courses/:id/sessions', writes: true, allowed: { relation: 'delivered', role: 'training-coordinator' }, refused: { relation: 'granted', role: 'training-coordinator', status: 403 },
  url: (s) => `/api/v1/training/courses/${s.courseId}/sessions`,
  body: (s, w) => ({ date: '2026-12-17', startTime: '10:00', venue: 'Matrix venue', venueCouncilId: w.org(s.venue), capacity: 20, trainerName: 'M Trainer' }),
});
m.route({ route: 'GET /training/sessions/:id', subject: booked, allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'left', role: 'social-worker', status: 404 }, url: (s) => `/training/sessions/${s.sessionId}`, marker: (s) => s.bookingId });
m.route({ route: 'GET /api/v1/training/sessions/:id', subject: booked, allowed: { relation: 'granted', role: 'social-worker' }, refused: { relation: 'left', role: 'team-manager', status: 404 }, url: (s) => `/api/v1/training/sessions/${s.sessionId}`, marker: (s) => s.bookingId });
m.route({ route: 'GET /training/sessions/:id/book', allowed: { relation: 'own', role: 'recruitment-officer' }, refused: [hiddenCourse, { relation: 'own', role: 'analyst', status: 404 }], url: (s) => `/training/sessions/${s.sessionId}/book` });
m.route({
  route: 'POST /training/sessions/:id/book', subject: toBook, writes: true, allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'unrelated', role: 'social-worker', status: 422 },
  url: (s) => `/training/sessions/${s.sessionId}/book`,
  body: async (s, w) => ({ reference: (await w.db.selectFrom('household').select('reference').where('id', '=', s.householdId).executeTakeFirstOrThrow()).reference }),
});
m.route({
  route: 'POST /api/v1/training/sessions/:id/bookings', subject: toBook, writes: true, allowed: { relation: 'delivered', role: 'training-coordinator' }, refused: { relation: 'own', role: 'analyst', status: 403 },
  url: (s) => `/api/v1/training/sessions/${s.sessionId}/bookings`, body: (s) => ({ householdId: s.householdId }),
});
m.route({ route: 'POST /training/bookings/:id/cancel', subject: booked, writes: true, allowed: { relation: 'granted', role: 'social-worker' }, refused: { relation: 'unrelated', role: 'social-worker', status: 404 }, url: (s) => `/training/bookings/${s.bookingId}/cancel`, body: () => ({}) });
m.route({ route: 'DELETE /api/v1/training/bookings/:id', subject: booked, writes: true, allowed: { relation: 'own', role: 'team-manager', status: 200 }, refused: { relation: 'left', role: 'social-worker', status: 404 }, url: (s) => `/api/v1/training/bookings/${s.bookingId}` });
m.route({
  route: 'POST /training/sessions/:id/attendance', subject: bookedOnTheDay, writes: true, allowed: coordinator, refused: { relation: 'own', role: 'social-worker', status: 403 },
  url: (s) => `/training/sessions/${s.sessionId}/attendance`, body: (s) => ({ [`attendance-${s.bookingId}`]: 'attended' }),
});
m.route({
  route: 'POST /api/v1/training/sessions/:id/attendance', subject: bookedOnTheDay, writes: true, allowed: { relation: 'delivered', role: 'training-coordinator', status: 200 }, refused: { relation: 'granted', role: 'training-coordinator', status: 403 },
  url: (s) => `/api/v1/training/sessions/${s.sessionId}/attendance`, body: (s) => ({ attendance: [{ bookingId: s.bookingId, status: 'attended' }] }),
});

m.run();
