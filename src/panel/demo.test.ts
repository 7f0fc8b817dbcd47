// The demo's panels (src/demo/panel.ts), run on the seeded demo: panels with members for the
// partnerships and councils, two years of quorate meetings that heard the demo's records on the
// day they were heard, decisions on time and late, and decisions waiting (one meeting's overdue).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/dates.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import * as decisions from './decisions-service.ts';
import * as meetings from './meetings-service.ts';
import { quorumLacks } from './model.ts';
import * as panels from './service.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

describe('the demo panels', () => {
  it('has a panel with members for each partnership and council, the adviser seeing their own', async () => {
    const names = (await handle.db.selectFrom('panel as p').innerJoin('organisation as o', 'o.id', 'p.owner_id').select('o.slug').execute()).map((p) => p.slug);
    for (const slug of ['west-mercia', 'thurrock-consortium', 'herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire', 'thurrock', 'southend-on-sea']) expect(names).toContain(slug);
    const { panels: mine } = await panels.listPanels(handle.db, await contextOf(handle.db, 'panel-adviser@west-mercia.example', TEST_TODAY));
    expect(mine.map((p) => p.name)).toEqual(['West Mercia Adoption Panel']);
    expect(mine[0]!.members).toBe(11);
  });

  it('has two years of meetings, each quorate, with final minutes and the records heard on their day', async () => {
    const rows = await handle.db.selectFrom('panel_meeting').select(['id', 'meeting_date', 'minutes_final_on']).where('meeting_date', '<=', TEST_TODAY).execute();
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.some((m) => m.meeting_date < addDays(TEST_TODAY, -600))).toBe(true);
    expect(rows.every((m) => m.minutes_final_on !== null && m.meeting_date >= addDays(TEST_TODAY, -731))).toBe(true);
    const adviser = await contextOf(handle.db, 'panel-adviser@west-mercia.example', TEST_TODAY);
    const someWm = await handle.db.selectFrom('panel_meeting as g').innerJoin('panel as p', 'p.id', 'g.panel_id').innerJoin('organisation as o', 'o.id', 'p.owner_id')
      .select('g.id').where('o.slug', '=', 'west-mercia').where('g.meeting_date', '<=', TEST_TODAY).orderBy('g.meeting_date', 'desc').limit(5).execute();
    for (const { id } of someWm) {
      const view = await meetings.viewMeeting(handle.db, adviser, id);
      expect(quorumLacks(view.meeting.quorum, view.attendance.filter((a) => a.attended))).toEqual([]);
      expect(view.items.every((i) => i.recommendation !== null)).toBe(true);
    }
    // Each approval was heard on the day the household's record says its panel met.
    const approvals = await handle.db.selectFrom('panel_item as i').innerJoin('panel_meeting as g', 'g.id', 'i.meeting_id').innerJoin('household as h', 'h.id', 'i.household_id')
      .select(['g.meeting_date', 'h.panel_on', 'i.decided_on', 'h.adm_decided_on']).where('i.kind', '=', 'approval').execute();
    expect(approvals.length).toBeGreaterThan(20);
    expect(approvals.every((a) => a.meeting_date === a.panel_on && a.decided_on === a.adm_decided_on)).toBe(true);
    // Relinquished children's SHOBPA, decided on the day the child's record says; matches of matched links, when the matching step made them.
    const shobpa = await handle.db.selectFrom('panel_item as i').innerJoin('child as c', 'c.id', 'i.child_id').select(['i.decided_on', 'c.shobpa_date']).where('i.kind', '=', 'shobpa').execute();
    expect(shobpa.length).toBeGreaterThan(0);
    expect(shobpa.every((x) => x.decided_on === x.shobpa_date)).toBe(true);
    const matched = await handle.db.selectFrom('link').select('id').where('status', '=', 'matched').where('matched_on', '>=', addDays(TEST_TODAY, -700)).execute();
    const matches = await handle.db.selectFrom('panel_item').select('link_id').where('kind', '=', 'match').where('decision', '=', 'match').execute();
    expect(matches.length).toBeLessThanOrEqual(matched.length);
    if (matched.length) expect(matches.length).toBeGreaterThan(0);
  });

  it('has decisions made on time and late, and decisions waiting in the queue, an overdue one first', async () => {
    const decided = await handle.db.selectFrom('panel_item').select(['decided_on', 'decision_due_on']).where('decision', 'is not', null).execute();
    expect(decided.some((d) => d.decided_on! <= d.decision_due_on!)).toBe(true);
    expect(decided.some((d) => d.decided_on! > d.decision_due_on!)).toBe(true);
    const queue = await decisions.decisionQueue(handle.db, await contextOf(handle.db, 'decision-maker@west-mercia.example', TEST_TODAY));
    expect(queue.waiting.length).toBeGreaterThan(0);
    expect(queue.waiting[0]!.clock.status).toBe('overdue');
    expect(queue.decided.length).toBeGreaterThan(0);
  });

  it('has meetings to come with their agendas and the members expected', async () => {
    const upcoming = await handle.db.selectFrom('panel_meeting as g').select((eb) => ['g.id', eb.selectFrom('panel_item as i').whereRef('i.meeting_id', '=', 'g.id').select((e) => e.fn.countAll<number>().as('n')).as('items')])
      .where('g.meeting_date', '>', TEST_TODAY).execute();
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.some((u) => Number(u.items) > 0)).toBe(true);
    const member = await contextOf(handle.db, 'panel-member@west-mercia.example', TEST_TODAY);
    expect((await meetings.myMeetings(handle.db, member)).length).toBeGreaterThan(0);
  });
});
