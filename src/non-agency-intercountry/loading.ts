// Loading a non-agency or inter-country adoption for a use case: the record and the policy's
// answer, a refusal to view looking exactly like absence (404), and one that may see but not do
// this a 403. Also the one way the area writes its audit events, linked to the record and its
// owning council, so the log finds them by record and by owner.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit, type AuditAction } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { registerRecordType } from '../core/records.ts';
import { intercountryPolicy, nonAgencyPolicy, type AdoptionAction, type AdoptionRecordType } from './policy.ts';
import * as store from './store.ts';

registerRecordType('non-agency-adoption', async (db, id) => (await store.findNonAgency(db, id))?.councilId);
registerRecordType('intercountry-adoption', async (db, id) => (await store.findIntercountry(db, id))?.councilId);

const POLICIES = { 'non-agency-adoption': nonAgencyPolicy, 'intercountry-adoption': intercountryPolicy } as const;
const REFUSED: Partial<Record<AdoptionAction, string>> = {
  work: 'Only social workers and team managers work on non-agency and inter-country adoptions',
  close: 'Only team managers record the outcome that closes a case',
};

export const recordOf = (r: { id: string; councilId: string }) => ({ id: r.id, ownerId: r.councilId });

export function can(ctx: RequestContext, type: AdoptionRecordType, action: AdoptionAction, r: { id: string; councilId: string }): boolean {
  return POLICIES[type].can(ctx.actor, ctx.facts, action, recordOf(r));
}

/** What the person may do with the record, for its page. */
export const permissions = (ctx: RequestContext, type: AdoptionRecordType, r: { id: string; councilId: string }) =>
  ({ work: can(ctx, type, 'work', r), close: can(ctx, type, 'close', r) });

function check<R extends { id: string; councilId: string }>(ctx: RequestContext, type: AdoptionRecordType, found: R | undefined, action: AdoptionAction, noun: string): R {
  if (!found || !can(ctx, type, 'view', found)) throw new NotFoundError(noun);
  if (action !== 'view' && !can(ctx, type, action, found)) throw new ForbiddenError(REFUSED[action]);
  return found;
}

/** The non-agency adoption, if the person may do this to it (locked for the transaction with `lock`). */
export async function loadNonAgency(db: Db, ctx: RequestContext, id: string, action: AdoptionAction = 'view', lock = false): Promise<store.NonAgencyRow> {
  return check(ctx, 'non-agency-adoption', await store.findNonAgency(db, id, lock), action, 'Non-agency adoption');
}

export async function loadIntercountry(db: Db, ctx: RequestContext, id: string, action: AdoptionAction = 'view', lock = false): Promise<store.IntercountryRow> {
  return check(ctx, 'intercountry-adoption', await store.findIntercountry(db, id, lock), action, 'Inter-country adoption');
}

/** Audit an event on one record. */
export function auditRecord(db: Db, ctx: RequestContext, type: AdoptionRecordType, r: { id: string; councilId: string }, action: AuditAction, detail?: Record<string, unknown>) {
  return recordAudit(db, { actor: auditActor(ctx.actor), action, recordType: type, recordId: r.id, ownerId: r.councilId, detail });
}

/** Audit a list shown to the person: the search, linked to each record shown with its owner. */
export function auditList(db: Db, ctx: RequestContext, type: AdoptionRecordType, shown: readonly { id: string; councilId: string }[], detail: Record<string, unknown>) {
  return recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: type, ownerId: ctx.actor.orgId, detail: { ...detail, shown: shown.map((r) => r.id) },
    records: shown.map((r) => ({ type, id: r.id, ownerId: r.councilId })),
  });
}
