// Meeting pages: the meeting (agenda, attendance, quorum, papers, recommendations, minutes) with
// its forms, a member reading a paper, and an item's page (choosing papers, the recommendation).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../core/dates.ts';
import { ConflictError, ValidationError, type FieldError } from '../../core/errors.ts';
import { formErrors, idFrom, many, one, paramsFrom, type Body } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as meetings from '../meetings-service.ts';
import { ITEM_KINDS, MEMBER_ROLES } from '../model.ts';

const paperParams = z.object({ id: z.uuid(), documentId: z.uuid() });

/** A file's name in a Content-Disposition header: ASCII, with the UTF-8 name beside it (RFC 6266). */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function meetingPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function showMeeting(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await meetings.viewMeeting(db, request.ctx!, id);
    if (errors) reply.code(422);
    return render(request, reply, 'panel/views/meeting.njk', {
      title: `${view.meeting.panelName}: ${formatDate(view.meeting.date)}`, ...view, roles: MEMBER_ROLES, values, errors: errors ? formErrors(errors) : undefined,
      kindItems: [{ value: '', text: 'Select the kind of item' }, ...Object.entries(ITEM_KINDS).map(([value, text]) => ({ value, text }))],
      presentItems: view.serving.map((m) => ({ value: m.id, text: `${m.name} (${MEMBER_ROLES[m.role]}${m.expected ? ', expected' : ''})`, checked: values.member !== undefined ? many(values, 'present').includes(m.id) : m.attended === true })),
      backLink: `/panels/${view.meeting.panelId}`,
    });
  }

  /** A form on the meeting page: on a refusal the page again, naming the field (a conflict names the form's field too). */
  async function meetingForm(request: FastifyRequest, reply: FastifyReply, field: string, work: (id: string, body: Body) => Promise<string>) {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    let flash: string;
    try {
      flash = await work(id, body);
    } catch (error) {
      if (error instanceof ValidationError) return showMeeting(request, reply, id, body, error.errors.map((e) => ({ ...e, field: e.field.split('.')[0] === field ? field : e.field })));
      if (error instanceof ConflictError) return showMeeting(request, reply, id, body, [{ field, message: error.message }]);
      throw error;
    }
    request.session.flash = flash;
    return reply.redirect(`/panel-meetings/${id}`, 303);
  }

  app.get('/panel-meetings/:id', async (request, reply) => showMeeting(request, reply, idFrom(request.params)));

  app.post('/panel-meetings/:id/items', async (request, reply) => meetingForm(request, reply, 'kind', async (id, body) => {
    const kind = one(body, 'kind');
    const subject = (one(body, 'subject') ?? '').trim();
    // The page names a household by its reference, a link or a child by its id.
    const which = kind === 'match' ? { linkId: subject } : kind === 'shobpa' ? { childId: subject } : { reference: subject };
    await meetings.addItem(db, request.ctx!, id, { kind, ...which });
    return 'The item has been added to the agenda.';
  }));

  app.post('/panel-meetings/:id/attendance', async (request, reply) => meetingForm(request, reply, 'attendance', async (id, body) => {
    const present = new Set(many(body, 'present'));
    const members = many(body, 'member');
    const { quorumLacks } = await meetings.recordAttendance(db, request.ctx!, id, { attendance: members.map((memberId) => ({ memberId, attended: present.has(memberId) })) });
    return `Attendance has been recorded. ${quorumLacks.length ? 'The meeting is not quorate.' : 'The meeting is quorate.'}`;
  }));

  app.post('/panel-meetings/:id/minutes', async (request, reply) => meetingForm(request, reply, 'minutes', async (id, body) => {
    await meetings.saveMinutes(db, request.ctx!, id, { minutes: one(body, 'minutes') });
    return 'The draft minutes have been saved.';
  }));

  app.post('/panel-meetings/:id/minutes/final', async (request, reply) => meetingForm(request, reply, 'minutes', async (id) => {
    const { decisionDueOn } = await meetings.finaliseMinutes(db, request.ctx!, id);
    return `The minutes are final. The decision maker's decisions are due by ${formatDate(decisionDueOn)}.`;
  }));

  app.get('/panel-meetings/:id/papers/:documentId', async (request, reply) => {
    const { id, documentId } = paramsFrom(paperParams, request.params);
    const file = await meetings.readPaper(db, request.ctx!, id, documentId);
    return reply.header('content-type', file.mediaType).header('content-disposition', attachment(file.filename)).header('content-length', file.bytes.byteLength)
      .header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; sandbox").send(file.bytes);
  });

  // ---- an item ----------------------------------------------------------------------------------

  async function showItem(request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, errors?: FieldError[]) {
    const view = await meetings.viewItem(db, request.ctx!, id);
    if (errors) reply.code(422);
    const chosen = new Set(values.documentIds !== undefined ? many(values, 'documentIds') : view.papers.map((p) => p.id));
    return render(request, reply, 'panel/views/item.njk', {
      title: `Item ${view.item.position}: ${view.item.kindName}`, ...view, values, errors: errors ? formErrors(errors) : undefined, backLink: `/panel-meetings/${view.meeting.id}`,
      documentItems: view.candidates.map((d) => ({ value: d.id, text: `${d.title} (${d.categoryName}, ${d.record})`, checked: chosen.has(d.id) })),
    });
  }

  app.get('/panel-items/:id', async (request, reply) => showItem(request, reply, idFrom(request.params)));

  app.post('/panel-items/:id/papers', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    try {
      await meetings.choosePapers(db, request.ctx!, id, { documentIds: many(body, 'documentIds') });
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) return showItem(request, reply, id, { ...body, documentIds: many(body, 'documentIds') }, [{ field: 'documentIds', message: error instanceof ValidationError ? error.errors[0]!.message : error.message }]);
      throw error;
    }
    request.session.flash = 'The papers have been chosen.';
    return reply.redirect(`/panel-items/${id}`, 303);
  });

  app.post('/panel-items/:id/recommendation', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const dissent = many(body, 'dissenting').map((memberId) => ({ memberId, reason: one(body, `dissent-${memberId}`) ?? '' }));
    try {
      await meetings.recordRecommendation(db, request.ctx!, id, { recommendation: one(body, 'recommendation'), reasons: one(body, 'reasons'), approvedFor: one(body, 'approvedFor'), dissent });
    } catch (error) {
      if (error instanceof ValidationError) {
        return showItem(request, reply, id, body, error.errors.map((e) => {
          const m = /^dissent\.(\d+)\.(memberId|reason)$/.exec(e.field);
          return m ? { ...e, field: `dissent-${dissent[Number(m[1])]!.memberId}` } : e;
        }));
      }
      if (error instanceof ConflictError) return showItem(request, reply, id, body, [{ field: 'recommendation', message: error.message }]);
      throw error;
    }
    request.session.flash = 'The panel\'s recommendation has been recorded.';
    return reply.redirect(`/panel-items/${id}`, 303);
  });
}
