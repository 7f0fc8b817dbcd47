// Who is asking. A browser has a session cookie; an API client sends `Authorization:
// Bearer <token>` (or uses its session). Every route is private unless it says
// `config: { public: true }`. Sessions expire after idle time and after an absolute limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as staff from '../staff/service.ts';
import { isApi, sendProblem } from '../core/http/problems.ts';
import type { AppServices } from '../core/http/types.ts';

// Activity extends the idle timeout; a minute's precision saves a write per request.
const TOUCH_INTERVAL_MS = 60_000;
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setUpAuthentication(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const absoluteMs = services.config.sessionAbsoluteHours * 3_600_000;

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && isApi(request)) {
      const ctx = await staff.contextByToken(db, bearer, services.today());
      if (!ctx) return sendProblem(reply, 401, 'The token is not valid, has expired or was revoked');
      request.ctx = ctx;
      request.authMethod = 'token';
      return;
    }

    const session = request.session;
    if (session?.staffId) {
      const expired = !session.signedInAt || Date.now() - session.signedInAt > absoluteMs;
      const ctx = expired ? undefined : await staff.contextById(db, session.staffId, services.today());
      if (ctx) {
        request.ctx = ctx;
        request.authMethod = 'session';
        if (!session.lastSeenAt || Date.now() - session.lastSeenAt > TOUCH_INTERVAL_MS) session.lastSeenAt = Date.now();
      } else {
        await session.destroy();
      }
    }

    // Forms and cookie-authenticated API calls must carry the CSRF token; bearer tokens
    // are not sent by browsers on their own, so they need none.
    if (unsafe.has(request.method) && request.session && request.routeOptions.config.csrf !== false) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    }

    if (request.routeOptions.config.public || request.ctx) return;
    if (isApi(request)) return sendProblem(reply, 401, 'Sign in, or send an API token as Authorization: Bearer <token>');
    const next = encodeURIComponent(request.url);
    return reply.redirect(`/sign-in?next=${next}`, 303);
  });
}
