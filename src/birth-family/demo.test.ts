// The demo's birth family support (src/demo/birth-family.ts), run on the seeded demo: cases in every
// council, some linked to children with a placement order or adopted, offers accepted, declined and
// unanswered, closed cases, every case keeping the date rules, and work due and overdue on the
// demo's today for the partnership's support worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import { checkAnswer, checkClosing, checkOffer, checkSession, referredOn } from './model.ts';
import * as birthFamily from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

describe('the demo birth family support', () => {
  it('has cases in every council, some linked to children with a placement order or adopted', async () => {
    const rows = await handle.db.selectFrom('birth_family_case as bc').innerJoin('organisation as o', 'o.id', 'bc.owner_id').leftJoin('child as c', 'c.id', 'bc.child_id')
      .select(['o.slug', 'bc.child_id as childId', 'c.stage']).execute();
    expect([...new Set(rows.map((r) => r.slug))].sort()).toEqual(['havering', 'herefordshire', 'shropshire', 'southend-on-sea', 'telford-and-wrekin', 'thurrock', 'worcestershire']);
    const linked = rows.filter((r) => r.childId);
    expect(linked.length).toBeGreaterThan(5);
    expect(linked.every((r) => ['placement-order', 'family-finding', 'linked', 'matched', 'placed', 'adopted'].includes(r.stage!))).toBe(true);
    expect(rows.some((r) => !r.childId)).toBe(true);
  });

  it('has offers accepted, declined and unanswered, and closed cases, every one keeping the date rules', async () => {
    const cases = await handle.db.selectFrom('birth_family_case').select('id').execute();
    const answers = new Set<string | null>();
    let closed = 0;
    for (const { id } of cases) {
      const p = await store.casePartsOf(handle.db, id);
      const first = referredOn(p.referrals);
      for (const o of p.offers) {
        answers.add(o.answer);
        expect(checkOffer(o.madeOn, first, TEST_TODAY)).toEqual([]);
        if (o.answeredOn) expect(checkAnswer(o.answeredOn, o.madeOn, TEST_TODAY)).toEqual([]);
      }
      for (const s of p.sessions) expect(checkSession(s.heldOn, first, TEST_TODAY)).toEqual([]);
      for (const x of p.closings) {
        expect(checkClosing(x.closedOn, p.sessions.filter((s) => s.heldOn <= x.closedOn).at(-1)?.heldOn ?? null, first, TEST_TODAY)).toEqual([]);
        if (!x.reopenedOn) closed += 1;
      }
    }
    expect(answers).toEqual(new Set(['accepted', 'declined', null]));
    expect(closed).toBeGreaterThan(3);
  });

  it('leaves work due today and overdue for the partnership\'s support worker', async () => {
    const ctx = await contextOf(handle.db, 'support-worker@west-mercia.example', TEST_TODAY);
    const items = await birthFamily.dueWork(handle.db, ctx);
    const kinds = new Set(items.map((i) => i.kind));
    expect(kinds).toEqual(new Set(['birth-family-offer-due', 'birth-family-reply-due', 'birth-family-session-due']));
    expect(items.some((i) => i.overdue)).toBe(true);
    expect(items.some((i) => !i.overdue && i.dueOn === TEST_TODAY)).toBe(true);
    const { total } = await birthFamily.listCases(handle.db, ctx, {});
    expect(total).toBeGreaterThanOrEqual(20);
  });
});
