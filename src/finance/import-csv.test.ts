// Reading a population file: a good file read whole; each bad input named by line and column,
// and no rows returned when there is any problem (the import is all or nothing).
import { describe, expect, it } from 'vitest';
import { describeProblem, readPopulationCsv, yearFrom } from './import-csv.ts';

const CODES = new Set(['E06000019', 'E06000051']);
const HEADER = 'council,year,figure,0-4,5-9,10-14,15-19';
const read = (...lines: string[]) => readPopulationCsv([HEADER, ...lines].join('\n'), CODES);
const only = (...lines: string[]) => {
  const { rows, problems } = read(...lines);
  expect(rows).toEqual([]);
  return problems.map(describeProblem);
};

describe('a population file', () => {
  it('is read whole when good: years as 2014 or 2014/15, thousands separators allowed', () => {
    const { rows, problems } = read('E06000019,2014,population,"9,800",9600,9500,10300', 'E06000019,2014/15,looked-after-projection,57,47,58,59', '', 'E06000051,2013,looked-after,69,66,79,128');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, councilCode: 'E06000019', year: 2014, figure: 'population', counts: { '0-4': 9800, '5-9': 9600, '10-14': 9500, '15-19': 10300 } },
      { line: 3, councilCode: 'E06000019', year: 2014, figure: 'looked-after-projection', counts: { '0-4': 57, '5-9': 47, '10-14': 58, '15-19': 59 } },
      { line: 5, councilCode: 'E06000051', year: 2013, figure: 'looked-after', counts: { '0-4': 69, '5-9': 66, '10-14': 79, '15-19': 128 } },
    ]);
  });

  it('refuses a missing band, naming the line and column', () => {
    expect(only('E06000019,2014,population,9800,9600,9500,10300', 'E06000019,2015,population,9900,,9400,10100')).toEqual(['line 3, column 5 (5-9): the 5-9 count is missing']);
  });

  it('refuses a header without a band', () => {
    const { rows, problems } = readPopulationCsv('council,year,figure,0-4,5-9,10-14\nE06000019,2014,population,1,2,3', CODES);
    expect(rows).toEqual([]);
    expect(problems.map(describeProblem)).toEqual(['line 1, column 7 (15-19): the header has no "15-19" column: every age band is needed']);
  });

  it('refuses a negative or non-whole count', () => {
    expect(only('E06000019,2014,population,-5,9600,9500,10300', 'E06000019,2015,population,9900,9700.5,9400,10100')).toEqual([
      'line 2, column 4 (0-4): -5 is negative: a count is 0 or more',
      'line 3, column 5 (5-9): 9700.5 is not a whole number',
    ]);
  });

  it('refuses an unknown council code, a bad year and an unknown figure', () => {
    expect(only('E09999999,2014,population,1,2,3,4', 'E06000019,14,population,1,2,3,4', 'E06000019,2014,people,1,2,3,4')).toEqual([
      'line 2, column 1 (council): "E09999999" is not the code of a council Mercia holds',
      'line 3, column 2 (year): "14" is not a year: write 2014 or 2014/15',
      'line 4, column 3 (figure): "people" is not one of population, looked-after, looked-after-projection',
    ]);
  });

  it('refuses a duplicate row, naming the line that already gave it', () => {
    expect(only('E06000019,2014,population,1,2,3,4', 'E06000019,2014/15,population,1,2,3,4')).toEqual([
      'line 3, column 1 (council): a second population row for E06000019 in 2014: line 2 already gives it',
    ]);
  });

  it('refuses an empty file and one with no figures', () => {
    expect(readPopulationCsv('', CODES).problems.map(describeProblem)).toEqual(['line 1, column 1 (council): the file is empty: it needs a header row and a row for each council, year and figure']);
    expect(read().problems).toHaveLength(1);
  });

  it('reads years only as a financial year that follows on', () => {
    expect(yearFrom('2014-15')).toBe(2014);
    expect(yearFrom('2014/16')).toBeNull();
    expect(yearFrom('1899')).toBeNull();
  });
});
