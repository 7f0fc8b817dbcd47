// `mercia import population <file>`: population estimates and projections, and looked-after
// children for years before the records, by council, age band and year (finance/import-csv.ts
// describes the file). All or nothing: every problem is printed as file, line, column and reason.
import { readFile } from 'node:fs/promises';
import type { Db } from '../core/db.ts';
import { ForbiddenError, ValidationError } from '../core/errors.ts';
import { contextOption } from './ssda903.ts';

type WithDb = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

/** Imports population figures; false (exit code 1) when the file is refused. */
export async function importPopulationCommand(file: string, options: { as?: string }, withDb: WithDb): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) {
    console.error(`mercia: ${file}: cannot be read`);
    return false;
  }
  const { importPopulation, ImportRefused } = await import('../finance/service.ts');
  const { describeProblem } = await import('../finance/import-csv.ts');
  try {
    const result = await withDb(async (db) => importPopulation(db, await contextOption(db, options.as), text));
    console.log(`Imported ${result.rows} row${result.rows === 1 ? '' : 's'} from ${file}.`);
    return true;
  } catch (error) {
    if (error instanceof ImportRefused) {
      for (const p of error.problems) console.error(`${file}:${describeProblem(p)}`);
      console.error('Nothing was imported: fix the file and run again.');
      return false;
    }
    if (error instanceof ValidationError || error instanceof ForbiddenError) {
      console.error(`mercia: ${error.message}`);
      return false;
    }
    throw error;
  }
}
