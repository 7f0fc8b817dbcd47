// Test databases: real PostgreSQL every time. In-memory PGlite by default; with
// TEST_DATABASE_URL, a fresh database on that server for each test file, dropped afterwards.
// Each is a private copy of a starting point built once per run by global-setup.ts (see
// seeded-template.ts): migrated and empty, or with the demo seeded for TEST_TODAY.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db.ts';
import { migrate } from '../migrate.ts';
import { adminQuery, databaseUrl, DEMO_PASSWORD, TEST_TODAY, untilDisconnected, type TemplateKind, type TestTemplates } from './seeded-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    merciaTestTemplates?: TestTemplates;
    merciaBrowserEndpoint?: string;
  }
}

export interface TestDatabaseOptions {
  /** Start from the demo seeded for TEST_TODAY with DEMO_PASSWORD (as startTestApp seeds it) instead of an empty migrated database. */
  demo?: boolean;
}

export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const kind: TemplateKind = options.demo ? 'demo' : 'migrated';
  const templates = providedTemplates();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    if (templates?.engine === 'pglite') return openPgliteCopy(templates.files[kind]);
    const handle = await openDatabase({ dataDir: 'memory://' });
    await prepare(handle, kind);
    return handle;
  }
  const name = `mercia_test_${randomBytes(6).toString('hex')}`;
  const template = templates?.engine === 'postgres' ? templates.databases[kind] : undefined;
  await adminQuery(serverUrl, template ? `create database ${name} template ${template}` : `create database ${name}`);
  const handle = await openDatabase({ url: databaseUrl(serverUrl, name), maxConnections: 5 });
  if (!template) await prepare(handle, kind);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await untilDisconnected(serverUrl, name);
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Without the global setup (a file run outside this config): migrate, and seed, here. */
async function prepare(handle: DatabaseHandle, kind: TemplateKind): Promise<void> {
  await migrate(handle.db);
  if (kind === 'demo') {
    const { seedDemo } = await import('../../demo/seed.ts');
    await seedDemo(handle.db, { password: DEMO_PASSWORD, today: TEST_TODAY });
  }
}

function providedTemplates(): TestTemplates | undefined {
  try {
    return inject('merciaTestTemplates');
  } catch {
    return undefined;
  }
}

const tarballs = new Map<string, Promise<Buffer>>();

/** An in-memory PGlite loaded from a data-directory tarball, opened as the service opens any database. */
async function openPgliteCopy(file: string): Promise<DatabaseHandle> {
  if (!tarballs.has(file)) tarballs.set(file, readFile(file));
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([new Uint8Array(await tarballs.get(file)!)]) });
}
