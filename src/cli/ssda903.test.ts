// The SSDA903 commands as an operator runs them: real processes on a real PGlite data directory.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliOn } from '../core/testing/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'mercia-cli-903-'));
const dataDir = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const mercia = cliOn(dataDir);

describe('mercia import 903 / export 903 / seed --903', () => {
  it('writes a synthetic return, checks it, imports it with progress, and exports it unchanged', { timeout: 180_000 }, async () => {
    const ret = join(work, 'return');
    const seeded = await mercia('seed', '--903', ret, '--children', '300', '--year', '2025/26');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/"children":300/);
    expect((await mercia('migrate')).code).toBe(0);
    expect((await mercia('seed', '--demo')).code).toBe(0);

    const dry = await mercia('import', '903', ret, '--la', 'worcestershire', '--year', '2026', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Valid: nothing was imported (--dry-run).');

    const imported = await mercia('import', '903', ret, '--la', '885', '--year', '2025/26', '--as', 'analyst@worcestershire.example');
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/Worcestershire 2025\/26: checking \d+%/);
    expect(imported.stderr).toMatch(/Worcestershire 2025\/26: importing \d+%/);
    expect(imported.stdout).toMatch(/"childrenCreated":300/);

    const out = join(work, 'out');
    expect((await mercia('export', '903', out, '--la', 'E10000034', '--year', '2025/26')).code).toBe(0);
    // The demo's own Worcestershire children follow the imported ones (numeric CHILD ids come first).
    for (const file of ['header.csv', 'episodes.csv', 'ad1.csv', 'placed_for_adoption.csv', 'previous_permanence.csv']) {
      expect(readFileSync(join(out, file), 'utf8').startsWith(readFileSync(join(ret, file), 'utf8')), file).toBe(true);
    }
    expect((await mercia('audit', 'verify')).stdout).toMatch(/Audit chain intact/);
  });

  it('prints each finding with file, line, column and rule, and exits non-zero having imported nothing', { timeout: 120_000 }, async () => {
    const bad = join(work, 'bad');
    await mercia('seed', '--903', bad, '--children', '50', '--year', '2025/26');
    const episodes = join(bad, 'episodes.csv');
    writeFileSync(episodes, readFileSync(episodes, 'utf8').replace(/\n(\d+),(\d\d)\/(\d\d)\/(\d{4}),/, '\n$1,$4-$3-$2,'));
    const result = await mercia('import', '903', bad, '--la', 'shropshire', '--year', '2025/26');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/episodes\.csv:\d+ DECOM: rule \S+ error: /);
    expect(result.stdout).toContain('Nothing was imported');

    const badYear = await mercia('import', '903', bad, '--la', 'shropshire', '--year', '2019');
    expect(badYear.code).toBe(1);
    expect(badYear.stderr).toContain('--year');
    const badCouncil = await mercia('export', '903', join(work, 'x'), '--la', 'atlantis', '--year', '2026');
    expect(badCouncil.code).toBe(1);
    expect(badCouncil.stderr).toContain('--la');
  });

  it('checks a return of a council Mercia ships without opening the database', { timeout: 60_000 }, async () => {
    const ret = join(work, 'dry');
    expect((await mercia('seed', '--903', ret, '--children', '40', '--year', '2025/26')).code).toBe(0);
    const noDatabase = join(work, 'never-opened');
    const dry = await cliOn(noDatabase)('import', '903', ret, '--la', 'E06000019', '--year', '2025/26', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('40 children; 0 errors');
    expect(dry.stdout).toContain('Valid: nothing was imported (--dry-run).');
    expect(existsSync(noDatabase)).toBe(false);
  });
});
