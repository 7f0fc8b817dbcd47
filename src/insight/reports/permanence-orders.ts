// Special guardianship and child arrangements orders (the business case's "SGOs granted" and
// "ROs granted"): children who ceased care in the period on such an order, by its SSDA903 REC
// code (DOMAIN.md §4.2): E41 a residence or child arrangements order; E43 and E44 the historic
// SGO codes; E45–E48 SGOs to former foster carers or other carers, relatives or not.
import { sql } from 'kysely';
import { idsIn, measureReport, type Measure } from './measures.ts';

const CODES: readonly [string, string][] = [
  ['E41', 'E41 child arrangements (residence) order'],
  ['E43', 'E43 SGO to former foster carers (historic)'],
  ['E44', 'E44 SGO to other carers (historic)'],
  ['E45', 'E45 SGO to former foster carers, relatives or friends'],
  ['E46', 'E46 SGO to former foster carers, not relatives or friends'],
  ['E47', 'E47 SGO to other carers, relatives or friends'],
  ['E48', 'E48 SGO to other carers, not relatives or friends'],
];

const measures: Measure[] = [
  ...CODES.map(([code, label]) => ({ key: code.toLowerCase(), label, when: `rec = '${code}'` })),
  { key: 'sgo', label: 'Special guardianship orders (all)', when: `rec in ('E43', 'E44', 'E45', 'E46', 'E47', 'E48')` },
];

export const permanenceOrders = measureReport({
  name: 'permanence-orders',
  title: 'Special guardianship and child arrangements orders',
  description: 'Children leaving care on a special guardianship order or a child arrangements order in the period, by SSDA903 reason code.',
  kind: 'children',
  tables: [{
    caption: 'Children leaving care on a special guardianship or child arrangements order',
    columns: [...CODES.map(([code]) => code.toLowerCase()), 'sgo'],
    measures,
    base: (scope) => sql`
      select c.id, c.placing_authority_id as council_id, e.reason_ceased as rec
      from care_episode e join child c on c.id = e.child_id
      where c.placing_authority_id in ${idsIn(scope.councilIds)} and e.reason_ceased in ('E41', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48')
        and e.end_date between ${scope.period.from}::date and ${scope.period.to}::date`,
  }],
  notes: (scope) => [
    `Care episodes that ended from ${scope.period.from} to ${scope.period.to} with one of these reasons, by the child's council; the partnership row is over all its councils.`,
    'E43 and E44 are historic codes no longer in the SSDA903 list: the records refuse them, so those columns stay at 0 (orders made under them before are in the councils\' past returns, not here).',
  ],
});
