// Case notes and the chronology, for every record type that registers for casework: the same
// pages and API under each record's own address (/children/:id/notes, /households/:id/notes, …).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import { dateFromParts, dateParts, idFrom, one, pageErrors, saveOr, type Body } from '../core/http/forms.ts';
import { render } from '../core/http/render.ts';
import type { AppServices } from '../core/http/types.ts';
import { caseworkRecordTypes, type CaseworkRecord } from '../core/records.ts';
import { timelineItems } from './timeline.ts';
import { chronologyPdf } from './chronology-pdf.ts';
import { CHRONOLOGY_KIND_NAMES, CHRONOLOGY_KINDS, inEngland, NOTE_TYPES } from './model.ts';
import { renderPdf } from './pdf.ts';
import * as casework from './service.ts';

const idParams = z.object({ id: z.uuid() });
const noteJson = z.object({
  id: z.string(), type: z.string(), date: z.string(), time: z.string(), body: z.string(), sensitive: z.boolean(),
  author: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
});
// Each field optional here, so a missing one gets the service's message naming it.
const noteBody = z.object({ type: z.string(), date: z.string(), time: z.string(), body: z.string(), sensitive: z.boolean() }).partial();
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const typeItems = Object.entries(NOTE_TYPES).map(([value, text]) => ({ value, text }));

/** A form post as the service's input: the GOV.UK date boxes become one date. */
const noteFromForm = (body: Body) => ({ type: one(body, 'type'), date: dateFromParts(body, 'date'), time: one(body, 'time'), body: one(body, 'body'), sensitive: one(body, 'sensitive') });

export function caseworkRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  for (const [type, registration] of caseworkRecordTypes()) recordRoutes(app, services, type, registration);

  const showCorrection = async (request: FastifyRequest, reply: FastifyReply, noteId: string, values?: Body, error?: ValidationError) => {
    const { note, record } = await casework.noteToCorrect(db, request.ctx!, noteId);
    if (error) reply.code(422);
    return render(request, reply, 'casework/views/note-form.njk', {
      title: 'Correct a note', heading: 'Correct a note', action: `/notes/${noteId}/correct`, record, typeItems, markSensitive: record.viewSensitive,
      values: values ?? { type: note.type, ...dateParts('date', note.date), time: note.time, body: note.body, sensitive: note.sensitive ? 'yes' : undefined },
      errors: error ? pageErrors(error, ['date']) : undefined, backLink: `${record.path}/notes`,
    });
  };
  app.get('/notes/:id/correct', async (request, reply) => showCorrection(request, reply, idFrom(request.params)));
  app.post('/notes/:id/correct', async (request, reply) => {
    const noteId = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    try {
      const { record } = await casework.correctNote(db, request.ctx!, noteId, noteFromForm(body));
      request.session.flash = 'The note has been corrected. Its earlier wording is kept.';
      return reply.redirect(`${record.path}/notes`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return showCorrection(request, reply, noteId, body, error);
      throw error;
    }
  });
}

function recordRoutes(app: FastifyInstance, services: AppServices, type: string, registration: CaseworkRecord): void {
  const { db } = services.database;
  const base = `/${registration.plural}/:id`;

  app.get(`${base}/notes`, async (request, reply) => {
    const view = await casework.listNotes(db, request.ctx!, type, idFrom(request.params));
    return render(request, reply, 'casework/views/notes.njk', { title: `Case notes: ${view.record.label}`, ...view, backLink: view.record.path });
  });

  const showNew = async (request: FastifyRequest, reply: FastifyReply, values?: Body, error?: ValidationError) => {
    const id = idFrom(request.params);
    const record = await casework.recordAccess(db, request.ctx!, type, id, 'change');
    const now = inEngland(new Date());
    if (error) reply.code(422);
    return render(request, reply, 'casework/views/note-form.njk', {
      title: 'Add a case note', heading: 'Add a case note', action: `${record.path}/notes`, record, typeItems, markSensitive: record.viewSensitive,
      values: values ?? { ...dateParts('date', now.date), time: now.time }, errors: error ? pageErrors(error, ['date']) : undefined, backLink: `${record.path}/notes`,
    });
  };
  app.get(`${base}/notes/new`, async (request, reply) => showNew(request, reply));
  app.post(`${base}/notes`, async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    return saveOr(request, reply, `/${registration.plural}/${id}/notes`, 'The note has been added.',
      () => casework.addNote(db, request.ctx!, type, id, noteFromForm(body)), (error) => showNew(request, reply, body, error));
  });

  app.get(`${base}/chronology`, async (request, reply) => {
    const view = await casework.chronology(db, request.ctx!, type, idFrom(request.params), request.query);
    return render(request, reply, 'casework/views/chronology.njk', {
      title: `Chronology: ${view.record.label}`, ...view, kinds: CHRONOLOGY_KINDS, items: timelineItems(view.entries),
      kindItems: Object.entries(CHRONOLOGY_KINDS).map(([value, text]) => ({ value, text, checked: view.query.kind.includes(value as never) })),
      backLink: view.record.path,
    });
  });

  app.get(`${base}/chronology.pdf`, async (request, reply) => {
    const view = await casework.chronology(db, request.ctx!, type, idFrom(request.params), request.query, 'pdf');
    const entries = view.entries.map((e) => ({ ...e, kind: CHRONOLOGY_KIND_NAMES[e.kind] }));
    // A filtered chronology says so on every copy, so a part is never taken for the whole.
    const only = view.query.kind.map((k) => CHRONOLOGY_KINDS[k].toLowerCase()).join(', ');
    const kind = `${capitalise(registration.noun)}${only ? ` (showing only ${only}: not the whole chronology)` : ''}`;
    const pdf = await renderPdf(chronologyPdf({ label: view.record.label, kind }, entries, services.today()));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="chronology-${registration.noun}-${idFrom(request.params)}.pdf"`).send(pdf);
  });

  app.get(`/api/v1/${registration.plural}/:id/notes`, {
    schema: { tags: ['casework'], summary: `The case notes on a ${registration.noun} you may see`, params: idParams, response: { 200: z.object({ items: z.array(noteJson) }) } },
  }, async (request) => {
    const view = await casework.listNotes(db, request.ctx!, type, (request.params as { id: string }).id);
    return { items: view.notes.map(asJson) };
  });

  app.post(`/api/v1/${registration.plural}/:id/notes`, {
    schema: {
      tags: ['casework'], summary: `Add a case note to a ${registration.noun} ({type, date, time (HH:MM in England), body, sensitive?})`,
      params: idParams, body: noteBody, response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => {
    const id = await casework.addNote(db, request.ctx!, type, (request.params as { id: string }).id, request.body);
    return reply.code(201).send({ id });
  });
}

function asJson(n: Awaited<ReturnType<typeof casework.listNotes>>['notes'][number]) {
  return {
    id: n.id, type: n.type, date: n.date, time: n.time, body: n.body, sensitive: n.sensitive, author: n.authorName, version: n.version,
    createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(),
  };
}
