import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { asglbAdopters, asglbChildren } from './asglb.ts';
import { quarters } from './quarterly.ts';
import { ReportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: ReportFixtures;

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await new ReportFixtures(handle.db).setUp();
});
afterAll(() => handle.close());

describe('ASGLB-style quarterly tables', () => {
  it('splits a period into financial quarters, cut to the period', () => {
    expect(quarters({ from: '2025-05-15', to: '2026-01-10' })).toEqual([
      { from: '2025-05-15', to: '2025-06-30', label: 'Q1 2025-26' },
      { from: '2025-07-01', to: '2025-09-30', label: 'Q2 2025-26' },
      { from: '2025-10-01', to: '2025-12-31', label: 'Q3 2025-26' },
      { from: '2026-01-01', to: '2026-01-10', label: 'Q4 2025-26' },
    ]);
  });

  it('counts each quarter\'s children\'s events and those waiting at its end, per council and over both', async () => {
    const a = await f.child(f.avon, { milestones: [['shobpa', '2025-04-10'], ['placement-order', '2025-05-01', 'order'], ['match', '2025-08-01']] });
    await f.child(f.brent, { milestones: [['shobpa', '2025-08-10']] });
    const ctx = await f.ctx('analyst@avon.example');
    const scope = f.scope('2025-04-01', '2025-09-30');
    const { tables } = await asglbChildren.run(handle.db, ctx, scope);
    const rows = tables[0]!.rows;
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ quarter: 'Q1 2025-26', council: 'Avon', shobpa: 1, 'placement-orders': 1, matched: 0, waiting: 1, 'waiting-over-90': 0 });
    expect(rows[3]).toMatchObject({ quarter: 'Q2 2025-26', council: 'Avon', matched: 1, waiting: 1, 'waiting-over-90': 1 });
    expect(rows[5]).toMatchObject({ quarter: 'Q2 2025-26', council: 'Test Partnership (all its councils)', shobpa: 1, matched: 1, waiting: 2, 'waiting-over-90': 1 });
    const key = tables[0]!.links![3]!['waiting-over-90']!;
    expect(key).toBe(`2025-07-01/waiting-over-90:${f.avon}`);
    expect((await asglbChildren.drill!(handle.db, ctx, scope, key))?.ids).toEqual([a]);
  });

  it('counts each quarter\'s adopters\' events and those waiting at its end', async () => {
    await f.household(f.partnership, f.avon, { roi: '2025-04-05', stage1Start: '2025-04-10', stage1Decided: '2025-06-01', stage2Start: '2025-06-10', approved: '2025-09-20' });
    await f.household(f.partnership, f.brent, { approved: '2025-01-02' });
    const { tables } = await asglbAdopters.run(handle.db, await f.ctx('analyst@test-partnership.example'), f.scope('2025-04-01', '2025-09-30'));
    const rows = tables[0]!.rows;
    expect(rows[0]).toMatchObject({ quarter: 'Q1 2025-26', council: 'Avon', registered: 1, stage1: 1, stage2: 1, approved: 0, waiting: 0 });
    expect(rows[1]).toMatchObject({ council: 'Brent', waiting: 1, 'waiting-over-3-months': 1 });
    expect(rows[5]).toMatchObject({ quarter: 'Q2 2025-26', council: 'Test Partnership (all its councils)', approved: 1, waiting: 2, 'waiting-over-3-months': 1 });
  });
});
