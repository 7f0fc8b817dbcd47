// CSV without a quote character, split the way csv-parse splits it (with the reader's options:
// bom, relax_column_count, relax_quotes) but several times faster: most of a dry run's time was
// csv-parse walking every byte. Without quotes a record is a line and a cell is what lies
// between commas, so plain string splitting gives the same records; plain-csv.test.ts holds the
// two together on random input. A file with a quote anywhere goes to csv-parse (reader.ts).
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Splits text fed in pieces into records. Like csv-parse: a leading BOM is dropped; the record
 * delimiter is the first line break met (CRLF, LF or CR) and only it ends a record after that;
 * an empty line is a record of one empty cell; what follows the last delimiter is a record only
 * if it is not empty.
 */
export class PlainSplitter {
  private rest = '';
  private started = false;
  private delimiter: string | null = null;

  /** The records completed by this piece of text. */
  push(text: string): string[][] {
    let t = this.rest + text;
    if (!this.started && t.length > 0) {
      this.started = true;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    if (this.delimiter === null) {
      const at = t.search(/[\r\n]/);
      // A CR last in the piece may be half of a CRLF: wait for the next piece to know.
      if (at === -1 || (t[at] === '\r' && at === t.length - 1)) {
        this.rest = t;
        return [];
      }
      this.delimiter = t[at] === '\n' ? '\n' : t[at + 1] === '\n' ? '\r\n' : '\r';
    }
    const lines = t.split(this.delimiter);
    this.rest = lines.pop() as string;
    const records = new Array<string[]>(lines.length);
    for (let i = 0; i < lines.length; i++) records[i] = (lines[i] as string).split(',');
    return records;
  }

  /** The last record, if the text did not end with a delimiter. */
  end(): string[][] {
    const last = this.push('');
    const t = this.rest;
    this.rest = '';
    // A lone CR held back as a possible half of CRLF is a delimiter after all.
    if (this.delimiter === null && t.endsWith('\r')) return [...last, t.slice(0, -1).split(',')];
    return t === '' ? last : [...last, t.split(',')];
  }
}

const QUOTE = 0x22;

/** A quote-free file's records, a batch per chunk read; `onBytes` hears each chunk's size. */
export async function* plainRecords(path: string, onBytes: (n: number) => void): AsyncGenerator<string[][]> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8');
  const splitter = new PlainSplitter();
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      // The scan found no quote; one now means the file changed since (reader.ts reports it).
      if (chunk.includes(QUOTE)) throw new Error('the file changed while it was read');
      const records = splitter.push(decoder.write(chunk));
      if (records.length > 0) yield records;
    }
    const last = splitter.push(decoder.end());
    const tail = splitter.end();
    if (last.length + tail.length > 0) yield [...last, ...tail];
  } finally {
    input.destroy();
  }
}
