// Demo placements (issue 14): for each child the demo matched with a household (the matching and
// panel steps), the council's social worker plans introductions a week after the match, two
// weeks long; where they have run their course, the review of introductions is recorded too.
// Written through the placements service, so its rules and the children's hold and every change
// is audited. Runs after the matching and panel steps. The children the demo had already placed
// or adopted get their placement records (seedPlacementHistory), and each council a disruption
// of each kind, recorded through the service (seedDisruptions).
import { sql } from 'kysely';
import { addDays } from '../core/dates.ts';
import * as placements from '../placements/service.ts';
import * as store from '../placements/store.ts';
import * as staffService from '../staff/service.ts';
import * as staffStore from '../staff/store.ts';
import type { DemoContext } from './seed.ts';

export async function seedPlacements(demo: DemoContext): Promise<void> {
  const { db, today } = demo;
  const matched = await sql<{ childId: string; slug: string; matchOn: string }>`
    select c.id as "childId", o.slug, to_char(m.date, 'YYYY-MM-DD') as "matchOn"
    from child c
    join organisation o on o.id = c.placing_authority_id
    join lateral (select date, household_id from milestone where child_id = c.id and type = 'match' order by date desc, recorded_at desc limit 1) m on true
    where c.stage = 'matched' and m.household_id is not null
    order by o.slug, c.date_of_birth, c.id`.execute(db);
  const placed = new Set<string>();
  for (const { childId, slug, matchOn } of matched.rows) {
    if (placed.has(childId)) continue;
    const person = await staffStore.findStaffByEmail(db, `social-worker@${slug}.example`);
    if (!person) continue;
    const ctx = await staffService.contextFor(db, staffService.actorOf(person), today);
    const plan = await placements.planFor(db, ctx, childId);
    if (plan.openPlacementId) continue;
    for (const c of plan.children) placed.add(c.id);
    const start = addDays(matchOn, 7);
    const id = await placements.start(db, ctx, { childId, introductionsStart: start, plannedMoveOn: addDays(start, 14) });
    if (addDays(start, 7) <= today) await placements.reviewIntroductions(db, ctx, id, { reviewedOn: addDays(start, 7), outcome: 'proceed' });
  }
}

/** How many of each council's placed, and adopted, children the demo gives a placement record. */
const HISTORY_PER_COUNCIL = 3;

/**
 * The placements behind some of the demo's journeys: the children step places and adopts
 * children without naming the family (it runs before households exist). For a few of each
 * council's placed children, and a few adopted, this names a family of the council or of its
 * partnership (a placed household for a child still placed, an approved one, free again, for a
 * child adopted), lands it on the child's match, and writes the placement record at the stage
 * the child's own milestones show. Through the areas' stores: the journey itself is already
 * recorded, and its dates are the children step's.
 */
export async function seedPlacementHistory(demo: DemoContext): Promise<void> {
  const { db, today } = demo;
  const rows = await sql<{ childId: string; ownerId: string; matchId: string; matchOn: string; placedOn: string; placementCode: string; providerCode: string | null; appliedOn: string | null; orderOn: string | null; orderCode: string | null }>`
    select c.id as "childId", c.placing_authority_id as "ownerId", m.id as "matchId", to_char(m.date, 'YYYY-MM-DD') as "matchOn",
      to_char(p.date, 'YYYY-MM-DD') as "placedOn", p.code as "placementCode",
      (select e.placement_provider from care_episode e where e.child_id = c.id and e.start_date = p.date order by e.created_at desc limit 1) as "providerCode",
      (select to_char(a.date, 'YYYY-MM-DD') from milestone a where a.child_id = c.id and a.type = 'adoption-application' order by a.date desc limit 1) as "appliedOn",
      to_char(o.date, 'YYYY-MM-DD') as "orderOn", o.code as "orderCode"
    from child c
    join lateral (select id, date, household_id from milestone where child_id = c.id and type = 'match' order by date desc, recorded_at desc limit 1) m on true
    join lateral (select date, code from milestone where child_id = c.id and type = 'placed-for-adoption' order by date desc, recorded_at desc limit 1) p on true
    left join lateral (select date, code from milestone where child_id = c.id and type = 'adoption-order' order by date desc limit 1) o on true
    where m.household_id is null and p.date >= m.date and c.sibling_group_id is null
      and not exists (select 1 from placement_child pc where pc.child_id = c.id)
    order by c.placing_authority_id, p.date desc, c.id`.execute(db);
  const taken = new Set<string>();
  const made = new Map<string, number>();
  for (const r of rows.rows) {
    const stage = r.orderOn ? 'adopted' : 'placed';
    const key = `${r.ownerId}:${stage}`;
    // A placement's provider is an adoptive one (PR1, PR2, PR4, PR5).
    if ((made.get(key) ?? 0) >= HISTORY_PER_COUNCIL || !r.providerCode || !['PR1', 'PR2', 'PR4', 'PR5'].includes(r.providerCode)) continue;
    const household = await freeHousehold(db, r.ownerId, stage === 'adopted' ? 'approved' : 'placed', today, taken);
    if (!household) continue;
    taken.add(household);
    made.set(key, (made.get(key) ?? 0) + 1);
    await db.updateTable('milestone').set({ household_id: household }).where('id', '=', r.matchId).execute();
    const start = addDays(r.placedOn, -14) < r.matchOn ? r.matchOn : addDays(r.placedOn, -14);
    const id = await store.insertPlacement(db, { ownerId: r.ownerId, householdId: household, matchOn: r.matchOn, introductionsStart: start, plannedMoveOn: r.placedOn, childIds: [r.childId], by: null });
    await store.updatePlacement(db, id, {
      status: r.orderOn ? 'adopted' : r.appliedOn ? 'applied' : 'placed', placedOn: r.placedOn, placementCode: r.placementCode, providerCode: r.providerCode,
      ...(r.appliedOn ? { appliedOn: r.appliedOn } : {}), ...(r.orderOn && r.orderCode ? { orderOn: r.orderOn, orderCode: r.orderCode } : {}),
    });
  }
}

/** A household of the council or of a partnership it belongs to today, in `status`, in no link or placement yet. */
async function freeHousehold(db: DemoContext['db'], councilId: string, status: string, today: string, taken: ReadonlySet<string>): Promise<string | undefined> {
  const rows = await sql<{ id: string }>`
    select h.id from household h
    where h.status = ${status}
      and (h.owner_id = ${councilId} or h.owner_id in (select partnership_id from membership where member_id = ${councilId} and joined_on <= ${today}::date and (left_on is null or left_on > ${today}::date)))
      and not exists (select 1 from link l where l.household_id = h.id)
      and not exists (select 1 from placement p where p.household_id = h.id)
    order by h.reference`.execute(db);
  return rows.rows.map((r) => r.id).find((id) => !taken.has(id));
}

const DISRUPTION_STORIES = {
  introductions: { reasons: ['introductions', 'child-needs'], details: 'The child was very distressed at each visit; the family and the social worker agreed to stop.', nextForChild: 'new-family' },
  'before-order': { reasons: ['behaviour', 'support'], details: 'The family asked for a break after months of violent outbursts; the child returned to foster care.', nextForChild: 'foster-care', nextPlacement: 'U4' },
  'after-order': { reasons: ['attachment', 'behaviour'], details: 'The young person left the family home and was accommodated by the council.', nextForChild: 'foster-care' },
} as const;

/** A made-up postcode in each council's area for the foster home a child goes back to (903 PL_POST). */
const NEXT_FOSTER_HOME: Record<string, string> = {
  herefordshire: 'HR4 9QS', shropshire: 'SY3 8LN', 'telford-and-wrekin': 'TF3 4NB', worcestershire: 'WR5 2JH',
  thurrock: 'RM17 6SL', 'southend-on-sea': 'SS2 6ER', havering: 'RM7 0AG',
};

/**
 * A disruption of each kind in each council, recorded through the placements service by the
 * council's social worker: introductions that stopped, a placement that ended before the order
 * (the child back in foster care, adoption still the plan), and an adoption that broke down after
 * the order. The placement is the council's most recent of that stage, so the rest stay as they are.
 */
export async function seedDisruptions(demo: DemoContext): Promise<void> {
  const { db, today } = demo;
  const candidates = await sql<{ id: string; slug: string; status: string; since: string }>`
    select distinct on (o.slug, p.status) p.id, o.slug, p.status,
      to_char(case p.status when 'introductions' then p.introductions_start when 'placed' then p.placed_on else p.order_on end, 'YYYY-MM-DD') as since
    from placement p join organisation o on o.id = p.owner_id
    where p.status in ('introductions', 'placed', 'adopted')
      and case p.status when 'introductions' then p.introductions_start when 'placed' then p.placed_on else p.order_on end < ${today}::date - 3
    order by o.slug, p.status, case p.status when 'introductions' then p.introductions_start when 'placed' then p.placed_on else p.order_on end desc, p.id`.execute(db);
  for (const c of candidates.rows) {
    const person = await staffStore.findStaffByEmail(db, `social-worker@${c.slug}.example`);
    if (!person) continue;
    const ctx = await staffService.contextFor(db, staffService.actorOf(person), today);
    const kind = c.status === 'introductions' ? 'introductions' : c.status === 'placed' ? 'before-order' : 'after-order';
    // Introductions stop within days; a placement ends weeks in; an adoption breaks down years on (or lately).
    const after = kind === 'introductions' ? 3 : kind === 'before-order' ? 60 : 3 * 365;
    const occurredOn = addDays(c.since, after) < today ? addDays(c.since, after) : addDays(today, -1);
    const story = DISRUPTION_STORIES[kind];
    const next = 'nextPlacement' in story ? { nextPlacementPostcode: NEXT_FOSTER_HOME[c.slug] ?? 'HR4 9QS', nextUrn: 'SC104517' } : {};
    await placements.disrupt(db, ctx, c.id, { occurredOn, ...story, ...next, reasons: [...story.reasons] });
  }
}
