// `mercia report <name>` and `mercia import comparators <file>`.
import type { Db } from '../core/db.ts';

type WithDb = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

/** Prints the report; false (exit code 1) when it cannot. */
export async function reportCommand(name: string, options: Record<string, string | undefined>, withDb: WithDb): Promise<boolean> {
  void options; void withDb;
  console.error(`mercia: <name>: no report called "${name}"`);
  return false;
}

/** Imports comparator figures; false (exit code 1) when the file is refused. */
export async function importComparatorsCommand(file: string, options: { as?: string }, withDb: WithDb): Promise<boolean> {
  void file; void options; void withDb;
  return false;
}
