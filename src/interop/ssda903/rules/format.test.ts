import { describe, expect, it } from 'vitest';
import { parseDfeDate } from '../model.ts';
import { isoDate } from './common.ts';
import { ad, ep, hd, ofRule, pa, ruleCases, run } from './testkit.ts';

describe('isoDate agrees with model.ts parseDfeDate', () => {
  it.each(['01/06/2021', '29/02/2020', '29/02/2021', '31/04/2024', '00/01/2024', '01/13/2024', '1/12/2022', '2024-09-20', '31/12/9999', '01/01/0000', 'ab/cd/efgh', '', '01/01/20245'])('%s', (text) => {
    expect(isoDate(text)).toBe(parseDfeDate(text));
  });
});

describe('dates', () => {
  it('names the expected form for an ISO date, with the date rewritten', () => {
    const findings = ofRule(run(2025, (g) => { hd(g).DOB = '2021-06-01'; }), '102');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('dd/mm/yyyy');
    expect(findings[0]!.message).toContain('01/06/2021');
  });
});

ruleCases({
  '102': [
    { name: 'Header DOB not a date', fail: (g) => { hd(g).DOB = '31/06/2021'; }, where: { table: 'Header', line: 2, column: 'DOB' }, pass: (g) => { hd(g).DOB = '30/06/2021'; } },
    { name: 'Header DOB missing', fail: (g) => { hd(g).DOB = null; }, where: { table: 'Header', line: 2, column: 'DOB' }, pass: () => {} },
  ],
  '101': [{ name: 'SEX missing', fail: (g) => { hd(g).SEX = null; }, where: { table: 'Header', line: 2, column: 'SEX' }, pass: (g) => { hd(g).SEX = 'U'; } }],
  '103': [
    { name: 'ETHNIC unknown', fail: (g) => { hd(g).ETHNIC = 'WHITE'; }, where: { table: 'Header', line: 2, column: 'ETHNIC' }, pass: (g) => { hd(g).ETHNIC = 'MWBA'; } },
    { name: 'ETHNIC missing', fail: (g) => { hd(g).ETHNIC = null; }, where: { table: 'Header', line: 2, column: 'ETHNIC' }, pass: (g) => { hd(g).ETHNIC = 'NOBT'; } },
  ],
  '112': [{ name: 'DATE_INT not a date', fail: (g) => { ad(g).DATE_INT = '31/02/2022'; }, where: { table: 'AD1', line: 2, column: 'DATE_INT' }, pass: () => {} }],
  '113': [{ name: 'DATE_MATCH in ISO form', fail: (g) => { ad(g).DATE_MATCH = '2024-04-01'; }, where: { table: 'AD1', line: 2, column: 'DATE_MATCH' }, pass: () => {} }],
  '115': [{ name: 'DATE_PLACED without leading zero', fail: (g) => { pa(g).DATE_PLACED = '1/12/2022'; }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: () => {} }],
  '116': [{ name: 'DATE_PLACED_CEASED not a date', fail: (g) => { Object.assign(pa(g), { DATE_PLACED_CEASED: '32/01/2024', REASON_PLACED_CEASED: 'RD1' }); }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { Object.assign(pa(g), { DATE_PLACED_CEASED: '31/01/2024', REASON_PLACED_CEASED: 'RD1' }); } }],
  FORMAT: [
    { name: 'DECOM in ISO form', fail: (g) => { ep(g, 2).DECOM = '2022-05-01'; }, where: { table: 'Episodes', line: 2, column: 'DECOM' }, pass: () => {} },
    { name: 'DECOM missing', fail: (g) => { ep(g, 3).DECOM = null; }, where: { table: 'Episodes', line: 3, column: 'DECOM' }, pass: () => {} },
    { name: 'DEC not a date', fail: (g) => { ep(g, 2).DEC = '10/1/2023'; }, where: { table: 'Episodes', line: 2, column: 'DEC' }, pass: () => {} },
    { name: 'RNE missing', fail: (g) => { ep(g, 3).RNE = null; }, where: { table: 'Episodes', line: 3, column: 'RNE' }, pass: () => {} },
    { name: 'AD1 DOB not a date', fail: (g) => { ad(g).DOB = '01-06-2021'; }, where: { table: 'AD1', line: 2, column: 'DOB' }, pass: () => {} },
    { name: 'UPN with a letter I', fail: (g) => { hd(g).UPN = 'I123456789012'; }, where: { table: 'Header', line: 2, column: 'UPN' }, pass: (g) => { hd(g).UPN = 'A12345678901B'; } },
    { name: 'UPN UN6', fail: (g) => { hd(g).UPN = 'UN6'; }, where: { table: 'Header', line: 2, column: 'UPN' }, pass: (g) => { hd(g).UPN = 'UN5'; } },
    { name: 'REASON_PLACE_CHANGE unknown', fail: (g) => { ep(g, 3).REASON_PLACE_CHANGE = 'MOVED'; }, where: { table: 'Episodes', line: 3, column: 'REASON_PLACE_CHANGE' }, pass: (g) => { ep(g, 3).REASON_PLACE_CHANGE = 'OTHER'; } },
  ],
  '171': [{ name: 'MC_DOB not a date', fail: (g) => { hd(g).MC_DOB = '2040-01-01'; }, where: { table: 'Header', line: 2, column: 'MC_DOB', names: ["'2040-01-01'", '01/01/2040'] }, pass: (g) => { Object.assign(hd(g), { MOTHER: '1', MC_DOB: '01/01/2023' }); } }],
  '632': [
    { name: 'DATE_PERM not a date', fail: (g) => { g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: 'P2', LA_PERM: '999', DATE_PERM: '2020' } }); }, where: { table: 'PrevPerm', line: 2, column: 'DATE_PERM', names: ["'2020'"] }, pass: (g) => { g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: 'P2', LA_PERM: '999', DATE_PERM: '01/01/2022' } }); } },
  ],
  '633': [
    { name: 'LA_PERM not an authority code', fail: (g) => { g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: 'P2', LA_PERM: 'ENG', DATE_PERM: '01/01/2022' } }); }, where: { table: 'PrevPerm', line: 2, column: 'LA_PERM', names: ["'ENG'"] }, pass: (g) => { g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: 'P2', LA_PERM: 'WAL', DATE_PERM: '01/01/2022' } }); } },
  ],
  '178': [{ name: 'PLACE_PROVIDER unknown', fail: (g) => { ep(g, 2).PLACE_PROVIDER = 'PR9'; }, where: { table: 'Episodes', line: 2, column: 'PLACE_PROVIDER', names: ["'PR9'"] }, pass: (g) => { ep(g, 2).PLACE_PROVIDER = 'PR5'; } }],
  '165': [{ name: 'MOTHER unknown', fail: (g) => { hd(g).MOTHER = '2'; }, where: { table: 'Header', line: 2, column: 'MOTHER', names: ["'2'"] }, pass: (g) => { hd(g).MOTHER = '1'; } }],
  '143': [{ name: 'RNE unknown', fail: (g) => { ep(g, 3).RNE = 'X'; }, where: { table: 'Episodes', line: 3, column: 'RNE' }, pass: (g) => { ep(g, 3).RNE = 'B'; } }],
  '144': [{ name: 'LS unknown', fail: (g) => { ep(g, 2).LS = 'E2'; }, where: { table: 'Episodes', line: 2, column: 'LS' }, pass: (g) => { ep(g, 2).LS = 'C1'; } }],
  '145': [
    { name: 'CIN unknown', fail: (g) => { ep(g, 2).CIN = 'N0'; }, where: { table: 'Episodes', line: 2, column: 'CIN', names: ["'N0'"] }, pass: (g) => { ep(g, 2).CIN = 'N8'; } },
    { name: 'CIN blank', fail: (g) => { ep(g, 4).CIN = null; }, where: { table: 'Episodes', line: 4, column: 'CIN', names: ['CIN is missing'] }, pass: (g) => { for (const r of g.episodes) r.values.CIN = 'N2'; } },
  ],
  '146': [{ name: 'PLACE A1 (no longer a code)', fail: (g) => { ep(g, 2).PLACE = 'A1'; }, where: { table: 'Episodes', line: 2, column: 'PLACE' }, pass: (g) => { ep(g, 2).PLACE = 'U6'; } }],
  '149': [{ name: 'REC E43 (historic SGO code)', fail: (g) => { ep(g, 2).REC = 'E43'; }, where: { table: 'Episodes', line: 2, column: 'REC' }, pass: (g) => { ep(g, 4).REC = 'E12'; } }],
  '114': [{ name: 'FOSTER_CARE 2', fail: (g) => { ad(g).FOSTER_CARE = '2'; }, where: { table: 'AD1', line: 2, column: 'FOSTER_CARE' }, pass: () => {} }],
  '175': [{ name: 'NB_ADOPTR 3', fail: (g) => { ad(g).NB_ADOPTR = '3'; }, where: { table: 'AD1', line: 2, column: 'NB_ADOPTR' }, pass: () => {} }],
  '176': [{ name: 'SEX_ADOPTR M2', fail: (g) => { ad(g).SEX_ADOPTR = 'M2'; }, where: { table: 'AD1', line: 2, column: 'SEX_ADOPTR' }, pass: (g) => { Object.assign(ad(g), { SEX_ADOPTR: 'FF', LS_ADOPTR: 'L12' }); } }],
  '177': [{ name: 'LS_ADOPTR L1', fail: (g) => { ad(g).LS_ADOPTR = 'L1'; }, where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: (g) => { ad(g).LS_ADOPTR = 'L3'; } }],
  '120': [{ name: 'REASON_PLACED_CEASED RD5', fail: (g) => { Object.assign(pa(g), { DATE_PLACED_CEASED: '01/05/2024', REASON_PLACED_CEASED: 'RD5' }); }, where: { table: 'PlacedAdoption', line: 2, column: 'REASON_PLACED_CEASED' }, pass: (g) => { Object.assign(pa(g), { DATE_PLACED_CEASED: '01/05/2024', REASON_PLACED_CEASED: 'RD4' }); } }],
  '631': [{ name: 'PREV_PERM P5', fail: (g) => { g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: 'P5', LA_PERM: null, DATE_PERM: null } }); }, where: { table: 'PrevPerm', line: 2, column: 'PREV_PERM' }, pass: (g) => { g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: 'Z1', LA_PERM: null, DATE_PERM: null } }); } }],
});
