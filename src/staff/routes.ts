// Sign-in and sign-out, the person's own account (second factor, API tokens), the staff
// list for administrators, and the grants API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { totpUri } from '../core/auth.ts';
import { ValidationError } from '../core/errors.ts';
import { sameSitePath } from '../core/text.ts';
import type { AppServices } from '../core/http/types.ts';
import { formErrors, idFrom } from '../core/http/forms.ts';
import { render } from '../core/http/render.ts';
import * as staff from './service.ts';


export function staffRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { config } = services;
  const signInLimit = { max: 20, timeWindow: '1 minute' };

  // ---- sign-in ---------------------------------------------------------------------

  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.ctx) return reply.redirect('/', 303);
    const { next } = request.query as { next?: string };
    return render(request, reply, 'staff/views/sign-in.njk', { title: 'Sign in', next: sameSitePath(next), values: {} });
  });

  app.post('/sign-in', { config: { public: true, rateLimit: signInLimit } }, async (request, reply) => {
    const body = request.body as Record<string, string>;
    const next = sameSitePath(body.next);
    const refuse = (message: string, status = 401) => {
      reply.code(status);
      return render(request, reply, 'staff/views/sign-in.njk', {
        title: 'Sign in', next, values: { email: body.email }, errors: formErrors([{ field: 'email', message }]),
      });
    };
    try {
      const result = await staff.checkPassword(db, config, body);
      if (result.outcome === 'locked') return refuse(`This account is locked after too many failed attempts. Try again in ${config.signInLockoutMinutes} minutes.`, 429);
      if (result.outcome === 'refused') return refuse('Enter a correct email address and password');
      await request.session.regenerate();
      if (result.outcome === 'needs-second-factor') {
        request.session.pendingStaffId = result.staffId;
        return reply.redirect(`/sign-in/code?next=${encodeURIComponent(next)}`, 303);
      }
      request.session.staffId = result.staffId;
      request.session.signedInAt = Date.now();
      return reply.redirect(next, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        reply.code(422);
        return render(request, reply, 'staff/views/sign-in.njk', { title: 'Sign in', next, values: { email: body.email }, errors: formErrors(error.errors) });
      }
      throw error;
    }
  });

  app.get('/sign-in/code', { config: { public: true } }, async (request, reply) => {
    if (!request.session.pendingStaffId) return reply.redirect('/sign-in', 303);
    const { next } = request.query as { next?: string };
    return render(request, reply, 'staff/views/sign-in-code.njk', { title: 'Enter the code from your authenticator app', next: sameSitePath(next) });
  });

  app.post('/sign-in/code', { config: { public: true, rateLimit: signInLimit } }, async (request, reply) => {
    const body = request.body as Record<string, string>;
    const next = sameSitePath(body.next);
    const pending = request.session.pendingStaffId;
    if (!pending) return reply.redirect('/sign-in', 303);
    const again = (message: string, status: number) => {
      reply.code(status);
      return render(request, reply, 'staff/views/sign-in-code.njk', { title: 'Enter the code from your authenticator app', next, errors: formErrors([{ field: 'code', message }]) });
    };
    try {
      const result = await staff.checkSecondFactor(db, config, pending, body);
      if (result.outcome === 'locked') {
        request.session.pendingStaffId = undefined;
        return again(`This account is locked after too many failed attempts. Try again in ${config.signInLockoutMinutes} minutes.`, 429);
      }
      if (result.outcome !== 'signed-in') return again('The code is not right: enter the code your app shows now', 401);
      await request.session.regenerate();
      request.session.staffId = result.staffId;
      request.session.signedInAt = Date.now();
      return reply.redirect(next, 303);
    } catch (error) {
      if (error instanceof ValidationError) return again(error.errors[0]!.message, 422);
      throw error;
    }
  });

  app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
    if (request.ctx) await staff.signedOut(db, request.ctx.actor);
    await request.session.destroy();
    return reply.redirect('/sign-in', 303);
  });

  // ---- the person's own account ---------------------------------------------------------

  app.get('/account', async (request, reply) => {
    const ctx = request.ctx!;
    const me = await staff.viewStaff(db, ctx, ctx.actor.staffId);
    const tokens = await staff.tokensOf(db, ctx);
    return render(request, reply, 'staff/views/account.njk', { title: 'Your account', me, tokens });
  });

  app.get('/account/second-factor', async (request, reply) => {
    request.session.newTotpSecret ??= staff.newSecondFactorSecret();
    return showSecondFactor(request, reply, undefined);
  });

  app.post('/account/second-factor', async (request, reply) => {
    const secret = request.session.newTotpSecret;
    if (!secret) return reply.redirect('/account/second-factor', 303);
    try {
      await staff.enableSecondFactor(db, request.ctx!, secret, request.body);
      request.session.newTotpSecret = undefined;
      request.session.flash = 'Two-step sign-in is on. You will be asked for a code each time you sign in.';
      return reply.redirect('/account', 303);
    } catch (error) {
      if (error instanceof ValidationError) return showSecondFactor(request, reply, error);
      throw error;
    }
  });

  function showSecondFactor(request: FastifyRequest, reply: FastifyReply, error: ValidationError | undefined) {
    const secret = request.session.newTotpSecret!;
    if (error) reply.code(422);
    return render(request, reply, 'staff/views/second-factor.njk', {
      title: 'Set up two-step sign-in', secret, uri: totpUri(secret, request.ctx!.actor.email), errors: error ? formErrors(error.errors) : undefined,
    });
  }

  app.post('/account/tokens', async (request, reply) => {
    const ctx = request.ctx!;
    try {
      const { token } = await staff.createToken(db, ctx.actor.staffId, request.body, { staffId: ctx.actor.staffId, orgId: ctx.actor.orgId, label: ctx.actor.email });
      const me = await staff.viewStaff(db, ctx, ctx.actor.staffId);
      return render(request, reply, 'staff/views/account.njk', { title: 'Your account', me, tokens: await staff.tokensOf(db, ctx), newToken: token });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      const me = await staff.viewStaff(db, ctx, ctx.actor.staffId);
      return render(request, reply, 'staff/views/account.njk', { title: 'Your account', me, tokens: await staff.tokensOf(db, ctx), errors: formErrors(error.errors) });
    }
  });

  app.post('/account/tokens/:id/revoke', async (request, reply) => {
    const id = idFrom(request.params);
    await staff.revokeToken(db, request.ctx!, id);
    request.session.flash = 'The token has been revoked.';
    return reply.redirect('/account', 303);
  });

  // ---- staff (administrators) --------------------------------------------------------------

  app.get('/staff', async (request, reply) => {
    const people = await staff.listStaff(db, request.ctx!);
    return render(request, reply, 'staff/views/list.njk', { title: 'Staff', people });
  });

  app.get('/staff/:id', async (request, reply) => {
    const id = idFrom(request.params);
    const person = await staff.viewStaff(db, request.ctx!, id);
    return render(request, reply, 'staff/views/person.njk', { title: person.displayName, person, backLink: '/staff' });
  });

  // ---- API -----------------------------------------------------------------------------

  const staffJson = z.object({ id: z.string(), email: z.string(), displayName: z.string(), organisationId: z.string(), organisation: z.string(), roles: z.array(z.string()) });
  const toJson = (s: Awaited<ReturnType<typeof staff.viewStaff>>) => ({ id: s.id, email: s.email, displayName: s.displayName, organisationId: s.organisationId, organisation: s.organisationName, roles: s.roles });

  app.get('/api/v1/me', { schema: { tags: ['staff'], summary: 'The signed-in staff member', response: { 200: staffJson } } }, async (request) => {
    return toJson(await staff.viewStaff(db, request.ctx!, request.ctx!.actor.staffId));
  });

  app.post('/api/v1/grants', {
    schema: {
      tags: ['access'], summary: 'Grant one person access to one record',
      body: z.object({ staffId: z.string(), recordType: z.string(), recordId: z.string(), reason: z.string(), validFrom: z.string(), validTo: z.string().optional() }),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => {
    const id = await staff.grantAccess(db, request.ctx!, request.body);
    return reply.code(201).send({ id });
  });

  app.delete('/api/v1/grants/:id', { schema: { tags: ['access'], summary: 'Revoke a grant', params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    await staff.revokeGrant(db, request.ctx!, (request.params as { id: string }).id);
    return reply.code(204).send();
  });
}
