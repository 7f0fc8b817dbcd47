// Who may do what with a child's record. The record belongs to the child's placing council,
// which stays legally responsible. Its staff work on it by role; partnership (or provider)
// staff work on it only while the operating model gives their organisation the child's
// family finding or placement support for that council on the day; anyone else needs an
// explicit grant. A refusal is indistinguishable from absence (404).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role, type ServiceFunction } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface ChildRecord {
  id: string;
  placingAuthorityId: string;
}

export type ChildAction = 'view' | 'create' | 'update' | 'record-milestone' | 'view-birth-family' | 'manage-siblings';

/** The functions of the service that involve working on a child's record. */
export const CHILD_FUNCTIONS: readonly ServiceFunction[] = ['family-finding', 'placement-support'];

export type Relation = 'own' | 'delivered' | 'granted';

export function relationTo(actor: Actor, facts: AccessFacts, child: ChildRecord): Relation | null {
  if (inOwnOrganisation(actor, child.placingAuthorityId)) return 'own';
  if (CHILD_FUNCTIONS.some((fn) => deliversFor(facts, fn, child.placingAuthorityId))) return 'delivered';
  if (child.id && holdsGrant(facts, 'child', child.id)) return 'granted';
  return null;
}

const VIEW: Role[] = ['social-worker', 'team-manager', 'family-finder', 'decision-maker', 'panel-adviser', 'analyst'];
const CASEWORK: Role[] = ['social-worker', 'team-manager', 'family-finder'];

export const childPolicy = new Policy<ChildRecord, ChildAction>('child')
  .allow('view', (actor, facts, c) => hasRole(actor, ...VIEW) && relationTo(actor, facts, c) !== null)
  // A child is registered by the council that looks after them.
  .allow('create', (actor, _facts, c) => hasRole(actor, 'social-worker', 'team-manager') && inOwnOrganisation(actor, c.placingAuthorityId))
  .allow('update', (actor, facts, c) => hasRole(actor, ...CASEWORK) && relationTo(actor, facts, c) !== null)
  // Decision makers record their own decisions (SHOBPA, match).
  .allow('record-milestone', (actor, facts, c) => hasRole(actor, ...CASEWORK, 'decision-maker') && relationTo(actor, facts, c) !== null)
  .allow('view-birth-family', (actor, facts, c) => hasRole(actor, ...CASEWORK) && relationTo(actor, facts, c) !== null)
  .allow('manage-siblings', (actor, facts, c) => hasRole(actor, ...CASEWORK) && relationTo(actor, facts, c) !== null);

/** The same rule as 'view', as a filter for list queries: which councils' children, and which granted children. */
export function childListScope(actor: Actor, facts: AccessFacts): { ownerIds: string[]; grantedIds: string[] } | null {
  if (!hasRole(actor, ...VIEW)) return null;
  const owners = new Set<string>();
  if (actor.orgKind === 'local-authority') owners.add(actor.orgId);
  for (const fn of CHILD_FUNCTIONS) for (const la of facts.delivers.get(fn) ?? []) owners.add(la);
  const grantedIds = [...facts.grants].filter((g) => g.startsWith('child:')).map((g) => g.slice('child:'.length));
  return { ownerIds: [...owners], grantedIds };
}
