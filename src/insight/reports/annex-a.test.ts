import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { annexAList10, twelveMonthsTo } from './annex-a-list-10.ts';
import { annexAList11 } from './annex-a-list-11.ts';
import { ReportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: ReportFixtures;
const scope = () => f.scope('2025-04-01', '2026-03-31');

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await new ReportFixtures(handle.db).setUp();
});
afterAll(() => handle.close());

describe('Annex A List 10', () => {
  it('covers the 12 months to the period end', () => {
    expect(twelveMonthsTo('2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('lists the children with a decision in the 12 months, with their dates, only those the person\'s list would show', async () => {
    const household = await f.household(f.partnership, f.avon, { approved: '2024-01-01' });
    await handle.db.updateTable('household').set({ reference: 'FAM1' }).where('id', '=', household).execute();
    await f.child(f.avon, {
      born: '2022-05-01', disabled: true, episodes: [{ start: '2023-01-01' }],
      milestones: [['shobpa', '2024-09-01'], ['placement-order', '2024-10-01', 'order'], ['match', '2025-05-01', null, household], ['placed-for-adoption', '2025-06-01', 'A6']],
    });
    await f.child(f.avon, { milestones: [['shobpa', '2025-01-01'], ['plan-reversed', '2025-07-01', 'RD2']] });
    // Reversed before the 12 months, adopted before them, and one adopted within them (sealed): not listed.
    await f.child(f.avon, { milestones: [['shobpa', '2024-01-01'], ['plan-reversed', '2024-07-01', 'RD1']] });
    await f.child(f.avon, { milestones: [['shobpa', '2023-01-01'], ['match', '2023-03-01'], ['placed-for-adoption', '2023-04-01', 'A4'], ['adoption-order', '2024-01-01', 'E11']] });
    await f.child(f.avon, { milestones: [['shobpa', '2024-01-01'], ['match', '2024-03-01'], ['placed-for-adoption', '2024-04-01', 'A4'], ['adoption-order', '2025-09-01', 'E11']] });
    await f.child(f.brent, { milestones: [['shobpa', '2025-06-01']] });

    const avon = await annexAList10.run(handle.db, await f.ctx('social-worker@avon.example'), scope());
    const rows = avon.tables[0]!.rows;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      council: 'Avon', familyId: 'FAM1', gender: 'M', ethnicity: 'WBRI', dateOfBirth: '2022-05-01', age: 3, disability: 'Yes', enteredCare: '2023-01-01',
      shobpa: '2024-09-01', placementOrder: '2024-10-01', matched: '2025-05-01', placed: '2025-06-01', adopted: null, reversed: null,
    });
    expect(rows[1]).toMatchObject({ shobpa: '2025-01-01', reversed: '2025-07-01', reversedReason: 'RD2' });
    // The adopted child's sealed record and Brent's child are in the cohort but not named.
    expect(avon.notes?.[1]).toContain('2 of the 4');

    const brent = await annexAList10.run(handle.db, await f.ctx('social-worker@brent.example'), scope());
    expect(brent.tables[0]!.rows.map((r) => r.council)).toEqual(['Brent']);
  });
});

describe('Annex A List 11', () => {
  it('lists the households in contact in the 12 months, only those the person may see', async () => {
    const avonHousehold = await f.household(f.avon, f.avon, { roi: '2025-05-01', stage1Start: '2025-05-10', stage1Decided: '2025-07-01', stage2Start: '2025-07-10', approved: '2025-11-01' });
    await f.enquiry(f.avon, '2025-04-10', { roiOn: '2025-04-25', householdId: avonHousehold });
    await f.household(f.avon, f.avon, { roi: '2024-01-01', leftOn: '2024-06-01', leavingReason: 'withdrew' });
    await f.household(f.brent, f.brent, { roi: '2025-06-01' });
    const avon = await annexAList11.run(handle.db, await f.ctx('social-worker@avon.example'), f.scope('2025-04-01', '2026-03-31', 'avon'));
    expect(avon.tables[0]!.rows).toEqual([expect.objectContaining({
      enquiry: '2025-04-10', application: '2025-05-01', stage1Start: '2025-05-10', stage1End: '2025-07-01', stage2Start: '2025-07-10', stage2End: '2025-11-01', approved: '2025-11-01', left: null,
    })]);
    const brent = await annexAList11.run(handle.db, await f.ctx('social-worker@brent.example'), scope());
    expect(brent.tables[0]!.rows).toHaveLength(1);
    expect(brent.tables[0]!.rows[0]!.application).toBe('2025-06-01');
  });
});
