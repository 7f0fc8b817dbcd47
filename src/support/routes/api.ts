// The JSON API of support after adoption (described in the OpenAPI document): the cases you may
// see, one case, the fund applications on them, and making an application. Input is checked by
// the service, so the API and the pages refuse alike, as RFC 9457 problems naming the field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../core/http/types.ts';
import type { LoadedCase } from '../loading.ts';
import * as support from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const nullableDate = z.string().nullable();
const caseSummaryJson = z.object({
  id: z.string(), childId: z.string(), childName: z.string(), placingCouncilId: z.string(), residenceCouncilId: z.string(),
  adoptionOrderOn: nullableDate, responsibleCouncilId: z.string(), responsibilityChangesOn: nullableDate, nextResponsibleCouncilId: z.string().nullable(),
});
const applicationJson = z.object({
  id: z.string(), caseId: z.string(), kind: z.string(), therapyType: z.string(), provider: z.string(), amountPence: z.number(), matchFundedPence: z.number(),
  financialYear: z.number(), endsOn: z.string(), appliedOn: nullableDate, status: z.string(), decisionOn: nullableDate,
});
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), nextOffset: z.number().nullable() });
const paging = z.object({ limit: z.string().optional(), offset: z.string().optional() });

const summaryOf = (l: LoadedCase) => ({
  id: l.c.id, childId: l.c.childId, childName: l.c.childName, placingCouncilId: l.c.placingCouncilId, residenceCouncilId: l.c.residenceCouncilId, adoptionOrderOn: l.c.adoptionOrderOn,
  responsibleCouncilId: l.responsible.councilId, responsibilityChangesOn: l.responsible.changesOn, nextResponsibleCouncilId: l.responsible.nextCouncilId,
});
const applicationOf = (a: z.infer<typeof applicationJson>) => ({
  id: a.id, caseId: a.caseId, kind: a.kind, therapyType: a.therapyType, provider: a.provider, amountPence: a.amountPence, matchFundedPence: a.matchFundedPence,
  financialYear: a.financialYear, endsOn: a.endsOn, appliedOn: a.appliedOn, status: a.status, decisionOn: a.decisionOn,
});
const next = (q: { offset: number }, shown: number, total: number) => (q.offset + shown < total ? q.offset + shown : null);

export function supportApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const id = (params: unknown) => (params as { id: string }).id;

  app.get('/api/v1/support-cases', {
    schema: {
      tags: ['support'], summary: 'Support cases you may see, by child\'s name, paged (audited); council: the responsible council; open=yes: an assessment or fund decision outstanding',
      querystring: paging.extend({ q: z.string().optional(), council: z.string().optional(), open: z.string().optional() }), response: { 200: pageOf(caseSummaryJson) },
    },
  }, async (request) => {
    const { query, total, items } = await support.listCases(db, request.ctx!, request.query);
    return { items: items.map(summaryOf), total, nextOffset: next(query, items.length, total) };
  });

  app.get('/api/v1/support-cases/:id', {
    schema: {
      tags: ['support'], summary: 'A support case: who is responsible and until when, requests, assessments, plans, fund applications and the allowances you may see (audited)', params: idParams,
      response: { 200: caseSummaryJson.extend({
        requests: z.array(z.object({ id: z.string(), receivedOn: z.string(), askedBy: z.string(), askedFor: z.string() })),
        assessments: z.array(z.object({ id: z.string(), startedOn: z.string(), completedOn: nullableDate, outcome: z.string().nullable(), summary: z.string().nullable() })),
        plans: z.array(z.object({ id: z.string(), what: z.string(), providedBy: z.string(), startsOn: z.string(), reviewOn: z.string() })),
        applications: z.array(applicationJson),
        allowances: z.array(z.object({ id: z.string(), payerId: z.string(), assessedOn: z.string(), weeklyPence: z.number(), startsOn: z.string(), reviewOn: z.string() })),
      }) },
    },
  }, async (request) => {
    const v = await support.viewCase(db, request.ctx!, id(request.params));
    return {
      ...summaryOf(v), requests: v.requests, assessments: v.assessments, plans: v.plans, applications: v.applications.map(applicationOf),
      allowances: v.allowances.map((a) => ({ id: a.id, payerId: a.payerId, assessedOn: a.assessedOn, weeklyPence: a.weeklyPence, startsOn: a.startsOn, reviewOn: a.reviewOn })),
    };
  });

  app.post('/api/v1/support-cases/:id/asf-applications', {
    schema: {
      tags: ['support'], params: idParams, response: { 201: z.object({ id: z.string() }) },
      summary: 'Record an Adoption Support Fund application ({assessmentId, kind: therapy | specialist-assessment, therapyType, provider, amount (pounds), financialYear (the year it starts), endsOn, appliedOn? (left out: a draft)}); refused (422) if it breaks the year\'s rules',
      body: z.object({ assessmentId: z.string() }).loose(),
    },
  }, async (request, reply) => reply.code(201).send({ id: await support.applyToFund(db, request.ctx!, id(request.params), request.body) }));

  app.get('/api/v1/asf-applications', {
    schema: {
      tags: ['support'], summary: 'Adoption Support Fund applications on the support cases you may see, newest year first, paged (audited); year: the financial year by the year it starts',
      querystring: paging.extend({ year: z.string().optional(), status: z.string().optional() }), response: { 200: pageOf(applicationJson.extend({ childId: z.string() })) },
    },
  }, async (request) => {
    const { query, total, items } = await support.listApplications(db, request.ctx!, request.query);
    return { items: items.map((a) => ({ ...applicationOf(a), childId: a.childId })), total, nextOffset: next(query, items.length, total) };
  });
}
