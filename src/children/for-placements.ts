// What placements ask of the children area: the children a placement is for (a child alone, or
// a sibling group placed together) with their journeys, which children a person may see, and the
// children list's scope for listing placements. The child policy is applied here, so a placement
// is exactly as visible, and as open to change, as its children.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { currentCycle, type Milestone } from './model.ts';
import { childrenPlacedTogether } from './for-matching.ts';
import { childListScope, childPolicy, withoutSeal } from './policy.ts';
import { placeChangeReasonNeeded } from './return-fields.ts';
import * as store from './store.ts';

export interface ChildToPlace {
  id: string;
  name: string;
  placingAuthorityId: string;
  placingAuthorityName: string;
  milestones: Milestone[];
  /** The legal status of the open care episode (the move keeps it); null when none is open. */
  openLegalStatus: string | null;
  /** The placement (903 PLACE) of the open care episode: an early permanence placement is U2 or U5. */
  openPlacement: string | null;
  /** The day the open care episode began; null when none is open. */
  openSince: string | null;
  /** The match decision of the current attempt (not ended by a disruption or a reversal), with the household. */
  match: { householdId: string; on: string } | null;
}

function matchOf(milestones: readonly Milestone[]): ChildToPlace['match'] {
  const match = currentCycle(milestones).cycle.filter((m) => m.type === 'match').at(-1);
  return match?.householdId ? { householdId: match.householdId, on: match.date } : null;
}

/**
 * The child and, when their sibling group is placed together, every sibling, with their
 * milestones: 404 where the child's page would be, 403 unless the person may work on every one.
 */
export async function childrenToPlace(db: Db, ctx: RequestContext, id: string): Promise<{ group: { id: string; name: string } | null; children: ChildToPlace[] }> {
  const { group, children } = await childrenPlacedTogether(db, ctx, id, 'update', { seal: false });
  const milestones = await store.milestonesOfMany(db, children.map((c) => c.id));
  const open = await Promise.all(children.map(async (c) => (await store.episodesOf(db, c.id)).find((e) => e.endDate === null)));
  return {
    group,
    children: children.map((c, i) => ({
      id: c.id, name: `${c.firstName} ${c.lastName}`, placingAuthorityId: c.placingAuthorityId, placingAuthorityName: c.placingAuthorityName,
      milestones: milestones.get(c.id) ?? [], openLegalStatus: open[i]?.legalStatus ?? null, openPlacement: open[i]?.placement ?? null, openSince: open[i]?.startDate ?? null, match: matchOf(milestones.get(c.id) ?? []),
    })),
  };
}

/**
 * The reason for a change of placement to give with a child's new placement episode (RNE P): the
 * reason where the DfE asks for one (an open episode ends with the move, neither placement
 * temporary: rule 225), and none where it asks for none (rule 226).
 */
export function placeChangeReasonFor(child: ChildToPlace, next: { startDate: string; placement: string | null | undefined }, reason: string): string | undefined {
  const ends = child.openSince !== null && child.openSince < next.startDate;
  return ends && placeChangeReasonNeeded({ placement: child.openPlacement }, { rne: 'P', placement: next.placement ?? null }) ? reason : undefined;
}

/**
 * Of these children, those the person may see, and those they may work on. Placements, which
 * carry the adoption itself, ask with `seal: false`; anyone else gets the sealed record shut.
 */
export async function childAccess(db: Db, ctx: RequestContext, ids: readonly string[], options: { seal?: boolean } = {}): Promise<{ view: Set<string>; update: Set<string> }> {
  const children = await store.findChildren(db, ids);
  const as = (c: (typeof children)[number]) => (options.seal === false ? withoutSeal(c) : c);
  const may = (action: 'view' | 'update') => new Set(children.filter((c) => childPolicy.can(ctx.actor, ctx.facts, action, as(c))).map((c) => c.id));
  return { view: may('view'), update: may('update') };
}

/** The children list's scope (the same rule as seeing a child), for listing what concerns children. */
export function childScope(ctx: RequestContext): { ownerIds: string[]; grantedIds: string[] } | null {
  return childListScope(ctx.actor, ctx.facts);
}
