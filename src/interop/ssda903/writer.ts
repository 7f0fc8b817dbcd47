// Writes one SSDA903 table as a DfE CSV: the header row in the DfE column order, then one line
// per row. Both Mercia's export and the synthetic generator write through here, so the same rows
// always give the same bytes. Streaming, so a return of any size is written in flat memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { TABLES, type Column, type TableName } from './model.ts';

export interface TableWriter<T extends TableName> {
  /** Resolves when the row is buffered; waits for the file to drain when the buffer is full. */
  write(values: Record<Column<T>, string | null>): Promise<void>;
  /** Ends the file and resolves once every byte is on disk; rejects with any write error. */
  close(): Promise<void>;
}

/**
 * Opens `path` (created or truncated) for one table. The file is UTF-8 without a BOM, with LF
 * line endings, null written as an empty cell, and quotes only where a cell needs them (a comma,
 * quote or line break), as the DfE's own files are. An empty table is still a header line: the
 * header is what tells a reader which table a file is.
 */
export function openTableWriter<T extends TableName>(path: string, table: T): TableWriter<T> {
  const columns = TABLES[table] as readonly Column<T>[];
  const stringifier = stringify({ header: true, columns: columns as string[], record_delimiter: 'unix', eof: true });
  const done = pipeline(stringifier, createWriteStream(path));
  // Surfaced by close() (or by a pending write); without this a failure before close() would
  // also be reported as an unhandled rejection.
  done.catch(() => undefined);
  let closed = false;

  return {
    async write(values) {
      if (closed) throw new Error(`${table} writer is closed`);
      // An array in DfE order: cheaper than letting csv-stringify look each column up by name.
      const record = columns.map((c) => values[c] ?? null);
      if (!stringifier.write(record)) await Promise.race([once(stringifier, 'drain'), done]);
    },
    async close() {
      if (!closed) {
        closed = true;
        stringifier.end();
      }
      await done;
    },
  };
}
