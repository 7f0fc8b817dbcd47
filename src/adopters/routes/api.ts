// The households JSON API: list, pool, create, read, change, checks, members, stage events and
// approval terms. Input is validated by the service (Zod), so the API and the pages refuse alike;
// the schemas here describe the API in OpenAPI.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import { problem } from '../../core/http/problems.ts';
import type { AppServices } from '../../core/http/types.ts';
import { LikelyDuplicatesError, MATCH_REASONS } from '../../core/likely-duplicates.ts';
import * as households from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const checkParams = z.object({ id: z.uuid(), checkId: z.uuid() });
const applicantBody = z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string(), sex: z.string(), ethnicity: z.string(), disabled: z.boolean().optional() });
const memberBody = z.object({ name: z.string(), relationship: z.string(), dateOfBirth: z.string() });
const createBody = z.object({
  relationship: z.string(), homeCouncil: z.string().optional(), fastTrack: z.string().optional(), roiAcceptedOn: z.string().optional(), reference: z.string().optional(),
  interestFfa: z.boolean().optional(), interestConcurrent: z.boolean().optional(), applicants: z.array(applicantBody), members: z.array(memberBody).optional(),
}).loose();
/** Creating also takes the confirmation that the likely duplicates were checked. */
const registerBody = createBody.extend({
  confirmNotDuplicate: z.boolean().optional().describe('true: the likely duplicates a 409 answer listed were checked and none is this household, so create it anyway'),
}).loose();
const reasonsJson = z.array(z.enum(['upn', 'email', 'date-of-birth-and-name', 'name']));
const duplicatesProblem = z.object({
  type: z.string(), title: z.string(), status: z.literal(409), detail: z.string(), instance: z.string(),
  duplicates: z.array(z.object({
    id: z.string(), reference: z.string(), names: z.string(), owner: z.string(), homeCouncil: z.string().nullable(),
    reasons: reasonsJson.describe('why it may be the same household: date-of-birth-and-name (an applicant born the same day with a similar name), name (a similar name, no date of birth recorded)'),
    matched: z.array(z.object({ applicant: z.string(), existing: z.string(), dateOfBirth: z.string().nullable(), reasons: reasonsJson, why: z.string() })),
  })).describe('households you may see with an applicant likely one of these; nothing was stored'),
}).describe('Likely duplicates: send the body again with "confirmNotDuplicate": true to create it anyway');
const checkBody = z.object({
  kind: z.string(), subject: z.string(), relative: z.boolean().optional(), status: z.string().optional(), requestedOn: z.string(),
  receivedOn: z.string().optional(), issuedOn: z.string().optional(), expiresOn: z.string().optional(), notes: z.string().optional(),
}).loose();
const eventBody = z.object({
  type: z.string(), date: z.string(), outcome: z.string().optional(), parStatus: z.string().optional(), status: z.string().optional(),
  reason: z.string().optional(), staffId: z.string().optional(), notes: z.string().optional(),
}).loose();
const level = z.string();
const termsBody = z.object({
  minChildren: z.number(), maxChildren: z.number(), minAge: z.number(), maxAge: z.number(), childSex: z.string().optional(), siblingGroup: z.boolean().optional(),
  tolerances: z.object({ developmentalDelay: level, learningDisability: level, physicalDisability: level, medicalConditions: level, fasd: level, familyMentalIllness: level, familySubstanceMisuse: level, ongoingContact: level }),
  ethnicityConsiderations: z.string().optional(), religionConsiderations: z.string().optional(), languageConsiderations: z.string().optional(), areasToAvoid: z.string().optional(),
}).loose();
const clockJson = z.object({ from: z.string().nullable(), to: z.string().nullable(), dueOn: z.string().nullable(), days: z.number().nullable(), targetDays: z.number().nullable(), status: z.string().nullable() });
const householdJson = z.object({
  id: z.string(), reference: z.string(), status: z.string(), stage: z.string(), owner: z.string(), homeCouncil: z.string().nullable(),
  relationship: z.string(), ad1: z.string().nullable(), fastTrack: z.string().nullable(), interestFfa: z.boolean(), interestConcurrent: z.boolean(),
  applicants: z.array(z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().nullable(), sex: z.string().nullable(), ethnicity: z.string().nullable(), disabled: z.boolean() })),
  members: z.array(z.object({ id: z.string(), name: z.string(), relationship: z.string(), dateOfBirth: z.string(), adult: z.boolean() })),
  dates: z.record(z.string(), z.string().nullable()),
  parStatus: z.string().nullable(), stage1Outcome: z.string().nullable(), admOutcome: z.string().nullable(), leavingReason: z.string().nullable(),
  clocks: z.object({ stage1: clockJson, stage2: clockJson, noticeBy: z.string().nullable(), representation: z.object({ endsOn: z.string(), open: z.boolean(), workingDaysLeft: z.number() }).nullable() }),
  checks: z.array(z.object({ id: z.string(), kind: z.string(), subject: z.string(), relative: z.boolean(), status: z.string(), requestedOn: z.string(), receivedOn: z.string().nullable(), issuedOn: z.string().nullable(), expiresOn: z.string().nullable(), expiry: z.string().nullable() })),
  events: z.array(z.object({ id: z.string(), type: z.string(), date: z.string(), outcome: z.string().nullable(), parStatus: z.string().nullable(), status: z.string().nullable(), reason: z.string().nullable(), notes: z.string().nullable() })),
  terms: z.unknown().nullable(),
  missingForProceed: z.array(z.string()),
});

export function householdApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function householdAsJson(ctx: RequestContext, id: string) {
    const v = await households.view(db, ctx, id);
    const h = v.household;
    return {
      id: h.id, reference: h.reference, status: h.status, stage: v.stage, owner: h.ownerName, homeCouncil: h.homeCouncilCode, relationship: h.relationship, ad1: v.ad1,
      fastTrack: h.fastTrack, interestFfa: h.interestFfa, interestConcurrent: h.interestConcurrent,
      applicants: v.applicants.map(({ id: _id, position: _p, ...a }) => a),
      members: v.members,
      dates: {
        roiAcceptedOn: h.roiAcceptedOn, stage1StartedOn: h.stage1StartedOn, stage1PlanAgreedOn: h.stage1PlanAgreedOn, stage1DecidedOn: h.stage1DecidedOn,
        stage2StartedOn: h.stage2StartedOn, panelOn: h.panelOn, admDecidedOn: h.admDecidedOn, approvedOn: h.approvedOn, representationEndsOn: h.representationEndsOn,
        approvalReviewDueOn: h.approvalReviewDueOn, preparationCompletedOn: h.preparationCompletedOn, leftOn: h.leftOn,
      },
      parStatus: h.parStatus, stage1Outcome: h.stage1Outcome, admOutcome: h.admOutcome, leavingReason: h.leavingReason,
      clocks: v.clocks,
      checks: v.checks.map(({ notes: _n, ...c }) => c),
      events: v.events.map((e) => ({ id: e.id, type: e.type, date: e.date, outcome: e.outcome, parStatus: e.parStatus, status: e.status, reason: e.reason, notes: e.notes })),
      terms: v.terms, missingForProceed: v.missingForProceed,
    };
  }

  app.get('/api/v1/households', {
    schema: {
      tags: ['adopters'], summary: 'Households you may work on, filtered and paged',
      querystring: z.object({ q: z.string().optional(), status: z.string().optional(), stage: z.string().optional(), limit: z.string().optional(), offset: z.string().optional() }),
    },
  }, async (request) => {
    const { query, total, items } = await households.list(db, request.ctx!, request.query);
    return { items, total, nextOffset: query.offset + items.length < total ? query.offset + items.length : null };
  });

  app.get('/api/v1/households/pool', {
    schema: {
      tags: ['adopters'], summary: 'The partnership\'s adopter pool: approved, available households as profiles (family finders)',
      querystring: z.object({ children: z.string().optional(), age: z.string().optional(), siblingGroup: z.string().optional(), need: z.string().optional(), tolerance: z.string().optional(), limit: z.string().optional(), offset: z.string().optional() }),
    },
  }, async (request) => {
    const { query, total, items } = await households.pool(db, request.ctx!, request.query);
    return { items, total, nextOffset: query.offset + items.length < total ? query.offset + items.length : null };
  });

  app.post('/api/v1/households', {
    schema: {
      tags: ['adopters'],
      summary: 'Create a household directly (for example a fast-track household); 409 lists likely duplicates you may see, unless confirmNotDuplicate is true',
      body: registerBody, response: { 201: householdJson, 409: duplicatesProblem },
    },
  }, async (request, reply) => {
    let id: string;
    try {
      id = await households.create(db, request.ctx!, request.body, { warnOfDuplicates: true });
    } catch (error) {
      if (!(error instanceof LikelyDuplicatesError)) throw error;
      const duplicates = (error.duplicates as households.HouseholdDuplicate[]).map(({ ownerName, homeCouncilName, matched, ...d }) => ({
        ...d, owner: ownerName, homeCouncil: homeCouncilName, matched: matched.map((m) => ({ ...m, why: m.reasons.map((r) => MATCH_REASONS[r]).join('; ') })),
      }));
      return reply.code(409).type('application/problem+json').send({ ...problem(request, 409, error.message), duplicates });
    }
    return reply.code(201).send(await householdAsJson(request.ctx!, id));
  });

  app.get('/api/v1/households/:id', {
    schema: { tags: ['adopters'], summary: 'One household with its checks, events, clocks and approval terms', params: idParams, response: { 200: householdJson } },
  }, async (request) => householdAsJson(request.ctx!, (request.params as { id: string }).id));

  app.patch('/api/v1/households/:id', {
    schema: {
      tags: ['adopters'], summary: 'Change a household\'s details', params: idParams,
      body: z.object({ relationship: z.string().optional(), homeCouncil: z.string().nullable().optional(), interestFfa: z.boolean().optional(), interestConcurrent: z.boolean().optional(), assessingWorkerId: z.string().nullable().optional(), applicants: z.array(applicantBody).optional() }).loose(),
      response: { 200: householdJson },
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await households.update(db, request.ctx!, id, request.body);
    return householdAsJson(request.ctx!, id);
  });

  app.post('/api/v1/households/:id/stage-events', {
    schema: {
      tags: ['adopters'], params: idParams, body: eventBody, response: { 201: z.object({ id: z.string(), household: householdJson }) },
      summary: 'Record a stage event: stage-1-started, stage-1-plan-agreed, stage-1-decision (outcome), stage-2-notice, visit, par-status (parStatus), panel, adm-decision (outcome), status-change (status, reason), approval-review',
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const eventId = await households.recordEvent(db, request.ctx!, id, request.body);
    return reply.code(201).send({ id: eventId, household: await householdAsJson(request.ctx!, id) });
  });

  app.post('/api/v1/households/:id/checks', {
    schema: { tags: ['adopters'], summary: 'Record a Stage 1 check (DBS, reference, medical, local authority, previous partner, employer)', params: idParams, body: checkBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send({ id: await households.addCheck(db, request.ctx!, (request.params as { id: string }).id, request.body) }));

  app.patch('/api/v1/households/:id/checks/:checkId', {
    schema: {
      tags: ['adopters'], summary: 'Change a check\'s status or dates', params: checkParams,
      body: z.object({ status: z.string().optional(), relative: z.boolean().optional(), receivedOn: z.string().nullable().optional(), issuedOn: z.string().nullable().optional(), expiresOn: z.string().nullable().optional(), notes: z.string().nullable().optional() }).loose(),
    },
  }, async (request, reply) => {
    const { id, checkId } = request.params as { id: string; checkId: string };
    await households.updateCheck(db, request.ctx!, id, checkId, request.body);
    return reply.code(204).send();
  });

  app.post('/api/v1/households/:id/members', {
    schema: { tags: ['adopters'], summary: 'Add a member of the household (adults need a DBS check)', params: idParams, body: memberBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send({ id: await households.addMember(db, request.ctx!, (request.params as { id: string }).id, request.body) }));

  app.put('/api/v1/households/:id/approval-terms', {
    schema: { tags: ['adopters'], summary: 'Set the approval terms: children, ages, sibling group and the tolerance of each need', params: idParams, body: termsBody },
  }, async (request, reply) => {
    await households.setTerms(db, request.ctx!, (request.params as { id: string }).id, request.body);
    return reply.code(204).send();
  });
}
