// ASGLB-style quarterly adoptions and adopters tables (DOMAIN.md §3.4): for each quarter, the
// children's key events (decisions, placement orders, matches, placements, adoption orders,
// reversals, early permanence placements) and the children waiting at its end; and the
// adopters' (registrations, Stage 1 and 2 starts, approvals, households waiting at its end).
// The ASGLB's current template was not retrieved (DOMAIN.md §8), so these are its published
// items as far as the records hold them, not the return itself.
import { sql } from 'kysely';
import { idsIn } from './measures.ts';
import { quarterlyReport } from './quarterly.ts';
import { childrenWaitingOn, householdCouncil, householdInScope, householdStatusOn } from './waiting-store.ts';

const CHILD_EVENTS: readonly [string, string, string][] = [
  ['shobpa', 'shobpa', 'Decisions (SHOBPA)'], ['placement-order', 'placement-orders', 'Placement orders'], ['match', 'matched', 'Matched'],
  ['placed-for-adoption', 'placed', 'Placed for adoption'], ['adoption-order', 'adopted', 'Adopted'], ['plan-reversed', 'reversed', 'Decisions reversed'],
  ['early-permanence', 'early-permanence', 'Early permanence placements'],
];

export const asglbChildren = quarterlyReport({
  name: 'asglb-children',
  title: 'ASGLB-style quarterly adoptions',
  description: 'For each quarter: decisions, placement orders, matches, placements, adoptions, reversals and early permanence placements, and the children waiting at its end.',
  kind: 'children',
  caption: 'Children: events in each quarter and children waiting at its end',
  table: (q) => ({
    caption: q.period.label,
    columns: [...CHILD_EVENTS.map(([, k]) => k), 'waiting', 'waiting-over-90'],
    measures: [
      ...CHILD_EVENTS.map(([type, key, label]) => ({ key, label, when: `kind = 'event' and type = '${type}'` })),
      { key: 'waiting', label: 'Waiting at the quarter\'s end', when: `kind = 'waiting'` },
      { key: 'waiting-over-90', label: 'Waiting over 90 days', when: `kind = 'waiting' and waited > 90` },
    ],
    base: (s) => sql`
      select c.id, c.placing_authority_id as council_id, 'event' as kind, m.type, 0 as waited
      from milestone m join child c on c.id = m.child_id
      where c.placing_authority_id in ${idsIn(s.councilIds)} and m.date between ${s.period.from}::date and ${s.period.to}::date
      union all
      select w.id, w.council_id, 'waiting', null, ${s.period.to}::date - w.shobpa_on from (${childrenWaitingOn(s.councilIds, s.period.to)}) w`,
  }),
  notes: (scope) => [
    `Each financial quarter from ${scope.period.from} to ${scope.period.to} (the latest 12 at most), by the children's council, and over all of them; a child counts once for each event of a kind in the quarter.`,
    'The ASGLB\'s current template was not available to check against: these are its published items as the records hold them. The return itself is child-level; Annex A List 10 lists the children with their dates.',
  ],
});

export const asglbAdopters = quarterlyReport({
  name: 'asglb-adopters',
  title: 'ASGLB-style quarterly adopters',
  description: 'For each quarter: households registered, starting Stage 1 and Stage 2, approved, and leaving, and those approved and waiting at its end.',
  kind: 'households',
  elsewhereLabel: 'Living outside these councils',
  caption: 'Adopters: events in each quarter and households waiting at its end',
  table: (q) => ({
    caption: q.period.label,
    columns: ['registered', 'stage1', 'stage2', 'approved', 'left', 'waiting', 'waiting-over-3-months'],
    measures: [
      { key: 'registered', label: 'Registered', when: 'registered' },
      { key: 'stage1', label: 'Started Stage 1', when: 'stage1' },
      { key: 'stage2', label: 'Started Stage 2', when: 'stage2' },
      { key: 'approved', label: 'Approved', when: 'approved' },
      { key: 'left', label: 'Left the process', when: 'left_process' },
      { key: 'waiting', label: 'Approved and waiting at the quarter\'s end', when: 'waiting' },
      { key: 'waiting-over-3-months', label: 'Waiting over 3 months', when: 'waiting and approved_on + interval \'3 months\' < end_day' },
    ],
    base: (s) => sql`
      select h.id, ${householdCouncil(s.councilIds)} as council_id, h.approved_on, ${s.period.to}::date as end_day,
        h.roi_accepted_on between ${s.period.from}::date and ${s.period.to}::date as registered,
        h.stage1_started_on between ${s.period.from}::date and ${s.period.to}::date as stage1,
        h.stage2_started_on between ${s.period.from}::date and ${s.period.to}::date as stage2,
        (h.adm_outcome = 'approved' and h.approved_on between ${s.period.from}::date and ${s.period.to}::date) as approved,
        h.left_on between ${s.period.from}::date and ${s.period.to}::date as left_process,
        (h.adm_outcome = 'approved' and h.approved_on <= ${s.period.to}::date and (h.left_on is null or h.left_on > ${s.period.to}::date)
          and ${householdStatusOn(s.period.to)} in ('approved', 'linked')) as waiting
      from household h where ${householdInScope(s.councilIds, s.partnershipId)}`,
  }),
  notes: (scope) => [
    `Each financial quarter from ${scope.period.from} to ${scope.period.to} (the latest 12 at most). Households count for the council they live in (or, living elsewhere, that owns them); the total counts each once.`,
    'The ASGLB\'s current template was not available to check against: these are its published items as the records hold them. Annex A List 11 lists the households with their dates.',
  ],
});
