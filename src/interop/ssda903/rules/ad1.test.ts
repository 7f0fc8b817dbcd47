import { ad, ruleCases } from './testkit.ts';
import type { ChildGroup } from '../model.ts';

const adopters = (nb: string, sex: string, ls: string) => (g: ChildGroup) => {
  Object.assign(ad(g), { NB_ADOPTR: nb, SEX_ADOPTR: sex, LS_ADOPTR: ls });
};

ruleCases({
  '151': [{ name: 'one AD1 item blank', fail: (g) => { ad(g).DATE_MATCH = null; }, where: { table: 'AD1', line: 2, column: 'DATE_MATCH' }, pass: (g) => { Object.assign(ad(g), { DATE_INT: null, DATE_MATCH: null, FOSTER_CARE: null, NB_ADOPTR: null, SEX_ADOPTR: null, LS_ADOPTR: null }); } }],
  '333': [
    { name: 'match before the decision', fail: (g) => { ad(g).DATE_MATCH = '30/11/2022'; }, where: { table: 'AD1', line: 2, column: 'DATE_INT' }, pass: (g) => { ad(g).DATE_MATCH = '01/12/2022'; } },
    { name: 'match without a decision date', fail: (g) => { ad(g).DATE_INT = null; }, where: { table: 'AD1', line: 2, column: 'DATE_INT' }, pass: () => {} },
  ],
  '511': [{ name: 'two adopters coded M1', fail: adopters('2', 'M1', 'L11'), where: { table: 'AD1', line: 2, column: 'SEX_ADOPTR' }, pass: adopters('1', 'M1', 'L0') }],
  '514': [{ name: 'L0 with a couple code', fail: adopters('2', 'MF', 'L0'), where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: adopters('1', 'F1', 'L0') }],
  '517': [{ name: 'L3 with MM', fail: adopters('2', 'MM', 'L3'), where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: adopters('2', 'MF', 'L3') }],
  '518': [{ name: 'L4 with MF', fail: adopters('2', 'MF', 'L4'), where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: adopters('2', 'FF', 'L4') }],
  '519': [{ name: 'L2 with F1', fail: adopters('1', 'F1', 'L2'), where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: adopters('2', 'MM', 'L2') }],
  '520': [{ name: 'L11 with FF', fail: adopters('2', 'FF', 'L11'), where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: adopters('2', 'MF', 'L11') }],
  '524': [{ name: 'L12 with MF', fail: adopters('2', 'MF', 'L12'), where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: adopters('2', 'FF', 'L12') }],
});
