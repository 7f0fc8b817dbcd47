// Loading a child for a use case, and keeping its derived stage and key dates current: shared by
// the children area's services (service.ts, episodes-service.ts).
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { isLookedAfter, keyDates, periodOfCareStart, stageOf } from './model.ts';
import { childPolicy, type ChildAction } from './policy.ts';
import * as store from './store.ts';

/** The child, if the person may do this to them; a refusal to view looks exactly like absence. */
export async function loadChild(db: Db, ctx: RequestContext, id: string, action: ChildAction = 'view'): Promise<store.ChildRow> {
  const child = await store.findChild(db, id);
  if (!child || !childPolicy.can(ctx.actor, ctx.facts, 'view', child)) throw new NotFoundError('Child');
  if (action !== 'view' && !childPolicy.can(ctx.actor, ctx.facts, action, child)) throw new ForbiddenError();
  return child;
}

/** Recompute the stored stage and key dates from the episodes and milestones. */
export async function refreshDerived(db: Db, childId: string, today: string): Promise<void> {
  const [episodes, milestones] = await Promise.all([store.episodesOf(db, childId), store.milestonesOf(db, childId)]);
  const lookedAfter = isLookedAfter(episodes, today);
  await store.setDerived(db, childId, { stage: stageOf(milestones, lookedAfter), periodStart: periodOfCareStart(episodes), lookedAfter, ...keyDates(milestones) });
}
