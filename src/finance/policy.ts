// Who may see and change the finance and needs-analysis figures. They are management figures,
// not casework: those who answer for money and performance see them — finance officers,
// analysts, team managers and administrators. A council's own staff see their council's
// figures; a partnership's staff see those of the councils that are its members today (a
// partnership's board looks across its councils; a council does not look into another's).
// Population and looked-after figures (the needs analysis) are kept by finance officers and
// analysts; budgets, contributions and foster-care costs by finance officers alone.
import { hasRole, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface CouncilFigures {
  councilId: string;
  /** The partnerships the council is a member of today. */
  partnershipIds: readonly string[];
}

export type FinanceAction = 'view' | 'edit-needs' | 'edit-finance';

export const VIEW: readonly Role[] = ['finance-officer', 'analyst', 'team-manager', 'admin'];
const EDIT_NEEDS: Role[] = ['finance-officer', 'analyst'];
const EDIT_FINANCE: Role[] = ['finance-officer'];

/** The person's organisation is the council, or a partnership the council is a member of. */
function covers(actor: Actor, facts: AccessFacts, c: CouncilFigures): boolean {
  if (inOwnOrganisation(actor, c.councilId)) return true;
  return actor.orgKind === 'partnership' && facts.partnerships.has(actor.orgId) && c.partnershipIds.includes(actor.orgId);
}

export const financePolicy = new Policy<CouncilFigures, FinanceAction>('finance')
  .allow('view', (actor, facts, c) => hasRole(actor, ...VIEW) && covers(actor, facts, c))
  .allow('edit-needs', (actor, facts, c) => hasRole(actor, ...EDIT_NEEDS) && covers(actor, facts, c))
  .allow('edit-finance', (actor, facts, c) => hasRole(actor, ...EDIT_FINANCE) && covers(actor, facts, c));

/** The councils, of those given, whose figures the person may take this action on. */
export function councilsFor(actor: Actor, facts: AccessFacts, councils: readonly CouncilFigures[], action: FinanceAction = 'view'): string[] {
  return councils.filter((c) => financePolicy.can(actor, facts, action, c)).map((c) => c.councilId);
}

/** Whether the person has any part in finance (the navigation's item). */
export function mayUseFinance(actor: Actor): boolean {
  return hasRole(actor, ...VIEW) && actor.orgKind !== 'agency';
}

export const mayEditNeeds = (actor: Actor) => hasRole(actor, ...EDIT_NEEDS) && actor.orgKind !== 'agency';
export const mayEditFinance = (actor: Actor) => hasRole(actor, ...EDIT_FINANCE) && actor.orgKind !== 'agency';
