import { ep, hd, ruleCases } from './testkit.ts';

// The valid child of 2024/25 is a girl born 01/06/2021, in care from 01/05/2022, adopted (E11)
// on 20/11/2024; MOTHER 0, UPN given.
ruleCases({
  '302': [{ name: 'born after the first episode began', fail: (g) => { hd(g).DOB = '02/05/2022'; }, where: { table: 'Episodes', line: 2, column: 'DECOM', names: ['01/05/2022', '02/05/2022'] }, pass: (g) => { hd(g).DOB = '01/05/2022'; } }],
  '209': [{ name: 'UN1 for a child of school age', fail: (g) => { Object.assign(hd(g), { UPN: 'UN1', DOB: '31/08/2019' }); }, where: { table: 'Header', line: 2, column: 'UPN', severity: 'warning', names: ['31/08/2019', '31/08/2023'] }, pass: (g) => { Object.assign(hd(g), { UPN: 'UN1', DOB: '01/09/2019' }); } }],
  '351': [{ name: 'over 21 at the start of the year', fail: (g) => { hd(g).DOB = '31/03/2003'; }, where: { table: 'Header', line: 2, column: 'DOB', names: ['31/03/2003', '01/04/2024'] }, pass: (g) => { hd(g).DOB = '01/04/2003'; } }],
  '352': [{ name: 'care began at 18', fail: (g) => { hd(g).DOB = '01/05/2004'; }, where: { table: 'Episodes', line: 2, column: 'DECOM', names: ['01/05/2022', '01/05/2004'] }, pass: (g) => { hd(g).DOB = '02/05/2004'; } }],
  '393': [
    { name: 'a girl looked after, MOTHER blank', fail: (g) => { hd(g).MOTHER = null; }, where: { table: 'Header', line: 2, column: 'MOTHER', names: ['C2', '01/05/2022'] }, pass: (g) => { Object.assign(hd(g), { SEX: 'M', MOTHER: null }); } },
    { name: 'in 2023/24, sex coded 2', year: 2024, fail: (g) => { hd(g).MOTHER = null; }, where: { table: 'Header', line: 2, column: 'MOTHER', names: ['C2'] }, pass: (g) => { Object.assign(hd(g), { SEX: '1', MOTHER: null }); } },
  ],
  '607': [{ name: 'a girl adopted in the year, MOTHER blank', fail: (g) => { hd(g).MOTHER = null; }, where: { table: 'Header', line: 2, column: 'MOTHER', names: ['20/11/2024', 'E11'] }, pass: (g) => { hd(g).MOTHER = null; ep(g, 4).DEC = '31/03/2024'; } }],
  '442': [{ name: 'UPN blank', fail: (g) => { hd(g).UPN = null; }, where: { table: 'Header', line: 2, column: 'UPN', names: ['C2', '01/05/2022'] }, pass: (g) => { hd(g).UPN = 'UN1'; } }],
  '165': [{ name: 'MOTHER given for a boy', fail: (g) => { Object.assign(hd(g), { SEX: 'M', MOTHER: '0' }); }, where: { table: 'Header', line: 2, column: 'MOTHER', names: ["'0'", "'M'"] }, pass: (g) => { Object.assign(hd(g), { SEX: 'M', MOTHER: null }); } }],
  '174': [
    { name: 'MC_DOB for a boy', fail: (g) => { Object.assign(hd(g), { SEX: 'M', MOTHER: null, MC_DOB: '01/01/2024' }); }, where: { table: 'Header', line: 2, column: 'MC_DOB', names: ['01/01/2024', "'M'"] }, pass: (g) => { Object.assign(hd(g), { MOTHER: '1', MC_DOB: '01/01/2024' }); } },
    { name: 'MC_DOB for a boy in 2023/24 (sex 1)', year: 2024, fail: (g) => { Object.assign(hd(g), { SEX: '1', MOTHER: null, MC_DOB: '01/01/2023' }); }, where: { table: 'Header', line: 2, column: 'MC_DOB', names: ['01/01/2023', "'1'"] }, pass: (g) => { Object.assign(hd(g), { MOTHER: '1', MC_DOB: '01/01/2023' }); } },
  ],
  '625': [
    { name: 'mother\'s child born after she left care', fail: (g) => { Object.assign(hd(g), { MOTHER: '1', MC_DOB: '21/11/2024' }); }, where: { table: 'Header', line: 2, column: 'MC_DOB', names: ['21/11/2024', '20/11/2024'] }, pass: (g) => { Object.assign(hd(g), { MOTHER: '1', MC_DOB: '20/11/2024' }); } },
    {
      name: 'mother\'s child born after the collection year',
      fail: (g) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); g.ad1 = []; Object.assign(hd(g), { MOTHER: '1', MC_DOB: '01/04/2025' }); },
      where: { table: 'Header', line: 2, column: 'MC_DOB', names: ['01/04/2025', '31/03/2025'] },
      pass: (g) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); g.ad1 = []; Object.assign(hd(g), { MOTHER: '1', MC_DOB: '31/03/2025' }); },
    },
  ],
});
