// What matching asks of the adopters area: the household a link is with, whether the person may
// work on it, and the household's status following its links (linked while one is open,
// matched when the agency decision maker decides the match, approved again when its last link
// closes). The household policy is applied here, so matching never decides who may see or
// change a household.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import type { HouseholdStatus } from './codes.ts';
import { householdPolicy, type HouseholdAction, type HouseholdRecord } from './policy.ts';
import * as store from './store.ts';
// The household record type is registered there too: grants on a household need its owner lookup.
import * as service from './service.ts';

const asRecord = (h: store.HouseholdRow): HouseholdRecord => ({ id: h.id, ownerId: h.ownerId, homeCouncilId: h.homeCouncilId, status: h.status, ownerPartnerships: h.ownerPartnerships });

/** The household, if the person may do `action` to it: 404 where its page would be, 403 if they may see it but not do this. */
export async function householdFor(db: Db, ctx: RequestContext, id: string, action: HouseholdAction = 'view'): Promise<store.HouseholdRow & { terms: Awaited<ReturnType<typeof store.termsOf>> }> {
  const h = await store.findHousehold(db, id, ctx.facts.today);
  if (!h || !householdPolicy.can(ctx.actor, ctx.facts, 'view', asRecord(h))) throw new NotFoundError('Household');
  if (action !== 'view' && !householdPolicy.can(ctx.actor, ctx.facts, action, asRecord(h))) throw new ForbiddenError();
  return { ...h, terms: await store.termsOf(db, id) };
}

/** Whether the person may work on ('update') the household. */
export async function mayWorkOnHousehold(db: Db, ctx: RequestContext, id: string): Promise<boolean> {
  const h = await store.findHousehold(db, id, ctx.facts.today);
  return !!h && householdPolicy.can(ctx.actor, ctx.facts, 'update', asRecord(h));
}

/** Whether the person may see the household's record (not just its profile). */
export async function mayViewHousehold(db: Db, ctx: RequestContext, id: string): Promise<boolean> {
  const h = await store.findHousehold(db, id, ctx.facts.today);
  return !!h && householdPolicy.can(ctx.actor, ctx.facts, 'view', asRecord(h));
}

/** Which of these households' records (not just their profiles) the person may see: one query for a ranked list. */
export function viewableHouseholds(db: Db, ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
  return service.visibleHouseholds(db, ctx, ids);
}

/** The statuses links move a household between. */
const FOLLOWS_LINKS: readonly HouseholdStatus[] = ['approved', 'linked', 'matched'];

/**
 * Move the household's status as its links move, in matching's transaction, once matching's own
 * policy allowed the change to the link: a status-change event, the new status, and the audit.
 * A household whose status is not one links move (on hold, withdrawn…) is left as it is.
 */
export async function followLinks(tx: Db, ctx: RequestContext, id: string, to: 'approved' | 'linked' | 'matched', on: string, why: { link: string }): Promise<boolean> {
  return follow(tx, ctx, id, { to, on, from: FOLLOWS_LINKS, note: `Followed link ${why.link}`, detail: { link: why.link } });
}

/** The statuses a placement moves a household between: matched to placed, and back to approved when it ends. */
const FOLLOWS_PLACEMENTS: readonly HouseholdStatus[] = ['matched', 'placed'];

/** Move the household's status as its placement moves (in placements' transaction), as followLinks does for links. */
export async function followPlacement(tx: Db, ctx: RequestContext, id: string, to: 'placed' | 'approved', on: string, why: { placement: string }): Promise<boolean> {
  return follow(tx, ctx, id, { to, on, from: FOLLOWS_PLACEMENTS, note: `Followed placement ${why.placement.slice(0, 8)}`, detail: { placement: why.placement } });
}

async function follow(tx: Db, ctx: RequestContext, id: string, m: { to: HouseholdStatus; on: string; from: readonly HouseholdStatus[]; note: string; detail: Record<string, string> }): Promise<boolean> {
  const h = await store.findHousehold(tx, id, ctx.facts.today);
  if (!h) throw new NotFoundError('Household');
  if (h.status === m.to || !m.from.includes(h.status)) return false;
  const changedOn = h.statusChangedOn && h.statusChangedOn > m.on ? h.statusChangedOn : m.on;
  await store.insertEvent(tx, id, { type: 'status-change', date: changedOn, status: m.to, notes: m.note, recordedBy: ctx.actor.staffId });
  await store.setState(tx, id, { ...h, status: m.to, statusChangedOn: changedOn });
  await recordAudit(tx, {
    actor: auditActor(ctx.actor), action: 'update', recordType: 'household', recordId: id, ownerId: h.ownerId,
    detail: { before: { status: h.status }, after: { status: m.to }, ...m.detail },
  });
  return true;
}
