// The JSON API of non-agency and inter-country adoptions (described in the OpenAPI document): the
// cases you may see, one case, opening one, and recording a step ({step, ...its fields}). Input is
// checked by the service, so the API and the pages refuse alike, as RFC 9457 problems naming the field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../core/http/types.ts';
import * as intercountry from '../intercountry-service.ts';
import * as service from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const date = z.string().nullable();
const common = { id: z.string(), councilId: z.string(), councilName: z.string(), applicant1Name: z.string(), applicant2Name: z.string().nullable() };
const nonAgencyJson = z.object({
  ...common, relationship: z.string(), childName: z.string(), childDateOfBirth: z.string(), noticeReceivedOn: z.string(), residenceStartedOn: z.string(),
  appliedOn: date, court: z.string().nullable(), courtCaseNumber: z.string().nullable(), reportRequestedOn: date, reportDueOn: date, reportFiledOn: date,
  outcome: z.string().nullable(), outcomeOn: date, status: z.string(), noticeLapsesOn: date,
});
const intercountryJson = z.object({
  ...common, country: z.string(), hague: z.boolean(), enquiryOn: z.string(), assessmentProvider: z.string().nullable(), assessmentCommissionedOn: date,
  assessmentCompletedOn: date, panelOn: date, decision: z.string().nullable(), decisionOn: date, dfePapersSentOn: date, certificateIssuedOn: date,
  childName: z.string().nullable(), childDateOfBirth: date, matchedOn: date, arrivedOn: date, orderAppliedOn: date, outcome: z.string().nullable(), outcomeOn: date, status: z.string(),
});
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), nextOffset: z.number().nullable() });
const listParams = z.object({ q: z.string().optional(), council: z.string().optional(), status: z.string().optional(), limit: z.string().optional(), offset: z.string().optional() });
const next = (q: { offset: number }, shown: number, total: number) => (q.offset + shown < total ? q.offset + shown : null);
const stepBody = z.object({ step: z.string() }).loose();

type NonAgencyItem = Awaited<ReturnType<typeof service.viewNonAgency>>['a'] & { standing: { status: string; lapsesOn: string | null } };
const nonAgencyOf = (a: NonAgencyItem) => ({ ...a, status: a.standing.status, noticeLapsesOn: a.standing.lapsesOn });

export function apiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const id = (params: unknown) => (params as { id: string }).id;

  app.get('/api/v1/non-agency-adoptions', {
    schema: {
      tags: ['non-agency-intercountry'], summary: 'Non-agency (step-parent and partner) adoptions you may see, paged (audited); council: the owning council; status: open, closed or all; q: a name',
      querystring: listParams, response: { 200: pageOf(nonAgencyJson) },
    },
  }, async (request) => {
    const { query, total, items } = await service.listNonAgencyAdoptions(db, request.ctx!, request.query);
    return { items: items.map(nonAgencyOf), total, nextOffset: next(query, items.length, total) };
  });

  app.get('/api/v1/non-agency-adoptions/:id', {
    schema: { tags: ['non-agency-intercountry'], summary: 'A non-agency adoption: applicants, child, notice, court application, report and outcome, with where it stands (audited)', params: idParams, response: { 200: nonAgencyJson } },
  }, async (request) => {
    const v = await service.viewNonAgency(db, request.ctx!, id(request.params));
    return nonAgencyOf({ ...v.a, standing: v.standing });
  });

  app.post('/api/v1/non-agency-adoptions', {
    schema: {
      tags: ['non-agency-intercountry'], response: { 201: z.object({ id: z.string() }) }, body: z.object({ councilId: z.string() }).loose(),
      summary: 'Open a non-agency adoption from the notice of intention ({councilId, applicant1Name, applicant2Name?, relationship: step-parent | partner-of-parent | relative | private-foster-carer | la-foster-carer, childName, childDateOfBirth, noticeReceivedOn, residenceStartedOn})',
    },
  }, async (request, reply) => reply.code(201).send({ id: await service.openNonAgency(db, request.ctx!, request.body) }));

  app.post('/api/v1/non-agency-adoptions/:id/steps', {
    schema: {
      tags: ['non-agency-intercountry'], params: idParams, body: stepBody, response: { 200: nonAgencyJson },
      summary: 'Record or correct a step: application {appliedOn, court, courtCaseNumber?} (3 months to 2 years after the notice, s44(3)); report-requested {reportRequestedOn, reportDueOn}; report-filed {reportFiledOn}; outcome {outcome: order-made | refused | withdrawn | lapsed, outcomeOn} (closes the case). Refused (422) naming the field',
    },
  }, async (request) => {
    const { step, ...fields } = request.body as { step: string };
    await service.recordNonAgencyStep(db, request.ctx!, id(request.params), step, fields);
    const v = await service.viewNonAgency(db, request.ctx!, id(request.params));
    return nonAgencyOf({ ...v.a, standing: v.standing });
  });

  app.get('/api/v1/intercountry-adoptions', {
    schema: {
      tags: ['non-agency-intercountry'], summary: 'Inter-country adoptions you may see, paged (audited); council: the assessing council; status: open, closed or all; q: a name or country',
      querystring: listParams, response: { 200: pageOf(intercountryJson) },
    },
  }, async (request) => {
    const { query, total, items } = await intercountry.listIntercountryAdoptions(db, request.ctx!, request.query);
    return { items, total, nextOffset: next(query, items.length, total) };
  });

  app.get('/api/v1/intercountry-adoptions/:id', {
    schema: { tags: ['non-agency-intercountry'], summary: 'An inter-country adoption: each step from the enquiry to the outcome, with where it stands (audited)', params: idParams, response: { 200: intercountryJson } },
  }, async (request) => {
    const v = await intercountry.viewIntercountry(db, request.ctx!, id(request.params));
    return { ...v.a, status: v.status };
  });

  app.post('/api/v1/intercountry-adoptions', {
    schema: {
      tags: ['non-agency-intercountry'], response: { 201: z.object({ id: z.string() }) }, body: z.object({ councilId: z.string() }).loose(),
      summary: 'Open an inter-country adoption from the enquiry ({councilId, applicant1Name, applicant2Name?, country, hague: true | false, enquiryOn})',
    },
  }, async (request, reply) => reply.code(201).send({ id: await intercountry.openIntercountry(db, request.ctx!, request.body) }));

  app.post('/api/v1/intercountry-adoptions/:id/steps', {
    schema: {
      tags: ['non-agency-intercountry'], params: idParams, body: stepBody, response: { 200: intercountryJson },
      summary: 'Record or correct a step: commissioned {assessmentProvider, assessmentCommissionedOn}; assessment-completed {assessmentCompletedOn}; panel {panelOn}; decision {decision: approved | not-approved, decisionOn}; papers-sent {dfePapersSentOn}; certificate {certificateIssuedOn}; matched {childName, childDateOfBirth, matchedOn}; arrived {arrivedOn}; order-applied {orderAppliedOn}; outcome {outcome: order-made | overseas-recognised | withdrawn | not-approved, outcomeOn}. Refused (422) naming the field',
    },
  }, async (request) => {
    const { step, ...fields } = request.body as { step: string };
    await intercountry.recordIntercountryStep(db, request.ctx!, id(request.params), step, fields);
    const v = await intercountry.viewIntercountry(db, request.ctx!, id(request.params));
    return { ...v.a, status: v.status };
  });
}
