// The adopter funnel (business case: "conversion from initial enquiries to applications
// received", Worcestershire 13.2% and Herefordshire 36%, and "to approved adopters", 9.2% and
// 38.6%): of the enquiries received in the period, how many became a registration of interest,
// a registered household, Stage 1, Stage 2 and an approval, by the enquirer's council.
import { sql } from 'kysely';
import { idsIn, measureReport } from './measures.ts';

export const adopterFunnel = measureReport({
  name: 'adopter-funnel',
  title: 'Adopter funnel',
  description: 'Enquiries in the period and how many became a registration of interest, Stage 1, Stage 2 and an approval, with conversion rates.',
  kind: 'households',
  elsewhereLabel: 'Enquirers living outside these councils',
  tables: [{
    caption: 'Enquiries received in the period and what they became',
    columns: ['enquiries', 'roi', 'roi-rate', 'registered', 'stage1', 'stage2', 'approved', 'approved-rate'],
    measures: [
      { key: 'enquiries', label: 'Enquiries', when: 'true', noDrill: true },
      { key: 'roi', label: 'Registrations of interest', when: 'roi_on is not null', noDrill: true },
      { key: 'registered', label: 'Registered (ROI accepted)', when: 'id is not null' },
      { key: 'stage1', label: 'Stage 1 started', when: 'stage1_started_on is not null' },
      { key: 'stage2', label: 'Stage 2 started', when: 'stage2_started_on is not null' },
      { key: 'approved', label: 'Approved', when: 'approved' },
    ],
    ratios: [
      { key: 'roi-rate', label: 'Enquiry to ROI (%)', part: 'roi', whole: 'enquiries' },
      { key: 'approved-rate', label: 'Enquiry to approval (%)', part: 'approved', whole: 'enquiries' },
    ],
    base: (scope) => sql`
      select r.household_id as id, case when e.council_id in ${idsIn(scope.councilIds)} then e.council_id end as council_id,
        r.received_on as roi_on, h.stage1_started_on, h.stage2_started_on, coalesce(h.adm_outcome = 'approved', false) as approved
      from enquiry e
      left join registration_of_interest r on r.enquiry_id = e.id
      left join household h on h.id = r.household_id
      where (e.council_id in ${idsIn(scope.councilIds)} ${scope.partnershipId ? sql`or (e.council_id is null and e.partnership_id = ${scope.partnershipId}::uuid)` : sql``})
        and e.received_on between ${scope.period.from}::date and ${scope.period.to}::date`,
  }],
  notes: (scope) => [
    `Enquiries received from ${scope.period.from} to ${scope.period.to}, by the council the enquirer lives in, each followed to the furthest stage it has reached as recorded today (so a recent period's later stages are still filling). Rates are of the enquiries.`,
    'Enquiries and registrations of interest are not households, so only the stages from registration on lead to the households behind them.',
  ],
});
