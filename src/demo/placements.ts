// Demo placements (issue 14): for each child the demo matched with a household (the matching and
// panel steps), the council's social worker plans introductions a week after the match, two
// weeks long; where they have run their course, the review of introductions is recorded too.
// Written through the placements service, so its rules and the children's hold and every change
// is audited. Runs after the matching and panel steps. The moves, applications, orders and
// disruptions are recorded by people using the service (they change the children's journeys,
// which the demo's returns are built from).
import { sql } from 'kysely';
import { addDays } from '../core/dates.ts';
import * as placements from '../placements/service.ts';
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
