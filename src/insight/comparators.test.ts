import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, ValidationError } from '../core/errors.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { importComparators, parseComparators } from './comparators.ts';
import * as store from './store.ts';
import { InsightFixtures } from './testing.ts';

let database: DatabaseHandle;
let f: InsightFixtures;
beforeAll(async () => {
  database = await openTestDatabase();
  f = await new InsightFixtures(database.db).setUp();
});
afterAll(async () => database?.close());

const HEADER = 'measure,comparator,council,period_end,value,source';
const errorsOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  throw new Error('not refused');
};

describe('comparator figures from CSV', () => {
  it('reads England\'s and a council\'s statistical neighbours\' figures', () => {
    expect(parseComparators(`${HEADER}\nA1,england,,2026-03-31,494,DfE\na2,Statistical-Neighbours,avon,2026-03-31,201.5,DfE\n`)).toEqual([
      { line: 2, measure: 'A1', comparator: 'england', council: null, periodEnd: '2026-03-31', value: 494, source: 'DfE' },
      { line: 3, measure: 'A2', comparator: 'statistical-neighbours', council: 'avon', periodEnd: '2026-03-31', value: 201.5, source: 'DfE' },
    ]);
  });

  it('refuses a bad line naming its line and column, and imports nothing', async () => {
    const text = `${HEADER}\nA1,england,,2026-03-31,494,DfE\nA1,england,,2026-04-30,494,DfE\nA2,england,,2026-03-31,-3,DfE\nA2,scotland,,2025-03-31,1,DfE\n`;
    expect(await errorsOf(importComparators(database.db, null, text))).toEqual([
      { field: 'line 3, column period_end', message: '"2026-04-30" is not a 31 March (YYYY-03-31)' },
      { field: 'line 4, column value', message: '"-3" is not a number of zero or more' },
      { field: 'line 5, column comparator', message: '"scotland" is not england or statistical-neighbours' },
    ]);
    expect(await errorsOf(importComparators(database.db, null, `${HEADER}\nA1,statistical-neighbours,nowhere,2026-03-31,1,DfE\n`))).toEqual([{ field: 'line 2, column council', message: 'There is no council "nowhere"' }]);
    expect(await errorsOf(importComparators(database.db, null, 'measure,value\nA1,3\n'))).toMatchObject([{ field: 'line 1' }]);
    expect(await store.comparators(database.db, [f.avon], ['2026-03-31'])).toEqual([]);
  });

  it('imports a good file, replacing figures already held, and is for analysts and administrators', async () => {
    await importComparators(database.db, null, `${HEADER}\nA1,england,,2026-03-31,494,DfE\nA1,statistical-neighbours,E06000901,2026-03-31,480,DfE\n`);
    const analyst = await f.ctx('analyst@avon.example');
    expect(await importComparators(database.db, analyst, `${HEADER}\nA1,england,,2026-03-31,490,DfE 2026\n`)).toBe(1);
    const held = await store.comparators(database.db, [f.avon], ['2026-03-31']);
    expect(held.map((c) => [c.comparator, c.councilId, c.value, c.source])).toEqual([['england', null, 490, 'DfE 2026'], ['statistical-neighbours', f.avon, 480, 'DfE']]);
    await expect(importComparators(database.db, await f.ctx('social-worker@avon.example'), `${HEADER}\nA1,england,,2026-03-31,1,DfE\n`)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
