// What is kept, and the purge job. An adoption record is kept at least 100 years from the order
// and never deleted (the database refuses it: migration 021). The record of a child who was not
// adopted is deleted once it has been closed (the child no longer looked after, and nothing
// recorded) for the retention period the operator sets (MERCIA_RETENTION_YEARS). Each child is
// deleted in its own transaction: all of the children area's rows go, or none. A record that
// other records still point at (a placement, a match, case notes and documents, which are kept
// as written) is kept and reported with the reason, never half-deleted. Every run is reported,
// and kept in retention_run; each deletion is in the audit log.
import { sql } from 'kysely';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ValidationError } from '../core/errors.ts';
import './tables.ts';

/** The children area's own tables, deleted with the child (each has a child_id). */
const OWN_TABLES = ['child_need', 'birth_family_member', 'care_episode', 'milestone', 'waiting_reason', 'waiting_review', 'child_adoption', 'previous_permanence'] as const;

export interface PurgeReport {
  dryRun: boolean;
  retentionYears: number;
  /** Records closed on or before this day are due. */
  closedBy: string;
  deleted: { id: string; ownerId: string; closedOn: string }[];
  kept: { id: string; ownerId: string; closedOn: string; reason: string }[];
}

/** The day `years` before `today` (29 February falls back to 28 February). */
export function yearsBefore(today: string, years: number): string {
  const y = Number(today.slice(0, 4)) - years;
  const md = today.slice(4);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}${md === '-02-29' && !leap ? '-02-28' : md}`;
}

/** Children never adopted, not looked after, whose last recorded day is on or before `closedBy`. */
async function dueForDeletion(db: Db, closedBy: string) {
  const rows = await sql<{ id: string; ownerId: string; closedOn: string }>`
    select c.id, c.placing_authority_id as "ownerId", closed.on::text as "closedOn"
    from child c
    cross join lateral (select greatest(
      (select max(coalesce(e.end_date, e.start_date)) from care_episode e where e.child_id = c.id),
      (select max(m.date) from milestone m where m.child_id = c.id),
      c.updated_at::date) as on) closed
    where not c.looked_after
      and not exists (select 1 from milestone m where m.child_id = c.id and m.type = 'adoption-order')
      and not exists (select 1 from care_episode e where e.child_id = c.id and e.end_date is null)
      and closed.on <= ${closedBy}::date
    order by closed.on, c.id`.execute(db);
  return rows.rows;
}

/** What else still points at the child, which keeps the record (casework is kept as written). */
async function keptBecause(db: Db, childId: string): Promise<string | null> {
  const { rows } = await sql<{ notes: boolean; documents: boolean }>`
    select exists (select 1 from case_note n where n.record_type = 'child' and n.record_id = ${childId}) as notes,
           exists (select 1 from document d where d.record_type = 'child' and d.record_id = ${childId}) as documents`.execute(db);
  if (rows[0]?.notes) return 'it has case notes, which are kept as written';
  if (rows[0]?.documents) return 'it has documents, which are kept as written';
  return null;
}

async function deleteChild(db: Db, child: { id: string; ownerId: string; closedOn: string }, retentionYears: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const table of OWN_TABLES) await sql`delete from ${sql.table(table)} where child_id = ${child.id}`.execute(tx);
    await sql`delete from child where id = ${child.id}`.execute(tx);
    await recordAudit(tx, { actor: null, action: 'purge', recordType: 'child', recordId: child.id, ownerId: child.ownerId, detail: { closedOn: child.closedOn, retentionYears } });
  });
}

/** A foreign key from another area's table: the record is still in use there. */
function linkedFrom(error: unknown): string | null {
  const e = error as { code?: string; table?: string };
  return e.code === '23503' ? `other records still refer to it (${e.table ?? 'another table'})` : null;
}

/**
 * Delete the records of children not adopted that have been closed for `retentionYears`, or,
 * with `dryRun`, say which would go. Adoption records are never candidates.
 */
export async function purgeClosedRecords(db: Db, options: { today: string; retentionYears: number; dryRun: boolean }): Promise<PurgeReport> {
  // Refused before anything is deleted: a run that could not be reported does not run.
  if (!Number.isInteger(options.retentionYears) || options.retentionYears < 1 || options.retentionYears > 200) throw ValidationError.of('retentionYears', 'The retention period must be a whole number of years from 1 to 200');
  const closedBy = yearsBefore(options.today, options.retentionYears);
  const report: PurgeReport = { dryRun: options.dryRun, retentionYears: options.retentionYears, closedBy, deleted: [], kept: [] };
  for (const child of await dueForDeletion(db, closedBy)) {
    const because = await keptBecause(db, child.id);
    if (because) { report.kept.push({ ...child, reason: because }); continue; }
    if (options.dryRun) { report.deleted.push(child); continue; }
    try {
      await deleteChild(db, child, options.retentionYears);
      report.deleted.push(child);
    } catch (error) {
      const reason = linkedFrom(error);
      if (!reason) throw error;
      report.kept.push({ ...child, reason });
    }
  }
  await db.insertInto('retention_run').values({
    dry_run: options.dryRun, retention_years: options.retentionYears, deleted: report.deleted.length, kept: report.kept.length,
    report: JSON.stringify({ closedBy, deleted: report.deleted, kept: report.kept }),
  }).execute();
  return report;
}
