import type { ChildGroup } from '../model.ts';
import { ep, hd, ruleCases } from './testkit.ts';

/** A fifth episode, after the adoption. */
const later = (g: ChildGroup) => {
  const last = g.episodes[2]!;
  g.episodes.push({ file: last.file, line: 5, values: { ...last.values, DECOM: '01/01/2025', RNE: 'S', LS: 'C2', PLACE: 'U3', DEC: null, REC: null } });
};

ruleCases({
  '390': [{ name: 'adopted from a foster placement', fail: (g) => { ep(g, 4).PLACE = 'U3'; }, where: { table: 'Episodes', line: 4, column: 'PLACE' }, pass: (g) => { ep(g, 4).PLACE = 'A4'; } }],
  '386': [{ name: 'adopted on the 18th birthday', fail: (g) => { hd(g).DOB = '20/11/2006'; }, where: { table: 'Episodes', line: 4, column: 'REC' }, pass: (g) => { hd(g).DOB = '21/11/2006'; } }],
  '199': [
    { name: 'an episode after the adoption', fail: later, where: { table: 'Episodes', line: 5, column: 'DECOM' }, pass: () => {} },
  ],
  '408': [{ name: 'A6 without a placement order', fail: (g) => { ep(g, 4).LS = 'C2'; }, where: { table: 'Episodes', line: 4, column: 'LS' }, pass: (g) => { ep(g, 4).PLACE = 'A4'; ep(g, 4).LS = 'C2'; } }],
  '217': [{ name: 'A5 with RNE P', fail: (g) => { ep(g, 4).PLACE = 'A5'; }, where: { table: 'Episodes', line: 4, column: 'RNE' }, pass: (g) => { Object.assign(ep(g, 4), { PLACE: 'A5', RNE: 'T' }); } }],
  '336': [{ name: 'A4 straight after residential care', fail: (g) => { ep(g, 3).PLACE = 'R1'; ep(g, 4).PLACE = 'A4'; }, where: { table: 'Episodes', line: 4, column: 'PLACE', severity: 'warning' }, pass: (g) => { ep(g, 4).PLACE = 'A4'; } }],
  '529': [{ name: 'A6 provided by PR3', fail: (g) => { ep(g, 4).PLACE_PROVIDER = 'PR3'; }, where: { table: 'Episodes', line: 4, column: 'PLACE_PROVIDER' }, pass: (g) => { ep(g, 4).PLACE_PROVIDER = 'PR2'; } }],
  '432': [{ name: 'no RNE S after leaving care', fail: (g) => { ep(g, 2).REC = 'E13'; }, where: { table: 'Episodes', line: 3, column: 'RNE' }, pass: (g) => { ep(g, 2).REC = 'E13'; ep(g, 3).RNE = 'S'; } }],
  '446': [{ name: 'E1 before December 2005', fail: (g) => { Object.assign(ep(g, 2), { LS: 'E1', DECOM: '30/11/2005' }); }, where: { table: 'Episodes', line: 2, column: 'LS' }, pass: (g) => { Object.assign(ep(g, 2), { LS: 'E1', DECOM: '01/12/2005' }); } }],
  '516': [{ name: 'SGO to former foster carers from an adoption placement', fail: (g) => { ep(g, 4).REC = 'E45'; }, where: { table: 'Episodes', line: 4, column: 'PLACE' }, pass: (g) => { Object.assign(ep(g, 4), { REC: 'E46', PLACE: 'U6' }); } }],
});
