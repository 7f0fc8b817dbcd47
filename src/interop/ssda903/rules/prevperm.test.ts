import type { ChildGroup } from '../model.ts';
import { ep, ruleCases, type Values } from './testkit.ts';

const prevPerm = (values: Values<'PrevPerm'>) => (g: ChildGroup) => {
  g.prevPerm.push({ file: 'previous_permanence.csv', line: 2, values: { CHILD: '1001', DOB: '01/06/2021', PREV_PERM: null, LA_PERM: null, DATE_PERM: null, ...values } });
};
/** Care began in the collection year: only the adoptive placement, from 15/05/2024, with RNE S. */
const startedInYear = (g: ChildGroup) => { g.episodes.splice(0, 2); ep(g, 4).RNE = 'S'; };
const both = (...edits: ((g: ChildGroup) => void)[]) => (g: ChildGroup) => { for (const edit of edits) edit(g); };

ruleCases({
  '630': [
    { name: 'started care in the year, no PrevPerm row', fail: startedInYear, where: { table: 'Episodes', line: 4, column: 'RNE', severity: 'warning', names: ['15/05/2024'] }, pass: both(startedInYear, prevPerm({ PREV_PERM: 'Z1' })) },
    { name: 'a previous order without its authority', fail: both(startedInYear, prevPerm({ PREV_PERM: 'P2', DATE_PERM: '01/01/2020' })), where: { table: 'PrevPerm', line: 2, column: 'LA_PERM', severity: 'warning', names: ['P2', 'LA_PERM'] }, pass: both(startedInYear, prevPerm({ PREV_PERM: 'P2', LA_PERM: '885', DATE_PERM: '01/01/2020' })) },
    { name: 'PREV_PERM blank', fail: both(startedInYear, prevPerm({})), where: { table: 'PrevPerm', line: 2, column: 'PREV_PERM', severity: 'warning', names: ['15/05/2024'] }, pass: prevPerm({}) },
  ],
  '632': [{ name: 'the previous order on the day care began', fail: prevPerm({ PREV_PERM: 'P3', LA_PERM: '999', DATE_PERM: '01/05/2022' }), where: { table: 'PrevPerm', line: 2, column: 'DATE_PERM', names: ['01/05/2022'] }, pass: prevPerm({ PREV_PERM: 'P3', LA_PERM: '999', DATE_PERM: '30/04/2022' }) }],
  '634': [{
    name: 'previous permanence for care that began before April 2016',
    fail: both((g) => { g.episodes = g.episodes.slice(0, 1); ep(g, 2).DECOM = '31/03/2016'; }, prevPerm({ PREV_PERM: 'Z1' })),
    where: { table: 'PrevPerm', line: 2, column: 'PREV_PERM', names: ["'Z1'", '31/03/2016'] },
    pass: both((g) => { g.episodes = g.episodes.slice(0, 1); ep(g, 2).DECOM = '01/04/2016'; }, prevPerm({ PREV_PERM: 'Z1' })),
  }],
  '635': [{ name: 'an authority for no previous permanence', fail: prevPerm({ PREV_PERM: 'Z1', LA_PERM: '885' }), where: { table: 'PrevPerm', line: 2, column: 'LA_PERM', names: ["'885'", 'Z1'] }, pass: prevPerm({ PREV_PERM: 'P2', LA_PERM: '885', DATE_PERM: '01/01/2020' }) }],
});
