// What finance's pages share: a table (core/http/tables.ts) in the shape govukTable draws, with
// numbers formatted as people read them (£ for money, two decimals for rates, "Not held" for a
// figure that is not held, never 0), links to download a page's tables, and the council filter.
import type { Table } from '../../core/http/tables.ts';

export interface ShownTable {
  caption: string;
  head: { text: string; format?: 'numeric' }[];
  rows: { text: string; format?: 'numeric'; classes?: string }[][];
}

/** 1052000 → "£1,052,000"; 58.1 → "58.10"; a minus sign, not a hyphen. */
export function formatNumber(v: number, isMoney: boolean): string {
  const abs = Math.abs(v).toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(v) ? 0 : 2, maximumFractionDigits: 2 });
  return `${v < 0 ? '−' : ''}${isMoney ? '£' : ''}${abs}`;
}

export function shown(table: Table): ShownTable {
  const money = (label: string) => label.endsWith('(£)');
  return {
    caption: table.caption,
    head: table.columns.map((c) => ({ text: c.label.replace(' (£)', ''), ...(c.numeric ? { format: 'numeric' as const } : {}) })),
    rows: table.rows.map((row) => table.columns.map((c) => {
      const v = row[c.key];
      const text = v === null || v === undefined ? 'Not held' : typeof v === 'number' ? formatNumber(v, money(c.label)) : v;
      return { text, ...(c.numeric ? { format: 'numeric' as const } : {}) };
    })),
  };
}

/** The page's address with format=csv or format=xlsx added to its query. */
export function downloadLinks(url: string): { csv: string; xlsx: string } {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.delete('format');
  const withFormat = (f: string) => { const p = new URLSearchParams(params); p.set('format', f); return `${path}?${p.toString()}`; };
  return { csv: withFormat('csv'), xlsx: withFormat('xlsx') };
}
