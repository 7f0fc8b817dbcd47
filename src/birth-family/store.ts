// The SQL of birth family support: cases with their owning council (and the few facts of a linked
// child the page may show, once the children area says the person may see the child), referrals,
// offers, sessions and closings, the lists filtered by the policy's scope, and the facts work is
// made due from.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../core/db.ts';
import type { Database } from '../core/schema.ts';
import type { OfferAnswer, OfferKind, Outcome, Referrer, Relationship, SessionKind } from './model.ts';
import type { BirthFamilyScope } from './policy.ts';
import './tables.ts';

type Eb = ExpressionBuilder<Database & { bc: Database['birth_family_case'] }, 'bc'>;

/** Closed: a closing not reopened. */
const isClosed = (eb: Eb) => eb.exists(eb.selectFrom('birth_family_closure as x').select('x.id').whereRef('x.case_id', '=', 'bc.id').where('x.reopened_on', 'is', null));

const closedNow = sql<boolean>`exists (select 1 from birth_family_closure x where x.case_id = bc.id and x.reopened_on is null)`;

export interface CaseRow {
  id: string;
  ownerId: string;
  ownerName: string;
  childId: string | null;
  /** The linked child's name: shown only where the children area lets the person see the child. */
  linkedChildName: string | null;
  childFirstName: string | null;
  childBirthYear: number | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  relationship: Relationship;
  openedOn: string;
  closed: boolean;
}

function caseQuery(db: Db) {
  return db.selectFrom('birth_family_case as bc').innerJoin('organisation as o', 'o.id', 'bc.owner_id').leftJoin('child as c', 'c.id', 'bc.child_id')
    .select(['bc.id', 'bc.owner_id as ownerId', 'o.name as ownerName', 'bc.child_id as childId', sql<string | null>`c.first_name || ' ' || c.last_name`.as('linkedChildName'),
      'bc.child_first_name as childFirstName', 'bc.child_birth_year as childBirthYear', 'bc.given_name as givenName', 'bc.family_name as familyName',
      'bc.date_of_birth as dateOfBirth', 'bc.relationship', 'bc.opened_on as openedOn', closedNow.as('closed')]);
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return caseQuery(db).where('bc.id', '=', id).executeTakeFirst();
}

/** Hold the case while a change checks its state (closed or open, the last session). */
export async function lockCase(db: Db, id: string): Promise<void> {
  await db.selectFrom('birth_family_case').select('id').where('id', '=', id).forUpdate().execute();
}

function inScope(eb: Eb, scope: BirthFamilyScope) {
  const ors = [];
  if (scope.ownerIds.length) ors.push(eb('bc.owner_id', 'in', scope.ownerIds));
  if (scope.grantedIds.length) ors.push(eb('bc.id', 'in', scope.grantedIds));
  return ors.length ? eb.or(ors) : eb.val(false);
}

export async function listCases(db: Db, scope: BirthFamilyScope, q: { q?: string; council?: string; status?: 'open' | 'closed'; limit: number; offset: number }) {
  const base = db.selectFrom('birth_family_case as bc')
    .where((eb) => inScope(eb, scope))
    .$if(q.q !== undefined, (w) => w.where(sql<string>`bc.given_name || ' ' || bc.family_name`, 'ilike', `%${q.q!.replace(/[\\%_]/g, '\\$&')}%`))
    .$if(q.council !== undefined, (w) => w.where('bc.owner_id', '=', q.council!))
    .$if(q.status === 'open', (w) => w.where((eb) => eb.not(isClosed(eb))))
    .$if(q.status === 'closed', (w) => w.where((eb) => isClosed(eb)));
  const [ids, total] = await Promise.all([
    base.select('bc.id').orderBy('bc.family_name').orderBy('bc.given_name').orderBy('bc.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows = ids.length ? await caseQuery(db).where('bc.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: Number(total.n), items: ids.map((r) => byId.get(r.id)!) };
}

export async function insertCase(db: Db, c: {
  ownerId: string; childId: string | null; childFirstName: string | null; childBirthYear: number | null; givenName: string; familyName: string;
  dateOfBirth: string | null; relationship: Relationship; openedOn: string; openedBy: string | null;
}): Promise<string> {
  return (await db.insertInto('birth_family_case').values({
    owner_id: c.ownerId, child_id: c.childId, child_first_name: c.childFirstName, child_birth_year: c.childBirthYear, given_name: c.givenName, family_name: c.familyName,
    date_of_birth: c.dateOfBirth, relationship: c.relationship, opened_on: c.openedOn, opened_by: c.openedBy,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function councils(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'local-authority').orderBy('name').execute();
}

// ---- children a case may name ------------------------------------------------------------------------

/** Children whose adoption is planned or made: a placement order or later, of these councils, by name. */
const LINKABLE_STAGES = ['placement-order', 'family-finding', 'linked', 'matched', 'placed', 'adopted'] as const;

export async function linkableChildren(db: Db, councilIds: readonly string[], limit: number) {
  if (councilIds.length === 0) return [];
  return db.selectFrom('child as c').select(['c.id', sql<string>`c.first_name || ' ' || c.last_name`.as('name'), 'c.placing_authority_id as placingCouncilId', 'c.stage'])
    .where('c.placing_authority_id', 'in', [...councilIds]).where('c.stage', 'in', [...LINKABLE_STAGES])
    .orderBy('c.last_name').orderBy('c.first_name').orderBy('c.id').limit(limit).execute();
}

/** The child's placing council, if there is such a child. */
export async function childCouncil(db: Db, childId: string): Promise<string | undefined> {
  return (await db.selectFrom('child').select('placing_authority_id').where('id', '=', childId).executeTakeFirst())?.placing_authority_id;
}

// ---- what a case holds -----------------------------------------------------------------------------

export async function casePartsOf(db: Db, caseId: string) {
  const [referrals, offers, sessions, closings] = await Promise.all([
    db.selectFrom('birth_family_referral').select(['id', 'received_on as receivedOn', 'referred_by as referredBy', 'reason', 'consent_to_share as consentToShare'])
      .where('case_id', '=', caseId).orderBy('received_on').orderBy('recorded_at').execute(),
    db.selectFrom('birth_family_offer').select(['id', 'made_on as madeOn', 'kind', 'answer', 'answered_on as answeredOn'])
      .where('case_id', '=', caseId).orderBy('made_on').orderBy('recorded_at').execute(),
    db.selectFrom('birth_family_session').select(['id', 'held_on as heldOn', 'kind', 'minutes', 'note'])
      .where('case_id', '=', caseId).orderBy('held_on').orderBy('recorded_at').execute(),
    db.selectFrom('birth_family_closure').select(['id', 'closed_on as closedOn', 'outcome', 'summary', 'reopened_on as reopenedOn', 'reopen_reason as reopenReason'])
      .where('case_id', '=', caseId).orderBy('closed_on').orderBy('recorded_at').execute(),
  ]);
  return { referrals, offers, sessions, closings };
}
export type CaseParts = Awaited<ReturnType<typeof casePartsOf>>;

export async function insertReferral(db: Db, caseId: string, r: { receivedOn: string; referredBy: Referrer; reason: string; consentToShare: boolean }, by: string | null): Promise<string> {
  return (await db.insertInto('birth_family_referral').values({ case_id: caseId, received_on: r.receivedOn, referred_by: r.referredBy, reason: r.reason, consent_to_share: r.consentToShare, recorded_by: by })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertOffer(db: Db, caseId: string, o: { madeOn: string; kind: OfferKind }, by: string | null): Promise<string> {
  return (await db.insertInto('birth_family_offer').values({ case_id: caseId, made_on: o.madeOn, kind: o.kind, recorded_by: by }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function answerOffer(db: Db, id: string, a: { answer: OfferAnswer; answeredOn: string }): Promise<void> {
  await db.updateTable('birth_family_offer').set({ answer: a.answer, answered_on: a.answeredOn }).where('id', '=', id).execute();
}

export async function insertSession(db: Db, caseId: string, s: { heldOn: string; kind: SessionKind; minutes: number; note: string }, by: string | null): Promise<string> {
  return (await db.insertInto('birth_family_session').values({ case_id: caseId, held_on: s.heldOn, kind: s.kind, minutes: s.minutes, note: s.note, recorded_by: by })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertClosing(db: Db, caseId: string, c: { closedOn: string; outcome: Outcome; summary: string }, by: string | null): Promise<string> {
  return (await db.insertInto('birth_family_closure').values({ case_id: caseId, closed_on: c.closedOn, outcome: c.outcome, summary: c.summary, closed_by: by })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export async function reopen(db: Db, closingId: string, r: { reopenedOn: string; reason: string }, by: string | null): Promise<void> {
  await db.updateTable('birth_family_closure').set({ reopened_on: r.reopenedOn, reopen_reason: r.reason, reopened_by: by }).where('id', '=', closingId).execute();
}

// ---- work ----------------------------------------------------------------------------------------------

/**
 * What may fall due on the open cases in scope: referrals with no offer made since, offers with no
 * answer, and each case's last session (or, with none since, when it began or was last reopened).
 */
export async function workFacts(db: Db, scope: BirthFamilyScope) {
  const open = db.selectFrom('birth_family_case as bc').where((eb) => inScope(eb, scope)).where((eb) => eb.not(isClosed(eb)));
  const named = ['bc.id as caseId', 'bc.owner_id as ownerId', sql<string>`bc.given_name || ' ' || bc.family_name`.as('name')] as const;
  const [referrals, offers, sessions] = await Promise.all([
    open.innerJoin('birth_family_referral as r', 'r.case_id', 'bc.id').select([...named, 'r.received_on as on'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('birth_family_offer as o').select('o.id').whereRef('o.case_id', '=', 'bc.id').whereRef('o.made_on', '>=', 'r.received_on')))).execute(),
    open.innerJoin('birth_family_offer as o', 'o.case_id', 'bc.id').select([...named, 'o.made_on as on', 'o.kind']).where('o.answer', 'is', null).execute(),
    open.select([...named, sql<string>`greatest(
      (select max(s.held_on) from birth_family_session s where s.case_id = bc.id),
      (select min(r.received_on) from birth_family_referral r where r.case_id = bc.id),
      (select max(x.reopened_on) from birth_family_closure x where x.case_id = bc.id))::text`.as('on')]).execute(),
  ]);
  return { referrals, offers, sessions };
}
