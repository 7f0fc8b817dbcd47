import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MilestoneType } from '../children/codes.ts';
import {
  episodeProblems, isLookedAfter, keyDates, milestoneProblems, periodOfCareStart, STAGES, stageOf, type Episode, type Milestone,
} from '../children/model.ts';
import { todayInEngland } from '../core/dates.ts';
import type { DatabaseHandle, Db } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { seedDemo } from './seed.ts';

const PASSWORD = 'correct-horse-battery-staple';
const today = todayInEngland();
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await seedDemo(handle.db, { password: PASSWORD, today });
});
afterAll(() => handle.close());

async function children(db: Db) {
  return db.selectFrom('child as c').innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .select(['c.id', 'o.code', 'o.slug', 'c.la_child_ref as ref', 'c.first_name as firstName', 'c.last_name as lastName', 'c.date_of_birth as dob',
      'c.ethnicity', 'c.disabled', 'c.disability_description as disability', 'c.upn', 'c.stage', 'c.period_start as periodStart', 'c.looked_after as lookedAfter',
      'c.shobpa_date as shobpaDate', 'c.placement_order_date as placementOrderDate', 'c.match_date as matchDate', 'c.placed_date as placedDate',
      'c.sibling_group_id as siblingGroupId', 'c.social_worker_id as socialWorkerId', 'c.family_finder_id as familyFinderId'])
    .orderBy('o.code').orderBy('c.la_child_ref').execute();
}

async function journeys(db: Db) {
  const episodes = await db.selectFrom('care_episode')
    .select(['child_id as childId', 'start_date as startDate', 'rne', 'legal_status as legalStatus', 'placement', 'placement_provider as placementProvider', 'end_date as endDate', 'reason_ceased as reasonCeased'])
    .orderBy('child_id').orderBy('start_date').execute();
  const milestones = await db.selectFrom('milestone').select(['child_id as childId', 'type', 'date', 'code']).orderBy('child_id').orderBy('date').orderBy('recorded_at').execute();
  const byChild = new Map<string, { episodes: Episode[]; milestones: Milestone[] }>();
  const of = (id: string) => byChild.get(id) ?? byChild.set(id, { episodes: [], milestones: [] }).get(id)!;
  for (const { childId, ...e } of episodes) of(childId).episodes.push(e);
  for (const { childId, ...m } of milestones) of(childId).milestones.push({ ...m, type: m.type as MilestoneType });
  return byChild;
}

describe('demo children at region scale', () => {
  it('gives each council about its number of children in care, by the business case table', async () => {
    const counts = Object.fromEntries((await handle.db.selectFrom('child as c').innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
      .select(['o.slug', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('o.slug').execute()).map((r) => [r.slug, r.n]));
    const near = { herefordshire: [220, 270], shropshire: [240, 300], 'telford-and-wrekin': [275, 335], worcestershire: [600, 700], thurrock: [130, 170], 'southend-on-sea': [130, 170], havering: [130, 170] };
    for (const [slug, [lo, hi]] of Object.entries(near)) {
      expect(counts[slug], slug).toBeGreaterThanOrEqual(lo!);
      expect(counts[slug], slug).toBeLessThanOrEqual(hi!);
    }
    // Children under five are about a quarter in Worcestershire, as in the table (150 of 651).
    const rows = await children(handle.db);
    const worcs = rows.filter((c) => c.slug === 'worcestershire' && c.lookedAfter);
    const under5 = worcs.filter((c) => c.dob > `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`).length;
    expect(under5 / worcs.length).toBeGreaterThan(0.17);
    expect(under5 / worcs.length).toBeLessThan(0.33);
  });

  it('has children at every stage, and about one in nine on an adoption journey', async () => {
    const rows = await children(handle.db);
    const stages = new Set(rows.map((c) => c.stage));
    for (const stage of Object.keys(STAGES).filter((s) => s !== 'left-care')) expect(stages, stage).toContain(stage);
    const onJourney = rows.filter((c) => c.stage !== 'in-care' && c.stage !== 'left-care').length / rows.length;
    expect(onJourney).toBeGreaterThan(0.08);
    expect(onJourney).toBeLessThan(0.16);
    expect(rows.every((c) => /^[A-Z]{2}\d{6}$/.test(c.ref))).toBe(true);
    expect(rows.filter((c) => c.upn).every((c) => /^([A-HJ-NP-RT-Z]\d{12}|UN[1-5])$/.test(c.upn!))).toBe(true);
  });

  it('stores the stage and key dates the model derives from the stored episodes and milestones', async () => {
    const byChild = await journeys(handle.db);
    const mismatches: string[] = [];
    for (const c of await children(handle.db)) {
      const { episodes, milestones } = byChild.get(c.id) ?? { episodes: [], milestones: [] };
      const lookedAfter = isLookedAfter(episodes, today);
      const derived = { stage: stageOf(milestones, lookedAfter), periodStart: periodOfCareStart(episodes), lookedAfter, ...keyDates(milestones) };
      const stored = { stage: c.stage, periodStart: c.periodStart, lookedAfter: c.lookedAfter, shobpaDate: c.shobpaDate, placementOrderDate: c.placementOrderDate, matchDate: c.matchDate, placedDate: c.placedDate };
      if (JSON.stringify(derived) !== JSON.stringify(stored)) mismatches.push(`${c.ref}: ${JSON.stringify(stored)} ≠ ${JSON.stringify(derived)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps every stored journey within the rules, one step at a time', async () => {
    const byChild = await journeys(handle.db);
    const problems: string[] = [];
    for (const c of await children(handle.db)) {
      const { episodes, milestones } = byChild.get(c.id)!;
      expect(episodes[0]!.rne).toBe('S');
      episodes.forEach((e, i) => problems.push(...episodeProblems(episodes.slice(0, i), e, c.dob).map((p) => `${c.ref} episode ${e.startDate}: ${p.message}`)));
      milestones.forEach((m, i) => problems.push(...milestoneProblems({ dateOfBirth: c.dob, periodStart: c.periodStart, today, milestones: milestones.slice(0, i) }, m).map((p) => `${c.ref} ${m.type}: ${p.message}`)));
      const order = milestones.find((m) => m.type === 'adoption-order');
      if (order) {
        const last = episodes.at(-1)!;
        expect(last).toMatchObject({ endDate: order.date, reasonCeased: order.code });
        expect(c.lookedAfter).toBe(false);
      }
      // Placed for adoption: the placement code of the episode from that day is the milestone's code.
      for (const placed of milestones.filter((m) => m.type === 'placed-for-adoption')) {
        expect(episodes.find((e) => e.startDate === placed.date)?.placement).toBe(placed.code);
      }
    }
    expect(problems).toEqual([]);
  });

  it('includes reversed plans, new plans after a reversal, early permanence and placement with consent', async () => {
    const byChild = await journeys(handle.db);
    const all = [...byChild.values()].map((j) => j.milestones);
    const reversals = all.flatMap((ms) => ms.filter((m) => m.type === 'plan-reversed'));
    expect(new Set(reversals.map((m) => m.code)).size).toBeGreaterThanOrEqual(3);
    expect(all.some((ms) => ms.findIndex((m) => m.type === 'plan-reversed') >= 0 && ms.findIndex((m) => m.type === 'plan-reversed') < ms.map((m) => m.type).lastIndexOf('adoption-plan'))).toBe(true);
    expect(all.some((ms) => ms.some((m) => m.type === 'early-permanence' && m.code === 'ffa'))).toBe(true);
    expect([...byChild.values()].some((j) => j.episodes.some((e) => e.placement === 'U5'))).toBe(true);
    expect(all.some((ms) => ms.some((m) => m.type === 'placement-order' && m.code === 'consent'))).toBe(true);
    expect(new Set(all.flatMap((ms) => ms.filter((m) => m.type === 'adoption-order').map((m) => m.code)))).toEqual(new Set(['E11', 'E12']));
  });

  it('has sibling groups of two and three, of one council and surname, decided together and apart', async () => {
    const rows = await children(handle.db);
    const groups = await handle.db.selectFrom('sibling_group').selectAll().execute();
    expect(new Set(groups.map((g) => g.decision))).toEqual(new Set(['together', 'apart', 'undecided']));
    for (const g of groups) {
      const members = rows.filter((c) => c.siblingGroupId === g.id);
      expect(members.length, g.name).toBeGreaterThanOrEqual(2);
      expect(members.length, g.name).toBeLessThanOrEqual(3);
      expect(new Set(members.map((c) => c.lastName)).size).toBe(1);
      expect(new Set(members.map((c) => c.code)).size).toBe(1);
      if (g.decision !== 'undecided') expect(g.decision_date && g.decision_reasons).toBeTruthy();
    }
    expect(groups.some((g) => rows.filter((c) => c.siblingGroupId === g.id).length === 3)).toBe(true);
  });

  it('has disabled and minority-ethnic children in realistic shares, with needs, birth family and waiting data', async () => {
    const rows = await children(handle.db);
    const disabled = rows.filter((c) => c.disabled);
    expect(disabled.length / rows.length).toBeGreaterThan(0.05);
    expect(disabled.length / rows.length).toBeLessThan(0.15);
    expect(disabled.every((c) => c.disability)).toBe(true);
    const minority = rows.filter((c) => !['WBRI', 'REFU', 'NOBT'].includes(c.ethnicity)).length / rows.length;
    expect(minority).toBeGreaterThan(0.15);
    expect(minority).toBeLessThan(0.25);
    const count = async (table: 'child_need' | 'birth_family_member' | 'waiting_reason' | 'waiting_review') =>
      (await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(await count('child_need')).toBeGreaterThan(100);
    expect(await count('birth_family_member')).toBeGreaterThan(100);
    expect(await count('waiting_reason')).toBeGreaterThan(10);
    expect(await count('waiting_review')).toBeGreaterThan(10);
  });

  it('allocates each council\'s own social workers, and family finders once family finding starts', async () => {
    const staff = new Map((await handle.db.selectFrom('staff').select(['id', 'email']).execute()).map((s) => [s.id, s.email]));
    for (const c of await children(handle.db)) {
      if (c.socialWorkerId) expect(staff.get(c.socialWorkerId)).toMatch(new RegExp(`^social-worker(-\\d+)?@${c.slug}\\.example$`));
      if (c.familyFinderId) expect(staff.get(c.familyFinderId)).toBe(`family-finder@${c.slug}.example`);
    }
  });
});

describe('seeding children', () => {
  it('is deterministic: the same seed and today give the same children', async () => {
    const digest = async (db: Db) => createHash('sha256').update(JSON.stringify((await children(db)).map((c) => [c.code, c.ref, c.firstName, c.lastName, c.dob, c.stage]))).digest('hex');
    const other = await openTestDatabase();
    try {
      await seedDemo(other.db, { password: PASSWORD, today });
      expect(await digest(other.db)).toBe(await digest(handle.db));
    } finally {
      await other.close();
    }
  });

  it('can be turned off', async () => {
    const other = await openTestDatabase();
    try {
      const result = await seedDemo(other.db, { password: PASSWORD, children: false });
      expect(result.children).toBe(0);
      expect(result.staff).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
