// The demo's letterbox (src/demo/letterbox.ts), run on the seeded demo: agreements for placed and
// adopted children in every council, past letters through every step, and for the partnership's
// coordinator letters late, due this month and awaiting screening.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import * as exchanges from './exchanges-service.ts';
import * as letterbox from './service.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

describe('the demo letterbox', () => {
  it('has agreements in every council, some paused or ended, with their history', async () => {
    const rows = await handle.db.selectFrom('letterbox_agreement as a').innerJoin('organisation as o', 'o.id', 'a.owner_id').select(['o.slug', 'a.status']).execute();
    for (const slug of ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire', 'thurrock', 'southend-on-sea']) expect(rows.map((r) => r.slug)).toContain(slug);
    expect(rows.some((r) => r.status === 'paused')).toBe(true);
    expect(rows.some((r) => r.status === 'ended')).toBe(true);
    const changes = await handle.db.selectFrom('letterbox_change').select('status').where('status', '<>', 'active').execute();
    expect(changes.length).toBeGreaterThan(0);
  });

  it('has past letters through every step, redacted and withheld among them', async () => {
    const rows = await handle.db.selectFrom('letterbox_exchange').select(['outcome', 'forwarded_on', 'filed_on', 'screened_on']).execute();
    expect(rows.some((e) => e.filed_on !== null && e.forwarded_on !== null)).toBe(true);
    for (const outcome of ['suitable', 'redacted', 'withheld'] as const) expect(rows.some((e) => e.outcome === outcome && e.filed_on !== null)).toBe(true);
    expect(rows.some((e) => e.screened_on === null)).toBe(true);
  });

  it('gives the partnership\'s coordinator letters late, due this month and awaiting screening', async () => {
    const ctx = await contextOf(handle.db, 'support-worker@west-mercia.example', TEST_TODAY);
    const reminders = await letterbox.reminders(handle.db, ctx);
    expect(reminders.late.length).toBeGreaterThan(0);
    expect(reminders.dueSoon.some((o) => o.dueOn.slice(0, 7) === TEST_TODAY.slice(0, 7))).toBe(true);
    expect(reminders.awaitingScreening).toBeGreaterThan(0);
    const queue = await exchanges.listExchanges(handle.db, ctx, { awaiting: 'screening' });
    expect(queue.items.length).toBe(Math.min(queue.total, 25));
  });
});
