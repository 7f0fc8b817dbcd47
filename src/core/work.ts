// Work due from someone: each area that has deadlines offers a source that lists the items due
// from the signed-in person (ROI decisions, Stage 1/2 overdue, checks expiring, …). The one list
// of sources is built where the app is assembled (web/work-sources.ts) and passed in here. The
// home page shows them live; a daily job keeps a snapshot (core/jobs.ts).
import { auditActor, type RequestContext } from './access.ts';
import { recordAudit } from './audit.ts';
import type { Db } from './db.ts';

export interface WorkItem {
  /** e.g. 'roi-decision', 'stage-1-overdue', 'check-expiring', 'approval-review'. */
  kind: string;
  /** What to do, naming the household or enquiry (shown to the person; showing it is audited). */
  title: string;
  href: string;
  dueOn: string;
  overdue: boolean;
  /** The personal record the item is about, with its owner: showing the item is audited against it. */
  record?: { type: string; id: string; ownerId: string };
}

export type WorkSource = (db: Db, ctx: RequestContext) => Promise<WorkItem[]>;

/** Everything due from the person, overdue first, then by date. */
export async function workDue(db: Db, ctx: RequestContext, sources: readonly WorkSource[]): Promise<WorkItem[]> {
  const items = (await Promise.all(sources.map((s) => s(db, ctx)))).flat();
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}

/** The person's queue, for showing to them: the items name people, so showing them is audited. */
export async function showWorkDue(db: Db, ctx: RequestContext, sources: readonly WorkSource[]): Promise<WorkItem[]> {
  const items = await workDue(db, ctx, sources);
  await auditWorkShown(db, ctx, items);
  return items;
}

/** Record that these items of the person's queue were shown to them (a page of them, say). */
export async function auditWorkShown(db: Db, ctx: RequestContext, items: readonly WorkItem[]): Promise<void> {
  if (items.length) {
    await recordAudit(db, {
      actor: auditActor(ctx.actor), action: 'search', recordType: 'work-queue', ownerId: ctx.actor.orgId, detail: { shown: items.map((i) => i.href) },
      records: items.flatMap((i) => (i.record ? [i.record] : [])),
    });
  }
}

/** Replace the person's snapshot for the day with what is due now. */
export async function snapshotWork(db: Db, ctx: RequestContext, sources: readonly WorkSource[]): Promise<number> {
  const items = await workDue(db, ctx, sources);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('work_item').where('staff_id', '=', ctx.actor.staffId).where('computed_on', '=', ctx.facts.today).execute();
    if (items.length) {
      await tx.insertInto('work_item').values(items.map((i) => ({
        staff_id: ctx.actor.staffId, computed_on: ctx.facts.today, kind: i.kind, title: i.title, href: i.href, due_on: i.dueOn, overdue: i.overdue,
      }))).execute();
    }
  });
  return items.length;
}
