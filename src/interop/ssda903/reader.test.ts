import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TABLES, type ChildGroup, type Finding, type TableName } from './model.ts';
import { childGroups, openReturn, type OpenedReturn, type ReturnFile } from './reader.ts';

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mercia-903-reader-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

async function write(name: string, content: string | Buffer): Promise<ReturnFile> {
  const p = path.join(dir, name);
  await fs.writeFile(p, content);
  return { name, path: p };
}

const csv = (rows: string[][]): string => rows.map((r) => r.join(',')).join('\n') + '\n';

/** A row for `table` in DfE column order, with the given cells filled. */
function row(table: TableName, cells: Record<string, string>): string[] {
  return TABLES[table].map((c) => cells[c] ?? '');
}

async function readAll(opened: OpenedReturn): Promise<{ groups: ChildGroup[]; findings: Finding[]; progress: number[] }> {
  const groups: ChildGroup[] = [];
  const findings: Finding[] = [];
  const progress: number[] = [];
  for await (const g of childGroups(opened, (f) => findings.push(f), (n) => progress.push(n))) groups.push(g);
  return { groups, findings, progress };
}

/** A small valid return: Header and Episodes for two children. */
async function basicReturn(): Promise<ReturnFile[]> {
  return [
    await write('h.csv', csv([[...TABLES.Header], row('Header', { CHILD: '1', SEX: 'M' }), row('Header', { CHILD: '2', SEX: 'F' })])),
    await write('e.csv', csv([[...TABLES.Episodes], row('Episodes', { CHILD: '1', PLACE: 'U1' }), row('Episodes', { CHILD: '2', PLACE: 'A4' })])),
  ];
}

describe('recognising files by their header row', () => {
  it('assigns a file to a table by its set of columns, in any order and under any name', async () => {
    const cols = [...TABLES.Episodes].reverse();
    const ep = { ...Object.fromEntries(TABLES.Episodes.map((c) => [c, ''])), CHILD: '7', PLACE: 'a5', URN: 'sc1' } as Record<string, string>;
    const files = [
      await write('notes.txt', csv([cols, cols.map((c) => ep[c] as string)])),
      await write('whatever.dat', csv([[...TABLES.Header], row('Header', { CHILD: '7' })])),
    ];
    const opened = await openReturn(files);
    expect(opened.findings).toEqual([]);
    expect(opened.kind).toBe('csv');
    expect(opened.tables.Episodes?.name).toBe('notes.txt');
    expect(opened.tables.Header?.name).toBe('whatever.dat');
    const { groups } = await readAll(opened);
    expect(groups.map((g) => g.child)).toEqual(['7']);
    expect(groups[0]?.episodes[0]?.values).toMatchObject({ CHILD: '7', PLACE: 'A5', URN: 'SC1', DECOM: null });
  });

  it('accepts and lists tables that are not about adoption, and never reads them', async () => {
    const files = [...(await basicReturn()), await write('reviews.csv', csv([[...'CHILD,DOB,REVIEW,REVIEW_CODE'.split(',')], ['99', '', '', '']]))];
    const opened = await openReturn(files);
    expect(opened.findings).toEqual([]);
    expect(opened.ignored).toEqual([{ file: 'reviews.csv', table: 'Reviews' }]);
    const { groups } = await readAll(opened);
    expect(groups.map((g) => g.child)).toEqual(['1', '2']);
  });

  it('refuses an unknown header set, naming the nearest table and the differences', async () => {
    const cols = [...TABLES.Episodes.filter((c) => c !== 'URN'), 'FOO'];
    const files = [...(await basicReturn()), await write('odd.csv', csv([cols]))];
    const opened = await openReturn(files);
    expect(opened.findings).toEqual([{
      file: 'odd.csv', line: 1, column: null, rule: 'FORMAT', severity: 'error', child: null,
      message: 'Header row matches no SSDA903 table: nearest is Episodes, missing URN, unexpected FOO',
    }]);
  });

  it('is case-sensitive about column names', async () => {
    const opened = await openReturn([await write('h.csv', csv([TABLES.Header.map((c) => c.toLowerCase())]))]);
    expect(opened.tables.Header).toBeUndefined();
    expect(opened.findings[0]?.message).toMatch(/^Header row matches no SSDA903 table: nearest is Header, missing CHILD, SEX, .* unexpected child, .*\(column names are case-sensitive\)$/);
  });

  it('strips a UTF-8 byte order mark before the header', async () => {
    const h = await write('h.csv', '\uFEFF' + csv([[...TABLES.Header], row('Header', { CHILD: '5' })]));
    const e = await write('e.csv', csv([[...TABLES.Episodes], row('Episodes', { CHILD: '5' })]));
    const opened = await openReturn([h, e]);
    expect(opened.tables.Header?.name).toBe('h.csv');
    const { groups } = await readAll(opened);
    expect(groups[0]?.header[0]?.values.CHILD).toBe('5');
  });

  it('errors on a second file for the same table, keeping the first', async () => {
    const files = [...(await basicReturn()), await write('h2.csv', csv([[...TABLES.Header], row('Header', { CHILD: '3' })]))];
    const opened = await openReturn(files);
    expect(opened.tables.Header?.name).toBe('h.csv');
    expect(opened.findings).toHaveLength(1);
    expect(opened.findings[0]).toMatchObject({ file: 'h2.csv', severity: 'error', rule: 'FORMAT' });
    expect(opened.findings[0]?.message).toMatch(/second file for the Header table/);
  });

  it('errors when there is no Header or no Episodes file', async () => {
    const opened = await openReturn([await write('ad1.csv', csv([[...TABLES.AD1]]))]);
    expect(opened.findings.map((f) => [f.file, f.message.slice(0, 20)])).toEqual([
      ['(return)', 'No Header table: one'],
      ['(return)', 'No Episodes table: o'],
    ]);
    expect(opened.kind).toBe('csv');
  });
});

describe('refusing files without reading them', () => {
  it('refuses an empty file', async () => {
    const opened = await openReturn([...(await basicReturn()), await write('empty.csv', '')]);
    expect(opened.findings).toEqual([expect.objectContaining({ file: 'empty.csv', message: 'The file is empty', severity: 'error' })]);
  });

  it('refuses a binary file (NUL bytes) and a file that is not UTF-8', async () => {
    const nul = await write('sheet.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    const latin1 = await write('latin.csv', Buffer.concat([Buffer.from(TABLES.Header.join(',') + '\n1,M,caf'), Buffer.from([0xe9]), Buffer.from(',,,,\n')]));
    const opened = await openReturn([...(await basicReturn()), nul, latin1]);
    expect(opened.findings.map((f) => [f.file, f.message])).toEqual([
      ['sheet.xlsx', expect.stringMatching(/binary/)],
      ['latin.csv', expect.stringMatching(/not UTF-8/)],
    ]);
    expect(opened.kind).toBe('csv');
  });

  it('does not mistake a character cut by the 64 KiB sniff for bad UTF-8', async () => {
    const head = TABLES.Header.join(',') + '\n';
    // Pad so that the two bytes of 'é' sit either side of byte 65,536.
    const pad = 'x'.repeat(65535 - Buffer.byteLength(head) - '1,M,'.length);
    const body = `1,M,${pad}é,,,,\n2,F,,,,,\n`;
    const text = head + body;
    expect(Buffer.from(text).subarray(65535, 65537).toString()).toBe('é');
    const h = await write('h.csv', text);
    const opened = await openReturn([h]);
    expect(opened.tables.Header?.name).toBe('h.csv');
  });

  it('refuses a file over the size limit, naming its size and the limit', async () => {
    const files = await basicReturn();
    const opened = await openReturn(files, { maxBytes: 100 });
    expect(opened.findings[0]?.file).toBe('e.csv');
    expect(opened.findings[0]?.message).toMatch(/^The file is 1\d\d bytes, larger than the 100 bytes limit; it was not read$/);
    expect(opened.tables.Episodes).toBeUndefined();
    expect(opened.tables.Header?.name).toBe('h.csv');
  });

  // How long the refusal takes is measured by the bench (`mercia bench --only 903`, "oversized").
  it('refuses a 2 GiB file from its size alone', async () => {
    const big = path.join(dir, 'huge.csv');
    await fs.writeFile(big, TABLES.Header.join(',') + '\n');
    await fs.truncate(big, 2 * 1024 ** 3); // sparse: no disk used
    const opened = await openReturn([{ name: 'huge.csv', path: big }]);
    expect(opened.findings[0]).toMatchObject({ file: 'huge.csv', message: 'The file is 2 GiB, larger than the 512 MiB limit; it was not read' });
    expect(opened.tables.Header).toBeUndefined();
  });

  it('refuses a folder', async () => {
    await fs.mkdir(path.join(dir, 'sub'));
    const opened = await openReturn([{ name: 'sub', path: path.join(dir, 'sub') }]);
    expect(opened.findings[0]).toMatchObject({ file: 'sub', message: 'This is a folder, not a file' });
  });
});

describe('reading rows', () => {
  it('trims and upper-cases every cell and reads empty cells as null', async () => {
    const h = await write('h.csv', csv([[...TABLES.Header], row('Header', { CHILD: ' ab12 ', SEX: 'f', ETHNIC: ' wbri', UPN: '   ' })]));
    const e = await write('e.csv', csv([[...TABLES.Episodes], row('Episodes', { CHILD: 'AB12', REC: 'e11 ' })]));
    const { groups, findings } = await readAll(await openReturn([h, e]));
    expect(findings).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.header[0]).toEqual({
      file: 'h.csv', line: 2,
      values: { CHILD: 'AB12', SEX: 'F', DOB: null, ETHNIC: 'WBRI', UPN: null, MOTHER: null, MC_DOB: null },
    });
    expect(groups[0]?.episodes[0]?.values.REC).toBe('E11');
  });

  it('reports a truncated row (file, line, first missing column) and a row with extra cells, and skips both', async () => {
    const h = await write('h.csv', csv([
      [...TABLES.Header],
      row('Header', { CHILD: '1' }),
      ['2', 'M', '01/01/2020'], // truncated: ETHNIC is the first missing column
      [...row('Header', { CHILD: '3' }), 'surplus'],
      row('Header', { CHILD: '4' }),
    ]));
    const e = await write('e.csv', csv([[...TABLES.Episodes]]));
    const { groups, findings } = await readAll(await openReturn([h, e]));
    expect(groups.map((g) => [g.child, g.header[0]?.line])).toEqual([['1', 2], ['4', 5]]);
    expect(findings).toEqual([
      expect.objectContaining({ file: 'h.csv', line: 3, column: 'ETHNIC', child: '2', severity: 'error', message: expect.stringMatching(/ETHNIC/) }),
      expect.objectContaining({ file: 'h.csv', line: 4, column: null, child: '3', message: expect.stringMatching(/unexpected extra cells/) }),
    ]);
  });

  it('reports a row whose CHILD is blank, and skips blank lines and rows of empty cells silently', async () => {
    const h = await write('h.csv', [TABLES.Header.join(','), row('Header', { CHILD: '1' }).join(','), '', ',,,,,,', ',M,01/01/2020,,,,', ''].join('\n'));
    const e = await write('e.csv', csv([[...TABLES.Episodes]]));
    const { groups, findings } = await readAll(await openReturn([h, e]));
    expect(groups.map((g) => g.child)).toEqual(['1']);
    expect(findings).toEqual([expect.objectContaining({ file: 'h.csv', line: 5, column: 'CHILD', rule: 'FORMAT' })]);
  });

  it('gives the physical line a row starts on, across quoted line breaks and CRLF endings', async () => {
    const lines = [
      TABLES.Header.join(','),
      '1,M,,"two\r\nlines",,,', // one record over lines 2-3
      '',
      '2,M,,,,,', // line 5
      '3,M', // line 6: truncated
    ];
    const h = await write('h.csv', lines.join('\r\n') + '\r\n');
    const e = await write('e.csv', csv([[...TABLES.Episodes]]));
    const { groups, findings } = await readAll(await openReturn([h, e]));
    expect(groups.map((g) => [g.child, g.header[0]?.line, g.header[0]?.values.ETHNIC])).toEqual([['1', 2, 'TWO\r\nLINES'], ['2', 5, null]]);
    expect(findings).toEqual([expect.objectContaining({ line: 6, column: 'DOB' })]);
  });

  it('reports unreadable CSV quoting with a line and stops that file', async () => {
    const h = await write('h.csv', TABLES.Header.join(',') + '\n1,M,,,,,\n2,M,"never closed,,,,\n');
    const e = await write('e.csv', csv([[...TABLES.Episodes]]));
    const { groups, findings } = await readAll(await openReturn([h, e]));
    expect(groups.map((g) => g.child)).toEqual(['1']);
    expect(findings).toEqual([expect.objectContaining({ file: 'h.csv', message: expect.stringMatching(/could not be read as CSV/) })]);
    expect(findings[0]?.line).toBeGreaterThanOrEqual(3);
  });
});

/** `n` children spread over all five tables, as rows per table, in compareChild order. */
function makeReturn(n: number): Record<TableName, string[][]> {
  const t: Record<TableName, string[][]> = { Header: [], Episodes: [], AD1: [], PlacedAdoption: [], PrevPerm: [] };
  for (let c = 1; c <= n; c++) {
    // Numeric ids sort numerically (9 before 10), then others by character code.
    const id = c % 10 === 0 ? `X${c}` : String(c);
    t.Header.push(row('Header', { CHILD: id, SEX: 'M', DOB: '01/01/2019' }));
    for (let e = 1; e <= 1 + (c % 4); e++) t.Episodes.push(row('Episodes', { CHILD: id, DECOM: `0${e}/01/2021`, PLACE: 'U1' }));
    if (c % 3 === 0) t.AD1.push(row('AD1', { CHILD: id, DATE_INT: '01/02/2021' }));
    if (c % 4 === 0) t.PlacedAdoption.push(row('PlacedAdoption', { CHILD: id, DATE_PLACED: '01/03/2021' }), row('PlacedAdoption', { CHILD: id, DATE_PLACED: '02/03/2021' }));
    if (c % 5 === 0) t.PrevPerm.push(row('PrevPerm', { CHILD: id, PREV_PERM: 'Z1' }));
  }
  const order = (a: string[], b: string[]): number => {
    const [x, y] = [a[0] as string, b[0] as string];
    const [xn, yn] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    return xn !== yn ? (xn ? -1 : 1) : xn ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
  };
  for (const rows of Object.values(t)) rows.sort(order); // stable: episodes keep their order
  return t;
}

async function writeReturn(t: Record<TableName, string[][]>, prefix: string): Promise<ReturnFile[]> {
  const files: ReturnFile[] = [];
  for (const [table, rows] of Object.entries(t)) files.push(await write(`${prefix}-${table}.csv`, csv([[...TABLES[table as TableName]], ...rows])));
  return files;
}

/** A group with its rows' file and line left out and rows in a canonical order. */
function content(g: ChildGroup): unknown {
  const strip = (rows: { values: Record<string, string | null> }[]): string[] => rows.map((r) => JSON.stringify(r.values)).sort();
  return { child: g.child, header: strip(g.header), episodes: strip(g.episodes), ad1: strip(g.ad1), placed: strip(g.placed), prevPerm: strip(g.prevPerm) };
}

describe('grouping by child', () => {
  it('merges sorted files streaming into the same groups as the in-memory fallback', async () => {
    const t = makeReturn(60);
    const opened = await openReturn(await writeReturn(t, 'sorted'));
    expect(opened.sorted).toBe(true);
    const merged = await readAll(opened);
    const fallback = await readAll({ ...opened, sorted: false });
    expect(merged.groups).toEqual(fallback.groups);
    expect(merged.groups.map((g) => g.child).slice(0, 11)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '11', '12']);
    expect(merged.groups.at(-1)?.child).toBe('X60');
    expect(merged.groups[3]?.placed.map((r) => r.values.DATE_PLACED)).toEqual(['01/03/2021', '02/03/2021']);

    // The same rows shuffled: not sorted, read in memory, same children in the same order.
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const shuffled = Object.fromEntries(Object.entries(t).map(([k, rows]) => [k, [...rows].sort(() => random() - 0.5)])) as typeof t;
    const opened2 = await openReturn(await writeReturn(shuffled, 'shuffled'));
    expect(opened2.sorted).toBe(false);
    const unsorted = await readAll(opened2);
    expect(unsorted.groups.map(content)).toEqual(merged.groups.map(content));
  });

  it('streams sorted files: the first group arrives before the files are read through', async () => {
    const t = makeReturn(30000);
    const opened = await openReturn(await writeReturn(t, 'big'));
    expect(opened.sorted).toBe(true);
    expect(opened.totalBytes).toBeGreaterThan(3 * 1024 * 1024);
    const seen: number[] = [];
    const groups = childGroups(opened, () => undefined, (n) => seen.push(n));
    const first = await groups.next();
    expect(first.value?.child).toBe('1');
    expect(Math.max(0, ...seen)).toBeLessThan(opened.totalBytes);
    await groups.return(undefined);
  });

  it('reports progress as cumulative bytes, ending at the total', async () => {
    const opened = await openReturn(await writeReturn(makeReturn(12000), 'p'));
    expect(opened.totalBytes).toBeGreaterThan(1024 * 1024);
    const { progress, groups } = await readAll(opened);
    expect(groups).toHaveLength(12000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(opened.totalBytes);
  });

  // How fast the reader runs is measured by the bench (`mercia bench --only 903`, "read"), not here.
  it('reads the same 5,000-child return twice with the same children', async () => {
    const files = await writeReturn(makeReturn(5000), 'again');
    const first = await readAll(await openReturn(files));
    const second = await readAll(await openReturn(files));
    expect(first.groups).toHaveLength(5000);
    expect(second.groups).toEqual(first.groups);
  });
});
