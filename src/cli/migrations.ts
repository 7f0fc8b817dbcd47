// Whether a database already has every migration: one query, so that a command on an
// up-to-date database does not pay for Kysely's Migrator (its lock and its introspection of
// the catalogue take the better part of a second on PGlite). Anything else — a migration to
// apply, a table missing, a migration the code does not know — goes to migrate() as before.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';

// The same folder and names as core/migrate.ts reads (from src/cli, as from src/core).
const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

export async function isMigrated(db: Db): Promise<boolean> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).map((f) => f.replace(/\.sql$/, ''));
  let recorded: string[];
  try {
    recorded = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
  } catch {
    return false;
  }
  const known = new Set(recorded);
  return recorded.length === files.length && files.every((f) => known.has(f));
}
