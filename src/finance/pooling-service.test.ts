// The replay through the service, over the demo's records: who may run it, its inputs refused
// naming the field, and figures that hold together; the report gives the same tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/app.ts';
import { poolingReport } from './pooling-report.ts';
import { poolingReplay, replayablePartnerships, windowStart } from './pooling-service.ts';

let database: DatabaseHandle;
const as = (email: string) => contextOf(database.db, email, TEST_TODAY);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
});
afterAll(() => database?.close());

async function refusal(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (e) {
    return e;
  }
  return null;
}

describe('who may replay', () => {
  it('is the partnership\'s analysts, team managers, finance officers and administrators', async () => {
    for (const role of ['analyst', 'team-manager', 'finance-officer', 'admin']) {
      expect((await replayablePartnerships(database.db, await as(`${role}@west-mercia.example`))).map((p) => p.name)).toEqual(['West Mercia Adoption Partnership']);
    }
    // A council's analyst sees only their own council's figures, and the replay is every council's.
    for (const email of ['social-worker@west-mercia.example', 'family-finder@west-mercia.example', 'analyst@herefordshire.example', 'analyst@barnardos.example']) {
      const ctx = await as(email);
      expect(await replayablePartnerships(database.db, ctx)).toEqual([]);
      expect(await refusal(() => poolingReplay(database.db, ctx, {}))).toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('the replay', () => {
  it('refuses bad input naming the field', async () => {
    const ctx = await as('analyst@west-mercia.example');
    for (const [raw, field] of [[{ years: '11' }, 'years'], [{ years: 'five' }, 'years'], [{ seed: '-1' }, 'seed'], [{ threshold: '3.5' }, 'threshold'], [{ partnership: 'x' }, 'partnership']] as const) {
      const error = await refusal(() => poolingReplay(database.db, ctx, raw));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.field)).toEqual([field]);
    }
  });

  it('replays the last years three ways, with figures that add up and the same answer for a seed', async () => {
    const ctx = await as('analyst@west-mercia.example');
    const result = await poolingReplay(database.db, ctx, { years: '5', seed: '7', threshold: '120' });
    expect(result.from).toBe(windowStart(TEST_TODAY, 5));
    expect(result.to).toBe(TEST_TODAY);
    expect(result.scenarios.map((s) => s.title)).toEqual(['Each council alone', 'Pooled', 'Pooled plus inter-agency']);
    const [alone, pooled, interAgency] = result.scenarios.map((s) => s.total);
    expect(alone!.ready).toBeGreaterThan(0);
    for (const s of result.scenarios) {
      expect(s.total.ready).toBe(alone!.ready);
      expect(s.total.matched + s.total.neverMatched).toBe(s.total.ready);
      expect(s.byCouncil.map((c) => c.name)).toEqual(['Herefordshire', 'Shropshire', 'Telford and Wrekin', 'Worcestershire']);
      expect(s.byCouncil.reduce((n, c) => n + c.figures.ready, 0)).toBe(s.total.ready);
    }
    expect(alone!.feesPence).toBe(0);
    expect(pooled!.feesPence).toBe(0);
    // Families bought from outside match at least as many; each child bought for costs the
    // council-to-council rate of £27,000 (no sibling-group or London rate is held for it).
    expect(interAgency!.matched).toBeGreaterThanOrEqual(pooled!.matched);
    expect(interAgency!.interAgency).toBeGreaterThan(0);
    expect(interAgency!.feesPence).toBe(interAgency!.interAgency * 2_700_000);
    expect(result.assumptions.join(' ')).toContain('still waiting 120 days');
    expect(await poolingReplay(database.db, ctx, { years: '5', seed: '7', threshold: '120' })).toEqual(result);
  });

  it('runs as a report over the scope\'s period', async () => {
    const ctx = await as('finance-officer@west-mercia.example');
    const report = await poolingReport.run(database.db, ctx, { councilIds: [], period: { from: '2024-04-01', to: '2026-03-31', label: '2024-26' } });
    expect(report.tables.map((t) => t.caption)).toEqual([
      'The scenarios compared: West Mercia Adoption Partnership, 2024-04-01 to 2026-03-31',
      'Each council alone: by council', 'Pooled: by council', 'Pooled plus inter-agency: by council',
    ]);
    expect(report.tables[0]!.rows.map((r) => r.scenario)).toEqual(['Each council alone', 'Pooled', 'Pooled plus inter-agency']);
    expect(report.notes?.[0]).toContain('2024-04-01 to 2026-03-31');
  });
});
