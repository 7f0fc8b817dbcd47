// Who may do what with birth family support. A case belongs to the child's placing council (the
// record stays the council's). Its support workers, social workers and team managers work on it;
// so do those of whoever the operating model gives the council's birth family support today (the
// partnership, under Options 2 and 3); anyone else needs a grant on the case. Closing a case (and
// reopening it) is for the support workers who run it and team managers. Whether a person sees the
// child's record linked from the case is the children area's answer, asked by the service. A
// refusal to view looks like absence (404).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export const RECORD_TYPE = 'birth-family-case';

export interface BirthFamilyRecord {
  /** The case (empty for one not yet opened). */
  id: string;
  /** The child's placing council. */
  ownerId: string;
}

export type BirthFamilyAction = 'view' | 'open' | 'work' | 'close';

const VIEW: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const WORK: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const CLOSE: Role[] = ['support-worker', 'team-manager'];

/** The owning council's staff, or those delivering its birth family support today, or a grant on the case. */
function related(actor: Actor, facts: AccessFacts, c: BirthFamilyRecord): boolean {
  return inOwnOrganisation(actor, c.ownerId) || deliversFor(facts, 'birth-family-support', c.ownerId) || (c.id !== '' && holdsGrant(facts, RECORD_TYPE, c.id));
}

export const birthFamilyPolicy = new Policy<BirthFamilyRecord, BirthFamilyAction>(RECORD_TYPE)
  .allow('view', (actor, facts, c) => hasRole(actor, ...VIEW) && related(actor, facts, c))
  // A case is opened by those who would work on it; a grant is on a case that exists.
  .allow('open', (actor, facts, c) => hasRole(actor, ...WORK) && related(actor, facts, { ...c, id: '' }))
  .allow('work', (actor, facts, c) => hasRole(actor, ...WORK) && related(actor, facts, c))
  .allow('close', (actor, facts, c) => hasRole(actor, ...CLOSE) && related(actor, facts, c));

export interface BirthFamilyScope {
  ownerIds: string[];
  grantedIds: string[];
}

/** The 'view' rule as a filter for lists (or, with the work roles, the cases for the work queue). */
export function birthFamilyListScope(actor: Actor, facts: AccessFacts, roles: readonly Role[] = VIEW): BirthFamilyScope | null {
  if (!hasRole(actor, ...roles)) return null;
  const owners = new Set<string>([actor.orgId, ...(facts.delivers.get('birth-family-support') ?? [])]);
  const grantedIds = [...facts.grants].filter((g) => g.startsWith(`${RECORD_TYPE}:`)).map((g) => g.slice(RECORD_TYPE.length + 1));
  return { ownerIds: [...owners], grantedIds };
}

/** The councils the person may open a case for: their own and those whose birth family support they deliver. */
export function openScope(actor: Actor, facts: AccessFacts): string[] {
  if (!hasRole(actor, ...WORK)) return [];
  return [...new Set([actor.orgId, ...(facts.delivers.get('birth-family-support') ?? [])])];
}

/** Whether the person has any part in birth family support. */
export function mayUseBirthFamilySupport(actor: Actor): boolean {
  return hasRole(actor, ...VIEW);
}
