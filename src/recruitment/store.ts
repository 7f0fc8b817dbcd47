// SQL for enquiries, the contact log, information events and invitations, registrations of
// interest and the conversion funnel.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../core/db.ts';
import { pageAndTotal } from '../core/paging.ts';
import type { EnquiryListQuery } from './input.ts';
import { frontDoorOf, type EnquiryStatus } from './model.ts';
import './tables.ts';

export interface OperatingRow { delivered_by: string; partnership_id: string; provider_id: string | null }

/** The operating model's recruitment row for a council on a day (none if it is in no partnership). */
export async function recruitmentRows(db: Db, councilId: string, day: string): Promise<OperatingRow[]> {
  const om = sql<OperatingRow & { member_id: string; function_code: string }>`operating_model_on(${day}::date)`;
  return db.selectFrom(om.as('om')).select(['om.delivered_by', 'om.partnership_id', 'om.provider_id'])
    .where('om.member_id', '=', councilId).where('om.function_code', '=', 'recruitment').orderBy('om.partnership_id').execute();
}

/** Whoever delivers recruitment for the council on the day: the partnership, the council or a provider. */
export async function frontDoorFor(db: Db, councilId: string, day: string): Promise<string> {
  return frontDoorOf(councilId, await recruitmentRows(db, councilId, day));
}

export function councils(db: Db) {
  return db.selectFrom('organisation').select(['id', 'code', 'name']).where('kind', '=', 'local-authority').orderBy('name').execute();
}

export function partnerships(db: Db) {
  return db.selectFrom('organisation').select(['id', 'slug', 'name']).where('kind', '=', 'partnership').orderBy('name').execute();
}

export function organisationBy(db: Db, by: { code?: string; slug?: string }) {
  let q = db.selectFrom('organisation').select(['id', 'kind', 'name', 'code', 'slug']);
  if (by.code) q = q.where('code', '=', by.code);
  if (by.slug) q = q.where('slug', '=', by.slug);
  return q.executeTakeFirst();
}

export interface NewEnquiry {
  frontDoorId: string;
  councilId: string | null;
  partnershipId: string | null;
  receivedOn: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  heardFrom: string;
  source: string;
  campaign: string | null;
}

export async function insertEnquiry(db: Db, e: NewEnquiry): Promise<string> {
  const row = await db.insertInto('enquiry').values({
    front_door_id: e.frontDoorId, council_id: e.councilId, partnership_id: e.partnershipId, received_on: e.receivedOn,
    first_name: e.firstName, last_name: e.lastName, email: e.email, phone: e.phone, heard_from: e.heardFrom,
    source: e.source, campaign: e.campaign, consent_given: true,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An enquiry as read back: what was received, with the names of its organisations and its progress. */
export interface EnquiryRow extends NewEnquiry {
  id: string;
  frontDoorName: string;
  councilName: string | null;
  councilCode: string | null;
  infoPackSentOn: string | null;
  status: EnquiryStatus;
  closedOn: string | null;
  notProceedingReason: string | null;
  lastContactOn: string | null;
  roiReceivedOn: string | null;
  roiDecision: 'accepted' | 'declined' | null;
}

function enquiryQuery(db: Db) {
  return db.selectFrom('enquiry as e')
    .innerJoin('organisation as fd', 'fd.id', 'e.front_door_id')
    .leftJoin('organisation as c', 'c.id', 'e.council_id')
    .leftJoin('registration_of_interest as r', 'r.enquiry_id', 'e.id')
    .select([
      'e.id', 'e.front_door_id as frontDoorId', 'fd.name as frontDoorName', 'e.council_id as councilId', 'c.name as councilName', 'c.code as councilCode',
      'e.partnership_id as partnershipId', 'e.received_on as receivedOn', 'e.first_name as firstName', 'e.last_name as lastName', 'e.email', 'e.phone',
      'e.heard_from as heardFrom', 'e.source', 'e.campaign', 'e.info_pack_sent_on as infoPackSentOn', 'e.status', 'e.closed_on as closedOn',
      'e.not_proceeding_reason as notProceedingReason', 'r.received_on as roiReceivedOn', 'r.decision as roiDecision',
      sql<string | null>`(select max(ec.contact_on) from enquiry_contact ec where ec.enquiry_id = e.id)`.as('lastContactOn'),
    ]);
}

export async function findEnquiry(db: Db, id: string): Promise<EnquiryRow | undefined> {
  return (await enquiryQuery(db).where('e.id', '=', id).executeTakeFirst()) as EnquiryRow | undefined;
}

export interface ListScope { ownerIds: string[]; grantedIds: string[] }

/** The list rule as SQL over `e` (the enquiry): its front door is in scope, or it is granted. */
function inScope(scope: ListScope) {
  return sql<SqlBool>`(e.front_door_id = any(${[...scope.ownerIds]}::uuid[]) or e.id = any(${[...scope.grantedIds]}::uuid[]))`;
}

export async function listEnquiries(db: Db, scope: ListScope, q: EnquiryListQuery): Promise<{ total: number; items: EnquiryRow[] }> {
  let query = enquiryQuery(db).where(inScope(scope));
  if (q.status) query = query.where('e.status', '=', q.status);
  const page = await pageAndTotal(
    query.orderBy('e.received_on', 'desc').orderBy('e.created_at', 'desc').orderBy('e.id').limit(q.limit).offset(q.offset).execute(),
    db.selectFrom('enquiry as e').select((eb) => eb.fn.countAll<number>().as('n')).where(inScope(scope)).$if(!!q.status, (qb) => qb.where('e.status', '=', q.status!)).executeTakeFirstOrThrow(),
  );
  return { total: page.total, items: page.items as EnquiryRow[] };
}

/** Open enquiries (for the dashboard and due work): there are few, as enquiries close. */
export async function openEnquiries(db: Db, scope: ListScope): Promise<EnquiryRow[]> {
  return (await enquiryQuery(db).where(inScope(scope)).where('e.status', '=', 'open').orderBy('e.received_on').orderBy('e.id').execute()) as EnquiryRow[];
}

/**
 * Other enquiries in the list's scope that might be from the same person: the same email, or a
 * last name starting with one of these letters (the model decides which are alike, and why).
 */
export async function duplicateCandidates(db: Db, scope: ListScope, keys: { excludeId: string; email: string; initials: readonly string[] }, limit = 500): Promise<EnquiryRow[]> {
  const near = [sql<SqlBool>`lower(e.email) = ${keys.email.trim().toLowerCase()}`];
  if (keys.initials.length) near.push(sql<SqlBool>`lower(left(e.last_name, 1)) in (${sql.join(keys.initials)})`);
  return (await enquiryQuery(db).where(inScope(scope)).where('e.id', '!=', keys.excludeId).where(sql<SqlBool>`(${sql.join(near, sql` or `)})`)
    .orderBy('e.received_on', 'desc').orderBy('e.id').limit(limit).execute()) as EnquiryRow[];
}

export interface RoiRow {
  id: string;
  enquiryId: string;
  frontDoorId: string;
  firstName: string;
  lastName: string;
  receivedOn: string;
  decision: 'accepted' | 'declined' | null;
  decidedOn: string | null;
  declineReason: string | null;
  householdId: string | null;
  householdReference: string | null;
  decidedByName: string | null;
}

function roiQuery(db: Db) {
  return db.selectFrom('registration_of_interest as r')
    .innerJoin('enquiry as e', 'e.id', 'r.enquiry_id')
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .leftJoin('staff as s', 's.id', 'r.decided_by')
    .select([
      'r.id', 'r.enquiry_id as enquiryId', 'e.front_door_id as frontDoorId', 'e.first_name as firstName', 'e.last_name as lastName',
      'r.received_on as receivedOn', 'r.decision', 'r.decided_on as decidedOn', 'r.decline_reason as declineReason',
      'r.household_id as householdId', 'h.reference as householdReference', 's.display_name as decidedByName',
    ]);
}

export async function roiOf(db: Db, enquiryId: string): Promise<RoiRow | undefined> {
  return roiQuery(db).where('r.enquiry_id', '=', enquiryId).executeTakeFirst();
}

export async function undecidedRois(db: Db, scope: ListScope): Promise<RoiRow[]> {
  return roiQuery(db).where(inScope(scope)).where('r.decision', 'is', null).orderBy('r.received_on').execute();
}

export function contactsOf(db: Db, enquiryId: string) {
  return db.selectFrom('enquiry_contact as c').leftJoin('staff as s', 's.id', 'c.recorded_by')
    .select(['c.id', 'c.contact_on as contactOn', 'c.method', 'c.notes', 's.display_name as byName'])
    .where('c.enquiry_id', '=', enquiryId).orderBy('c.contact_on', 'desc').orderBy('c.recorded_at', 'desc').execute();
}

export async function insertContact(db: Db, c: { enquiryId: string; contactOn: string; method: string; notes: string | null; recordedBy: string | null }): Promise<string> {
  const row = await db.insertInto('enquiry_contact').values({ enquiry_id: c.enquiryId, contact_on: c.contactOn, method: c.method, notes: c.notes, recorded_by: c.recordedBy })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setInfoPackSent(db: Db, id: string, on: string): Promise<void> {
  await db.updateTable('enquiry').set({ info_pack_sent_on: on }).where('id', '=', id).execute();
}

export async function setStatus(db: Db, id: string, s: { status: EnquiryStatus; closedOn: string | null; reason: string | null }): Promise<void> {
  await db.updateTable('enquiry').set({ status: s.status, closed_on: s.closedOn, not_proceeding_reason: s.reason }).where('id', '=', id).execute();
}

export async function insertRoi(db: Db, enquiryId: string, receivedOn: string): Promise<string> {
  const row = await db.insertInto('registration_of_interest').values({ enquiry_id: enquiryId, received_on: receivedOn }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Hold the event's row until the transaction ends, so two invitations cannot both take its last place. */
export async function lockEvent(db: Db, id: string): Promise<void> {
  await db.selectFrom('information_event').select('id').where('id', '=', id).forUpdate().execute();
}

/** Record the decision; false if someone else decided it first. */
export async function decideRoi(db: Db, id: string, d: { decision: 'accepted' | 'declined'; decidedOn: string; reason: string | null; decidedBy: string | null; householdId: string | null }): Promise<boolean> {
  const result = await db.updateTable('registration_of_interest').set({ decision: d.decision, decided_on: d.decidedOn, decline_reason: d.reason, decided_by: d.decidedBy, household_id: d.householdId })
    .where('id', '=', id).where('decision', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function householdReferenceTaken(db: Db, reference: string): Promise<boolean> {
  return !!(await db.selectFrom('household').select('id').where('reference', '=', reference).executeTakeFirst());
}

// ---- information events --------------------------------------------------------------------

export interface EventRow {
  id: string;
  organiserId: string;
  organiserName: string;
  title: string;
  eventDate: string;
  startTime: string;
  venue: string;
  venueCouncilName: string;
  capacity: number;
  invited: number;
  attended: number;
}

function eventQuery(db: Db) {
  return db.selectFrom('information_event as ev')
    .innerJoin('organisation as o', 'o.id', 'ev.organiser_id')
    .innerJoin('organisation as vc', 'vc.id', 'ev.venue_council_id')
    .select([
      'ev.id', 'ev.organiser_id as organiserId', 'o.name as organiserName', 'ev.title', 'ev.event_date as eventDate', 'ev.start_time as startTime',
      'ev.venue', 'vc.name as venueCouncilName', 'ev.capacity',
      sql<number>`(select count(*)::int from event_invitation i where i.event_id = ev.id)`.as('invited'),
      sql<number>`(select count(*)::int from event_invitation i where i.event_id = ev.id and i.attended)`.as('attended'),
    ]);
}

export async function listEvents(db: Db, organiserIds: readonly string[], opts: { from?: string; to?: string; limit?: number } = {}): Promise<EventRow[]> {
  if (!organiserIds.length) return [];
  let q = eventQuery(db).where('ev.organiser_id', 'in', organiserIds);
  if (opts.from) q = q.where('ev.event_date', '>=', opts.from);
  if (opts.to) q = q.where('ev.event_date', '<', opts.to);
  q = opts.from ? q.orderBy('ev.event_date').orderBy('ev.start_time') : q.orderBy('ev.event_date', 'desc').orderBy('ev.start_time', 'desc');
  return q.limit(opts.limit ?? 100).execute();
}

export async function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
  return eventQuery(db).where('ev.id', '=', id).executeTakeFirst();
}

export async function insertEvent(db: Db, e: { organiserId: string; title: string; date: string; time: string; venue: string; venueCouncilId: string; capacity: number; createdBy: string | null }): Promise<string> {
  const row = await db.insertInto('information_event').values({
    organiser_id: e.organiserId, title: e.title, event_date: e.date, start_time: e.time, venue: e.venue, venue_council_id: e.venueCouncilId, capacity: e.capacity, created_by: e.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function invitationsOfEvent(db: Db, eventId: string) {
  return db.selectFrom('event_invitation as i').innerJoin('enquiry as e', 'e.id', 'i.enquiry_id')
    .select(['i.enquiry_id as enquiryId', 'e.front_door_id as frontDoorId', 'e.first_name as firstName', 'e.last_name as lastName', 'i.invited_on as invitedOn', 'i.attended'])
    .where('i.event_id', '=', eventId).orderBy('e.last_name').orderBy('e.first_name').execute();
}

export function invitationsOfEnquiry(db: Db, enquiryId: string) {
  return db.selectFrom('event_invitation as i').innerJoin('information_event as ev', 'ev.id', 'i.event_id')
    .select(['ev.id as eventId', 'ev.title', 'ev.event_date as eventDate', 'ev.start_time as startTime', 'ev.venue', 'i.invited_on as invitedOn', 'i.attended'])
    .where('i.enquiry_id', '=', enquiryId).orderBy('ev.event_date', 'desc').execute();
}

export async function invitationExists(db: Db, eventId: string, enquiryId: string): Promise<boolean> {
  return !!(await db.selectFrom('event_invitation').select('event_id').where('event_id', '=', eventId).where('enquiry_id', '=', enquiryId).executeTakeFirst());
}

export async function insertInvitation(db: Db, eventId: string, enquiryId: string, invitedOn: string): Promise<void> {
  await db.insertInto('event_invitation').values({ event_id: eventId, enquiry_id: enquiryId, invited_on: invitedOn }).execute();
}

export async function setAttendance(db: Db, eventId: string, enquiryId: string, attended: boolean): Promise<void> {
  await db.updateTable('event_invitation').set({ attended }).where('event_id', '=', eventId).where('enquiry_id', '=', enquiryId).execute();
}

// ---- the conversion funnel --------------------------------------------------------------------

export interface FunnelRow { councilId: string | null; councilName: string | null; councilCode: string | null; enquiries: number; rois: number; stage1: number; stage2: number; approved: number }

/** Per council of the enquirer: enquiries received in the period, and how far those enquiries went. */
export async function funnel(db: Db, frontDoorIds: readonly string[], from: string, to: string): Promise<FunnelRow[]> {
  if (!frontDoorIds.length) return [];
  return db.selectFrom('enquiry as e')
    .leftJoin('organisation as c', 'c.id', 'e.council_id')
    .leftJoin('registration_of_interest as r', 'r.enquiry_id', 'e.id')
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .select([
      'e.council_id as councilId', 'c.name as councilName', 'c.code as councilCode',
      sql<number>`count(*)::int`.as('enquiries'),
      sql<number>`count(r.id)::int`.as('rois'),
      sql<number>`count(h.stage1_started_on)::int`.as('stage1'),
      sql<number>`count(h.stage2_started_on)::int`.as('stage2'),
      sql<number>`count(h.approved_on)::int`.as('approved'),
    ])
    .where('e.front_door_id', 'in', frontDoorIds).where('e.received_on', '>=', from).where('e.received_on', '<=', to)
    .groupBy(['e.council_id', 'c.name', 'c.code']).orderBy('c.name').execute();
}
