// Who may do what with support after adoption. A support case belongs to the council responsible
// for the family's support today (the child's placing council for three years after the adoption
// order, then the council where the family lives: model.ts). Its staff work on it by role; so do
// the staff of whoever the operating model gives that council's post-order support today (under
// the partnership model, the partnership); so do the caseworkers of the child's own council,
// whoever is responsible; anyone else needs a grant. Adoption allowances are the paying
// council's, and follow the operating model's financial support. A refusal to view looks like
// absence (404).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface SupportCaseRecord {
  /** The case (empty for one not yet opened). */
  id: string;
  /** The council responsible today. */
  ownerId: string;
  /** The child's placing council. */
  childCouncilId: string;
}

export interface AllowanceRecord {
  /** The council that pays. */
  payerId: string;
}

export type SupportAction = 'view' | 'open' | 'work' | 'record-decision';
export type AllowanceAction = 'view' | 'manage';

const VIEW: Role[] = ['support-worker', 'social-worker', 'team-manager', 'finance-officer'];
const WORK: Role[] = ['support-worker', 'social-worker', 'team-manager'];
/** Recording the fund's decision on an application: those who answer for the money. */
const DECIDE: Role[] = ['team-manager', 'finance-officer'];
/** The child's own council's caseworkers. */
const CHILD_CASEWORK: Role[] = ['social-worker', 'team-manager'];

/** The responsible council's staff, or those delivering its post-order support today. */
function serves(actor: Actor, facts: AccessFacts, c: SupportCaseRecord): boolean {
  return inOwnOrganisation(actor, c.ownerId) || deliversFor(facts, 'post-order-support', c.ownerId);
}

function related(actor: Actor, facts: AccessFacts, c: SupportCaseRecord, roles: Role[]): boolean {
  if (!hasRole(actor, ...roles)) return false;
  if (serves(actor, facts, c)) return true;
  if (inOwnOrganisation(actor, c.childCouncilId) && hasRole(actor, ...CHILD_CASEWORK.filter((r) => roles.includes(r)))) return true;
  return c.id !== '' && holdsGrant(facts, 'support-case', c.id);
}

export const supportPolicy = new Policy<SupportCaseRecord, SupportAction>('support-case')
  .allow('view', (actor, facts, c) => related(actor, facts, c, VIEW))
  // A case is opened by those who would work on it.
  .allow('open', (actor, facts, c) => related(actor, facts, { ...c, id: '' }, WORK))
  .allow('work', (actor, facts, c) => related(actor, facts, c, WORK))
  .allow('record-decision', (actor, facts, c) => related(actor, facts, c, DECIDE));

export const allowancePolicy = new Policy<AllowanceRecord, AllowanceAction>('adoption-allowance')
  .allow('view', (actor, facts, a) => hasRole(actor, ...VIEW) && (inOwnOrganisation(actor, a.payerId) || deliversFor(facts, 'financial-support', a.payerId)))
  .allow('manage', (actor, facts, a) => hasRole(actor, 'finance-officer', 'team-manager') && (inOwnOrganisation(actor, a.payerId) || deliversFor(facts, 'financial-support', a.payerId)));

// ---- list scope: the 'view' rule as a filter ----------------------------------------------------------

export interface SupportScope {
  /** Cases whose responsible council is one of these. */
  ownerIds: string[];
  /** Cases of children these councils placed. */
  childCouncilIds: string[];
  grantedIds: string[];
}

export function supportListScope(actor: Actor, facts: AccessFacts, roles: readonly Role[] = VIEW): SupportScope | null {
  if (!hasRole(actor, ...roles)) return null;
  const owners = new Set<string>([actor.orgId, ...(facts.delivers.get('post-order-support') ?? [])]);
  const childCouncilIds = hasRole(actor, ...CHILD_CASEWORK.filter((r) => roles.includes(r))) ? [actor.orgId] : [];
  const grantedIds = [...facts.grants].filter((g) => g.startsWith('support-case:')).map((g) => g.slice('support-case:'.length));
  return { ownerIds: [...owners], childCouncilIds, grantedIds };
}

/** The scope of the cases the person may work on (for their work queue). */
export const supportWorkScope = (actor: Actor, facts: AccessFacts) => supportListScope(actor, facts, WORK);

/** Whether the person has any part in support after adoption. */
export function mayUseSupport(actor: Actor): boolean {
  return hasRole(actor, ...VIEW);
}
