// Who may do what with a child's record. The record belongs to the child's placing council,
// which stays legally responsible. Its staff work on it by role; partnership (or provider)
// staff work on it only while the operating model gives their organisation the child's
// family finding or placement support for that council on the day; anyone else needs an
// explicit grant. A refusal is indistinguishable from absence (404).
//
// Once an adoption order is recorded the child's pre-adoption record is sealed: no one sees or
// changes it, however related, until someone in a named role opens it for the day with a stated
// reason (an opening is a 'sealed-child' grant they give themselves: retention.ts). The named
// roles are the team managers and agency decision makers related to the child, and whoever
// delivers the council's services to adopted adults (who must read the record to help them).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role, type ServiceFunction } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface ChildRecord {
  id: string;
  placingAuthorityId: string;
  /** An adoption order is recorded: the record is sealed (absent means not sealed: a child being registered). */
  sealed?: boolean;
}

export type ChildAction = 'view' | 'create' | 'update' | 'record-milestone' | 'view-birth-family' | 'manage-siblings' | 'open-sealed';

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
/** Who may open a sealed adoption record, with a reason, among those related to the child. */
export const SEALED_OPENERS: readonly Role[] = ['team-manager', 'decision-maker'];
/** Who may open one because they serve the council's adopted adults (its own, or delivering it today). */
const ADOPTED_ADULTS_OPENERS: Role[] = ['support-worker'];

/** Whether the person may open the sealed record (whether or not it is open). */
function mayOpenSealed(actor: Actor, facts: AccessFacts, c: ChildRecord): boolean {
  if (hasRole(actor, ...SEALED_OPENERS) && relationTo(actor, facts, c) !== null) return true;
  return hasRole(actor, ...ADOPTED_ADULTS_OPENERS) && (inOwnOrganisation(actor, c.placingAuthorityId) || deliversFor(facts, 'adopted-adults', c.placingAuthorityId));
}

/** The record is not sealed, or the person has opened it today and may still open it. */
function unsealedFor(actor: Actor, facts: AccessFacts, c: ChildRecord): boolean {
  return !c.sealed || (holdsGrant(facts, 'sealed-child', c.id) && mayOpenSealed(actor, facts, c));
}

/** Whoever opened a sealed record reads it, even without a casework role (an adopted adults worker). */
function viewable(actor: Actor, facts: AccessFacts, c: ChildRecord): boolean {
  if (c.sealed) return unsealedFor(actor, facts, c);
  return hasRole(actor, ...VIEW) && relationTo(actor, facts, c) !== null;
}

export const childPolicy = new Policy<ChildRecord, ChildAction>('child')
  .allow('view', viewable)
  .allow('open-sealed', (actor, facts, c) => c.sealed === true && mayOpenSealed(actor, facts, c))
  // A child is registered by the council that looks after them.
  .allow('create', (actor, _facts, c) => hasRole(actor, 'social-worker', 'team-manager') && inOwnOrganisation(actor, c.placingAuthorityId))
  .allow('update', (actor, facts, c) => hasRole(actor, ...CASEWORK) && relationTo(actor, facts, c) !== null && unsealedFor(actor, facts, c))
  // Decision makers record their own decisions (SHOBPA, match).
  .allow('record-milestone', (actor, facts, c) => hasRole(actor, ...CASEWORK, 'decision-maker') && relationTo(actor, facts, c) !== null && unsealedFor(actor, facts, c))
  // An opened sealed record shows the birth family to whoever opened it: that is what it is opened for.
  .allow('view-birth-family', (actor, facts, c) => (c.sealed ? unsealedFor(actor, facts, c) : hasRole(actor, ...CASEWORK) && relationTo(actor, facts, c) !== null))
  .allow('manage-siblings', (actor, facts, c) => hasRole(actor, ...CASEWORK) && relationTo(actor, facts, c) !== null && unsealedFor(actor, facts, c));

/**
 * What other areas ask of a child ignores the seal: the areas that carry the adoption itself (the
 * placement and its order, a disruption after it, support, letterbox) go on working with what
 * they need of the child, under their own rules. The seal shuts the child's own case record: its
 * pages, lists, search, API, notes, documents and chronology (loading.ts, service.ts).
 */
export function withoutSeal<C extends ChildRecord>(c: C): C {
  return c.sealed ? { ...c, sealed: false } : c;
}

export interface ChildScope {
  ownerIds: string[];
  grantedIds: string[];
  /** Sealed records the person has opened today: the only sealed ones a list may show. */
  openedSealedIds: string[];
}

/**
 * The same rule as 'view', as a filter for list queries: which councils' children, and which
 * granted children, leaving out sealed records unless opened. (Someone who reads only the sealed
 * records they open, an adopted adults worker, has no list: they reach a record by its address.)
 */
export function childListScope(actor: Actor, facts: AccessFacts): ChildScope | null {
  if (!hasRole(actor, ...VIEW)) return null;
  const owners = new Set<string>();
  if (actor.orgKind === 'local-authority') owners.add(actor.orgId);
  for (const fn of CHILD_FUNCTIONS) for (const la of facts.delivers.get(fn) ?? []) owners.add(la);
  const held = (type: string) => [...facts.grants].filter((g) => g.startsWith(`${type}:`)).map((g) => g.slice(type.length + 1));
  return { ownerIds: [...owners], grantedIds: held('child'), openedSealedIds: hasRole(actor, ...SEALED_OPENERS) ? held('sealed-child') : [] };
}
