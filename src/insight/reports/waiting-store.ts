// Who was waiting on a day, from the dated records rather than today's derived stage, so any
// period's end can be asked about. A child waits from the decision that they should be placed
// for adoption (the latest SHOBPA on or before the day) until they move in with their adoptive
// family; a reversal of the plan ends the wait, and a disruption of the placement before the
// order starts it again. A household waits from its approval until it is matched: its status on
// the day is its latest status change on or after approval (approved when there is none).
import { sql, type RawBuilder } from 'kysely';
import { idsIn } from './measures.ts';

/** Children of the councils waiting on `day`: id, council_id, shobpa_on, and the child's own columns as `c_*`. */
export function childrenWaitingOn(councilIds: readonly string[], day: string): RawBuilder<unknown> {
  return sql`
    select c.id, c.placing_authority_id as council_id, s.shobpa_on, c.date_of_birth, c.ethnicity, c.disabled, c.sibling_group_id,
      (select max(e.start_date) from care_episode e where e.child_id = c.id and e.rne = 'S' and e.start_date <= ${day}::date) as period_start
    from child c
    cross join lateral (select max(m.date) as shobpa_on from milestone m where m.child_id = c.id and m.type = 'shobpa' and m.date <= ${day}::date) s
    where c.placing_authority_id in ${idsIn(councilIds)} and s.shobpa_on is not null
      and not exists (select 1 from milestone r where r.child_id = c.id and r.type = 'plan-reversed' and r.date >= s.shobpa_on and r.date <= ${day}::date)
      and not exists (select 1 from milestone o where o.child_id = c.id and o.type = 'adoption-order' and o.date >= s.shobpa_on and o.date <= ${day}::date)
      and not exists (
        select 1 from milestone p where p.child_id = c.id and p.type = 'placed-for-adoption' and p.date >= s.shobpa_on and p.date <= ${day}::date
          and not exists (select 1 from milestone d where d.child_id = c.id and d.type = 'disrupted' and d.date >= p.date and d.date <= ${day}::date))`;
}

/** The council a household counts for: where it lives if that is one of the councils, else its owner if that is one, else none. */
export function householdCouncil(councilIds: readonly string[]): RawBuilder<string | null> {
  return sql<string | null>`case when h.home_council_id in ${idsIn(councilIds)} then h.home_council_id when h.owner_id in ${idsIn(councilIds)} then h.owner_id end`;
}

/** The households a scope covers: living in or owned by one of its councils, or owned by its partnership. */
export function householdInScope(councilIds: readonly string[], partnershipId: string | undefined): RawBuilder<boolean> {
  const owners = [...councilIds, ...(partnershipId ? [partnershipId] : [])];
  return sql<boolean>`(h.home_council_id in ${idsIn(councilIds)} or h.owner_id in ${idsIn(owners)})`;
}

/** A household's status on `day` (after its approval): its latest status change from the approval to the day, or approved. */
export function householdStatusOn(day: string): RawBuilder<string> {
  return sql<string>`coalesce((select se.status from stage_event se where se.household_id = h.id and se.type = 'status-change'
    and se.date >= h.approved_on and se.date <= ${day}::date order by se.date desc, se.recorded_at desc limit 1), 'approved')`;
}
