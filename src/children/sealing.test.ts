// Sealed adoption records, what is kept, and the purge job, through the real service, store,
// routes and database.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { cookiesFrom, csrfTokenIn, FORM, formBody, signIn, startTestApp, type TestApp } from '../core/testing/app.ts';
import { SealedRecordError } from './loading.ts';
import { purgeClosedRecords, yearsBefore } from './retention.ts';
import * as sealing from './sealing.ts';
import * as children from './service.ts';

let t: TestApp;
const db = () => t.database.db;
const TODAY = '2026-11-23';
const ctxFor = (email: string) => contextOf(db(), email, TODAY);

/** A Herefordshire child adopted on 2025-06-02 (placed the December before), or, unadopted, who left care on `leftOn`. */
async function childOf(slug: string, o: { adopted?: boolean; leftOn?: string; name?: string } = {}) {
  const council = (await db().selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const { id } = await db().insertInto('child').values({
    placing_authority_id: council, la_child_ref: `SEAL${Math.random().toString(36).slice(2, 10)}`, first_name: o.name ?? 'Sealtest', last_name: 'Child',
    date_of_birth: '2019-03-14', sex: 'F', ethnicity: 'WBRI', stage: o.adopted ? 'adopted' : 'left-care', looked_after: false,
  }).returning('id').executeTakeFirstOrThrow();
  if (o.adopted) {
    await db().insertInto('milestone').values([
      { child_id: id, type: 'placed-for-adoption', date: '2024-12-02', code: 'A5' },
      { child_id: id, type: 'adoption-order', date: '2025-06-02', code: 'E11' },
    ]).execute();
  }
  if (o.leftOn) {
    await db().insertInto('care_episode').values({ child_id: id, start_date: '2020-01-06', rne: 'S', legal_status: 'V2', placement: 'U1', placement_provider: 'PR1', end_date: o.leftOn, reason_ceased: 'E13' }).execute();
    await db().updateTable('child').set({ updated_at: new Date(`${o.leftOn}T12:00:00Z`) }).where('id', '=', id).execute();
  }
  return id;
}

const grantsOf = (childId: string) => db().selectFrom('access_grant').selectAll().where('record_type', '=', 'sealed-child').where('record_id', '=', childId).execute();

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
});
afterAll(() => t.close());

describe('a sealed adoption record', () => {
  it('is shut to everyone until a team manager opens it with a reason, for the day; the opening is audited with the reason', async () => {
    const id = await childOf('herefordshire', { adopted: true });
    const manager = await ctxFor('team-manager@herefordshire.example');
    const worker = await ctxFor('social-worker@herefordshire.example');
    // Those who would have seen it are told it is sealed; only some may open it.
    await expect(children.view(db(), manager, id)).rejects.toMatchObject({ constructor: SealedRecordError, mayOpen: true });
    await expect(children.view(db(), worker, id)).rejects.toMatchObject({ constructor: SealedRecordError, mayOpen: false });
    await expect(sealing.openSealedRecord(db(), worker, id, { reason: 'I placed this child and want to check something' })).rejects.toBeInstanceOf(NotFoundError);
    // Another council's staff are told nothing.
    await expect(children.view(db(), await ctxFor('team-manager@shropshire.example'), id)).rejects.toBeInstanceOf(NotFoundError);
    // No reason, no opening: nothing is kept.
    const refused = await sealing.openSealedRecord(db(), manager, id, { reason: ' ' }).catch((e: unknown) => e);
    expect((refused as ValidationError).errors).toEqual([{ field: 'reason', message: 'Enter why you need to open this record' }]);
    expect(await grantsOf(id)).toEqual([]);

    await sealing.openSealedRecord(db(), manager, id, { reason: 'An adopted adult has asked for information from their record' });
    const [grant] = await grantsOf(id);
    expect(grant).toMatchObject({ staff_id: manager.actor.staffId, valid_from: TODAY, valid_to: TODAY, reason: 'An adopted adult has asked for information from their record' });
    const audit = await db().selectFrom('audit_event').select(['action', 'detail']).where('record_id', '=', id).where('action', '=', 'open-sealed').execute();
    expect(audit).toEqual([{ action: 'open-sealed', detail: expect.objectContaining({ reason: 'An adopted adult has asked for information from their record' }) }]);
    // The next request reads the opening with the person's grants: today only.
    expect((await children.view(db(), await ctxFor('team-manager@herefordshire.example'), id)).child.id).toBe(id);
    await expect(children.view(db(), await contextOf(db(), 'team-manager@herefordshire.example', '2026-11-24'), id)).rejects.toBeInstanceOf(SealedRecordError);
    // Opening it for one person opens it for no one else.
    await expect(children.view(db(), await ctxFor('decision-maker@herefordshire.example'), id)).rejects.toBeInstanceOf(SealedRecordError);
  });

  it('is left out of lists and searches unless opened', async () => {
    const id = await childOf('herefordshire', { adopted: true, name: 'Sealedsearch' });
    const listed = async () => (await children.list(db(), await ctxFor('team-manager@herefordshire.example'), { q: 'Sealedsearch' })).items.map((c) => c.id);
    expect(await listed()).toEqual([]);
    await sealing.openSealedRecord(db(), await ctxFor('team-manager@herefordshire.example'), id, { reason: 'The court has asked for a report' });
    expect(await listed()).toEqual([id]);
  });

  it('opens, through the pages, with an error naming the reason when none is given', async () => {
    const id = await childOf('herefordshire', { adopted: true });
    const cookie = await signIn(t.app, 'team-manager@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: `/children/${id}`, headers: { cookie } });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('This adoption record is sealed');
    expect(page.body).toContain('kept until 2 June 2125');
    const merged = cookiesFrom(page, cookie);
    const post = (reason: string) => t.app.inject({ method: 'POST', url: `/children/${id}/open`, headers: { cookie: merged, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), reason }) });
    const refused = await post('');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#reason"');
    expect((await post('An adopted adult has asked for their records')).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: `/children/${id}`, headers: { cookie: merged } })).statusCode).toBe(200);
    // A social worker is told to ask, with no form.
    const sw = await t.app.inject({ method: 'GET', url: `/children/${id}`, headers: { cookie: await signIn(t.app, 'social-worker@herefordshire.example') } });
    expect(sw.statusCode).toBe(403);
    expect(sw.body).not.toContain('name="reason"');
  });

  it('is never deleted, nor its order removed, whatever asks', async () => {
    const id = await childOf('herefordshire', { adopted: true });
    await expect(sql`delete from milestone where child_id = ${id} and type <> 'adoption-order'`.execute(db())).resolves.toBeDefined();
    await expect(sql`delete from child where id = ${id}`.execute(db())).rejects.toThrow(/kept for at least 100 years/);
    expect(await db().selectFrom('child').select('id').where('id', '=', id).executeTakeFirst()).toEqual({ id });
    await expect(db().transaction().execute((tx) => sql`delete from milestone where child_id = ${id} and type = 'adoption-order'`.execute(tx))).rejects.toThrow(/never removed/);
    // A correction that replaces the order (as a re-imported return does) keeps one.
    await db().transaction().execute(async (tx) => {
      await sql`delete from milestone where child_id = ${id} and type = 'adoption-order'`.execute(tx);
      await tx.insertInto('milestone').values({ child_id: id, type: 'adoption-order', date: '2025-06-03', code: 'E11' }).execute();
    });
    expect((await db().selectFrom('milestone').select('date').where('child_id', '=', id).where('type', '=', 'adoption-order').execute()).map((m) => m.date)).toEqual(['2025-06-03']);
  });

  it('is as shut under matching\'s addresses as on its own page, and a reason is letters, not dots or invisible characters', async () => {
    const id = await childOf('herefordshire', { adopted: true });
    const cookie = await signIn(t.app, 'social-worker@herefordshire.example');
    const families = await t.app.inject({ method: 'GET', url: `/children/${id}/families`, headers: { cookie } });
    expect(families.statusCode).toBe(403);
    const merged = cookiesFrom(families, cookie);
    const change = await t.app.inject({ method: 'POST', url: `/children/${id}/avoid-councils`, headers: { cookie: merged, ...FORM }, payload: formBody({ _csrf: csrfTokenIn(families.body), avoidCouncilIds: id }) });
    expect(change.statusCode).toBe(403);
    expect((await db().selectFrom('child').select('avoid_council_ids').where('id', '=', id).executeTakeFirstOrThrow()).avoid_council_ids).toEqual([]);
    const manager = await ctxFor('team-manager@herefordshire.example');
    for (const reason of ['\u200b'.repeat(12), '..........', '- - - - - - - -']) {
      expect(((await sealing.openSealedRecord(db(), manager, id, { reason }).catch((e: unknown) => e)) as ValidationError).errors.map((e) => e.field)).toEqual(['reason']);
    }
    expect(await grantsOf(id)).toEqual([]);
  });
});

describe('the purge job', () => {
  it('deletes the closed records of children not adopted after the retention period, keeps adoption records and records still in use, and reports it', async () => {
    const old = await childOf('shropshire', { leftOn: '2021-03-31' });
    const recent = await childOf('shropshire', { leftOn: '2026-03-31' });
    const adopted = await childOf('shropshire', { adopted: true });
    const withNotes = await childOf('shropshire', { leftOn: '2021-03-31' });
    const author = (await ctxFor('social-worker@shropshire.example')).actor.staffId;
    await db().insertInto('case_note').values({ record_type: 'child', record_id: withNotes, type: 'visit', occurred_at: new Date('2021-03-01T10:00:00Z'), author_id: author, body: 'Visit before leaving care.' }).execute();
    const options = { today: TODAY, retentionYears: 5 };

    const dry = await purgeClosedRecords(db(), { ...options, dryRun: true });
    expect(dry.closedBy).toBe('2021-11-23');
    expect(dry.deleted.map((c) => c.id)).toContain(old);
    expect(await db().selectFrom('child').select('id').where('id', '=', old).executeTakeFirst()).toEqual({ id: old });

    const report = await purgeClosedRecords(db(), { ...options, dryRun: false });
    const deleted = report.deleted.map((c) => c.id);
    expect(deleted).toContain(old);
    expect(deleted).not.toContain(recent);
    expect(deleted).not.toContain(adopted);
    expect(await db().selectFrom('child').select('id').where('id', 'in', [old, recent, adopted]).execute()).toHaveLength(2);
    expect(await db().selectFrom('care_episode').select('id').where('child_id', '=', old).execute()).toEqual([]);
    expect(await db().selectFrom('audit_event').select('action').where('record_id', '=', old).where('action', '=', 'purge').execute()).toHaveLength(1);
    expect(report.kept).toContainEqual(expect.objectContaining({ id: withNotes, reason: expect.stringContaining('case notes') }));
    expect(await db().selectFrom('child').select('id').where('id', '=', withNotes).executeTakeFirst()).toEqual({ id: withNotes });
    const runs = await db().selectFrom('retention_run').select(['dry_run', 'deleted']).orderBy('ran_at').execute();
    expect(runs.at(-1)).toEqual({ dry_run: false, deleted: report.deleted.length });
  });

  it('refuses a retention period it could not report, before deleting anything', async () => {
    for (const retentionYears of [0, 201, 2.5]) {
      await expect(purgeClosedRecords(db(), { today: TODAY, retentionYears, dryRun: false })).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('counts years back from today, 29 February falling to the 28th', () => {
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(yearsBefore('2026-11-23', 75)).toBe('1951-11-23');
  });
});
