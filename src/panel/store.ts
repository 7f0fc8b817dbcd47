// SQL for the panel: panels and members, meetings and attendance, agenda items with their
// recommendations, dissent, papers and decisions, and which organisation hears a record on a
// day. The facts it reads of other areas' records (a household's owner and status, a child's
// placing council, a link's children) decide nothing: access is the owning area's answer.
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';
import type { MemberRole, QuorumRule } from './model.ts';
import './tables.ts';

// ---- panels and members ------------------------------------------------------------------------

export interface PanelRow {
  id: string;
  ownerId: string;
  ownerName: string;
  name: string;
  quorum: QuorumRule;
  decisionWorkingDays: number;
}

function panelQuery(db: Db) {
  return db.selectFrom('panel as p').innerJoin('organisation as o', 'o.id', 'p.owner_id')
    .select(['p.id', 'p.owner_id as ownerId', 'o.name as ownerName', 'p.name', 'p.quorum_min_present', 'p.quorum_chair_or_vice', 'p.quorum_social_worker_years', 'p.quorum_independent', 'p.decision_working_days as decisionWorkingDays']);
}

type PanelSelect = Awaited<ReturnType<ReturnType<typeof panelQuery>['executeTakeFirstOrThrow']>>;
const asPanel = ({ quorum_min_present: minPresent, quorum_chair_or_vice: chairOrVice, quorum_social_worker_years: socialWorkerYears, quorum_independent: independent, ...p }: PanelSelect): PanelRow =>
  ({ ...p, quorum: { minPresent, chairOrVice, socialWorkerYears, independent } });

export async function findPanel(db: Db, id: string): Promise<PanelRow | undefined> {
  const row = await panelQuery(db).where('p.id', '=', id).executeTakeFirst();
  return row && asPanel(row);
}

/** The staff accounts of each panel's members serving on the day. */
export async function memberAccounts(db: Db, panelIds: readonly string[], day: string): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(panelIds.map((id) => [id, []]));
  if (panelIds.length === 0) return result;
  const rows = await db.selectFrom('panel_member').select(['panel_id', 'staff_id']).where('panel_id', 'in', [...panelIds]).where('staff_id', 'is not', null)
    .where('joined_on', '<=', day).where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', day)])).execute();
  for (const r of rows) result.get(r.panel_id)!.push(r.staff_id!);
  return result;
}

export async function listPanels(db: Db, scope: { ownerIds: readonly string[]; memberStaffId: string | null }, day: string): Promise<(PanelRow & { members: number; lastMeeting: string | null; nextMeeting: string | null })[]> {
  if (scope.ownerIds.length === 0 && !scope.memberStaffId) return [];
  const rows = await panelQuery(db)
    .select((eb) => [
      eb.selectFrom('panel_member as m').whereRef('m.panel_id', '=', 'p.id').where('m.joined_on', '<=', day)
        .where((e) => e.or([e('m.left_on', 'is', null), e('m.left_on', '>', day)])).select((e) => e.fn.countAll<number>().as('n')).as('members'),
      eb.selectFrom('panel_meeting as g').whereRef('g.panel_id', '=', 'p.id').where('g.meeting_date', '<', day).select((e) => e.fn.max('g.meeting_date').as('d')).as('lastMeeting'),
      eb.selectFrom('panel_meeting as g').whereRef('g.panel_id', '=', 'p.id').where('g.meeting_date', '>=', day).select((e) => e.fn.min('g.meeting_date').as('d')).as('nextMeeting'),
    ])
    .where((eb) => eb.or([
      ...(scope.ownerIds.length ? [eb('p.owner_id', 'in', [...scope.ownerIds])] : []),
      ...(scope.memberStaffId ? [eb.exists(eb.selectFrom('panel_member as m').select('m.id').whereRef('m.panel_id', '=', 'p.id').where('m.staff_id', '=', scope.memberStaffId)
        .where('m.joined_on', '<=', day).where((e) => e.or([e('m.left_on', 'is', null), e('m.left_on', '>', day)])))] : []),
    ]))
    .orderBy('o.name').orderBy('p.name').execute();
  return rows.map((r) => ({ ...asPanel(r), members: Number(r.members ?? 0), lastMeeting: (r.lastMeeting as string | null) ?? null, nextMeeting: (r.nextMeeting as string | null) ?? null }));
}

export async function insertPanel(db: Db, p: { ownerId: string; name: string; quorum: QuorumRule; decisionWorkingDays: number; createdBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('panel').values({
    owner_id: p.ownerId, name: p.name, quorum_min_present: p.quorum.minPresent, quorum_chair_or_vice: p.quorum.chairOrVice,
    quorum_social_worker_years: p.quorum.socialWorkerYears, quorum_independent: p.quorum.independent, decision_working_days: p.decisionWorkingDays, created_by: p.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function panelNameTaken(db: Db, ownerId: string, name: string): Promise<boolean> {
  return !!(await db.selectFrom('panel').select('id').where('owner_id', '=', ownerId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst());
}

export interface MemberRow {
  id: string;
  panelId: string;
  name: string;
  role: MemberRole;
  staffId: string | null;
  staffEmail: string | null;
  pqeYears: number | null;
  personalExperience: boolean;
  joinedOn: string;
  leftOn: string | null;
}

function memberQuery(db: Db) {
  return db.selectFrom('panel_member as m').leftJoin('staff as s', 's.id', 'm.staff_id')
    .select(['m.id', 'm.panel_id as panelId', 'm.name', 'm.role', 'm.staff_id as staffId', 's.email as staffEmail', 'm.pqe_years as pqeYears',
      'm.personal_experience as personalExperience', 'm.joined_on as joinedOn', 'm.left_on as leftOn']);
}

const ROLE_ORDER = sql<number>`array_position(array['chair','vice-chair','social-work','independent','medical-adviser','legal-adviser','panel-adviser']::text[], m.role)`;

export async function membersOf(db: Db, panelId: string): Promise<MemberRow[]> {
  return memberQuery(db).where('m.panel_id', '=', panelId).orderBy(ROLE_ORDER).orderBy('m.name').execute();
}

export async function insertMember(db: Db, m: Omit<MemberRow, 'id' | 'staffEmail'> & { createdBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('panel_member').values({
    panel_id: m.panelId, name: m.name, role: m.role, staff_id: m.staffId, pqe_years: m.pqeYears, personal_experience: m.personalExperience,
    joined_on: m.joinedOn, left_on: m.leftOn, created_by: m.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

// ---- meetings and attendance -------------------------------------------------------------------

export interface MeetingRow {
  id: string;
  panelId: string;
  panelName: string;
  panelOwnerId: string;
  ownerName: string;
  date: string;
  venue: string;
  papersUntil: string;
  minutes: string | null;
  minutesFinalOn: string | null;
  quorum: QuorumRule;
  decisionWorkingDays: number;
}

function meetingQuery(db: Db) {
  return db.selectFrom('panel_meeting as g').innerJoin('panel as p', 'p.id', 'g.panel_id').innerJoin('organisation as o', 'o.id', 'p.owner_id')
    .select(['g.id', 'g.panel_id as panelId', 'p.name as panelName', 'p.owner_id as panelOwnerId', 'o.name as ownerName', 'g.meeting_date as date', 'g.venue',
      'g.papers_until as papersUntil', 'g.minutes', 'g.minutes_final_on as minutesFinalOn', 'p.quorum_min_present', 'p.quorum_chair_or_vice',
      'p.quorum_social_worker_years', 'p.quorum_independent', 'p.decision_working_days as decisionWorkingDays']);
}

type MeetingSelect = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;
const asMeeting = ({ quorum_min_present: minPresent, quorum_chair_or_vice: chairOrVice, quorum_social_worker_years: socialWorkerYears, quorum_independent: independent, ...m }: MeetingSelect): MeetingRow =>
  ({ ...m, quorum: { minPresent, chairOrVice, socialWorkerYears, independent } });

export async function findMeeting(db: Db, id: string): Promise<MeetingRow | undefined> {
  const row = await meetingQuery(db).where('g.id', '=', id).executeTakeFirst();
  return row && asMeeting(row);
}

/** Hold the meeting while its record changes, so two changes cannot cross (a recommendation and the final minutes). */
export async function lockMeeting(db: Db, id: string): Promise<void> {
  await db.selectFrom('panel_meeting').select('id').where('id', '=', id).forUpdate().execute();
}

/** The staff accounts of the members expected at each meeting. */
export async function expectedAccounts(db: Db, meetingIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(meetingIds.map((id) => [id, []]));
  if (meetingIds.length === 0) return result;
  const rows = await db.selectFrom('panel_meeting_member as a').innerJoin('panel_member as m', 'm.id', 'a.member_id')
    .select(['a.meeting_id', 'm.staff_id']).where('a.meeting_id', 'in', [...meetingIds]).where('a.expected', '=', true).where('m.staff_id', 'is not', null).execute();
  for (const r of rows) result.get(r.meeting_id)!.push(r.staff_id!);
  return result;
}

export async function meetingsOfPanel(db: Db, panelId: string): Promise<(MeetingRow & { items: number })[]> {
  const rows = await meetingQuery(db).select((eb) => eb.selectFrom('panel_item as i').whereRef('i.meeting_id', '=', 'g.id').select((e) => e.fn.countAll<number>().as('n')).as('items'))
    .where('g.panel_id', '=', panelId).orderBy('g.meeting_date', 'desc').execute();
  return rows.map((r) => ({ ...asMeeting(r), items: Number(r.items ?? 0) }));
}

/** The meetings a member is expected at whose papers are available on or after the day. */
export async function meetingsExpecting(db: Db, staffId: string, papersFrom: string): Promise<MeetingRow[]> {
  const rows = await meetingQuery(db).where('g.papers_until', '>=', papersFrom)
    .where((eb) => eb.exists(eb.selectFrom('panel_meeting_member as a').innerJoin('panel_member as m', 'm.id', 'a.member_id').select('a.member_id')
      .whereRef('a.meeting_id', '=', 'g.id').where('a.expected', '=', true).where('m.staff_id', '=', staffId)))
    .orderBy('g.meeting_date').execute();
  return rows.map(asMeeting);
}

export async function insertMeeting(db: Db, m: { panelId: string; date: string; venue: string; papersUntil: string; expected: readonly string[]; createdBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('panel_meeting').values({ panel_id: m.panelId, meeting_date: m.date, venue: m.venue, papers_until: m.papersUntil, created_by: m.createdBy })
    .returning('id').executeTakeFirstOrThrow();
  if (m.expected.length) await db.insertInto('panel_meeting_member').values(m.expected.map((memberId) => ({ meeting_id: id, member_id: memberId, expected: true, attended: null }))).execute();
  return id;
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  role: MemberRole;
  pqeYears: number | null;
  personalExperience: boolean;
  staffId: string | null;
  expected: boolean;
  attended: boolean | null;
}

export async function attendanceOf(db: Db, meetingId: string): Promise<AttendanceRow[]> {
  return db.selectFrom('panel_meeting_member as a').innerJoin('panel_member as m', 'm.id', 'a.member_id')
    .select(['a.member_id as memberId', 'm.name', 'm.role', 'm.pqe_years as pqeYears', 'm.personal_experience as personalExperience', 'm.staff_id as staffId', 'a.expected', 'a.attended'])
    .where('a.meeting_id', '=', meetingId).orderBy(ROLE_ORDER).orderBy('m.name').execute();
}

/** Record who attended: each member of the panel present or not (a member not expected is added as they came). */
export async function saveAttendance(db: Db, meetingId: string, entries: readonly { memberId: string; attended: boolean }[]): Promise<void> {
  for (const e of entries) {
    await db.insertInto('panel_meeting_member').values({ meeting_id: meetingId, member_id: e.memberId, expected: false, attended: e.attended })
      .onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doUpdateSet({ attended: e.attended })).execute();
  }
}

export async function saveMinutes(db: Db, meetingId: string, minutes: string | null): Promise<void> {
  await db.updateTable('panel_meeting').set({ minutes }).where('id', '=', meetingId).execute();
}

/** Make the minutes final: each item's decision falls due (set first: a final meeting's items keep their recommendations). */
export async function finaliseMinutes(db: Db, meetingId: string, on: string, dueOn: string, by: string | null): Promise<void> {
  await db.updateTable('panel_item').set({ decision_due_on: dueOn }).where('meeting_id', '=', meetingId).execute();
  await db.updateTable('panel_meeting').set({ minutes_final_on: on, minutes_finalised_by: by }).where('id', '=', meetingId).execute();
}
