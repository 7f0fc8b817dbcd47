// The needs analysis and finance through a real database: the business case's figures imported
// as a council's file recompute its projected rate table (58.16 for Herefordshire's 0–4s in
// 2014/15) and its recorded rates; the import is all or nothing and audited; a council's staff
// see only their council; budgets, costs avoided (£72,000) and the appraisal on the same figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../core/db.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { populationCsv } from '../demo/finance.ts';
import { describeProblem } from './import-csv.ts';
import { BANDS } from './model.ts';
import * as money from './service-money.ts';
import { importPopulation, ImportRefused, needsAnalysis, setProjection } from './service.ts';

let handle: DatabaseHandle;
let db: Db;
const PARTNERSHIP_OFFICER = 'finance-officer@west-mercia.example';

// The business case's "Looked After Children Projections (rate per 10,000)", 2014/15 to 2016/17, by band.
const PROJECTED: Record<string, Record<string, number[]>> = {
  Herefordshire: { '0-4': [58.16, 54.55, 52.04], '5-9': [48.96, 45.36, 42.00], '10-14': [61.05, 59.57, 56.38], '15-19': [57.28, 55.45, 55.10] },
  Shropshire: { '0-4': [39.77, 44.51, 48.86], '5-9': [47.56, 55.09, 63.91], '10-14': [46.71, 48.80, 49.70], '15-19': [48.07, 50.56, 53.76] },
  'Telford and Wrekin': { '0-4': [62.71, 58.82, 55.46], '5-9': [51.38, 47.75, 44.64], '10-14': [91.00, 87.88, 81.19], '15-19': [66.36, 64.22, 62.26] },
  Worcestershire: { '0-4': [48.19, 49.41, 51.16], '5-9': [43.53, 45.60, 47.35], '10-14': [63.49, 66.56, 69.16], '15-19': [66.87, 71.61, 77.35] },
};

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  db = handle.db;
  // The business case's figures as a council's file would bring them (they are the demo's too: imported again, they change nothing).
  await importPopulation(db, null, populationCsv());
});
afterAll(() => handle.close());

describe('the needs analysis', () => {
  it('recomputes the business case\'s projected rates per 10,000 from its projected numbers and population', async () => {
    const needs = await needsAnalysis(db, await contextOf(db, PARTNERSHIP_OFFICER));
    for (const [name, bands] of Object.entries(PROJECTED)) {
      const council = needs.councils.find((c) => c.council.name === name)!;
      for (const band of BANDS) {
        const rates = [2014, 2015, 2016].map((year) => council.rows.find((r) => r.year === year && r.basis === 'council-projection')!.rates[band]);
        expect(rates, `${name} ${band}`).toEqual(bands[band]);
      }
    }
  });

  it('takes the total as all children over all population (Herefordshire 2014/15: 221 of 39,200 → 56.38)', async () => {
    const needs = await needsAnalysis(db, await contextOf(db, PARTNERSHIP_OFFICER));
    const row = needs.councils.find((c) => c.council.name === 'Herefordshire')!.rows.find((r) => r.year === 2014 && r.basis === 'council-projection')!;
    expect(row.rates.total).toBe(56.38);
    expect(row.rates['0-4']).toBe(58.16);
  });

  it('reproduces the recorded rates of 2010/11 to 2013/14 from the imported numbers', async () => {
    const needs = await needsAnalysis(db, await contextOf(db, PARTNERSHIP_OFFICER));
    const telford = needs.councils.find((c) => c.council.name === 'Telford and Wrekin')!.rows.filter((r) => r.basis === 'imported');
    expect(telford.map((r) => r.rates['10-14'])).toEqual([108.49, 112.75, 120.00, 95.00]);
  });

  it('projects by the council\'s method from its last actual year, and records the change of method with before and after', async () => {
    const ctx = await contextOf(db, PARTNERSHIP_OFFICER);
    const herefordshire = (await needsAnalysis(db, ctx)).councils.find((c) => c.council.name === 'Herefordshire')!;
    await setProjection(db, ctx, herefordshire.council.id, { method: 'flat' });
    const after = (await needsAnalysis(db, ctx, [herefordshire.council.id])).councils[0]!;
    expect(after.projection.method).toBe('flat');
    const audit = await db.selectFrom('audit_event').select('detail').where('record_type', '=', 'finance-projection').where('record_id', '=', herefordshire.council.id).orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ before: { method: 'percent', percent: -5 }, after: { method: 'flat', percent: null } });
    await setProjection(db, ctx, herefordshire.council.id, { method: 'percent', percent: '-5' });
  });

  it('shows a council\'s staff only their own council, and no one outside the four roles', async () => {
    const own = await needsAnalysis(db, await contextOf(db, 'analyst@herefordshire.example'));
    expect(own.councils.map((c) => c.council.name)).toEqual(['Herefordshire']);
    const thurrock = await needsAnalysis(db, await contextOf(db, 'analyst@thurrock-consortium.example'));
    expect(thurrock.councils.map((c) => c.council.name)).not.toContain('Herefordshire');
    await expect(needsAnalysis(db, await contextOf(db, 'social-worker@herefordshire.example'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setProjection(db, await contextOf(db, 'analyst@herefordshire.example'), own.councils[0]!.council.id, { method: 'flat' })).resolves.toBeUndefined();
    const shropshire = (await needsAnalysis(db, await contextOf(db, PARTNERSHIP_OFFICER))).councils.find((c) => c.council.name === 'Shropshire')!;
    await expect(setProjection(db, await contextOf(db, 'analyst@herefordshire.example'), shropshire.council.id, { method: 'flat' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setProjection(db, await contextOf(db, 'team-manager@west-mercia.example'), shropshire.council.id, { method: 'flat' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('importing a population file', () => {
  const count = async () => Number((await db.selectFrom('finance_population').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('imports nothing when one line is bad, naming its line and column', async () => {
    const before = await count();
    const file = 'council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2030,population,1,2,3,4\nE06000019,2031,population,1,,3,4\n';
    const error = await importPopulation(db, await contextOf(db, PARTNERSHIP_OFFICER), file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefused);
    expect((error as ImportRefused).problems.map(describeProblem)).toEqual(['line 3, column 5 (5-9): the 5-9 count is missing']);
    expect(await count()).toBe(before);
  });

  it('refuses a row for a council the person does not keep, naming its line', async () => {
    const before = await count();
    const file = 'council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2030,population,1,2,3,4\nE06000051,2030,population,1,2,3,4\n';
    const error = await importPopulation(db, await contextOf(db, 'analyst@herefordshire.example'), file).catch((e: unknown) => e) as ImportRefused;
    expect(error.problems.map(describeProblem)).toEqual(['line 3, column 1 (council): you may not change Shropshire\'s figures']);
    expect(await count()).toBe(before);
    await expect(importPopulation(db, await contextOf(db, 'team-manager@herefordshire.example'), file)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('imports a good file, replacing what was held, and audits before and after', async () => {
    const ctx = await contextOf(db, 'analyst@herefordshire.example');
    const result = await importPopulation(db, ctx, 'council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2017,population,9900,9800,9700,9600\n');
    expect(result.rows).toBe(1);
    const again = await importPopulation(db, ctx, 'council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2017,population,10000,9800,9700,9600\n');
    expect(again.rows).toBe(1);
    const audit = await db.selectFrom('audit_event').select(['detail']).where('record_type', '=', 'finance-population').where('action', '=', 'import')
      .where('actor_id', '=', ctx.actor.staffId).orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ changes: [{ year: 2017, figure: 'population', before: { '0-4': 9900 }, after: { '0-4': 10000 } }] });
  });
});

describe('finance', () => {
  it('holds the business case\'s budget: £2,348,000 of direct costs and 62.13 FTE in 2013/14', async () => {
    const services = await money.budgets(db, await contextOf(db, PARTNERSHIP_OFFICER));
    const year = services.map((s) => s.years.find((y) => y.year === 2013)!);
    expect(year.reduce((s, y) => s + y.establishmentPence! + y.operationalPence!, 0)).toBe(234_800_000);
    expect(Math.round(year.reduce((s, y) => s + y.fte!, 0) * 100) / 100).toBe(62.13);
  });

  it('shows a joint service only to those who may see both its councils', async () => {
    const names = (await money.budgets(db, await contextOf(db, 'finance-officer@shropshire.example'))).map((s) => s.service.name);
    expect(names).toEqual([]);
    expect((await money.budgets(db, await contextOf(db, 'finance-officer@herefordshire.example'))).map((s) => s.service.name)).toEqual(['Herefordshire Council adoption service']);
  });

  it('reproduces one more child per service = £72,000 a year, and follows a council\'s own monthly cost', async () => {
    const ctx = await contextOf(db, PARTNERSHIP_OFFICER);
    expect((await money.costs(db, ctx, { children: 1, months: 12 })).result.totalPence).toBe(7_200_000);
    const herefordshire = (await money.costs(db, ctx, { children: 1, months: 12 })).fosterCosts.find((f) => f.council.name === 'Herefordshire')!;
    await money.setFosterCost(db, ctx, herefordshire.council.id, { monthly: '2,500' });
    expect((await money.costs(db, ctx, { children: 1, months: 12 })).result.totalPence).toBe(7_800_000);
    await expect(money.setFosterCost(db, await contextOf(db, 'analyst@west-mercia.example'), herefordshire.council.id, { monthly: '1' })).rejects.toBeInstanceOf(ForbiddenError);
    await money.setFosterCost(db, ctx, herefordshire.council.id, { monthly: '2000' });
  });

  it('appraises the options on the same figures', async () => {
    const a = await money.appraisal(db, await contextOf(db, PARTNERSHIP_OFFICER), { children: 1, months: 12, sold: 1, manager: 5_000_000, year: 2013 });
    expect(a.rows.map((r) => r.costPence)).toEqual([234_800_000, 239_800_000, null, null]);
    expect(a.rows[1]).toMatchObject({ savingPence: 7_200_000, incomePence: 2_700_000 });
  });
});
