// The test databases every file starts from, built once per run (by global-setup.ts) instead of
// once per file: a migrated database, and the same with the demo seeded for TEST_TODAY. On
// PGlite they are data-directory tarballs that each file loads into its own in-memory
// database; on a server they are template databases that each file copies with
// `CREATE DATABASE … TEMPLATE`. Either way every file gets a pristine copy of its own.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../db.ts';
import { migrate } from '../migrate.ts';

export const DEMO_PASSWORD = 'correct-horse-battery-staple';
/** The day tests stand on: the demo is generated relative to it, so results do not drift with the calendar. */
export const TEST_TODAY = '2026-11-23';

/** Which starting point a test database is copied from. */
export type TemplateKind = 'migrated' | 'demo';

/** What global-setup.ts hands the test files (through vitest's provide/inject). */
export type TestTemplates =
  | { engine: 'pglite'; files: Record<TemplateKind, string> }
  | { engine: 'postgres'; databases: Record<TemplateKind, string> };

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Seed the demo as startTestApp always has: the fixed test day and password. */
async function seedTestDemo(db: Parameters<typeof migrate>[0]): Promise<void> {
  const { seedDemo } = await import('../../demo/seed.ts');
  await seedDemo(db, { password: DEMO_PASSWORD, today: TEST_TODAY });
}

// ---- PGlite: data-directory tarballs, cached across runs ------------------------------------

/**
 * A hash of everything the seeded demo can depend on: the migrations, every non-test source file
 * (the demo is replayed through the areas' services), the lockfile, the test day and password.
 * Any edit gives a new key, so a cached tarball is never stale.
 */
function sourceKey(): string {
  const hash = createHash('sha256');
  hash.update(`${TEST_TODAY}\0${DEMO_PASSWORD}\0`);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.test.ts')) hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(join(root, 'migrations'));
  walk(join(root, 'src'));
  for (const file of ['package-lock.json', 'package.json']) if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)));
  return hash.digest('hex').slice(0, 24);
}

/**
 * The two tarballs, from node_modules/.cache when this source has been built before, otherwise
 * built now (one in-memory PGlite: migrate, dump, seed, dump). Files are written to a temporary
 * name and renamed, so a concurrent run sees either nothing or a whole file.
 */
export async function pgliteTemplates(): Promise<TestTemplates> {
  const dir = join(root, 'node_modules', '.cache', 'mercia-test-db');
  mkdirSync(dir, { recursive: true });
  const key = sourceKey();
  const files: Record<TemplateKind, string> = { migrated: join(dir, `${key}-migrated.tar`), demo: join(dir, `${key}-demo.tar`) };
  if (!existsSync(files.migrated) || !existsSync(files.demo)) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(handle.db);
      const migrated = await handle.dumpDataDir!();
      await seedTestDemo(handle.db);
      const demo = await handle.dumpDataDir!();
      for (const [kind, blob] of [['migrated', migrated], ['demo', demo]] as const) {
        const tmp = `${files[kind]}.${process.pid}.${randomBytes(4).toString('hex')}`;
        writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
        renameSync(tmp, files[kind]);
      }
    } finally {
      await handle.close();
    }
  }
  pruneCache(dir, key);
  return { engine: 'pglite', files };
}

/** Drop tarballs of older sources (a day old or more, so a concurrent run on another key keeps its own). */
function pruneCache(dir: string, key: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(key)) continue;
    const path = join(dir, name);
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
    } catch { /* another run pruned it */ }
  }
}

// ---- a server: template databases, for this run only ------------------------------------------

/** Build the two template databases on the server; returns them and a teardown that drops them. */
export async function serverTemplates(serverUrl: string): Promise<{ templates: TestTemplates; drop(): Promise<void> }> {
  const prefix = `mercia_template_${randomBytes(4).toString('hex')}`;
  const databases: Record<TemplateKind, string> = { migrated: `${prefix}_migrated`, demo: `${prefix}_demo` };
  const drop = async () => {
    for (const name of Object.values(databases)) await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    await adminQuery(serverUrl, `create database ${databases.migrated}`);
    await withServerDatabase(serverUrl, databases.migrated, (db) => migrate(db));
    await adminQuery(serverUrl, `create database ${databases.demo} template ${databases.migrated}`);
    await withServerDatabase(serverUrl, databases.demo, (db) => seedTestDemo(db));
  } catch (error) {
    await drop();
    throw error;
  }
  return { templates: { engine: 'postgres', databases }, drop };
}

/** Open a database on the server, run `work`, and close it, waiting until no connection to it is left (a template must have none). */
export async function withServerDatabase(serverUrl: string, name: string, work: (db: Parameters<typeof migrate>[0]) => Promise<unknown>): Promise<void> {
  const handle = await openDatabase({ url: databaseUrl(serverUrl, name), maxConnections: 5 });
  try {
    await work(handle.db);
  } finally {
    await handle.close();
    await untilDisconnected(serverUrl, name);
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * The pool's end() returns before its connections have closed: dropping the database "with
 * force" at once would terminate them mid-goodbye, and their clients would raise an error no
 * one listens for; copying it as a template would fail while they linger. Wait (briefly) for them to go first.
 */
export async function untilDisconnected(url: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [database]);
      if (Number(rows[0]!.n) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}
