import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { LikelyDuplicatesError } from '../core/likely-duplicates.ts';
import * as households from './service.ts';
import * as store from './store.ts';

let handle: DatabaseHandle;
const TODAY = '2026-11-23';
const ctxFor = (email: string, today = TODAY) => contextOf(handle.db, email, today);
const single = { relationship: 'single', fastTrack: 'previous-adopter', homeCouncil: 'E06000019', applicants: [{ firstName: 'Val', lastName: 'Servicetest', dateOfBirth: '1982-04-04', sex: 'F', ethnicity: 'WBRI' }] };

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
});
afterAll(() => handle.close());

describe('the demo households', () => {
  it('has about the business case\'s approved households in each pair of councils, and every status', async () => {
    const rows = await handle.db.selectFrom('household as h').innerJoin('organisation as o', 'o.id', 'h.home_council_id')
      .select(['o.slug', 'h.status', 'h.approved_on']).execute();
    const approvedIn = (slugs: string[]) => rows.filter((r) => slugs.includes(r.slug) && r.approved_on && ['approved', 'linked', 'matched', 'placed'].includes(r.status)).length;
    expect(approvedIn(['herefordshire', 'worcestershire'])).toBeGreaterThanOrEqual(30);
    expect(approvedIn(['shropshire', 'telford-and-wrekin'])).toBeGreaterThanOrEqual(32);
    expect(approvedIn(['thurrock', 'southend-on-sea'])).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['in-assessment', 'approved', 'linked', 'matched', 'placed', 'on-hold', 'withdrawn']));
  });

  it('gives a West Mercia social worker overdue stages, expiring checks, reviews and representation windows to do', async () => {
    const work = await households.dueWork(handle.db, await ctxFor('social-worker@west-mercia.example'));
    const kinds = new Set(work.map((w) => w.kind));
    for (const k of ['stage-1-overdue', 'stage-2-overdue', 'check-expiring', 'approval-review', 'representation-window']) expect(kinds).toContain(k);
    expect(work[0]!.overdue).toBe(true);
    expect(await households.dueWork(handle.db, await ctxFor('analyst@west-mercia.example'))).toEqual([]);
  });
});

describe('households through the service', () => {
  it('creates a fast-track household owned by the creator\'s organisation, and audits the create and the view', async () => {
    const ctx = await ctxFor('social-worker@west-mercia.example');
    const id = await households.create(handle.db, ctx, single);
    const v = await households.view(handle.db, ctx, id);
    expect(v.household).toMatchObject({ ownerName: 'West Mercia Adoption Partnership', homeCouncilCode: 'E06000019', fastTrack: 'previous-adopter', relationship: 'single' });
    expect(v.ad1).toBe('L0');
    const audit = await handle.db.selectFrom('audit_event').select('action').where('record_type', '=', 'household').where('record_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'view']);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const ctx = await ctxFor('social-worker@west-mercia.example');
    await expect(households.create(handle.db, ctx, { ...single, relationship: 'married' })).rejects.toMatchObject({ errors: [{ field: 'relationship' }] });
    await expect(households.create(handle.db, ctx, { ...single, homeCouncil: 'E99999999' })).rejects.toBeInstanceOf(ValidationError);
    const count = await handle.db.selectFrom('applicant').select((eb) => eb.fn.countAll<number>().as('n')).where('last_name', '=', 'Servicetest').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('lets staff delivering assessment for the home council work on it, hides it from others, and keeps decisions to the decision maker', async () => {
    const owner = await ctxFor('social-worker@west-mercia.example');
    const id = await households.create(handle.db, owner, { ...single, applicants: [{ ...single.applicants[0], lastName: 'Accesstest' }] });
    await expect(households.view(handle.db, await ctxFor('social-worker@thurrock.example'), id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(households.recordEvent(handle.db, await ctxFor('panel-adviser@west-mercia.example'), id, { type: 'stage-2-notice', date: '2026-10-01' })).rejects.toBeInstanceOf(ForbiddenError);
    await households.recordEvent(handle.db, owner, id, { type: 'stage-2-notice', date: '2026-10-01' });
    await expect(households.recordEvent(handle.db, owner, id, { type: 'adm-decision', date: '2026-11-01', outcome: 'not-suitable' })).rejects.toBeInstanceOf(ForbiddenError);
    await households.recordEvent(handle.db, await ctxFor('decision-maker@west-mercia.example'), id, { type: 'adm-decision', date: '2026-11-02', outcome: 'not-suitable' });
    const v = await households.view(handle.db, owner, id);
    expect(v.clocks.representation).toMatchObject({ endsOn: '2026-12-30', open: true });
  });

  it('lists by stage and status for the owner, and pools approved households for a member council\'s family finder only', async () => {
    const ctx = await ctxFor('team-manager@west-mercia.example');
    const stage2 = await households.list(handle.db, ctx, { stage: 'stage-2', limit: 200 });
    expect(stage2.items.length).toBeGreaterThan(0);
    expect(stage2.items.every((h) => h.stage === 'stage-2')).toBe(true);
    const pool = await households.pool(handle.db, await ctxFor('family-finder@shropshire.example'), { siblingGroup: 'yes' });
    expect(pool.total).toBeGreaterThan(0);
    expect(pool.items.every((h) => h.terms.siblingGroup)).toBe(true);
    const thurrockPool = await households.pool(handle.db, await ctxFor('family-finder@thurrock.example'), {});
    expect(thurrockPool.items.some((h) => h.ownerName === 'West Mercia Adoption Partnership')).toBe(false);
    expect((await households.pool(handle.db, await ctxFor('social-worker@shropshire.example'), {})).total).toBe(0);
  });
});

describe('what other areas ask of a household', () => {
  it('answers whether a person may see it exactly as its page does, and records preparation training only for those who may', async () => {
    const row = await handle.db.selectFrom('household as h').innerJoin('organisation as o', 'o.id', 'h.owner_id').select('h.id')
      .where('o.slug', '=', 'west-mercia').where('h.preparation_completed_on', 'is', null).orderBy('h.reference').executeTakeFirstOrThrow();
    for (const email of ['training-coordinator@west-mercia.example', 'social-worker@shropshire.example', 'social-worker@barnardos.example', 'analyst@west-mercia.example']) {
      const ctx = await ctxFor(email);
      const page = await households.view(handle.db, ctx, row.id).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)));
      expect(await households.householdVisibleTo(handle.db, ctx, row.id), email).toBe(page);
    }
    const completedOn = async () => (await handle.db.selectFrom('household').select('preparation_completed_on').where('id', '=', row.id).executeTakeFirstOrThrow()).preparation_completed_on;
    const hidden = await ctxFor('social-worker@shropshire.example');
    await expect(households.recordPreparationCompleted(handle.db, hidden, row.id, '2026-11-20', { courseId: 'c' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await completedOn()).toBeNull();
    const coordinator = await ctxFor('training-coordinator@west-mercia.example');
    expect(await households.recordPreparationCompleted(handle.db, coordinator, row.id, '2026-11-20', { courseId: 'c' })).toBe(true);
    expect(await households.recordPreparationCompleted(handle.db, coordinator, row.id, '2026-11-21', { courseId: 'c' })).toBe(false);
    expect(await completedOn()).toBe('2026-11-20');
  });
});

describe('likely duplicates when creating a household', () => {
  const rowan = { relationship: 'single', fastTrack: 'foster-carer', applicants: [{ firstName: 'Rowan', lastName: 'Dupehouse', dateOfBirth: '1983-03-03', sex: 'F', ethnicity: 'WBRI' }] };
  const applicantsNamed = async (lastName: string) =>
    Number((await handle.db.selectFrom('applicant').select((eb) => eb.fn.countAll<number>().as('n')).where('last_name', 'like', `${lastName}%`).executeTakeFirstOrThrow()).n);

  it('warns of a household the person may see, never of one they may not, stores nothing, audits what it showed, and creates once confirmed', async () => {
    const wm = await ctxFor('social-worker@west-mercia.example');
    const existing = await households.create(handle.db, wm, rowan, { warnOfDuplicates: true });
    // Thurrock's staff cannot see the partnership's household: theirs is created without a word about it.
    const theirs = await households.create(handle.db, await ctxFor('social-worker@thurrock.example'), rowan, { warnOfDuplicates: true });

    const before = await applicantsNamed('Dupehous');
    const error = await households.create(handle.db, wm, { ...rowan, applicants: [{ ...rowan.applicants[0]!, firstName: 'Rowen', lastName: 'Dupehous' }] }, { warnOfDuplicates: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LikelyDuplicatesError);
    const duplicates = (error as LikelyDuplicatesError<households.HouseholdDuplicate>).duplicates;
    expect(duplicates).toEqual([expect.objectContaining({
      id: existing, names: 'Rowan Dupehouse', ownerName: 'West Mercia Adoption Partnership', reasons: ['date-of-birth-and-name'],
      matched: [{ applicant: 'Rowen Dupehous', existing: 'Rowan Dupehouse', dateOfBirth: '1983-03-03', reasons: ['date-of-birth-and-name'] }],
    })]);
    expect(duplicates.map((d) => d.id)).not.toContain(theirs);
    expect(await applicantsNamed('Dupehous')).toBe(before);
    const check = await handle.db.selectFrom('audit_event').select(['id', 'detail']).where('action', '=', 'search').where('record_type', '=', 'household').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(check.detail).toMatchObject({ check: 'likely-duplicates', shown: [existing] });
    const links = await sql<{ record_id: string }>`select record_id from audit_event_link where event_id = ${String(check.id)}`.execute(handle.db);
    expect(links.rows.map((r) => r.record_id)).toEqual([existing]);

    await households.create(handle.db, wm, { ...rowan, applicants: [{ ...rowan.applicants[0]!, firstName: 'Rowen', lastName: 'Dupehous' }], confirmNotDuplicate: true }, { warnOfDuplicates: true });
    expect(await applicantsNamed('Dupehous')).toBe(before + 1);
  });

  it('warns of a household from an accepted registration of interest, which has no date of birth, by a similar name', async () => {
    const wm = await ctxFor('recruitment-officer@west-mercia.example');
    const id = await store.insertHousehold(handle.db, { ownerId: wm.actor.orgId, homeCouncilId: null, reference: 'AHDUPROI1', roiAcceptedOn: '2026-10-01', applicants: [{ firstName: 'Marek', lastName: 'Roiname' }] });
    const found = await households.likelyDuplicates(handle.db, wm, { ...rowan, applicants: [{ ...rowan.applicants[0]!, firstName: 'Marek', lastName: 'Roinam' }] });
    expect(found).toEqual([expect.objectContaining({ id, reference: 'AHDUPROI1', reasons: ['name'] })]);
  });

  it('is asked only by those who may create a household', async () => {
    await expect(households.likelyDuplicates(handle.db, await ctxFor('decision-maker@west-mercia.example'), rowan)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
