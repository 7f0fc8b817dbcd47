// Finance's reports as the registry runs them, and `mercia import population` as the command
// runs it: lac-rates gives the business case's projected rates per council and the councils
// together; budgets and costs-avoided their tables; the command imports a good file and refuses
// a bad one naming file, line and column, importing nothing.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importPopulationCommand } from '../cli/population.ts';
import type { DatabaseHandle, Db } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { FINANCE_REPORTS } from './reports.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;
let db: Db;
const report = (name: string) => FINANCE_REPORTS.find((r) => r.name === name)!;
const period = { from: '2025-04-01', to: '2026-03-31', label: '2025-26' };

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  db = handle.db;
});
afterAll(() => handle.close());

describe('the reports', () => {
  it('lists lac-rates, budgets and costs-avoided', () => {
    expect(FINANCE_REPORTS.map((r) => r.name)).toEqual(expect.arrayContaining(['lac-rates', 'budgets', 'costs-avoided']));
  });

  it('lac-rates: a council\'s recorded and projected rates, and the councils together for a partnership', async () => {
    const ctx = await contextOf(db, 'analyst@west-mercia.example');
    const councils = (await store.councils(db, ctx.facts.today)).filter((c) => c.partnershipIds.includes(ctx.actor.orgId));
    const herefordshire = councils.find((c) => c.name === 'Herefordshire')!;
    const one = await report('lac-rates').run(db, ctx, { councilIds: [herefordshire.id], period });
    const table = one.tables.find((t) => t.caption.startsWith('Herefordshire'))!;
    expect(table.rows.find((r) => r.year === '2014/15' && r.basis === 'Council\'s own projection')).toMatchObject({ 'rate 0-4': 58.16, 'rate total': 56.38, children: 221, population: 39200 });
    expect(table.rows.find((r) => r.year === '2013/14' && r.basis === 'Imported')).toMatchObject({ 'rate 0-4': 62.24, 'rate 15-19': 63.11 });

    const all = await report('lac-rates').run(db, ctx, { councilIds: councils.map((c) => c.id), partnershipId: ctx.actor.orgId, period });
    const together = all.tables[0]!;
    expect(together.caption).toContain('together');
    // 2014/15 together: 221 + 311 + 294 + 707 children among 39,200 + 68,300 + 43,700 + 127,600 (the
    // business case prints Shropshire's total as 310, but its bands add up to 311).
    expect(together.rows.find((r) => r.year === '2014/15' && r.basis === 'Council\'s own projection')).toMatchObject({ children: 1533, population: 278800, 'rate total': 54.99 });
  });

  it('narrows the scope to the councils the person may see', async () => {
    const ctx = await contextOf(db, 'analyst@herefordshire.example');
    const all = (await store.councils(db, ctx.facts.today)).map((c) => c.id);
    const result = await report('lac-rates').run(db, ctx, { councilIds: all, period });
    expect(result.tables.map((t) => t.caption).filter((c) => c.endsWith('per 10,000'))).toEqual(['Herefordshire: looked-after children per 10,000']);
  });

  it('budgets and costs-avoided', async () => {
    const ctx = await contextOf(db, 'finance-officer@west-mercia.example');
    const councilIds = (await store.councils(db, ctx.facts.today)).map((c) => c.id);
    const budgets = await report('budgets').run(db, ctx, { councilIds, partnershipId: ctx.actor.orgId, period });
    expect(budgets.tables[1]!.rows).toEqual([{ year: '2013/14', establishment: 2_001_000, operational: 347_000, direct: 2_348_000, fte: 62.13 }]);
    const costs = await report('costs-avoided').run(db, ctx, { councilIds, period });
    expect(costs.tables[0]!.rows.at(-1)).toMatchObject({ service: 'Total', children: 3, total: 72_000 });
  });
});

describe('mercia import population', () => {
  const withDb = <T>(work: (db: Db) => Promise<T>) => work(db);

  it('imports a good file and refuses a bad one by file, line and column, importing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mercia-population-'));
    const good = join(dir, 'good.csv');
    const bad = join(dir, 'bad.csv');
    await writeFile(good, 'council,year,figure,0-4,5-9,10-14,15-19\nE06000034,2024,population,10000,9000,8000,7000\n');
    await writeFile(bad, 'council,year,figure,0-4,5-9,10-14,15-19\nE06000034,2025,population,10000,9000,8000,7000\nE06000034,2025,population,1,2,3,4\n');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await importPopulationCommand(good, {}, withDb)).toBe(true);
      expect(log.mock.calls.flat().join('\n')).toContain('Imported 1 row');
      expect(await importPopulationCommand(bad, {}, withDb)).toBe(false);
      expect(error.mock.calls.flat().join('\n')).toContain(`${bad}:line 3, column 1 (council): a second population row for E06000034 in 2025: line 2 already gives it`);
      expect(await importPopulationCommand(good, { as: 'social-worker@thurrock.example' }, withDb)).toBe(false);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    const thurrock = (await store.councils(db, '2026-11-23')).find((c) => c.code === 'E06000034')!;
    expect((await store.population(db, [thurrock.id])).map((p) => p.year)).toEqual([2024, 2024, 2024, 2024]);
  });
});
