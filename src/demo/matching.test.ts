// The demo's matching: links at every status in the West Mercia councils and the Thurrock
// consortium's, each dated after the child's decision to place and none in the future; closed
// links with their reasons; matches that name the household on every child; households whose
// status follows their links; and inter-agency fees on exactly the matches that pay one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY } from '../core/testing/seeded-template.ts';
import { paysFee } from '../matching/fees.ts';
import { CLOSE_REASONS, LINK_STATUSES } from '../matching/input.ts';
import * as store from '../matching/store.ts';

const WEST_MERCIA = ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire'];
const CONSORTIUM = ['thurrock', 'southend-on-sea'];

let handle: DatabaseHandle;


beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
}, 120_000);
afterAll(() => handle.close());

async function allLinks() {
  return handle.db.selectFrom('link as l')
    .innerJoin('organisation as pa', 'pa.id', 'l.placing_authority_id')
    .innerJoin('household as h', 'h.id', 'l.household_id')
    .innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .innerJoin('staff as s', 's.id', 'l.opened_by')
    .select([
      'l.id', 'l.status', 'l.opened_on as openedOn', 'l.closed_on as closedOn', 'l.close_reason as closeReason', 'l.close_notes as closeNotes', 'l.matched_on as matchedOn',
      'l.sibling_group_id as siblingGroupId', 'l.placing_authority_id as placingAuthorityId', 'pa.slug as council', 'l.household_id as householdId',
      'h.owner_id as ownerId', 'ow.slug as owner', 'h.status as householdStatus', 's.email as openedBy', 's.organisation_id as openerOrgId',
    ])
    .orderBy('l.opened_on').orderBy('l.id').execute();
}

/** Households whose introductions the demo then disrupted (demo/placements.ts): back to approved, their children to family finding. */
async function disruptedHouseholds(): Promise<Set<string>> {
  return new Set((await handle.db.selectFrom('disruption').select('household_id').where('kind', 'in', ['introductions', 'before-order']).execute()).map((d) => d.household_id));
}

async function childrenOf(linkId: string) {
  return handle.db.selectFrom('link_child as lc').innerJoin('child as c', 'c.id', 'lc.child_id')
    .select(['c.id', 'c.stage', 'c.shobpa_date as shobpaDate', 'c.placement_order_date as placementOrderDate', 'c.sibling_group_id as siblingGroupId'])
    .where('lc.link_id', '=', linkId).execute();
}

describe('demo matching', () => {
  it('has links at every status, in the West Mercia councils and the Thurrock consortium\'s', async () => {
    const links = await allLinks();
    expect(new Set(links.map((l) => l.status))).toEqual(new Set(Object.keys(LINK_STATUSES)));
    const councils = new Set(links.map((l) => l.council));
    expect(WEST_MERCIA.filter((c) => councils.has(c)).length).toBeGreaterThanOrEqual(3);
    expect(CONSORTIUM.every((c) => councils.has(c))).toBe(true);
    expect([...councils].every((c) => [...WEST_MERCIA, ...CONSORTIUM].includes(c))).toBe(true);
  });

  it('dates every link after the child\'s decision to place (and placement order), each step in order and none in the future', async () => {
    const links = await allLinks();
    const events = await handle.db.selectFrom('link_event').select(['link_id as linkId', 'from_status as from', 'to_status as to', 'on_date as on']).orderBy('id').execute();
    for (const l of links) {
      expect(l.openedOn <= TEST_TODAY).toBe(true);
      for (const c of await childrenOf(l.id)) {
        expect(c.shobpaDate, 'a linked child has a decision to place').not.toBeNull();
        expect(l.openedOn > c.shobpaDate!).toBe(true);
        if (c.placementOrderDate) expect(l.openedOn > c.placementOrderDate).toBe(true);
      }
      const mine = events.filter((e) => e.linkId === l.id);
      expect(mine[0]).toMatchObject({ from: null, to: 'interest', on: l.openedOn });
      expect(mine.at(-1)!.to).toBe(l.status);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.from).toBe(mine[i - 1]!.to);
        expect(mine[i]!.on >= mine[i - 1]!.on).toBe(true);
        expect(mine[i]!.on <= TEST_TODAY).toBe(true);
      }
    }
  });

  it('closes links with a reason, a spread of them, and leaves no closed link without its day', async () => {
    const closed = (await allLinks()).filter((l) => l.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(5);
    for (const l of closed) {
      expect(Object.keys(CLOSE_REASONS)).toContain(l.closeReason);
      expect(l.closedOn! >= l.openedOn && l.closedOn! <= TEST_TODAY).toBe(true);
      if (l.closeReason === 'other') expect(l.closeNotes).toBeTruthy();
    }
    expect(new Set(closed.map((l) => l.closeReason)).size).toBeGreaterThanOrEqual(5);
    // A match closes the household's other links itself.
    expect(closed.some((l) => l.closeReason === 'matched-elsewhere' || l.closeReason === 'another-family-chosen')).toBe(true);
    // Open links, none of them closed on paper.
    for (const l of (await allLinks()).filter((x) => x.status !== 'closed')) expect([l.closedOn, l.closeReason]).toEqual([null, null]);
  });

  it('opens links from the child\'s side (the family finder) and from the household\'s (its agency\'s social worker)', async () => {
    const links = await allLinks();
    const fromChild = links.filter((l) => l.openedBy === `family-finder@${l.council}.example`);
    const fromHousehold = links.filter((l) => l.openedBy === `social-worker@${l.owner}.example`);
    expect(fromChild.length).toBeGreaterThan(10);
    expect(fromHousehold.length).toBeGreaterThanOrEqual(2);
    expect(fromChild.length + fromHousehold.length).toBe(links.length);
    for (const l of fromHousehold) expect(l.openerOrgId).toBe(l.ownerId);
  });

  it('lands each match on every child, naming the household, and the household is matched', async () => {
    const disrupted = await disruptedHouseholds();
    const matched = (await allLinks()).filter((l) => l.status === 'matched');
    expect(matched.length).toBeGreaterThanOrEqual(3);
    for (const l of matched) {
      expect(l.matchedOn! > l.openedOn && l.matchedOn! <= TEST_TODAY).toBe(true);
      // Unless the demo then disrupted the introductions (demo/placements.ts): the family is free again.
      const ended = disrupted.has(l.householdId);
      expect(l.householdStatus).toBe(ended ? 'approved' : 'matched');
      const children = await childrenOf(l.id);
      for (const c of children) {
        // After a disruption the child's steps towards this family no longer count: back before family finding.
        if (ended) expect(['should-be-placed', 'placement-order', 'family-finding']).toContain(c.stage);
        else expect(c.stage).toBe('matched');
        const milestones = await handle.db.selectFrom('milestone').select(['type', 'date', 'household_id as householdId']).where('child_id', '=', c.id).where('type', 'in', ['linked', 'matching-panel', 'match']).execute();
        expect(milestones.filter((m) => m.type === 'match')).toEqual([{ type: 'match', date: l.matchedOn, householdId: l.householdId }]);
        expect(milestones.filter((m) => m.type === 'linked').map((m) => m.householdId)).toContain(l.householdId);
        expect(milestones.filter((m) => m.type === 'matching-panel').map((m) => m.householdId)).toContain(l.householdId);
      }
    }
    // A household is matched once.
    expect(new Set(matched.map((l) => l.householdId)).size).toBe(matched.length);
  });

  it('matches a sibling group placed together as one', async () => {
    const groups = (await allLinks()).filter((l) => l.status === 'matched' && l.siblingGroupId);
    expect(groups.length).toBeGreaterThanOrEqual(1);
    for (const l of groups) {
      const group = await handle.db.selectFrom('sibling_group').select('decision').where('id', '=', l.siblingGroupId!).executeTakeFirstOrThrow();
      expect(group.decision).toBe('together');
      const members = await handle.db.selectFrom('child').select('id').where('sibling_group_id', '=', l.siblingGroupId!).execute();
      const children = await childrenOf(l.id);
      expect(children.length).toBeGreaterThanOrEqual(2);
      expect(children.map((c) => c.id).sort()).toEqual(members.map((m) => m.id).sort());
    }
  });

  it('leaves some links proceeding to match, undecided, for a matching panel to hear', async () => {
    const proceeding = (await allLinks()).filter((l) => l.status === 'proceeding');
    expect(proceeding.length).toBeGreaterThanOrEqual(3);
    for (const l of proceeding) {
      expect(l.householdStatus).toBe('linked');
      for (const c of await childrenOf(l.id)) expect(c.stage).toBe('linked');
    }
  });

  it('keeps each household\'s status with its links: linked while one is open, matched once matched', async () => {
    const links = await allLinks();
    const byHousehold = new Map<string, typeof links>();
    for (const l of links) byHousehold.set(l.householdId, [...(byHousehold.get(l.householdId) ?? []), l]);
    const disrupted = await disruptedHouseholds();
    for (const [householdId, own] of byHousehold) {
      const status = own[0]!.householdStatus;
      if (disrupted.has(householdId)) expect(status).toBe('approved');
      else if (own.some((l) => l.status === 'matched')) expect(status).toBe('matched');
      else if (own.some((l) => (store.OPEN_STATUSES as readonly string[]).includes(l.status))) expect(status).toBe('linked');
      else expect(status).toBe('approved');
    }
    // A matched household has no open link left.
    for (const [, own] of byHousehold) {
      if (own.some((l) => l.status === 'matched')) expect(own.filter((l) => (store.OPEN_STATUSES as readonly string[]).includes(l.status))).toEqual([]);
    }
  });

  it('records a fee on the inter-agency matches and on no other link, each a positive whole number of pence', async () => {
    const links = await allLinks();
    const fees = await handle.db.selectFrom('inter_agency_fee').selectAll().execute();
    const feeOf = new Map(fees.map((f) => [f.link_id, f]));
    let interAgency = 0;
    for (const l of links) {
      if (l.status !== 'matched') {
        expect(feeOf.has(l.id), `no fee on a ${l.status} link`).toBe(false);
        continue;
      }
      const familyFindingBy = await store.familyFindingDeliverer(handle.db, l.placingAuthorityId, l.matchedOn!);
      const councilPartnerships = (await store.partnershipsOf(handle.db, [l.placingAuthorityId], l.matchedOn!)).get(l.placingAuthorityId) ?? [];
      const pays = paysFee({ householdOwnerId: l.ownerId, placingAuthorityId: l.placingAuthorityId, familyFindingBy, councilPartnerships });
      expect(feeOf.has(l.id), `${l.council} child with a ${l.owner} household`).toBe(pays);
      if (!pays) continue;
      interAgency++;
      const fee = feeOf.get(l.id)!;
      expect(Number.isInteger(fee.amount_pence) && fee.amount_pence > 0).toBe(true);
      expect([fee.payer_id, fee.payee_id]).toEqual([l.placingAuthorityId, l.ownerId]);
      expect(fee.children).toBe((await childrenOf(l.id)).length);
      expect(fee.recorded_on).toBe(l.matchedOn);
    }
    expect(interAgency).toBeGreaterThanOrEqual(2);
    expect(fees.length).toBe(interAgency);
  });
});
