// Who may read the audit log: administrators, and only the part that concerns their own
// organisation (what its staff did, and what was done to its records).
import { hasRole } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface AuditScope {
  organisationId: string;
}

export type AuditAction = 'search';

export const auditPolicy = new Policy<AuditScope, AuditAction>('audit')
  .allow('search', (actor, _facts, scope) => actor.orgId === scope.organisationId && hasRole(actor, 'admin'));
