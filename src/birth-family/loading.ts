// Loading a birth family case for a use case: the case and the policy's answer, with a refusal to
// view looking exactly like absence; whether the person may see the linked child (the children
// area's answer); and the one way the area writes its audit events, linked to the case's owner and
// to the child's record when the case names one.
import { childAccess } from '../children/for-placements.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit, type AuditAction, type AuditedRecord } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { registerRecordType } from '../core/records.ts';
import { birthFamilyPolicy, RECORD_TYPE, type BirthFamilyAction, type BirthFamilyRecord } from './policy.ts';
import * as store from './store.ts';

registerRecordType(RECORD_TYPE, async (db, id) => (await store.findCase(db, id))?.ownerId);

export const recordOf = (c: { id: string; ownerId: string }): BirthFamilyRecord => ({ id: c.id, ownerId: c.ownerId });

export function can(ctx: RequestContext, action: BirthFamilyAction, c: { id: string; ownerId: string }): boolean {
  return birthFamilyPolicy.can(ctx.actor, ctx.facts, action, recordOf(c));
}

const REFUSED: Partial<Record<BirthFamilyAction, string>> = {
  work: 'Only support workers, social workers and team managers work on birth family support cases',
  close: 'Only support workers and team managers close and reopen birth family support cases',
};

/** The case, if the person may do this to it: 404 if they may not see it, 403 if they may see it but not do this. */
export async function loadCase(db: Db, ctx: RequestContext, id: string, action: BirthFamilyAction = 'view'): Promise<store.CaseRow> {
  const c = await store.findCase(db, id);
  if (!c || !can(ctx, 'view', c)) throw new NotFoundError('Birth family support case');
  if (action !== 'view' && !can(ctx, action, c)) throw new ForbiddenError(REFUSED[action]);
  return c;
}

/** Of these children, the ones the person may see (the children area decides). */
export async function visibleChildren(db: Db, ctx: RequestContext, ids: readonly (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  return wanted.length ? (await childAccess(db, ctx, wanted)).view : new Set();
}

/** How the case names the child to this person: the record's name only where they may see the child. */
export function childLabel(c: store.CaseRow, shown: boolean): string {
  if (c.childId) return shown && c.linkedChildName ? c.linkedChildName : 'A child with a record in Mercia (not shown to you)';
  return `${c.childFirstName ?? 'Not known'}${c.childBirthYear ? `, born ${c.childBirthYear}` : ''}`;
}

/** The records an event on the case touches: the case, and the child's record it names. */
export function caseRecords(c: { id: string; ownerId: string; childId: string | null }): AuditedRecord[] {
  return [{ type: RECORD_TYPE, id: c.id, ownerId: c.ownerId }, ...(c.childId ? [{ type: 'child', id: c.childId, ownerId: c.ownerId }] : [])];
}

/** Audit an event on the case, findable by the case, its owner and the child it names. */
export function auditCase(db: Db, ctx: RequestContext, c: store.CaseRow, action: AuditAction, detail?: Record<string, unknown>) {
  return recordAudit(db, {
    actor: auditActor(ctx.actor), action, recordType: RECORD_TYPE, recordId: c.id, ownerId: c.ownerId, detail,
    records: c.childId ? [{ type: 'child', id: c.childId, ownerId: c.ownerId }] : [],
  });
}
