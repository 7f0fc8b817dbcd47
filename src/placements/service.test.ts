// Placements through the real database (the seeded demo's organisations and people, with
// fixtures of this file's own): a child goes from introductions to the adoption order with every
// milestone and care episode written; each kind of disruption is recorded and counted; bad
// input is refused naming the field, with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as children from '../children/service.ts';
import { SealedRecordError } from '../children/loading.ts';
import * as placements from './service.ts';
import { PlacementFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: PlacementFixtures;
const SW = 'social-worker@herefordshire.example';
const ctxFor = (email = SW) => contextOf(handle.db, email);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
const fieldOf = (e: unknown) => { if (!(e instanceof ValidationError)) throw e; return e.errors.map((x) => x.field); };
const rows = async (table: 'placement' | 'placement_review' | 'disruption' | 'milestone' | 'care_episode' | 'audit_event') =>
  Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new PlacementFixtures(handle.db);
});
afterAll(() => handle.close());

async function introductions(childId: string, start = '2026-06-10', move = '2026-06-20') {
  return placements.start(handle.db, await ctxFor(), { childId, introductionsStart: start, plannedMoveOn: move });
}

describe('a placement', () => {
  it('takes a child from introductions to the adoption order, writing every milestone and care episode', async () => {
    const { childId, household } = await f.matchedChild('herefordshire');
    const ctx = await ctxFor();
    const id = await introductions(childId);
    await placements.reviewIntroductions(handle.db, ctx, id, { reviewedOn: '2026-06-15', outcome: 'extend', plannedMoveOn: '2026-06-22' });
    await placements.move(handle.db, ctx, id, { placedOn: '2026-06-22', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    expect((await placements.view(handle.db, ctx, id)).nextReviewDue).toBe('2026-07-20');
    await placements.addReview(handle.db, ctx, id, { heldOn: '2026-07-14', summary: 'Settling well; sleeping through.' });
    expect((await placements.view(handle.db, ctx, id)).nextReviewDue).toBe('2026-10-13');
    await placements.apply(handle.db, ctx, id, { appliedOn: '2026-08-31' });
    await placements.order(handle.db, ctx, id, { orderOn: '2026-11-20', orderCode: 'E11' });

    const view = await placements.view(handle.db, ctx, id);
    expect(view.placement).toMatchObject({ status: 'adopted', placedOn: '2026-06-22', appliedOn: '2026-08-31', orderOn: '2026-11-20', orderCode: 'E11', householdId: household.id });
    expect(view.nextReviewDue).toBeNull();
    // The child's case record is sealed by the order (read here as the areas that carry the adoption read it).
    await expect(children.view(handle.db, ctx, childId)).rejects.toBeInstanceOf(SealedRecordError);
    const child = await children.view(handle.db, ctx, childId, 'view', { seal: false });
    expect(child.child.stage).toBe('adopted');
    const kept = child.milestones.map((m) => [m.type, m.date, m.code]);
    expect(kept).toEqual(expect.arrayContaining([['placed-for-adoption', '2026-06-22', 'A6'], ['adoption-application', '2026-08-31', null], ['adoption-order', '2026-11-20', 'E11']]));
    const episodes = child.episodes.map((e) => [e.startDate, e.rne, e.legalStatus, e.placement, e.placementProvider, e.endDate, e.reasonCeased]);
    expect(episodes.slice(-2)).toEqual([
      ['2025-03-01', 'L', 'E1', 'U4', 'PR1', '2026-06-22', 'X1'],
      ['2026-06-22', 'P', 'E1', 'A6', 'PR1', '2026-11-20', 'E11'],
    ]);
    const status = await handle.db.selectFrom('household').select('status').where('id', '=', household.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('placed');
  });

  it('refuses an application before 10 weeks of living together, naming the first day, and writes nothing', async () => {
    const { childId } = await f.matchedChild('herefordshire');
    const ctx = await ctxFor();
    const id = await introductions(childId);
    await placements.move(handle.db, ctx, id, { placedOn: '2026-06-20', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    const before = await Promise.all([rows('milestone'), rows('audit_event')]);
    const e = await refusal(placements.apply(handle.db, ctx, id, { appliedOn: '2026-08-28' }));
    expect(fieldOf(e)).toEqual(['appliedOn']);
    expect((e as ValidationError).errors[0]!.message).toContain('29 August 2026');
    expect(await Promise.all([rows('milestone'), rows('audit_event')])).toEqual(before);
    expect(fieldOf(await refusal(placements.order(handle.db, ctx, id, { orderOn: '2026-11-01', orderCode: 'E11' })))).toEqual(['orderOn']);
  });

  it('refuses steps out of order or badly dated, naming the field', async () => {
    const { childId } = await f.matchedChild('herefordshire');
    const ctx = await ctxFor();
    expect(fieldOf(await refusal(introductions(childId, '2026-05-01')))).toEqual(['introductionsStart']);
    expect(fieldOf(await refusal(introductions(childId, '2026-06-10', '2026-06-01')))).toEqual(['plannedMoveOn']);
    const id = await introductions(childId);
    expect(await refusal(introductions(childId))).toBeInstanceOf(ConflictError);
    expect(fieldOf(await refusal(placements.move(handle.db, ctx, id, { placedOn: '2026-06-01', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' })))).toEqual(['placedOn']);
    expect(fieldOf(await refusal(placements.move(handle.db, ctx, id, { placedOn: '2026-12-20', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' })))).toEqual(['placedOn']);
    // A3 (with consent) needs the parents' consent, not a placement order: the children area's rule, on this form's field.
    const consent = await refusal(placements.move(handle.db, ctx, id, { placedOn: '2026-06-20', placementCode: 'A3', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }));
    expect(fieldOf(consent)).toEqual(['placedOn']);
    expect((consent as ValidationError).errors[0]!.message).toContain('consent');
    expect(fieldOf(await refusal(placements.move(handle.db, ctx, id, { placedOn: '2026-06-20', placementCode: 'A9', providerCode: 'PR1', placementPostcode: 'HR2 6JT' })))).toEqual(['placementCode']);
    const unmatched = await children.create(handle.db, ctx, { firstName: 'Not', lastName: 'Matched', dateOfBirth: '2022-01-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2024-01-01' });
    expect(fieldOf(await refusal(introductions(unmatched)))).toEqual(['childId']);
  });

  it('turns an early permanence placement (U5) into an adoptive one with the same carers (A5), and refuses any other change', async () => {
    const { childId } = await f.matchedChild('herefordshire');
    const ctx = await ctxFor();
    // Fostering for adoption: the child moved to these carers, approved adopters, before the match.
    await children.addEpisode(handle.db, ctx, childId, { startDate: '2026-05-04', rne: 'P', legalStatus: 'E1', placement: 'U5', placementProvider: 'PR1', reasonPlaceChange: 'CARPL' });
    const id = await introductions(childId);
    const wrong = await refusal(placements.move(handle.db, ctx, id, { placedOn: '2026-06-20', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }));
    expect((wrong as ValidationError).errors).toEqual([{ field: 'placementCode', message: expect.stringContaining('early permanence placement (U5)') }]);
    await placements.move(handle.db, ctx, id, { placedOn: '2026-06-20', placementCode: 'A5', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    const child = await children.view(handle.db, ctx, childId);
    expect(child.episodes.slice(-2).map((e) => [e.placement, e.endDate, e.reasonCeased])).toEqual([['U5', '2026-06-20', 'X1'], ['A5', null, null]]);
  });

  it('keeps A3 and A5 for a child placed with their current foster carers', async () => {
    const { childId } = await f.matchedChild('herefordshire');
    const ctx = await ctxFor();
    await children.addEpisode(handle.db, ctx, childId, { startDate: '2026-05-04', rne: 'P', legalStatus: 'E1', placement: 'K2', placementProvider: 'PR1', reasonPlaceChange: 'CARPL' });
    const id = await introductions(childId);
    const refused = await refusal(placements.move(handle.db, ctx, id, { placedOn: '2026-06-20', placementCode: 'A5', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }));
    expect((refused as ValidationError).errors).toEqual([{ field: 'placementCode', message: expect.stringContaining('not in foster care now (K2)') }]);
  });

  it('is as hidden as its children: another council gets 404, and an analyst who may see it cannot change it', async () => {
    const { childId } = await f.matchedChild('herefordshire');
    const id = await introductions(childId);
    expect(await refusal(placements.view(handle.db, await ctxFor('social-worker@shropshire.example'), id))).toBeInstanceOf(NotFoundError);
    expect((await placements.list(handle.db, await ctxFor('social-worker@shropshire.example'), {})).items.map((p) => p.id)).not.toContain(id);
    expect((await placements.list(handle.db, await ctxFor(), { child: childId })).items.map((p) => p.id)).toEqual([id]);
    const analyst = await ctxFor('analyst@herefordshire.example');
    expect((await placements.view(handle.db, analyst, id)).can.change).toBe(false);
    expect(await refusal(placements.move(handle.db, analyst, id, { placedOn: '2026-06-20', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }))).toBeInstanceOf(ForbiddenError);
  });
});

describe('disruptions', () => {
  it('during introductions end the steps with the family: the child waits again and the household is approved', async () => {
    const { childId, household } = await f.matchedChild('herefordshire');
    const ctx = await ctxFor();
    const id = await introductions(childId);
    await placements.disrupt(handle.db, ctx, id, { occurredOn: '2026-06-14', reasons: ['introductions', 'attachment'], details: 'The child was very distressed at each visit.', nextForChild: 'new-family' });
    const child = await children.view(handle.db, ctx, childId, 'view', { seal: false });
    expect(child.child.stage).toBe('placement-order');
    expect((await placements.view(handle.db, ctx, id)).placement.status).toBe('disrupted');
    expect((await handle.db.selectFrom('household').select('status').where('id', '=', household.id).executeTakeFirstOrThrow()).status).toBe('approved');
    // The child can be matched again, and placed, from the disruption on.
    await handle.db.transaction().execute(async (tx) => children.addMilestoneIn(tx, ctx, childId, { type: 'match', date: '2026-09-01' }, { householdId: household.id }));
    expect(await introductions(childId, '2026-09-05', '2026-09-12')).toBeTruthy();
  });

  it('before the order move the children to their next placement and may reverse the plan; after it they are counted', async () => {
    const ctx = await ctxFor();
    const before = await f.matchedChild('herefordshire');
    const placed = await introductions(before.childId);
    await placements.move(handle.db, ctx, placed, { placedOn: '2026-06-20', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    const refused = await refusal(placements.disrupt(handle.db, ctx, placed, { occurredOn: '2026-09-01', reasons: ['behaviour'], details: 'Violence towards the adopters.', nextForChild: 'foster-care' }));
    expect(fieldOf(refused)).toEqual(['nextPlacement']);
    await placements.disrupt(handle.db, ctx, placed, { occurredOn: '2026-09-01', reasons: ['behaviour'], details: 'Violence towards the adopters.', nextForChild: 'foster-care', nextPlacement: 'U4', nextPlacementPostcode: 'HR4 0LE', planReversed: 'RD1' });
    const child = await children.view(handle.db, ctx, before.childId, 'view', { seal: false });
    expect(child.child.stage).toBe('plan-reversed');
    expect(child.episodes.at(-1)).toMatchObject({ startDate: '2026-09-01', rne: 'P', legalStatus: 'E1', placement: 'U4', endDate: null });

    const after = await f.matchedChild('herefordshire');
    const adopted = await introductions(after.childId);
    await placements.move(handle.db, ctx, adopted, { placedOn: '2026-06-20', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    await placements.apply(handle.db, ctx, adopted, { appliedOn: '2026-09-01' });
    await placements.order(handle.db, ctx, adopted, { orderOn: '2026-10-01', orderCode: 'E12' });
    expect(fieldOf(await refusal(placements.disrupt(handle.db, ctx, adopted, { occurredOn: '2026-09-30', reasons: ['support'], details: 'x', nextForChild: 'foster-care' })))).toEqual(['occurredOn']);
    await placements.disrupt(handle.db, ctx, adopted, { occurredOn: '2026-11-10', reasons: ['support', 'other'], details: 'The family asked for the child to be accommodated.', nextForChild: 'foster-care' });
    expect((await children.view(handle.db, ctx, after.childId, 'view', { seal: false })).child.stage).toBe('adopted');

    const listed = await placements.disruptions(handle.db, ctx, {});
    expect(listed.byKind['before-order']).toBeGreaterThanOrEqual(1);
    expect(listed.byKind['after-order']).toBeGreaterThanOrEqual(1);
    expect(listed.items.map((d) => d.placementId)).toEqual(expect.arrayContaining([placed, adopted]));
    expect(fieldOf(await refusal(placements.disrupt(handle.db, ctx, adopted, { occurredOn: '2026-11-11', reasons: ['support'], details: 'Again', nextForChild: 'foster-care' })))).toEqual(['occurredOn']);
  });
});

describe('work', () => {
  it('lists a move whose day has passed, a review due, and an application the adopters may now make, to those who may work on the children', async () => {
    const ctx = await ctxFor();
    const late = await f.matchedChild('herefordshire');
    const moving = await introductions(late.childId, '2026-11-10', '2026-11-20');
    const due = await f.matchedChild('herefordshire');
    const reviewed = await introductions(due.childId, '2026-09-01', '2026-09-10');
    await placements.move(handle.db, ctx, reviewed, { placedOn: '2026-09-10', placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' });
    const work = await placements.dueWork(handle.db, ctx);
    const of = (id: string) => work.filter((w) => w.href === `/placements/${id}`).map((w) => [w.kind, w.dueOn, w.overdue]);
    expect(of(moving)).toEqual([['placement-move', '2026-11-20', true]]);
    expect(of(reviewed)).toEqual([['placement-review', '2026-10-08', true], ['adoption-application', '2026-11-19', false]]);
    expect((await placements.dueWork(handle.db, await ctxFor('analyst@herefordshire.example'))).filter((w) => w.href === `/placements/${moving}`)).toEqual([]);
    expect((await placements.dueWork(handle.db, await ctxFor('social-worker@shropshire.example'))).filter((w) => w.href === `/placements/${moving}`)).toEqual([]);
  });
});

describe('the demo', () => {
  it('has introductions planned for the children it matched with a household, through the service (audited)', async () => {
    const audited = await handle.db.selectFrom('audit_event').select('record_id').where('record_type', '=', 'placement').where('action', '=', 'create').execute();
    const demo = await handle.db.selectFrom('placement as p').select(['p.id', 'p.status', 'p.match_on', 'p.introductions_start', 'p.planned_move_on'])
      .where('p.id', 'in', handle.db.selectFrom('placement_child as pc').innerJoin('child as c', 'c.id', 'pc.child_id').select('pc.placement_id').where('c.last_name', 'not like', 'Fixture%').where('c.last_name', '!=', 'Matched'))
      .where('p.placed_on', 'is', null).execute();
    expect(demo.length).toBeGreaterThanOrEqual(5);
    for (const p of demo) {
      // Introductions, or introductions the demo then disrupted (one in each council).
      expect(['introductions', 'disrupted']).toContain(p.status);
      expect(p.introductions_start > p.match_on).toBe(true);
      expect(p.planned_move_on > p.introductions_start).toBe(true);
    }
    expect(audited.map((a) => a.record_id)).toEqual(expect.arrayContaining(demo.map((p) => p.id)));
  });

  it('has the placements behind the children it placed and adopted, and a disruption of each kind in each council, each audited', async () => {
    const history = await handle.db.selectFrom('placement').select(['id', 'status', 'placed_on', 'placement_code', 'provider_code', 'order_on', 'order_code']).where('placed_on', 'is not', null).execute();
    expect(history.filter((p) => p.status === 'adopted').length).toBeGreaterThanOrEqual(4);
    for (const p of history.filter((x) => x.status === 'adopted')) expect([p.order_on, p.order_code]).not.toContain(null);
    const disruptions = await handle.db.selectFrom('disruption as d').innerJoin('organisation as o', 'o.id', 'd.owner_id').select(['d.id', 'd.kind', 'o.slug']).execute();
    // A handful of each kind, across the councils.
    for (const kind of ['introductions', 'before-order', 'after-order']) expect(disruptions.filter((d) => d.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    const created = await handle.db.selectFrom('audit_event').select('record_id').where('record_type', '=', 'disruption').where('action', '=', 'create').execute();
    expect(created.map((a) => a.record_id)).toEqual(expect.arrayContaining(disruptions.map((d) => d.id)));
  });
});
