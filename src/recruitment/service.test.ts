import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as staff from '../staff/service.ts';
import * as recruitment from './service.ts';

let h: DatabaseHandle;
const TODAY = '2026-11-23';
const enquiry = { firstName: 'Zara', lastName: 'Servicetest', email: 'zara@example.com', phone: '01632 960003', councilCode: 'E06000051', heardFrom: 'advert', consent: true };

beforeAll(async () => {
  h = await openTestDatabase({ demo: true });
});
afterAll(() => h.close());

describe('the demo front doors', () => {
  it('routed every enquiry as the operating model said on its day, with ROIs decided and households created', async () => {
    const wrong = await h.db.selectFrom('enquiry as e').innerJoin('organisation as c', 'c.id', 'e.council_id').innerJoin('organisation as fd', 'fd.id', 'e.front_door_id')
      .select(['c.slug as council', 'fd.slug as frontDoor']).where((eb) => eb.or([
        eb.and([eb('c.slug', 'in', ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire']), eb('fd.slug', '!=', 'west-mercia')]),
        eb.and([eb('c.slug', '=', 'havering'), eb('fd.slug', '!=', 'havering')]),
      ])).execute();
    expect(wrong).toEqual([]);
    const accepted = await h.db.selectFrom('registration_of_interest').select(['household_id']).where('decision', '=', 'accepted').execute();
    expect(accepted.length).toBeGreaterThan(100);
    expect(accepted.every((r) => r.household_id)).toBe(true);
    expect(await h.db.selectFrom('event_invitation').select('event_id').where('attended', '=', true).limit(1).execute()).toHaveLength(1);
  });
});

describe('due work and access', () => {
  it('lists packs and ROI decisions due for the front door, and nothing for another council', async () => {
    const id = await recruitment.submitEnquiry(h.db, enquiry, { today: TODAY, source: 'api' });
    const officer = await contextOf(h.db, 'recruitment-officer@west-mercia.example', TODAY);
    const work = await recruitment.dueWork(h.db, officer);
    expect(work.find((w) => w.href === `/enquiries/${id}`)).toMatchObject({ kind: 'information-pack', dueOn: '2026-11-30', overdue: false });
    await recruitment.recordRoi(h.db, officer, id, { date: TODAY });
    const after = await recruitment.dueWork(h.db, officer);
    expect(after.filter((w) => w.href === `/enquiries/${id}`).map((w) => w.kind)).toEqual(['roi-decision']);
    expect(work.some((w) => w.overdue)).toBe(true);
    const shropshire = await contextOf(h.db, 'recruitment-officer@shropshire.example', TODAY);
    expect((await recruitment.dueWork(h.db, shropshire)).some((w) => w.href === `/enquiries/${id}`)).toBe(false);
    await expect(recruitment.view(h.db, shropshire, id)).rejects.toBeInstanceOf(NotFoundError);
    const admin = await contextOf(h.db, 'admin@west-mercia.example', TODAY);
    expect(await recruitment.dueWork(h.db, admin)).toEqual([]);
  });

  it('lets a council-era enquiry be worked by the partnership that now runs the council\'s front door', async () => {
    const id = await recruitment.submitEnquiry(h.db, { ...enquiry, lastName: 'Before' }, { today: '2014-06-01', source: 'web-form' });
    const partnership = await contextOf(h.db, 'recruitment-officer@west-mercia.example', TODAY);
    expect((await recruitment.view(h.db, partnership, id)).enquiry.frontDoorName).toBe('Shropshire');
    const then = await contextOf(h.db, 'recruitment-officer@west-mercia.example', '2014-06-01');
    await expect(recruitment.view(h.db, then, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('audits a list as a search naming what was shown', async () => {
    const officer = await contextOf(h.db, 'recruitment-officer@west-mercia.example', TODAY);
    const { items } = await recruitment.list(h.db, officer, { limit: '5' });
    const last = await h.db.selectFrom('audit_event').select(['action', 'record_type', 'detail']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'search', record_type: 'enquiry' });
    expect((last.detail as { shown: string[] }).shown).toEqual(items.map((e) => e.id));
  });
});

describe('accepting a registration of interest: the household is the adopters service\'s to create', () => {
  async function enquiryWithRoi(lastName: string, receivedOn = TODAY) {
    const officer = await contextOf(h.db, 'recruitment-officer@west-mercia.example', TODAY);
    const id = await recruitment.submitEnquiry(h.db, { ...enquiry, lastName }, { today: receivedOn, source: 'web-form' });
    await recruitment.recordRoi(h.db, officer, id, { date: TODAY });
    return id;
  }
  const count = async (table: 'household' | 'audit_event') => Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a person who may decide only by a grant on the enquiry to create another agency\'s household, and writes nothing', async () => {
    const id = await enquiryWithRoi('Granted');
    const grantee = await h.db.selectFrom('staff').select('id').where('email', '=', 'recruitment-officer@shropshire.example').executeTakeFirstOrThrow();
    await staff.grantAccess(h.db, await contextOf(h.db, 'admin@west-mercia.example', TODAY), { staffId: grantee.id, recordType: 'enquiry', recordId: id, reason: 'Cover', validFrom: TODAY });
    const ctx = await contextOf(h.db, 'recruitment-officer@shropshire.example', TODAY);
    expect((await recruitment.view(h.db, ctx, id)).can.decideRoi).toBe(true);
    const [households, audit] = [await count('household'), await count('audit_event')];
    await expect(recruitment.decideRoi(h.db, ctx, id, { decision: 'accepted', date: TODAY })).rejects.toBeInstanceOf(ForbiddenError);
    expect([await count('household'), await count('audit_event')]).toEqual([households, audit]);
    const roi = await h.db.selectFrom('registration_of_interest').select(['decision', 'household_id']).where('enquiry_id', '=', id).executeTakeFirstOrThrow();
    expect(roi).toEqual({ decision: null, household_id: null });
  });

  it('lets the partnership that now runs a council\'s front door accept the council\'s own enquiry: the council owns the household', async () => {
    const id = await enquiryWithRoi('Pooled', '2014-06-01');
    const officer = await contextOf(h.db, 'recruitment-officer@west-mercia.example', TODAY);
    const { householdId } = await recruitment.decideRoi(h.db, officer, id, { decision: 'accepted', date: TODAY });
    const household = await h.db.selectFrom('household as hh').innerJoin('organisation as o', 'o.id', 'hh.owner_id').select(['o.slug', 'hh.roi_accepted_on']).where('hh.id', '=', householdId!).executeTakeFirstOrThrow();
    expect(household).toEqual({ slug: 'shropshire', roi_accepted_on: TODAY });
    const audit = await h.db.selectFrom('audit_event').select(['action', 'actor_label', 'detail']).where('record_type', '=', 'household').where('record_id', '=', householdId!).execute();
    expect(audit).toEqual([{ action: 'create', actor_label: 'recruitment-officer@west-mercia.example', detail: expect.objectContaining({ after: expect.objectContaining({ enquiry: id }) }) }]);
  });
});

describe('possible duplicates on an enquiry', () => {
  const first = { firstName: 'Imogen', lastName: 'Twiceasked', email: 'imogen.twice@example.com', phone: '01632 960044', councilCode: 'E06000019', heardFrom: 'advert', consent: true };

  it('flags, for the front door only, an earlier enquiry with the same email or a similar name that the person may see, and audits it', async () => {
    const earlier = await recruitment.submitEnquiry(h.db, first, { today: TODAY, source: 'web-form' });
    // The same email at Thurrock's front door: West Mercia's staff may not see it, so it is never named to them.
    const elsewhere = await recruitment.submitEnquiry(h.db, { ...first, councilCode: 'E06000034' }, { today: TODAY, source: 'web-form' });
    const later = await recruitment.submitEnquiry(h.db, { ...first, firstName: 'Imo', email: 'IMOGEN.TWICE@example.com' }, { today: TODAY, source: 'api' });
    const byName = await recruitment.submitEnquiry(h.db, { ...first, email: 'imogen.other@example.com', lastName: 'Twiceaskd' }, { today: TODAY, source: 'web-form' });

    const officer = await contextOf(h.db, 'recruitment-officer@west-mercia.example', TODAY);
    const v = await recruitment.view(h.db, officer, later);
    expect(v.duplicates.map((d) => [d.id, d.reasons])).toEqual(expect.arrayContaining([[earlier, ['email', 'name']], [byName, ['name']]]));
    expect(v.duplicates.map((d) => d.id)).not.toContain(elsewhere);
    expect(v.duplicates.map((d) => d.id)).not.toContain(later);
    const check = await h.db.selectFrom('audit_event').select('detail').where('action', '=', 'search').where('record_type', '=', 'enquiry').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(check.detail).toMatchObject({ check: 'likely-duplicates', of: later });

    const thurrock = await contextOf(h.db, 'recruitment-officer@thurrock.example', TODAY);
    expect((await recruitment.view(h.db, thurrock, elsewhere)).duplicates).toEqual([]);
  });
});
