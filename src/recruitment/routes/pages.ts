// The front door's pages: the dashboard, an enquiry with its forms (contact, information pack,
// invitation, ROI received, ROI decision, not proceeding), information events and the funnel.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { idFrom, one, pageErrors, type Body } from '../../core/http/forms.ts';
import { addDays } from '../../core/dates.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../core/errors.ts';
import { MATCH_REASONS } from '../../core/likely-duplicates.ts';
import { dateFromParts } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { CONTACT_METHODS, HEARD_FROM, NOT_PROCEEDING_REASONS, SOURCES, STATUSES } from '../model.ts';
import * as recruitment from '../service.ts';

const LABELS = { heardFrom: HEARD_FROM, sources: SOURCES, methods: CONTACT_METHODS, statuses: STATUSES };
const METHOD_ITEMS = Object.entries(CONTACT_METHODS).map(([value, text]) => ({ value, text }));
const REASON_ITEMS = NOT_PROCEEDING_REASONS.map((r) => ({ value: r, text: r }));

/** Each form on the enquiry page names its fields with a prefix, so errors land on the right form. */
const FORMS = {
  contact: { fields: { date: 'contactDate', method: 'contactMethod', notes: 'contactNotes' }, dates: ['contactDate'] },
  pack: { fields: { date: 'packDate' }, dates: ['packDate'] },
  invite: { fields: { eventId: 'eventId' }, dates: [] },
  roi: { fields: { date: 'roiDate' }, dates: ['roiDate'] },
  decision: { fields: { decision: 'decision', date: 'decisionDate', reason: 'decisionReason' }, dates: ['decisionDate'] },
  close: { fields: { date: 'closeDate', reason: 'closeReason' }, dates: ['closeDate'] },
} as const;
type FormName = keyof typeof FORMS;

function todayParts(today: string, names: readonly string[]) {
  const [y, m, d] = today.split('-');
  return Object.fromEntries(names.flatMap((n) => [[`${n}-day`, String(Number(d))], [`${n}-month`, String(Number(m))], [`${n}-year`, y]]));
}

export function recruitmentPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/enquiries', async (request, reply) => {
    const board = await recruitment.dashboard(db, request.ctx!);
    return render(request, reply, 'recruitment/views/dashboard.njk', { title: 'Enquiries', board, labels: LABELS, canSeeFunnel: recruitment.maySeeFunnel(request.ctx!) });
  });

  // ---- one enquiry and its forms --------------------------------------------------------------

  async function showEnquiry(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown> = {}, error?: ValidationError, form?: FormName) {
    const view = await recruitment.view(db, request.ctx!, id);
    const today = request.ctx!.facts.today;
    if (error) reply.code(422);
    const allDates = Object.values(FORMS).flatMap((f) => f.dates);
    return render(request, reply, 'recruitment/views/enquiry.njk', {
      title: `${view.enquiry.firstName} ${view.enquiry.lastName}`, ...view, labels: LABELS,
      duplicates: view.duplicates.map((d) => ({ ...d, why: d.reasons.map((r) => MATCH_REASONS[r]).join('; ') })), methodItems: METHOD_ITEMS, reasonItems: REASON_ITEMS,
      eventItems: [{ value: '', text: 'Choose an event' }, ...view.upcomingEvents.map((ev) => ({ value: ev.id, text: `${ev.title}, ${ev.eventDate} ${ev.startTime}, ${ev.venue} (${ev.invited} of ${ev.capacity} places taken)` }))],
      values: error ? values : todayParts(today, allDates), openForm: form,
      errors: error && form ? pageErrors(error, FORMS[form].dates, (f) => (FORMS[form].fields as Record<string, string>)[f] ?? f) : undefined,
      backLink: '/enquiries',
    });
  }

  app.get('/enquiries/:id', async (request, reply) => showEnquiry(request, reply, idFrom(request.params)));

  const actions: Record<FormName, { path: string; done: string; input: (b: Body) => Record<string, unknown>; save: (id: string, ctx: NonNullable<FastifyRequest['ctx']>, input: Record<string, unknown>) => Promise<unknown> }> = {
    contact: { path: 'contacts', done: 'The contact has been logged.', input: (b) => ({ date: dateFromParts(b, 'contactDate'), method: one(b, 'contactMethod'), notes: one(b, 'contactNotes') }), save: (id, ctx, i) => recruitment.logContact(db, ctx, id, i) },
    pack: { path: 'information-pack', done: 'The information pack has been recorded as sent.', input: (b) => ({ date: dateFromParts(b, 'packDate') }), save: (id, ctx, i) => recruitment.recordInfoPack(db, ctx, id, i) },
    invite: { path: 'invitations', done: 'The invitation has been recorded.', input: (b) => ({ eventId: one(b, 'eventId') || undefined }), save: (id, ctx, i) => recruitment.inviteToEvent(db, ctx, id, i) },
    roi: { path: 'roi', done: 'The registration of interest has been recorded. A decision is due within 5 working days.', input: (b) => ({ date: dateFromParts(b, 'roiDate') }), save: (id, ctx, i) => recruitment.recordRoi(db, ctx, id, i) },
    decision: { path: 'roi-decision', done: 'The decision on the registration of interest has been recorded.', input: (b) => ({ decision: one(b, 'decision'), date: dateFromParts(b, 'decisionDate'), reason: one(b, 'decisionReason') }), save: (id, ctx, i) => recruitment.decideRoi(db, ctx, id, i) },
    close: { path: 'not-proceeding', done: 'The enquiry has been closed: not proceeding.', input: (b) => ({ date: dateFromParts(b, 'closeDate'), reason: [one(b, 'closeReason'), one(b, 'closeNotes')].filter(Boolean).join(': ') || undefined }), save: (id, ctx, i) => recruitment.recordNotProceeding(db, ctx, id, i) },
  };

  for (const [form, action] of Object.entries(actions) as [FormName, (typeof actions)[FormName]][]) {
    app.post(`/enquiries/:id/${action.path}`, async (request, reply) => {
      const id = idFrom(request.params);
      const body = (request.body ?? {}) as Body;
      try {
        await action.save(id, request.ctx!, action.input(body));
      } catch (error) {
        const invalid = error instanceof ValidationError ? error : error instanceof ConflictError ? ValidationError.of(Object.keys(FORMS[form].fields)[0]!, error.message) : undefined;
        if (invalid) return showEnquiry(request, reply, id, body, invalid, form);
        throw error;
      }
      request.session.flash = action.done;
      return reply.redirect(`/enquiries/${id}`, 303);
    });
  }

  // ---- information events -------------------------------------------------------------------

  app.get('/enquiries/events', async (request, reply) => {
    const list = await recruitment.events(db, request.ctx!);
    return render(request, reply, 'recruitment/views/events.njk', { title: 'Information events', ...list, backLink: '/enquiries' });
  });

  async function showNewEvent(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, error?: ValidationError) {
    if (!recruitment.mayOrganiseEvents(request.ctx!)) throw new ForbiddenError('Only recruitment officers and team managers organise information events');
    const { councils } = await recruitment.publicChoices(db);
    if (error) reply.code(422);
    return render(request, reply, 'recruitment/views/event-new.njk', {
      title: 'New information event', values, errors: error ? pageErrors(error, ['date']) : undefined, backLink: '/enquiries/events',
      councilItems: [{ value: '', text: 'Choose a council' }, ...councils.map((c) => ({ value: c.code, text: c.name }))],
    });
  }

  app.get('/enquiries/events/new', async (request, reply) => showNewEvent(request, reply, {}));

  app.post('/enquiries/events/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const input = { title: one(body, 'title'), date: dateFromParts(body, 'date'), time: one(body, 'time'), venue: one(body, 'venue'), venueCouncil: one(body, 'venueCouncil'), capacity: one(body, 'capacity') };
    let id: string;
    try {
      id = await recruitment.createEvent(db, request.ctx!, input);
    } catch (error) {
      if (error instanceof ValidationError) return showNewEvent(request, reply, body, error);
      throw error;
    }
    request.session.flash = 'The information event has been added.';
    return reply.redirect(`/enquiries/events/${id}`, 303);
  });

  app.get('/enquiries/events/:id', async (request, reply) => {
    const v = await recruitment.viewEvent(db, request.ctx!, idFrom(request.params));
    return render(request, reply, 'recruitment/views/event.njk', { title: v.event.title, ...v, backLink: '/enquiries/events' });
  });

  app.post('/enquiries/events/:id/attendance', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    await recruitment.recordAttendance(db, request.ctx!, id, { enquiryId: one(body, 'enquiryId'), attended: one(body, 'attended') });
    request.session.flash = 'Attendance has been recorded.';
    return reply.redirect(`/enquiries/events/${id}`, 303);
  });

  // ---- the funnel ----------------------------------------------------------------------------

  app.get('/enquiries/funnel', async (request, reply) => {
    const today = request.ctx!.facts.today;
    const q = request.query as Body;
    const values = { from: one(q, 'from') ?? addDays(today, -365), to: one(q, 'to') ?? today };
    try {
      const f = await recruitment.funnel(db, request.ctx!, values);
      return render(request, reply, 'recruitment/views/funnel.njk', { title: 'Recruitment funnel', funnel: f, values, backLink: '/enquiries' });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return render(request, reply, 'recruitment/views/funnel.njk', { title: 'Recruitment funnel', values, errors: pageErrors(error, []), backLink: '/enquiries' });
    }
  });
}
