// Links declined and why (issue 13's links): links between a household and a child (or a
// sibling group) closed without a match in the period, by the reason recorded on closing, and
// the matches a matching panel heard and the decision maker declined.
import { sql } from 'kysely';
import { idsIn, measureReport } from './measures.ts';

const REASONS: readonly [string, string][] = [
  ['adopters-declined', 'Adopters declined'], ['agency-declined', 'Agency declined'], ['child-needs', 'Child\'s needs'],
  ['another-family-chosen', 'Another family chosen'], ['child-plan-changed', 'Child\'s plan changed'], ['household-unavailable', 'Household unavailable'],
  ['matched-elsewhere', 'Household matched elsewhere'], ['other', 'Other'],
];

export const linksDeclined = measureReport({
  name: 'links-declined',
  title: 'Links declined',
  description: 'Links closed without a match in the period, by the reason recorded, and matches declined after a matching panel.',
  kind: 'households',
  tables: [{
    caption: 'Links closed without a match, by reason',
    columns: ['closed', ...REASONS.map(([k]) => k)],
    measures: [
      { key: 'closed', label: 'Links closed', when: 'true' },
      ...REASONS.map(([k, label]) => ({ key: k, label, when: `close_reason = '${k}'` })),
    ],
    base: (scope) => sql`
      select l.household_id as id, l.placing_authority_id as council_id, l.close_reason
      from link l where l.status = 'closed' and l.placing_authority_id in ${idsIn(scope.councilIds)}
        and l.closed_on between ${scope.period.from}::date and ${scope.period.to}::date`,
  }, {
    caption: 'Matches heard at a matching panel and not made',
    columns: ['panel-not-recommended', 'adm-declined'],
    measures: [
      { key: 'panel-not-recommended', label: 'Panel did not recommend', when: `recommendation = 'do-not-match'` },
      { key: 'adm-declined', label: 'Decision maker declined', when: `decision = 'do-not-match'` },
    ],
    base: (scope) => sql`
      select i.household_id as id, i.decision_agency_id as council_id, i.recommendation, i.decision
      from panel_item i where i.kind = 'match' and i.decision_agency_id in ${idsIn(scope.councilIds)}
        and coalesce(i.decided_on, i.recommended_at::date) between ${scope.period.from}::date and ${scope.period.to}::date`,
  }],
  notes: (scope) => [
    `Links of each council's children closed from ${scope.period.from} to ${scope.period.to} without a match, one per link (a sibling group placed together is one link), by the reason recorded when it closed; the figures lead to the households linked. The partnership row is over all its councils.`,
    'Matching panel items are counted on the day the decision was made (or, undecided, the panel recommended), for the council whose decision maker decides.',
  ],
});
