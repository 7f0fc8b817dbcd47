// Reading a population file, pure: one row per council, year and figure, a column per age band.
//
//   council,year,figure,0-4,5-9,10-14,15-19
//   E06000019,2014,population,9800,9600,9500,10300
//   E06000019,2013,looked-after,61,51,65,65
//
// figure says which numbers the row holds: `population` (an estimate or projection), `looked-after`
// (children looked after on 31 March ending the year, for years before Mercia's records) or
// `looked-after-projection` (the council's own projection of them). The file is all or nothing:
// every problem is found and named by line and column, and one problem means nothing is imported.
import { parse } from 'csv-parse/sync';
import { BANDS, type Band, type BandCounts } from './model.ts';

export const FIGURES = { population: 'Population', 'looked-after': 'Looked-after children (imported)', 'looked-after-projection': 'Looked-after children (council projection)' } as const;
export type Figure = keyof typeof FIGURES;

export interface ImportRow {
  line: number;
  councilCode: string;
  year: number;
  figure: Figure;
  counts: BandCounts;
}

export interface ImportProblem {
  line: number;
  /** 1-based column number, and the column's name in the header. */
  column: number;
  columnName: string;
  message: string;
}

export const describeProblem = (p: ImportProblem) => `line ${p.line}, column ${p.column} (${p.columnName}): ${p.message}`;

const REQUIRED = ['council', 'year', 'figure', ...BANDS] as const;
const MAX_PROBLEMS = 100;

/** "2014", "2014/15" or "2014-15" → 2014; anything else null. */
export function yearFrom(text: string): number | null {
  const m = /^(\d{4})(?:[/-](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== (year + 1) % 100) return null;
  return year >= 1990 && year <= 2100 ? year : null;
}

export function readPopulationCsv(text: string, knownCodes: ReadonlySet<string>): { rows: ImportRow[]; problems: ImportProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; column?: number; message: string };
    return { rows: [], problems: [{ line: e.lines ?? 1, column: (e.column ?? 0) + 1, columnName: '?', message: `the file is not valid CSV: ${e.message}` }] };
  }
  const problems: ImportProblem[] = [];
  const header = records[0]?.record.map((h) => h.toLowerCase());
  if (!header) return { rows: [], problems: [{ line: 1, column: 1, columnName: 'council', message: 'the file is empty: it needs a header row and a row for each council, year and figure' }] };
  const at = new Map(header.map((h, i) => [h, i] as const));
  for (const name of REQUIRED) {
    if (!at.has(name)) problems.push({ line: 1, column: header.length + 1, columnName: name, message: `the header has no "${name}" column${(BANDS as readonly string[]).includes(name) ? ': every age band is needed' : ''}` });
  }
  if (problems.length) return { rows: [], problems };
  if (records.length === 1) return { rows: [], problems: [{ line: 2, column: 1, columnName: 'council', message: 'the file has a header but no figures' }] };

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    if (problems.length >= MAX_PROBLEMS) break;
    const line = info.lines;
    const cell = (name: string) => record[at.get(name)!] ?? '';
    const problem = (name: string, message: string) => problems.push({ line, column: at.get(name)! + 1, columnName: name, message });
    const before = problems.length;

    const councilCode = cell('council');
    if (!councilCode) problem('council', 'the council code is missing');
    else if (!knownCodes.has(councilCode)) problem('council', `"${councilCode}" is not the code of a council Mercia holds`);
    const year = yearFrom(cell('year'));
    if (year === null) problem('year', `"${cell('year')}" is not a year: write 2014 or 2014/15`);
    const figure = cell('figure') as Figure;
    if (!(figure in FIGURES)) problem('figure', `"${cell('figure')}" is not one of ${Object.keys(FIGURES).join(', ')}`);
    const counts = {} as BandCounts;
    for (const band of BANDS) {
      const text = cell(band).replace(/,/g, '');
      if (text === '') problem(band, `the ${band} count is missing`);
      else if (!/^-?\d+(\.\d+)?$/.test(text)) problem(band, `"${cell(band)}" is not a number`);
      else if (Number(text) < 0) problem(band, `${cell(band)} is negative: a count is 0 or more`);
      else if (!Number.isInteger(Number(text))) problem(band, `${cell(band)} is not a whole number`);
      else counts[band as Band] = Number(text);
    }
    if (problems.length > before) continue;
    const key = `${councilCode}|${year}|${figure}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem('council', `a second ${figure} row for ${councilCode} in ${year}: line ${earlier} already gives it`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, councilCode, year: year!, figure, counts });
  }
  return { rows: problems.length ? [] : rows, problems };
}
