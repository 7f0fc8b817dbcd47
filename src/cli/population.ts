// `mercia import population <file>`.
import type { Db } from '../core/db.ts';

type WithDb = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

/** Imports population figures; false (exit code 1) when the file is refused. */
export async function importPopulationCommand(file: string, options: { as?: string }, withDb: WithDb): Promise<boolean> {
  void file; void options; void withDb;
  return false;
}
