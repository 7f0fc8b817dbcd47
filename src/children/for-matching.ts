// What matching asks of the children area: the children a family is found for (a child alone, or
// a sibling group placed together), the children waiting in the person's scope, whether the
// person may work on a link's children, and the councils a child must not be placed in. The
// child policy is applied here, so matching never decides who may see or change a child.
import { z } from 'zod';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { parseInput, uuid } from '../core/validation.ts';
import { childListScope, childPolicy, withoutSeal, type ChildAction } from './policy.ts';
import { SealedRecordError } from './loading.ts';
import * as store from './store.ts';

export type { MatchFacts } from './store.ts';

/**
 * The child and, when their sibling group is to be placed together, every sibling: the subject a
 * family is found for. 404 where the child's page would be; 403 if the person may see the child
 * but not do `action` to it (or to every sibling).
 */
export async function childrenPlacedTogether(db: Db, ctx: RequestContext, id: string, action: ChildAction = 'update', options: { seal?: boolean } = {}): Promise<{ group: { id: string; name: string } | null; children: store.MatchFacts[] }> {
  // Finding a family is before the adoption: a sealed record is as shut here as on its own page.
  // Placements, which carry the adoption itself, ask with `seal: false` (policy.ts withoutSeal).
  const unsealed = <C extends store.MatchFacts>(c: C) => (options.seal === false ? withoutSeal(c) : c);
  const [found] = await store.matchFactsOf(db, [id]);
  const child = found && unsealed(found);
  if (child) refuseSealed(ctx, child);
  if (!child || !childPolicy.can(ctx.actor, ctx.facts, 'view', child)) throw new NotFoundError('Child');
  if (!childPolicy.can(ctx.actor, ctx.facts, action, child)) throw new ForbiddenError();
  if (!child.siblingGroupId || child.siblingDecision !== 'together') return { group: null, children: [child] };
  const siblings = await store.matchFactsOf(db, await store.siblingIds(db, child.siblingGroupId));
  if (siblings.some((s) => !childPolicy.can(ctx.actor, ctx.facts, action, unsealed(s)))) throw new ForbiddenError(`You cannot work on every child in the sibling group ${child.siblingGroupName ?? ''}`);
  return { group: { id: child.siblingGroupId, name: child.siblingGroupName ?? 'Sibling group' }, children: siblings };
}

/** A sealed record the person would otherwise see (or may open) is refused as on its own page: 403, sealed. */
function refuseSealed(ctx: RequestContext, child: store.MatchFacts): void {
  if (!child.sealed || childPolicy.can(ctx.actor, ctx.facts, 'view', child)) return;
  const mayOpen = childPolicy.can(ctx.actor, ctx.facts, 'open-sealed', child);
  if (mayOpen || childPolicy.can(ctx.actor, ctx.facts, 'view', withoutSeal(child))) throw new SealedRecordError(child.id, mayOpen);
}

/** The waiting children the person may see (the children list's scope), for ranking a household's possible links. */
export async function waitingChildrenFor(db: Db, ctx: RequestContext): Promise<store.MatchFacts[]> {
  const scope = childListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  return (await store.waitingMatchFacts(db, scope)).filter((c) => childPolicy.can(ctx.actor, ctx.facts, 'view', c));
}

/** Whether the person may work on ('update') every one of these children. */
export async function mayWorkOnChildren(db: Db, ctx: RequestContext, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const children = await store.findChildren(db, ids);
  return children.length === new Set(ids).size && children.every((c) => childPolicy.can(ctx.actor, ctx.facts, 'update', c));
}

/** Whether the person may see every one of these children (their pages would show). */
export async function mayViewChildren(db: Db, ctx: RequestContext, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const children = await store.findChildren(db, ids);
  return children.length === new Set(ids).size && children.every((c) => childPolicy.can(ctx.actor, ctx.facts, 'view', c));
}

const avoidInput = z.object({
  avoidCouncilIds: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(uuid('a council')).max(50, { error: 'Choose up to 50 councils' })),
});

/** The councils the child must not be placed in (near the birth family, or for the child's safety): matching leaves out households living there. */
export async function setAvoidCouncils(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(avoidInput, raw);
  await db.transaction().execute(async (tx) => {
    const [child] = await store.matchFactsOf(tx, [id]);
    if (child) refuseSealed(ctx, child);
    if (!child || !childPolicy.can(ctx.actor, ctx.facts, 'view', child)) throw new NotFoundError('Child');
    if (!childPolicy.can(ctx.actor, ctx.facts, 'update', child)) throw new ForbiddenError();
    const after = [...new Set(input.avoidCouncilIds)];
    await store.setAvoidCouncils(tx, id, after);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId,
      detail: { before: { avoidCouncilIds: child.avoidCouncilIds }, after: { avoidCouncilIds: after } },
    });
  });
}
