// `mercia report` and `mercia import comparators` as the command runs them, on a test database
// (the command's own process and argument parsing are main.ts's, tested in main.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import type { Db } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { InsightFixtures } from '../insight/testing.ts';
import { importComparatorsCommand, reportCommand } from './reports.ts';

let database: DatabaseHandle;
const dir = mkdtempSync(join(tmpdir(), 'mercia-report-test-'));
const withDb = <T>(work: (db: Db) => Promise<T>) => work(database.db);

beforeAll(async () => {
  database = await openTestDatabase();
  const f = await new InsightFixtures(database.db).setUp();
  await f.adopted(f.avon, { entered: '2020-01-01', po: '2020-06-01', match: '2020-09-01', placed: '2020-10-01', order: '2021-05-01' });
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(work: () => Promise<boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((s) => void out.push(`${s}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((s) => void err.push(`${s}\n`));
  try {
    return { ok: await work(), stdout: out.join(''), stderr: err.join('') };
  } finally {
    write.mockRestore(); log.mockRestore(); error.mockRestore();
  }
}

describe('mercia report', () => {
  it('lists the reports', async () => {
    const r = await run(() => reportCommand('list', {}, withDb));
    expect(r.ok).toBe(true);
    expect(r.stdout).toMatch(/^scorecard\s+Adoption scorecard/m);
  });

  it('prints a council\'s scorecard as JSON and CSV, and writes XLSX to --out', async () => {
    const json = await run(() => reportCommand('scorecard', { la: '901', windowEnd: '2022-03-31' }, withDb));
    expect(json.ok).toBe(true);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({ name: 'scorecard', council: { slug: 'avon' }, period: { from: '2019-04-01', to: '2022-03-31' } });
    expect(body.tables[0].rows[0]).toMatchObject({ value: 274, threshold: 426, cohortSize: 1 });
    const csv = await run(() => reportCommand('scorecard', { la: 'avon', windowEnd: '2022-03-31', format: 'csv' }, withDb));
    expect(csv.stdout.split('\n')[0]).toBe('Measure,Figure,Unit,Threshold,Against threshold,Children counted,Cohort');
    const out = join(dir, 'scorecard.xlsx');
    expect((await run(() => reportCommand('scorecard', { windowEnd: '2022-03-31', format: 'xlsx', out }, withDb))).ok).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toHaveLength(2);
  });

  it('names the option at fault and fails', async () => {
    for (const [options, message] of [
      [{ windowEnd: '2022-04-01' }, '--window-end: A scorecard window ends on 31 March'],
      [{ from: '2022-04-01', to: '2022-01-01' }, '--to: The period ends'],
      [{ la: 'nowhere' }, '--la: There is no council'],
      [{ format: 'pdf' }, '--format: "pdf" is not json, csv or xlsx'],
      [{ format: 'xlsx' }, '--out: an XLSX workbook is written to a file'],
      [{ as: 'nobody@example.com' }, '--as: no active staff member'],
    ] as const) {
      const r = await run(() => reportCommand('scorecard', { ...options }, withDb));
      expect(r.ok, message).toBe(false);
      expect(r.stderr).toContain(message);
    }
    const unknown = await run(() => reportCommand('nope', {}, withDb));
    expect(unknown.ok).toBe(false);
    expect(unknown.stderr).toContain('no report called "nope"');
  });

  it('runs as the person --as names, refusing a council they may not see', async () => {
    const r = await run(() => reportCommand('scorecard', { as: 'analyst@avon.example', la: 'brent' }, withDb));
    expect(r.ok).toBe(false);
    expect(r.stderr).toContain('You may not see Brent\'s figures');
  });
});

describe('mercia import comparators', () => {
  it('imports a file, or names the line and column and imports nothing', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'measure,comparator,council,period_end,value,source\nA1,england,,2022-03-31,480,DfE\n');
    expect((await run(() => importComparatorsCommand(good, {}, withDb))).stdout).toContain('Imported 1 comparator figure');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'measure,comparator,council,period_end,value,source\nA1,england,,2022-03-31,480,DfE\nA2,england,,2022-03-30,1,DfE\n');
    const r = await run(() => importComparatorsCommand(bad, {}, withDb));
    expect(r.ok).toBe(false);
    expect(r.stderr).toContain(`${bad}: line 3, column period_end: "2022-03-30" is not a 31 March`);
    expect(r.stderr).toContain('Nothing was imported');
  });
});
