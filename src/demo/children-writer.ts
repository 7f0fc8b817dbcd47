// Writes the demo children (children-generator.ts) for every demo council: in large batches in
// one transaction, bypassing the service (and its audit trail) as the staff seeding does.
import '../interop/ssda903/tables.ts';
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';
import { generateChildren, type ChildPlan } from './children-generator.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const CHUNK = 500;

/** Who adopted each adopted child (the AD1 facts), from a random source of their own so the rest of the demo is unchanged. */
function adoptionsOf(children: readonly ChildPlan[]) {
  const r = new Random(903);
  return children.filter((c) => c.milestones.some((m) => m.type === 'adoption-order')).map((c) => {
    const placed = c.milestones.find((m) => m.type === 'placed-for-adoption')?.code;
    const [count, sexes, legalStatus] = r.pick([[2, 'MF', 'L11'], [2, 'MF', 'L11'], [2, 'MF', 'L11'], [2, 'MF', 'L3'], [2, 'FF', 'L12'], [2, 'MM', 'L2'], [2, 'FF', 'L4'], [1, 'F1', 'L0'], [1, 'F1', 'L0'], [1, 'M1', 'L0']] as const);
    return {
      child_id: c.id, adopted_by_foster_carer: placed === 'A3' || placed === 'A5', adopter_count: count, adopter_sexes: sexes, adopter_legal_status: legalStatus,
    };
  });
}

async function insertAll<T>(db: Db, table: 'sibling_group' | 'child' | 'care_episode' | 'milestone' | 'child_need' | 'birth_family_member' | 'waiting_reason' | 'waiting_review' | 'child_adoption' | 'previous_permanence', rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
}

/** The demo step: children for every demo council, written in batches in one transaction. */
export async function seedChildren(demo: DemoContext): Promise<void> {
  if (!demo.children) return;
  const staff = new Map((await demo.db.selectFrom('staff').select(['id', 'email']).execute()).map((s) => [s.email, s.id]));
  const { children, siblingGroups } = generateChildren(new Random(demo.random.int(0, 2 ** 31 - 1)), demo.today, demo.scale, demo.orgs, staff);
  const base = Date.parse(`${demo.today}T00:00:00Z`);
  await demo.db.transaction().execute(async (tx) => {
    await insertAll(tx, 'sibling_group', siblingGroups);
    await insertAll(tx, 'child', children.map((c) => c.row));
    await insertAll(tx, 'care_episode', children.flatMap((c) => c.episodes.map((e) => ({
      child_id: c.id, start_date: e.startDate, rne: e.rne, legal_status: e.legalStatus, placement: e.placement,
      placement_provider: e.placementProvider, end_date: e.endDate, reason_ceased: e.reasonCeased,
      cin: e.cin ?? null, reason_place_change: e.reasonPlaceChange ?? null, home_postcode: e.homePostcode ?? null, placement_postcode: e.placementPostcode ?? null, urn: e.urn ?? null,
    }))));
    await insertAll(tx, 'previous_permanence', children.flatMap((c) => (c.previousPermanence ? [{
      child_id: c.id, previous_order: c.previousPermanence.previousOrder, la_code: c.previousPermanence.laCode, order_date: c.previousPermanence.orderDate,
    }] : [])));
    // Recorded on the day, in order, so same-day milestones keep their order (the store sorts by date, then recorded_at).
    await insertAll(tx, 'milestone', children.flatMap((c) => c.milestones.map((m, i) => ({
      child_id: c.id, type: m.type, date: m.date, code: m.code, notes: m.notes, recorded_by: m.recordedBy,
      recorded_at: new Date(Math.min(Date.parse(`${m.date}T12:00:00Z`), base) + i * 1000),
    }))));
    await insertAll(tx, 'child_need', children.flatMap((c) => c.needs.map((n, i) => ({ child_id: c.id, category: n.category, notes: n.notes, position: i }))));
    await insertAll(tx, 'birth_family_member', children.flatMap((c) => c.birthFamily.map((m, i) => ({ child_id: c.id, name: m.name, relationship: m.relationship, area: m.area, position: i }))));
    await insertAll(tx, 'waiting_reason', children.flatMap((c) => c.waitingReasons.map((w) => ({ child_id: c.id, reason: w.reason, notes: w.notes, recorded_by: w.recordedBy }))));
    await insertAll(tx, 'waiting_review', children.flatMap((c) => c.waitingReviews.map((w) => ({ child_id: c.id, review_date: w.reviewDate, summary: w.summary, reviewed_by: w.reviewedBy }))));
    await insertAll(tx, 'child_adoption', adoptionsOf(children));
  });
  // Statistics for the planner after a bulk load (PGlite runs no autovacuum to gather them).
  await sql`analyze child, care_episode, milestone`.execute(demo.db);
}
