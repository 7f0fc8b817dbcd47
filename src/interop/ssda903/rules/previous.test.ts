import { describe, expect, it } from 'vitest';
import { CHILD, context, adoptedChild, expectNone, rows, ruleCases, run, type Values } from './testkit.ts';
import { validateChild } from './index.ts';

/** Last year's decisions for the child (the valid child's decision is 01/12/2022). */
const last = (...decisions: Values<'PlacedAdoption'>[]) => new Map([[CHILD, rows('PlacedAdoption', CHILD, decisions.map((d) => ({ DOB: '01/06/2021', ...d })))]]);
const open = last({ DATE_PLACED: '01/12/2022' });

ruleCases({
  '559': [{ name: 'an earlier decision missing from last year', previous: new Map(), fail: () => {}, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: (g) => { g.placed[0]!.values.DATE_PLACED = '01/04/2024'; } }],
  '560': [{ name: 'an open decision returned with another date', previous: last({ DATE_PLACED: '01/11/2022' }), fail: () => {}, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: (g) => { g.placed[0]!.values.DATE_PLACED = '01/11/2022'; } }],
  '561': [{ name: 'a decision that ceased last year returned again', previous: last({ DATE_PLACED: '01/12/2022', DATE_PLACED_CEASED: '01/03/2024', REASON_PLACED_CEASED: 'RD1' }), fail: () => {}, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: (g) => { g.placed[0]!.values.DATE_PLACED = '01/05/2024'; } }],
  '584': [{ name: 'a decision not later than one that ceased last year', previous: last({ DATE_PLACED: '01/01/2023', DATE_PLACED_CEASED: '01/03/2023', REASON_PLACED_CEASED: 'RD1' }), fail: () => {}, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: (g) => { g.placed[0]!.values.DATE_PLACED = '02/01/2023'; } }],
});

describe('last year', () => {
  it('is not consulted when it was not given', () => {
    const findings = run(2025, () => {}, null);
    for (const rule of ['559', '560', '561', '584']) expectNone(findings, rule);
  });
  it('passes a decision carried over while still open', () => {
    expect(validateChild(adoptedChild(2025), context(2025, open))).toEqual([]);
  });
  it('treats a child missing from last year as having had no decisions', () => {
    const rules = run(2025, () => {}, new Map()).map((f) => f.rule);
    expect(rules).toEqual(['559']);
  });
});
