import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as links from './links-service.ts';
import * as matching from './service.ts';

let handle: DatabaseHandle;
const TODAY = '2026-11-23';
const ctxFor = (email: string) => contextOf(handle.db, email, TODAY);
const orgId = async (slug: string) => (await handle.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

/** A waiting Worcestershire child placed alone (the demo's most: its matching leaves the others fewer to link), with families the engine ranks. */
async function waitingChild(skip = 0): Promise<string> {
  const rows = await handle.db.selectFrom('child').select('id').where('placing_authority_id', '=', await orgId('worcestershire'))
    .where('stage', 'in', ['should-be-placed', 'placement-order', 'family-finding']).where('sibling_group_id', 'is', null).orderBy('la_child_ref').execute();
  return rows[skip]!.id;
}

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
});
afterAll(() => handle.close());

describe('finding families', () => {
  it('ranks households for a waiting child with a reason for every factor, and lists those excluded with the constraint', async () => {
    const ctx = await ctxFor('family-finder@worcestershire.example');
    const childId = await waitingChild();
    const since = (await handle.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
    const found = await matching.findFamilies(handle.db, ctx, childId, {});
    expect(found.total).toBeGreaterThan(0);
    for (const item of found.items) {
      expect(item.factors).toHaveLength(6);
      for (const f of item.factors) expect(f.explanation.length).toBeGreaterThan(10);
    }
    expect(found.items.map((x) => x.score)).toEqual([...found.items.map((x) => x.score)].sort((a, b) => b - a));
    const excluded = await matching.excludedFamilies(handle.db, ctx, childId, { limit: 200 });
    expect(excluded.total).toBe(found.excludedTotal);
    expect(excluded.items.every((x) => x.explanation.length > 5)).toBe(true);
    // Both lists are audited (the demo's own searches for the child came before).
    const audit = await handle.db.selectFrom('audit_event').select('detail').where('action', '=', 'search').where('record_id', '=', childId).where('id', '>', since).execute();
    expect(audit.length).toBe(2);
  });

  it('filters by where to look, and refuses a person who may not see the child (404)', async () => {
    const childId = await waitingChild();
    const ctx = await ctxFor('family-finder@worcestershire.example');
    const all = await matching.findFamilies(handle.db, ctx, childId, { limit: 200 });
    const council = await matching.findFamilies(handle.db, ctx, childId, { tier: 'council', limit: 200 });
    expect(council.items.every((x) => x.candidate.tier === 'council')).toBe(true);
    expect(council.total).toBe(all.counts.council);
    await expect(matching.findFamilies(handle.db, await ctxFor('family-finder@thurrock.example'), childId, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('links', () => {
  it('opens a link that grants the family finder the household, moves it to proceeding, and the match lands on both records with its fee', async () => {
    const ff = await ctxFor('family-finder@worcestershire.example');
    const childId = await waitingChild(1);
    const found = await matching.findFamilies(handle.db, ff, childId, { tier: 'inter-agency' });
    const target = found.items[0] ?? (await matching.findFamilies(handle.db, ff, childId, {})).items[0]!;
    const householdId = target.candidate.id;
    const linkId = await links.openLink(handle.db, ff, { childId, householdId });
    const household = await handle.db.selectFrom('household').select('status').where('id', '=', householdId).executeTakeFirstOrThrow();
    expect(household.status).toBe('linked');
    const grants = await handle.db.selectFrom('link_grant as lg').innerJoin('access_grant as g', 'g.id', 'lg.grant_id').select(['g.staff_id', 'g.record_type', 'g.revoked_at']).where('lg.link_id', '=', linkId).execute();
    expect(grants.some((g) => g.staff_id === ff.actor.staffId && g.record_type === 'household')).toBe(true);
    await expect(links.openLink(handle.db, ff, { childId, householdId })).rejects.toBeInstanceOf(ConflictError);

    await links.moveLink(handle.db, await ctxFor('family-finder@worcestershire.example'), linkId, { status: 'proceeding' });
    const dm = await ctxFor('decision-maker@worcestershire.example');
    await handle.db.transaction().execute((tx) => links.recordMatchDecisionIn(tx, dm, { linkId, decidedOn: TODAY }));
    const milestones = await handle.db.selectFrom('milestone').select(['type', 'household_id']).where('child_id', '=', childId).where('type', 'in', ['linked', 'match']).execute();
    expect(milestones.map((m) => [m.type, m.household_id]).sort()).toEqual([['linked', householdId], ['match', householdId]]);
    expect((await handle.db.selectFrom('household').select('status').where('id', '=', householdId).executeTakeFirstOrThrow()).status).toBe('matched');
    const view = await links.viewLink(handle.db, ff, linkId);
    expect(view.link.status).toBe('matched');
    if (target.candidate.tier === 'inter-agency') expect(view.fee?.amountPence).toBeGreaterThanOrEqual(2_700_000);
  });

  it('refuses a link outside the household\'s approval terms, naming the term, and saves nothing', async () => {
    const ff = await ctxFor('family-finder@worcestershire.example');
    const childId = await waitingChild(2);
    const excluded = await matching.excludedFamilies(handle.db, ff, childId, { limit: 200 });
    const outside = excluded.items.find((x) => x.constraint !== 'status' && x.constraint !== 'link-cap');
    expect(outside).toBeDefined();
    const before = await handle.db.selectFrom('link').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const error = await links.openLink(handle.db, ff, { childId, householdId: outside!.candidate.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]!.message).toContain(outside!.explanation);
    const after = await handle.db.selectFrom('link').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a link beyond the household\'s cap, and closing a link revokes its grants', async () => {
    const ff = await ctxFor('family-finder@worcestershire.example');
    const childA = await waitingChild(3);
    const childB = await waitingChild(4);
    const a = await matching.findFamilies(handle.db, ff, childA, { limit: 200 });
    const b = await matching.findFamilies(handle.db, ff, childB, { limit: 200 });
    const shared = a.items.find((x) => b.items.some((y) => y.candidate.id === x.candidate.id) && x.candidate.openLinks === 0)!;
    const wm = await ctxFor('team-manager@west-mercia.example');
    await matching.saveSettings(handle.db, wm, { linkCap: 1, weights: { needs: 0.3, heritage: 0.15, siblings: 0.1, distance: 0.1, 'household-wait': 0.15, 'child-wait': 0.2 } });
    const first = await links.openLink(handle.db, ff, { childId: childA, householdId: shared.candidate.id });
    const error = await links.openLink(handle.db, ff, { childId: childB, householdId: shared.candidate.id }).catch((e: unknown) => e);
    expect((error as ValidationError).errors[0]!.message).toMatch(/already has 1 open link.*\(1\)/);
    await links.closeLink(handle.db, ff, first, { reason: 'adopters-declined' });
    const grants = await handle.db.selectFrom('link_grant as lg').innerJoin('access_grant as g', 'g.id', 'lg.grant_id').select('g.revoked_at').where('lg.link_id', '=', first).execute();
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.revoked_at !== null)).toBe(true);
    expect((await handle.db.selectFrom('household').select('status').where('id', '=', shared.candidate.id).executeTakeFirstOrThrow()).status).toBe('approved');
    await matching.saveSettings(handle.db, wm, { linkCap: 6, weights: { needs: 0.3, heritage: 0.15, siblings: 0.1, distance: 0.1, 'household-wait': 0.15, 'child-wait': 0.2 } });
  });
});
