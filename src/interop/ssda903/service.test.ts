import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as childrenService from '../../children/service.ts';
import type { DatabaseHandle } from '../../core/db.ts';
import { NotFoundError } from '../../core/errors.ts';
import { TEST_TODAY } from '../../core/testing/app.ts';
import { contextOf } from '../../core/testing/context.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { seedDemo } from '../../demo/seed.ts';
import { FILE_NAMES, parseCollectionYear, TABLE_NAMES } from './model.ts';
import type { ReturnFile } from './reader.ts';
import { exportReturn, runReturn } from './service.ts';
import * as store from './store.ts';
import { writeSyntheticReturn } from './synthetic.ts';

// A council with no children yet receives a synthetic return; everything that follows reads
// what the import wrote.
const YEAR = parseCollectionYear('2025/26')!;
let handle: DatabaseHandle;
let work: string;
let returnDir: string;
let herefordshire: store.Council;

const db = () => handle.db;
const analyst = () => contextOf(db(), 'analyst@herefordshire.example', TEST_TODAY);

async function filesOf(dir: string): Promise<ReturnFile[]> {
  return (await readdir(dir)).sort().map((name) => ({ name, path: join(dir, name) }));
}

async function count(table: 'child' | 'care_episode' | 'milestone' | 'child_adoption') {
  return Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
}

async function councilChildren(councilId: string) {
  return Number((await db().selectFrom('child').select((eb) => eb.fn.countAll<string>().as('n')).where('placing_authority_id', '=', councilId).executeTakeFirstOrThrow()).n);
}

/** A copy of the good return with one file's text changed. */
async function variant(name: string, change: (file: string, text: string) => string): Promise<ReturnFile[]> {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  for (const f of await filesOf(returnDir)) await writeFile(join(dir, f.name), change(f.name, await readFile(f.path, 'utf8')));
  return filesOf(dir);
}

const run = async (files: ReturnFile[], mode: 'validate' | 'import' = 'import') =>
  runReturn(db(), await analyst(), { council: herefordshire, year: YEAR, files, mode, today: TEST_TODAY });

beforeAll(async () => {
  handle = await openTestDatabase();
  await seedDemo(db(), { password: 'correct-horse-battery-staple', today: TEST_TODAY, children: false });
  herefordshire = (await store.findCouncil(db(), 'herefordshire'))!;
  work = await mkdtemp(join(tmpdir(), 'mercia-903-service-'));
  returnDir = join(work, 'return');
  await writeSyntheticReturn(returnDir, { children: 400, year: YEAR });
}, 120_000);
afterAll(async () => {
  await handle.close();
  await rm(work, { recursive: true, force: true });
});

describe('bad input is reported and nothing is imported', () => {
  const cases: [string, (file: string, text: string) => string, { file: string; rule?: string; column?: string }][] = [
    ['an unknown header set', (f, t) => (f === FILE_NAMES.AD1 ? t.replace('FOSTER_CARE', 'FOSTERCARE') : t), { file: FILE_NAMES.AD1 }],
    ['a date that is not dd/mm/yyyy', (f, t) => (f === FILE_NAMES.Episodes ? t.replace(/\n(\d+),(\d\d)\/(\d\d)\/(\d{4}),/, '\n$1,$4-$3-$2,') : t), { file: FILE_NAMES.Episodes, column: 'DECOM' }],
    ['an unknown code', (f, t) => (f === FILE_NAMES.Episodes ? t.replace(/,(C1|C2|V2),/, ',Q9,') : t), { file: FILE_NAMES.Episodes, rule: '144', column: 'LS' }],
    ['a truncated row', (f, t) => (f === FILE_NAMES.Episodes ? t.replace(/\n([^\n]*?),[^,\n]*,[^,\n]*\n/, '\n$1\n') : t), { file: FILE_NAMES.Episodes }],
    ['a CHILD in PlacedAdoption missing from Header', (f, t) => (f === FILE_NAMES.PlacedAdoption ? t.replace(/\n\d+,/, '\n999999999,') : t), { file: FILE_NAMES.PlacedAdoption, rule: 'INT02' }],
    ['a return from another council', (f, t) => (f === FILE_NAMES.Header ? t.replace(/,[A-HJ-NP-RT-Z]\d{3}(\d{9}),/g, ',A893$1,') : t), { file: FILE_NAMES.Header, column: 'UPN' }],
  ];
  it.each(cases)('%s', async (name, change, expected) => {
    const before = await count('child');
    const result = await run(await variant(name.replace(/\W+/g, '-'), change));
    expect(result.outcome).toBe('refused');
    expect(result.errors).toBeGreaterThan(0);
    const finding = result.sample.find((f) => f.severity === 'error' && f.file === expected.file && (!expected.rule || f.rule === expected.rule) && (!expected.column || f.column === expected.column));
    expect(finding, JSON.stringify(result.sample.slice(0, 5))).toBeDefined();
    expect(await count('child')).toBe(before);
    const audits = await db().selectFrom('audit_event').select('id').where('action', '=', 'import').where('record_type', '=', 'ssda903-return').execute();
    expect(audits).toHaveLength(0);
  });
});

describe('importing a return', () => {
  it('validates only, with --dry-run', async () => {
    const result = await run(await filesOf(returnDir), 'validate');
    expect(result).toMatchObject({ outcome: 'valid', errors: 0, children: 400 });
    expect(await councilChildren(herefordshire.id)).toBe(0);
  });

  it('refuses a person who is not the council\'s analyst or administrator', async () => {
    const files = await filesOf(returnDir);
    for (const email of ['analyst@shropshire.example', 'social-worker@herefordshire.example', 'admin@west-mercia.example']) {
      const ctx = await contextOf(db(), email, TEST_TODAY);
      await expect(runReturn(db(), ctx, { council: herefordshire, year: YEAR, files, mode: 'import', today: TEST_TODAY })).rejects.toThrow(NotFoundError);
    }
  });

  it('imports the children with their journeys, audited with counts, and the scorecard moves', async () => {
    // A Shropshire child who happens to share a CHILD reference with the return is not touched.
    const shropshire = (await store.findCouncil(db(), 'shropshire'))!;
    const ref = (await readFile(join(returnDir, FILE_NAMES.Header), 'utf8')).split('\n')[1]!.split(',')[0]!;
    await db().insertInto('child').values({ placing_authority_id: shropshire.id, la_child_ref: ref, first_name: 'Ada', last_name: 'Other', date_of_birth: '2015-01-01', sex: 'F', ethnicity: 'WBRI' }).execute();
    const scoreBefore = (await childrenService.scorecard(db(), await analyst())).councils.find((c) => c.id === herefordshire.id)!;

    const result = await run(await filesOf(returnDir));
    expect(result.outcome).toBe('imported');
    expect(result.counts).toMatchObject({ childrenCreated: 400, childrenUpdated: 0 });
    expect(await councilChildren(herefordshire.id)).toBe(400);
    expect(await db().selectFrom('child').select(['first_name', 'date_of_birth']).where('placing_authority_id', '=', shropshire.id).where('la_child_ref', '=', ref).executeTakeFirst())
      .toEqual({ first_name: 'Ada', date_of_birth: '2015-01-01' });

    const adopted = await db().selectFrom('child').select(['stage', 'period_start', 'placed_date']).where('placing_authority_id', '=', herefordshire.id).where('stage', '=', 'adopted').execute();
    expect(adopted.length).toBeGreaterThan(0);
    expect(adopted.filter((c) => c.placed_date === null)).toEqual([]);
    // A period of care that began before the year is not in this year's return: those children
    // get their start from an earlier year's import, and are left out of A1 until then.
    const enteredThisYear = await db().selectFrom('child').select('period_start').where('placing_authority_id', '=', herefordshire.id).where('period_start', '>=', YEAR.start).execute();
    expect(enteredThisYear.length).toBeGreaterThan(0);

    const audit = await db().selectFrom('audit_event').select(['detail', 'owner_id']).where('action', '=', 'import').where('record_type', '=', 'ssda903-return').executeTakeFirstOrThrow();
    expect(audit.owner_id).toBe(herefordshire.id);
    expect(audit.detail).toMatchObject({ year: '2025/26', childrenCreated: 400, episodes: result.counts!.episodes });

    const scoreAfter = (await childrenService.scorecard(db(), await analyst())).councils.find((c) => c.id === herefordshire.id)!;
    expect(scoreBefore.adopted).toBe(0);
    expect(scoreAfter.adopted).toBe(adopted.length);
  });

  it('imports the same return again in place: no duplicates', async () => {
    const [children, episodes, milestones] = [await count('child'), await count('care_episode'), await count('milestone')];
    const result = await run(await filesOf(returnDir));
    expect(result.counts).toMatchObject({ childrenCreated: 0, childrenUpdated: 400, episodesRemoved: 0 });
    expect([await count('child'), await count('care_episode'), await count('milestone')]).toEqual([children, episodes, milestones]);
  });

  it('keeps what it does not cover: decisions from other years, and an ending known from after the year', async () => {
    const children = await db().selectFrom('child').select(['id', 'la_child_ref', 'shobpa_date']).where('placing_authority_id', '=', herefordshire.id).orderBy('la_child_ref').execute();
    const noDecision = children.find((c) => c.shobpa_date === null)!;
    await db().insertInto('milestone').values([
      { child_id: noDecision.id, type: 'shobpa', date: '2020-01-06', code: null, notes: null, recorded_by: null },
      { child_id: noDecision.id, type: 'plan-reversed', date: '2020-06-01', code: 'RD1', notes: null, recorded_by: null },
    ]).execute();
    const open = await db().selectFrom('care_episode').select(['id', 'child_id']).where('child_id', 'in', children.map((c) => c.id)).where('end_date', 'is', null).limit(1).executeTakeFirstOrThrow();
    await db().updateTable('care_episode').set({ end_date: '2026-05-01', reason_ceased: 'E4A' }).where('id', '=', open.id).execute();

    const result = await run(await filesOf(returnDir));
    expect(result.outcome).toBe('imported');
    const kept = await db().selectFrom('milestone').select(['type', 'date']).where('child_id', '=', noDecision.id).where('date', '<', '2021-01-01').orderBy('date').execute();
    expect(kept).toEqual([{ type: 'shobpa', date: '2020-01-06' }, { type: 'plan-reversed', date: '2020-06-01' }]);
    expect(await db().selectFrom('care_episode').select(['end_date', 'reason_ceased']).where('id', '=', open.id).executeTakeFirstOrThrow()).toEqual({ end_date: '2026-05-01', reason_ceased: 'E4A' });
  });

  it('exports the year byte for byte as it was imported, and audits the export', async () => {
    const out = join(work, 'export');
    const counts = await exportReturn(db(), await analyst(), { council: herefordshire, year: YEAR, dir: out });
    expect(counts.Header).toBe(400);
    for (const table of TABLE_NAMES) {
      const [mine, theirs] = await Promise.all([readFile(join(out, FILE_NAMES[table]), 'utf8'), readFile(join(returnDir, FILE_NAMES[table]), 'utf8')]);
      expect(mine, table).toBe(theirs);
    }
    const audit = await db().selectFrom('audit_event').select('detail').where('action', '=', 'export').where('record_type', '=', 'ssda903-return').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ year: '2025/26', Header: 400 });
  });

  it('refuses to export for someone else\'s council', async () => {
    const ctx = await contextOf(db(), 'analyst@worcestershire.example', TEST_TODAY);
    await expect(exportReturn(db(), ctx, { council: herefordshire, year: YEAR, dir: join(work, 'refused') })).rejects.toThrow(NotFoundError);
  });
});

/** The same return in the DfE XML layout (EXPSSDA903 > CHILD > HEADER + EPISODE). */
async function asXml(dir: string): Promise<string> {
  const read = async (file: string) => parse(await readFile(join(dir, file), 'utf8'), { columns: true }) as Record<string, string>[];
  const [header, episodes, ad1, placed, perm] = await Promise.all(TABLE_NAMES.map((t) => read(FILE_NAMES[t])));
  const tag = (name: string, value: string | undefined) => (value ? `<${name}>${value}</${name}>` : `<${name} />`);
  const of = <T extends { CHILD?: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.CHILD!, [...(map.get(r.CHILD!) ?? []), r]);
    return map;
  };
  const [eps, ads, pas, pps] = [of(episodes!), of(ad1!), of(placed!), of(perm!)];
  const children = header!.map((h) => {
    const a = ads.get(h.CHILD!)?.[0];
    return `<CHILD><HEADER>${tag('CHILDID', h.CHILD)}${tag('UPN', h.UPN)}${tag('SEX', h.SEX)}${tag('DOB', h.DOB)}${tag('ETHNIC', h.ETHNIC)}${tag('MOTHER', h.MOTHER)}${tag('MC_DOB', h.MC_DOB)}`
      + (a ? ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'].map((k) => tag(k, a[k])).join('') : '')
      + (pas.get(h.CHILD!) ?? []).map((p) => `<AD_PLACED>${tag('DATE_PLACED', p.DATE_PLACED)}${tag('DATE_PLACED_CEASED', p.DATE_PLACED_CEASED)}${tag('REASON_PLACED_CEASED', p.REASON_PLACED_CEASED)}</AD_PLACED>`).join('')
      + (pps.get(h.CHILD!) ?? []).map((p) => `<PERMANENCE>${tag('PREV_PERM', p.PREV_PERM)}${tag('LA_PERM', p.LA_PERM)}${tag('DATE_PERM', p.DATE_PERM)}</PERMANENCE>`).join('')
      + '</HEADER>'
      + (eps.get(h.CHILD!) ?? []).map((e) => `<EPISODE>${['DECOM', 'RNE', 'LS', 'CIN'].map((k) => tag(k, e[k])).join('')}${tag('PL', e.PLACE)}${['PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'].map((k) => tag(k, e[k])).join('')}</EPISODE>`).join('')
      + '</CHILD>\n';
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n${children.join('')}</EXPSSDA903>\n`;
}

describe('last year\'s return', () => {
  it('is compared with this year\'s decisions (rules 559–561, 584) when given, even as its PlacedAdoption file alone', async () => {
    const last = join(work, 'last-year');
    await writeSyntheticReturn(last, { children: 400, year: parseCollectionYear('2024/25')!, seed: 7 });
    const files = await filesOf(returnDir);
    const without = await runReturn(db(), await analyst(), { council: herefordshire, year: YEAR, files, mode: 'validate', today: TEST_TODAY });
    const withLast = await runReturn(db(), await analyst(), {
      council: herefordshire, year: YEAR, files, mode: 'validate', today: TEST_TODAY, previousFiles: [{ name: 'last.csv', path: join(last, FILE_NAMES.PlacedAdoption) }],
    });
    expect(without.errors).toBe(0);
    expect(withLast.errors).toBeGreaterThan(0);
    expect(withLast.sample.filter((f) => f.severity === 'error').every((f) => ['559', '560', '561', '584'].includes(f.rule))).toBe(true);
  });
});

describe('an XML return', () => {
  it('imports like the same return in CSV: its export is the CSV files byte for byte', async () => {
    const telford = (await store.findCouncil(db(), 'telford-and-wrekin'))!;
    const xml = join(work, 'return.xml');
    await writeFile(xml, await asXml(returnDir));
    const ctx = await contextOf(db(), 'analyst@telford-and-wrekin.example', TEST_TODAY);
    const result = await runReturn(db(), ctx, { council: telford, year: YEAR, files: [{ name: 'return.xml', path: xml }], mode: 'import', today: TEST_TODAY });
    expect(result).toMatchObject({ outcome: 'imported', errors: 0, children: 400 });
    const out = join(work, 'export-xml');
    await exportReturn(db(), ctx, { council: telford, year: YEAR, dir: out });
    for (const table of TABLE_NAMES) {
      expect(await readFile(join(out, FILE_NAMES[table]), 'utf8'), table).toBe(await readFile(join(returnDir, FILE_NAMES[table]), 'utf8'));
    }
  });
});
