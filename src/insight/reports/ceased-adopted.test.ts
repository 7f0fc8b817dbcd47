import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { ceasedAdopted, fiveYears } from './ceased-adopted.ts';
import { permanenceOrders } from './permanence-orders.ts';
import { ReportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: ReportFixtures;

/** `n` children of the council ceasing care on `on`, with reason `rec`. */
async function ceasing(councilId: string, n: number, on: string, rec: string): Promise<string[]> {
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(await f.child(councilId, { episodes: [{ start: '2020-01-01', end: on, rec }] }));
  return ids;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await new ReportFixtures(handle.db).setUp();
});
afterAll(() => handle.close());

describe('children ceasing care who were adopted', () => {
  it('names the five financial years to the last 31 March of the period', () => {
    expect(fiveYears('2026-03-31').map((y) => y.label)).toEqual(['2021-22', '2022-23', '2023-24', '2024-25', '2025-26']);
    expect(fiveYears('2026-09-30')[4]).toEqual({ key: '2025', label: '2025-26', from: '2025-04-01', to: '2026-03-31' });
  });

  it('gives yearly and 5-year percentages over all the ceasings, suppressing small counts and whatever would give them away', async () => {
    // 2024-25: Avon 2 adopted of 10 ceasing; Brent 6 of 20. 2025-26: Avon 5 of 10; Brent 5 of 10.
    await ceasing(f.avon, 2, '2024-06-01', 'E11');
    await ceasing(f.avon, 8, '2024-07-01', 'E13');
    await ceasing(f.brent, 6, '2024-06-01', 'E12');
    await ceasing(f.brent, 14, '2024-07-01', 'E4A');
    const adopted = await ceasing(f.avon, 5, '2025-06-01', 'E11');
    await ceasing(f.avon, 5, '2025-07-01', 'E13');
    await ceasing(f.brent, 5, '2025-06-01', 'E11');
    await ceasing(f.brent, 5, '2025-07-01', 'E13');
    // An X1 ending is a change of episode, not leaving care.
    await ceasing(f.avon, 3, '2025-08-01', 'X1');
    const ctx = await f.ctx('analyst@avon.example');
    const scope = f.scope('2025-04-01', '2026-03-31');
    const { tables } = await ceasedAdopted.run(handle.db, ctx, scope);
    const [avon, brent, total] = tables[0]!.rows;
    // Avon's 2 is small. Its row then has one hidden cell: its smallest other count, 0 in 2021-22
    // being zero, is passed over for the 5 of 2025-26. The 2024-25 column: Brent's 6 goes with Avon's 2.
    expect(avon).toMatchObject({ '2024-adopted': '<5', '2024-ceased': 10, '2024-percent': '[c]', '2025-adopted': '[c]', '2025-percent': '[c]', 'five-adopted': 7, 'five-ceased': 20, 'five-percent': 35 });
    expect(brent).toMatchObject({ '2024-adopted': '[c]', '2024-ceased': 20, '2024-percent': '[c]' });
    // The partnership's figures are over every child: 8 of 30 and 10 of 20; 18 of 50 over five years.
    expect(total).toMatchObject({ council: 'Test Partnership (all its councils)', '2024-adopted': 8, '2024-ceased': 30, '2024-percent': 26.7, '2025-ceased': 20, 'five-adopted': 18, 'five-ceased': 50, 'five-percent': 36 });
    // No link leads to the children behind a hidden count.
    expect(tables[0]!.links![0]!['2024-adopted']).toBeUndefined();
    expect(tables[0]!.links![0]!['five-adopted']).toBe(`adopted:five:${f.avon}`);
    const drill = await ceasedAdopted.drill!(handle.db, ctx, scope, `adopted:2025:${f.avon}`);
    expect(drill?.ids.sort()).toEqual([...adopted].sort());
  });
});

describe('special guardianship and child arrangements orders', () => {
  it('counts children leaving care on each order in the period, by code, and all SGOs', async () => {
    await ceasing(f.avon, 2, '2025-05-01', 'E45');
    await ceasing(f.avon, 1, '2025-05-01', 'E41');
    await ceasing(f.brent, 3, '2025-05-01', 'E48');
    await ceasing(f.brent, 1, '2024-05-01', 'E48');
    const ctx = await f.ctx('analyst@avon.example');
    const { tables, notes } = await permanenceOrders.run(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'));
    expect(tables[0]!.rows).toEqual([
      { council: 'Avon', e41: 1, e43: 0, e44: 0, e45: 2, e46: 0, e47: 0, e48: 0, sgo: 2 },
      { council: 'Brent', e41: 0, e43: 0, e44: 0, e45: 0, e46: 0, e47: 0, e48: 3, sgo: 3 },
      { council: 'Test Partnership (all its councils)', e41: 1, e43: 0, e44: 0, e45: 2, e46: 0, e47: 0, e48: 3, sgo: 5 },
    ]);
    expect(notes?.join(' ')).toContain('E43 and E44');
  });
});
