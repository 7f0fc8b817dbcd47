// Test helpers for the rule tests (not used by the application): build one child's rows
// directly, a fully valid adopted child for any year, and short ways to run and filter.

import { describe, expect, it } from 'vitest';
import { FILE_NAMES, TABLES, yearEnding, type ChildGroup, type Column, type Finding, type Row, type TableName } from '../model.ts';
import { validateChild, type RuleContext } from './index.ts';

export type Values<T extends TableName> = Partial<Record<Column<T>, string | null>>;

/** Rows of one table for a child, on lines 2, 3, … of the table's usual file. */
export function rows<T extends TableName>(table: T, child: string, list: readonly Values<T>[]): Row<T>[] {
  return list.map((given, i) => {
    const values = Object.fromEntries(TABLES[table].map((col) => [col, null])) as Record<Column<T>, string | null>;
    Object.assign(values, given, { CHILD: child });
    return { file: FILE_NAMES[table], line: i + 2, values };
  });
}

export interface Tables {
  header?: Values<'Header'>[];
  episodes?: Values<'Episodes'>[];
  ad1?: Values<'AD1'>[];
  placed?: Values<'PlacedAdoption'>[];
  prevPerm?: Values<'PrevPerm'>[];
}

export function childGroup(child: string, t: Tables): ChildGroup {
  return {
    child,
    header: rows('Header', child, t.header ?? []),
    episodes: rows('Episodes', child, t.episodes ?? []),
    ad1: rows('AD1', child, t.ad1 ?? []),
    placed: rows('PlacedAdoption', child, t.placed ?? []),
    prevPerm: rows('PrevPerm', child, t.prevPerm ?? []),
  };
}

export const CHILD = '1001';

/**
 * A child adopted in the collection year ending `endYear`: care order (C2, U3 foster care),
 * decision that the child should be placed for adoption, placement order (E1), placed for
 * adoption with new carers (A6), adopted (E11); PlacedAdoption and a complete AD1. A girl who
 * is not a mother (MOTHER 0), with a UPN, postcodes, URNs and CIN on every episode.
 * Episodes are on lines 2–4, every other table on line 2.
 */
export function adoptedTables(endYear: number): Required<Pick<Tables, 'header' | 'episodes' | 'ad1' | 'placed'>> {
  const y = endYear - 1; // the calendar year the collection starts in
  const dob = `01/06/${y - 3}`;
  const decision = `01/12/${y - 2}`;
  const common = { CIN: 'N1', PLACE_PROVIDER: 'PR1', HOME_POST: 'AB1 2CD', PL_POST: 'AB3 4EF', URN: 'SC123456' };
  return {
    header: [{ SEX: endYear <= 2024 ? '2' : 'F', DOB: dob, ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: '0' }],
    // The reason for the move to the adopters is on the episode that ends with it (REC X1; DfE convention).
    episodes: [
      { ...common, DECOM: `01/05/${y - 2}`, RNE: 'S', LS: 'C2', PLACE: 'U3', DEC: `10/01/${y - 1}`, REC: 'X1' },
      { ...common, DECOM: `10/01/${y - 1}`, RNE: 'L', LS: 'E1', PLACE: 'U3', DEC: `15/05/${y}`, REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' },
      { ...common, DECOM: `15/05/${y}`, RNE: 'P', LS: 'E1', PLACE: 'A6', DEC: `20/11/${y}`, REC: 'E11' },
    ],
    placed: [{ DOB: dob, DATE_PLACED: decision }],
    ad1: [{ DOB: dob, DATE_INT: decision, DATE_MATCH: `01/04/${y}`, FOSTER_CARE: '0', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11' }],
  };
}

export function adoptedChild(endYear: number): ChildGroup {
  return childGroup(CHILD, adoptedTables(endYear));
}

export function context(endYear: number, previous: RuleContext['previous'] = null): RuleContext {
  return { year: yearEnding(endYear), previous };
}

/** Validates the adopted child of `endYear` after `edit` has changed it. */
export function run(endYear: number, edit: (g: ChildGroup) => void, previous: RuleContext['previous'] = null): Finding[] {
  const g = adoptedChild(endYear);
  edit(g);
  return validateChild(g, context(endYear, previous));
}

export function ofRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export interface Where {
  rule: string;
  table: TableName;
  line: number;
  column: string;
  severity?: 'error' | 'warning';
  /** Values and dates, as they appear in the file, that the message must name. */
  names?: readonly string[];
}

/** Asserts a finding of the rule at that row and column (and nothing else of that rule elsewhere). */
export function expectFinding(findings: readonly Finding[], where: Where): void {
  const found = ofRule(findings, where.rule);
  expect(found.map((f) => ({ file: f.file, line: f.line, column: f.column }))).toContainEqual({
    file: FILE_NAMES[where.table],
    line: where.line,
    column: where.column,
  });
  const hit = found.find((f) => f.file === FILE_NAMES[where.table] && f.line === where.line && f.column === where.column)!;
  expect(hit.severity).toBe(where.severity ?? 'error');
  expect(hit.child).toBe(CHILD);
  expect(hit.message.length).toBeGreaterThan(10);
  for (const text of where.names ?? []) expect(hit.message, `message of rule ${where.rule}`).toContain(text);
}

export function expectNone(findings: readonly Finding[], rule: string): void {
  expect(ofRule(findings, rule)).toEqual([]);
}

// ---- table-driven rule cases ------------------------------------------------------------------

export type Edit = (g: ChildGroup) => void;

export interface RuleCase {
  name: string;
  /** Collection year (end year); 2025 unless given. */
  year?: number;
  previous?: RuleContext['previous'];
  /** A change that breaks the rule, and where the finding must be. */
  fail: Edit;
  where: Omit<Where, 'rule'>;
  /** A change, close to the boundary, that keeps the rule satisfied. */
  pass: Edit;
}

export const ep = (g: ChildGroup, line: number) => g.episodes.find((r) => r.line === line)!.values;
export const pa = (g: ChildGroup, line = 2) => g.placed.find((r) => r.line === line)!.values;
export const ad = (g: ChildGroup) => g.ad1[0]!.values;
export const hd = (g: ChildGroup) => g.header[0]!.values;

/** For each rule, each case: the failing change gives the finding; the passing change gives none. */
export function ruleCases(cases: Record<string, RuleCase[]>): void {
  for (const [rule, list] of Object.entries(cases)) {
    describe(`rule ${rule}`, () => {
      for (const c of list) {
        const year = c.year ?? 2025;
        it(`${c.name}: fails`, () => {
          expectFinding(run(year, c.fail, c.previous ?? null), { rule, ...c.where });
        });
        it(`${c.name}: passes`, () => {
          expectNone(run(year, c.pass, c.previous ?? null), rule);
        });
      }
    });
  }
}
