// Adopters waiting (DOMAIN.md §3.1 A11/A12): households approved and not yet matched at the
// period's end, and the share of them who had waited more than 3 months since approval.
import { sql } from 'kysely';
import { measureReport } from './measures.ts';
import { householdCouncil, householdInScope, householdStatusOn } from './waiting-store.ts';

export const adoptersWaiting = measureReport({
  name: 'adopters-waiting',
  title: 'Adopters waiting',
  description: 'Households approved and not yet matched at the period\'s end, and the share waiting over 3 months.',
  kind: 'households',
  elsewhereLabel: 'Living outside these councils',
  tables: [{
    caption: 'Approved households waiting to be matched',
    columns: ['waiting', 'over-3-months', 'over-3-months-share'],
    measures: [
      { key: 'waiting', label: 'Households waiting', when: 'true' },
      { key: 'over-3-months', label: 'Waiting over 3 months', when: 'over_3_months' },
    ],
    ratios: [{ key: 'over-3-months-share', label: 'Waiting over 3 months (%)', part: 'over-3-months', whole: 'waiting' }],
    base: (scope) => sql`
      select h.id, ${householdCouncil(scope.councilIds)} as council_id, (h.approved_on + interval '3 months' < ${scope.period.to}::date) as over_3_months
      from household h
      where ${householdInScope(scope.councilIds, scope.partnershipId)} and h.adm_outcome = 'approved' and h.approved_on <= ${scope.period.to}::date
        and (h.left_on is null or h.left_on > ${scope.period.to}::date)
        and ${householdStatusOn(scope.period.to)} in ('approved', 'linked')`,
  }],
  notes: (scope) => [
    `Households approved on or before ${scope.period.to} that were still approved or linked (not matched, placed, on hold or gone) on that day, from their status changes; each counts for the council it lives in (or, living elsewhere, the council that owns it), and the partnership row counts every household once, its own included.`,
    'Waiting over 3 months: approved more than 3 calendar months before the period\'s end.',
  ],
});
