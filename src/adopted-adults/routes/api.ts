// The JSON API of services to adopted adults (described in the OpenAPI document): the requests
// you may see, one request with its regime, counselling, steps and vetoes, recording a request,
// and recording a step. Input is checked by the service, so the API and the pages refuse alike,
// as RFC 9457 problems naming the field. Every call is audited by the service.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../core/http/types.ts';
import type { RequestRow } from '../store.ts';
import * as service from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const nullable = z.string().nullable();
const requestJson = z.object({
  id: z.string(), ownerId: z.string(), kind: z.string(), receivedOn: z.string(), applicantGivenName: z.string(), applicantFamilyName: z.string(),
  applicantRole: z.string(), relationship: nullable, birthName: z.string(), adoptiveName: z.string(), adoptedDateOfBirth: z.string(),
  orderOn: z.string(), orderOnExact: z.boolean(), court: nullable, outcome: nullable, outcomeReason: nullable, closedOn: nullable,
});
const vetoJson = z.object({ id: z.string(), kind: z.string(), circumstances: nullable, registeredOn: z.string() });
const paging = z.object({ limit: z.string().optional(), offset: z.string().optional() });
const created = { 201: z.object({ id: z.string() }) };

const summaryOf = (r: RequestRow) => ({
  id: r.id, ownerId: r.ownerId, kind: r.kind, receivedOn: r.receivedOn, applicantGivenName: r.applicantGivenName, applicantFamilyName: r.applicantFamilyName,
  applicantRole: r.applicantRole, relationship: r.relationship, birthName: r.birthName, adoptiveName: r.adoptiveName, adoptedDateOfBirth: r.adoptedDateOfBirth,
  orderOn: r.orderOn, orderOnExact: r.orderOnExact, court: r.court, outcome: r.outcome, outcomeReason: r.outcomeReason, closedOn: r.closedOn,
});
const next = (q: { offset: number }, shown: number, total: number) => (q.offset + shown < total ? q.offset + shown : null);

export function apiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const id = (params: unknown) => (params as { id: string }).id;

  app.get('/api/v1/adopted-adults', {
    schema: {
      tags: ['adopted-adults'], summary: 'Requests from adopted adults and their relatives you may see, newest first, paged (audited); q: a name; council; kind; status: open | closed',
      querystring: paging.extend({ q: z.string().optional(), council: z.string().optional(), kind: z.string().optional(), status: z.string().optional() }),
      response: { 200: z.object({ items: z.array(requestJson), total: z.number(), nextOffset: z.number().nullable() }) },
    },
  }, async (request) => {
    const { query, total, items } = await service.listRequests(db, request.ctx!, request.query);
    return { items: items.map(summaryOf), total, nextOffset: next(query, items.length, total) };
  });

  app.get('/api/v1/adopted-adults/:id', {
    schema: {
      tags: ['adopted-adults'], params: idParams,
      summary: 'A request: the applicant, the adoption, its regime and whether counselling is required (with reasons), counselling, steps, vetoes on the adopted person (here and on other requests) and the outcome (audited)',
      response: { 200: requestJson.extend({
        applicantDateOfBirth: z.string(), applicantAddress: nullable,
        regime: z.object({ regime: z.string(), reason: z.string(), uncertain: z.boolean() }), counselling: z.object({ required: z.boolean(), reason: z.string() }),
        counsellingSessions: z.array(z.object({ id: z.string(), heldOn: z.string(), counsellor: z.string(), minutes: z.number().nullable(), note: nullable })),
        steps: z.array(z.object({ id: z.string(), step: z.string(), on: z.string(), person: nullable, answer: nullable, meetsVetoCircumstances: z.boolean().nullable(), note: nullable })),
        vetoes: z.array(vetoJson), vetoesElsewhere: z.array(vetoJson.extend({ ownerId: z.string() })),
      }) },
    },
  }, async (request) => {
    const v = await service.viewRequest(db, request.ctx!, id(request.params));
    return {
      ...summaryOf(v.r), applicantDateOfBirth: v.r.applicantDateOfBirth, applicantAddress: v.r.applicantAddress, regime: v.regime, counselling: v.counsellingNeed,
      counsellingSessions: v.counselling, steps: v.steps, vetoes: v.vetoes,
      vetoesElsewhere: v.elsewhere.map((x) => ({ id: x.id, kind: x.kind, circumstances: x.circumstances, registeredOn: x.registeredOn, ownerId: x.ownerId })),
    };
  });

  app.post('/api/v1/adopted-adults', {
    schema: {
      tags: ['adopted-adults'], response: created,
      summary: 'Record a request ({ownerId, kind: birth-records | case-record | intermediary, receivedOn, applicantGivenName, applicantFamilyName, applicantDateOfBirth, applicantAddress?, applicantRole: adopted-person | birth-relative | prescribed-relative, relationship?, birthName, adoptiveName, adoptedDateOfBirth, orderOn, orderOnExact, court?}); refused (422) naming the field',
      body: z.object({ ownerId: z.string() }).loose(),
    },
  }, async (request, reply) => reply.code(201).send({ id: await service.openRequest(db, request.ctx!, request.body) }));

  app.post('/api/v1/adopted-adults/:id/steps', {
    schema: {
      tags: ['adopted-adults'], params: idParams, response: created,
      summary: 'Record a step ({step, on, person?, answer?: agrees | declines | no-reply, meetsVetoCircumstances?, note?}); an approach under an absolute veto, or disclosure before required counselling, is refused (422)',
      body: z.object({ step: z.string() }).loose(),
    },
  }, async (request, reply) => reply.code(201).send({ id: await service.addStep(db, request.ctx!, id(request.params), request.body) }));
}
