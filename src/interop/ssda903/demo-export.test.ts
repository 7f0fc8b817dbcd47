import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { councilsByLaNumber } from './store.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { checkReturn } from './check.ts';
import type { Finding } from './model.ts';
import { parseCollectionYear } from './model.ts';
import { exportReturn } from './service.ts';
import * as store from './store.ts';

// Our own validator finds no errors in our export of the demo data, for every demo council,
// in the last complete collection year and the one in progress.
let handle: DatabaseHandle;
let work: string;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  work = await mkdtemp(join(tmpdir(), 'mercia-903-demo-'));
}, 120_000);
afterAll(async () => {
  await handle.close();
  await rm(work, { recursive: true, force: true });
});

const COUNCILS = ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire', 'thurrock', 'southend-on-sea'];

describe('the export of the demo data', () => {
  it.each(COUNCILS.flatMap((c) => ['2025/26', '2026/27'].map((y) => [c, y] as const)))('%s %s has no errors', async (slug, label) => {
    const council = (await store.findCouncil(handle.db, slug))!;
    const year = parseCollectionYear(label)!;
    const dir = join(work, `${slug}-${label.replace('/', '-')}`);
    const counts = await exportReturn(handle.db, null, { council, year, dir });
    expect(counts.Header).toBeGreaterThan(50);
    const files = (await readdir(dir)).map((name) => ({ name, path: join(dir, name) }));
    const errors: Finding[] = [];
    const result = await checkReturn(await councilsByLaNumber(handle.db), { council, year, files, previous: null }, { onFindings: async (batch) => { errors.push(...batch.filter((f) => f.severity === 'error')); } });
    expect(result.children).toBe(counts.Header);
    expect(errors.slice(0, 10).map((f) => `${f.file}:${f.line} ${f.column} [${f.rule}] ${f.message}`)).toEqual([]);
  });
});
