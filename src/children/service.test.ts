import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { LikelyDuplicatesError } from '../core/likely-duplicates.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as staffService from '../staff/service.ts';
import * as children from './service.ts';

let handle: DatabaseHandle;

const ctxFor = (email: string, today?: string) => contextOf(handle.db, email, today);

const herefordshireChild = { firstName: 'Ava', lastName: 'Testchild', dateOfBirth: '2022-03-14', sex: 'F', ethnicity: 'MWBC', placingAuthority: 'E06000019', enteredCare: '2024-01-10' };

async function count(table: 'child' | 'milestone' | 'audit_event') {
  return (await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
}

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
});
afterAll(() => handle.close());

describe('registering a child', () => {
  it('creates the record, its first episode (RNE S) and audits it', async () => {
    const ctx = await ctxFor('social-worker@herefordshire.example');
    const id = await children.create(handle.db, ctx, herefordshireChild);
    const view = await children.view(handle.db, ctx, id);
    expect(view.child).toMatchObject({ firstName: 'Ava', placingAuthorityCode: 'E06000019', stage: 'in-care', periodStart: '2024-01-10' });
    expect(view.episodes).toEqual([expect.objectContaining({ startDate: '2024-01-10', rne: 'S', endDate: null })]);
    expect(view.factors).toEqual(['minority-ethnic', 'in-care-21-months']);
    const audit = await handle.db.selectFrom('audit_event').select(['action', 'record_id']).where('record_type', '=', 'child').where('record_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'view']);
  });

  it('refuses a council the person does not work for', async () => {
    const ctx = await ctxFor('social-worker@shropshire.example');
    await expect(children.create(handle.db, ctx, herefordshireChild)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const ctx = await ctxFor('social-worker@herefordshire.example');
    const before = await count('child');
    const error = await children.create(handle.db, ctx, { ...herefordshireChild, sex: 'X', ethnicity: 'ZZZZ', dateOfBirth: '2022-02-30', enteredCare: '2021-01-01' }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['dateOfBirth', 'ethnicity', 'sex']);
    const order = await children.create(handle.db, ctx, { ...herefordshireChild, enteredCare: '2021-01-01' }).catch((e: unknown) => e);
    expect((order as ValidationError).errors).toEqual([{ field: 'enteredCare', message: 'Date entered care (2021-01-01) cannot be before the date of birth (2022-03-14)' }]);
    expect(await count('child')).toBe(before);
  });
});

describe('permanence milestones', () => {
  it('move the child through the stages and refuse one out of order, naming both dates', async () => {
    const ctx = await ctxFor('social-worker@herefordshire.example');
    const id = await children.create(handle.db, ctx, { ...herefordshireChild, firstName: 'Ben' });
    await children.addMilestone(handle.db, ctx, id, { type: 'adoption-plan', date: '2024-03-01' });
    await children.addMilestone(handle.db, ctx, id, { type: 'shobpa', date: '2024-04-15' });
    const before = await count('milestone');
    const error = await children.addMilestone(handle.db, ctx, id, { type: 'placement-order', date: '2024-04-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]!.message).toBe('Placement order or consent (1 April 2024) cannot be before the decision that the child should be placed for adoption (15 April 2024) (903 rules 553/554)');
    expect(await count('milestone')).toBe(before);
    await children.addMilestone(handle.db, ctx, id, { type: 'placement-order', date: '2024-06-01' });
    expect((await children.view(handle.db, ctx, id)).child.stage).toBe('placement-order');
    const t = await children.timeliness(handle.db, ctx, id);
    expect(t.timeliness.a2).toMatchObject({ from: '2024-06-01', to: null, threshold: 121, status: 'overdue' });
  });

  it('a decision maker records decisions; an analyst cannot', async () => {
    const sw = await ctxFor('social-worker@herefordshire.example');
    const id = await children.create(handle.db, sw, { ...herefordshireChild, firstName: 'Cara' });
    await children.addMilestone(handle.db, await ctxFor('decision-maker@herefordshire.example'), id, { type: 'shobpa', date: '2024-05-01' });
    await expect(children.addMilestone(handle.db, await ctxFor('analyst@herefordshire.example'), id, { type: 'placement-order', date: '2024-06-01' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('access by the operating model', () => {
  it('lets the partnership family finder see Herefordshire children while family finding is pooled, and not before', async () => {
    const sw = await ctxFor('social-worker@herefordshire.example');
    const id = await children.create(handle.db, sw, { ...herefordshireChild, firstName: 'Dan' });
    const pooled = await ctxFor('family-finder@west-mercia.example', '2026-11-23');
    expect((await children.view(handle.db, pooled, id)).child.id).toBe(id);
    const retained = await ctxFor('family-finder@west-mercia.example', '2015-06-01');
    await expect(children.view(handle.db, retained, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await children.list(handle.db, retained, {})).items.map((c) => c.id)).not.toContain(id);
    expect((await children.list(handle.db, pooled, { q: 'Dan Testchild' })).items.map((c) => c.id)).toContain(id);
  });

  it('gives a Shropshire social worker 404 for a Herefordshire child, in the page and the list', async () => {
    const sw = await ctxFor('social-worker@herefordshire.example');
    const id = await children.create(handle.db, sw, { ...herefordshireChild, firstName: 'Eve' });
    const shropshire = await ctxFor('social-worker@shropshire.example');
    await expect(children.view(handle.db, shropshire, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await children.list(handle.db, shropshire, { q: 'Eve Testchild' })).total).toBe(0);
  });
});

describe('sibling groups', () => {
  it('refuses a sibling from another council without a grant, and then allows it with one', async () => {
    const here = await ctxFor('team-manager@herefordshire.example');
    const a = await children.create(handle.db, here, { ...herefordshireChild, firstName: 'Finn' });
    const shrop = await ctxFor('social-worker@shropshire.example');
    const b = await children.create(handle.db, shrop, { ...herefordshireChild, firstName: 'Gus', placingAuthority: 'E06000051' });
    const error = await children.createSiblingGroup(handle.db, here, { name: 'Testchild siblings', childIds: [a, b] }).catch((e: unknown) => e);
    expect((error as ValidationError).errors[0]!.field).toBe('childIds');
    const shropManager = await ctxFor('team-manager@shropshire.example');
    await staffService.grantAccess(handle.db, shropManager, { staffId: here.actor.staffId, recordType: 'child', recordId: b, reason: 'Siblings placed by two councils', validFrom: '2026-11-01' });
    const groupId = await children.createSiblingGroup(handle.db, await ctxFor('team-manager@herefordshire.example'), { name: 'Testchild siblings', childIds: [a, b] });
    expect((await children.viewSiblingGroup(handle.db, here, groupId)).children).toHaveLength(1);
  });

  it('places siblings who are to be placed together as one', async () => {
    const ctx = await ctxFor('team-manager@herefordshire.example');
    const ids = [];
    for (const firstName of ['Hal', 'Ivy']) {
      const id = await children.create(handle.db, ctx, { ...herefordshireChild, firstName });
      await children.addMilestone(handle.db, ctx, id, { type: 'shobpa', date: '2024-03-01' });
      await children.addMilestone(handle.db, ctx, id, { type: 'placement-order', date: '2024-05-01' });
      ids.push(id);
    }
    const groupId = await children.createSiblingGroup(handle.db, ctx, { name: 'Hal and Ivy', childIds: ids });
    await children.recordSiblingDecision(handle.db, ctx, groupId, { decision: 'together', date: '2024-05-10', reasons: 'Strong bond' });
    const recorded = await children.addMilestone(handle.db, ctx, ids[0]!, { type: 'match', date: '2024-07-01' });
    expect(recorded).toHaveLength(2);
    expect((await children.view(handle.db, ctx, ids[1]!)).child.stage).toBe('matched');
  });

  it('refuses a sibling copy dated before an earlier step of that sibling with the same message, and records for none of them', async () => {
    const ctx = await ctxFor('team-manager@herefordshire.example');
    const ids: string[] = [];
    for (const [firstName, familyFinding] of [['Jo', '2024-05-10'], ['Kit', '2024-06-20']] as const) {
      const id = await children.create(handle.db, ctx, { ...herefordshireChild, firstName });
      await children.addMilestone(handle.db, ctx, id, { type: 'shobpa', date: '2024-03-01' });
      await children.addMilestone(handle.db, ctx, id, { type: 'placement-order', date: '2024-05-01' });
      await children.addMilestone(handle.db, ctx, id, { type: 'family-finding-started', date: familyFinding });
      ids.push(id);
    }
    const groupId = await children.createSiblingGroup(handle.db, ctx, { name: 'Jo and Kit', childIds: ids });
    await children.recordSiblingDecision(handle.db, ctx, groupId, { decision: 'together', date: '2024-05-10', reasons: 'Strong bond' });
    const before = await count('milestone');
    const error = await children.addMilestone(handle.db, ctx, ids[0]!, { type: 'matching-panel', date: '2024-06-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { field: 'date', message: 'For Kit (in the same sibling group): Matching panel (1 June 2024) cannot be before the start of family finding (20 June 2024)' },
    ]);
    expect(await count('milestone')).toBe(before);
    for (const id of ids) expect((await children.view(handle.db, ctx, id)).child.stage).toBe('family-finding');
    // The child's own refusal is the same message, and comes first.
    const both = await children.addMilestone(handle.db, ctx, ids[1]!, { type: 'matching-panel', date: '2024-05-05' }).catch((e: unknown) => e);
    expect((both as ValidationError).errors).toEqual([
      { field: 'date', message: 'Matching panel (5 May 2024) cannot be before the start of family finding (20 June 2024)' },
      { field: 'date', message: 'For Jo (in the same sibling group): Matching panel (5 May 2024) cannot be before the start of family finding (10 May 2024)' },
    ]);
    expect(await count('milestone')).toBe(before);
    expect(await children.addMilestone(handle.db, ctx, ids[0]!, { type: 'matching-panel', date: '2024-06-20' })).toHaveLength(2);
  });
});

describe('likely duplicates when registering', () => {
  const ava = { ...herefordshireChild, firstName: 'Ava', lastName: 'Dupcheck', dateOfBirth: '2020-07-07', enteredCare: '2024-05-01' };
  const shropshireCode = 'E06000051';

  async function linksOf(eventId: string) {
    return (await sql<{ record_type: string; record_id: string }>`select record_type, record_id from audit_event_link where event_id = ${eventId} order by record_id`.execute(handle.db)).rows;
  }

  it('warns of a child the person may see, never of one in a council they may not, stores nothing, audits what it showed, and registers once confirmed', async () => {
    const here = await ctxFor('social-worker@herefordshire.example');
    const shrop = await ctxFor('social-worker@shropshire.example');
    const existing = await children.create(handle.db, here, ava, { warnOfDuplicates: true });
    // Shropshire's social worker cannot see Herefordshire's children: their own Ava is registered without a word about the other.
    const theirs = await children.create(handle.db, shrop, { ...ava, placingAuthority: shropshireCode }, { warnOfDuplicates: true });
    expect(theirs).not.toBe(existing);

    const before = await count('child');
    const error = await children.create(handle.db, here, { ...ava, firstName: 'Eva', lastName: 'Dupchek' }, { warnOfDuplicates: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LikelyDuplicatesError);
    const duplicates = (error as LikelyDuplicatesError<children.ChildDuplicate>).duplicates;
    expect(duplicates).toEqual([expect.objectContaining({ id: existing, firstName: 'Ava', lastName: 'Dupcheck', dateOfBirth: '2020-07-07', councilName: 'Herefordshire', reasons: ['date-of-birth-and-name'] })]);
    expect(duplicates.map((d) => d.id)).not.toContain(theirs);
    expect(await count('child')).toBe(before);

    const check = await handle.db.selectFrom('audit_event').select(['id', 'action', 'detail']).where('action', '=', 'search').where('record_type', '=', 'child').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(check.detail).toMatchObject({ check: 'likely-duplicates', shown: [existing] });
    expect(await linksOf(String(check.id))).toEqual([{ record_type: 'child', record_id: existing }]);

    const id = await children.create(handle.db, here, { ...ava, firstName: 'Eva', lastName: 'Dupchek', confirmNotDuplicate: true }, { warnOfDuplicates: true });
    expect(await count('child')).toBe(before + 1);
    const created = await handle.db.selectFrom('audit_event').select('detail').where('record_id', '=', id).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(created.detail).toMatchObject({ after: { confirmNotDuplicate: true } });
  });

  it('warns of the same UPN whatever the name, but not of UN codes, which identify no one', async () => {
    const here = await ctxFor('team-manager@herefordshire.example');
    const upn = 'H801200001234';
    const existing = await children.create(handle.db, here, { ...ava, firstName: 'Noor', lastName: 'Upncheck', dateOfBirth: '2019-02-02', upn });
    const error = await children.create(handle.db, here, { ...ava, firstName: 'Zara', lastName: 'Otherwise', upn: upn.toLowerCase() }, { warnOfDuplicates: true }).catch((e: unknown) => e);
    expect((error as LikelyDuplicatesError<children.ChildDuplicate>).duplicates).toEqual([expect.objectContaining({ id: existing, reasons: ['upn'] })]);
    await children.create(handle.db, here, { ...ava, firstName: 'Ulla', lastName: 'Unknownupn', dateOfBirth: '2018-08-08', upn: 'UN2' });
    expect(await children.likelyDuplicates(handle.db, here, { ...ava, firstName: 'Ivo', lastName: 'Nomatch', dateOfBirth: '2018-08-09', upn: 'UN2' })).toEqual([]);
  });

  it('answers only those who may register for that council, with only that council\'s children', async () => {
    await expect(children.likelyDuplicates(handle.db, await ctxFor('family-finder@herefordshire.example'), ava)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(children.likelyDuplicates(handle.db, await ctxFor('social-worker@shropshire.example'), ava)).rejects.toBeInstanceOf(ForbiddenError);
    const found = await children.likelyDuplicates(handle.db, await ctxFor('social-worker@shropshire.example'), { ...ava, placingAuthority: shropshireCode });
    expect(found.every((d) => d.councilName === 'Shropshire')).toBe(true);
    expect(found.length).toBeGreaterThan(0);
  });

  it('checks nothing unless asked (imports and the demo register as given)', async () => {
    const here = await ctxFor('social-worker@herefordshire.example');
    const before = await count('child');
    await children.create(handle.db, here, ava);
    expect(await count('child')).toBe(before + 1);
  });
});
