// A sealed adoption record: instead of the child's page, what the person may know of it, and,
// for those who may open it, the form that opens it for the day with their reason.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationError } from '../../core/errors.ts';
import { idFrom, pageErrors, saveOr, type Body } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { SealedRecordError } from '../loading.ts';
import * as sealing from '../sealing.ts';

/** The sealed-record page, answered with 403 (the record is there, but shut to the person). */
export async function showSealed(db: AppServices['database']['db'], request: FastifyRequest, reply: FastifyReply, id: string, values: Body = {}, error?: ValidationError) {
  const sealed = await sealing.sealedRecord(db, request.ctx!, id);
  reply.code(error ? 422 : 403);
  return render(request, reply, 'children/views/sealed.njk', { title: 'This adoption record is sealed', sealed, values, errors: error ? pageErrors(error, []) : undefined, backLink: '/children' });
}

/** Whether the error is the child's record being sealed to this person. */
export const isSealed = (error: unknown): error is SealedRecordError => error instanceof SealedRecordError;

export function sealedRecordRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.post('/children/:id/open', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    return saveOr(request, reply, `/children/${id}`, 'The record is open to you until the end of today.',
      () => sealing.openSealedRecord(db, request.ctx!, id, body),
      (error) => showSealed(db, request, reply, id, body, error));
  });
}
