// The panel's use cases through the real database (the seeded demo's organisations and people,
// with fixtures of this file's own): panels, meetings, agendas, the quorum, papers, final
// minutes and the agency decision maker's decisions landing on the records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as matching from '../matching/service.ts';
import * as matchingStore from '../matching/store.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as meetings from './meetings-service.ts';
import * as decisions from './decisions-service.ts';
import * as panels from './service.ts';
import { PanelFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: PanelFixtures;
const TODAY = '2026-11-23';
const ADVISER = 'panel-adviser@west-mercia.example';
const MEMBER = 'panel-member@west-mercia.example';
const ADM = 'decision-maker@west-mercia.example';
const ctxFor = (email: string, today = TODAY) => contextOf(handle.db, email, today);
const refusal = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
const auditCount = async () => Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const QUORATE = ['chair', 'social1', 'independent1', 'independent2', 'medical'];

beforeAll(async () => {
  handle = await openTestDatabase({ demo: true });
  f = new PanelFixtures(handle.db);
});
afterAll(() => handle.close());

/** A West Mercia meeting last Thursday, quorate, with an approval item for a partnership household. */
async function heldMeeting(o: { attend?: readonly string[]; date?: string; papersUntil?: string } = {}) {
  const p = await f.panel('west-mercia');
  const meetingId = await f.meeting(p.panelId, o.date ?? '2026-11-19', o.papersUntil ?? '2026-11-24');
  await f.attend(meetingId, p.members, o.attend ?? QUORATE);
  const h = await f.householdForApproval('west-mercia', 'shropshire');
  const itemId = await meetings.addItem(handle.db, await ctxFor(ADVISER), meetingId, { kind: 'approval', householdId: h.id });
  return { ...p, meetingId, household: h, itemId };
}

const recommend = async (itemId: string, extra: Record<string, unknown> = {}) =>
  meetings.recordRecommendation(handle.db, await ctxFor(ADVISER), itemId, { recommendation: 'approve', reasons: 'Warm, reflective and well prepared.', approvedFor: 'One child aged up to 4', ...extra });

describe('panels', () => {
  it('are set up by panel advisers for their own organisation, with the quorum held as data', async () => {
    const ctx = await ctxFor(ADVISER);
    const id = await panels.createPanel(handle.db, ctx, { name: 'Service test panel', quorumMinPresent: '4', quorumSocialWorkerYears: 'none' });
    const view = await panels.viewPanel(handle.db, ctx, id);
    expect(view.panel.quorum).toEqual({ minPresent: 4, chairOrVice: true, socialWorkerYears: null, independent: true });
    expect(view.quorumText).toBe('at least 4 members present, including the chair or the vice-chair and an independent member');
    expect(((await refusal(panels.createPanel(handle.db, ctx, { name: 'service TEST panel' }))) as ValidationError).errors[0]!.field).toBe('name');
    expect(await refusal(panels.createPanel(handle.db, await ctxFor('social-worker@west-mercia.example'), { name: 'Not mine' }))).toBeInstanceOf(ForbiddenError);
  });

  it('are listed to their advisers and the members who sit on them, and to no one else', async () => {
    const { panelId } = await f.panel('west-mercia');
    const listed = async (email: string) => (await panels.listPanels(handle.db, await ctxFor(email))).panels.map((p) => p.id);
    expect(await listed(ADVISER)).toContain(panelId);
    expect(await listed(MEMBER)).toContain(panelId);
    expect(await listed('panel-adviser@herefordshire.example')).not.toContain(panelId);
    expect(await listed('panel-member@herefordshire.example')).not.toContain(panelId);
    expect(await refusal(panels.viewPanel(handle.db, await ctxFor('panel-adviser@herefordshire.example'), panelId))).toBeInstanceOf(NotFoundError);
  });

  it('take members whose facts fit their role, and an account only of the panel member role in the panel\'s organisation', async () => {
    const { panelId } = await f.panel('west-mercia', { chairAccount: false });
    const ctx = await ctxFor(ADVISER);
    const social = (await refusal(panels.addMember(handle.db, ctx, panelId, { name: 'Sam Social', role: 'social-work', joinedOn: '2026-01-01' }))) as ValidationError;
    expect(social.errors).toEqual([{ field: 'pqeYears', message: 'Enter the social work member\'s years of post-qualifying experience' }]);
    const wrongAccount = (await refusal(panels.addMember(handle.db, ctx, panelId, { name: 'Pat', role: 'independent', staffId: await f.staffId('social-worker@west-mercia.example'), joinedOn: '2026-01-01' }))) as ValidationError;
    expect(wrongAccount.errors.map((e) => e.field)).toEqual(['staffId']);
    const id = await panels.addMember(handle.db, ctx, panelId, { name: 'Pat Independent', role: 'independent', personalExperience: 'yes', staffId: await f.staffId(MEMBER), joinedOn: '2026-01-01' });
    expect((await panels.viewPanel(handle.db, ctx, panelId)).members.find((m) => m.id === id)).toMatchObject({ role: 'independent', personalExperience: true, staffEmail: MEMBER });
  });

  it('arrange meetings whose papers stay available until at least the day of the meeting', async () => {
    const { panelId, members } = await f.panel('west-mercia');
    const error = (await refusal(panels.createMeeting(handle.db, await ctxFor(ADVISER), panelId, { date: '2026-12-10', venue: 'County Hall', papersUntil: '2026-12-09', expected: [members.chair!] }))) as ValidationError;
    expect(error.errors.map((e) => e.field)).toEqual(['papersUntil']);
  });
});

describe('the agenda', () => {
  it('takes a record the panel hears, and refuses one its organisation does not hear, naming who does', async () => {
    // Herefordshire's own panel: under Option 3 the partnership hears Herefordshire's records.
    const hereford = await f.panel('herefordshire');
    const meetingId = await f.meeting(hereford.panelId, '2026-12-03', '2026-12-04');
    const h = await f.householdForApproval('herefordshire', 'herefordshire');
    const before = await auditCount();
    const error = (await refusal(meetings.addItem(handle.db, await ctxFor('panel-adviser@herefordshire.example'), meetingId, { kind: 'approval', reference: h.reference }))) as ValidationError;
    expect(error.errors).toEqual([{ field: 'reference', message: expect.stringMatching(/^Test panel \d+ does not hear Herefordshire's households: on 2026-12-03 West Mercia Adoption Partnership hears them$/) }]);
    expect(await auditCount()).toBe(before);
    // The partnership's panel does.
    const wm = await f.panel('west-mercia');
    const wmMeeting = await f.meeting(wm.panelId, '2026-12-03', '2026-12-04');
    const itemId = await meetings.addItem(handle.db, await ctxFor(ADVISER), wmMeeting, { kind: 'approval', reference: h.reference });
    const view = await meetings.viewMeeting(handle.db, await ctxFor(ADVISER), wmMeeting);
    expect(view.items.find((i) => i.id === itemId)).toMatchObject({ kind: 'approval', decisionAgencyId: await f.org('herefordshire'), subject: { shown: true, label: `${h.reference}: Robin Panelist${h.reference.slice(3)} and Kit Panelist${h.reference.slice(3)}` } });
  });

  it('refuses a household the adviser may not see like one that does not exist', async () => {
    const { panelId } = await f.panel('west-mercia');
    const meetingId = await f.meeting(panelId, '2026-12-03', '2026-12-04');
    const thurrock = await f.householdForApproval('thurrock', 'thurrock');
    const error = (await refusal(meetings.addItem(handle.db, await ctxFor(ADVISER), meetingId, { kind: 'approval', reference: thurrock.reference }))) as ValidationError;
    expect(error.errors).toEqual([{ field: 'reference', message: `No household you can see has the reference ${thurrock.reference}` }]);
  });
});

describe('recommendations and the quorum', () => {
  it('are refused at an inquorate meeting, naming what the quorum lacks, and nothing is saved', async () => {
    const m = await heldMeeting({ attend: ['chair', 'vice', 'social1', 'social2', 'medical'] });
    const before = await auditCount();
    const error = (await refusal(recommend(m.itemId))) as ValidationError;
    expect(error.errors).toEqual([{ field: 'recommendation', message: 'The meeting is not quorate: it lacks an independent member' }]);
    expect(await auditCount()).toBe(before);
    expect((await handle.db.selectFrom('panel_item').select('recommendation').where('id', '=', m.itemId).executeTakeFirstOrThrow()).recommendation).toBeNull();
  });

  it('are recorded at a quorate meeting with reasons and dissent, once', async () => {
    const m = await heldMeeting();
    await recommend(m.itemId, { dissent: [{ memberId: m.members.independent2, reason: 'Wanted more on the support network.' }] });
    const view = await meetings.viewItem(handle.db, await ctxFor(ADVISER), m.itemId);
    expect(view.item).toMatchObject({ recommendation: 'approve', recommendationLabel: 'Suitable to adopt', approvedFor: 'One child aged up to 4' });
    expect(view.dissent).toEqual([{ itemId: m.itemId, memberId: m.members.independent2, name: expect.stringMatching(/^independent2/), reason: 'Wanted more on the support network.' }]);
    expect(await refusal(recommend(m.itemId))).toBeInstanceOf(ConflictError);
  });

  it('take dissent only from members who attended, and a choice of the item\'s kind', async () => {
    const m = await heldMeeting();
    const absent = (await refusal(recommend(m.itemId, { dissent: [{ memberId: m.members.vice, reason: 'Not there' }] }))) as ValidationError;
    expect(absent.errors.map((e) => e.field)).toEqual(['dissent.0.memberId']);
    const wrongKind = (await refusal(recommend(m.itemId, { recommendation: 'place' }))) as ValidationError;
    expect(wrongKind.errors).toEqual([{ field: 'recommendation', message: 'Select the recommendation for this item: approve and do-not-approve' }]);
  });

  it('wait for the day of the meeting', async () => {
    const m = await heldMeeting({ date: '2026-11-26', papersUntil: '2026-11-27' });
    const error = (await refusal(recommend(m.itemId))) as ValidationError;
    expect(error.errors[0]!.message).toMatch(/from the day of the meeting \(26 November 2026\): today is 23 November 2026/);
  });
});

describe('the minutes', () => {
  it('become final only when every item has a recommendation, irreversibly, and the decisions fall due in working days', async () => {
    const m = await heldMeeting();
    const ctx = await ctxFor(ADVISER);
    const early = (await refusal(meetings.finaliseMinutes(handle.db, ctx, m.meetingId))) as ValidationError;
    expect(early.errors).toEqual([{ field: 'minutes', message: 'Every item needs the panel\'s recommendation before the minutes are final: item 1 has none' }]);
    await recommend(m.itemId);
    await meetings.saveMinutes(handle.db, ctx, m.meetingId, { minutes: 'The panel met and heard one approval.' });
    expect(await meetings.finaliseMinutes(handle.db, ctx, m.meetingId)).toEqual({ minutesFinalOn: TODAY, decisionDueOn: '2026-12-02' });
    expect(await refusal(meetings.saveMinutes(handle.db, ctx, m.meetingId, { minutes: 'Changed' }))).toBeInstanceOf(ConflictError);
    expect(await refusal(meetings.addItem(handle.db, ctx, m.meetingId, { kind: 'review', householdId: m.household.id }))).toBeInstanceOf(ConflictError);
    expect(((await refusal(meetings.recordAttendance(handle.db, ctx, m.meetingId, { attendance: [{ memberId: m.members.vice, attended: true }] }))) as ValidationError).errors[0]!.field).toBe('attendance');
    // The database keeps final minutes as written too.
    await expect(handle.db.updateTable('panel_meeting').set({ minutes: 'Rewritten' }).where('id', '=', m.meetingId).execute()).rejects.toThrow(/final and kept as written/);
  });
});

describe('papers', () => {
  it('are read by the meeting\'s members until the set day, each reading audited, and by no one else', async () => {
    const m = await heldMeeting({ papersUntil: '2026-11-24' });
    const documentId = await f.document('household', m.household.id, 'social-worker@west-mercia.example');
    await meetings.choosePapers(handle.db, await ctxFor(ADVISER), m.itemId, { documentIds: [documentId] });
    const member = await ctxFor(MEMBER);
    const view = await meetings.viewMeeting(handle.db, member, m.meetingId);
    expect(view.items[0]!.papers.map((p) => p.id)).toEqual([documentId]);
    expect(view.items[0]!.subject).toMatchObject({ shown: true, href: null });
    const file = await meetings.readPaper(handle.db, member, m.meetingId, documentId);
    expect(file.bytes.toString()).toMatch(/^%PDF-1.4/);
    const audited = await handle.db.selectFrom('audit_event').select(['action', 'record_id']).where('actor_id', '=', member.actor.staffId).where('record_type', '=', 'document').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audited).toEqual({ action: 'export', record_id: documentId });
    // After the day, and for anyone not expected at the meeting, the paper does not exist.
    expect(await refusal(meetings.readPaper(handle.db, await ctxFor(MEMBER, '2026-11-25'), m.meetingId, documentId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(meetings.viewMeeting(handle.db, await ctxFor(MEMBER, '2026-11-25'), m.meetingId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(meetings.readPaper(handle.db, await ctxFor(ADVISER), m.meetingId, documentId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(meetings.readPaper(handle.db, await ctxFor('panel-member@herefordshire.example'), m.meetingId, documentId))).toBeInstanceOf(NotFoundError);
  });

  it('of another meeting are not found for a member of this one', async () => {
    const mine = await heldMeeting();
    const other = await heldMeeting();
    const documentId = await f.document('household', other.household.id, 'social-worker@west-mercia.example');
    await meetings.choosePapers(handle.db, await ctxFor(ADVISER), other.itemId, { documentIds: [documentId] });
    // The member is not expected at the other meeting.
    await handle.db.deleteFrom('panel_meeting_member').where('meeting_id', '=', other.meetingId).where('member_id', '=', other.members.chair!).execute();
    const member = await ctxFor(MEMBER);
    expect(await refusal(meetings.readPaper(handle.db, member, other.meetingId, documentId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(meetings.readPaper(handle.db, member, mine.meetingId, documentId))).toBeInstanceOf(NotFoundError);
  });

  it('are chosen only from the documents of the item\'s records', async () => {
    const m = await heldMeeting();
    const elsewhere = await f.householdForApproval('west-mercia', 'shropshire');
    const documentId = await f.document('household', elsewhere.id, 'social-worker@west-mercia.example');
    const error = (await refusal(meetings.choosePapers(handle.db, await ctxFor(ADVISER), m.itemId, { documentIds: [documentId] }))) as ValidationError;
    expect(error.errors.map((e) => e.field)).toEqual(['documentIds.0']);
  });
});

describe('agency decisions', () => {
  it('are refused before the minutes are final, and nothing is saved', async () => {
    const m = await heldMeeting();
    await recommend(m.itemId);
    const before = await auditCount();
    const error = (await refusal(decisions.decide(handle.db, await ctxFor(ADM), { itemId: m.itemId, decision: 'approve', reasons: 'Agree with the panel.', decidedOn: TODAY }))) as ValidationError;
    expect(error.errors[0]).toEqual({ field: 'decision', message: 'The decision is made on the panel\'s final minutes: the minutes of the meeting on 19 November 2026 are still a draft' });
    expect(await auditCount()).toBe(before);
  });

  it('are made by the decision maker of the agency that owns the record, and appear in their queue with the deadline', async () => {
    const m = await heldMeeting();
    await recommend(m.itemId);
    await meetings.finaliseMinutes(handle.db, await ctxFor(ADVISER, '2026-11-20'), m.meetingId);
    const queue = await decisions.decisionQueue(handle.db, await ctxFor(ADM));
    expect(queue.waiting.find((w) => w.id === m.itemId)?.clock).toEqual({ dueOn: '2026-12-01', status: 'due', workingDaysLeft: 6, workingDaysLate: null });
    expect((await decisions.decisionQueue(handle.db, await ctxFor(ADM, '2026-12-03'))).waiting.find((w) => w.id === m.itemId)?.clock).toMatchObject({ status: 'overdue', workingDaysLate: 2 });
    expect((await decisions.decisionQueue(handle.db, await ctxFor('decision-maker@herefordshire.example'))).waiting.map((w) => w.id)).not.toContain(m.itemId);
    expect(await refusal(decisions.viewDecision(handle.db, await ctxFor('decision-maker@herefordshire.example'), m.itemId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(decisions.decide(handle.db, await ctxFor('social-worker@west-mercia.example'), { itemId: m.itemId, decision: 'approve', reasons: 'x', decidedOn: TODAY }))).toBeInstanceOf(NotFoundError);
  });

  it('on an approval approve the household in the same transaction, and the letter tells the adopters', async () => {
    const m = await heldMeeting();
    await recommend(m.itemId);
    await meetings.finaliseMinutes(handle.db, await ctxFor(ADVISER, '2026-11-20'), m.meetingId);
    const result = await decisions.decide(handle.db, await ctxFor(ADM), { itemId: m.itemId, decision: 'approve', reasons: 'I agree with the panel.', decidedOn: TODAY });
    expect(result).toEqual({ itemId: m.itemId, decision: 'approve', late: false });
    const h = await handle.db.selectFrom('household').select(['status', 'panel_on', 'adm_outcome', 'approved_on']).where('id', '=', m.household.id).executeTakeFirstOrThrow();
    expect(h).toEqual({ status: 'approved', panel_on: '2026-11-19', adm_outcome: 'approved', approved_on: TODAY });
    const { letter } = await decisions.letter(handle.db, await ctxFor(ADM), m.itemId, ['1 High Street', 'Shrewsbury']);
    expect(letter.title).toBe('Your application to adopt: approval');
    expect(letter.address).toEqual([expect.stringMatching(/^Robin Panelist\d+ and Kit Panelist\d+$/), '1 High Street', 'Shrewsbury']);
    expect(letter.paragraphs.join('\n')).toContain('The adoption panel met on 19 November 2026 and recommended your approval');
    expect(letter.paragraphs.join('\n')).toContain('best placed to care for One child aged up to 4');
    expect(((await refusal(decisions.decide(handle.db, await ctxFor(ADM), { itemId: m.itemId, decision: 'approve', reasons: 'Again', decidedOn: TODAY }))) as ValidationError).errors[0]!.message).toMatch(/kept as written/);
  });

  it('on a relinquished child\'s SHOBPA item record the decision on the child, by the placing council\'s decision maker', async () => {
    const p = await f.panel('west-mercia');
    const meetingId = await f.meeting(p.panelId, '2026-11-19', '2026-11-24');
    await f.attend(meetingId, p.members, QUORATE);
    const child = await f.child('herefordshire');
    const itemId = await meetings.addItem(handle.db, await ctxFor(ADVISER), meetingId, { kind: 'shobpa', childId: child.id });
    await meetings.recordRecommendation(handle.db, await ctxFor(ADVISER), itemId, { recommendation: 'place', reasons: 'The birth mother has consented and the plan is adoption.' });
    await meetings.finaliseMinutes(handle.db, await ctxFor(ADVISER), meetingId);
    expect(await refusal(decisions.decide(handle.db, await ctxFor(ADM), { itemId, decision: 'place', reasons: 'x', decidedOn: TODAY }))).toBeInstanceOf(NotFoundError);
    await decisions.decide(handle.db, await ctxFor('decision-maker@herefordshire.example'), { itemId, decision: 'place', reasons: 'Adoption is in the child\'s best interests.', decidedOn: TODAY });
    const row = await handle.db.selectFrom('child').select('shobpa_date').where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(row.shobpa_date).toBe(TODAY);
  });

  it('on a match record the matching panel and the match on the child, naming the household, by the placing council\'s decision maker', async () => {
    const db = handle.db;
    const council = await f.org('worcestershire');
    // A waiting Worcestershire child (the demo's matching links most of Herefordshire's) and a household the matching engine ranks for them.
    const finder = await ctxFor('family-finder@west-mercia.example');
    const waiting = await db.selectFrom('child').select('id').where('placing_authority_id', '=', council).where('stage', 'in', ['should-be-placed', 'placement-order', 'family-finding'])
      .where('sibling_group_id', 'is', null).orderBy('la_child_ref').limit(20).execute();
    let pair: { childId: string; householdId: string } | undefined;
    for (const c of waiting) {
      const ranked = await matching.findFamilies(db, finder, c.id, { limit: 5 });
      if (ranked.items[0]) { pair = { childId: c.id, householdId: ranked.items[0].candidate.id }; break; }
    }
    expect(pair, 'a waiting child the engine finds a family for').toBeDefined();
    const linkId = await matchingStore.insertLink(db, { ...pair!, placingAuthorityId: council, siblingGroupId: null, childIds: [pair!.childId], openedOn: '2026-10-01', openedBy: finder.actor.staffId, openedFrom: 'child' });
    await matchingStore.setLinkStatus(db, linkId, { status: 'proceeding' });
    const p = await f.panel('west-mercia');
    const meetingId = await f.meeting(p.panelId, '2026-11-19', '2026-11-24');
    await f.attend(meetingId, p.members, QUORATE);
    const adviser = await ctxFor(ADVISER);
    const itemId = await meetings.addItem(db, adviser, meetingId, { kind: 'match', linkId });
    expect((await meetings.viewMeeting(db, adviser, meetingId)).items[0]).toMatchObject({ kind: 'match', householdId: pair!.householdId, decisionAgencyId: council, subject: { shown: true } });
    await meetings.recordRecommendation(db, adviser, itemId, { recommendation: 'match', reasons: 'The adopters can meet the child\'s needs.' });
    await meetings.finaliseMinutes(db, adviser, meetingId);
    await decisions.decide(db, await ctxFor('decision-maker@worcestershire.example'), { itemId, decision: 'match', reasons: 'I agree with the panel.', decidedOn: TODAY });
    const milestones = await db.selectFrom('milestone').select(['type', 'date', 'household_id']).where('child_id', '=', pair!.childId).where('type', 'in', ['matching-panel', 'match']).orderBy('date').execute();
    expect(milestones).toEqual([{ type: 'matching-panel', date: '2026-11-19', household_id: pair!.householdId }, { type: 'match', date: TODAY, household_id: pair!.householdId }]);
    expect((await db.selectFrom('link').select(['status', 'matched_on']).where('id', '=', linkId).executeTakeFirstOrThrow())).toEqual({ status: 'matched', matched_on: TODAY });
    expect((await db.selectFrom('household').select('status').where('id', '=', pair!.householdId).executeTakeFirstOrThrow()).status).toBe('matched');
  });
});
