// The letterbox JSON API (described in the OpenAPI document): agreements and exchanges the person
// may see, a page at a time, and one agreement with its exchanges and history. Every answer is
// audited by the service; birth relatives are named only to those who may see the birth family.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../core/http/types.ts';
import * as exchanges from '../exchanges-service.ts';
import * as letterbox from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const page = { offset: z.string().optional(), limit: z.string().optional() };
const agreementJson = z.object({
  id: z.string(), childId: z.string(), child: z.string(), ownerId: z.string(), owner: z.string(), direction: z.string(), months: z.array(z.number()),
  startDate: z.string(), status: z.string(), reviewOn: z.string().nullable(),
});
const exchangeJson = z.object({
  id: z.string(), agreementId: z.string(), direction: z.string(), dueOn: z.string(), receivedOn: z.string(), screenedOn: z.string().nullable(), outcome: z.string().nullable(),
  forwardedOn: z.string().nullable(), filedOn: z.string().nullable(), nextStep: z.string().nullable(),
});

const agreementOf = (a: { id: string; childId: string; childName: string; ownerId: string; ownerName: string; direction: string; firstMonth: number; secondMonth: number | null; startDate: string; status: string; reviewOn: string | null }) => ({
  id: a.id, childId: a.childId, child: a.childName, ownerId: a.ownerId, owner: a.ownerName, direction: a.direction,
  months: [a.firstMonth, a.secondMonth].filter((m): m is number => m !== null), startDate: a.startDate, status: a.status, reviewOn: a.reviewOn,
});
const exchangeOf = (e: { id: string; agreementId: string; direction: string; dueOn: string; receivedOn: string; screenedOn: string | null; outcome: string | null; forwardedOn: string | null; filedOn: string | null; next: string | null }) => ({
  id: e.id, agreementId: e.agreementId, direction: e.direction, dueOn: e.dueOn, receivedOn: e.receivedOn, screenedOn: e.screenedOn, outcome: e.outcome,
  forwardedOn: e.forwardedOn, filedOn: e.filedOn, nextStep: e.next,
});

export function letterboxApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/v1/letterbox/agreements', {
    schema: {
      tags: ['letterbox'], summary: 'Letterbox agreements you may see, by the child\'s name, a page at a time (audited)',
      querystring: z.object({ status: z.string().optional(), ...page }),
      response: { 200: z.object({ total: z.number(), offset: z.number(), limit: z.number(), items: z.array(agreementJson) }) },
    },
  }, async (request) => {
    const r = await letterbox.listAgreements(db, request.ctx!, request.query);
    return { total: r.total, offset: r.query.offset, limit: r.query.limit, items: r.items.map(agreementOf) };
  });

  app.get('/api/v1/letterbox/agreements/:id', {
    schema: {
      tags: ['letterbox'], summary: 'A letterbox agreement: its parties (birth relatives named only if you may see the child\'s birth family), every exchange in order, what it waits for, and its history (audited)',
      params: idParams,
      response: { 200: agreementJson.extend({
        adoptiveFamily: z.string(), parties: z.array(z.object({ id: z.string(), label: z.string() })),
        exchanges: z.array(exchangeJson.extend({ from: z.string(), to: z.string().nullable() })),
        waitingFor: z.array(z.object({ direction: z.string(), dueOn: z.string(), state: z.string() })),
        changes: z.array(z.object({ changedOn: z.string(), status: z.string(), reviewOn: z.string().nullable(), note: z.string().nullable() })),
      }) },
    },
  }, async (request) => {
    const v = await letterbox.viewAgreement(db, request.ctx!, (request.params as { id: string }).id);
    return {
      ...agreementOf(v.agreement), adoptiveFamily: v.adoptiveFamily, parties: v.parties,
      exchanges: v.exchanges.map((e) => ({ ...exchangeOf(e), from: e.from, to: e.to })),
      waitingFor: v.open, changes: v.changes.map((c) => ({ changedOn: c.changedOn, status: c.status, reviewOn: c.reviewOn, note: c.note })),
    };
  });

  app.get('/api/v1/letterbox/exchanges', {
    schema: {
      tags: ['letterbox'], summary: 'Letterbox exchanges you may see, newest first, or (awaiting=screening) those awaiting screening, oldest first; a page at a time (audited)',
      querystring: z.object({ awaiting: z.string().optional(), ...page }),
      response: { 200: z.object({ total: z.number(), offset: z.number(), limit: z.number(), items: z.array(exchangeJson.extend({ childId: z.string(), child: z.string() })) }) },
    },
  }, async (request) => {
    const r = await exchanges.listExchanges(db, request.ctx!, request.query);
    return { total: r.total, offset: r.query.offset, limit: r.query.limit, items: r.items.map((e) => ({ ...exchangeOf(e), childId: e.childId, child: e.childName })) };
  });
}
