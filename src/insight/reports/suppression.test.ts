import { describe, expect, it } from 'vitest';
import { suppress } from './suppression.ts';

describe('suppressing small counts', () => {
  it('hides counts of 1 to 4, and one more in any line where a hidden count could be worked out from the total', () => {
    // Two councils and their total; two years and the 5-year total.
    const grid = [
      [3, 10, 13],
      [20, 30, 50],
      [23, 40, 63],
    ];
    const marks = suppress(grid);
    expect(marks[0]![0]).toBe('small');
    // Avon's row: 3 hidden, so the smallest other cell (10) is withheld too: 13 = 3 + 10 then tells neither.
    expect(marks[0]![1]).toBe('withheld');
    // The first year's column has 3 hidden: Brent's 20 is withheld too; the second year's column had 10 withheld: Brent's 30 too.
    expect(marks[1]![0]).toBe('withheld');
    expect(marks[1]![1]).toBe('withheld');
    // Every line has none or at least two hidden.
    for (const line of [...marks, ...marks[0]!.map((_, c) => marks.map((row) => row[c]))]) {
      expect(line.filter(Boolean).length).not.toBe(1);
    }
    expect(marks[2]).toEqual([null, null, null]);
  });

  it('leaves a table without small counts alone, and shows zeros', () => {
    expect(suppress([[0, 5, 5], [7, 0, 7], [7, 5, 12]])).toEqual([[null, null, null], [null, null, null], [null, null, null]]);
  });
});
