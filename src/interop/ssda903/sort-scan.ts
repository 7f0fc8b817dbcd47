// The sort scan of a CSV table file, before its rows are read: whether the children come in
// order (then the tables are merged child by child as they stream; otherwise grouped in memory)
// and whether the file holds no quote at all (then it is split plainly, not parsed).
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { compareChild } from './model.ts';
import { cell } from './xml.ts';

const QUOTE = 0x22;

/**
 * Whether a table file's CHILD values never go backwards in compareChild order (`sorted`), and
 * whether it has no quote character at all (`plain`: known only when the scan read it all).
 * Files without a quote (nearly all) are scanned line by line, several times faster than a
 * full parse; a quote anywhere hands the file to csv-parse, which alone knows how to read quoting.
 */
export async function scanFile(path: string): Promise<{ sorted: boolean; plain: boolean }> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let childAt = -1;
  let prev: string | null = null;
  // Scans the complete lines of `text`, keeping the unfinished tail in `rest`. False if out of order.
  const scan = (text: string): boolean => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; start = nl + 1, nl = text.indexOf('\n', start)) {
      if (childAt === -1) {
        childAt = text.slice(start, nl).replace(/^\uFEFF/, '').split(',').map((c) => c.trim()).indexOf('CHILD');
        continue;
      }
      // The CHILD cell runs from just after the childAt-th comma to the next comma or the line end.
      let from = start;
      for (let k = 0; k < childAt && from > 0; k++) from = text.indexOf(',', from) + 1;
      if (from === 0 || from > nl) continue; // a short row: reported when read
      let to = text.indexOf(',', from);
      if (to === -1 || to > nl) to = nl;
      const id = cell(text.slice(from, to));
      if (id === null || id === prev) continue;
      if (prev !== null && compareChild(prev, id) > 0) return false;
      prev = id;
    }
    rest = text.slice(start);
    return true;
  };
  let sorted = true;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      // Once out of order, the rest is only looked at for quotes.
      if (!sorted) {
        if (chunk.includes(QUOTE)) return { sorted, plain: false };
        continue;
      }
      const text = rest + decoder.write(chunk);
      if (text.includes('"')) return { sorted: await isSortedByParse(path), plain: false };
      sorted = scan(text);
    }
    if (!sorted) return { sorted, plain: true };
    const tail = `${rest}${decoder.end()}\n`;
    return tail.includes('"') ? { sorted: await isSortedByParse(path), plain: false } : { sorted: scan(tail), plain: true };
  } finally {
    input.destroy();
  }
}

async function isSortedByParse(path: string): Promise<boolean> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
  let childAt = -1;
  let prev: string | null = null;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (childAt === -1) { childAt = record.map((c) => c.trim()).indexOf('CHILD'); continue; }
      const id = cell(record[childAt]);
      if (id === null) continue;
      if (prev !== null && compareChild(prev, id) > 0) return false;
      prev = id;
    }
    return true;
  } catch {
    // Unreadable CSV is reported when the rows are read; the in-memory path copes with anything.
    return false;
  } finally {
    input.destroy();
  }
}
