import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { disruptions } from './disruptions.ts';
import { earlyPermanence } from './early-permanence.ts';
import { interAgency } from './inter-agency.ts';
import { linksDeclined } from './links-declined.ts';
import { waitingLonger } from './waiting-longer.ts';
import { ReportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: ReportFixtures;
let staffId: string;
const scope = () => f.scope('2025-04-01', '2026-03-31');

async function insert(table: string, values: Record<string, unknown>): Promise<string> {
  return (await handle.db.insertInto(table as never).values(values as never).returning('id' as never).executeTakeFirstOrThrow() as { id: string }).id;
}

/** A placement of the children with the household, disrupted on `on` in the way given. */
async function disrupted(councilId: string, householdId: string, childIds: string[], kind: string, on: string) {
  const placementId = await insert('placement', { owner_id: councilId, household_id: householdId, status: 'disrupted', match_on: '2025-01-01', introductions_start: '2025-01-10', planned_move_on: '2025-01-20' });
  for (const id of childIds) await handle.db.insertInto('placement_child').values({ placement_id: placementId, child_id: id } as never).execute();
  await insert('disruption', { owner_id: councilId, placement_id: placementId, household_id: householdId, kind, occurred_on: on, reasons: ['other'], details: 'Fixture', next_for_child: 'new-family' });
}

async function link(councilId: string, householdId: string, o: { closed?: [string, string]; matched?: string }) {
  return insert('link', {
    household_id: householdId, placing_authority_id: councilId, status: o.closed ? 'closed' : o.matched ? 'matched' : 'interest', opened_on: '2025-01-01', opened_by: staffId, opened_from: 'child',
    closed_on: o.closed?.[0] ?? null, close_reason: o.closed?.[1] ?? null, matched_on: o.matched ?? null,
  });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await new ReportFixtures(handle.db).setUp();
  staffId = (await handle.db.selectFrom('staff').select('id').where('email', '=', 'social-worker@avon.example').executeTakeFirstOrThrow()).id;
});
afterAll(() => handle.close());

describe('disruptions', () => {
  it('counts children and families by type in the period', async () => {
    const h = await f.household(f.partnership, f.avon, { approved: '2024-01-01' });
    const [a, b, c] = [await f.child(f.avon), await f.child(f.avon), await f.child(f.brent)];
    await disrupted(f.avon, h, [a, b], 'introductions', '2025-05-01');
    await disrupted(f.brent, h, [c], 'after-order', '2025-06-01');
    await disrupted(f.brent, h, [await f.child(f.brent)], 'before-order', '2024-06-01');
    const { tables } = await disruptions.run(handle.db, await f.ctx('analyst@avon.example'), scope());
    expect(tables[0]!.rows).toEqual([
      { council: 'Avon', introductions: 2, 'before-order': 0, 'after-order': 0, 'all-kinds': 2 },
      { council: 'Brent', introductions: 0, 'before-order': 0, 'after-order': 1, 'all-kinds': 1 },
      { council: 'Test Partnership (all its councils)', introductions: 2, 'before-order': 0, 'after-order': 1, 'all-kinds': 3 },
    ]);
    expect(tables[1]!.rows.at(-1)).toMatchObject({ 'families-introductions': 1, 'families-after-order': 1, 'families-all-kinds': 2 });
    expect((await disruptions.drill!(handle.db, await f.ctx('analyst@avon.example'), scope(), `introductions:${f.avon}`))?.ids.sort()).toEqual([a, b].sort());
  });
});

describe('early permanence', () => {
  it('counts FfA and concurrent placements begun in the period, and those that became adoptive with the carers', async () => {
    await f.child(f.avon, { milestones: [['shobpa', '2025-04-10'], ['early-permanence', '2025-05-01', 'ffa'], ['placement-order', '2025-06-01', 'order'], ['match', '2025-07-01'], ['placed-for-adoption', '2025-08-01', 'A5']] });
    await f.child(f.avon, { milestones: [['adoption-plan', '2025-04-10'], ['early-permanence', '2025-05-01', 'concurrent']] });
    await f.child(f.brent, { milestones: [['adoption-plan', '2024-04-10'], ['early-permanence', '2024-05-01', 'ffa']] });
    const { tables } = await earlyPermanence.run(handle.db, await f.ctx('analyst@avon.example'), scope());
    expect(tables[0]!.rows).toEqual([
      { council: 'Avon', ffa: 1, concurrent: 1, 'all-ep': 2, 'became-adoptive': 1, 'became-adoptive-share': 50 },
      { council: 'Brent', ffa: 0, concurrent: 0, 'all-ep': 0, 'became-adoptive': 0, 'became-adoptive-share': null },
      { council: 'Test Partnership (all its councils)', ffa: 1, concurrent: 1, 'all-ep': 2, 'became-adoptive': 1, 'became-adoptive-share': 50 },
    ]);
  });
});

describe('children who wait longer', () => {
  it('counts the waiting children in each group at the period end, with their recorded reasons', async () => {
    const group = await f.siblingGroup(f.brent);
    const older = await f.child(f.brent, { born: '2018-01-01', ethnicity: 'BAFR', milestones: [['shobpa', '2025-06-01']], waitingReasons: ['age', 'ethnicity-or-heritage'] });
    await f.child(f.brent, { siblingGroupId: group, disabled: true, milestones: [['shobpa', '2025-06-01']], episodes: [{ start: '2024-01-01' }], waitingReasons: ['sibling-group'] });
    await f.child(f.brent, { milestones: [['shobpa', '2025-06-01']] });
    const ctx = await f.ctx('analyst@brent.example');
    const { tables } = await waitingLonger.run(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'));
    const brent = tables[0]!.rows[1];
    expect(brent).toEqual({ council: 'Brent', waiting: 3, sibling: 1, disabled: 1, minority: 1, older: 1, 'long-in-care': 1, 'any-group': 2 });
    expect(tables[1]!.rows[1]).toMatchObject({ 'with-reason': 2, 'reason-age': 1, 'reason-ethnicity-or-heritage': 1, 'reason-sibling-group': 1, 'reason-disability': 0 });
    expect((await waitingLonger.drill!(handle.db, ctx, scope(), `reason-age:${f.brent}`))?.ids).toEqual([older]);
  });
});

describe('links declined and inter-agency placements', () => {
  it('counts links closed without a match by reason, and matches bought and sold outside the partnership with their fees', async () => {
    const outside = await insert('organisation', { kind: 'agency', name: 'Outside Agency', slug: 'outside-agency', code: null });
    const otherCouncil = await insert('organisation', { kind: 'local-authority', name: 'Cleve', slug: 'cleve', code: 'E06000903' });
    const ours = await f.household(f.partnership, f.avon, { approved: '2024-01-01' });
    const theirs = await f.household(outside, null, { approved: '2024-01-01' });
    const brents = await f.household(f.brent, f.brent, { approved: '2024-01-01' });
    await link(f.avon, ours, { closed: ['2025-05-01', 'adopters-declined'] });
    await link(f.avon, ours, { closed: ['2025-05-02', 'child-needs'] });
    await link(f.brent, ours, { closed: ['2024-05-02', 'child-needs'] });
    const bought = await link(f.avon, theirs, { matched: '2025-07-01' });
    await handle.db.insertInto('inter_agency_fee').values({ link_id: bought, payer_id: f.avon, payee_id: outside, financial_year: 2025, provider_kind: 'vaa', children: 1, amount_pence: 3924500, london_weighting: false, recorded_on: '2025-07-01' } as never).execute();
    await link(f.avon, brents, { matched: '2025-07-01' }); // within the partnership: not inter-agency
    await link(otherCouncil, ours, { matched: '2025-08-01' }); // sold, no fee recorded
    const ctx = await f.ctx('analyst@test-partnership.example');
    const declined = await linksDeclined.run(handle.db, ctx, scope());
    expect(declined.tables[0]!.rows[0]).toMatchObject({ council: 'Avon', closed: 2, 'adopters-declined': 1, 'child-needs': 1 });
    expect(declined.tables[0]!.rows.at(-1)).toMatchObject({ closed: 2 });
    const trade = await interAgency.run(handle.db, ctx, scope());
    expect(trade.tables[0]!.rows).toEqual([
      { council: 'Avon', bought: 1, 'bought-fee-recorded': 1, 'bought-fees': 39245 },
      { council: 'Brent', bought: 0, 'bought-fee-recorded': 0, 'bought-fees': 0 },
      { council: 'Test Partnership (all its councils)', bought: 1, 'bought-fee-recorded': 1, 'bought-fees': 39245 },
    ]);
    expect(trade.tables[1]!.rows).toEqual([
      { council: 'Avon', sold: 1, 'sold-fee-recorded': 0, 'sold-fees': 0 },
      { council: 'Brent', sold: 0, 'sold-fee-recorded': 0, 'sold-fees': 0 },
      { council: 'Test Partnership (all its councils)', sold: 1, 'sold-fee-recorded': 0, 'sold-fees': 0 },
    ]);
    expect((await interAgency.drill!(handle.db, ctx, scope(), `bought:${f.avon}`))?.ids).toEqual([theirs]);
  });
});
