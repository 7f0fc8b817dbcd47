// Use cases for panels: the panels a person may see, making one and its quorum rule, members,
// and arranging meetings (date, venue, members expected, the day papers are available to). Each
// change: load → policy → rule → write → audit, in one transaction. A meeting itself (its page,
// attendance, agenda, papers, recommendations and minutes) is meetings-service.ts; the decision
// maker's decisions are decisions-service.ts.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, ValidationError, type FieldError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import * as staffStore from '../staff/store.ts';
import { meetingInput, memberInput, panelInput } from './input.ts';
import { loadPanel, meetingRecord } from './loading.ts';
import { DEFAULT_DECISION_WORKING_DAYS, DEFAULT_QUORUM, meetingProblems, memberProblems, quorumText, servesOn } from './model.ts';
import { mayUsePanels as usesPanels, meetingPolicy, panelListScope, panelPolicy, type PanelRecord } from './policy.ts';
import * as store from './store.ts';

const audit = (db: Db, ctx: RequestContext, e: { action: 'view' | 'create' | 'update' | 'search'; recordType: string; recordId?: string; ownerId: string; detail?: Record<string, unknown>; records?: { type: string; id: string; ownerId: string }[] }) =>
  recordAudit(db, { actor: auditActor(ctx.actor), ...e });

/** Whether the navigation offers Panels: the person runs a panel, may sit on one, or decides panel items. */
export function mayUsePanels(ctx: RequestContext): boolean {
  return usesPanels(ctx.actor);
}

// ---- panels ------------------------------------------------------------------------------------

/** Whom the person may make a panel for: their own organisation, if they are its panel adviser. */
export async function ownerChoices(db: Db, ctx: RequestContext): Promise<{ id: string; name: string }[]> {
  const record: PanelRecord = { id: '', ownerId: ctx.actor.orgId, memberStaffIds: [] };
  return panelPolicy.can(ctx.actor, ctx.facts, 'manage', record) ? [{ id: ctx.actor.orgId, name: ctx.actor.orgName }] : [];
}

export async function listPanels(db: Db, ctx: RequestContext) {
  const panels = (await store.listPanels(db, panelListScope(ctx.actor), ctx.facts.today)).map((p) => ({ ...p, quorumText: quorumText(p.quorum) }));
  // The scope is the 'view' rule as a filter; this makes sure.
  const accounts = await store.memberAccounts(db, panels.map((p) => p.id), ctx.facts.today);
  const visible = panels.filter((p) => panelPolicy.can(ctx.actor, ctx.facts, 'view', { id: p.id, ownerId: p.ownerId, memberStaffIds: accounts.get(p.id) ?? [] }));
  await audit(db, ctx, { action: 'search', recordType: 'panel', ownerId: ctx.actor.orgId, detail: { shown: visible.map((p) => p.id) }, records: visible.map((p) => ({ type: 'panel', id: p.id, ownerId: p.ownerId })) });
  return { panels: visible, canCreate: (await ownerChoices(db, ctx)).length > 0 };
}

export async function createPanel(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(panelInput, raw);
  return db.transaction().execute(async (tx) => {
    const choices = await ownerChoices(tx, ctx);
    if (choices.length === 0) throw new ForbiddenError('Only panel advisers make panels, for their own organisation');
    const ownerId = input.ownerId ?? ctx.actor.orgId;
    if (!choices.some((c) => c.id === ownerId)) throw ValidationError.of('ownerId', `Select an organisation you are the panel adviser of: ${choices.map((c) => c.name).join(', ')}`);
    if (await store.panelNameTaken(tx, ownerId, input.name)) throw ValidationError.of('name', `${ctx.actor.orgName} already has a panel called ${input.name}`);
    const quorum = {
      minPresent: input.quorumMinPresent ?? DEFAULT_QUORUM.minPresent, chairOrVice: input.quorumChairOrVice ?? DEFAULT_QUORUM.chairOrVice,
      socialWorkerYears: input.quorumSocialWorkerYears === undefined ? DEFAULT_QUORUM.socialWorkerYears : input.quorumSocialWorkerYears, independent: input.quorumIndependent ?? DEFAULT_QUORUM.independent,
    };
    const decisionWorkingDays = input.decisionWorkingDays ?? DEFAULT_DECISION_WORKING_DAYS;
    const id = await store.insertPanel(tx, { ownerId, name: input.name, quorum, decisionWorkingDays, createdBy: ctx.actor.staffId });
    await audit(tx, ctx, { action: 'create', recordType: 'panel', recordId: id, ownerId, detail: { after: { name: input.name, quorum, decisionWorkingDays } } });
    return id;
  });
}

/** The panel with its members and the meetings the person may see; audited (members' names are shown). */
export async function viewPanel(db: Db, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (tx) => {
    const { panel, record } = await loadPanel(tx, ctx, id);
    const today = ctx.facts.today;
    const members = (await store.membersOf(tx, id)).map((m) => ({ ...m, serving: servesOn(m, today) }));
    const meetings = [];
    for (const m of await store.meetingsOfPanel(tx, id)) {
      if (meetingPolicy.can(ctx.actor, ctx.facts, 'view', await meetingRecord(tx, { id: m.id, panelOwnerId: m.panelOwnerId, papersUntil: m.papersUntil }))) meetings.push(m);
    }
    await audit(tx, ctx, { action: 'view', recordType: 'panel', recordId: id, ownerId: panel.ownerId, detail: { members: members.map((m) => m.id), meetings: meetings.map((m) => m.id) } });
    return {
      panel, quorumText: quorumText(panel.quorum), members: members.filter((m) => m.serving), pastMembers: members.filter((m) => !m.serving), meetings,
      can: { manage: panelPolicy.can(ctx.actor, ctx.facts, 'manage', record) },
    };
  });
}

/** The panel and what its forms offer (the members serving today, the accounts that can be a member's), for those who run it. */
export async function panelForms(db: Db, ctx: RequestContext, panelId: string) {
  const { panel } = await loadPanel(db, ctx, panelId, 'manage');
  const [members, accounts] = await Promise.all([store.membersOf(db, panelId), staffStore.activeStaffWithRole(db, [panel.ownerId], 'panel-member')]);
  const serving = members.filter((m) => servesOn(m, ctx.facts.today));
  await audit(db, ctx, { action: 'view', recordType: 'panel', recordId: panelId, ownerId: panel.ownerId, detail: { form: true, members: serving.map((m) => m.id) } });
  return { panel, members: serving, accounts };
}

export async function addMember(db: Db, ctx: RequestContext, panelId: string, raw: unknown): Promise<string> {
  const input = parseInput(memberInput, raw);
  return db.transaction().execute(async (tx) => {
    const { panel } = await loadPanel(tx, ctx, panelId, 'manage');
    const facts = { role: input.role, pqeYears: input.pqeYears ?? null, personalExperience: input.personalExperience, joinedOn: input.joinedOn, leftOn: null };
    const problems: FieldError[] = memberProblems(facts);
    if (input.staffId) {
      const accounts = await staffStore.activeStaffWithRole(tx, [panel.ownerId], 'panel-member');
      if (!accounts.some((a) => a.id === input.staffId)) problems.push({ field: 'staffId', message: `Select an active account of ${panel.ownerName} with the panel member role` });
      else if ((await store.membersOf(tx, panelId)).some((m) => m.staffId === input.staffId && m.leftOn === null)) problems.push({ field: 'staffId', message: 'That account is already a member of this panel' });
    }
    if (problems.length) throw new ValidationError(problems);
    const id = await store.insertMember(tx, { panelId, name: input.name, staffId: input.staffId ?? null, ...facts, createdBy: ctx.actor.staffId });
    await audit(tx, ctx, { action: 'create', recordType: 'panel', recordId: panelId, ownerId: panel.ownerId, detail: { member: id, after: { name: input.name, ...facts, staffId: input.staffId ?? null } } });
    return id;
  });
}

// ---- meetings ----------------------------------------------------------------------------------

export async function createMeeting(db: Db, ctx: RequestContext, panelId: string, raw: unknown): Promise<string> {
  const input = parseInput(meetingInput, raw);
  return db.transaction().execute(async (tx) => {
    const { panel } = await loadPanel(tx, ctx, panelId, 'manage');
    const problems = meetingProblems(input);
    const serving = new Set((await store.membersOf(tx, panelId)).filter((m) => servesOn(m, input.date)).map((m) => m.id));
    if (input.expected.some((id) => !serving.has(id))) problems.push({ field: 'expected', message: `Select members who serve on the panel on ${input.date}` });
    if (problems.length) throw new ValidationError(problems);
    const expected = [...new Set(input.expected)];
    const id = await store.insertMeeting(tx, { panelId, date: input.date, venue: input.venue, papersUntil: input.papersUntil, expected, createdBy: ctx.actor.staffId });
    await audit(tx, ctx, { action: 'create', recordType: 'panel-meeting', recordId: id, ownerId: panel.ownerId, detail: { after: { panelId, date: input.date, venue: input.venue, papersUntil: input.papersUntil, expected } } });
    return id;
  });
}
