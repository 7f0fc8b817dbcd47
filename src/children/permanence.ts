// The child's previous permanence (SSDA903 PrevPerm): the order the child had before this period
// of care, one row per child, read on the child's page and set on its own small page and the API.
// The table is the SSDA903 area's (migrations/007_ssda903.sql); its import writes the same row.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import '../interop/ssda903/tables.ts';
import { previousPermanenceInput } from './input.ts';
import { loadChild } from './loading.ts';
import { previousPermanenceProblems, type PreviousPermanence } from './return-fields.ts';

export async function previousPermanenceOf(db: Db, childId: string): Promise<PreviousPermanence | null> {
  const row = await db.selectFrom('previous_permanence').select(['previous_order as previousOrder', 'la_code as laCode', 'order_date as orderDate'])
    .where('child_id', '=', childId).executeTakeFirst();
  // A row imported with PREV_PERM blank says nothing: shown as not recorded.
  return row && row.previousOrder !== null ? { previousOrder: row.previousOrder, laCode: row.laCode, orderDate: row.orderDate } : null;
}

/** Record (or replace) the child's previous permanence: the child's 'update' action, audited before and after. */
export async function setPreviousPermanence(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<PreviousPermanence> {
  const input = parseInput(previousPermanenceInput, raw);
  const value: PreviousPermanence = { previousOrder: input.previousOrder, laCode: input.laCode ?? null, orderDate: input.orderDate ?? null };
  return db.transaction().execute(async (tx) => {
    const child = await loadChild(tx, ctx, id, 'update');
    const problems = previousPermanenceProblems(value, { periodStart: child.periodStart, dateOfBirth: child.dateOfBirth, today: ctx.facts.today });
    if (problems.length) throw new ValidationError(problems);
    const before = await previousPermanenceOf(tx, id);
    await tx.insertInto('previous_permanence').values({ child_id: id, previous_order: value.previousOrder, la_code: value.laCode, order_date: value.orderDate })
      .onConflict((oc) => oc.column('child_id').doUpdateSet({ previous_order: value.previousOrder, la_code: value.laCode, order_date: value.orderDate, updated_at: new Date() }))
      .execute();
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId,
      detail: { before: { previousPermanence: before }, after: { previousPermanence: value } },
    });
    return value;
  });
}
