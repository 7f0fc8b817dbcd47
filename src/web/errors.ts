// Turning errors into answers: RFC 9457 problem JSON for the API, GOV.UK error pages for
// people. A page form catches its own ValidationError to re-show the form; anything that
// escapes lands here.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { render } from '../core/http/render.ts';
import { isApi, sendProblem, STATUS_TITLES } from '../core/http/problems.ts';

function classify(error: FastifyError | Error): { status: number; detail: string; errors?: FieldError[] } {
  if (error instanceof ValidationError) return { status: 422, detail: error.message, errors: error.errors };
  // An address whose parameters are malformed names nothing that exists.
  if ((error as FastifyError).validationContext === 'params') return { status: 404, detail: 'Not found' };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'input', message: v.message ?? 'Invalid value' }));
    return { status: 422, detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors };
  }
  if (error instanceof NotFoundError) return { status: 404, detail: error.message };
  if (error instanceof ForbiddenError) return { status: 403, detail: error.message };
  if (error instanceof ConflictError) return { status: 409, detail: error.message, errors: error.field ? [{ field: error.field, message: error.message }] : undefined };
  const code = (error as FastifyError).code ?? '';
  if (code.startsWith('FST_CSRF')) return { status: 403, detail: 'The form has expired or was not sent from this service: go back, refresh the page and try again' };
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) return { status, detail: error.message };
  return { status: 500, detail: 'Something went wrong on our side' };
}

export function setUpErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { status, detail, errors } = classify(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (isApi(request)) return sendProblem(reply, status, detail, errors);
    reply.code(status);
    if (status === 404) return render(request, reply, 'web/views/not-found.njk');
    if (status >= 500) return render(request, reply, 'web/views/server-error.njk');
    return render(request, reply, 'web/views/problem.njk', { title: STATUS_TITLES[status] ?? 'Error', detail });
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request)) return sendProblem(reply, 404, 'No such resource');
    reply.code(404);
    return render(request, reply, 'web/views/not-found.njk');
  });
}
