import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { seedDemo } from './seed.ts';

const TODAY = '2026-11-23';
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await seedDemo(handle.db, { password: 'correct-horse-battery-staple', today: TODAY, children: false });
}, 300_000);
afterAll(() => handle.close());

interface Funnel { enquiries: number; rois: number; stage1: number; stage2: number; approved: number }

/** Enquiries received in the window and the furthest each has reached, by council slug. */
async function funnel(from: string, to: string): Promise<Map<string, Funnel>> {
  const rows = await sql<{ slug: string } & Record<keyof Funnel, string>>`
    select c.slug, count(*) as enquiries, count(r.id) as rois, count(h.stage1_started_on) as stage1, count(h.stage2_started_on) as stage2,
      count(*) filter (where h.adm_outcome = 'approved') as approved
    from enquiry e join organisation c on c.id = e.council_id
    left join registration_of_interest r on r.enquiry_id = e.id left join household h on h.id = r.household_id
    where e.received_on between ${from}::date and ${to}::date group by c.slug`.execute(handle.db);
  return new Map(rows.rows.map((r) => [r.slug, { enquiries: Number(r.enquiries), rois: Number(r.rois), stage1: Number(r.stage1), stage2: Number(r.stage2), approved: Number(r.approved) }]));
}

describe('demo recruitment', () => {
  it('converts enquiries to registrations of interest about as the business case says: Worcestershire about 13%, Herefordshire better', async () => {
    const byCouncil = await funnel('2000-01-01', TODAY);
    const worcs = byCouncil.get('worcestershire')!;
    const hereford = byCouncil.get('herefordshire')!;
    expect(worcs.enquiries).toBeGreaterThan(100);
    expect(worcs.rois / worcs.enquiries).toBeGreaterThan(0.07);
    expect(worcs.rois / worcs.enquiries).toBeLessThan(0.2);
    expect(hereford.rois / hereford.enquiries).toBeGreaterThan(worcs.rois / worcs.enquiries);
  });

  it('takes the enquiries of a year long enough ago on to Stage 1, Stage 2 and approval, Worcestershire about 9%, Herefordshire far more', async () => {
    // Enquiries from the first of the demo's three years have had time to reach approval.
    const byCouncil = await funnel('2023-11-24', '2024-11-23');
    const worcs = byCouncil.get('worcestershire')!;
    const hereford = byCouncil.get('herefordshire')!;
    for (const c of [worcs, hereford]) {
      expect(c.stage1).toBeGreaterThan(0);
      expect(c.stage2).toBeGreaterThan(0);
      expect(c.approved).toBeGreaterThan(0);
      expect(c.approved).toBeLessThanOrEqual(c.stage2);
    }
    expect(worcs.approved / worcs.enquiries).toBeGreaterThan(0.04);
    expect(worcs.approved / worcs.enquiries).toBeLessThan(0.14);
    expect(hereford.approved / hereford.enquiries).toBeGreaterThan(0.25);
    expect(hereford.approved / hereford.enquiries).toBeGreaterThan(2 * (worcs.approved / worcs.enquiries));
  });
});
