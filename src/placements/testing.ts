// Fixtures for the placements tests: a child of a council matched with a household, as the
// children and panel areas would have left them (in care with a placement order, legal status
// E1, the match decision naming the household, the household matched).
import type { Db } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import * as children from '../children/service.ts';

const CODES: Record<string, string> = { herefordshire: 'E06000019', shropshire: 'E06000051', worcestershire: 'E10000034', havering: 'E09000016' };

export class PlacementFixtures {
  private n = 0;

  constructor(private readonly db: Db) {}

  /** A household of the council's, approved; matched when it becomes the child's match. */
  async household(ownerSlug: string): Promise<{ id: string; reference: string }> {
    const h = await this.db.selectFrom('household as h').innerJoin('organisation as o', 'o.id', 'h.owner_id')
      .select(['h.id', 'h.reference']).where('o.slug', '=', ownerSlug).where('h.status', 'in', ['approved']).orderBy('h.reference').offset(this.n).executeTakeFirstOrThrow();
    return h;
  }

  /** A child of the council, matched on `matchOn` with a household of `householdOwner` (the partnership's by default, which assesses for its councils). */
  async matchedChild(ownerSlug: string, o: { matchOn?: string; householdOwner?: string } = {}) {
    const n = ++this.n;
    const ctx = await contextOf(this.db, `social-worker@${ownerSlug}.example`);
    const childId = await children.create(this.db, ctx, {
      firstName: 'Placement', lastName: `Fixture${n}`, dateOfBirth: '2022-04-02', sex: 'M', ethnicity: 'WBRI', placingAuthority: CODES[ownerSlug]!, enteredCare: '2024-02-01',
      legalStatus: 'C2', placement: 'U4', placementProvider: 'PR1',
    });
    await children.addEpisode(this.db, ctx, childId, { startDate: '2025-03-01', rne: 'L', legalStatus: 'E1', placement: 'U4', placementProvider: 'PR1' });
    await children.addMilestone(this.db, ctx, childId, { type: 'shobpa', date: '2025-01-10' });
    await children.addMilestone(this.db, ctx, childId, { type: 'placement-order', date: '2025-03-01', code: 'order' });
    const household = await this.household(o.householdOwner ?? 'west-mercia');
    await this.db.transaction().execute((tx) => children.addMilestoneIn(tx, ctx, childId, { type: 'match', date: o.matchOn ?? '2026-06-01' }, { householdId: household.id }));
    await this.db.updateTable('household').set({ status: 'matched' }).where('id', '=', household.id).execute();
    return { childId, household };
  }
}
