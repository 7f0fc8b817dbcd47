import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../core/access.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { NotFoundError, ValidationError, ForbiddenError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as partnership from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;
let westMercia: string;
let thurrock: string;

const ctxFor = (email: string, today?: string) => contextOf(handle.db, email, today);

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  westMercia = (await store.findOrganisationBySlug(handle.db, 'west-mercia'))!.id;
  thurrock = (await store.findOrganisationBySlug(handle.db, 'thurrock-consortium'))!.id;
});
afterAll(() => handle.close());

describe('the West Mercia operating model over time', () => {
  const deliverers = async (date: string) => {
    const view = await partnership.operatingModel(handle.db, await ctxFor('social-worker@herefordshire.example'), westMercia, date);
    return view.rows;
  };

  it('is Option 1 (every council delivers everything) before November 2014', async () => {
    const rows = await deliverers('2014-10-31');
    expect(rows).toHaveLength(4 * FUNCTIONS.length);
    expect(rows.every((r) => r.deliveredBy === 'member')).toBe(true);
  });

  it('is Option 2 on 1 January 2015: six functions pooled, five retained, for each council', async () => {
    const rows = await deliverers('2015-01-01');
    const pooled = [...new Set(rows.filter((r) => r.deliveredBy === 'partnership').map((r) => r.functionCode))].sort();
    expect(pooled).toEqual(['adopted-adults', 'birth-family-support', 'non-agency-intercountry', 'post-order-support', 'recruitment', 'training']);
    expect(rows.filter((r) => r.deliveredBy === 'partnership')).toHaveLength(4 * 6);
    expect(rows.filter((r) => r.deliveredBy === 'member')).toHaveLength(4 * 5);
  });

  it('is Option 3 (everything pooled) on 1 January 2017', async () => {
    const rows = await deliverers('2017-01-01');
    expect(rows).toHaveLength(4 * FUNCTIONS.length);
    expect(rows.every((r) => r.deliveredBy === 'partnership')).toBe(true);
  });

  it('resolves every member, function and date to exactly one deliverer', async () => {
    const members = (await store.membershipsOf(handle.db, westMercia)).filter((m) => m.kind === 'member');
    await fc.assert(fc.asyncProperty(fc.date({ min: new Date('2013-10-04'), max: new Date('2035-12-31'), noInvalidDate: true }), async (d) => {
      const day = d.toISOString().slice(0, 10);
      const rows = await store.operatingModelOn(handle.db, westMercia, day);
      for (const m of members) {
        for (const fn of FUNCTIONS) expect(rows.filter((r) => r.memberId === m.memberId && r.functionCode === fn)).toHaveLength(1);
      }
    }), { numRuns: 25 });
  });
});

describe('the Thurrock consortium', () => {
  it('shows Havering as a member until it left on 1 April 2014', async () => {
    const ctx = await ctxFor('admin@thurrock-consortium.example');
    const before = await partnership.overview(handle.db, ctx, thurrock, '2014-03-31');
    const after = await partnership.overview(handle.db, ctx, thurrock, '2014-04-01');
    expect(before.members.map((m) => m.memberName)).toContain('Havering');
    expect(after.members.map((m) => m.memberName).sort()).toEqual(['Southend-on-Sea', 'Thurrock']);
    expect(after.former.map((m) => [m.memberName, m.leftOn])).toEqual([['Havering', '2014-04-01']]);
    expect(after.affiliates.map((m) => m.memberName)).toEqual(["Barnardo's"]);
  });

  it('no longer lets Havering staff see the consortium', async () => {
    await expect(partnership.overview(handle.db, await ctxFor('admin@havering.example'), thurrock)).rejects.toBeInstanceOf(NotFoundError);
    expect(await partnership.visiblePartnerships(handle.db, await ctxFor('admin@havering.example'))).toEqual([]);
  });
});

describe('changing memberships and the operating model', () => {
  const countRows = async () => {
    const [m, e, a] = await Promise.all(['membership', 'operating_model_entry', 'audit_event'].map((t) =>
      handle.db.selectFrom(t as 'membership').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()));
    return { m: m!.n, e: e!.n, a: a!.n };
  };

  it('refuses a leaving date before the joining date and writes nothing', async () => {
    const ctx = await ctxFor('admin@west-mercia.example', '2013-10-04');
    const shropshire = (await store.membershipsOf(handle.db, westMercia)).find((m) => m.memberName === 'Shropshire')!;
    const before = await countRows();
    const error = await partnership.recordLeaving(handle.db, ctx, westMercia, shropshire.id, { leftOn: '2013-10-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]).toMatchObject({ field: 'leftOn' });
    expect((error as ValidationError).errors.map((e) => e.message).join()).toContain('2013-10-04');
    expect(await countRows()).toEqual(before);
  });

  it('refuses a change to the operating model dated in the past', async () => {
    const ctx = await ctxFor('admin@west-mercia.example');
    const error = await partnership.applyPreset(handle.db, ctx, westMercia, { effectiveOn: '2015-06-01', option: 1 }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['effectiveOn']);
  });

  it('refuses changes by anyone but the partnership administrator', async () => {
    const ctx = await ctxFor('team-manager@west-mercia.example');
    await expect(partnership.applyPreset(handle.db, ctx, westMercia, { effectiveOn: '2027-04-01', option: 4 })).rejects.toBeInstanceOf(ForbiddenError);
    const councilAdmin = await ctxFor('admin@herefordshire.example');
    await expect(partnership.applyPreset(handle.db, councilAdmin, westMercia, { effectiveOn: '2027-04-01', option: 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('schedules Option 4 with a provider, keeps history, and can withdraw it before it applies', async () => {
    const ctx = await ctxFor('admin@west-mercia.example');
    const barnardos = (await store.findOrganisationBySlug(handle.db, 'barnardos'))!.id;
    const missing = await partnership.applyPreset(handle.db, ctx, westMercia, { effectiveOn: '2027-04-01', option: 4 }).catch((e: unknown) => e);
    expect((missing as ValidationError).errors.map((e) => e.field)).toEqual(['providerId']);

    const byKey = (rows: { memberId: string; functionCode: string }[]) => [...rows].sort((a, b) => `${a.memberId} ${a.functionCode}`.localeCompare(`${b.memberId} ${b.functionCode}`));
    const history = byKey(await store.operatingModelOn(handle.db, westMercia, '2015-01-01'));
    const membersThen = new Set((await store.operatingModelOn(handle.db, westMercia, '2027-04-01')).map((r) => r.memberId)).size;
    await partnership.applyPreset(handle.db, ctx, westMercia, { effectiveOn: '2027-04-01', option: 4, providerId: barnardos });
    const later = await store.operatingModelOn(handle.db, westMercia, '2027-04-01');
    expect(later.every((r) => r.deliveredBy === 'provider' && r.providerName === "Barnardo's")).toBe(true);
    expect(byKey(await store.operatingModelOn(handle.db, westMercia, '2015-01-01'))).toEqual(history);
    expect((await partnership.operatingModel(handle.db, ctx, westMercia, '2026-11-23')).scheduled).toHaveLength(membersThen * FUNCTIONS.length);

    await partnership.cancelScheduled(handle.db, ctx, westMercia, '2027-04-01');
    expect((await store.operatingModelOn(handle.db, westMercia, '2027-04-01')).every((r) => r.deliveredBy === 'partnership')).toBe(true);
    await expect(partnership.cancelScheduled(handle.db, ctx, westMercia, '2016-04-01')).rejects.toBeInstanceOf(ValidationError);
  });

  it('changes one function for one council from a date, and audits it', async () => {
    const ctx = await ctxFor('admin@west-mercia.example');
    const worcestershire = (await store.findOrganisationBySlug(handle.db, 'worcestershire'))!.id;
    await partnership.changeDelivery(handle.db, ctx, westMercia, { effectiveOn: '2027-01-01', memberId: worcestershire, functionCode: 'financial-support', deliveredBy: 'member' });
    const row = (await store.operatingModelOn(handle.db, westMercia, '2027-01-01')).find((r) => r.memberId === worcestershire && r.functionCode === 'financial-support');
    expect(row?.deliveredBy).toBe('member');
    const audit = await handle.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'update', record_type: 'operating-model', record_id: westMercia, actor_label: 'admin@west-mercia.example' });
    expect(audit.detail).toMatchObject({ before: { deliveredBy: 'partnership' }, after: { deliveredBy: 'member', function: 'financial-support' } });
  });

  it('adds a council with a baseline for every function, and records its leaving', async () => {
    const ctx = await ctxFor('admin@thurrock-consortium.example');
    const havering = (await store.findOrganisationBySlug(handle.db, 'havering'))!.id;
    const { id } = await partnership.addMember(handle.db, ctx, thurrock, { organisationId: havering, kind: 'member', joinedOn: '2027-04-01', option: 2 });
    const rows = (await store.operatingModelOn(handle.db, thurrock, '2027-04-01')).filter((r) => r.memberId === havering);
    expect(rows).toHaveLength(FUNCTIONS.length);
    const again = await partnership.addMember(handle.db, ctx, thurrock, { organisationId: havering, kind: 'member', joinedOn: '2027-05-01', option: 1 }).catch((e: unknown) => e);
    expect((again as ValidationError).errors.map((e) => e.field)).toEqual(['organisationId']);
    await partnership.recordLeaving(handle.db, ctx, thurrock, id, { leftOn: '2028-04-01' });
    expect(await store.operatingModelOn(handle.db, thurrock, '2028-04-01').then((r) => r.filter((x) => x.memberId === havering))).toEqual([]);
  });
});
