import { describe, expect, it } from 'vitest';
import type { ChildGroup } from '../model.ts';
import { ep, expectNone, hd, ofRule, ruleCases, run } from './testkit.ts';

// Valid child of 2024/25: line 2 U3 from 01/05/2022 (S), line 3 U3 on a placement order from
// 10/01/2023 (L), ending X1 on 15/05/2024 with the move to adopters, reason CARPL recorded
// there (the DfE convention); line 4 A6 from 15/05/2024 (P), adopted 20/11/2024.

/** The reason written on the new episode instead (the wrong convention). */
const onNewEpisode = (g: ChildGroup) => { ep(g, 3).REASON_PLACE_CHANGE = null; ep(g, 4).REASON_PLACE_CHANGE = 'CARPL'; };
/** The adoptive placement still open at the year end (no adoption, no AD1). */
const stillPlaced = (g: ChildGroup) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); g.ad1 = []; };

ruleCases({
  '225': [
    { name: 'the reason on the new episode (wrong convention)', fail: onNewEpisode, where: { table: 'Episodes', line: 3, column: 'REASON_PLACE_CHANGE', names: ['15/05/2024', 'RNE P', 'A6', "'CARPL'", 'new episode'] }, pass: () => {} },
    { name: 'no reason at all', fail: (g) => { ep(g, 3).REASON_PLACE_CHANGE = null; }, where: { table: 'Episodes', line: 3, column: 'REASON_PLACE_CHANGE', names: ['10/01/2023', '15/05/2024'] }, pass: (g) => { ep(g, 3).REASON_PLACE_CHANGE = null; ep(g, 4).RNE = 'L'; } },
  ],
  '233': [
    { name: 'the reason on the new, open episode (wrong convention)', year: 2026, fail: (g) => { stillPlaced(g); onNewEpisode(g); }, where: { table: 'Episodes', line: 4, column: 'REASON_PLACE_CHANGE', names: ["'CARPL'", '15/05/2025', 'ended with the change'] }, pass: stillPlaced },
  ],
  '226': [
    { name: 'a reason for a temporary placement', fail: (g) => { ep(g, 3).PLACE = 'T1'; }, where: { table: 'Episodes', line: 3, column: 'REASON_PLACE_CHANGE', names: ["'CARPL'", 'T1'] }, pass: (g) => { Object.assign(ep(g, 3), { PLACE: 'T1', REASON_PLACE_CHANGE: null }); } },
    { name: 'a reason before a temporary placement', fail: (g) => { ep(g, 4).PLACE = 'T2'; }, where: { table: 'Episodes', line: 3, column: 'REASON_PLACE_CHANGE', names: ["'CARPL'", 'T2', '15/05/2024'] }, pass: (g) => { ep(g, 4).PLACE = 'T2'; ep(g, 3).REASON_PLACE_CHANGE = null; } },
  ],
  '234': [{ name: 'custody for a child under 10', year: 2026, fail: (g) => { ep(g, 3).REASON_PLACE_CHANGE = 'CUSTOD'; }, where: { table: 'Episodes', line: 3, column: 'REASON_PLACE_CHANGE', names: ['CUSTOD', '15/05/2025', '01/06/2022'] }, pass: (g) => { ep(g, 3).REASON_PLACE_CHANGE = 'CUSTOD'; hd(g).DOB = '15/05/2015'; } }],
  '357': [{ name: 'a first episode in the year that is not RNE S', fail: (g) => { g.episodes.splice(0, 2); }, where: { table: 'Episodes', line: 4, column: 'RNE', names: ['15/05/2024', 'RNE P'] }, pass: (g) => { g.episodes.splice(0, 2); ep(g, 4).RNE = 'S'; } }],
  '355': [{ name: 'an episode of less than a day', fail: (g) => { ep(g, 3).DEC = '10/01/2023'; ep(g, 4).DECOM = '10/01/2023'; }, where: { table: 'Episodes', line: 3, column: 'DEC', names: ['10/01/2023'] }, pass: () => {} }],
  '431': [{ name: 'a new period of care on the day the last ended', fail: (g) => { ep(g, 2).REC = 'E13'; ep(g, 3).RNE = 'S'; }, where: { table: 'Episodes', line: 3, column: 'RNE', names: ['10/01/2023'] }, pass: (g) => { ep(g, 2).REC = 'E13'; Object.assign(ep(g, 2), { DEC: '09/01/2023' }); ep(g, 3).RNE = 'S'; } }],
  '433': [{ name: 'a continuation that does not start when the last ended', fail: (g) => { ep(g, 2).DEC = '09/01/2023'; }, where: { table: 'Episodes', line: 3, column: 'DECOM', names: ['RNE L', '10/01/2023', '09/01/2023'] }, pass: () => {} }],
  '434': [
    { name: 'RNE L with the same legal status', fail: (g) => { ep(g, 3).LS = 'C2'; }, where: { table: 'Episodes', line: 3, column: 'RNE', names: ['LS is C2'] }, pass: () => {} },
    { name: 'RNE L with a new placement', fail: (g) => { ep(g, 3).PLACE = 'U6'; }, where: { table: 'Episodes', line: 3, column: 'RNE', names: ['PLACE U3 to U6'] }, pass: (g) => { Object.assign(ep(g, 3), { PLACE: 'U6', RNE: 'B' }); } },
  ],
  '435': [
    { name: 'RNE P with the same placement', fail: (g) => { ep(g, 4).PLACE = 'U3'; }, where: { table: 'Episodes', line: 4, column: 'RNE', names: ['PLACE U3'] }, pass: () => {} },
    { name: 'RNE P with a new legal status', fail: (g) => { ep(g, 4).LS = 'C2'; }, where: { table: 'Episodes', line: 4, column: 'RNE', names: ['LS changed from E1 to C2'] }, pass: (g) => { ep(g, 4).LS = 'C2'; ep(g, 4).RNE = 'B'; } },
  ],
  '436': [{ name: 'RNE B with the same legal status', fail: (g) => { ep(g, 4).RNE = 'B'; }, where: { table: 'Episodes', line: 4, column: 'RNE', names: ['RNE B', 'LS is E1'] }, pass: (g) => { ep(g, 4).RNE = 'B'; ep(g, 4).LS = 'C2'; } }],
  '387': [{ name: 'independent living at 13', fail: (g) => { Object.assign(ep(g, 4), { REC: 'E5', PLACE: 'U3' }); hd(g).DOB = '21/11/2010'; }, where: { table: 'Episodes', line: 4, column: 'REC', names: ['E5', '20/11/2024', '21/11/2010'] }, pass: (g) => { Object.assign(ep(g, 4), { REC: 'E5', PLACE: 'U3' }); hd(g).DOB = '20/11/2010'; } }],
  '389': [{ name: 'adult social care at 15', fail: (g) => { ep(g, 4).REC = 'E7'; hd(g).DOB = '21/11/2008'; }, where: { table: 'Episodes', line: 4, column: 'REC', names: ['E7', '20/11/2024', '21/11/2008'] }, pass: (g) => { ep(g, 4).REC = 'E7'; hd(g).DOB = '20/11/2008'; } }],
  '388': [
    { name: 'X1 with no episode after', fail: (g) => { ep(g, 4).REC = 'X1'; }, where: { table: 'Episodes', line: 4, column: 'REC', names: ['X1', '20/11/2024'] }, pass: () => {} },
    { name: 'left care but an episode starts that day', fail: (g) => { ep(g, 3).REC = 'E13'; }, where: { table: 'Episodes', line: 3, column: 'REC', names: ['E13', '15/05/2024'] }, pass: (g) => { ep(g, 3).REC = 'X1'; } },
  ],
  '504': [{ name: 'the category of need changes within a period of care', fail: (g) => { ep(g, 3).CIN = 'N2'; }, where: { table: 'Episodes', line: 3, column: 'CIN', names: ['N2', 'N1', '10/01/2023'] }, pass: (g) => { for (const r of g.episodes) r.values.CIN = 'N2'; } }],
});

describe('a return written with the reason on the new episode', () => {
  it('is reported by 225 on the episode that ended, and by 233 on the open new episode (2025/26)', () => {
    const findings = run(2026, (g) => { stillPlaced(g); onNewEpisode(g); });
    expect(ofRule(findings, '225').map((f) => f.line)).toEqual([3]);
    expect(ofRule(findings, '233').map((f) => f.line)).toEqual([4]);
  });
  it('before 2025/26 only 225 reports it (233 is not yet a rule)', () => {
    const findings = run(2025, (g) => { stillPlaced(g); onNewEpisode(g); });
    expect(ofRule(findings, '225').map((f) => f.line)).toEqual([3]);
    expectNone(findings, '233');
  });
  it('the DfE convention breaks neither', () => {
    const findings = run(2026, stillPlaced);
    expectNone(findings, '225');
    expectNone(findings, '233');
  });
});
