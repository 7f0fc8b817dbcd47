// Forward-only migrations: numbered SQL files in migrations/, applied in order, each in its
// own transaction, through Kysely's Migrator (which records them and takes a lock so two
// processes never migrate at once). A database that already has every migration is known from
// one query, without the Migrator's lock and catalogue reads (most of a second on PGlite).
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './db.ts';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

async function migrationFiles(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

class SqlFileMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = await migrationFiles();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(migrationsDir + file, 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        // No parameters, so node-postgres sends the simple protocol: many statements at once.
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/** Whether every migration file is recorded as applied, and nothing else is. */
export async function isMigrated(db: Db): Promise<boolean> {
  const names = (await migrationFiles()).map((f) => f.replace(/\.sql$/, ''));
  let recorded: string[];
  try {
    recorded = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
  } catch {
    // No migrations table yet: a new database.
    return false;
  }
  const known = new Set(recorded);
  return recorded.length === names.length && names.every((n) => known.has(n));
}

export async function migrate(db: Db): Promise<string[]> {
  if (await isMigrated(db)) return [];
  const migrator = new Migrator({ db, provider: new SqlFileMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
