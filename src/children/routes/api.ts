// The children JSON API: list (paged, filtered by the same policy as the pages), register,
// read, update, record milestones and episodes, timeliness, waiting-longer data and sibling
// groups. Input is validated by the service (Zod) so the API and the pages refuse alike;
// the schemas here describe the API in OpenAPI.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problem } from '../../core/http/problems.ts';
import { openSealedRecord } from '../sealing.ts';
import { SealedRecordError } from '../loading.ts';
import type { AppServices } from '../../core/http/types.ts';
import { LikelyDuplicatesError, MATCH_REASONS } from '../../core/likely-duplicates.ts';
import type { Milestone } from '../model.ts';
import * as children from '../service.ts';
import { setPreviousPermanence } from '../permanence.ts';

const idParams = z.object({ id: z.uuid() });
const milestoneJson = z.object({ id: z.string().optional(), type: z.string(), date: z.string(), code: z.string().nullable(), notes: z.string().nullable().optional() });
const clockJson = z.object({ from: z.string().nullable(), to: z.string().nullable(), days: z.number().nullable(), threshold: z.number(), status: z.string().nullable() });
const timelinessJson = z.object({
  thresholds: z.object({ from: z.string(), label: z.string(), a1: z.number(), a2: z.number() }),
  daysInCare: z.number().nullable(), daysSincePlacementOrder: z.number().nullable(), a1: clockJson, a2: clockJson, atRisk: z.boolean(), overdue: z.boolean(),
});
const previousPermanenceJson = z.object({
  previousOrder: z.string().describe('PREV_PERM: P1 adoption, P2 SGO, P3 residence or child arrangements order, P4 not known, Z1 none'),
  laCode: z.string().nullable().describe('LA_PERM: DfE LA number, 999, NIR, SCO, WAL or NUK; blank for Z1 and P4'),
  orderDate: z.string().nullable().describe('DATE_PERM: before the current period of care began; blank for Z1 and P4'),
});
const childSummaryJson = z.object({
  id: z.string(), placingAuthority: z.string().nullable(), laChildRef: z.string(), firstName: z.string(), lastName: z.string(),
  dateOfBirth: z.string(), sex: z.string(), ethnicity: z.string(), disabled: z.boolean(), stage: z.string(), periodStart: z.string().nullable(),
  siblingGroupId: z.string().nullable(), milestones: z.array(milestoneJson), waitingLongerFactors: z.array(z.string()),
});
const childJson = childSummaryJson.extend({
  upn: z.string().nullable(), disabilityDescription: z.string().nullable(), religion: z.string().nullable(), firstLanguage: z.string().nullable(),
  socialWorkerId: z.string().nullable(), familyFinderId: z.string().nullable(), legalStatusToday: z.string().nullable(),
  needs: z.array(z.object({ category: z.string(), notes: z.string().nullable() })),
  birthFamily: z.array(z.object({ name: z.string(), relationship: z.string(), area: z.string().nullable() })).nullable(),
  episodes: z.array(z.object({
    startDate: z.string(), rne: z.string(), legalStatus: z.string().nullable(), placement: z.string().nullable(), placementProvider: z.string().nullable(), endDate: z.string().nullable(), reasonCeased: z.string().nullable(),
    cin: z.string().nullable(), reasonPlaceChange: z.string().nullable().describe('REASON_PLACE_CHANGE: on the episode that ended with the change (REC X1)'),
    homePostcode: z.string().nullable(), placementPostcode: z.string().nullable(), urn: z.string().nullable(),
  })),
  mother: z.boolean().nullable().describe('SSDA903 MOTHER: whether she is a mother (girls only); null when not recorded'),
  motherChildDob: z.string().nullable().describe('SSDA903 MC_DOB'),
  previousPermanence: previousPermanenceJson.nullable(),
  waitingReasons: z.array(z.object({ reason: z.string(), notes: z.string().nullable() })),
  timeliness: timelinessJson,
});

/** Loose shapes for documentation; the service's Zod schemas (children/input.ts) are the rules. */
const createBody = z.object({
  firstName: z.string(), lastName: z.string(), dateOfBirth: z.string(), sex: z.string(), ethnicity: z.string(), placingAuthority: z.string(), enteredCare: z.string(),
  upn: z.string().optional(), laChildRef: z.string().optional(), disabled: z.boolean().optional(), disabilityDescription: z.string().optional(),
  religion: z.string().optional(), firstLanguage: z.string().optional(), legalStatus: z.string().optional(), placement: z.string().optional(), placementProvider: z.string().optional(),
  socialWorkerId: z.string().optional(), familyFinderId: z.string().optional(),
  needs: z.array(z.object({ category: z.string(), notes: z.string().optional() })).optional(),
  birthFamily: z.array(z.object({ name: z.string(), relationship: z.string(), area: z.string().optional() })).optional(),
  mother: z.boolean().nullable().optional().describe('SSDA903 MOTHER, for girls only; null clears it on a change'),
  motherChildDob: z.string().nullable().optional().describe('SSDA903 MC_DOB: needed when mother is true; not after today, nor before she was 10'),
}).loose();
/** Registering also takes the confirmation that the likely duplicates were checked (a change does not). */
const registerBody = createBody.extend({
  confirmNotDuplicate: z.boolean().optional().describe('true: the likely duplicates a 409 answer listed were checked and none is this child, so register it anyway'),
}).loose();
const duplicatesProblem = z.object({
  type: z.string(), title: z.string(), status: z.literal(409), detail: z.string(), instance: z.string(),
  duplicates: z.array(z.object({
    id: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string(), laChildRef: z.string(), council: z.string(),
    reasons: z.array(z.enum(['upn', 'email', 'date-of-birth-and-name', 'name'])).describe('why it may be the same child: upn (same UPN), date-of-birth-and-name (same date of birth, similar name)'),
    why: z.string(),
  })).describe('children you may see who are likely this one; nothing was stored'),
}).describe('Likely duplicates: send the body again with "confirmNotDuplicate": true to register anyway');
const milestoneBody = z.object({ type: z.string(), date: z.string(), code: z.string().optional(), reason: z.string().optional(), notes: z.string().optional() }).loose();

const milestonesJson = (ms: readonly Milestone[]) => ms.map((m) => ({ id: m.id, type: m.type, date: m.date, code: m.code, notes: m.notes ?? null }));

export function childApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function childAsJson(request: { ctx?: import('../../core/access.ts').RequestContext }, id: string) {
    const v = await children.view(db, request.ctx!, id);
    const c = v.child;
    return {
      id: c.id, placingAuthority: c.placingAuthorityCode, laChildRef: c.laChildRef, firstName: c.firstName, lastName: c.lastName,
      dateOfBirth: c.dateOfBirth, sex: c.sex, ethnicity: c.ethnicity, upn: c.upn, disabled: c.disabled, disabilityDescription: c.disabilityDescription,
      religion: c.religion, firstLanguage: c.firstLanguage, socialWorkerId: c.socialWorkerId, familyFinderId: c.familyFinderId,
      stage: c.stage, periodStart: c.periodStart, siblingGroupId: c.siblingGroupId, legalStatusToday: v.legalStatusToday,
      milestones: milestonesJson(v.milestones), waitingLongerFactors: v.factors, needs: v.needs.map((n) => ({ category: n.category, notes: n.notes })),
      birthFamily: v.birthFamily, waitingReasons: v.waitingReasons, timeliness: v.timeliness,
      episodes: v.episodes.map((e) => ({
        startDate: e.startDate, rne: e.rne, legalStatus: e.legalStatus, placement: e.placement, placementProvider: e.placementProvider, endDate: e.endDate, reasonCeased: e.reasonCeased,
        cin: e.cin ?? null, reasonPlaceChange: e.reasonPlaceChange ?? null, homePostcode: e.homePostcode ?? null, placementPostcode: e.placementPostcode ?? null, urn: e.urn ?? null,
      })),
      mother: c.mother === null ? null : c.mother === '1', motherChildDob: c.motherChildDob, previousPermanence: v.previousPermanence,
    };
  }

  app.get('/api/v1/children', {
    schema: {
      tags: ['children'], summary: 'Children you may see, filtered and paged',
      querystring: z.object({
        la: z.string().optional(), stage: z.string().optional(), factor: z.string().optional(), overdue: z.string().optional(), worker: z.string().optional(),
        q: z.string().optional(), sort: z.string().optional(), limit: z.string().optional(), offset: z.string().optional(),
      }),
      response: { 200: z.object({ items: z.array(childSummaryJson.extend({ overdue: z.boolean(), waitingReasons: z.array(z.string()) })), total: z.number(), nextOffset: z.number().nullable() }) },
    },
  }, async (request) => {
    const { query, total, items } = await children.list(db, request.ctx!, request.query);
    return {
      items: items.map((c) => ({
        id: c.id, placingAuthority: c.placingAuthorityCode, laChildRef: c.laChildRef, firstName: c.firstName, lastName: c.lastName,
        dateOfBirth: c.dateOfBirth, sex: c.sex, ethnicity: c.ethnicity, disabled: c.disabled, stage: c.stage, periodStart: c.periodStart,
        siblingGroupId: c.siblingGroupId, milestones: milestonesJson(c.milestones), waitingLongerFactors: c.factors, overdue: c.overdue, waitingReasons: c.waitingReasons,
      })),
      total,
      nextOffset: query.offset + items.length < total ? query.offset + items.length : null,
    };
  });

  app.post('/api/v1/children', {
    schema: {
      tags: ['children'],
      summary: 'Register a child (opens their first care episode); 409 lists likely duplicates you may see, unless confirmNotDuplicate is true',
      body: registerBody, response: { 201: childJson, 409: duplicatesProblem },
    },
  }, async (request, reply) => {
    let id: string;
    try {
      id = await children.create(db, request.ctx!, request.body, { warnOfDuplicates: true });
    } catch (error) {
      if (!(error instanceof LikelyDuplicatesError)) throw error;
      const duplicates = (error.duplicates as children.ChildDuplicate[]).map(({ councilName, ...d }) => ({ ...d, council: councilName, why: d.reasons.map((r) => MATCH_REASONS[r]).join('; ') }));
      return reply.code(409).type('application/problem+json').send({ ...problem(request, 409, error.message), duplicates });
    }
    return reply.code(201).send(await childAsJson(request, id));
  });

  app.get('/api/v1/children/:id', {
    schema: { tags: ['children'], summary: 'One child', params: idParams, response: { 200: childJson } },
  }, async (request) => childAsJson(request, (request.params as { id: string }).id));

  app.post('/api/v1/children/:id/openings', {
    schema: {
      tags: ['children'], summary: 'Open a sealed adoption record for the rest of today, stating why ({reason}); audited with the reason',
      params: idParams, body: z.object({ reason: z.string() }), response: { 201: childJson },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await openSealedRecord(db, request.ctx!, id, request.body);
    // The opening is a grant: this request's facts were read before it, so read the record as opened.
    const ctx = request.ctx!;
    request.ctx = { ...ctx, facts: { ...ctx.facts, grants: new Set([...ctx.facts.grants, `sealed-child:${id}`]) } };
    return reply.code(201).send(await childAsJson(request, id));
  });

  app.patch('/api/v1/children/:id', {
    schema: { tags: ['children'], summary: 'Change a child\'s details', params: idParams, body: createBody.partial().omit({ placingAuthority: true, enteredCare: true }), response: { 200: childJson } },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await children.update(db, request.ctx!, id, request.body);
    return childAsJson(request, id);
  });

  app.post('/api/v1/children/:id/milestones', {
    schema: {
      tags: ['children'], summary: 'Record a permanence milestone ({type, date, code?, notes?}); child is null once an adoption order has sealed the record',
      params: idParams, body: milestoneBody, response: { 201: z.object({ recorded: z.array(z.string()), child: childJson.nullable() }) },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const recorded = await children.addMilestone(db, request.ctx!, id, request.body);
    // Recording the adoption order seals the record, to the person who recorded it too.
    const child = await childAsJson(request, id).catch((error: unknown) => {
      if (error instanceof SealedRecordError) return null;
      throw error;
    });
    return reply.code(201).send({ recorded, child });
  });

  app.post('/api/v1/children/:id/episodes', {
    schema: {
      tags: ['children'], summary: 'Record a care episode (SSDA903 codes)', params: idParams,
      body: z.object({
        startDate: z.string(), rne: z.string(), legalStatus: z.string().optional(), placement: z.string().optional(), placementProvider: z.string().optional(), endDate: z.string().optional(), reasonCeased: z.string().optional(),
        cin: z.string().optional().describe('N1–N8; the episode it follows gives it when left out'),
        reasonPlaceChange: z.string().optional().describe('Why the placement changed: kept on the episode this one ends; needed for RNE P/B/T/U after an open episode, refused otherwise or with a temporary (T0–T4) placement'),
        homePostcode: z.string().optional().describe('HOME_POST; the episode it follows gives it when left out'), placementPostcode: z.string().optional(),
        urn: z.string().optional().describe('SC and 6 digits, 6 digits, or XXXXXXX'),
      }),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => {
    const episodeId = await children.addEpisode(db, request.ctx!, (request.params as { id: string }).id, request.body);
    return reply.code(201).send({ id: episodeId });
  });

  app.put('/api/v1/children/:id/previous-permanence', {
    schema: { tags: ['children'], summary: 'Record or replace the child\'s previous permanence (SSDA903 PrevPerm)', params: idParams, body: previousPermanenceJson.partial().loose(), response: { 200: childJson } },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await setPreviousPermanence(db, request.ctx!, id, request.body);
    return childAsJson(request, id);
  });

  app.get('/api/v1/children/:id/timeliness', {
    schema: { tags: ['children'], summary: 'Days against the Adoption Scorecard thresholds (A1, A2)', params: idParams, response: { 200: timelinessJson.extend({ childId: z.string() }) } },
  }, async (request) => {
    const { child, timeliness } = await children.timeliness(db, request.ctx!, (request.params as { id: string }).id);
    return { childId: child.id, ...timeliness };
  });

  app.put('/api/v1/children/:id/waiting-reasons', {
    schema: { tags: ['children'], summary: 'Set the reasons a child is waiting', params: idParams, body: z.object({ reasons: z.array(z.object({ reason: z.string(), notes: z.string().optional() })) }) },
  }, async (request, reply) => {
    await children.setWaitingReasons(db, request.ctx!, (request.params as { id: string }).id, request.body);
    return reply.code(204).send();
  });

  app.post('/api/v1/children/:id/waiting-reviews', {
    schema: { tags: ['children'], summary: 'Record a dated review of the child\'s waiting', params: idParams, body: z.object({ reviewDate: z.string(), summary: z.string() }) },
  }, async (request, reply) => {
    await children.addWaitingReview(db, request.ctx!, (request.params as { id: string }).id, request.body);
    return reply.code(204).send();
  });

  app.post('/api/v1/sibling-groups', {
    schema: { tags: ['children'], summary: 'Link siblings into a group', body: z.object({ name: z.string(), childIds: z.array(z.string()) }), response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send({ id: await children.createSiblingGroup(db, request.ctx!, request.body) }));

  app.get('/api/v1/sibling-groups/:id', {
    schema: { tags: ['children'], summary: 'A sibling group (only the children you may see)', params: idParams },
  }, async (request) => {
    const g = await children.viewSiblingGroup(db, request.ctx!, (request.params as { id: string }).id);
    return { id: g.group.id, name: g.group.name, decision: g.group.decision, decisionDate: g.group.decisionDate, decisionReasons: g.group.decisionReasons, children: g.children.map((c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, stage: c.stage })), hiddenChildren: g.hidden };
  });

  app.post('/api/v1/sibling-groups/:id/decision', {
    schema: { tags: ['children'], summary: 'Record the decision to place the siblings together or apart', params: idParams, body: z.object({ decision: z.string(), date: z.string(), reasons: z.string() }) },
  }, async (request, reply) => {
    await children.recordSiblingDecision(db, request.ctx!, (request.params as { id: string }).id, request.body);
    return reply.code(204).send();
  });
}
