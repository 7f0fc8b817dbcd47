// The JSON API of birth family support (described in the OpenAPI document): the cases you may see,
// one case, opening one, and offers, answers, sessions, closing and reopening on it. Input is
// checked by the service, so the API and the pages refuse alike, as RFC 9457 problems naming the field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import type { AppServices } from '../../core/http/types.ts';
import type { CaseRow } from '../store.ts';
import * as birthFamily from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const offerParams = z.object({ id: z.uuid(), offerId: z.uuid() });
const nullableDate = z.string().nullable();
const caseSummaryJson = z.object({
  id: z.string(), ownerId: z.string(), givenName: z.string(), familyName: z.string(), dateOfBirth: nullableDate, relationship: z.string(),
  /** The linked child's id and name: null unless the children area lets you see the child. */
  childId: z.string().nullable(), child: z.string(), openedOn: z.string(), closed: z.boolean(),
});
const created = { 201: z.object({ id: z.string() }) };
const next = (q: { offset: number }, shown: number, total: number) => (q.offset + shown < total ? q.offset + shown : null);

const summaryOf = (c: CaseRow, child: string, childShown: boolean) => ({
  id: c.id, ownerId: c.ownerId, givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth, relationship: c.relationship,
  childId: childShown ? c.childId : null, child, openedOn: c.openedOn, closed: c.closed,
});

export function birthFamilyApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const p = (params: unknown) => params as { id: string; offerId: string };
  const TAGS = ['birth-family-support'];

  app.get('/api/v1/birth-family-support', {
    schema: {
      tags: TAGS, summary: 'Birth family support cases you may see, by the relative\'s name, paged (audited); council: the owning council; status: open | closed',
      querystring: z.object({ q: z.string().optional(), council: z.string().optional(), status: z.string().optional(), limit: z.string().optional(), offset: z.string().optional() }),
      response: { 200: z.object({ items: z.array(caseSummaryJson), total: z.number(), nextOffset: z.number().nullable() }) },
    },
  }, async (request) => {
    const { query, total, items } = await birthFamily.listCases(db, request.ctx!, request.query);
    return { items: items.map((i) => summaryOf(i.c, i.child, i.childShown)), total, nextOffset: next(query, items.length, total) };
  });

  app.get('/api/v1/birth-family-support/:id', {
    schema: {
      tags: TAGS, summary: 'A birth family support case: the relative, the child as you may see them, referrals, offers, sessions and closings (audited)', params: idParams,
      response: { 200: caseSummaryJson.extend({
        referrals: z.array(z.object({ id: z.string(), receivedOn: z.string(), referredBy: z.string(), reason: z.string(), consentToShare: z.boolean() })),
        offers: z.array(z.object({ id: z.string(), madeOn: z.string(), kind: z.string(), answer: z.string().nullable(), answeredOn: nullableDate })),
        sessions: z.array(z.object({ id: z.string(), heldOn: z.string(), kind: z.string(), minutes: z.number(), note: z.string() })),
        closings: z.array(z.object({ id: z.string(), closedOn: z.string(), outcome: z.string(), summary: z.string(), reopenedOn: nullableDate, reopenReason: z.string().nullable() })),
      }) },
    },
  }, async (request) => {
    const v = await birthFamily.viewCase(db, request.ctx!, p(request.params).id);
    return { ...summaryOf(v.c, v.child, v.childShown), referrals: v.referrals, offers: v.offers, sessions: v.sessions, closings: v.closings };
  });

  app.post('/api/v1/birth-family-support', {
    schema: {
      tags: TAGS, response: created,
      summary: 'Open a case ({givenName, familyName, dateOfBirth?, relationship, childId? (a child you can see) or childFirstName and childBirthYear? with ownerId (the placing council), receivedOn, referredBy, reason, consentToShare})',
      body: z.object({ givenName: z.string() }).loose(),
    },
  }, async (request, reply) => reply.code(201).send({ id: await birthFamily.openCase(db, request.ctx!, request.body) }));

  const sub = (path: string, summary: string, save: (id: string, offerId: string, body: unknown, ctx: RequestContext) => Promise<string>) => {
    app.post(`/api/v1/birth-family-support/:id/${path}`, {
      schema: { tags: TAGS, summary, params: path.includes(':offerId') ? offerParams : idParams, body: z.object({}).loose(), response: created },
    }, async (request, reply) => reply.code(201).send({ id: await save(p(request.params).id, p(request.params).offerId, request.body, request.ctx!) }));
  };
  sub('referrals', 'Record a referral ({receivedOn, referredBy, reason, consentToShare})', (id, _o, body, ctx) => birthFamily.addReferral(db, ctx, id, body));
  sub('offers', 'Record an offer ({madeOn, kind}); refused before the referral or on a closed case', (id, _o, body, ctx) => birthFamily.makeOffer(db, ctx, id, body));
  sub('offers/:offerId/answer', 'Record the answer to an offer ({answer: accepted | declined | no-reply, answeredOn})', (id, offerId, body, ctx) => birthFamily.answerOffer(db, ctx, id, offerId, body));
  sub('sessions', 'Record a session ({heldOn, kind, minutes, note}); refused (409) on a closed case', (id, _o, body, ctx) => birthFamily.addSession(db, ctx, id, body));
  sub('close', 'Close the case ({closedOn, outcome, summary}); not before the last session', (id, _o, body, ctx) => birthFamily.closeCase(db, ctx, id, body));
  sub('reopen', 'Reopen a closed case ({reopenedOn, reason})', (id, _o, body, ctx) => birthFamily.reopenCase(db, ctx, id, body));
}
