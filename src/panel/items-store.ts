// SQL for agenda items: the items of a meeting with their recommendations, dissent, papers and
// decisions, the decision makers' queue, and the facts of the records an item is about (read to
// find who hears and who decides them; whether a person may see them is the owning area's answer).
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';
import type { Decision, ItemKind } from './model.ts';
import './tables.ts';

export interface ItemRow {
  id: string;
  meetingId: string;
  position: number;
  kind: ItemKind;
  householdId: string | null;
  linkId: string | null;
  childId: string | null;
  decisionAgencyId: string;
  decisionAgencyName: string;
  recommendation: Decision | null;
  recommendationReasons: string | null;
  approvedFor: string | null;
  decisionDueOn: string | null;
  decision: Decision | null;
  decisionReasons: string | null;
  decidedOn: string | null;
  decidedByName: string | null;
}

function itemQuery(db: Db) {
  return db.selectFrom('panel_item as i').innerJoin('organisation as a', 'a.id', 'i.decision_agency_id').leftJoin('staff as d', 'd.id', 'i.decided_by')
    .select(['i.id', 'i.meeting_id as meetingId', 'i.position', 'i.kind', 'i.household_id as householdId', 'i.link_id as linkId', 'i.child_id as childId',
      'i.decision_agency_id as decisionAgencyId', 'a.name as decisionAgencyName', 'i.recommendation', 'i.recommendation_reasons as recommendationReasons',
      'i.approved_for as approvedFor', 'i.decision_due_on as decisionDueOn', 'i.decision', 'i.decision_reasons as decisionReasons', 'i.decided_on as decidedOn',
      'd.display_name as decidedByName']);
}

export async function itemsOf(db: Db, meetingId: string): Promise<ItemRow[]> {
  return itemQuery(db).where('i.meeting_id', '=', meetingId).orderBy('i.position').execute();
}

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  return itemQuery(db).where('i.id', '=', id).executeTakeFirst();
}

export async function insertItem(db: Db, i: { meetingId: string; kind: ItemKind; householdId: string | null; linkId: string | null; childId: string | null; decisionAgencyId: string; addedBy: string | null }): Promise<{ id: string; position: number }> {
  const { n } = await db.selectFrom('panel_item').select((eb) => eb.fn.max('position').as('n')).where('meeting_id', '=', i.meetingId).executeTakeFirstOrThrow();
  const position = Number(n ?? 0) + 1;
  const { id } = await db.insertInto('panel_item').values({
    meeting_id: i.meetingId, position, kind: i.kind, household_id: i.householdId, link_id: i.linkId, child_id: i.childId, decision_agency_id: i.decisionAgencyId, added_by: i.addedBy,
  }).returning('id').executeTakeFirstOrThrow();
  return { id, position };
}

export async function saveRecommendation(db: Db, itemId: string, r: { recommendation: Decision; reasons: string; approvedFor: string | null; by: string | null; dissent: readonly { memberId: string; reason: string }[] }): Promise<void> {
  await db.updateTable('panel_item').set({ recommendation: r.recommendation, recommendation_reasons: r.reasons, approved_for: r.approvedFor, recommended_by: r.by, recommended_at: new Date() })
    .where('id', '=', itemId).execute();
  if (r.dissent.length) await db.insertInto('panel_dissent').values(r.dissent.map((d) => ({ item_id: itemId, member_id: d.memberId, reason: d.reason }))).execute();
}

export async function dissentOf(db: Db, itemIds: readonly string[]): Promise<{ itemId: string; memberId: string; name: string; reason: string }[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('panel_dissent as x').innerJoin('panel_member as m', 'm.id', 'x.member_id')
    .select(['x.item_id as itemId', 'x.member_id as memberId', 'm.name', 'x.reason']).where('x.item_id', 'in', [...itemIds]).orderBy('m.name').execute();
}

export async function saveDecision(db: Db, itemId: string, d: { decision: Decision; reasons: string; decidedOn: string; by: string | null }): Promise<void> {
  await db.updateTable('panel_item').set({ decision: d.decision, decision_reasons: d.reasons, decided_on: d.decidedOn, decided_by: d.by, decided_at: new Date() }).where('id', '=', itemId).execute();
}

/** Hold the item while its decision is recorded. */
export async function lockItem(db: Db, id: string): Promise<void> {
  await db.selectFrom('panel_item').select('id').where('id', '=', id).forUpdate().execute();
}

// ---- papers ------------------------------------------------------------------------------------

export async function papersOf(db: Db, itemIds: readonly string[]): Promise<{ itemId: string; documentId: string }[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('panel_paper').select(['item_id as itemId', 'document_id as documentId']).where('item_id', 'in', [...itemIds]).orderBy('added_at').execute();
}

/** The item's papers become exactly these documents. */
export async function setPapers(db: Db, itemId: string, documentIds: readonly string[], by: string | null): Promise<void> {
  await db.deleteFrom('panel_paper').where('item_id', '=', itemId).$if(documentIds.length > 0, (q) => q.where('document_id', 'not in', [...documentIds])).execute();
  if (documentIds.length) {
    await db.insertInto('panel_paper').values(documentIds.map((id) => ({ item_id: itemId, document_id: id, added_by: by })))
      .onConflict((oc) => oc.columns(['item_id', 'document_id']).doNothing()).execute();
  }
}

/** The paper, if it is one of this meeting's. */
export async function findPaper(db: Db, meetingId: string, documentId: string): Promise<{ itemId: string } | undefined> {
  return db.selectFrom('panel_paper as p').innerJoin('panel_item as i', 'i.id', 'p.item_id').select('p.item_id as itemId')
    .where('i.meeting_id', '=', meetingId).where('p.document_id', '=', documentId).executeTakeFirst();
}

// ---- the decision makers' queue ------------------------------------------------------------------

export interface QueueRow extends ItemRow {
  meetingDate: string;
  panelName: string;
  minutesFinalOn: string;
}

/** The items awaiting (or, with `decided`, given) a decision of these agencies, on final minutes. */
export async function decisionItems(db: Db, agencyIds: readonly string[], o: { decided: boolean; limit: number }): Promise<QueueRow[]> {
  if (agencyIds.length === 0) return [];
  const q = itemQuery(db).innerJoin('panel_meeting as g', 'g.id', 'i.meeting_id').innerJoin('panel as p', 'p.id', 'g.panel_id')
    .select(['g.meeting_date as meetingDate', 'p.name as panelName', 'g.minutes_final_on as minutesFinalOn'])
    .where('i.decision_agency_id', 'in', [...agencyIds]).where('g.minutes_final_on', 'is not', null)
    .where('i.decision', o.decided ? 'is not' : 'is', null);
  const rows = o.decided ? await q.orderBy('i.decided_on', 'desc').orderBy('i.id').limit(o.limit).execute() : await q.orderBy('i.decision_due_on').orderBy('i.id').limit(o.limit).execute();
  return rows.map((r) => ({ ...r, minutesFinalOn: r.minutesFinalOn! }));
}

// ---- the records items are about ------------------------------------------------------------------

export interface HouseholdFacts {
  id: string;
  reference: string;
  ownerId: string;
  ownerName: string;
  status: string;
  approvedOn: string | null;
  names: string;
  salutation: string;
}

export async function householdFacts(db: Db, ids: readonly string[]): Promise<Map<string, HouseholdFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('household as h').innerJoin('organisation as o', 'o.id', 'h.owner_id')
    .select((eb) => ['h.id', 'h.reference', 'h.owner_id as ownerId', 'o.name as ownerName', 'h.status', 'h.approved_on as approvedOn',
      eb.selectFrom('applicant as a').whereRef('a.household_id', '=', 'h.id').select(sql<string>`string_agg(a.first_name || ' ' || a.last_name, ' and ' order by a.position)`.as('n')).as('names'),
      eb.selectFrom('applicant as a').whereRef('a.household_id', '=', 'h.id').select(sql<string>`string_agg(a.first_name, ' and ' order by a.position)`.as('n')).as('salutation'),
    ]).where('h.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { ...r, names: r.names ?? '', salutation: r.salutation ?? '' }]));
}

export async function findHouseholdByReference(db: Db, reference: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('household').select('id').where((eb) => eb(eb.fn('upper', ['reference']), '=', reference.toUpperCase())).executeTakeFirst();
}

export interface ChildFacts {
  id: string;
  placingAuthorityId: string;
  name: string;
  shobpaDate: string | null;
}

export async function childFacts(db: Db, ids: readonly string[]): Promise<Map<string, ChildFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('child').select(['id', 'placing_authority_id as placingAuthorityId', sql<string>`first_name || ' ' || last_name`.as('name'), 'shobpa_date as shobpaDate'])
    .where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export interface LinkFacts {
  id: string;
  householdId: string;
  placingAuthorityId: string;
  status: string;
  childIds: string[];
}

export async function linkFacts(db: Db, ids: readonly string[]): Promise<Map<string, LinkFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('link as l')
    .select((eb) => ['l.id', 'l.household_id as householdId', 'l.placing_authority_id as placingAuthorityId', 'l.status',
      eb.selectFrom('link_child as c').whereRef('c.link_id', '=', 'l.id').select(sql<string[]>`array_agg(c.child_id::text order by c.child_id)`.as('ids')).as('childIds')])
    .where('l.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { ...r, childIds: (r.childIds as string[] | null) ?? [] }]));
}

/** Whether the link's matching panel is already on its children's records (naming its household). */
export async function matchingPanelRecorded(db: Db, linkId: string): Promise<boolean> {
  const row = await db.selectFrom('link as l').innerJoin('link_child as c', 'c.link_id', 'l.id').innerJoin('milestone as m', (j) => j.onRef('m.child_id', '=', 'c.child_id').onRef('m.household_id', '=', 'l.household_id'))
    .select('m.id').where('l.id', '=', linkId).where('m.type', '=', 'matching-panel').executeTakeFirst();
  return row !== undefined;
}

// ---- who hears a record ---------------------------------------------------------------------------

/**
 * The organisation whose panel hears a record of this owner on the day: for a council, whoever
 * the operating model gives the 'panel' function (the partnership, the council itself, or a
 * provider), and the council itself outside any partnership; a partnership or an agency hears
 * its own.
 */
export async function panelOrganisationFor(db: Db, ownerId: string, day: string): Promise<string> {
  const { rows } = await sql<{ heard_by: string }>`
    select coalesce((select case om.delivered_by when 'partnership' then om.partnership_id when 'provider' then om.provider_id else om.member_id end
                     from operating_model_on(${day}::date) om where om.member_id = o.id and om.function_code = 'panel' limit 1), o.id) as heard_by
    from organisation o where o.id = ${ownerId}::uuid and o.kind = 'local-authority'`.execute(db);
  return rows[0]?.heard_by ?? ownerId;
}

export async function organisationName(db: Db, id: string): Promise<string> {
  return (await db.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst())?.name ?? 'another organisation';
}
