// The demo's non-agency and inter-country adoptions (src/demo/non-agency-intercountry.ts), run on
// the seeded demo: cases in every council at each stage, each keeping to the area's rules, the
// partnership's social worker seeing its councils' cases and their work (a report overdue), and
// inter-country cases at different steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import { intercountryProblems } from './intercountry-model.ts';
import * as intercountry from './intercountry-service.ts';
import { nonAgencyProblems } from './non-agency-model.ts';
import * as service from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

describe('the demo non-agency and inter-country adoptions', () => {
  it('has non-agency cases in every council, at each stage, each within the rules', async () => {
    const rows = await handle.db.selectFrom('non_agency_adoption as a').innerJoin('organisation as o', 'o.id', 'a.council_id').select('o.slug').distinct().execute();
    expect(rows.map((r) => r.slug).sort()).toEqual(['havering', 'herefordshire', 'shropshire', 'southend-on-sea', 'telford-and-wrekin', 'thurrock', 'worcestershire']);
    const all = await store.listNonAgency(handle.db, { ownerIds: (await handle.db.selectFrom('organisation').select('id').execute()).map((o) => o.id), grantedIds: [] }, { status: 'all', limit: 200, offset: 0 });
    expect(all.items.some((a) => a.outcome === 'order-made')).toBe(true);
    expect(all.items.some((a) => a.appliedOn === null && a.outcome === null)).toBe(true);
    for (const a of all.items) expect(nonAgencyProblems(a, TEST_TODAY)).toEqual([]);
  });

  it('gives the partnership\'s social worker its councils\' cases and their work', async () => {
    const ctx = await contextOf(handle.db, 'social-worker@west-mercia.example', TEST_TODAY);
    const { total, items } = await service.listNonAgencyAdoptions(handle.db, ctx, { status: 'open', limit: 200 });
    expect(total).toBeGreaterThanOrEqual(12);
    expect(new Set(items.map((a) => a.councilName))).toEqual(new Set(['Herefordshire', 'Shropshire', 'Telford and Wrekin', 'Worcestershire']));
    const kinds = (await service.dueWork(handle.db, ctx)).map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['court-report-due', 'notice-lapsing', 'intercountry-papers-due', 'intercountry-order-application-due']));
  });

  it('has inter-country cases in the partnership at different steps', async () => {
    const ctx = await contextOf(handle.db, 'social-worker@west-mercia.example', TEST_TODAY);
    const { items } = await intercountry.listIntercountryAdoptions(handle.db, ctx, {});
    expect(items.length).toBe(2);
    expect(new Set(items.map((a) => a.arrivedOn === null))).toEqual(new Set([true, false]));
    for (const a of items) expect(intercountryProblems(a, TEST_TODAY)).toEqual([]);
  });
});
