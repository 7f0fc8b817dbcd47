// Reads an SSDA903 return (DOMAIN.md appendix): either CSV files, one per table and recognised
// by their header row alone, or one DfE XML file. `openReturn` looks at each file cheaply
// (stat and the first 64 KiB) and refuses what cannot be a return before anything is read;
// `childGroups` then streams the rows out child by child.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { plainRecords } from './plain-csv.ts';
import { scanFile } from './sort-scan.ts';
import { IGNORED_TABLES, TABLES, TABLE_NAMES, compareChild, type ChildGroup, type Finding, type Row, type TableName } from './model.ts';
import { cell, emptyGroup, looksLikeXml, readXmlGroups, sniffDeclaredLa } from './xml.ts';

export interface ReturnFile { name: string; path: string }

export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface OpenedReturn {
  kind: 'csv' | 'xml' | 'none';
  tables: Partial<Record<TableName, ReturnFile>>;
  xml: ReturnFile | null;
  ignored: { file: string; table: string }[];
  declaredLa: string | null;
  totalBytes: number;
  sorted: boolean;
  /** The CSV tables whose files hold no quote character, read by plain splitting (plain-csv.ts). */
  plain?: Partial<Record<TableName, boolean>>;
  findings: Finding[];
}

const SNIFF_BYTES = 64 * 1024;
const PROGRESS_EVERY = 1024 * 1024;
const RETURN = '(return)';

/** A row of any of the five tables (Row<TableName> would be one row with every table's columns). */
type AnyRow = { [T in TableName]: Row<T> }[TableName];

const GROUP_KEY = { Header: 'header', Episodes: 'episodes', AD1: 'ad1', PlacedAdoption: 'placed', PrevPerm: 'prevPerm' } as const;

function formatError(file: string, message: string, line: number | null = null, column: string | null = null, child: string | null = null): Finding {
  return { file, line, column, rule: 'FORMAT', message, severity: 'error', child };
}

function size(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
  return `${u === 0 ? n : Number(n.toFixed(1))} ${units[u]}`;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// ---- opening: sniff each file, recognise its table --------------------------------------

type Sniffed = { file: ReturnFile; size: number; text: string; whole: boolean } | { finding: Finding };

/** Stat and the first 64 KiB only, so a huge or binary upload costs nothing to refuse. */
async function sniff(file: ReturnFile, maxBytes: number): Promise<Sniffed> {
  const refuse = (message: string): Sniffed => ({ finding: formatError(file.name, message) });
  let info;
  try {
    info = await stat(file.path);
  } catch (err) {
    return refuse(`The file could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (info.isDirectory()) return refuse('This is a folder, not a file');
  if (!info.isFile()) return refuse('This is not a regular file');
  if (info.size > maxBytes) return refuse(`The file is ${size(info.size)}, larger than the ${size(maxBytes)} limit; it was not read`);
  if (info.size === 0) return refuse('The file is empty');
  const buf = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
  let got: number;
  try {
    const fh = await open(file.path, 'r');
    try {
      ({ bytesRead: got } = await fh.read(buf, 0, buf.length, 0));
    } finally {
      await fh.close();
    }
  } catch (err) {
    return refuse(`The file could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const bytes = buf.subarray(0, got);
  const whole = got >= info.size;
  if (bytes.includes(0)) return refuse('The file is binary, not a CSV or XML text file');
  let text: string;
  try {
    // `stream: true` when the sniff stops short, so a character cut in two at the end is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !whole });
  } catch {
    return refuse('The file is not UTF-8 text (is it a spreadsheet, or saved in another encoding?)');
  }
  if (text.trim() === '') return refuse('The file is empty');
  return { file, size: info.size, text, whole };
}

type Recognised = { table: TableName } | { ignored: string } | { message: string };

/** The header decides the table: exactly its set of column names, in any order. */
function recognise(columns: string[]): Recognised {
  const seen = new Set(columns);
  if (seen.size !== columns.length) {
    const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
    return { message: `Header row repeats ${list([...new Set(repeated)])}` };
  }
  const all: [string, readonly string[], boolean][] = [
    ...TABLE_NAMES.map((t): [string, readonly string[], boolean] => [t, TABLES[t], false]),
    ...Object.entries(IGNORED_TABLES).map(([t, cols]): [string, readonly string[], boolean] => [t, cols, true]),
  ];
  // Nearness ignores case, so a lower-cased header is still shown against the table it nearly is.
  const upper = new Set(columns.map((c) => c.toUpperCase()));
  let best: { name: string; missing: string[]; extra: string[]; distance: number } | null = null;
  for (const [name, cols, ignored] of all) {
    const missing = cols.filter((c) => !seen.has(c));
    const extra = columns.filter((c) => !cols.includes(c));
    if (missing.length === 0 && extra.length === 0) return ignored ? { ignored: name } : { table: name as TableName };
    const distance = cols.filter((c) => !upper.has(c)).length + [...upper].filter((c) => !cols.includes(c)).length;
    if (best === null || distance < best.distance) best = { name, missing, extra, distance };
  }
  const b = best as NonNullable<typeof best>;
  const parts = [`Header row matches no SSDA903 table: nearest is ${b.name}`];
  if (b.missing.length) parts.push(`missing ${list(b.missing)}`);
  if (b.extra.length) parts.push(`unexpected ${list(b.extra)}`);
  const message = parts.join(', ');
  return { message: b.distance === 0 ? `${message} (column names are case-sensitive)` : message };
}

function headerColumns(text: string): string[] | null {
  const nl = text.indexOf('\n');
  if (nl === -1) return null;
  try {
    const rows = parseSync(text.slice(0, nl), { relax_quotes: true, relax_column_count: true }) as string[][];
    return (rows[0] ?? []).map((c) => c.trim());
  } catch {
    return []; // e.g. an unclosed quote: matches no table, and the finding says so
  }
}

export async function openReturn(files: ReturnFile[], options: { maxBytes?: number } = {}): Promise<OpenedReturn> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const opened: OpenedReturn = { kind: 'none', tables: {}, xml: null, ignored: [], declaredLa: null, totalBytes: 0, sorted: false, findings: [] };
  const { findings, tables } = opened;
  const sizes = new Map<ReturnFile, number>();
  const xmls: { file: ReturnFile; size: number; text: string }[] = [];

  const sniffed = await Promise.all(files.map((f) => sniff(f, maxBytes)));
  for (const s of sniffed) {
    if ('finding' in s) { findings.push(s.finding); continue; }
    if (looksLikeXml(s.text)) { xmls.push(s); continue; }
    // A header line longer than the sniff is no SSDA903 header; a one-line file is a header with no rows.
    const columns = headerColumns(s.whole ? `${s.text}\n` : s.text);
    const r: Recognised = columns ? recognise(columns) : { message: 'The header row is too long to be an SSDA903 header' };
    if ('message' in r) findings.push(formatError(s.file.name, r.message, 1));
    else if ('ignored' in r) opened.ignored.push({ file: s.file.name, table: r.ignored });
    else if (tables[r.table]) {
      findings.push(formatError(s.file.name, `A second file for the ${r.table} table (the first is ${tables[r.table]?.name}); this one is not read`, 1));
    } else {
      tables[r.table] = s.file;
      sizes.set(s.file, s.size);
    }
  }

  const csvCount = sizes.size + opened.ignored.length;
  if (xmls.length > 1) {
    findings.push(formatError(RETURN, `${xmls.length} XML files: a DfE XML return is one file, so none of them is read`));
  } else if (xmls.length === 1 && csvCount > 0) {
    findings.push(formatError(RETURN, 'An XML return cannot be mixed with CSV files: upload either the one XML file or the CSV files'));
  } else if (xmls.length === 1) {
    const x = xmls[0] as (typeof xmls)[number];
    return { ...opened, kind: 'xml', tables: {}, xml: x.file, declaredLa: await sniffDeclaredLa(x.text), totalBytes: x.size };
  }
  if (xmls.length > 0) return { ...opened, tables: {}, ignored: [] };

  if (!tables.Header) findings.push(formatError(RETURN, 'No Header table: one file must have the Header columns (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB)'));
  if (!tables.Episodes) findings.push(formatError(RETURN, 'No Episodes table: one file must have the Episodes columns'));
  if (sizes.size === 0) return opened;
  const named = TABLE_NAMES.filter((t) => tables[t]);
  const scans = await Promise.all(named.map((t) => scanFile((tables[t] as ReturnFile).path)));
  const plain = Object.fromEntries(named.map((t, i) => [t, scans[i]!.plain]));
  return { ...opened, kind: 'csv', totalBytes: [...sizes.values()].reduce((a, b) => a + b, 0), sorted: scans.every((s) => s.sorted), plain };
}

// ---- reading rows -----------------------------------------------------------------------

/** Line breaks inside a record's cells (quoted newlines): rare, so checked cheaply first. */
function breaksIn(record: string[]): number {
  let n = 0;
  for (let f = 0; f < record.length; f++) {
    const v = record[f] as string;
    if (!v.includes('\n') && !v.includes('\r')) continue;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      // CR LF is one break. A CR ending the record is half of a CRLF delimiter in a file whose
      // first line ended in LF alone (csv-parse then leaves the CR in the last cell).
      if (c === 10 || (c === 13 && v.charCodeAt(i + 1) !== 10 && !(f === record.length - 1 && i === v.length - 1))) n++;
    }
  }
  return n;
}

/**
 * Everything a stream has buffered, as one array per wait: the merge then walks rows
 * synchronously and awaits only when a batch is used up, not once per row.
 */
async function* batches<T>(stream: Readable): AsyncGenerator<T[]> {
  let wake: (() => void) | null = null;
  const poke = (): void => { const w = wake; wake = null; w?.(); };
  stream.on('readable', poke);
  stream.on('end', poke);
  stream.on('error', poke);
  for (;;) {
    const batch: T[] = [];
    for (let r = stream.read() as T | null; r !== null; r = stream.read() as T | null) batch.push(r);
    if (batch.length > 0) { yield batch; continue; }
    if (stream.errored) throw stream.errored;
    if (stream.readableEnded || stream.destroyed) return;
    await new Promise<void>((resolve) => { wake = resolve; });
  }
}

/** A file's records by csv-parse, in batches; `quoted()` says whether a quote has been read yet. */
function parsedRecords(path: string, onBytes: (n: number) => void): { records: AsyncGenerator<string[][]>; quoted: () => boolean; close: () => void } {
  // Only a quote lets a cell hold a line break. Records lag behind the bytes read, so while no
  // chunk so far had a quote, no record so far spans lines and counting breaks can be skipped.
  let quoted = false;
  // Empty lines are not skipped by csv-parse: they arrive as [''] and keep the line count exact.
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true });
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (chunk: string | Buffer) => {
    onBytes(chunk.length);
    if (!quoted) quoted = chunk.includes('"');
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  return {
    records: batches<string[]>(parser),
    quoted: () => quoted,
    close: () => {
      input.destroy();
      parser.destroy();
    },
  };
}

/**
 * The rows of one table file in file order, in batches. Bad rows are reported and skipped.
 * `plain`: the file has no quote character (the scan read it all), so it is split without
 * csv-parse, to the same records (plain-csv.ts).
 */
async function* csvRows<T extends TableName>(
  file: ReturnFile,
  table: T,
  plain: boolean,
  report: (f: Finding) => void,
  onBytes: (n: number) => void,
): AsyncGenerator<Row<T>[]> {
  const columns = TABLES[table];
  // Copying a literal with every column already present is much cheaper than growing an empty object.
  const blank = Object.fromEntries(columns.map((c) => [c, null])) as Record<string, string | null>;
  const bad = (message: string, line: number, column: string | null, child: string | null): void =>
    report(formatError(file.name, message, line, column, child));
  let header: string[] | null = null;
  let at: number[] = [];
  let childAt = 0;
  let line = 1; // where the next record starts

  const source = plain
    ? { records: plainRecords(file.path, onBytes), quoted: () => false, close: () => undefined }
    : parsedRecords(file.path, onBytes);
  try {
    for await (const records of source.records) {
      const quoted = source.quoted();
      const rows: Row<T>[] = [];
      for (const record of records) {
        const start = line;
        line += quoted ? 1 + breaksIn(record) : 1;
        if (header === null) {
          header = record.map((c) => c.trim());
          at = columns.map((c) => (header as string[]).indexOf(c));
          childAt = header.indexOf('CHILD');
          continue;
        }
        const child = cell(record[childAt]);
        // Blank lines, and the runs of empty cells (",,,,") spreadsheets export, are not rows.
        if (child === null && record.every((v) => v.trim() === '')) continue;
        if (record.length < header.length) {
          const missing = header[record.length] as string;
          bad(`The row has ${record.length} of ${header.length} cells: ${missing} and the columns after it are missing; the row is not read`, start, missing, child);
        } else if (record.length > header.length) {
          bad(`The row has ${record.length} cells for ${header.length} columns: unexpected extra cells; the row is not read`, start, null, child);
        } else if (child === null) {
          bad('CHILD is blank; the row is not read', start, 'CHILD', null);
        } else {
          const values = { ...blank };
          for (let k = 0; k < columns.length; k++) values[columns[k] as string] = cell(record[at[k] as number]);
          rows.push({ file: file.name, line: start, values: values as Row<T>['values'] });
        }
      }
      if (rows.length > 0) yield rows;
    }
  } catch (err) {
    const e = err as { message: string; lines?: number };
    bad(`The file could not be read as CSV (${e.message}); reading stopped here`, e.lines ?? line, null, null);
  } finally {
    await source.records.return(undefined);
    source.close();
  }
}

function addRow(group: ChildGroup, table: TableName, row: AnyRow): void {
  (group[GROUP_KEY[table]] as AnyRow[]).push(row);
}

/** The current row of one table file, walking its batches. */
class Cursor {
  head: AnyRow | null = null;
  private batch: AnyRow[] = [];
  private pos = 0;
  constructor(readonly table: TableName, private readonly rows: AsyncGenerator<AnyRow[]>) {}

  /** Moves to the next row; returns a promise only when a new batch must be read. */
  next(): Promise<void> | undefined {
    if (++this.pos < this.batch.length) {
      this.head = this.batch[this.pos] as AnyRow;
      return undefined;
    }
    return this.refill();
  }

  private async refill(): Promise<void> {
    const r = await this.rows.next();
    this.batch = r.done ? [] : r.value;
    this.pos = 0;
    this.head = this.batch[0] ?? null;
  }

  async close(): Promise<void> {
    await this.rows.return(undefined);
  }
}

/** Sorted files: a k-way merge holds one batch per table, however big the files. */
async function* mergeSorted(cursors: Cursor[]): AsyncGenerator<ChildGroup> {
  try {
    await Promise.all(cursors.map((c) => c.next()));
    for (;;) {
      let next: string | null = null;
      for (const c of cursors) {
        const id = c.head?.values.CHILD;
        if (id && (next === null || compareChild(id, next) < 0)) next = id;
      }
      if (next === null) return;
      const group = emptyGroup(next);
      for (const c of cursors) {
        while (c.head !== null && c.head.values.CHILD === next) {
          addRow(group, c.table, c.head);
          const wait = c.next();
          if (wait) await wait;
        }
      }
      yield group;
    }
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
  }
}

/** Unsorted files: every row in memory, grouped, then handed out in compareChild order. */
async function* groupInMemory(cursors: Cursor[]): AsyncGenerator<ChildGroup> {
  const groups = new Map<string, ChildGroup>();
  try {
    for (const c of cursors) {
      for (await c.next(); c.head !== null; await c.next()) {
        const id = c.head.values.CHILD as string;
        let g = groups.get(id);
        if (g === undefined) groups.set(id, (g = emptyGroup(id)));
        addRow(g, c.table, c.head);
      }
    }
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
  }
  for (const id of [...groups.keys()].sort(compareChild)) {
    const g = groups.get(id) as ChildGroup;
    groups.delete(id);
    yield g;
  }
}

/**
 * One ChildGroup per CHILD with that child's rows from every table, in file order within each
 * table. CSV groups come in compareChild order; XML groups in file order. Row-level problems go
 * to `report` as they are met; `progress` hears the bytes read so far, about every MiB, and
 * once at the end.
 */
export async function* childGroups(
  opened: OpenedReturn,
  report: (f: Finding) => void,
  progress?: (bytesRead: number) => void,
): AsyncGenerator<ChildGroup> {
  let total = 0;
  let nextReport = PROGRESS_EVERY;
  const onBytes = (n: number): void => {
    total += n;
    if (progress && total >= nextReport) {
      progress(total);
      nextReport = total + PROGRESS_EVERY;
    }
  };
  if (opened.kind === 'xml' && opened.xml) {
    yield* readXmlGroups(opened.xml, report, onBytes);
  } else if (opened.kind === 'csv') {
    const cursors: Cursor[] = [];
    for (const t of TABLE_NAMES) {
      const f = opened.tables[t];
      if (f) cursors.push(new Cursor(t, csvRows(f, t, opened.plain?.[t] === true, report, onBytes)));
    }
    yield* opened.sorted ? mergeSorted(cursors) : groupInMemory(cursors);
  }
  progress?.(total);
}
