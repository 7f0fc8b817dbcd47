// The panel's JSON API (described in the OpenAPI document). Input is checked by the services, so
// the API and the pages refuse alike, as RFC 9457 problems naming the field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../core/http/types.ts';
import * as meetings from '../meetings-service.ts';
import * as decisions from '../decisions-service.ts';
import * as panels from '../service.ts';

const idParams = z.object({ id: z.uuid() });
const created = { 201: z.object({ id: z.string() }) };
const quorum = z.object({ minPresent: z.number(), chairOrVice: z.boolean(), socialWorkerYears: z.number().nullable(), independent: z.boolean() });
const panelJson = z.object({ id: z.string(), name: z.string(), ownerId: z.string(), owner: z.string(), quorum, quorumText: z.string(), decisionWorkingDays: z.number() });
const memberJson = z.object({ id: z.string(), name: z.string(), role: z.string(), staffId: z.string().nullable(), pqeYears: z.number().nullable(), personalExperience: z.boolean(), joinedOn: z.string(), leftOn: z.string().nullable() });
const clockJson = z.object({ dueOn: z.string(), status: z.string(), workingDaysLeft: z.number().nullable(), workingDaysLate: z.number().nullable() }).nullable();
const itemJson = z.object({
  id: z.string(), position: z.number(), kind: z.string(), about: z.string(), householdId: z.string().nullable(), linkId: z.string().nullable(), childId: z.string().nullable(),
  decisionAgencyId: z.string(), recommendation: z.string().nullable(), reasons: z.string().nullable(), approvedFor: z.string().nullable(),
  dissent: z.array(z.object({ memberId: z.string(), name: z.string(), reason: z.string() })),
  papers: z.array(z.object({ id: z.string(), title: z.string(), href: z.string().nullable() })),
  decision: z.string().nullable(), decidedOn: z.string().nullable(), deadline: clockJson,
});

export function panelApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const id = (params: unknown) => (params as { id: string }).id;

  app.get('/api/v1/panels', {
    schema: { tags: ['panel'], summary: 'The adoption panels you run or sit on', response: { 200: z.object({ items: z.array(panelJson.extend({ members: z.number(), nextMeeting: z.string().nullable() })) }) } },
  }, async (request) => {
    const { panels: list } = await panels.listPanels(db, request.ctx!);
    return { items: list.map((p) => ({ id: p.id, name: p.name, ownerId: p.ownerId, owner: p.ownerName, quorum: p.quorum, quorumText: p.quorumText, decisionWorkingDays: p.decisionWorkingDays, members: p.members, nextMeeting: p.nextMeeting })) };
  });

  app.post('/api/v1/panels', {
    schema: {
      tags: ['panel'], summary: 'Set up a panel for your organisation (panel advisers): {name, quorumMinPresent?, quorumChairOrVice?, quorumSocialWorkerYears? (null: none), quorumIndependent?, decisionWorkingDays?}',
      body: z.object({ name: z.string() }).loose(), response: created,
    },
  }, async (request, reply) => reply.code(201).send({ id: await panels.createPanel(db, request.ctx!, request.body) }));

  app.get('/api/v1/panels/:id', {
    schema: { tags: ['panel'], summary: 'A panel with its members and the meetings you may see (audited)', params: idParams,
      response: { 200: panelJson.extend({ members: z.array(memberJson), meetings: z.array(z.object({ id: z.string(), date: z.string(), venue: z.string(), minutesFinalOn: z.string().nullable(), items: z.number() })) }) } },
  }, async (request) => {
    const v = await panels.viewPanel(db, request.ctx!, id(request.params));
    const p = v.panel;
    return {
      id: p.id, name: p.name, ownerId: p.ownerId, owner: p.ownerName, quorum: p.quorum, quorumText: v.quorumText, decisionWorkingDays: p.decisionWorkingDays,
      members: [...v.members, ...v.pastMembers].map((m) => ({ id: m.id, name: m.name, role: m.role, staffId: m.staffId, pqeYears: m.pqeYears, personalExperience: m.personalExperience, joinedOn: m.joinedOn, leftOn: m.leftOn })),
      meetings: v.meetings.map((m) => ({ id: m.id, date: m.date, venue: m.venue, minutesFinalOn: m.minutesFinalOn, items: m.items })),
    };
  });

  app.post('/api/v1/panels/:id/members', {
    schema: { tags: ['panel'], summary: 'Add a member: {name, role, staffId? (an account with the panel-member role), pqeYears? (social work members), personalExperience?, joinedOn}', params: idParams,
      body: z.object({ name: z.string(), role: z.string(), joinedOn: z.string() }).loose(), response: created },
  }, async (request, reply) => reply.code(201).send({ id: await panels.addMember(db, request.ctx!, id(request.params), request.body) }));

  app.post('/api/v1/panels/:id/meetings', {
    schema: { tags: ['panel'], summary: 'Arrange a meeting: {date, venue, papersUntil, expected: [member ids]}', params: idParams,
      body: z.object({ date: z.string(), venue: z.string(), papersUntil: z.string() }).loose(), response: created },
  }, async (request, reply) => reply.code(201).send({ id: await panels.createMeeting(db, request.ctx!, id(request.params), request.body) }));

  app.get('/api/v1/panel-meetings/:id', {
    schema: {
      tags: ['panel'], summary: 'A meeting: agenda, attendance, quorum, papers (for its members and advisers), recommendations and minutes (audited)', params: idParams,
      response: { 200: z.object({
        id: z.string(), panelId: z.string(), panel: z.string(), date: z.string(), venue: z.string(), papersUntil: z.string(), minutes: z.string().nullable(), minutesFinalOn: z.string().nullable(),
        quorum: z.object({ rule: z.string(), quorate: z.boolean(), lacks: z.array(z.string()) }),
        attendance: z.array(z.object({ memberId: z.string(), name: z.string(), role: z.string(), expected: z.boolean(), attended: z.boolean().nullable() })),
        items: z.array(itemJson),
      }) },
    },
  }, async (request) => {
    const v = await meetings.viewMeeting(db, request.ctx!, id(request.params));
    const m = v.meeting;
    return {
      id: m.id, panelId: m.panelId, panel: m.panelName, date: m.date, venue: m.venue, papersUntil: m.papersUntil, minutes: m.minutes, minutesFinalOn: m.minutesFinalOn,
      quorum: { rule: v.quorum.text, quorate: v.quorum.lacks.length === 0, lacks: v.quorum.lacks },
      attendance: v.attendance.map((a) => ({ memberId: a.memberId, name: a.name, role: a.role, expected: a.expected, attended: a.attended })),
      items: v.items.map((i) => ({
        id: i.id, position: i.position, kind: i.kind, about: i.subject.label, householdId: i.subject.shown ? i.householdId : null, linkId: i.subject.shown ? i.linkId : null, childId: i.subject.shown ? i.childId : null,
        decisionAgencyId: i.decisionAgencyId, recommendation: i.recommendation, reasons: i.recommendationReasons, approvedFor: i.approvedFor,
        dissent: i.dissent.map((d) => ({ memberId: d.memberId, name: d.name, reason: d.reason })),
        papers: i.papers.map((p) => ({ id: p.id, title: p.title, href: v.can.viewPapers ? `/panel-meetings/${m.id}/papers/${p.id}` : null })),
        decision: i.decision, decidedOn: i.decidedOn, deadline: i.clock,
      })),
    };
  });

  app.post('/api/v1/panel-meetings/:id/items', {
    schema: { tags: ['panel'], summary: 'Add an agenda item: {kind: approval | review (householdId), match (linkId), shobpa (childId)} for a record this panel hears', params: idParams,
      body: z.object({ kind: z.string() }).loose(), response: created },
  }, async (request, reply) => reply.code(201).send({ id: await meetings.addItem(db, request.ctx!, id(request.params), request.body) }));

  app.put('/api/v1/panel-meetings/:id/attendance', {
    schema: { tags: ['panel'], summary: 'Record attendance ({attendance: [{memberId, attended}]}) on or after the day; answers what the quorum lacks', params: idParams,
      body: z.object({ attendance: z.array(z.object({ memberId: z.string(), attended: z.boolean() })) }).loose(), response: { 200: z.object({ quorate: z.boolean(), lacks: z.array(z.string()) }) } },
  }, async (request) => {
    const { quorumLacks } = await meetings.recordAttendance(db, request.ctx!, id(request.params), request.body);
    return { quorate: quorumLacks.length === 0, lacks: quorumLacks };
  });

  app.put('/api/v1/panel-meetings/:id/minutes', {
    schema: { tags: ['panel'], summary: 'Save the draft minutes ({minutes})', params: idParams, body: z.object({ minutes: z.string().optional() }).loose() },
  }, async (request, reply) => {
    await meetings.saveMinutes(db, request.ctx!, id(request.params), request.body);
    return reply.code(204).send();
  });

  app.post('/api/v1/panel-meetings/:id/minutes/final', {
    schema: { tags: ['panel'], summary: 'Make the minutes final (irreversible; every item needs a recommendation); the decisions fall due', params: idParams,
      response: { 200: z.object({ minutesFinalOn: z.string(), decisionDueOn: z.string() }) } },
  }, async (request) => meetings.finaliseMinutes(db, request.ctx!, id(request.params)));

  app.put('/api/v1/panel-items/:id/papers', {
    schema: { tags: ['panel'], summary: 'Choose the item\'s papers ({documentIds}): documents of its records you can see', params: idParams,
      body: z.object({ documentIds: z.array(z.string()) }).loose() },
  }, async (request, reply) => {
    await meetings.choosePapers(db, request.ctx!, id(request.params), request.body);
    return reply.code(204).send();
  });

  app.post('/api/v1/panel-items/:id/recommendation', {
    schema: { tags: ['panel'], summary: 'Record the panel\'s recommendation ({recommendation, reasons, approvedFor?, dissent: [{memberId, reason}]}) at a quorate meeting', params: idParams,
      body: z.object({ recommendation: z.string(), reasons: z.string() }).loose(), response: created },
  }, async (request, reply) => {
    const itemId = id(request.params);
    await meetings.recordRecommendation(db, request.ctx!, itemId, request.body);
    return reply.code(201).send({ id: itemId });
  });

  app.get('/api/v1/decisions', {
    schema: { tags: ['panel'], summary: 'Panel items awaiting your agency\'s decision, overdue first, with their working-day deadlines (audited)',
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), kind: z.string(), about: z.string(), meetingDate: z.string(), panel: z.string(), recommendation: z.string().nullable(), deadline: clockJson })) }) } },
  }, async (request) => {
    const { waiting } = await decisions.decisionQueue(db, request.ctx!);
    return { items: waiting.map((w) => ({ id: w.id, kind: w.kind, about: w.subject.label, meetingDate: w.meetingDate, panel: w.panelName, recommendation: w.recommendation, deadline: w.clock })) };
  });

  app.post('/api/v1/decisions', {
    schema: { tags: ['panel'], summary: 'Record the agency decision maker\'s decision on a panel item ({itemId, decision, reasons, decidedOn}), once its minutes are final',
      body: z.object({ itemId: z.string(), decision: z.string(), reasons: z.string(), decidedOn: z.string() }).loose(), response: { 201: z.object({ itemId: z.string(), decision: z.string(), late: z.boolean() }) } },
  }, async (request, reply) => reply.code(201).send(await decisions.decide(db, request.ctx!, request.body)));
}
