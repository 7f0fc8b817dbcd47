// Loading a support case for a use case: the case, who is responsible for it today, and the
// policy's answer, with a refusal to view looking exactly like absence. Also the one way the
// area writes its audit events, linked to the case and the child it is about.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit, type AuditAction } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { todayInEngland } from '../core/dates.ts';
import { registerRecordType } from '../core/records.ts';
import { responsibility, type Responsibility } from './model.ts';
import { supportPolicy, type SupportAction, type SupportCaseRecord } from './policy.ts';
import * as store from './store.ts';

// The case's owner is whoever is responsible today: grants and the audit log by record find it.
// Case notes and documents on a case are as visible as the case: seen by whoever may see it,
// written by whoever works on it.
registerRecordType('support-case', async (db, id) => {
  const c = await store.findCase(db, id);
  return c ? responsibility(c, todayInEngland()).councilId : undefined;
}, {
  plural: 'support',
  noun: 'support case',
  accessFor: async (db, ctx, id) => {
    const c = await store.findCase(db, id);
    if (!c) return undefined;
    const { record } = caseRecordOf(c, ctx.facts.today);
    const can = (a: SupportAction) => supportPolicy.can(ctx.actor, ctx.facts, a, record);
    return { ownerId: record.ownerId, view: can('view'), change: can('work'), viewSensitive: can('work'), label: `Support for ${c.childName}`, path: `/support/${id}` };
  },
});

export interface LoadedCase {
  c: store.CaseRow;
  responsible: Responsibility;
  record: SupportCaseRecord;
}

export function caseRecordOf(c: store.CaseRow, today: string): LoadedCase {
  const responsible = responsibility(c, today);
  return { c, responsible, record: { id: c.id, ownerId: responsible.councilId, childCouncilId: c.placingCouncilId } };
}

/** The case, if the person may do this to it: 404 if they may not see it, 403 if they may see it but not do this. */
export async function loadCase(db: Db, ctx: RequestContext, id: string, action: SupportAction = 'view'): Promise<LoadedCase> {
  const found = await store.findCase(db, id);
  const loaded = found && caseRecordOf(found, ctx.facts.today);
  if (!loaded || !supportPolicy.can(ctx.actor, ctx.facts, 'view', loaded.record)) throw new NotFoundError('Support case');
  if (action !== 'view' && !supportPolicy.can(ctx.actor, ctx.facts, action, loaded.record)) throw new ForbiddenError();
  return loaded;
}

/** Audit an event on the case, linked to the child it is about. */
export function auditCase(db: Db, ctx: RequestContext, l: LoadedCase, action: AuditAction, detail?: Record<string, unknown>) {
  return recordAudit(db, {
    actor: auditActor(ctx.actor), action, recordType: 'support-case', recordId: l.c.id, ownerId: l.record.ownerId, detail,
    records: [{ type: 'child', id: l.c.childId, ownerId: l.c.placingCouncilId }, ...(l.c.householdId ? [{ type: 'household', id: l.c.householdId }] : [])],
  });
}
