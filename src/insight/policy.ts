// Who may use Insight, and whose figures they see (decision 021).
//
// Insight is for the people who run and answer for the service: analysts, team managers, agency
// decision makers, finance officers and administrators. Caseworkers (social workers, family
// finders, …) work from their lists and the children's pages; panel members see their panel.
//
// Figures are counts and averages, but a small council's figure is close to a child's story, so a
// person sees figures only for the councils whose children their organisation works with today:
// their own council, or the councils whose family finding or placement support their partnership
// (or agency) delivers today — the councils of the children list's scope (children/policy.ts),
// whatever the person's role. A grant on one child is not a council. A partnership's figures are
// shown only to someone who sees every one of its member councils. Who is named behind a figure
// is the children's (or households') own list rule, not this one.
import { deliversFor, hasRole, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';
import { CHILD_FUNCTIONS } from '../children/policy.ts';

export const INSIGHT_ROLES: readonly Role[] = ['analyst', 'team-manager', 'decision-maker', 'finance-officer', 'admin'];

export interface InsightTarget {
  /** The council whose figures are asked for (absent: Insight itself). */
  councilId?: string;
}

export type InsightAction = 'use' | 'see-council';

function worksWithCouncil(actor: Actor, facts: AccessFacts, councilId: string): boolean {
  return inOwnOrganisation(actor, councilId) || CHILD_FUNCTIONS.some((fn) => deliversFor(facts, fn, councilId));
}

export const insightPolicy = new Policy<InsightTarget, InsightAction>('insight')
  .allow('use', (actor) => hasRole(actor, ...INSIGHT_ROLES))
  .allow('see-council', (actor, facts, t) => hasRole(actor, ...INSIGHT_ROLES) && t.councilId !== undefined && worksWithCouncil(actor, facts, t.councilId));

/** The same rule as 'see-council', as the list of councils (for filters and defaults). */
export function insightCouncilIds(actor: Actor, facts: AccessFacts): string[] {
  if (!hasRole(actor, ...INSIGHT_ROLES)) return [];
  const ids = new Set<string>();
  if (actor.orgKind === 'local-authority') ids.add(actor.orgId);
  for (const fn of CHILD_FUNCTIONS) for (const id of facts.delivers.get(fn) ?? []) ids.add(id);
  return [...ids];
}
