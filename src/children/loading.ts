// Loading a child for a use case, and keeping its derived stage and key dates current: shared by
// the children area's services (service.ts, episodes-service.ts).
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { isLookedAfter, keyDates, periodOfCareStart, stageOf } from './model.ts';
import { childPolicy, withoutSeal, type ChildAction } from './policy.ts';
import * as store from './store.ts';

/**
 * A sealed adoption record that the person would otherwise see, or may open: they are told it is
 * sealed (and, on the child's page, offered to open it), where anyone else is told it is not there.
 */
export class SealedRecordError extends ForbiddenError {
  constructor(readonly childId: string, readonly mayOpen: boolean) {
    super(mayOpen
      ? 'This adoption record is sealed: open it from the child\'s page, stating your reason'
      : 'This adoption record is sealed: only a team manager, an agency decision maker or a worker for adopted adults may open it');
  }
}

/**
 * The child, if the person may do this to them; a refusal to view looks exactly like absence.
 * `seal: false` is for the areas that carry the adoption itself (policy.ts withoutSeal).
 */
export async function loadChild(db: Db, ctx: RequestContext, id: string, action: ChildAction = 'view', options: { seal?: boolean } = {}): Promise<store.ChildRow> {
  const found = await store.findChild(db, id);
  const child = found && options.seal === false ? withoutSeal(found) : found;
  if (child && child.sealed && !childPolicy.can(ctx.actor, ctx.facts, 'view', child)) {
    const mayOpen = childPolicy.can(ctx.actor, ctx.facts, 'open-sealed', child);
    if (mayOpen || childPolicy.can(ctx.actor, ctx.facts, 'view', { ...child, sealed: false })) throw new SealedRecordError(child.id, mayOpen);
  }
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
