// Small numbers suppressed honestly (DOMAIN.md §3.2: published council figures suppress small
// numbers). A count from 1 to 4 is shown as "<5". A table that shows totals would give a hidden
// count away by subtraction, so wherever a line of counts (a council's years with its total, or
// a year's councils with theirs) has exactly one hidden figure, another is hidden too — the
// smallest — and shown as "[c]" (the Government Statistical Service's mark for confidential),
// until no line has just one. Pure.
import type { Cell } from '../../core/http/tables.ts';

export const SMALL = '<5';
export const WITHHELD = '[c]';

/** A grid of counts: rows[r][c]; the last row is the total of the others, the last column the total of the row. */
export type Grid = number[][];

/** Which cells to hide: 'small' (1–4), 'withheld' (hidden so a small one cannot be worked out), or null. */
export function suppress(grid: Grid): ('small' | 'withheld' | null)[][] {
  type Mark = 'small' | 'withheld' | null;
  const marks: Mark[][] = grid.map((row) => row.map((v): Mark => (v >= 1 && v <= 4 ? 'small' : null)));
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  // Each line: its cells, the margin (the total) last.
  const lines: [number, number][][] = [
    ...Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => [r, c] as [number, number])),
    ...Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => [r, c] as [number, number])),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => marks[r]![c]).length !== 1) continue;
      const open = line.slice(0, -1).filter(([r, c]) => !marks[r]![c]);
      const pick = [...open].sort(([r1, c1], [r2, c2]) => Number(grid[r1]![c1] === 0) - Number(grid[r2]![c2] === 0) || grid[r1]![c1]! - grid[r2]![c2]!)[0] ?? line.at(-1)!;
      marks[pick[0]]![pick[1]] = 'withheld';
      changed = true;
    }
  }
  return marks;
}

/** A count as shown: the number, "<5" or "[c]". */
export function shown(value: number, mark: 'small' | 'withheld' | null): Cell {
  return mark === 'small' ? SMALL : mark === 'withheld' ? WITHHELD : value;
}
