// Early permanence placements (DOMAIN.md §2): foster to adopt (FfA) and concurrent planning
// placements made in the period, as the children's early-permanence milestone records them, and
// how many of those children were then placed for adoption with the same carers (A3 or A5,
// "with current foster carers").
import { sql } from 'kysely';
import { idsIn, measureReport } from './measures.ts';

export const earlyPermanence = measureReport({
  name: 'early-permanence',
  title: 'Early permanence placements',
  description: 'Foster to adopt and concurrent planning placements made in the period, and those that became adoptive placements.',
  kind: 'children',
  tables: [{
    caption: 'Early permanence placements made in the period',
    columns: ['ffa', 'concurrent', 'all-ep', 'became-adoptive', 'became-adoptive-share'],
    measures: [
      { key: 'ffa', label: 'Foster to adopt', when: `code = 'ffa'` },
      { key: 'concurrent', label: 'Concurrent planning', when: `code = 'concurrent'` },
      { key: 'all-ep', label: 'All early permanence', when: 'true' },
      { key: 'became-adoptive', label: 'Then placed for adoption with the carers', when: 'became_adoptive' },
    ],
    ratios: [{ key: 'became-adoptive-share', label: 'Became adoptive (%)', part: 'became-adoptive', whole: 'all-ep' }],
    base: (scope) => sql`
      select c.id, c.placing_authority_id as council_id, m.code,
        exists (select 1 from milestone p where p.child_id = c.id and p.type = 'placed-for-adoption' and p.code in ('A3', 'A5') and p.date >= m.date) as became_adoptive
      from milestone m join child c on c.id = m.child_id
      where m.type = 'early-permanence' and c.placing_authority_id in ${idsIn(scope.councilIds)} and m.date between ${scope.period.from}::date and ${scope.period.to}::date`,
  }],
  notes: (scope) => [
    `Children whose early permanence placement (foster to adopt or concurrent planning) began from ${scope.period.from} to ${scope.period.to}, by their council; the partnership row is over all its councils.`,
    'Placed for adoption with the carers: a later placement for adoption coded A3 or A5 (with current foster carers), as recorded today.',
  ],
});
