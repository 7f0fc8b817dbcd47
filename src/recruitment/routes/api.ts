// The recruitment JSON API: the public enquiry endpoint (rate-limited, no session, no CSRF),
// the front door's enquiries (paged, filtered by the same policy as the pages) and the
// conversion funnel. Input is validated by the service (Zod) so the API and pages refuse alike.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../core/http/types.ts';
import * as recruitment from '../service.ts';
import type { EnquiryRow } from '../store.ts';

/** Enquiries per address per minute: ENQUIRY_RATE_LIMIT (default 10), read per request so a bench server can raise it. */
export const enquiryRateLimit = {
  max: () => {
    const n = Number(process.env.ENQUIRY_RATE_LIMIT);
    return Number.isInteger(n) && n > 0 ? n : 10;
  },
  timeWindow: '1 minute',
};

const enquiryJson = z.object({
  id: z.string(), receivedOn: z.string(), firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string(),
  councilCode: z.string().nullable(), council: z.string().nullable(), frontDoor: z.string(), heardFrom: z.string(), source: z.string(),
  campaign: z.string().nullable(), status: z.string(), infoPackSentOn: z.string().nullable(), lastContactOn: z.string().nullable(),
  roiReceivedOn: z.string().nullable(), roiDecision: z.string().nullable(),
});

export const asJson = (e: EnquiryRow) => ({
  id: e.id, receivedOn: e.receivedOn, firstName: e.firstName, lastName: e.lastName, email: e.email, phone: e.phone,
  councilCode: e.councilCode, council: e.councilName, frontDoor: e.frontDoorName, heardFrom: e.heardFrom, source: e.source, campaign: e.campaign,
  status: e.status, infoPackSentOn: e.infoPackSentOn, lastContactOn: e.lastContactOn, roiReceivedOn: e.roiReceivedOn, roiDecision: e.roiDecision,
});

const funnelRowJson = z.object({
  councilCode: z.string().nullable(), council: z.string(), enquiries: z.number(), rois: z.number(), stage1: z.number(), stage2: z.number(), approved: z.number(),
  enquiryToRoi: z.number().nullable(), enquiryToApproved: z.number().nullable(),
});

export function recruitmentApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.post('/api/v1/enquiries', {
    config: { public: true, csrf: false, rateLimit: enquiryRateLimit },
    schema: {
      tags: ['recruitment'], summary: 'Enquire about adopting (public; rate-limited per address)',
      body: z.object({
        firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string(), councilCode: z.string(), partnership: z.string().optional(),
        heardFrom: z.string(), consent: z.boolean(), campaign: z.string().optional(),
      }).partial().loose(),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => {
    const id = await recruitment.submitEnquiry(db, request.body, { today: services.today(), source: 'api' });
    return reply.code(201).send({ id });
  });

  app.get('/api/v1/enquiries', {
    schema: {
      tags: ['recruitment'], summary: 'Enquiries at your front door (or granted to you), newest first, paged',
      querystring: z.object({ status: z.string().optional(), limit: z.string().optional(), offset: z.string().optional() }),
      response: { 200: z.object({ items: z.array(enquiryJson), total: z.number(), nextOffset: z.number().nullable() }) },
    },
  }, async (request) => {
    const { query, total, items } = await recruitment.list(db, request.ctx!, request.query);
    return { items: items.map(asJson), total, nextOffset: query.offset + items.length < total ? query.offset + items.length : null };
  });

  app.get('/api/v1/enquiries/:id', {
    schema: { tags: ['recruitment'], summary: 'One enquiry', params: z.object({ id: z.uuid() }), response: { 200: enquiryJson } },
  }, async (request) => asJson((await recruitment.view(db, request.ctx!, (request.params as { id: string }).id)).enquiry));

  app.get('/api/v1/recruitment/funnel', {
    schema: {
      tags: ['recruitment'], summary: 'Conversion funnel per council: enquiries in the period → ROI → Stage 1 → Stage 2 → approved (counts only)',
      querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
      response: { 200: z.object({ from: z.string(), to: z.string(), councils: z.array(funnelRowJson), total: funnelRowJson }) },
    },
  }, async (request) => {
    const f = await recruitment.funnel(db, request.ctx!, request.query);
    const row = (r: (typeof f.rows)[number]) => ({ councilCode: r.councilCode, council: r.councilName, enquiries: r.enquiries, rois: r.rois, stage1: r.stage1, stage2: r.stage2, approved: r.approved, enquiryToRoi: r.enquiryToRoi, enquiryToApproved: r.enquiryToApproved });
    return { from: f.from, to: f.to, councils: f.rows.map(row), total: { councilCode: null, council: 'All councils', ...f.total } };
  });
}
