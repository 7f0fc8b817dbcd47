// Who may do what with letterbox contact. An agreement (and its exchanges) belongs to the child's
// placing council. Its own social workers, team managers and support workers work on it; so do
// those of whoever the operating model gives the council's post-order support on the day (the
// partnership, under a pooled model); anyone else needs a grant on the agreement. Setting up and
// changing an agreement's terms is for social workers and team managers; support workers (the
// letterbox coordinators) record and screen the exchanges. Whether a person sees the birth
// relatives' names is the children area's answer (who may see the child's birth family), asked
// by the service. A refusal to view looks like absence (404).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface AgreementRecord {
  /** Empty for one not yet made. */
  id: string;
  ownerId: string;
}

export type AgreementAction = 'view' | 'manage';
/** An exchange is asked about with its agreement's facts: it is as visible as the agreement. */
export type ExchangeAction = 'view' | 'record';

const VIEW: Role[] = ['social-worker', 'team-manager', 'support-worker'];
const MANAGE: Role[] = ['social-worker', 'team-manager'];

/** The person's organisation owns the agreement, delivers the owner's post-order support today, or they hold a grant on it. */
function related(actor: Actor, facts: AccessFacts, a: AgreementRecord): boolean {
  return inOwnOrganisation(actor, a.ownerId) || deliversFor(facts, 'post-order-support', a.ownerId) || (a.id !== '' && holdsGrant(facts, 'letterbox-agreement', a.id));
}

const sees = (actor: Actor, facts: AccessFacts, a: AgreementRecord) => hasRole(actor, ...VIEW) && related(actor, facts, a);

export const agreementPolicy = new Policy<AgreementRecord, AgreementAction>('letterbox-agreement')
  .allow('view', sees)
  .allow('manage', (actor, facts, a) => hasRole(actor, ...MANAGE) && related(actor, facts, a));

export const exchangePolicy = new Policy<AgreementRecord, ExchangeAction>('letterbox-exchange')
  .allow('view', sees)
  // The letterbox coordinators (support workers) and the child's workers receive, screen, forward and file.
  .allow('record', sees);

/** The 'view' rule as a filter for lists: which councils' agreements, and which granted ones. */
export function agreementListScope(actor: Actor, facts: AccessFacts): { ownerIds: string[]; grantedIds: string[] } | null {
  if (!hasRole(actor, ...VIEW)) return null;
  const owners = new Set<string>(facts.delivers.get('post-order-support') ?? []);
  owners.add(actor.orgId);
  const grantedIds = [...facts.grants].filter((g) => g.startsWith('letterbox-agreement:')).map((g) => g.slice('letterbox-agreement:'.length));
  return { ownerIds: [...owners], grantedIds };
}

/** Whether the person has any part in letterbox contact: the roles that may see an agreement. */
export function mayUseLetterbox(actor: Actor): boolean {
  return hasRole(actor, ...VIEW);
}
