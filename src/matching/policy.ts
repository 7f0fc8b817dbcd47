// Who may do what in matching. A link joins two records that belong to different areas (the
// child's, kept by the placing council; the household's, kept by its agency), so a link's rules
// are written over the person's two sides, each answered by that record's own area: the child
// side (the person may work on every child of the link: the children service's 'update') and
// the household side (the person may work on the household: the adopters service's 'update').
// Matching never decides who may see a child or a household; it decides what a person on
// either side may do with the link between them. A refusal to view looks like absence (404).
//
// Ranked lists show households as profiles (reference, agency, council area, approval terms; no
// names), the way a national register of approved adopters does: family finders and the
// child's caseworkers see every approved, available household in Mercia, so no child waits
// because the right family belongs to another agency.
import { hasRole, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface LinkRecord {
  id: string;
  status: string;
  /** The person may work on every child of the link (their own area's answer). */
  childSide: boolean;
  /** The person may work on the household (its own area's answer). */
  householdSide: boolean;
}

export type LinkAction = 'view' | 'open' | 'progress' | 'close';

/** The roles that search for families and work on links: the child's and the adopters' caseworkers. */
export const MATCHERS: readonly Role[] = ['family-finder', 'social-worker', 'team-manager'];
/** The roles that see links (read only) besides the matchers: the decision makers and panel advisers who hear them. */
const READERS: readonly Role[] = ['decision-maker', 'panel-adviser'];

const onEitherSide = (l: LinkRecord) => l.childSide || l.householdSide;
const open = (l: LinkRecord) => l.status !== 'closed' && l.status !== 'matched';

export const linkPolicy = new Policy<LinkRecord, LinkAction>('link')
  .allow('view', (actor, _facts, l) => hasRole(actor, ...MATCHERS, ...READERS) && onEitherSide(l))
  // Started by the child's family finder (or caseworker) or by the adopters' worker.
  .allow('open', (actor, _facts, l) => hasRole(actor, ...MATCHERS) && onEitherSide(l))
  .allow('progress', (actor, _facts, l) => hasRole(actor, ...MATCHERS) && onEitherSide(l) && open(l))
  .allow('close', (actor, _facts, l) => hasRole(actor, ...MATCHERS) && onEitherSide(l) && open(l));

export type MatchingAction = 'browse-profiles' | 'set-weights';

/** Matching that concerns no single record: seeing household profiles in ranked lists, and a partnership's weights. */
export const matchingPolicy = new Policy<{ organisationId: string }, MatchingAction>('matching')
  .allow('browse-profiles', (actor) => hasRole(actor, ...MATCHERS))
  // The weights are the partnership's (or a council's own, outside one): its own team managers set them.
  .allow('set-weights', (actor, _facts, o) => hasRole(actor, 'team-manager') && actor.orgId === o.organisationId);

export function mayBrowseProfiles(actor: Actor, facts: AccessFacts): boolean {
  return matchingPolicy.can(actor, facts, 'browse-profiles', { organisationId: actor.orgId });
}
