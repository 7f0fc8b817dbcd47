// Fixtures for the placements tests: a child of a council matched with a household, as the
// children and panel areas would have left them (in care with a placement order, legal status
// E1, the match decision naming the household, the household matched); a sibling group matched
// to be placed together; and a placement already at a step (introductions, placed, applied,
// adopted, disrupted), taken there through the service by the council's social worker.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import * as children from '../children/service.ts';
import * as placements from './service.ts';

const CODES: Record<string, string> = { herefordshire: 'E06000019', shropshire: 'E06000051', worcestershire: 'E10000034', havering: 'E09000016' };

export type Household = { id: string; reference: string };
export type PlacementStage = 'introductions' | 'placed' | 'applied' | 'adopted' | 'disrupted';

/** The dates each stage is reached on (the tests' today is 2026-11-23). */
export const STAGE_DATES = { introductionsStart: '2026-06-10', plannedMoveOn: '2026-06-20', placedOn: '2026-06-20', appliedOn: '2026-09-01', orderOn: '2026-10-01', disruptedOn: '2026-06-14' } as const;

export class PlacementFixtures {
  private n = 0;

  constructor(private readonly db: Db) {}

  /** A household of the council's, approved; matched when it becomes the child's match. */
  async household(ownerSlug: string): Promise<Household> {
    const h = await this.db.selectFrom('household as h').innerJoin('organisation as o', 'o.id', 'h.owner_id')
      .select(['h.id', 'h.reference']).where('o.slug', '=', ownerSlug).where('h.status', 'in', ['approved']).orderBy('h.reference').offset(this.n).executeTakeFirstOrThrow();
    return h;
  }

  /** A child of the council in care with a placement order (legal status E1), not yet matched. */
  private async childInCare(ctx: RequestContext, ownerSlug: string, dateOfBirth = '2022-04-02'): Promise<string> {
    const childId = await children.create(this.db, ctx, {
      firstName: 'Placement', lastName: `Fixture${++this.n}`, dateOfBirth, sex: 'M', ethnicity: 'WBRI', placingAuthority: CODES[ownerSlug]!, enteredCare: '2024-02-01',
      legalStatus: 'C2', placement: 'U4', placementProvider: 'PR1',
    });
    await children.addEpisode(this.db, ctx, childId, { startDate: '2025-03-01', rne: 'L', legalStatus: 'E1', placement: 'U4', placementProvider: 'PR1' });
    await children.addMilestone(this.db, ctx, childId, { type: 'shobpa', date: '2025-01-10' });
    await children.addMilestone(this.db, ctx, childId, { type: 'placement-order', date: '2025-03-01', code: 'order' });
    return childId;
  }

  /**
   * A child of the council, matched on `matchOn` with a household of `householdOwner` (the
   * partnership's by default, which assesses for its councils), or with the `household` given
   * (the demo has too few approved households for a matrix of fresh children: several may share one).
   */
  async matchedChild(ownerSlug: string, o: { matchOn?: string; householdOwner?: string; household?: Household } = {}) {
    const ctx = await contextOf(this.db, `social-worker@${ownerSlug}.example`);
    const childId = await this.childInCare(ctx, ownerSlug);
    const household = o.household ?? await this.household(o.householdOwner ?? 'west-mercia');
    await this.db.transaction().execute((tx) => children.addMilestoneIn(tx, ctx, childId, { type: 'match', date: o.matchOn ?? '2026-06-01' }, { householdId: household.id }));
    await this.db.updateTable('household').set({ status: 'matched' }).where('id', '=', household.id).execute();
    return { childId, household };
  }

  /** Two children of the council in a sibling group to be placed together, matched as one with the household. */
  async matchedSiblings(ownerSlug: string, o: { matchOn?: string; household: Household }) {
    const ctx = await contextOf(this.db, `social-worker@${ownerSlug}.example`);
    const childIds = [await this.childInCare(ctx, ownerSlug, '2021-03-02'), await this.childInCare(ctx, ownerSlug, '2022-04-02')];
    const groupId = await children.createSiblingGroup(this.db, ctx, { name: `Fixture siblings ${this.n}`, childIds });
    await children.recordSiblingDecision(this.db, ctx, groupId, { decision: 'together', date: '2025-02-01', reasons: 'A close bond' });
    await this.db.transaction().execute((tx) => children.addMilestoneIn(tx, ctx, childIds[0]!, { type: 'match', date: o.matchOn ?? '2026-06-01' }, { householdId: o.household.id }));
    await this.db.updateTable('household').set({ status: 'matched' }).where('id', '=', o.household.id).execute();
    return { childIds, groupId, household: o.household };
  }

  /**
   * A placement of the matched child (or children) taken to a stage by the council's social
   * worker: introductions from 10 June 2026, moved in on 20 June, applied on 1 September,
   * adopted on 1 October, or disrupted during introductions on 14 June (or on `disruptedOn`).
   */
  async placementAt(ownerSlug: string, childId: string, stage: PlacementStage, o: { disruptedOn?: string } = {}): Promise<string> {
    const ctx = await contextOf(this.db, `social-worker@${ownerSlug}.example`);
    const d = STAGE_DATES;
    const id = await placements.start(this.db, ctx, { childId, introductionsStart: d.introductionsStart, plannedMoveOn: d.plannedMoveOn });
    if (stage === 'disrupted') {
      await placements.disrupt(this.db, ctx, id, { occurredOn: o.disruptedOn ?? d.disruptedOn, reasons: ['introductions'], details: 'The child was distressed at each visit.', nextForChild: 'new-family' });
      return id;
    }
    if (stage === 'introductions') return id;
    await placements.move(this.db, ctx, id, { placedOn: d.placedOn, placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    if (stage === 'placed') return id;
    await placements.apply(this.db, ctx, id, { appliedOn: d.appliedOn });
    if (stage === 'applied') return id;
    await placements.order(this.db, ctx, id, { orderOn: d.orderOn, orderCode: 'E11' });
    return id;
  }
}
