// One database, two engines. PGlite (PostgreSQL compiled to WebAssembly, in-process, files in
// MERCIA_DATA_DIR) is the default so nothing needs installing; a PostgreSQL server is used
// when DATABASE_URL is set. Both are reached through node-postgres, so every query takes
// the same code path (PGlite ships a node-postgres connection adapter).
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// Calendar dates stay `YYYY-MM-DD` strings: a JS Date would drag a time zone into them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// COUNT(*) and other bigints: our counts fit comfortably in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** PGlite only: the whole data directory as a gzipped tarball (see core/backup.ts). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size on a server. */
  maxConnections?: number;
  /** PGlite only: start from this data-directory tarball (a dump), e.g. a test's seeded copy. */
  loadDataDir?: Blob;
  /** PGlite only: its buffer cache (PostgreSQL's shared_buffers), e.g. "32MB". */
  sharedBuffers?: string;
  /** PGlite only: its WebAssembly, compiled ahead (compilePglite), so the compile overlaps other start-up work. */
  wasmModule?: Promise<WebAssembly.Module>;
}

/**
 * PGlite's buffer cache. PGlite's own default is PostgreSQL's 128 MB, held in the process's
 * WebAssembly memory: most of an idle server's memory. Pages not in it are read through the
 * operating system's file cache, so a small one costs little; config.ts lets an operator raise it.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/**
 * Starts compiling PGlite's WebAssembly (9 MB) on V8's background threads. A command calls it
 * first, before loading its other modules, and hands the promise to openDatabase.
 */
export function compilePglite(): Promise<WebAssembly.Module> {
  const wasm = new URL('pglite.wasm', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const compiled = readFile(wasm).then((bytes) => WebAssembly.compile(bytes));
  compiled.catch(() => undefined); // reported where it is awaited
  return compiled;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir: options.loadDataDir,
    pgliteWasmModule: await (options.wasmModule ?? compilePglite()),
    // PGlite runs PostgreSQL in single-user mode with one backend: the server-sized defaults
    // only hold memory. Its start parameters are kept and these appended.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? PGLITE_SHARED_BUFFERS}`, '-c', 'max_connections=8'],
  });
  // PGlite is a single connection: one client, queued, never closed while idle.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** One round trip to the database, for the health check. */
export async function ping(db: Db): Promise<void> {
  await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
}
