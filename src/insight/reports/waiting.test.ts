import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { adoptersWaiting } from './adopters-waiting.ts';
import { childrenWaiting } from './children-waiting.ts';
import { ReportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: ReportFixtures;
const ids: Record<string, string> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await new ReportFixtures(handle.db).setUp();
  // Period end 2026-03-31. Avon: one waiting 30 days, one 120 days, one placed (not waiting),
  // one placed then disrupted (waiting again, 200 days), one reversed (not waiting), one decided after the end.
  ids.short = await f.child(f.avon, { milestones: [['shobpa', '2026-03-01']] });
  ids.long = await f.child(f.avon, { milestones: [['shobpa', '2025-12-01']] });
  await f.child(f.avon, { milestones: [['shobpa', '2025-06-01'], ['match', '2025-09-01'], ['placed-for-adoption', '2025-10-01', 'A6']] });
  ids.disrupted = await f.child(f.avon, { milestones: [['shobpa', '2025-09-12'], ['match', '2025-10-01'], ['placed-for-adoption', '2025-11-01', 'A6'], ['disrupted', '2025-12-01']] });
  await f.child(f.avon, { milestones: [['shobpa', '2025-06-01'], ['plan-reversed', '2025-08-01', 'RD1']] });
  await f.child(f.avon, { milestones: [['shobpa', '2026-04-02']] });
  // Brent: one waiting 91 days (over 90).
  ids.brent = await f.child(f.brent, { milestones: [['shobpa', '2025-12-30']] });
});
afterAll(() => handle.close());

describe('children waiting', () => {
  it('counts children decided and not placed at the period end, per council and over both', async () => {
    const ctx = await f.ctx('analyst@avon.example');
    const result = await childrenWaiting.run(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'));
    const rows = result.tables[0]!.rows;
    expect(rows).toEqual([
      { council: 'Avon', waiting: 3, 'over-90': 2, 'over-90-share': 66.7 },
      { council: 'Brent', waiting: 1, 'over-90': 1, 'over-90-share': 100 },
      { council: 'Test Partnership (all its councils)', waiting: 4, 'over-90': 3, 'over-90-share': 75 },
    ]);
    expect(result.tables[0]!.links![0]).toEqual({ waiting: `waiting:${f.avon}`, 'over-90': `over-90:${f.avon}` });
    expect(result.notes?.[0]).toContain('2026-03-31');
  });

  it('drills to the children behind a figure, and refuses a council outside the scope', async () => {
    const ctx = await f.ctx('analyst@avon.example');
    const drill = await childrenWaiting.drill!(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'), `over-90:${f.avon}`);
    expect(drill?.kind).toBe('children');
    expect(new Set(drill?.ids)).toEqual(new Set([ids.long, ids.disrupted]));
    expect(await childrenWaiting.drill!(handle.db, ctx, f.scope('2025-04-01', '2026-03-31', 'avon'), `waiting:${f.brent}`)).toBeNull();
    expect(await childrenWaiting.drill!(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'), 'nonsense')).toBeNull();
  });
});

describe('adopters waiting', () => {
  it('counts households approved and not matched at the period end, with the share over 3 months', async () => {
    const p = f.partnership;
    await f.household(p, f.avon, { approved: '2026-02-01' });
    ids.h = await f.household(p, f.avon, { approved: '2025-10-01', statusChanges: [['2025-11-01', 'linked']] });
    await f.household(p, f.avon, { approved: '2025-10-01', statusChanges: [['2025-11-01', 'matched']] });
    await f.household(p, f.avon, { approved: '2025-10-01', leftOn: '2026-01-01', leavingReason: 'withdrew' });
    await f.household(p, f.avon, { approved: '2026-04-10' });
    await f.household(p, f.brent, { approved: '2025-12-15' });
    await f.household(p, null, { approved: '2025-01-01' });
    const ctx = await f.ctx('analyst@test-partnership.example');
    const result = await adoptersWaiting.run(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'));
    expect(result.tables[0]!.rows).toEqual([
      { council: 'Avon', waiting: 2, 'over-3-months': 1, 'over-3-months-share': 50 },
      { council: 'Brent', waiting: 1, 'over-3-months': 1, 'over-3-months-share': 100 },
      { council: 'Living outside these councils', waiting: 1, 'over-3-months': 1, 'over-3-months-share': 100 },
      { council: 'Test Partnership (all its councils)', waiting: 4, 'over-3-months': 3, 'over-3-months-share': 75 },
    ]);
    const drill = await adoptersWaiting.drill!(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'), `over-3-months:${f.avon}`);
    expect(drill).toMatchObject({ kind: 'households', ids: [ids.h] });
  });
});
