import type { ChildGroup } from '../model.ts';
import { pa, ruleCases } from './testkit.ts';

/** A second, later decision on line 3. */
const second = (values: Record<string, string | null>) => (g: ChildGroup) => {
  const first = g.placed[0]!;
  g.placed.push({ file: first.file, line: 3, values: { ...first.values, DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null, ...values } });
};
const ceaseFirst = (date: string) => (g: ChildGroup) => { Object.assign(pa(g), { DATE_PLACED_CEASED: date, REASON_PLACED_CEASED: 'RD3' }); };

ruleCases({
  '119': [
    { name: 'ceased date without reason', fail: (g) => { pa(g).DATE_PLACED_CEASED = '01/05/2024'; }, where: { table: 'PlacedAdoption', line: 2, column: 'REASON_PLACED_CEASED' }, pass: ceaseFirst('01/05/2024') },
    { name: 'reason without ceased date', fail: (g) => { pa(g).REASON_PLACED_CEASED = 'RD1'; }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: () => {} },
  ],
  '522': [{ name: 'ceased before the decision', fail: ceaseFirst('30/11/2022'), where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: ceaseFirst('01/12/2022') }],
  '563': [{ name: 'ceased without DATE_PLACED', fail: (g) => { Object.assign(pa(g), { DATE_PLACED: null, DATE_PLACED_CEASED: '01/05/2024', REASON_PLACED_CEASED: 'RD1' }); }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: ceaseFirst('01/05/2024') }],
  '579': [
    { name: 'new decision while the first is open', fail: second({ DATE_PLACED: '01/02/2023' }), where: { table: 'PlacedAdoption', line: 3, column: 'DATE_PLACED' }, pass: (g) => { ceaseFirst('01/01/2023')(g); second({ DATE_PLACED: '01/02/2023' })(g); } },
    { name: 'new decision before the first ceased', fail: (g) => { ceaseFirst('01/03/2023')(g); second({ DATE_PLACED: '28/02/2023' })(g); }, where: { table: 'PlacedAdoption', line: 3, column: 'DATE_PLACED' }, pass: (g) => { ceaseFirst('01/03/2023')(g); second({ DATE_PLACED: '01/03/2023' })(g); } },
  ],
  '583': [{ name: 'an earlier decision never ceased', fail: second({ DATE_PLACED: '01/02/2023' }), where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { ceaseFirst('01/01/2023')(g); second({ DATE_PLACED: '01/02/2023' })(g); } }],
  '184': [{ name: 'decision before birth', fail: (g) => { pa(g).DATE_PLACED = '31/05/2021'; }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: (g) => { pa(g).DATE_PLACED = '01/06/2021'; } }],
});
