// Placements and disruptions in the JSON API (described in the OpenAPI document). Input is checked
// by the service, so the API and the pages refuse alike, as RFC 9457 problems naming the field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as placements from '../service.ts';
import type { PlacementRow } from '../store.ts';

const idParams = z.object({ id: z.uuid() });
const created = { 201: z.object({ id: z.string() }) };
const done = { 204: z.null() };
const placementJson = z.object({
  id: z.string(), ownerId: z.string(), owner: z.string(), householdId: z.string(), household: z.string(), status: z.string(),
  children: z.array(z.object({ id: z.string(), name: z.string() })), matchOn: z.string(), introductionsStart: z.string(), plannedMoveOn: z.string(),
  introductionsReviewedOn: z.string().nullable(), introductionsReview: z.string().nullable(), placedOn: z.string().nullable(), placementCode: z.string().nullable(),
  providerCode: z.string().nullable(), appliedOn: z.string().nullable(), orderOn: z.string().nullable(), orderCode: z.string().nullable(), reviewsHeld: z.array(z.string()),
});
const page = z.object({ total: z.number(), offset: z.number(), limit: z.number() });

function asJson(p: PlacementRow) {
  return {
    id: p.id, ownerId: p.ownerId, owner: p.ownerName, householdId: p.householdId, household: p.householdReference, status: p.status,
    children: p.childIds.map((id, i) => ({ id, name: p.childNames[i]! })), matchOn: p.matchOn, introductionsStart: p.introductionsStart, plannedMoveOn: p.plannedMoveOn,
    introductionsReviewedOn: p.introductionsReviewedOn, introductionsReview: p.introductionsReview, placedOn: p.placedOn, placementCode: p.placementCode,
    providerCode: p.providerCode, appliedOn: p.appliedOn, orderOn: p.orderOn, orderCode: p.orderCode, reviewsHeld: p.reviewsHeld,
  };
}

export function placementsApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const id = (params: unknown) => (params as { id: string }).id;
  const tags = ['placements'];

  app.get('/api/v1/placements', {
    schema: { tags, summary: 'Placements of the children you may see, newest first, 25 at a time (?status=, ?child=, ?offset=; audited)', querystring: z.object({ status: z.string().optional(), child: z.string().optional(), offset: z.string().optional() }),
      response: { 200: page.extend({ items: z.array(placementJson) }) } },
  }, async (request) => {
    const v = await placements.list(db, request.ctx!, request.query);
    return { total: v.total, offset: v.offset, limit: v.limit, items: v.items.map(asJson) };
  });

  app.post('/api/v1/placements', {
    schema: { tags, summary: 'Plan introductions for a matched child (and the siblings placed with them): {childId, introductionsStart, plannedMoveOn}', body: z.object({ childId: z.string() }).loose(), response: created },
  }, async (request, reply) => reply.code(201).send({ id: await placements.start(db, request.ctx!, request.body) }));

  app.get('/api/v1/placements/:id', {
    schema: { tags, summary: 'A placement with its reviews, next review due and any disruption (audited)', params: idParams,
      response: { 200: placementJson.extend({ nextReviewDue: z.string().nullable(), applicationFrom: z.string().nullable(), disruptionId: z.string().nullable() }) } },
  }, async (request) => {
    const v = await placements.view(db, request.ctx!, id(request.params));
    return { ...asJson(v.placement), nextReviewDue: v.nextReviewDue, applicationFrom: v.applicationFrom, disruptionId: v.disruption?.id ?? null };
  });

  const steps: [string, string, (ctx: RequestContext, id: string, body: unknown) => Promise<unknown>][] = [
    ['introductions-review', 'Review introductions: {reviewedOn, outcome: proceed|extend, plannedMoveOn?}', (ctx, pid, body) => placements.reviewIntroductions(db, ctx, pid, body)],
    ['move', 'The children moved in: {placedOn, placementCode: A3–A6, providerCode: PR1|PR2|PR4|PR5}', (ctx, pid, body) => placements.move(db, ctx, pid, body)],
    ['application', 'The adopters applied for the adoption order: {appliedOn} (not before 10 weeks of living together)', (ctx, pid, body) => placements.apply(db, ctx, pid, body)],
    ['order', 'The adoption order: {orderOn, orderCode: E11|E12}', (ctx, pid, body) => placements.order(db, ctx, pid, body)],
  ];
  for (const [path, summary, work] of steps) {
    app.post(`/api/v1/placements/:id/${path}`, { schema: { tags, summary, params: idParams, body: z.object({}).loose(), response: done } },
      async (request, reply) => {
        await work(request.ctx!, id(request.params), request.body);
        return reply.code(204).send(null);
      });
  }

  app.post('/api/v1/placements/:id/reviews', {
    schema: { tags, summary: 'A review after placement: {heldOn, summary}', params: idParams, body: z.object({}).loose(), response: created },
  }, async (request, reply) => reply.code(201).send({ id: await placements.addReview(db, request.ctx!, id(request.params), request.body) }));

  app.post('/api/v1/placements/:id/disruption', {
    schema: { tags, summary: 'A disruption: {occurredOn, reasons: [...], details, nextForChild, nextPlacement? (before the order), planReversed? (RD1–RD4)}', params: idParams, body: z.object({}).loose(), response: created },
  }, async (request, reply) => reply.code(201).send({ id: await placements.disrupt(db, request.ctx!, id(request.params), request.body) }));

  app.get('/api/v1/disruptions', {
    schema: { tags, summary: 'Disruptions of the children you may see, latest first, with counts by type (?kind=, ?offset=; audited)', querystring: z.object({ kind: z.string().optional(), offset: z.string().optional() }),
      response: { 200: page.extend({
        byKind: z.record(z.string(), z.number()),
        items: z.array(z.object({ id: z.string(), placementId: z.string(), ownerId: z.string(), kind: z.string(), occurredOn: z.string(), reasons: z.array(z.string()), details: z.string(), nextForChild: z.string(), planReversed: z.string().nullable(), children: z.array(z.string()) })),
      }) } },
  }, async (request) => {
    const v = await placements.disruptions(db, request.ctx!, request.query);
    return {
      total: v.total, offset: v.offset, limit: v.limit, byKind: v.byKind,
      items: v.items.map((d) => ({ id: d.id, placementId: d.placementId, ownerId: d.ownerId, kind: d.kind, occurredOn: d.occurredOn, reasons: d.reasons, details: d.details, nextForChild: d.nextForChild, planReversed: d.planReversed, children: d.childIds })),
    };
  });
}
