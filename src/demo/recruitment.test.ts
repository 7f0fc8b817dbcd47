import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { seedDemo } from './seed.ts';

const TODAY = '2026-11-23';
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await seedDemo(handle.db, { password: 'correct-horse-battery-staple', today: TODAY, children: false });
});
afterAll(() => handle.close());

/** Enquiries and registrations of interest over the demo's three years, by council slug. */
async function conversion(): Promise<Map<string, { enquiries: number; rois: number }>> {
  const rows = await handle.db.selectFrom('enquiry as e').innerJoin('organisation as c', 'c.id', 'e.council_id')
    .leftJoin('registration_of_interest as r', 'r.enquiry_id', 'e.id')
    .select(['c.slug', (eb) => eb.fn.countAll<number>().as('enquiries'), (eb) => eb.fn.count<number>('r.id').as('rois')])
    .groupBy('c.slug').execute();
  return new Map(rows.map((r) => [r.slug, { enquiries: Number(r.enquiries), rois: Number(r.rois) }]));
}

describe('demo recruitment', () => {
  it('converts enquiries to registrations of interest about as the business case says: Worcestershire about 13%, Herefordshire better', async () => {
    const byCouncil = await conversion();
    const worcs = byCouncil.get('worcestershire')!;
    const hereford = byCouncil.get('herefordshire')!;
    expect(worcs.enquiries).toBeGreaterThan(100);
    expect(worcs.rois / worcs.enquiries).toBeGreaterThan(0.07);
    expect(worcs.rois / worcs.enquiries).toBeLessThan(0.2);
    expect(hereford.rois / hereford.enquiries).toBeGreaterThan(worcs.rois / worcs.enquiries);
  });
});
