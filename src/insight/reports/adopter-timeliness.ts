// Adopter timeliness (DOMAIN.md §2): of the households registered in the period (their
// registration of interest accepted), Stage 1 completed within 2 months of registration, Stage 2
// decided within 4 months of the notice to proceed (AAR 2005 reg 30B), and approval within 6
// months of registration. Fast-tracked households have no Stage 1, so they are left out of the
// Stage 1 and approval measures (first4adoption's rule) and counted in Stage 2's.
import { sql } from 'kysely';
import { measureReport } from './measures.ts';
import { householdCouncil, householdInScope } from './waiting-store.ts';

export const adopterTimeliness = measureReport({
  name: 'adopter-timeliness',
  title: 'Adopter timeliness',
  description: 'Of households registered in the period: Stage 1 within 2 months, Stage 2 within 4 months, approval within 6 months of registration.',
  kind: 'households',
  elsewhereLabel: 'Living outside these councils',
  tables: [{
    caption: 'Households registered in the period: stages completed in time',
    columns: ['registered', 'stage1-cohort', 'stage1-in-time', 'stage1-share', 'stage2-cohort', 'stage2-in-time', 'stage2-share', 'approval-cohort', 'approved-in-time', 'approval-share'],
    measures: [
      { key: 'registered', label: 'Registered', when: 'true' },
      { key: 'stage1-cohort', label: 'Stage 1 cohort', when: 'not fast_track' },
      { key: 'stage1-in-time', label: 'Stage 1 within 2 months', when: 'not fast_track and stage1_decided_on <= roi + interval \'2 months\'' },
      { key: 'stage2-cohort', label: 'Stage 2 started', when: 'stage2_started_on is not null' },
      { key: 'stage2-in-time', label: 'Stage 2 within 4 months', when: 'adm_decided_on <= stage2_started_on + interval \'4 months\'' },
      { key: 'approval-cohort', label: 'Approval cohort', when: 'not fast_track' },
      { key: 'approved-in-time', label: 'Approved within 6 months', when: 'not fast_track and approved_on <= roi + interval \'6 months\'' },
    ],
    ratios: [
      { key: 'stage1-share', label: 'Stage 1 in time (%)', part: 'stage1-in-time', whole: 'stage1-cohort' },
      { key: 'stage2-share', label: 'Stage 2 in time (%)', part: 'stage2-in-time', whole: 'stage2-cohort' },
      { key: 'approval-share', label: 'Approved in time (%)', part: 'approved-in-time', whole: 'approval-cohort' },
    ],
    base: (scope) => sql`
      select h.id, ${householdCouncil(scope.councilIds)} as council_id, h.roi_accepted_on as roi, (h.fast_track is not null) as fast_track,
        h.stage1_decided_on, h.stage2_started_on, h.adm_decided_on, h.approved_on
      from household h
      where ${householdInScope(scope.councilIds, scope.partnershipId)} and h.roi_accepted_on between ${scope.period.from}::date and ${scope.period.to}::date`,
  }],
  notes: (scope) => [
    `Households whose registration of interest was accepted from ${scope.period.from} to ${scope.period.to}, followed through their journey as recorded today; a stage not yet completed counts as not in time.`,
    'Stage 1: decided within 2 calendar months of registration. Stage 2: the agency decision within 4 months of the notice to proceed (AAR 2005 reg 30B), for those who started Stage 2. Approval: within 6 months of registration. Fast-tracked households (previous adopters, foster carers) have no Stage 1 and are left out of the Stage 1 and approval measures.',
  ],
});
