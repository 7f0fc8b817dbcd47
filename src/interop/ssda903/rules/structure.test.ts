import { describe, expect, it } from 'vitest';
import type { ChildGroup } from '../model.ts';
import { validateChild } from './index.ts';
import { ad, adoptedChild, context, ep, expectFinding, expectNone, hd, ofRule, pa, ruleCases, run, type Edit } from './testkit.ts';

const prevPerm = (dob: string): Edit => (g: ChildGroup) => {
  g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: dob, PREV_PERM: 'Z1', LA_PERM: null, DATE_PERM: null } });
};

describe('a child with no Header row', () => {
  const g = adoptedChild(2025);
  g.header = [];
  prevPerm('01/06/2021')(g);
  const findings = validateChild(g, context(2025));
  it.each([
    ['INT03', 'Episodes', 3],
    ['INT01', 'AD1', 2],
    ['INT02', 'PlacedAdoption', 2],
    ['INT07', 'PrevPerm', 2],
  ] as const)('%s flags the %s rows', (rule, table, line) => {
    expectFinding(findings, { rule, table, line, column: 'CHILD' });
  });
  it('passes when the Header row is there', () => {
    const ok = adoptedChild(2025);
    prevPerm('01/06/2021')(ok);
    const all = validateChild(ok, context(2025));
    for (const rule of ['INT01', 'INT02', 'INT03', 'INT07']) expectNone(all, rule);
  });
});

ruleCases({
  INT11: [{ name: 'AD1 DOB differs', fail: (g) => { ad(g).DOB = '02/06/2021'; }, where: { table: 'AD1', line: 2, column: 'DOB' }, pass: (g) => { ad(g).DOB = '2021-06-02'; } }],
  INT12: [{ name: 'PlacedAdoption DOB differs', fail: (g) => { pa(g).DOB = '01/06/2020'; }, where: { table: 'PlacedAdoption', line: 2, column: 'DOB' }, pass: (g) => { pa(g).DOB = null; } }],
  INT16: [{ name: 'PrevPerm DOB differs', fail: prevPerm('01/07/2021'), where: { table: 'PrevPerm', line: 2, column: 'DOB' }, pass: prevPerm('01/06/2021') }],
  INT31: [{
    name: 'two AD1 rows',
    fail: (g) => { g.ad1.push({ ...g.ad1[0]!, line: 3, values: { ...g.ad1[0]!.values } }); },
    where: { table: 'AD1', line: 3, column: 'CHILD' },
    pass: () => {},
  }],
  '356': [{ name: 'DEC before DECOM', fail: (g) => { ep(g, 2).DEC = '30/04/2022'; }, where: { table: 'Episodes', line: 2, column: 'DEC' }, pass: (g) => { ep(g, 2).DEC = '01/05/2022'; } }],
  FORMAT: [
    {
      name: 'a second Header row',
      fail: (g) => { g.header.push({ ...g.header[0]!, line: 3, values: { ...g.header[0]!.values } }); },
      where: { table: 'Header', line: 3, column: 'CHILD' },
      pass: () => {},
    },
    { name: 'two episodes with the same DECOM', fail: (g) => { ep(g, 3).DECOM = '01/05/2022'; }, where: { table: 'Episodes', line: 3, column: 'DECOM' }, pass: () => {} },
  ],
  '148': [
    { name: 'DEC without REC', fail: (g) => { ep(g, 2).REC = null; }, where: { table: 'Episodes', line: 2, column: 'REC', names: ['10/01/2023'] }, pass: () => {} },
    { name: 'REC without DEC', fail: (g) => { ep(g, 4).DEC = null; }, where: { table: 'Episodes', line: 4, column: 'DEC', names: ['E11'] }, pass: (g) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); } },
  ],
  '501': [
    { name: 'an episode starting before the previous one ended', fail: (g) => { ep(g, 3).DECOM = '09/01/2023'; }, where: { table: 'Episodes', line: 3, column: 'DECOM', names: ['09/01/2023', '10/01/2023', '01/05/2022'] }, pass: (g) => { ep(g, 3).DECOM = '11/01/2023'; } },
  ],
  '142': [
    { name: 'an episode after an open one', fail: (g) => { Object.assign(ep(g, 2), { DEC: null, REC: null }); }, where: { table: 'Episodes', line: 2, column: 'DEC', names: ['01/05/2022', '10/01/2023'] }, pass: (g) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); g.ad1 = []; } },
    { name: 'an earlier episode with no REC', fail: (g) => { Object.assign(ep(g, 3), { REC: null }); }, where: { table: 'Episodes', line: 3, column: 'REC', names: ['10/01/2023', '15/05/2024'] }, pass: () => {} },
  ],
});

describe('overlaps', () => {
  it('catches an episode inside a long earlier one, past a short one between', () => {
    const findings = run(2025, (g) => {
      ep(g, 2).DEC = '01/06/2024'; // the first episode now runs past the second's start
    });
    const overlaps = ofRule(findings, '501').filter((f) => f.column === 'DECOM');
    expect(overlaps.map((f) => f.line)).toEqual([3, 4]);
    expect(ofRule(findings, 'FORMAT')).toEqual([]);
  });
  it('does not report an episode that touches the previous DEC', () => {
    expect(ofRule(run(2025, () => {}), '501')).toEqual([]);
  });
  it('treats header DOB differences only between valid dates', () => {
    expectNone(run(2025, (g) => { hd(g).DOB = 'unknown'; ad(g).DOB = '02/06/2021'; }), 'INT11');
  });
});
