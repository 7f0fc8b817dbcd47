// Guards every request passes, whatever route it reaches: text Mercia will not keep is refused
// before any handler sees it; nothing personal is left in a browser's cache; and a reply that
// cannot be written (a header Node refuses) becomes the 500 page instead of ending the process.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../core/errors.ts';
import { findTextFault } from '../core/text.ts';
import { isApi, sendProblem } from '../core/http/problems.ts';
import { render } from '../core/http/render.ts';

/** Routes whose answers are public assets, safe to cache for long. */
export const ASSET_PREFIXES = ['/assets/', '/govuk/', '/moj/', '/static/'];

export function setUpInputGuard(app: FastifyInstance): void {
  // Before validation, so a NUL in an id is named as such rather than as a malformed id; and
  // again before the handler for bodies parsed late (an upload's fields arrive with its files).
  app.addHook('preValidation', async (request, reply) => refuse(request, reply, findTextFault(request.params) ?? findTextFault(request.query) ?? findTextFault(request.body)));
  app.addHook('preHandler', async (request, reply) => refuse(request, reply, findTextFault(request.body)));
}

async function refuse(request: FastifyRequest, reply: FastifyReply, fault: FieldError | undefined) {
  if (!fault || reply.sent) return;
  if (isApi(request)) {
    sendProblem(reply, 422, fault.message, [fault]);
  } else {
    reply.code(422);
    await render(request, reply, 'web/views/invalid-input.njk', { title: 'There is a problem with what was sent', errors: { summary: [{ text: fault.message }], fields: {} } });
  }
  // Returning the reply ends the request here: no handler sees the input.
  return reply;
}

export function setUpNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // Only an asset actually served may be cached; an error page under an asset's address
    // (it can carry the signed-in person's name) is no-store like every other page.
    const asset = reply.statusCode < 400 && ASSET_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    if (!asset) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Added last, so it sees every header the other hooks set before Node writes them. */
export function setUpReplyGuard(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const bad = unwritableHeaders(reply);
    if (bad.length === 0) return payload;
    request.log.error({ headers: bad }, 'a reply carried a header Node cannot write; answered 500 instead');
    for (const name of [...bad, 'content-length', 'content-disposition']) reply.removeHeader(name);
    reply.code(500);
    if (isApi(request)) {
      reply.type('application/problem+json');
      return JSON.stringify({ type: 'about:blank', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side' });
    }
    reply.type('text/html; charset=utf-8');
    return serverErrorPage(app, request);
  });
}

function unwritableHeaders(reply: FastifyReply): string[] {
  const bad: string[] = [];
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    try {
      validateHeaderName(name);
      for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) validateHeaderValue(name, String(v));
    } catch {
      bad.push(name);
    }
  }
  return bad;
}

function serverErrorPage(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  return app.view('web/views/server-error.njk', { actor: request.ctx?.actor, navigation: [], currentPath: '/' }) as Promise<string>;
}
