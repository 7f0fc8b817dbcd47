// Letters from templates, for every record type a letter template applies to: choose a letter,
// check the fields filled from the record, and keep the PDF on the record as a document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import { dateFromParts, dateParts, idFrom, one, pageErrors, type Body } from '../core/http/forms.ts';
import { render } from '../core/http/render.ts';
import type { AppServices } from '../core/http/types.ts';
import { caseworkRecordTypes } from '../core/records.ts';
import { LETTER_TEMPLATES, type LetterTemplate } from './letters.ts';
import { generateLetter, letterForm } from './letters-service.ts';

const idParams = z.object({ id: z.uuid() });
const letterBody = z.object({ template: z.string(), fields: z.record(z.string(), z.string()) });

/** The form's fields as the letter's: a date is three boxes on the page, one `YYYY-MM-DD` in the letter. */
function fieldsFromForm(template: LetterTemplate | undefined, body: Body): Record<string, string | undefined> {
  return Object.fromEntries((template?.fields ?? []).map((f) => [f.name, f.kind === 'date' ? dateFromParts(body, f.name) : one(body, f.name)]));
}

/** Stored values as the form shows them: a date as its three boxes. */
function formValues(template: LetterTemplate, values: Record<string, string | undefined>): Record<string, string | undefined> {
  const shown: Record<string, string | undefined> = {};
  for (const f of template.fields) Object.assign(shown, f.kind === 'date' ? dateParts(f.name, values[f.name]) : { [f.name]: values[f.name] });
  return shown;
}

export function lettersRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  for (const [type, registration] of caseworkRecordTypes()) {
    if (!LETTER_TEMPLATES.some((t) => t.appliesTo === type)) continue;
    const base = `/${registration.plural}/:id/letters`;

    const show = async (request: FastifyRequest, reply: FastifyReply, templateId: string | undefined, body?: Body, error?: ValidationError) => {
      const form = await letterForm(db, request.ctx!, type, idFrom(request.params), templateId);
      if (error) reply.code(422);
      return render(request, reply, 'casework/views/letter-form.njk', {
        title: form.template ? form.template.title : 'Make a letter', ...form,
        templateItems: form.templates.map((t) => ({ value: t.id, text: t.title })),
        values: body ?? (form.template ? formValues(form.template, form.values) : {}),
        errors: error ? pageErrors(error, form.template?.fields.filter((f) => f.kind === 'date').map((f) => f.name) ?? []) : undefined,
        backLink: form.record.path,
      });
    };

    app.get(`${base}/new`, async (request, reply) => {
      const templateId = one(request.query as Body, 'template') || undefined;
      try {
        return await show(request, reply, templateId);
      } catch (error) {
        if (error instanceof ValidationError) return show(request, reply, undefined, undefined, error);
        throw error;
      }
    });

    app.post(base, async (request, reply) => {
      const id = idFrom(request.params);
      const body = (request.body ?? {}) as Body;
      const templateId = one(body, 'template');
      const template = LETTER_TEMPLATES.find((t) => t.id === templateId && t.appliesTo === type);
      try {
        const saved = await generateLetter(db, request.ctx!, type, id, templateId, fieldsFromForm(template, body));
        request.session.flash = `"${saved.title}" has been made and kept with the documents.`;
        return reply.redirect(`/${registration.plural}/${id}/documents`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return show(request, reply, template?.id, body, error);
        throw error;
      }
    });

    app.post(`/api/v1/${base.slice(1)}`, {
      schema: {
        tags: ['casework'], summary: `Make a letter for a ${registration.noun} from a template and keep it as a document ({template, fields})`,
        params: idParams, body: letterBody, response: { 201: z.object({ documentId: z.string(), title: z.string() }) },
      },
    }, async (request, reply) => {
      const { template, fields } = request.body as z.output<typeof letterBody>;
      const saved = await generateLetter(db, request.ctx!, type, (request.params as { id: string }).id, template, fields);
      return reply.code(201).send({ documentId: saved.id, title: saved.title });
    });
  }
}
