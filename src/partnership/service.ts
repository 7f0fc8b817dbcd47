// Use cases for partnerships: read the overview, the operating model on a day and the
// membership history; change memberships and the operating model. Each change runs in one
// transaction: load → policy → rule → write → audit.
import { auditActor, type RequestContext, type ServiceFunction } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import {
  addMemberInput, changeDeliveryInput, isMemberOn, joiningProblems, leavingInput, leavingProblems,
  presetDeliveries, presetInput, transitionProblems, type Delivery, type Membership, type Organisation,
} from './model.ts';
import { partnershipPolicy, type PartnershipAction } from './policy.ts';
import * as store from './store.ts';

export async function visiblePartnerships(db: Db, ctx: RequestContext): Promise<Organisation[]> {
  const all = await store.listPartnerships(db, [...ctx.facts.partnerships]);
  return all.filter((p) => partnershipPolicy.can(ctx.actor, ctx.facts, 'view', p));
}

/** The partnership, if the person may see it; refusing looks exactly like absence. */
async function loadPartnership(db: Db, ctx: RequestContext, id: string, action: PartnershipAction = 'view'): Promise<Organisation> {
  const p = await store.findOrganisation(db, id);
  if (!p || p.kind !== 'partnership' || !partnershipPolicy.can(ctx.actor, ctx.facts, 'view', p)) throw new NotFoundError('Partnership');
  if (action !== 'view' && !partnershipPolicy.can(ctx.actor, ctx.facts, action, p)) throw new ForbiddenError();
  return p;
}

export function permissions(ctx: RequestContext, p: Organisation) {
  return {
    changeMembership: partnershipPolicy.can(ctx.actor, ctx.facts, 'change-membership', p),
    changeOperatingModel: partnershipPolicy.can(ctx.actor, ctx.facts, 'change-operating-model', p),
  };
}

export async function overview(db: Db, ctx: RequestContext, id: string, day = ctx.facts.today) {
  const partnership = await loadPartnership(db, ctx, id);
  const [memberships, host] = await Promise.all([
    store.membershipsOf(db, id),
    partnership.hostId ? store.findOrganisation(db, partnership.hostId) : undefined,
  ]);
  const current = memberships.filter((m) => isMemberOn(m, day));
  return {
    partnership,
    host: host ?? null,
    members: current.filter((m) => m.kind === 'member'),
    affiliates: current.filter((m) => m.kind === 'affiliate'),
    former: memberships.filter((m) => m.leftOn !== null && m.leftOn <= day),
    memberships,
    can: permissions(ctx, partnership),
  };
}

export interface OperatingModelView {
  partnership: Organisation;
  date: string;
  functions: { code: string; name: string }[];
  members: Membership[];
  /** deliveries[memberId][functionCode] */
  deliveries: Record<string, Record<string, Delivery>>;
  rows: Delivery[];
  transitions: string[];
  scheduled: store.ScheduledChange[];
  can: ReturnType<typeof permissions>;
}

export async function operatingModel(db: Db, ctx: RequestContext, id: string, date: string): Promise<OperatingModelView> {
  const partnership = await loadPartnership(db, ctx, id);
  const [memberships, rows, functions, transitions, scheduled] = await Promise.all([
    store.membershipsOf(db, id),
    store.operatingModelOn(db, id, date),
    store.listServiceFunctions(db),
    store.transitionDates(db, id),
    store.changesAfter(db, id, ctx.facts.today),
  ]);
  const deliveries: Record<string, Record<string, Delivery>> = {};
  for (const r of rows) (deliveries[r.memberId] ??= {})[r.functionCode] = r;
  const members = memberships.filter((m) => m.kind === 'member' && isMemberOn(m, date));
  return { partnership, date, functions, members, deliveries, rows, transitions, scheduled, can: permissions(ctx, partnership) };
}

export async function history(db: Db, ctx: RequestContext, id: string) {
  const partnership = await loadPartnership(db, ctx, id);
  return { partnership, memberships: await store.membershipsOf(db, id), can: permissions(ctx, partnership) };
}

/** Organisations that could join: not in the partnership today, and not the partnership itself. */
export async function candidateMembers(db: Db, ctx: RequestContext, id: string) {
  await loadPartnership(db, ctx, id, 'change-membership');
  const [orgs, memberships] = await Promise.all([store.listOrganisations(db), store.membershipsOf(db, id)]);
  const inNow = new Set(memberships.filter((m) => m.leftOn === null).map((m) => m.memberId));
  return {
    candidates: orgs.filter((o) => o.kind !== 'partnership' && !inNow.has(o.id)),
    providers: orgs.filter((o) => o.kind === 'agency'),
  };
}

export async function providers(db: Db): Promise<Organisation[]> {
  return (await store.listOrganisations(db)).filter((o) => o.kind === 'agency');
}

export async function addMember(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(addMemberInput, raw);
  return db.transaction().execute(async (tx) => {
    await loadPartnership(tx, ctx, id, 'change-membership');
    const org = await store.findOrganisation(tx, input.organisationId);
    if (!org || org.kind === 'partnership') throw ValidationError.of('organisationId', 'Select an organisation that exists');
    if (input.kind === 'member' && org.kind !== 'local-authority') throw ValidationError.of('kind', 'Only a council can be a member; an agency is affiliated');
    if (input.kind === 'member' && !input.option) throw ValidationError.of('option', 'Select the operating model the council joins under');
    const existing = (await store.membershipsOf(tx, id)).filter((m) => m.memberId === org.id);
    const problems = joiningProblems(existing, input.joinedOn, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    const membership = await store.insertMembership(tx, { partnershipId: id, memberId: org.id, kind: input.kind, joinedOn: input.joinedOn });
    if (input.kind === 'member') {
      // A member resolves to exactly one deliverer for every function from the day it joins.
      const providerId = await checkedProvider(tx, input.option === 4, input.providerId);
      await store.upsertEntries(tx, id, presetDeliveries(input.option!, providerId).map((d) => ({ ...d, memberId: org.id, effectiveOn: input.joinedOn })), ctx.actor.staffId);
    }
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'membership', recordId: membership.id, ownerId: id,
      detail: { after: { partnership: id, member: org.code ?? org.slug, kind: input.kind, joinedOn: input.joinedOn, option: input.option ?? null } },
    });
    return membership;
  });
}

export async function recordLeaving(db: Db, ctx: RequestContext, id: string, membershipId: string, raw: unknown): Promise<void> {
  const { leftOn } = parseInput(leavingInput, raw);
  await db.transaction().execute(async (tx) => {
    await loadPartnership(tx, ctx, id, 'change-membership');
    const membership = (await store.membershipsOf(tx, id)).find((m) => m.id === membershipId);
    if (!membership) throw new NotFoundError('Membership');
    const problems = leavingProblems(membership, leftOn, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    await store.setLeftOn(tx, membershipId, leftOn);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'membership', recordId: membershipId, ownerId: id,
      detail: { before: { leftOn: null }, after: { leftOn } },
    });
  });
}

/** Move every member (or one) to a preset option from a date. */
export async function applyPreset(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(presetInput, raw);
  await db.transaction().execute(async (tx) => {
    await loadPartnership(tx, ctx, id, 'change-operating-model');
    const memberships = (await store.membershipsOf(tx, id)).filter((m) => m.kind === 'member');
    const targets = input.memberId ? memberships.filter((m) => m.memberId === input.memberId) : memberships.filter((m) => isMemberOn(m, input.effectiveOn));
    if (input.memberId && targets.length === 0) throw ValidationError.of('memberId', 'Select a member council of this partnership');
    const problems = input.memberId ? transitionProblems(targets, input.effectiveOn, ctx.facts.today) : transitionProblems(memberships, input.effectiveOn, ctx.facts.today).filter((e) => e.field === 'effectiveOn');
    if (!input.memberId && targets.length === 0) problems.push({ field: 'effectiveOn', message: 'The partnership has no members on that date' });
    if (problems.length) throw new ValidationError(problems);
    const providerId = await checkedProvider(tx, input.option === 4, input.providerId);
    const memberIds = [...new Set(targets.map((m) => m.memberId))];
    const entries = memberIds.flatMap((memberId) => presetDeliveries(input.option, providerId).map((d) => ({ ...d, memberId, effectiveOn: input.effectiveOn })));
    await store.upsertEntries(tx, id, entries, ctx.actor.staffId);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'operating-model', recordId: id, ownerId: id,
      detail: { after: { effectiveOn: input.effectiveOn, option: input.option, providerId, members: memberIds } },
    });
  });
}

/** Change who delivers one function for one member from a date. */
export async function changeDelivery(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(changeDeliveryInput, raw);
  await db.transaction().execute(async (tx) => {
    await loadPartnership(tx, ctx, id, 'change-operating-model');
    const memberships = (await store.membershipsOf(tx, id)).filter((m) => m.kind === 'member' && m.memberId === input.memberId);
    if (memberships.length === 0) throw ValidationError.of('memberId', 'Select a member council of this partnership');
    const problems = transitionProblems(memberships, input.effectiveOn, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    const providerId = await checkedProvider(tx, input.deliveredBy === 'provider', input.providerId);
    const before = (await store.operatingModelOn(tx, id, input.effectiveOn)).find((d) => d.memberId === input.memberId && d.functionCode === input.functionCode);
    await store.upsertEntries(tx, id, [{ memberId: input.memberId, functionCode: input.functionCode as ServiceFunction, effectiveOn: input.effectiveOn, deliveredBy: input.deliveredBy, providerId }], ctx.actor.staffId);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'operating-model', recordId: id, ownerId: id,
      detail: {
        before: before ? { deliveredBy: before.deliveredBy, providerId: before.providerId } : null,
        after: { effectiveOn: input.effectiveOn, member: input.memberId, function: input.functionCode, deliveredBy: input.deliveredBy, providerId },
      },
    });
  });
}

/** Withdraw every change scheduled for a future date. Changes that have taken effect stay. */
export async function cancelScheduled(db: Db, ctx: RequestContext, id: string, effectiveOn: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await loadPartnership(tx, ctx, id, 'change-operating-model');
    if (!(effectiveOn > ctx.facts.today)) throw ValidationError.of('effectiveOn', 'Only a change that has not yet taken effect can be withdrawn');
    const memberships = await store.membershipsOf(tx, id);
    // A member's first entries (its joining date) are its baseline, not a scheduled change.
    if (memberships.some((m) => m.kind === 'member' && m.joinedOn === effectiveOn)) {
      throw ValidationError.of('effectiveOn', 'That date is a member\'s joining date: its operating model cannot be withdrawn');
    }
    const removed = await store.deleteEntriesOn(tx, id, effectiveOn);
    if (removed === 0) throw new NotFoundError('Scheduled change');
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'delete', recordType: 'operating-model', recordId: id, ownerId: id,
      detail: { before: { effectiveOn, entries: removed } },
    });
  });
}

async function checkedProvider(db: Db, needed: boolean, providerId: string | undefined): Promise<string | null> {
  if (!needed) return null;
  if (!providerId) throw ValidationError.of('providerId', 'Select the provider that delivers it');
  const provider = await store.findOrganisation(db, providerId);
  if (!provider || provider.kind !== 'agency') throw ValidationError.of('providerId', 'Select a provider that exists');
  return provider.id;
}

