// Who may see and manage staff accounts, and who may grant access to a record.
import { hasRole, inOwnOrganisation } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface StaffRecord {
  id: string;
  organisationId: string;
}

export type StaffAction = 'view' | 'add' | 'manage-own-credentials';

export const staffPolicy = new Policy<StaffRecord, StaffAction>('staff')
  // Administrators see the people of their own organisation; everyone sees themselves.
  .allow('view', (actor, _facts, s) => actor.staffId === s.id || (inOwnOrganisation(actor, s.organisationId) && hasRole(actor, 'admin')))
  .allow('add', (actor, _facts, s) => inOwnOrganisation(actor, s.organisationId) && hasRole(actor, 'admin'))
  .allow('manage-own-credentials', (actor, _facts, s) => actor.staffId === s.id);

/** A grant opens one record to one person; the record's owner decides. */
export interface GrantableRecord {
  ownerId: string;
}

export type GrantAction = 'grant' | 'revoke';

export const grantPolicy = new Policy<GrantableRecord, GrantAction>('grant')
  .allow('grant', (actor, _facts, r) => inOwnOrganisation(actor, r.ownerId) && hasRole(actor, 'team-manager', 'admin'))
  .allow('revoke', (actor, _facts, r) => inOwnOrganisation(actor, r.ownerId) && hasRole(actor, 'team-manager', 'admin'));
