// Training pages and JSON API. Input is validated by the service (Zod), so the pages and the
// API refuse alike; the schemas here describe the API in OpenAPI.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../core/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { dateFromParts, formErrors } from '../core/http/forms.ts';
import type { AppServices } from '../core/http/types.ts';
import { render } from '../core/http/render.ts';
import { ATTENDANCE, COURSE_KINDS } from './model.ts';
import * as training from './service.ts';

const idParams = z.object({ id: z.uuid() });
type Body = Record<string, string | string[] | undefined>;
const one = (body: Body, name: string) => { const v = body[name]; return Array.isArray(v) ? v[0] : v; };

/** The record id in the address; a malformed one is a page that does not exist. */
function idFrom(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const sessionJson = z.object({
  id: z.string(), course: z.string(), courseId: z.string(), kind: z.string(), date: z.string(), startTime: z.string(), venue: z.string(),
  venueCouncil: z.string().nullable(), capacity: z.number(), booked: z.number(), waiting: z.number(), placesLeft: z.number(),
});
const bookingJson = z.object({ id: z.string(), householdId: z.string(), reference: z.string(), names: z.string(), status: z.string(), position: z.number().nullable(), attendance: z.string().nullable() });

const kindItems = (empty?: string) => [...(empty ? [{ value: '', text: empty }] : []), ...Object.entries(COURSE_KINDS).map(([value, text]) => ({ value, text }))];

export function trainingRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  trainingApiRoutes(app, services);

  // ---- upcoming sessions -------------------------------------------------------------------

  app.get('/training', async (request, reply) => {
    const ctx = request.ctx!;
    const raw = request.query as Body;
    const councils = await training.councilsInPartnership(db, ctx);
    const page = {
      title: 'Training', kinds: COURSE_KINDS,
      kindItems: kindItems('Any course'),
      councilItems: [{ value: '', text: 'Any council' }, ...councils.map((c) => ({ value: c.code, text: c.name }))],
      canManage: (await training.organiserChoices(db, ctx)).length > 0,
    };
    try {
      const { query, items } = await training.listSessions(db, ctx, raw);
      return render(request, reply, 'training/views/sessions.njk', { ...page, items, values: query });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return render(request, reply, 'training/views/sessions.njk', { ...page, items: [], values: raw, errors: formErrors(error.errors) });
    }
  });

  // ---- courses -----------------------------------------------------------------------------

  app.get('/training/courses', async (request, reply) => {
    const ctx = request.ctx!;
    const courses = await training.listCourses(db, ctx);
    return render(request, reply, 'training/views/courses.njk', {
      title: 'Training courses', kinds: COURSE_KINDS, courses, canManage: (await training.organiserChoices(db, ctx)).length > 0, backLink: '/training',
    });
  });

  async function showNewCourse(request: FastifyRequest, reply: FastifyReply, values: Body, errors?: FieldError[]) {
    const choices = await training.organiserChoices(db, request.ctx!);
    // No organiser the person may add courses for: the form is not for them.
    if (choices.length === 0) throw new ForbiddenError('Only training coordinators add courses');
    if (errors) reply.code(422);
    return render(request, reply, 'training/views/new-course.njk', {
      title: 'Add a course', values, errors: errors ? formErrors(errors) : undefined, backLink: '/training/courses',
      kindItems: kindItems(), organiserItems: choices.map((o) => ({ value: o.id, text: o.name })),
    });
  }

  app.get('/training/courses/new', async (request, reply) => {
    const choices = await training.organiserChoices(db, request.ctx!);
    return showNewCourse(request, reply, { organiserId: choices[0]?.id });
  });

  app.post('/training/courses/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await training.createCourse(db, request.ctx!, { kind: one(body, 'kind'), title: one(body, 'title'), description: one(body, 'description'), organiserId: one(body, 'organiserId') });
    } catch (error) {
      if (error instanceof ValidationError) return showNewCourse(request, reply, body, error.errors);
      throw error;
    }
    request.session.flash = 'The course has been added. Add its sessions next.';
    return reply.redirect(`/training/courses/${id}`, 303);
  });

  app.get('/training/courses/:id', async (request, reply) => {
    const view = await training.viewCourse(db, request.ctx!, idFrom(request.params));
    return render(request, reply, 'training/views/course.njk', { title: view.course.title, ...view, kinds: COURSE_KINDS, backLink: '/training/courses' });
  });

  // ---- sessions ----------------------------------------------------------------------------

  async function showNewSession(request: FastifyRequest, reply: FastifyReply, courseId: string, values: Body, errors?: FieldError[]) {
    const ctx = request.ctx!;
    const view = await training.viewCourse(db, ctx, courseId);
    if (!view.can.manage) throw new ForbiddenError('Only the course\'s organisers add sessions');
    const councils = await training.venueCouncils(db, ctx, courseId);
    if (errors) reply.code(422);
    return render(request, reply, 'training/views/new-session.njk', {
      title: 'Add a session', course: view.course, values, errors: errors ? formErrors(errors, ['date']) : undefined, backLink: `/training/courses/${courseId}`,
      councilItems: [{ value: '', text: 'Select a council' }, ...councils.map((c) => ({ value: c.id, text: c.name }))],
    });
  }

  app.get('/training/courses/:id/sessions/new', async (request, reply) => showNewSession(request, reply, idFrom(request.params), {}));

  app.post('/training/courses/:id/sessions/new', async (request, reply) => {
    const courseId = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await training.addSession(db, request.ctx!, courseId, {
        date: dateFromParts(body, 'date'), startTime: one(body, 'startTime'), venue: one(body, 'venue'), venueCouncilId: one(body, 'venueCouncilId'),
        capacity: one(body, 'capacity'), trainerName: one(body, 'trainerName'),
      });
    } catch (error) {
      if (error instanceof ValidationError) return showNewSession(request, reply, courseId, body, error.errors);
      throw error;
    }
    request.session.flash = 'The session has been added.';
    return reply.redirect(`/training/sessions/${id}`, 303);
  });

  async function showSession(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await training.viewSession(db, request.ctx!, id);
    if (errors) reply.code(422);
    return render(request, reply, 'training/views/session.njk', {
      title: `${view.course.title}: ${formatDate(view.session.date)}`, ...view, kinds: COURSE_KINDS, attendanceLabels: ATTENDANCE, values,
      errors: errors ? formErrors(errors) : undefined, backLink: `/training/courses/${view.course.id}`,
    });
  }

  app.get('/training/sessions/:id', async (request, reply) => showSession(request, reply, idFrom(request.params)));

  // ---- booking, cancelling, attendance -----------------------------------------------------

  async function showBook(request: FastifyRequest, reply: FastifyReply, id: string, values: Body, errors?: FieldError[]) {
    // The booking form shows the session, not who is booked: no bookings read, nothing to audit.
    const view = await training.viewSession(db, request.ctx!, id, { bookings: false });
    if (!view.can.book) throw new NotFoundError();
    if (errors) reply.code(422);
    return render(request, reply, 'training/views/book.njk', {
      title: 'Book a household', ...view, kinds: COURSE_KINDS, values, errors: errors ? formErrors(errors.map((e) => ({ ...e, field: 'reference' }))) : undefined, backLink: `/training/sessions/${id}`,
    });
  }

  app.get('/training/sessions/:id/book', async (request, reply) => showBook(request, reply, idFrom(request.params), {}));

  app.post('/training/sessions/:id/book', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const reference = one(body, 'reference') ?? '';
    let result: training.BookingResult;
    try {
      if (!reference.trim()) throw ValidationError.of('reference', 'Enter the household\'s reference');
      result = await training.book(db, request.ctx!, id, { reference });
    } catch (error) {
      if (error instanceof ValidationError) return showBook(request, reply, id, body, error.errors);
      throw error;
    }
    request.session.flash = result.status === 'booked'
      ? `Household ${reference.trim().toUpperCase()} has a place on this session.`
      : `The session is full: household ${reference.trim().toUpperCase()} is number ${result.position} on the waiting list.`;
    return reply.redirect(`/training/sessions/${id}`, 303);
  });

  app.post('/training/bookings/:id/cancel', async (request, reply) => {
    const { sessionId, promoted } = await training.cancel(db, request.ctx!, idFrom(request.params));
    request.session.flash = `The booking has been cancelled.${promoted.length ? ' The first household on the waiting list now has the place.' : ''}`;
    return reply.redirect(`/training/sessions/${sessionId}`, 303);
  });

  app.post('/training/sessions/:id/attendance', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const records = Object.entries(body).filter(([k]) => k.startsWith('attendance-')).map(([k, v]) => ({ bookingId: k.slice('attendance-'.length), status: Array.isArray(v) ? v[0] : v }));
    let completed: { householdId: string }[];
    try {
      ({ completed } = await training.recordAttendance(db, request.ctx!, id, { attendance: records.filter((r) => r.status) }));
    } catch (error) {
      if (error instanceof ValidationError) return showSession(request, reply, id, body, error.errors.map((e) => ({ ...e, field: 'attendance' })));
      throw error;
    }
    request.session.flash = `Attendance has been recorded.${completed.length ? ` ${completed.length === 1 ? 'One household has' : `${completed.length} households have`} now completed preparation training.` : ''}`;
    return reply.redirect(`/training/sessions/${id}`, 303);
  });
}

function trainingApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/v1/training/sessions', {
    schema: {
      tags: ['training'], summary: 'Upcoming training sessions across your partnership, with places left',
      querystring: z.object({ kind: z.string().optional(), venueCouncil: z.string().optional(), from: z.string().optional() }),
      response: { 200: z.object({ items: z.array(sessionJson) }) },
    },
  }, async (request) => {
    const { items } = await training.listSessions(db, request.ctx!, request.query);
    return {
      items: items.map((s) => ({
        id: s.id, course: s.courseTitle, courseId: s.courseId, kind: s.kind, date: s.date, startTime: s.startTime, venue: s.venue,
        venueCouncil: s.venueCouncilCode, capacity: s.capacity, booked: s.booked, waiting: s.waiting, placesLeft: s.placesLeft,
      })),
    };
  });

  app.get('/api/v1/training/sessions/:id', {
    schema: { tags: ['training'], summary: 'A session, with its bookings and waiting list if you book (viewing them is audited)', params: idParams,
      response: { 200: sessionJson.extend({ trainer: z.string(), bookings: z.array(bookingJson).nullable() }) } },
  }, async (request) => {
    const v = await training.viewSession(db, request.ctx!, (request.params as { id: string }).id);
    const s = v.session;
    const bookings = v.booked && v.waiting ? [...v.booked, ...v.waiting].map((b) => ({ id: b.id, householdId: b.householdId, reference: b.householdReference, names: b.names, status: b.status, position: b.position, attendance: b.attendance })) : null;
    return {
      id: s.id, course: s.courseTitle, courseId: s.courseId, kind: s.kind, date: s.date, startTime: s.startTime, venue: s.venue, venueCouncil: s.venueCouncilCode,
      capacity: s.capacity, booked: s.booked, waiting: s.waiting, placesLeft: s.placesLeft, trainer: s.trainerName, bookings,
    };
  });

  app.post('/api/v1/training/courses', {
    schema: { tags: ['training'], summary: 'Add a course ({kind: preparation | post-approval, title, description?, organiserId})',
      body: z.object({ kind: z.string(), title: z.string(), description: z.string().optional(), organiserId: z.string() }).loose(), response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send({ id: await training.createCourse(db, request.ctx!, request.body) }));

  app.post('/api/v1/training/courses/:id/sessions', {
    schema: { tags: ['training'], summary: 'Add a session to a course', params: idParams,
      body: z.object({ date: z.string(), startTime: z.string(), venue: z.string(), venueCouncilId: z.string(), capacity: z.number(), trainerName: z.string() }).loose(), response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send({ id: await training.addSession(db, request.ctx!, (request.params as { id: string }).id, request.body) }));

  app.post('/api/v1/training/sessions/:id/bookings', {
    schema: { tags: ['training'], summary: 'Book a household of the partnership on a session (the waiting list when full)', params: idParams,
      body: z.object({ householdId: z.string() }).loose(), response: { 201: z.object({ id: z.string(), status: z.enum(['booked', 'waiting']), position: z.number().optional() }) } },
  }, async (request, reply) => {
    const body = request.body as { householdId?: unknown };
    return reply.code(201).send(await training.book(db, request.ctx!, (request.params as { id: string }).id, { householdId: body.householdId ?? '' }));
  });

  app.delete('/api/v1/training/bookings/:id', {
    schema: { tags: ['training'], summary: 'Cancel a booking; the first on the waiting list takes the freed place', params: idParams,
      response: { 200: z.object({ id: z.string(), status: z.literal('cancelled'), promoted: z.array(z.object({ id: z.string(), householdId: z.string() })) }) } },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const { promoted } = await training.cancel(db, request.ctx!, id);
    return { id, status: 'cancelled' as const, promoted };
  });

  app.post('/api/v1/training/sessions/:id/attendance', {
    schema: { tags: ['training'], summary: 'Record attendance ({attendance: [{bookingId, status: attended | did-not-attend}]}) on or after the session day', params: idParams,
      body: z.object({ attendance: z.array(z.object({ bookingId: z.string(), status: z.string() })) }).loose(),
      response: { 200: z.object({ completed: z.array(z.object({ householdId: z.string(), on: z.string() })) }) } },
  }, async (request) => training.recordAttendance(db, request.ctx!, (request.params as { id: string }).id, request.body));
}
