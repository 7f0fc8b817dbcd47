import { describe, expect, it } from 'vitest';
import type { ChildGroup } from '../model.ts';
import { isPostcode } from './placements.ts';
import { ep, ruleCases, type Edit } from './testkit.ts';

/** dd/mm/yyyy plus some days. */
function plus(dfe: string, days: number): string {
  const t = Date.UTC(Number(dfe.slice(6)), Number(dfe.slice(3, 5)) - 1, Number(dfe.slice(0, 2))) + days * 86_400_000;
  const d = new Date(t);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/**
 * A temporary placement (T4 unless told) of `days` days between the first foster placement
 * (line 2) and the return to it (line 3, now RNE P from the day the temporary one ended);
 * the temporary episode is on line 5. `change` edits it.
 */
const temporary = (days: number, change: Record<string, string | null> = {}): Edit => (g: ChildGroup) => {
  const before = ep(g, 2);
  const start = before.DEC!;
  const end = plus(start, days);
  // The placement order (line 3's LS E1) is granted on the day of the move: RNE B.
  g.episodes.push({ file: 'episodes.csv', line: 5, values: { ...before, DECOM: start, DEC: end, RNE: 'B', LS: ep(g, 3).LS, PLACE: 'T4', PLACE_PROVIDER: null, URN: null, REC: 'X1', REASON_PLACE_CHANGE: null, ...change } });
  Object.assign(ep(g, 3), { DECOM: end, RNE: 'P' });
};
const both = (...edits: Edit[]): Edit => (g) => { for (const edit of edits) edit(g); };

describe('isPostcode', () => {
  it.each(['AB1 2CD', 'AB12CD', 'W1A 1AA', 'EC1A 1BB', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT'])('accepts %s', (p) => expect(isPostcode(p)).toBe(true));
  it.each(['AB1 2C', 'AB1  2CD', '1AB 2CD', 'ABC 2CD', 'AB1 CD2', 'WR', 'AB123 4CD', ''])('refuses %s', (p) => expect(isPostcode(p)).toBe(false));
});

ruleCases({
  '178': [
    { name: 'a provider for T0', fail: (g) => { ep(g, 2).PLACE = 'T0'; }, where: { table: 'Episodes', line: 2, column: 'PLACE_PROVIDER', names: ["'PR1'", 'T0'] }, pass: (g) => { Object.assign(ep(g, 2), { PLACE: 'T0', PLACE_PROVIDER: null }); } },
    { name: 'a provider for Z12 in 2025/26', year: 2026, fail: (g) => { ep(g, 2).PLACE = 'Z12'; }, where: { table: 'Episodes', line: 2, column: 'PLACE_PROVIDER', names: ["'PR1'", 'Z12', '2025/26'] }, pass: (g) => { Object.assign(ep(g, 2), { PLACE: 'Z12', PLACE_PROVIDER: null, URN: null }); } },
  ],
  '213': [
    { name: 'a provider for T4', fail: (g) => { ep(g, 2).PLACE = 'T4'; }, where: { table: 'Episodes', line: 2, column: 'PLACE_PROVIDER', names: ['T4', "'PR1'"] }, pass: (g) => { Object.assign(ep(g, 2), { PLACE: 'T4', PLACE_PROVIDER: null }); } },
    { name: 'a provider for Z14 in 2025/26', year: 2026, fail: (g) => { ep(g, 2).PLACE = 'Z14'; }, where: { table: 'Episodes', line: 2, column: 'PLACE_PROVIDER', names: ['Z14', "'PR1'"] }, pass: (g) => { Object.assign(ep(g, 2), { PLACE: 'Z14', PLACE_PROVIDER: null }); } },
  ],
  '218': [
    { name: 'no URN for an adoption placement in the year', fail: (g) => { ep(g, 4).URN = null; }, where: { table: 'Episodes', line: 4, column: 'URN', names: ['A6', '15/05/2024'] }, pass: (g) => { ep(g, 2).URN = null; } },
    { name: 'XXXXXXX stands for a URN not known', fail: (g) => { ep(g, 3).URN = null; }, where: { table: 'Episodes', line: 3, column: 'URN', names: ['U3', '10/01/2023'] }, pass: (g) => { ep(g, 3).URN = 'XXXXXXX'; } },
  ],
  '222': [{ name: 'a URN for a placement with parents', fail: (g) => { ep(g, 2).PLACE = 'P1'; }, where: { table: 'Episodes', line: 2, column: 'URN', severity: 'warning', names: ["'SC123456'", 'P1'] }, pass: (g) => { Object.assign(ep(g, 2), { PLACE: 'P1', URN: 'XXXXXXX' }); } }],
  '378': [{ name: 'placed with parents under V2', fail: (g) => { Object.assign(ep(g, 2), { PLACE: 'P1', LS: 'V2' }); }, where: { table: 'Episodes', line: 2, column: 'LS', names: ['P1', 'V2', '01/05/2022'] }, pass: (g) => { Object.assign(ep(g, 2), { PLACE: 'P1', LS: 'C1' }); } }],
  '379': [{ name: 'T4 for eight days', fail: temporary(8), where: { table: 'Episodes', line: 5, column: 'DEC', names: ['10/01/2023', '18/01/2023', '8 days'] }, pass: temporary(7) }],
  '380': [{ name: 'a temporary placement starting a period of care', fail: temporary(3, { RNE: 'T' }), where: { table: 'Episodes', line: 5, column: 'RNE', names: ['T4', 'RNE T', '10/01/2023'] }, pass: temporary(3, { RNE: 'P', LS: 'C2' }) }],
  '381': [{ name: 'a temporary placement ending care', fail: temporary(3, { REC: 'E13' }), where: { table: 'Episodes', line: 5, column: 'REC', names: ['T4', 'E13', '13/01/2023'] }, pass: temporary(3) }],
  '382': [{ name: 'short breaks in a temporary placement', fail: temporary(3, { LS: 'V3' }), where: { table: 'Episodes', line: 5, column: 'PLACE', names: ['V3', 'T4'] }, pass: temporary(3, { LS: 'C2' }) }],
  '383': [
    { name: 'no change of placement back', fail: both(temporary(3), (g) => { ep(g, 3).RNE = 'L'; }), where: { table: 'Episodes', line: 3, column: 'RNE', names: ["RNE 'L'", "PLACE 'U3'", '13/01/2023'] }, pass: temporary(3) },
    { name: 'a different placement after', fail: both(temporary(3), (g) => { ep(g, 3).PLACE = 'U6'; }), where: { table: 'Episodes', line: 3, column: 'PLACE', names: ["'U6'", "'U3'"] }, pass: temporary(3, { PLACE: 'T1' }) },
    { name: 'another postcode after, in 2025/26', year: 2026, fail: both(temporary(3), (g) => { ep(g, 3).PL_POST = 'AB9 9ZZ'; }), where: { table: 'Episodes', line: 3, column: 'PL_POST', names: ["'AB9 9ZZ'", "'AB3 4EF'"] }, pass: temporary(3) },
    { name: 'another postcode after is not checked before 2025/26', year: 2025, fail: both(temporary(3), (g) => { ep(g, 3).PLACE = 'U5'; }), where: { table: 'Episodes', line: 3, column: 'PLACE', names: ["'U5'"] }, pass: both(temporary(3), (g) => { ep(g, 3).PL_POST = 'AB9 9ZZ'; }) },
  ],
  '384': [{ name: 'short breaks in long-term foster care', fail: (g) => { Object.assign(ep(g, 2), { LS: 'V3', PLACE: 'U4' }); }, where: { table: 'Episodes', line: 2, column: 'PLACE', names: ['V3', 'U4'] }, pass: (g) => { Object.assign(ep(g, 2), { LS: 'V3', PLACE: 'U5' }); } }],
  '392b': [
    { name: 'no home postcode', fail: (g) => { ep(g, 4).HOME_POST = null; }, where: { table: 'Episodes', line: 4, column: 'HOME_POST', names: ['HOME_POST', 'E1', '15/05/2024'] }, pass: (g) => { Object.assign(ep(g, 2), { LS: 'V4', HOME_POST: null, PL_POST: null }); } },
    { name: 'no placement postcode', fail: (g) => { ep(g, 2).PL_POST = null; }, where: { table: 'Episodes', line: 2, column: 'PL_POST', names: ['PL_POST', 'C2', '01/05/2022'] }, pass: () => {} },
  ],
  '392c': [{ name: 'a postcode cut short', fail: (g) => { ep(g, 2).PL_POST = 'AB3 4E'; }, where: { table: 'Episodes', line: 2, column: 'PL_POST', names: ["'AB3 4E'"] }, pass: (g) => { ep(g, 2).PL_POST = 'AB34EF'; } }],
});

describe('rules for temporary placements', () => {
  it('a valid temporary placement and return break none of them', async () => {
    const { run } = await import('./testkit.ts');
    const rules = run(2025, temporary(5)).map((f) => f.rule);
    expect(rules).toEqual([]);
  });
});
