// Who may do what with an adopter household. The household belongs to the agency that
// recruited or assessed it (owner_id). Its staff work on it by role; staff of an organisation
// that delivers assessment (or recruitment) for the household's home council today work on it
// too; anyone else needs an explicit grant. Family finders of every organisation in a
// partnership see the partnership's pool of approved, available households as profiles.
// A refusal to view is indistinguishable from absence (404).
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role, type ServiceFunction } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface HouseholdRecord {
  id: string;
  ownerId: string;
  homeCouncilId: string | null;
  status: string;
  /** The partnerships the owner is, or is a member or affiliate of, today. */
  ownerPartnerships: readonly string[];
}

export type HouseholdAction = 'view' | 'create' | 'update' | 'record-stage' | 'record-decision' | 'change-status';

/** The functions of the service that involve working on a household. */
export const HOUSEHOLD_FUNCTIONS: readonly ServiceFunction[] = ['assessment', 'recruitment'];

export type Relation = 'own' | 'delivered' | 'granted';

export function relationTo(actor: Actor, facts: AccessFacts, h: Pick<HouseholdRecord, 'id' | 'ownerId' | 'homeCouncilId'>): Relation | null {
  if (inOwnOrganisation(actor, h.ownerId)) return 'own';
  if (h.homeCouncilId && HOUSEHOLD_FUNCTIONS.some((fn) => deliversFor(facts, fn, h.homeCouncilId!))) return 'delivered';
  if (h.id && holdsGrant(facts, 'household', h.id)) return 'granted';
  return null;
}

// Family finders see the households they work with: their own agency's, and those a link grants them.
export const VIEW: Role[] = ['social-worker', 'team-manager', 'recruitment-officer', 'panel-adviser', 'decision-maker', 'training-coordinator', 'family-finder'];
const DETAILS: Role[] = ['social-worker', 'team-manager', 'recruitment-officer'];
const STAGES: Role[] = ['social-worker', 'team-manager'];
export const POOL: Role[] = ['family-finder'];

/** In the pool: approved and available, and owned by (a member of) a partnership the actor's organisation is in today. */
export function inPool(facts: AccessFacts, h: Pick<HouseholdRecord, 'status' | 'ownerPartnerships'>): boolean {
  return h.status === 'approved' && h.ownerPartnerships.some((p) => facts.partnerships.has(p));
}

export const householdPolicy = new Policy<HouseholdRecord, HouseholdAction>('household')
  .allow('view', (actor, facts, h) => hasRole(actor, ...VIEW) && relationTo(actor, facts, h) !== null)
  // A household is created by the agency that will own it, or (accepting a registration of
  // interest that a council's own front door received) by whoever delivers recruitment or
  // assessment for its home council today. A grant opens an existing household, never a new one.
  .allow('create', (actor, facts, h) => hasRole(actor, ...DETAILS) && ['own', 'delivered'].includes(relationTo(actor, facts, { ...h, id: '' }) ?? ''))
  .allow('update', (actor, facts, h) => hasRole(actor, ...DETAILS) && relationTo(actor, facts, h) !== null)
  .allow('record-stage', (actor, facts, h) => hasRole(actor, ...STAGES) && relationTo(actor, facts, h) !== null)
  // Only the agency decision maker records the ADM decision.
  .allow('record-decision', (actor, facts, h) => hasRole(actor, 'decision-maker') && relationTo(actor, facts, h) !== null)
  .allow('change-status', (actor, facts, h) => hasRole(actor, ...STAGES) && relationTo(actor, facts, h) !== null);

/** The same rule as 'view', as a filter for list queries. */
export function householdListScope(actor: Actor, facts: AccessFacts): { ownerIds: string[]; homeCouncilIds: string[]; grantedIds: string[] } | null {
  if (!hasRole(actor, ...VIEW)) return null;
  const homeCouncilIds = new Set<string>();
  for (const fn of HOUSEHOLD_FUNCTIONS) for (const la of facts.delivers.get(fn) ?? []) homeCouncilIds.add(la);
  const grantedIds = [...facts.grants].filter((g) => g.startsWith('household:')).map((g) => g.slice('household:'.length));
  return { ownerIds: [actor.orgId], homeCouncilIds: [...homeCouncilIds], grantedIds };
}

/** The partnerships whose pool the actor may search (none unless they are a family finder). */
export function poolScope(actor: Actor, facts: AccessFacts): string[] {
  return hasRole(actor, ...POOL) ? [...facts.partnerships] : [];
}
