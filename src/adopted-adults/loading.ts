// Loading a request for a use case: the request and the policy's answer, with a refusal to view
// looking exactly like absence; the request's state as model.ts's rules read it (its steps,
// counselling, and every veto on the adopted person, here or on another request); and the one
// way the area writes its audit events, on the request and its owner, so the owning council finds
// every view and change by record and by owner.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit, type AuditAction, type AuditedRecord } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { registerRecordType } from '../core/records.ts';
import type { RequestState } from './model.ts';
import { adoptedAdultPolicy, RECORD_TYPE, type AdoptedAdultAction } from './policy.ts';
import * as store from './store.ts';

registerRecordType(RECORD_TYPE, async (db, id) => (await store.findRequest(db, id))?.ownerId);

export const recordOf = (r: { id: string; ownerId: string }) => ({ id: r.id, ownerId: r.ownerId });

export function can(ctx: RequestContext, action: AdoptedAdultAction, r: { id: string; ownerId: string }): boolean {
  return adoptedAdultPolicy.can(ctx.actor, ctx.facts, action, recordOf(r));
}

/** The request, if the person may do this to it: 404 if they may not see it, 403 if they may see it but not do this. */
export async function loadRequest(db: Db, ctx: RequestContext, id: string, action: AdoptedAdultAction = 'view'): Promise<store.RequestRow> {
  const r = await store.findRequest(db, id);
  if (!r || !can(ctx, 'view', r)) throw new NotFoundError('Request');
  if (action !== 'view' && !can(ctx, action, r)) throw new ForbiddenError();
  return r;
}

/** What the request holds, and the state the rules read. */
export async function stateOf(db: Db, r: store.RequestRow) {
  const [parts, elsewhere] = await Promise.all([store.partsOf(db, r.id), store.vetoesElsewhere(db, r)]);
  const state: RequestState = {
    kind: r.kind, applicantRole: r.applicantRole, orderOn: r.orderOn, orderOnExact: r.orderOnExact, receivedOn: r.receivedOn, closedOn: r.closedOn,
    steps: parts.steps, counselledOn: parts.counselling.map((c) => c.heldOn), vetoes: [...parts.vetoes, ...elsewhere],
  };
  return { ...parts, elsewhere, state };
}

/** Audit an event on the request; other requests it showed (a veto found on them) are linked with their owners. */
export function auditRequest(db: Db, ctx: RequestContext, r: { id: string; ownerId: string }, action: AuditAction, detail?: Record<string, unknown>, records: AuditedRecord[] = []) {
  return recordAudit(db, { actor: auditActor(ctx.actor), action, recordType: RECORD_TYPE, recordId: r.id, ownerId: r.ownerId, detail, records });
}
