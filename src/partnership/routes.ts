// Partnership pages (overview, operating model on a date, membership history, change
// forms for administrators) and the partnership API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../core/access.ts';
import { isCalendarDate } from '../core/dates.ts';
import { ValidationError } from '../core/errors.ts';
import type { AppServices } from '../core/http/types.ts';
import { dateFromParts, formErrors, saveOr, paramsFrom } from '../core/http/forms.ts';
import { render } from '../core/http/render.ts';
import { deliveredByLabel, OPTIONS } from './model.ts';
import * as partnership from './service.ts';

const idParams = z.object({ id: z.uuid() });

export function partnershipRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  /** A chosen date from `?date=` or the date input, else today; a wrong date is an error on the page, not a crash. */
  function chosenDate(query: Record<string, string | undefined>, today: string): { date: string; error?: string } {
    const typed = query.date ?? dateFromParts(query, 'date');
    if (!typed) return { date: today };
    return isCalendarDate(typed) ? { date: typed } : { date: today, error: 'Date must be a real date, like 1 11 2014' };
  }

  // ---- pages ---------------------------------------------------------------------------

  app.get('/partnerships', async (request, reply) => {
    const items = await partnership.visiblePartnerships(db, request.ctx!);
    return render(request, reply, 'partnership/views/list.njk', { title: 'Partnerships', items });
  });

  app.get('/partnerships/:id', async (request, reply) => {
    const { id } = paramsFrom(idParams, request.params);
    const view = await partnership.overview(db, request.ctx!, id);
    return render(request, reply, 'partnership/views/overview.njk', { title: view.partnership.name, ...view, backLink: '/partnerships' });
  });

  app.get('/partnerships/:id/operating-model', async (request, reply) => {
    const { id } = paramsFrom(idParams, request.params);
    const ctx = request.ctx!;
    const { date, error } = chosenDate(request.query as Record<string, string>, ctx.facts.today);
    const view = await partnership.operatingModel(db, ctx, id, date);
    if (error) reply.code(422);
    return render(request, reply, 'partnership/views/operating-model.njk', {
      title: `Operating model – ${view.partnership.name}`, ...view, today: ctx.facts.today, options: OPTIONS, backLink: `/partnerships/${id}`,
      errors: error ? formErrors([{ field: 'date', message: error }], ['date']) : undefined,
    });
  });

  app.get('/partnerships/:id/members', async (request, reply) => {
    const { id } = paramsFrom(idParams, request.params);
    const view = await partnership.history(db, request.ctx!, id);
    return render(request, reply, 'partnership/views/members.njk', { title: `Membership history – ${view.partnership.name}`, ...view, backLink: `/partnerships/${id}` });
  });

  // ---- forms: add a member ------------------------------------------------------------

  async function showAddMember(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, error?: ValidationError) {
    const ctx = request.ctx!;
    const view = await partnership.overview(db, ctx, id);
    const { candidates, providers } = await partnership.candidateMembers(db, ctx, id);
    if (error) reply.code(422);
    return render(request, reply, 'partnership/views/add-member.njk', {
      title: 'Add an organisation', ...view, candidates, providers, values, options: OPTIONS,
      errors: error ? formErrors(error.errors, ['joinedOn']) : undefined, backLink: `/partnerships/${id}/members`,
    });
  }

  app.get('/partnerships/:id/members/new', async (request, reply) => showAddMember(request, reply, paramsFrom(idParams, request.params).id, {}));

  app.post('/partnerships/:id/members/new', async (request, reply) => {
    const { id } = paramsFrom(idParams, request.params);
    const body = request.body as Record<string, string>;
    const input = { organisationId: body.organisationId || undefined, kind: body.kind || undefined, joinedOn: dateFromParts(body, 'joinedOn'), option: body.option || undefined, providerId: body.providerId || undefined };
    return saveOr(request, reply, `/partnerships/${id}/members`, 'The organisation has been added.', () => partnership.addMember(db, request.ctx!, id, input),
      (error) => showAddMember(request, reply, id, body, error));
  });

  // ---- forms: record leaving ---------------------------------------------------------

  async function showLeave(request: FastifyRequest, reply: FastifyReply, id: string, membershipId: string, values: Record<string, unknown>, error?: ValidationError) {
    const view = await partnership.history(db, request.ctx!, id);
    const membership = view.memberships.find((m) => m.id === membershipId);
    if (!membership || !view.can.changeMembership) return reply.callNotFound();
    if (error) reply.code(422);
    return render(request, reply, 'partnership/views/leave.njk', {
      title: `Record that ${membership.memberName} is leaving`, ...view, membership, values,
      errors: error ? formErrors(error.errors, ['leftOn']) : undefined, backLink: `/partnerships/${id}/members`,
    });
  }

  const leaveParams = z.object({ id: z.uuid(), membershipId: z.uuid() });
  app.get('/partnerships/:id/members/:membershipId/leave', async (request, reply) => {
    const { id, membershipId } = paramsFrom(leaveParams, request.params);
    return showLeave(request, reply, id, membershipId, {});
  });

  app.post('/partnerships/:id/members/:membershipId/leave', async (request, reply) => {
    const { id, membershipId } = paramsFrom(leaveParams, request.params);
    const body = request.body as Record<string, string>;
    return saveOr(request, reply, `/partnerships/${id}/members`, 'The leaving date has been recorded.', () => partnership.recordLeaving(db, request.ctx!, id, membershipId, { leftOn: dateFromParts(body, 'leftOn') }),
      (error) => showLeave(request, reply, id, membershipId, body, error));
  });

  // ---- forms: change the operating model -----------------------------------------------

  async function showChange(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, error?: ValidationError) {
    const ctx = request.ctx!;
    const view = await partnership.operatingModel(db, ctx, id, ctx.facts.today);
    if (!view.can.changeOperatingModel) return reply.callNotFound();
    const providers = await partnership.providers(db);
    if (error) reply.code(422);
    return render(request, reply, 'partnership/views/change-model.njk', {
      title: 'Change the operating model', ...view, providers, values, options: OPTIONS,
      errors: error ? formErrors(error.errors, ['effectiveOn']) : undefined, backLink: `/partnerships/${id}/operating-model`,
    });
  }

  app.get('/partnerships/:id/operating-model/change', async (request, reply) => showChange(request, reply, paramsFrom(idParams, request.params).id, {}));

  app.post('/partnerships/:id/operating-model/change', async (request, reply) => {
    const { id } = paramsFrom(idParams, request.params);
    const body = request.body as Record<string, string>;
    const effectiveOn = dateFromParts(body, 'effectiveOn');
    const ctx = request.ctx!;
    const save = body.scope === 'function'
      ? () => partnership.changeDelivery(db, ctx, id, { effectiveOn, memberId: body.memberId || undefined, functionCode: body.functionCode || undefined, deliveredBy: body.deliveredBy || undefined, providerId: body.providerId || undefined })
      : () => partnership.applyPreset(db, ctx, id, { effectiveOn, option: body.option || undefined, providerId: body.providerId || undefined, memberId: body.memberId || undefined });
    return saveOr(request, reply, `/partnerships/${id}/operating-model${effectiveOn ? `?date=${effectiveOn}` : ''}`, 'The change to the operating model has been recorded.', save,
      (error) => showChange(request, reply, id, body, error));
  });

  app.post('/partnerships/:id/operating-model/scheduled/:date/withdraw', async (request, reply) => {
    const { id, date } = paramsFrom(z.object({ id: z.uuid(), date: z.string() }), request.params);
    await partnership.cancelScheduled(db, request.ctx!, id, date);
    request.session.flash = 'The scheduled change has been withdrawn.';
    return reply.redirect(`/partnerships/${id}/operating-model`, 303);
  });

  // ---- API -----------------------------------------------------------------------------

  const memberJson = z.object({ code: z.string().nullable(), name: z.string(), kind: z.enum(['member', 'affiliate']), joined: z.string(), left: z.string().nullable() });
  const partnershipJson = z.object({ id: z.string(), name: z.string(), host: z.object({ id: z.string(), code: z.string().nullable(), name: z.string() }).nullable(), members: z.array(memberJson) });

  async function partnershipAsJson(ctx: RequestContext, id: string) {
    const view = await partnership.overview(db, ctx, id);
    return {
      id: view.partnership.id,
      name: view.partnership.name,
      host: view.host ? { id: view.host.id, code: view.host.code, name: view.host.name } : null,
      // Every membership, past and present: `left` says who has gone and when.
      members: view.memberships.map((m) => ({ code: m.memberCode, name: m.memberName, kind: m.kind, joined: m.joinedOn, left: m.leftOn })),
    };
  }

  app.get('/api/v1/partnerships', {
    schema: { tags: ['partnership'], summary: 'Partnerships you belong to', response: { 200: z.object({ items: z.array(partnershipJson) }) } },
  }, async (request) => {
    const ctx = request.ctx!;
    const list = await partnership.visiblePartnerships(db, ctx);
    return { items: await Promise.all(list.map((p) => partnershipAsJson(ctx, p.id))) };
  });

  app.get('/api/v1/partnerships/:id', {
    schema: { tags: ['partnership'], summary: 'One partnership with its members', params: idParams, response: { 200: partnershipJson } },
  }, async (request) => partnershipAsJson(request.ctx!, (request.params as { id: string }).id));

  app.get('/api/v1/partnerships/:id/operating-model', {
    schema: {
      tags: ['partnership'], summary: 'Who delivers each function for each member on a date',
      params: idParams,
      querystring: z.object({ date: z.string().refine(isCalendarDate, { error: 'date must be a real date as YYYY-MM-DD' }).optional() }),
      response: { 200: z.object({ date: z.string(), items: z.array(z.object({ function: z.string(), member: z.string().nullable(), memberName: z.string(), deliveredBy: z.string(), since: z.string() })) }) },
    },
  }, async (request) => {
    const ctx = request.ctx!;
    const { id } = request.params as { id: string };
    const date = (request.query as { date?: string }).date ?? ctx.facts.today;
    const view = await partnership.operatingModel(db, ctx, id, date);
    const items = view.members.flatMap((m) => view.functions.map((f) => {
      const d = view.deliveries[m.memberId]?.[f.code];
      return { function: f.code, member: m.memberCode, memberName: m.memberName, deliveredBy: d ? deliveredByLabel(d) : 'unassigned', since: d?.effectiveOn ?? m.joinedOn };
    }));
    return { date, items };
  });

  const membershipBody = z.object({ organisationId: z.string(), kind: z.enum(['member', 'affiliate']), joinedOn: z.string(), option: z.number().int().min(1).max(4).optional(), providerId: z.string().optional() });
  app.post('/api/v1/partnerships/:id/memberships', {
    schema: { tags: ['partnership'], summary: 'Add a member council or affiliated agency from a date', params: idParams, body: membershipBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => {
    const membership = await partnership.addMember(db, request.ctx!, (request.params as { id: string }).id, request.body);
    return reply.code(201).send(membership);
  });

  app.patch('/api/v1/partnerships/:id/memberships/:membershipId', {
    schema: { tags: ['partnership'], summary: 'Record the date a member leaves', params: leaveParams, body: z.object({ leftOn: z.string() }) },
  }, async (request, reply) => {
    const { id, membershipId } = request.params as { id: string; membershipId: string };
    await partnership.recordLeaving(db, request.ctx!, id, membershipId, request.body);
    return reply.code(204).send();
  });

  app.post('/api/v1/partnerships/:id/operating-model/transitions', {
    schema: {
      tags: ['partnership'], summary: 'Schedule a change to the operating model: a preset option for every member (or one), or one function for one member',
      params: idParams,
      body: z.object({ effectiveOn: z.string(), option: z.number().int().optional(), memberId: z.string().optional(), functionCode: z.string().optional(), deliveredBy: z.string().optional(), providerId: z.string().optional() }),
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as { functionCode?: string };
    if (body.functionCode) await partnership.changeDelivery(db, request.ctx!, id, request.body);
    else await partnership.applyPreset(db, request.ctx!, id, request.body);
    return reply.code(204).send();
  });
}
