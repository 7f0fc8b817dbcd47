import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, type Column } from './model.ts';
import { openTableWriter } from './writer.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mercia-903-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rows: Record<Column<'PlacedAdoption'>, string | null>[] = [
  { CHILD: '100001', DOB: '01/02/2020', DATE_PLACED: '03/04/2021', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null },
  { CHILD: '100002', DOB: '05/06/2019', DATE_PLACED: '07/08/2020', DATE_PLACED_CEASED: '09/10/2024', REASON_PLACED_CEASED: 'RD1' },
];

async function writeRows(path: string): Promise<Buffer> {
  const w = openTableWriter(path, 'PlacedAdoption');
  for (const r of rows) await w.write(r);
  await w.close();
  return readFile(path);
}

describe('openTableWriter', () => {
  it('writes the DfE header in DfE order, LF endings, nulls as empty cells, no BOM', async () => {
    const text = (await writeRows(join(dir, 'placed.csv'))).toString('utf8');
    expect(text).toBe(
      'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n'
      + '100001,01/02/2020,03/04/2021,,\n'
      + '100002,05/06/2019,07/08/2020,09/10/2024,RD1\n',
    );
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('quotes a cell only when it holds a comma, quote or line break', async () => {
    const path = join(dir, 'ad1.csv');
    const w = openTableWriter(path, 'AD1');
    await w.write({ CHILD: '7', DOB: 'a,b', DATE_INT: 'say "hi"', DATE_MATCH: 'x\ny', FOSTER_CARE: '1', NB_ADOPTR: null, SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11' });
    await w.close();
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${TABLES.AD1.join(',')}\n7,"a,b","say ""hi""","x\ny",1,,MF,L11\n`);
  });

  it('writes just the header for an empty table', async () => {
    const path = join(dir, 'prev.csv');
    await openTableWriter(path, 'PrevPerm').close();
    expect(await readFile(path, 'utf8')).toBe('CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\n');
  });

  it('gives the same bytes for the same rows', async () => {
    const a = await writeRows(join(dir, 'one.csv'));
    const b = await writeRows(join(dir, 'two.csv'));
    expect(a.equals(b)).toBe(true);
  });

  it('waits for the file under backpressure and keeps every row', async () => {
    const path = join(dir, 'many.csv');
    const w = openTableWriter(path, 'PrevPerm');
    for (let i = 0; i < 50_000; i++) await w.write({ CHILD: String(i), DOB: '01/01/2015', PREV_PERM: 'Z1', LA_PERM: null, DATE_PERM: null });
    await w.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(50_002); // header, rows, and the empty string after the last LF
    expect(lines[50_000]).toBe('49999,01/01/2015,Z1,,');
  });

  it('rejects on close when the file cannot be written', async () => {
    const w = openTableWriter(join(dir, 'no-such-dir', 'x.csv'), 'Header');
    await expect(w.close()).rejects.toThrow(/ENOENT/);
  });
});
