// Backups. On PGlite, a consistent gzipped tarball of the data directory (PGlite's own dump);
// on a server, pg_dump's custom format. Restore goes into an empty PGlite directory, or over
// the server database with pg_restore.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { DatabaseHandle } from './db.ts';

export async function backup(handle: DatabaseHandle, file: string, databaseUrl?: string): Promise<string> {
  if (handle.dumpDataDir) {
    const blob = await handle.dumpDataDir();
    await writeFile(file, Buffer.from(await blob.arrayBuffer()));
    return `PGlite data directory written to ${file}`;
  }
  await run('pg_dump', ['--format=custom', `--file=${file}`, databaseUrl!]);
  return `pg_dump written to ${file}`;
}

export async function restore(file: string, target: { dataDir: string; databaseUrl?: string }): Promise<string> {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  if (target.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${target.databaseUrl}`, file]);
    return 'Restored into the server database';
  }
  if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0) {
    throw new Error(`MERCIA_DATA_DIR ${target.dataDir} is not empty: restore into an empty directory, then point MERCIA_DATA_DIR at it`);
  }
  const pglite = await PGlite.create(target.dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  await pglite.close();
  return `Restored into ${target.dataDir}`;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (err) => reject(new Error(`${command}: ${err.message} (install Debian's postgresql-client)`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}
