// The children who wait longer (business case: sibling groups, disabled children, children from
// black and minority ethnic backgrounds, older children, children long in care), among the
// children waiting at the period's end (waiting-store.ts), with the reasons for waiting their
// workers recorded. The flags are the children area's (children/model.ts waitingFactors), taken
// on the period's end rather than today.
import { sql } from 'kysely';
import type { ReportScope } from '../report.ts';
import { measureReport } from './measures.ts';
import { childrenWaitingOn } from './waiting-store.ts';

const REASONS: readonly [string, string][] = [
  ['age', 'Age'], ['sibling-group', 'Part of a sibling group'], ['disability', 'Disability'], ['health-uncertainty', 'Uncertain health or development'],
  ['ethnicity-or-heritage', 'Ethnicity or heritage'], ['behaviour-or-trauma', 'Behaviour or trauma'], ['contact-arrangements', 'Contact arrangements'],
  ['legal-delay', 'Legal delay'], ['no-suitable-adopters', 'No suitable adopters identified'], ['other', 'Other'],
];

const base = (scope: ReportScope) => sql`
  select w.id, w.council_id, w.sibling_group_id is not null as sibling, w.disabled, w.ethnicity not in ('WBRI', 'REFU', 'NOBT') as minority,
    w.shobpa_on >= w.date_of_birth + interval '5 years' as older, (w.period_start is not null and w.period_start + interval '21 months' < ${scope.period.to}::date) as long_in_care,
    coalesce((select array_agg(r.reason) from waiting_reason r where r.child_id = w.id), '{}') as reasons
  from (${childrenWaitingOn(scope.councilIds, scope.period.to)}) w`;

export const waitingLonger = measureReport({
  name: 'waiting-longer',
  title: 'Children who wait longer',
  description: 'Among the children waiting at the period\'s end: sibling groups, disabled children, children from minority ethnic backgrounds, older children, children long in care, and the reasons recorded for their wait.',
  kind: 'children',
  tables: [{
    caption: 'Children waiting at the period\'s end, by the groups who wait longer',
    columns: ['waiting', 'sibling', 'disabled', 'minority', 'older', 'long-in-care', 'any-group'],
    measures: [
      { key: 'waiting', label: 'Children waiting', when: 'true' },
      { key: 'sibling', label: 'In a sibling group', when: 'sibling' },
      { key: 'disabled', label: 'Disabled', when: 'disabled' },
      { key: 'minority', label: 'Black or minority ethnic background', when: 'minority' },
      { key: 'older', label: 'Aged 5 or over at the decision', when: 'older' },
      { key: 'long-in-care', label: 'In care more than 21 months', when: 'long_in_care' },
      { key: 'any-group', label: 'In any of these groups', when: 'sibling or disabled or minority or older or long_in_care' },
    ],
    base,
  }, {
    caption: 'Reasons recorded for the wait (a child may have several)',
    columns: ['with-reason', ...REASONS.map(([k]) => `reason-${k}`)],
    measures: [
      { key: 'with-reason', label: 'Children with a reason recorded', when: 'cardinality(reasons) > 0' },
      ...REASONS.map(([k, label]) => ({ key: `reason-${k}`, label, when: `'${k}' = any(reasons)` })),
    ],
    base,
  }],
  notes: (scope) => [
    `Children waiting on ${scope.period.to} (a decision that they should be placed for adoption, not yet placed), by council; the partnership row counts each child once.`,
    'The groups are the children area\'s: in a sibling group; disabled; an ethnicity other than White British (or refused, or not yet obtained); aged 5 or over at the decision; in care more than 21 months at the period\'s end. Reasons are those the child\'s workers recorded; a child without one is counted in the first column only.',
  ],
});
