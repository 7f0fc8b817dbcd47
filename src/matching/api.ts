// Matching's JSON API (described in OpenAPI): ranked households for a child and those left out,
// ranked children for a household, and links. The services validate input and answer refusals,
// so the API and the pages refuse alike.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../core/http/types.ts';
import * as links from './links-service.ts';
import * as matching from './service.ts';

const idParams = z.object({ id: z.uuid() });
const factorJson = z.object({ factor: z.string(), score: z.number(), weight: z.number(), explanation: z.string() });
const householdJson = z.object({
  id: z.string(), reference: z.string(), agencyId: z.string(), agency: z.string(), tier: z.string(), homeCouncil: z.string().nullable(), approvedOn: z.string().nullable(),
  openLinks: z.number(), score: z.number(), factors: z.array(factorJson),
});
const linkJson = z.object({
  id: z.string(), status: z.string(), householdId: z.string(), householdReference: z.string(), children: z.array(z.object({ id: z.string(), name: z.string() })),
  openedOn: z.string(), openedFrom: z.string(), closedOn: z.string().nullable(), closeReason: z.string().nullable(), matchedOn: z.string().nullable(),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), on: z.string(), reason: z.string().nullable(), notes: z.string().nullable() })),
  fee: z.object({ amountPence: z.number(), financialYear: z.number(), payerId: z.string(), payeeId: z.string(), londonWeighting: z.boolean() }).nullable(),
});
const limitQuery = z.object({ limit: z.coerce.number().optional(), offset: z.coerce.number().optional(), tier: z.string().optional(), agency: z.string().optional(), sort: z.string().optional() });

export function matchingApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/v1/children/:id/matches', {
    schema: {
      tags: ['matching'], summary: 'Households ranked for the child (or their sibling group placed together), best first, each with a score per factor and why', params: idParams,
      querystring: limitQuery, response: { 200: z.object({ total: z.number(), excluded: z.number(), households: z.array(householdJson) }) },
    },
  }, async (request) => {
    const r = await matching.findFamilies(db, request.ctx!, (request.params as { id: string }).id, request.query);
    return {
      total: r.total, excluded: r.excludedTotal,
      households: r.items.map((x) => ({
        id: x.candidate.id, reference: x.candidate.reference, agencyId: x.candidate.ownerId, agency: x.candidate.ownerName, tier: x.candidate.tier, homeCouncil: x.candidate.councilName,
        approvedOn: x.candidate.approvedOn, openLinks: x.candidate.openLinks, score: x.score, factors: x.factors,
      })),
    };
  });

  app.get('/api/v1/children/:id/matches/excluded', {
    schema: {
      tags: ['matching'], summary: 'Households a hard constraint leaves out for the child, each with the constraint and why', params: idParams,
      querystring: limitQuery, response: { 200: z.object({ total: z.number(), households: z.array(z.object({ id: z.string(), reference: z.string(), agency: z.string(), constraint: z.string(), explanation: z.string() })) }) },
    },
  }, async (request) => {
    const r = await matching.excludedFamilies(db, request.ctx!, (request.params as { id: string }).id, request.query);
    return { total: r.total, households: r.items.map((x) => ({ id: x.candidate.id, reference: x.candidate.reference, agency: x.candidate.ownerName, constraint: x.constraint, explanation: x.explanation })) };
  });

  app.get('/api/v1/households/:id/matches', {
    schema: {
      tags: ['matching'], summary: 'Waiting children you may see, ranked for the household (a sibling group placed together as one)', params: idParams,
      querystring: limitQuery,
      response: { 200: z.object({ total: z.number(), children: z.array(z.object({ id: z.string(), label: z.string(), childIds: z.array(z.string()), score: z.number(), factors: z.array(factorJson) })) }) },
    },
  }, async (request) => {
    const r = await matching.childrenForHousehold(db, request.ctx!, (request.params as { id: string }).id, request.query);
    return { total: r.total, children: r.items.map((x) => ({ id: x.candidate.id, label: x.candidate.label, childIds: x.children.map((c) => c.id), score: x.score, factors: x.factors })) };
  });

  const linkOut = async (ctx: Parameters<typeof links.viewLink>[1], id: string) => {
    const v = await links.viewLink(db, ctx, id);
    const l = v.link;
    return {
      id: l.id, status: l.status, householdId: l.householdId, householdReference: l.householdReference, children: l.children, openedOn: l.openedOn, openedFrom: l.openedFrom,
      closedOn: l.closedOn, closeReason: l.closeReason, matchedOn: l.matchedOn,
      history: v.events.map((e) => ({ from: e.from, to: e.to, on: e.on, reason: e.reason, notes: e.notes })),
      fee: v.fee ? { amountPence: v.fee.amountPence, financialYear: v.fee.financialYear, payerId: v.fee.payerId, payeeId: v.fee.payeeId, londonWeighting: v.fee.londonWeighting } : null,
    };
  };

  app.post('/api/v1/links', {
    schema: {
      tags: ['matching'], summary: 'Open a link between a waiting child (with their sibling group, when placed together) and a household ({childId, householdId, notes?})',
      body: z.object({ childId: z.string(), householdId: z.string(), notes: z.string().optional() }).loose(), response: { 201: linkJson },
    },
  }, async (request, reply) => {
    const id = await links.openLink(db, request.ctx!, request.body);
    return reply.code(201).send(await linkOut(request.ctx!, id));
  });

  app.get('/api/v1/links/:id', {
    schema: { tags: ['matching'], summary: 'A link with its history and, once matched, its inter-agency fee', params: idParams, response: { 200: linkJson } },
  }, async (request) => linkOut(request.ctx!, (request.params as { id: string }).id));

  app.patch('/api/v1/links/:id', {
    schema: {
      tags: ['matching'], summary: 'Move a link on ({status: exploring | shortlisted | proceeding}) or close it ({status: closed, reason, notes?})', params: idParams,
      body: z.object({ status: z.string(), reason: z.string().optional(), notes: z.string().optional(), on: z.string().optional() }).loose(), response: { 200: linkJson },
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const body = request.body as { status?: unknown };
    if (body.status === 'closed') await links.closeLink(db, request.ctx!, id, body);
    else await links.moveLink(db, request.ctx!, id, body);
    return linkOut(request.ctx!, id);
  });
}
