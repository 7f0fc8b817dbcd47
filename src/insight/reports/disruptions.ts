// Disruptions by type (the business case's three kinds, as the placements area records them):
// during introductions, after the move but before the adoption order, and after the order.
// Counted as children and as families (each disruption ends one placement with one household).
import { sql } from 'kysely';
import type { ReportScope } from '../report.ts';
import { idsIn, measureReport, type Measure } from './measures.ts';

const KINDS: readonly [string, string][] = [['introductions', 'During introductions'], ['before-order', 'Placed, before the order'], ['after-order', 'After the adoption order']];
const measures = (noun: string, prefix = ''): Measure[] => [
  ...KINDS.map(([kind, label]) => ({ key: `${prefix}${kind}`, label: `${label} (${noun})`, when: `kind = '${kind}'`, noDrill: prefix !== '' })),
  { key: `${prefix}all-kinds`, label: `All disruptions (${noun})`, when: 'true', noDrill: prefix !== '' },
];
const inPeriod = (scope: ReportScope) => sql`d.owner_id in ${idsIn(scope.councilIds)} and d.occurred_on between ${scope.period.from}::date and ${scope.period.to}::date`;

export const disruptions = measureReport({
  name: 'disruptions',
  title: 'Disruptions',
  description: 'Adoptive placements that disrupted in the period, by type: during introductions, before the order, after it.',
  kind: 'children',
  tables: [{
    caption: 'Children whose adoptive placement disrupted, by type',
    columns: [...KINDS.map(([k]) => k), 'all-kinds'],
    measures: measures('children'),
    base: (scope) => sql`select pc.child_id as id, d.owner_id as council_id, d.kind from disruption d join placement_child pc on pc.placement_id = d.placement_id where ${inPeriod(scope)}`,
  }, {
    // A family's children are the drill-down of the table above.
    caption: 'Families whose adoptive placement disrupted, by type',
    columns: [...KINDS.map(([k]) => `families-${k}`), 'families-all-kinds'],
    measures: measures('families', 'families-'),
    base: (scope) => sql`select d.household_id as id, d.owner_id as council_id, d.kind from disruption d where ${inPeriod(scope)}`,
  }],
  notes: (scope) => [
    `Disruptions recorded as occurring from ${scope.period.from} to ${scope.period.to}, by the children's placing council; a sibling group placed together counts each child. The partnership row is over all its councils.`,
    'A disruption after the order is known only where the council learns of it (the business case: later ones may not be), so that column is a floor.',
  ],
});
