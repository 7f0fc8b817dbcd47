// The `mercia` command as an operator runs it, for tests: a real process on a PGlite data directory.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const bin = fileURLToPath(new URL('../../../bin/mercia.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A runner of `mercia …` against one data directory (never a server: DATABASE_URL is cleared). */
export function cliOn(dataDir: string): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env: { ...process.env, MERCIA_DATA_DIR: dataDir, DATABASE_URL: '' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as CliResult;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}
