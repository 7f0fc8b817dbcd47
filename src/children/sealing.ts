// Sealed adoption records: once the adoption order is recorded, the child's pre-adoption record
// is opened only by a named role (policy.ts), for the day, with a stated reason. The opening is
// an access grant the person gives themselves, so it is read with their other grants on every
// request, shows among the record's grants, and can be revoked; the reason is in the audit log.
import { z } from 'zod';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { NotFoundError } from '../core/errors.ts';
import { blank, parseInput } from '../core/validation.ts';
import * as staffStore from '../staff/store.ts';
import { adoptionRecordRetention } from './chronology.ts';
import { childPolicy } from './policy.ts';
import * as store from './store.ts';

const openingInput = z.object({
  // Blank is "enter it"; a word or two is not a reason.
  reason: z.preprocess(blank, z.string({ error: 'Enter why you need to open this record' }).trim()
    .max(2000, { error: 'The reason must be 2000 characters or fewer' })
    // Letters and digits, not dots or invisible characters, make a reason.
    .refine((r) => (r.match(/[\p{L}\p{N}]/gu) ?? []).length >= 10, { error: 'Say why you need to open this record, in at least 10 letters' })),
});

/**
 * What the sealed-record page may say: the order's date and how long the record is kept, and
 * whether the person may open it. Only for someone who would see the record were it not sealed,
 * or who may open it: anyone else is told it is not there.
 */
export async function sealedRecord(db: Db, ctx: RequestContext, id: string) {
  const child = await store.findChild(db, id);
  const related = child?.sealed && (childPolicy.can(ctx.actor, ctx.facts, 'open-sealed', child) || childPolicy.can(ctx.actor, ctx.facts, 'view', { ...child, sealed: false }));
  if (!child || !related) throw new NotFoundError('Child');
  const milestones = await store.milestonesOf(db, id);
  return {
    id, council: child.placingAuthorityName,
    orderOn: milestones.find((m) => m.type === 'adoption-order')?.date ?? null,
    retention: adoptionRecordRetention(milestones),
    mayOpen: childPolicy.can(ctx.actor, ctx.facts, 'open-sealed', child),
  };
}

/** Open a sealed record for the rest of the day, with the reason: refused (and nothing kept) without one. */
export async function openSealedRecord(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const facts = await sealedRecord(db, ctx, id);
  if (!facts.mayOpen) throw new NotFoundError('Child');
  const { reason } = parseInput(openingInput, raw);
  await db.transaction().execute(async (tx) => {
    const child = (await store.findChild(tx, id))!;
    const today = ctx.facts.today;
    const grant = await staffStore.insertGrant(tx, {
      staffId: ctx.actor.staffId, recordType: 'sealed-child', recordId: id, ownerId: child.placingAuthorityId,
      reason, validFrom: today, validTo: today, grantedBy: ctx.actor.staffId,
    });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'open-sealed', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId,
      detail: { reason, grant, until: today },
    });
  });
}
