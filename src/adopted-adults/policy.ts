// Who may do what with requests from adopted adults and their relatives. A request belongs to the
// council that holds the adoption record. Its social workers, team managers and support workers
// work on it; so do those of whoever the operating model gives that council's 'adopted-adults'
// function today (under a pooled model, the partnership); anyone else needs a grant on the
// request. These are among the most sensitive records Mercia holds, so no other role sees them,
// and a refusal to view looks like absence (404).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export const RECORD_TYPE = 'adopted-adult-request';

export interface AdoptedAdultRecord {
  /** Empty for a request not yet made. */
  id: string;
  /** The council that holds the adoption record. */
  ownerId: string;
}

export type AdoptedAdultAction = 'view' | 'open' | 'work' | 'close';

const STAFF: Role[] = ['social-worker', 'team-manager', 'support-worker'];

/** The owner's staff, those delivering the owner's adopted adults function today, or a grant holder on the request. */
function related(actor: Actor, facts: AccessFacts, r: AdoptedAdultRecord): boolean {
  return inOwnOrganisation(actor, r.ownerId) || deliversFor(facts, 'adopted-adults', r.ownerId) || (r.id !== '' && holdsGrant(facts, RECORD_TYPE, r.id));
}

export const adoptedAdultPolicy = new Policy<AdoptedAdultRecord, AdoptedAdultAction>(RECORD_TYPE)
  .allow('view', (actor, facts, r) => hasRole(actor, ...STAFF) && related(actor, facts, r))
  // A request is opened for a council by those who would work on it: a grant is on a request that exists.
  .allow('open', (actor, facts, r) => hasRole(actor, ...STAFF) && related(actor, facts, { ...r, id: '' }))
  .allow('work', (actor, facts, r) => hasRole(actor, ...STAFF) && related(actor, facts, r))
  // Recording the outcome (including a refusal, with its reason) closes the request for good.
  .allow('close', (actor, facts, r) => hasRole(actor, ...STAFF) && related(actor, facts, r));

export interface AdoptedAdultScope {
  ownerIds: string[];
  grantedIds: string[];
}

/** The 'view' rule as a filter for lists and the work queue. */
export function adoptedAdultListScope(actor: Actor, facts: AccessFacts): AdoptedAdultScope | null {
  if (!hasRole(actor, ...STAFF)) return null;
  const owners = new Set<string>(facts.delivers.get('adopted-adults') ?? []);
  owners.add(actor.orgId);
  const grantedIds = [...facts.grants].filter((g) => g.startsWith(`${RECORD_TYPE}:`)).map((g) => g.slice(RECORD_TYPE.length + 1));
  return { ownerIds: [...owners], grantedIds };
}

/** Whether the person has any part in services for adopted adults. */
export function mayUseAdoptedAdults(actor: Actor): boolean {
  return hasRole(actor, ...STAFF);
}
