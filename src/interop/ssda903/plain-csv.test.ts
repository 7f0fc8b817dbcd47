import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { PlainSplitter } from './plain-csv.ts';

// The reader's csv-parse options: plain splitting must give exactly what these give.
const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true };

/** Splits `text` fed in the given piece lengths. */
function split(text: string, cuts: number[]): string[][] {
  const s = new PlainSplitter();
  const out: string[][] = [];
  let at = 0;
  for (const n of cuts) {
    out.push(...s.push(text.slice(at, at + n)));
    at += n;
  }
  out.push(...s.push(text.slice(at)));
  out.push(...s.end());
  return out;
}

// Text without quotes, heavy in what matters: commas, CR, LF, spaces and a BOM.
const plainText = fc.array(fc.constantFrom('a', 'B', '1', ',', ',', '\n', '\n', '\r', ' ', '\uFEFF', 'é', '\t'), { maxLength: 60 }).map((cs) => cs.join(''));

describe('plain CSV splitting', () => {
  it('gives csv-parse\'s records for any quote-free text, however it is cut into pieces', () => {
    fc.assert(fc.property(fc.boolean(), plainText, fc.array(fc.nat({ max: 8 }), { maxLength: 10 }), (bom, body, cuts) => {
      const text = (bom ? '\uFEFF' : '') + body;
      expect(split(text, cuts)).toEqual(parse(text, OPTIONS));
    }), { numRuns: 3000 });
  });

  it('keeps the cases that decide the record delimiter', () => {
    for (const text of ['', '\n', '\r', 'x\r', 'x\r\r', 'a\rb\r\n', 'a\r\nb\nc\r\n', 'a\n\nb', 'a\n\n', ',,\n', '\uFEFFCHILD,DOB\r\n1,2']) {
      expect(split(text, [1, 1, 2])).toEqual(parse(text, OPTIONS));
      expect(split(text, [])).toEqual(parse(text, OPTIONS));
    }
  });
});
