// The demo's support after adoption (src/demo/support.ts), run on the seeded demo: cases in every
// council, fund applications across 2023 to 2024 through 2026 to 2027 that keep to their year's
// rules (each child's year checked again, application by application), some awaiting the fund's
// decision, a few allowances, and the partnership's support worker seeing its councils' cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import { checkAsf, committedBy, ruleFor } from './model.ts';
import * as support from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

describe('the demo support cases', () => {
  it('has cases for adopted children of every council', async () => {
    const rows = await handle.db.selectFrom('support_case as sc').innerJoin('child as c', 'c.id', 'sc.child_id').innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
      .select('o.slug').distinct().execute();
    expect(rows.map((r) => r.slug).sort()).toEqual(['havering', 'herefordshire', 'shropshire', 'southend-on-sea', 'telford-and-wrekin', 'thurrock', 'worcestershire']);
    const { total } = await support.listCases(handle.db, await contextOf(handle.db, 'support-worker@west-mercia.example', TEST_TODAY), {});
    expect(total).toBeGreaterThanOrEqual(4);
  });

  it('has fund applications in each year from 2023 to 2024, each within its year\'s rules, some awaiting a decision', async () => {
    const rules = await store.asfRules(handle.db);
    const apps = await handle.db.selectFrom('asf_application as f').innerJoin('support_assessment as a', 'a.id', 'f.assessment_id')
      .select(['f.case_id as caseId', 'f.kind', 'f.amount_pence as amountPence', 'f.match_funded_pence as matchFundedPence', 'f.financial_year as financialYear', 'f.ends_on as endsOn',
        'f.applied_on as appliedOn', 'f.status', 'a.completed_on as assessedOn']).orderBy('f.recorded_at').execute();
    expect(new Set(apps.map((a) => a.financialYear))).toEqual(new Set([2023, 2024, 2025, 2026]));
    expect(apps.some((a) => a.status === 'submitted')).toBe(true);
    expect(apps.some((a) => a.matchFundedPence > 0)).toBe(true);
    apps.forEach((a, i) => {
      const before = apps.slice(0, i).filter((b) => b.caseId === a.caseId && b.financialYear === a.financialYear);
      const { problems, matchFundedPence } = checkAsf(ruleFor(rules, a.financialYear), { ...a, assessedOn: a.assessedOn! }, committedBy(before));
      expect(problems).toEqual([]);
      expect(matchFundedPence).toBe(a.matchFundedPence);
    });
  });

  it('has a few allowances', async () => {
    const { n } = await handle.db.selectFrom('adoption_allowance').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThan(2);
  });
});
