import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { loadAccessFacts } from '../core/access.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as staff from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;

const ctxFor = (email: string, today?: string) => contextOf(handle.db, email, today);

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
});
afterAll(() => handle.close());

describe('access facts from the operating model', () => {
  it('give the partnership the pooled functions of its members on the day', async () => {
    const ctx2015 = await ctxFor('family-finder@west-mercia.example', '2015-01-01');
    const herefordshire = (await store.findStaffByEmail(handle.db, 'admin@herefordshire.example'))!.organisationId;
    expect(ctx2015.facts.delivers.get('recruitment')?.has(herefordshire)).toBe(true);
    expect(ctx2015.facts.delivers.get('family-finding')?.has(herefordshire) ?? false).toBe(false);
    const ctx2017 = await ctxFor('family-finder@west-mercia.example', '2017-01-01');
    expect(ctx2017.facts.delivers.get('family-finding')?.has(herefordshire)).toBe(true);
  });

  it('stop giving the consortium Havering\'s functions from the day it left', async () => {
    const havering = (await store.findStaffByEmail(handle.db, 'admin@havering.example'))!;
    const before = await ctxFor('admin@havering.example', '2014-03-31');
    const after = await ctxFor('admin@havering.example', '2014-04-01');
    expect(before.facts.partnerships.size).toBe(1);
    expect(after.facts.partnerships.size).toBe(0);
    // Outside any partnership, a council delivers everything for itself.
    expect(after.facts.delivers.get('family-finding')?.has(havering.organisationId)).toBe(true);
  });
});

describe('explicit grants', () => {
  it('open one record to one person until revoked, and are audited', async () => {
    const manager = await ctxFor('team-manager@herefordshire.example');
    const target = (await store.findStaffByEmail(handle.db, 'social-worker@herefordshire.example'))!;
    const grantee = (await store.findStaffByEmail(handle.db, 'family-finder@shropshire.example'))!;
    const id = await staff.grantAccess(handle.db, manager, { staffId: grantee.id, recordType: 'staff', recordId: target.id, reason: 'Cross-authority link', validFrom: '2026-11-01' });
    let facts = await loadAccessFacts(handle.db, staff.actorOf(grantee), '2026-11-23');
    expect(facts.grants.has(`staff:${target.id}`)).toBe(true);
    await staff.revokeGrant(handle.db, manager, id);
    facts = await loadAccessFacts(handle.db, staff.actorOf(grantee), '2026-11-23');
    expect(facts.grants.has(`staff:${target.id}`)).toBe(false);
    const actions = await handle.db.selectFrom('audit_event').select('action').where('record_id', '=', target.id).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['grant', 'revoke']));
  });

  it('are not live before their start or after their end', async () => {
    const manager = await ctxFor('admin@herefordshire.example');
    const target = (await store.findStaffByEmail(handle.db, 'analyst@herefordshire.example'))!;
    const grantee = (await store.findStaffByEmail(handle.db, 'analyst@shropshire.example'))!;
    await staff.grantAccess(handle.db, manager, { staffId: grantee.id, recordType: 'staff', recordId: target.id, reason: 'Joint review', validFrom: '2027-01-01', validTo: '2027-01-31' });
    for (const [day, live] of [['2026-12-31', false], ['2027-01-15', true], ['2027-02-01', false]] as const) {
      expect((await loadAccessFacts(handle.db, staff.actorOf(grantee), day)).grants.has(`staff:${target.id}`)).toBe(live);
    }
  });

  it('are refused when they have already ended, naming validTo, and nothing is written', async () => {
    const manager = await ctxFor('admin@herefordshire.example');
    const target = (await store.findStaffByEmail(handle.db, 'analyst@herefordshire.example'))!;
    const grantee = (await store.findStaffByEmail(handle.db, 'analyst@shropshire.example'))!;
    const before = await handle.db.selectFrom('access_grant').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(staff.grantAccess(handle.db, manager, { staffId: grantee.id, recordType: 'staff', recordId: target.id, reason: 'Too late', validFrom: '2026-01-01', validTo: '2026-11-22' }))
      .rejects.toMatchObject({ errors: [{ field: 'validTo', message: expect.stringContaining('2026-11-23') }] });
    const after = await handle.db.selectFrom('access_grant').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('cannot be given by another authority, and name the field at fault', async () => {
    const outsider = await ctxFor('team-manager@shropshire.example');
    const target = (await store.findStaffByEmail(handle.db, 'social-worker@herefordshire.example'))!;
    await expect(staff.grantAccess(handle.db, outsider, { staffId: target.id, recordType: 'staff', recordId: target.id, reason: 'x', validFrom: '2026-11-01' })).rejects.toBeInstanceOf(NotFoundError);
    const manager = await ctxFor('team-manager@herefordshire.example');
    const error = await staff.grantAccess(handle.db, manager, { staffId: target.id, recordType: 'staff', recordId: target.id, reason: 'x', validFrom: '2026-11-10', validTo: '2026-11-01' }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['validTo']);
  });
});

describe('adding staff', () => {
  const base = { displayName: 'Test Person', roles: ['social-worker'], password: 'copper kettle meadow lantern' };

  it('adds a person with roles and a team', async () => {
    const org = (await store.findStaffByEmail(handle.db, 'admin@shropshire.example'))!.organisationId;
    const id = await staff.addStaff(handle.db, null, { ...base, email: 'New.Person@Shropshire.example', organisationId: org, team: 'Permanence' });
    const person = await store.findStaff(handle.db, id);
    expect(person).toMatchObject({ email: 'new.person@shropshire.example', roles: ['social-worker'], teamName: 'Permanence' });
  });

  it('refuses a duplicate email, a weak password or an unknown role, and writes nothing', async () => {
    const org = (await store.findStaffByEmail(handle.db, 'admin@shropshire.example'))!.organisationId;
    const count = async () => (await handle.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    await expect(staff.addStaff(handle.db, null, { ...base, email: 'admin@shropshire.example', organisationId: org })).rejects.toBeInstanceOf(ConflictError);
    const weak = await staff.addStaff(handle.db, null, { ...base, email: 'weak@shropshire.example', organisationId: org, password: 'password1234' }).catch((e: unknown) => e);
    expect((weak as ValidationError).errors.map((e) => e.field)).toEqual(['password']);
    const role = await staff.addStaff(handle.db, null, { ...base, email: 'role@shropshire.example', organisationId: org, roles: ['wizard'] }).catch((e: unknown) => e);
    expect((role as ValidationError).errors[0]!.field).toBe('roles.0');
    expect(await count()).toBe(before);
  });
});

describe('API tokens', () => {
  it('are made by a signed-in person only for their own account: another account is missing, and nothing is written', async () => {
    const me = (await store.findStaffByEmail(handle.db, 'social-worker@shropshire.example'))!;
    const other = (await store.findStaffByEmail(handle.db, 'admin@shropshire.example'))!;
    const by = { staffId: me.id, orgId: me.organisationId, label: me.email };
    const count = async () => Number((await handle.db.selectFrom('api_token').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await expect(staff.createToken(handle.db, other.id, { label: 'not mine' }, by)).rejects.toBeInstanceOf(NotFoundError);
    expect(await count()).toBe(before);
    const own = await staff.createToken(handle.db, me.id, { label: 'mine' }, by);
    expect((await staff.contextByToken(handle.db, own.token, '2026-12-01'))?.actor.staffId).toBe(me.id);
    // The operator's command line (no one signed in) makes a token for anyone.
    const operator = await staff.createToken(handle.db, other.id, { label: 'operator' }, null);
    expect((await staff.contextByToken(handle.db, operator.token, '2026-12-01'))?.actor.staffId).toBe(other.id);
  });
});

describe('second factor', () => {
  it('takes each code once: the same code again is refused as a replay, and audited', async () => {
    const person = (await store.findStaffByEmail(handle.db, 'panel-adviser@shropshire.example'))!;
    const secret = staff.newSecondFactorSecret();
    await store.setTotp(handle.db, person.id, secret);
    const rules = { signInMaxFailures: 5, signInLockoutMinutes: 15 };
    const code = await generate({ secret });
    expect(await staff.checkSecondFactor(handle.db, rules, person.id, { code })).toEqual({ outcome: 'signed-in', staffId: person.id });
    expect((await staff.checkSecondFactor(handle.db, rules, person.id, { code })).outcome).not.toBe('signed-in');
    const failed = await handle.db.selectFrom('audit_event').select('detail').where('record_id', '=', person.id).where('action', '=', 'sign-in-failed').execute();
    expect(failed.map((f) => (f.detail as { reason: string }).reason)).toContain('code-reused');
  });
});
