// Tables of figures as the service shows and downloads them: one shape for a report's table on
// a page, in a CSV file and in an XLSX workbook, so every table that is shown can be downloaded
// exactly as shown (`?format=csv`, `?format=xlsx`).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  /** Right-aligned on the page, a number in the workbook. */
  numeric?: boolean;
}

export interface Table {
  /** Says what the table is (the page's caption, the workbook's sheet name, shortened). */
  caption: string;
  columns: readonly TableColumn[];
  rows: readonly Record<string, Cell>[];
  /** Per row, where a cell leads (column key to a drill-down key or an address): shown as links on the page, left out of downloads. */
  links?: readonly (Readonly<Record<string, string>> | undefined)[];
}

export type TableFormat = 'csv' | 'xlsx';

/** `csv` or `xlsx` from a query's `format`, or null for the page itself. */
export function tableFormat(value: unknown): TableFormat | null {
  return value === 'csv' || value === 'xlsx' ? value : null;
}

/** CSV of one table: a header row of the columns' labels, then its rows. */
export function tableCsv(table: Table): string {
  return stringify([table.columns.map((c) => c.label), ...table.rows.map((r) => table.columns.map((c) => r[c.key] ?? ''))]);
}

/** CSV of several tables: each under a line with its caption, a blank line between them. */
export function tablesCsv(tables: readonly Table[]): string {
  if (tables.length === 1) return tableCsv(tables[0]!);
  return tables.map((t) => `${stringify([[t.caption]])}${tableCsv(t)}`).join('\n');
}

/** An Excel sheet name: at most 31 characters, none of : \ / ? * [ ], unique in its workbook. */
function sheetName(caption: string, taken: Set<string>): string {
  const base = caption.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 28) || 'Table';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27 - String(n).length)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** An XLSX workbook with a sheet per table, numbers as numbers. */
export async function tablesXlsx(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mercia';
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.caption, taken));
    sheet.columns = table.columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(12, Math.min(40, c.label.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends the tables as a download named `<name>.csv` or `<name>.xlsx` (name: letters, digits and dashes). */
export async function sendTables(reply: FastifyReply, tables: readonly Table[], format: TableFormat, name: string): Promise<FastifyReply> {
  const file = `${name.replace(/[^A-Za-z0-9-]+/g, '-')}.${format}`;
  reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${file}"`);
  return reply.send(format === 'csv' ? tablesCsv(tables) : await tablesXlsx(tables));
}
