// The demo's services to adopted adults (src/demo/adopted-adults.ts), run on the seeded demo:
// requests for every council across both regimes; someone adopted before 1975 counselled before
// disclosure; an intermediary request under an absolute veto; one ending in contact; work due on
// the demo's today, which the partnership's support worker sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import { regimeOf } from './model.ts';
import * as service from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

const requests = () => handle.db.selectFrom('adopted_adult_request as r').innerJoin('organisation as o', 'o.id', 'r.owner_id')
  .select(['r.id', 'o.slug', 'r.kind', 'r.order_on as orderOn', 'r.order_on_exact as orderOnExact', 'r.outcome', 'r.closed_on as closedOn']).execute();

describe('the demo requests', () => {
  it('cover every council and both regimes', async () => {
    const rows = await requests();
    expect([...new Set(rows.map((r) => r.slug))].sort()).toEqual(['havering', 'herefordshire', 'shropshire', 'southend-on-sea', 'telford-and-wrekin', 'thurrock', 'worcestershire']);
    expect(new Set(rows.map((r) => regimeOf(r).regime))).toEqual(new Set(['pre-commencement', 'post-commencement']));
  });

  it('include someone adopted before 1975 counselled before disclosure, an absolute veto, and contact made', async () => {
    const rows = await requests();
    const disclosed = rows.filter((r) => r.orderOn < '1975-11-12' && r.outcome === 'information-disclosed');
    expect(disclosed.length).toBeGreaterThan(0);
    for (const r of disclosed) {
      const parts = await store.partsOf(handle.db, r.id);
      const disclosedOn = parts.steps.find((s) => s.step === 'information-disclosed')!.on;
      expect(parts.counselling.some((c) => c.heldOn <= disclosedOn)).toBe(true);
    }
    expect(Number((await handle.db.selectFrom('adopted_adult_veto').where('kind', '=', 'absolute').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
    expect(rows.some((r) => r.outcome === 'contact-made' && regimeOf(r).regime === 'post-commencement')).toBe(true);
  });

  it('leave work due on the demo\'s today for the partnership\'s support worker', async () => {
    const items = await service.dueWork(handle.db, await contextOf(handle.db, 'support-worker@west-mercia.example', TEST_TODAY));
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['intermediary-no-step', 'adopted-adult-first-response', 'counselling-not-booked']));
  });
});
