// Children waiting (DOMAIN.md §3.2): children with a decision that they should be placed for
// adoption who had not moved in with an adoptive family at the period's end, and those of them
// waiting more than 90 days since that decision (the ASGLB's 2020/21 item).
import { sql } from 'kysely';
import { measureReport } from './measures.ts';
import { childrenWaitingOn } from './waiting-store.ts';

export const childrenWaiting = measureReport({
  name: 'children-waiting',
  title: 'Children waiting',
  description: 'Children with a decision that they should be placed for adoption, not yet placed, at the period\'s end, and those waiting over 90 days.',
  kind: 'children',
  tables: [{
    caption: 'Children waiting to be placed for adoption',
    columns: ['waiting', 'over-90', 'over-90-share'],
    measures: [
      { key: 'waiting', label: 'Children waiting', when: 'true' },
      { key: 'over-90', label: 'Waiting over 90 days', when: 'waited > 90' },
    ],
    ratios: [{ key: 'over-90-share', label: 'Waiting over 90 days (%)', part: 'over-90', whole: 'waiting' }],
    base: (scope) => sql`select w.*, (${scope.period.to}::date - w.shobpa_on) as waited from (${childrenWaitingOn(scope.councilIds, scope.period.to)}) w`,
  }],
  notes: (scope) => [
    `Children of each council with a decision that they should be placed for adoption (SHOBPA) on or before ${scope.period.to} who had not moved in with an adoptive family by then: not placed for adoption, not adopted, and the plan not reversed (a placement that disrupted before the order counts as waiting again).`,
    'Days waiting are counted from the latest decision to the period\'s end. The partnership row counts every child once, over all the councils.',
  ],
});
