import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FILE_NAMES, SUPPORTED_END_YEARS, TABLES, TABLE_NAMES, codeLists, compareChild, parseDfeDate, yearEnding,
  type ChildGroup, type CodeLists, type Row, type TableName,
} from './model.ts';
import { validateChild } from './rules/index.ts';
import { writeSyntheticReturn, type SyntheticCounts } from './synthetic.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mercia-903-synthetic-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

type Tables = { [T in TableName]: Row<T>[] };

/** Reads the five files back as the reader would: cells trimmed, upper-cased, empty as null. */
async function readReturn(dir: string): Promise<Tables> {
  const out = {} as Record<TableName, Row<TableName>[]>;
  for (const table of TABLE_NAMES) {
    const file = FILE_NAMES[table];
    const text = await readFile(join(dir, file), 'utf8');
    expect(text.split('\n', 1)[0]).toBe(TABLES[table].join(','));
    const records = parse(text, { columns: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
    out[table] = records.map(({ record, info }) => {
      const values: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(record)) values[k] = v.trim() === '' ? null : v.trim().toUpperCase();
      return { file, line: info.lines, values } as Row<TableName>;
    });
  }
  return out as Tables;
}

function groups(t: Tables): ChildGroup[] {
  const by = new Map<string, ChildGroup>();
  const get = (child: string): ChildGroup => {
    let g = by.get(child);
    if (!g) by.set(child, (g = { child, header: [], episodes: [], ad1: [], placed: [], prevPerm: [] }));
    return g;
  };
  for (const r of t.Header) get(r.values.CHILD!).header.push(r);
  for (const r of t.Episodes) get(r.values.CHILD!).episodes.push(r);
  for (const r of t.AD1) get(r.values.CHILD!).ad1.push(r);
  for (const r of t.PlacedAdoption) get(r.values.CHILD!).placed.push(r);
  for (const r of t.PrevPerm) get(r.values.CHILD!).prevPerm.push(r);
  return [...by.values()].sort((a, b) => compareChild(a.child, b.child));
}

const iso = (text: string | null): string => {
  const d = parseDfeDate(text);
  if (d === null) throw new Error(`not a DfE date: ${text}`);
  return d;
};
const plusYears = (isoDate: string, years: number): string => `${Number(isoDate.slice(0, 4)) + years}${isoDate.slice(4)}`;

async function lineCount(path: string): Promise<number> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').length - 2; // minus the header and the empty string after the last LF
}

describe('writeSyntheticReturn', () => {
  const year = yearEnding(2025);
  let dir: string;
  let counts: SyntheticCounts;
  let t: Tables;

  beforeAll(async () => {
    dir = join(root, 'y2025');
    counts = await writeSyntheticReturn(dir, { children: 5000, year, seed: 42 });
    t = await readReturn(dir);
  });

  it('is deterministic: the same options give the same bytes', async () => {
    const again = join(root, 'again');
    expect(await writeSyntheticReturn(again, { children: 5000, year, seed: 42 })).toEqual(counts);
    for (const file of Object.values(FILE_NAMES)) {
      expect((await readFile(join(again, file))).equals(await readFile(join(dir, file))), file).toBe(true);
    }
    // …and another seed gives another return.
    await writeSyntheticReturn(join(root, 'seed42'), { children: 50, year, seed: 42 });
    await writeSyntheticReturn(join(root, 'seed43'), { children: 50, year, seed: 43 });
    const episodes = (seed: number) => readFile(join(root, `seed${seed}`, FILE_NAMES.Episodes), 'utf8');
    expect(await episodes(42)).not.toBe(await episodes(43));
  });

  it('reports counts that match the files', async () => {
    expect(counts.children).toBe(5000);
    expect(await lineCount(join(dir, FILE_NAMES.Header))).toBe(counts.children);
    expect(await lineCount(join(dir, FILE_NAMES.Episodes))).toBe(counts.episodes);
    expect(await lineCount(join(dir, FILE_NAMES.AD1))).toBe(counts.ad1);
    expect(await lineCount(join(dir, FILE_NAMES.PlacedAdoption))).toBe(counts.placed);
    expect(await lineCount(join(dir, FILE_NAMES.PrevPerm))).toBe(counts.prevPerm);
    expect(t.Episodes).toHaveLength(counts.episodes);
  });

  it('gives about 3.8 episodes a child and a realistic adoption mix', () => {
    expect(counts.episodes).toBeGreaterThan(17_500);
    expect(counts.episodes).toBeLessThan(21_000);
    expect(counts.ad1 / counts.children).toBeGreaterThan(0.03);
    expect(counts.ad1 / counts.children).toBeLessThan(0.1);
    expect(counts.placed).toBeGreaterThan(counts.ad1);
    expect(counts.prevPerm).toBeGreaterThan(0);
    expect(t.PlacedAdoption.some((r) => r.values.REASON_PLACED_CEASED !== null)).toBe(true);
    const places = new Set(t.Episodes.map((r) => r.values.PLACE));
    for (const p of ['A3', 'A4', 'A5', 'A6', 'U5', 'P1', 'K2', 'K3']) expect(places, p).toContain(p);
    const recs = new Set(t.Episodes.map((r) => r.values.REC));
    for (const r of ['E11', 'E12', 'E4A', 'E45', 'E46', 'E41', 'X1']) expect(recs, r).toContain(r);
  });

  it('writes children in compareChild order from firstChildId, episodes by DECOM, decisions by DATE_PLACED', () => {
    expect(t.Header[0]!.values.CHILD).toBe('100001');
    for (const table of TABLE_NAMES) {
      const ids = (t[table] as Row<TableName>[]).map((r) => r.values.CHILD!);
      for (let i = 1; i < ids.length; i++) expect(compareChild(ids[i - 1]!, ids[i]!), table).toBeLessThanOrEqual(0);
    }
    for (const g of groups(t)) {
      for (let i = 1; i < g.episodes.length; i++) expect(iso(g.episodes[i - 1]!.values.DECOM) < iso(g.episodes[i]!.values.DECOM)).toBe(true);
      for (let i = 1; i < g.placed.length; i++) expect(iso(g.placed[i - 1]!.values.DATE_PLACED) < iso(g.placed[i]!.values.DATE_PLACED)).toBe(true);
    }
  });

  it('keeps every episode in the year and no date after the year end', () => {
    for (const e of t.Episodes) {
      const v = e.values;
      expect(iso(v.DECOM) <= year.end).toBe(true);
      if (v.DEC !== null) expect(iso(v.DEC) >= year.start && iso(v.DEC) <= year.end).toBe(true);
    }
    for (const table of TABLE_NAMES) {
      for (const r of t[table] as Row<TableName>[]) {
        for (const [k, v] of Object.entries(r.values)) {
          if (v !== null && /^\d\d\/\d\d\/\d{4}$/.test(v)) expect(iso(v) <= year.end, `${table} ${k}`).toBe(true);
        }
      }
    }
  });

  it('has adopted children with complete AD1 rows that agree with the placement, and only them', () => {
    const all = groups(t);
    let adopted = 0;
    for (const g of all) {
      const last = g.episodes[g.episodes.length - 1]!.values;
      const isAdopted = last.REC === 'E11' || last.REC === 'E12';
      expect(g.ad1.length, g.child).toBe(isAdopted ? 1 : 0);
      if (!isAdopted) continue;
      adopted++;
      const a = g.ad1[0]!.values;
      for (const v of Object.values(a)) expect(v).not.toBeNull();
      expect(a.FOSTER_CARE).toBe(last.PLACE === 'A3' || last.PLACE === 'A5' ? '1' : '0');
      expect(g.placed.map((p) => p.values.DATE_PLACED)).toEqual([a.DATE_INT]);
      const dob = iso(g.header[0]!.values.DOB);
      expect(iso(last.DEC) < plusYears(dob, 18)).toBe(true);
    }
    expect(adopted).toBe(counts.ad1);
  });

  it('has realistic ages, valid UPNs, postcodes, URNs and mother fields', () => {
    const dobs = new Map(t.Header.map((h) => [h.values.CHILD!, iso(h.values.DOB)]));
    for (const h of t.Header) {
      const v = h.values;
      const dob = iso(v.DOB);
      expect(dob > plusYears(year.start, -18) && dob <= year.end).toBe(true);
      expect(v.UPN).toMatch(/^([A-HJ-NP-RT-Z]\d{12}|UN1)$/);
      // Every girl has MOTHER (rules 393, 607); boys never do.
      if (v.SEX !== 'F') expect(v.MOTHER).toBeNull();
      else expect(['0', '1']).toContain(v.MOTHER);
      expect(v.MC_DOB === null).toBe(v.MOTHER !== '1');
    }
    const noUrn = new Set(['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1', 'Z11', 'Z12', 'Z13', 'Z14']);
    for (const e of t.Episodes) {
      const v = e.values;
      expect(v.HOME_POST).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
      expect(v.PL_POST).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
      if (noUrn.has(v.PLACE!)) expect(v.URN).toBeNull();
      else expect(v.URN).toMatch(/^(SC)?\d{6}$/);
      // The reason is on the episode the change of placement ends (the DfE's convention).
      if (v.REASON_PLACE_CHANGE !== null) expect(v.REC).toBe('X1');
      // Nobody is looked after on or after their 18th birthday.
      expect(iso(v.DECOM) < plusYears(dobs.get(v.CHILD!)!, 18)).toBe(true);
    }
  });
});

describe('every supported year', () => {
  for (const endYear of SUPPORTED_END_YEARS) {
    const year = yearEnding(endYear);

    it(`${year.label}: codes are valid for the year and validateChild finds no errors`, async () => {
      const dir = join(root, `valid-${endYear}`);
      await writeSyntheticReturn(dir, { children: 2000, year, seed: endYear });
      const t = await readReturn(dir);
      const lists = codeLists(year);
      for (const table of TABLE_NAMES) {
        for (const r of t[table] as Row<TableName>[]) {
          for (const [k, v] of Object.entries(r.values)) {
            if (v !== null && k in lists) {
              expect(lists[k as keyof CodeLists], `${table} ${k} line ${r.line}`).toContain(v);
            }
          }
        }
      }
      const errors = groups(t).flatMap((g) => validateChild(g, { year, previous: null })).filter((f) => f.severity === 'error');
      expect(errors.slice(0, 10)).toEqual([]);
    });
  }
});
