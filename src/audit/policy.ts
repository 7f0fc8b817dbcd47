// Who may read the audit log: administrators, and only the part that concerns their own
// organisation (what its staff did, what was done to its records, and where its records were
// shown to others: in their lists, searches, exports and work queues).
import { hasRole } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface AuditScope {
  organisationId: string;
}

export type AuditAction = 'search';

export const auditPolicy = new Policy<AuditScope, AuditAction>('audit')
  .allow('search', (actor, _facts, scope) => actor.orgId === scope.organisationId && hasRole(actor, 'admin'));

/** One event in the log, as far as who may read it goes. */
export interface AuditEventFacts {
  /** The organisation of the person who did it (null: the system, or an unknown account). */
  actorOrgId: string | null;
  /** The organisation that owns the event's own record. */
  ownerId: string | null;
  /** The owners of every record the event touched, listed records included. */
  recordOwnerIds: readonly string[];
}

/** 'view': the whole event, detail included. 'view-touched': that it happened, who did it and
 * when, and which of the organisation's own records it touched; not its detail. */
export type AuditEventAction = 'view' | 'view-touched';

export const auditEventPolicy = new Policy<AuditEventFacts, AuditEventAction>('audit-event')
  .allow('view', (actor, _facts, e) => hasRole(actor, 'admin') && (e.actorOrgId === actor.orgId || e.ownerId === actor.orgId))
  .allow('view-touched', (actor, _facts, e) => hasRole(actor, 'admin') && e.recordOwnerIds.includes(actor.orgId));
