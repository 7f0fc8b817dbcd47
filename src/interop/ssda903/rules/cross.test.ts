import type { ChildGroup } from '../model.ts';
import { ad, ep, pa, ruleCases } from './testkit.ts';

const cease = (date: string, reason = 'RD1') => (g: ChildGroup) => { Object.assign(pa(g), { DATE_PLACED_CEASED: date, REASON_PLACED_CEASED: reason }); };
const decision = (date: string) => (g: ChildGroup) => { pa(g).DATE_PLACED = date; ad(g).DATE_INT = date; };
/** The child left care from the A6 placement without being adopted, and has no AD1. */
const disrupted = (g: ChildGroup) => { ep(g, 4).REC = 'E13'; g.ad1 = []; };

ruleCases({
  '523': [{ name: 'DATE_INT differs from DATE_PLACED', fail: (g) => { ad(g).DATE_INT = '02/12/2022'; }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: decision('02/12/2022') }],
  '525': [{ name: 'AD1 data after a reversed decision', fail: cease('01/05/2024'), where: { table: 'AD1', line: 2, column: 'DATE_INT' }, pass: () => {} }],
  '117': [
    { name: 'decision after the collection end', fail: (g) => { pa(g).DATE_PLACED = '01/04/2025'; }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: () => {} },
    { name: 'ceased after the child left care', fail: (g) => { disrupted(g); cease('21/11/2024')(g); }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { disrupted(g); cease('20/11/2024')(g); } },
  ],
  '118': [{ name: 'ceased before the collection year', fail: (g) => { disrupted(g); cease('31/03/2024')(g); }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { disrupted(g); cease('01/04/2024')(g); } }],
  '1003': [{ name: 'decision before care began', fail: decision('30/04/2022'), where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: decision('01/05/2022') }],
  '551': [{ name: 'placed for adoption with no decision', fail: (g) => { g.placed = []; }, where: { table: 'Episodes', line: 4, column: 'PLACE' }, pass: () => {} }],
  '552': [{ name: 'decision after the placement', fail: decision('16/05/2024'), where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: decision('15/05/2024') }],
  '553': [
    { name: 'placement order with no decision', fail: (g) => { g.placed = []; }, where: { table: 'Episodes', line: 3, column: 'LS' }, pass: () => {} },
    { name: 'ceased while the E1 episode is open', fail: (g) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); g.ad1 = []; cease('01/01/2025')(g); }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { Object.assign(ep(g, 4), { DEC: null, REC: null }); g.ad1 = []; } },
  ],
  '554': [{ name: 'decision after the placement order', fail: decision('11/01/2023'), where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED' }, pass: decision('10/01/2023') }],
  '557': [
    { name: 'left care not adopted, decision still open', fail: disrupted, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { disrupted(g); cease('20/11/2024', 'RD4')(g); } },
    { name: 'left care not adopted, no decision row', fail: (g) => { disrupted(g); g.placed = []; }, where: { table: 'Episodes', line: 4, column: 'REC' }, pass: (g) => { disrupted(g); cease('20/11/2024')(g); } },
    // Freeing orders (LS D1) count until 2023/24 and not after (the rule was reworded for 2024/25).
    { name: 'D1 in 2023/24', year: 2024, fail: (g) => { Object.assign(ep(g, 4), { LS: 'D1', PLACE: 'R1', REC: 'E13' }); g.ad1 = []; }, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { Object.assign(ep(g, 4), { LS: 'D1', PLACE: 'R1', REC: 'E13' }); g.ad1 = []; cease('20/11/2023')(g); } },
    { name: 'D1 no longer counts in 2024/25', fail: disrupted, where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED' }, pass: (g) => { Object.assign(ep(g, 4), { LS: 'D1', PLACE: 'R1', REC: 'E13' }); g.ad1 = []; } },
  ],
  '558': [{ name: 'adopted but the decision ceased', fail: cease('01/05/2024'), where: { table: 'PlacedAdoption', line: 2, column: 'DATE_PLACED_CEASED', severity: 'warning' }, pass: () => {} }],
  '334': [{ name: 'decision before the latest period of care', fail: decision('30/04/2022'), where: { table: 'AD1', line: 2, column: 'DATE_INT' }, pass: decision('01/05/2022') }],
  '521': [{ name: 'decision after the adoptive placement', fail: decision('16/05/2024'), where: { table: 'AD1', line: 2, column: 'DATE_INT' }, pass: decision('15/05/2024') }],
  '331': [{ name: 'match after the adoptive placement began', fail: (g) => { ad(g).DATE_MATCH = '16/05/2024'; }, where: { table: 'AD1', line: 2, column: 'DATE_MATCH' }, pass: (g) => { ad(g).DATE_MATCH = '15/05/2024'; } }],
  '582': [{ name: 'adopted on the match date', fail: (g) => { ad(g).DATE_MATCH = '20/11/2024'; }, where: { table: 'Episodes', line: 4, column: 'DEC', severity: 'warning' }, pass: (g) => { ad(g).DATE_MATCH = '19/11/2024'; } }],
  '335': [
    { name: 'FOSTER_CARE 1 with A6', fail: (g) => { ad(g).FOSTER_CARE = '1'; }, where: { table: 'AD1', line: 2, column: 'FOSTER_CARE' }, pass: (g) => { ad(g).FOSTER_CARE = '1'; ep(g, 4).PLACE = 'A5'; } },
    { name: 'FOSTER_CARE 0 with A3', fail: (g) => { ep(g, 4).PLACE = 'A3'; }, where: { table: 'AD1', line: 2, column: 'FOSTER_CARE' }, pass: (g) => { ep(g, 4).PLACE = 'A4'; } },
  ],
  '601': [{ name: 'adopted in the year, AD1 incomplete', fail: (g) => { ad(g).LS_ADOPTR = null; }, where: { table: 'AD1', line: 2, column: 'LS_ADOPTR' }, pass: () => {} }],
  '602': [{ name: 'AD1 for a child adopted before the year', fail: (g) => { ep(g, 4).DEC = '31/03/2024'; }, where: { table: 'AD1', line: 2, column: 'CHILD' }, pass: (g) => { ep(g, 4).DEC = '01/04/2024'; } }],
  '1012': [
    { name: 'AD1 for a child with no episodes', fail: (g) => { g.episodes = []; }, where: { table: 'AD1', line: 2, column: 'CHILD', severity: 'warning' }, pass: () => {} },
    { name: 'PlacedAdoption for a child with no episodes', fail: (g) => { g.episodes = []; }, where: { table: 'PlacedAdoption', line: 2, column: 'CHILD', severity: 'warning' }, pass: () => {} },
  ],
});
