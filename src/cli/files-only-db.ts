// A stand-in for the database for `import 903 --dry-run`, which checks a return's files only.
// The check (interop/ssda903/check.ts) asks the database one thing, the councils by LA number,
// to name the council a return seems to come from; this answers that from the councils Mercia
// ships (councils.ts) and refuses any other query, so a check that starts asking for more fails
// loudly here instead of quietly getting nothing.
import {
  Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult,
} from 'kysely';
import type { Db } from '../core/db.ts';
import type { Database } from '../core/schema.ts';

class FilesOnlyConnection implements DatabaseConnection {
  constructor(private readonly laNames: Map<string, string>) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (/^select "la_number", "name" from "organisation" where "la_number" is not null$/.test(query.sql)) {
      return { rows: [...this.laNames].map(([laNumber, name]) => ({ la_number: laNumber, name }) as R) };
    }
    throw new Error(`a dry run opens no database, but the check asked it: ${query.sql}`);
  }

   
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    throw new Error(`a dry run opens no database, but the check asked it: ${query.sql}`);
  }
}

class FilesOnlyDriver implements Driver {
  constructor(private readonly laNames: Map<string, string>) {}
  async init() {}
  async acquireConnection() {
    return new FilesOnlyConnection(this.laNames);
  }
  async beginTransaction(): Promise<void> {
    throw new Error('a dry run opens no database, but the check began a transaction');
  }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

/** A Db that knows only the councils' names by LA number. */
export function filesOnlyDb(laNames: Map<string, string>): Db {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new FilesOnlyDriver(laNames),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}
