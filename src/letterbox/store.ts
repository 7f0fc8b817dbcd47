// SQL for letterbox contact: agreements with their parties and history, exchanges, and the lists
// filtered by the policy's scope. The child's name and reference are read beside an agreement to
// name it (whether a person may see the child's page or birth family is the children area's answer).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../core/db.ts';
import { pageAndTotal } from '../core/paging.ts';
import type { AgreementListQuery, ExchangeListQuery } from './input.ts';
import type { AgreementDirection, AgreementStatus, ExchangeDirection, ScreeningOutcome } from './model.ts';
import './tables.ts';

export interface Scope { ownerIds: readonly string[]; grantedIds: readonly string[] }

/** The policy's list scope as SQL on the agreement `a`: its owner is in scope, or the person holds a grant on it. */
function inScope(scope: Scope): Expression<SqlBool> {
  const parts = [];
  if (scope.ownerIds.length) parts.push(sql<SqlBool>`a.owner_id in (${sql.join([...scope.ownerIds])})`);
  if (scope.grantedIds.length) parts.push(sql<SqlBool>`a.id in (${sql.join([...scope.grantedIds])})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

export interface AgreementRow {
  id: string;
  childId: string;
  childName: string;
  childRef: string;
  ownerId: string;
  ownerName: string;
  direction: AgreementDirection;
  firstMonth: number;
  secondMonth: number | null;
  startDate: string;
  status: AgreementStatus;
  reviewOn: string | null;
  activeSince: string;
  adoptiveFamily: string;
}

function agreementQuery(db: Db) {
  return db.selectFrom('letterbox_agreement as a').innerJoin('child as c', 'c.id', 'a.child_id').innerJoin('organisation as o', 'o.id', 'a.owner_id')
    .select(['a.id', 'a.child_id as childId', sql<string>`c.first_name || ' ' || c.last_name`.as('childName'), 'c.la_child_ref as childRef', 'a.owner_id as ownerId', 'o.name as ownerName',
      'a.direction', 'a.first_month as firstMonth', 'a.second_month as secondMonth', 'a.start_date as startDate', 'a.status', 'a.review_on as reviewOn', 'a.active_since as activeSince',
      'a.adoptive_family as adoptiveFamily']);
}

export async function findAgreement(db: Db, id: string): Promise<AgreementRow | undefined> {
  return agreementQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export async function listAgreements(db: Db, scope: Scope, q: AgreementListQuery): Promise<{ total: number; items: AgreementRow[] }> {
  const filter = sql<SqlBool>`${inScope(scope)} and (${q.status ?? null}::text is null or a.status = ${q.status ?? null})`;
  const count = db.selectFrom('letterbox_agreement as a').select((eb) => eb.fn.countAll<string>().as('n')).where(filter).executeTakeFirstOrThrow();
  return pageAndTotal(agreementQuery(db).where(filter).orderBy('c.last_name').orderBy('c.first_name').orderBy('a.id').offset(q.offset).limit(q.limit).execute(), count);
}

/** Active agreements in scope, for the reminders: each with the occasions already recorded. */
export async function activeSchedules(db: Db, scope: Scope): Promise<(AgreementRow & { recorded: { direction: ExchangeDirection; dueOn: string }[] })[]> {
  const rows = await agreementQuery(db).where(inScope(scope)).where('a.status', '=', 'active').orderBy('a.id').execute();
  if (rows.length === 0) return [];
  const recorded = await db.selectFrom('letterbox_exchange').select(['agreement_id as agreementId', 'direction', 'due_on as dueOn'])
    .where('agreement_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({ ...r, recorded: recorded.filter((x) => x.agreementId === r.id) }));
}

export async function insertAgreement(db: Db, a: { childId: string; ownerId: string; direction: AgreementDirection; firstMonth: number; secondMonth: number | null; startDate: string; reviewOn: string | null; adoptiveFamily: string; createdBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('letterbox_agreement').values({
    child_id: a.childId, owner_id: a.ownerId, direction: a.direction, first_month: a.firstMonth, second_month: a.secondMonth, start_date: a.startDate,
    review_on: a.reviewOn, active_since: a.startDate, adoptive_family: a.adoptiveFamily, created_by: a.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function setStatus(db: Db, id: string, s: { status: AgreementStatus; reviewOn: string | null; activeSince: string }): Promise<void> {
  await db.updateTable('letterbox_agreement').set({ status: s.status, review_on: s.reviewOn, active_since: s.activeSince }).where('id', '=', id).execute();
}

// ---- parties and history ----------------------------------------------------------------------

export interface PartyRow { id: string; name: string; relationship: string }

export async function insertParties(db: Db, agreementId: string, parties: readonly { name: string; relationship: string }[]): Promise<void> {
  await db.insertInto('letterbox_party').values(parties.map((p, i) => ({ agreement_id: agreementId, name: p.name, relationship: p.relationship, position: i }))).execute();
}

export async function partiesOf(db: Db, agreementId: string): Promise<PartyRow[]> {
  return db.selectFrom('letterbox_party').select(['id', 'name', 'relationship']).where('agreement_id', '=', agreementId).orderBy('position').execute();
}

export interface ChangeRow { changedOn: string; status: AgreementStatus; reviewOn: string | null; note: string | null; byName: string | null }

export async function insertChange(db: Db, agreementId: string, c: { changedOn: string; status: AgreementStatus; reviewOn: string | null; note: string | null; by: string | null }): Promise<void> {
  await db.insertInto('letterbox_change').values({ agreement_id: agreementId, changed_on: c.changedOn, status: c.status, review_on: c.reviewOn, note: c.note, changed_by: c.by }).execute();
}

export async function changesOf(db: Db, agreementId: string): Promise<ChangeRow[]> {
  return db.selectFrom('letterbox_change as h').leftJoin('staff as s', 's.id', 'h.changed_by')
    .select(['h.changed_on as changedOn', 'h.status', 'h.review_on as reviewOn', 'h.note', 's.display_name as byName'])
    .where('h.agreement_id', '=', agreementId).orderBy('h.changed_on').orderBy('h.changed_at').execute();
}

// ---- exchanges --------------------------------------------------------------------------------

export interface ExchangeRow {
  id: string;
  agreementId: string;
  direction: ExchangeDirection;
  dueOn: string;
  receivedOn: string;
  fromPartyId: string | null;
  screenedOn: string | null;
  screenedByName: string | null;
  outcome: ScreeningOutcome | null;
  redactions: string | null;
  withheldReason: string | null;
  forwardedOn: string | null;
  forwardedToPartyId: string | null;
  filedOn: string | null;
}

const EXCHANGE_COLUMNS = ['e.id', 'e.agreement_id as agreementId', 'e.direction', 'e.due_on as dueOn', 'e.received_on as receivedOn', 'e.from_party_id as fromPartyId',
  'e.screened_on as screenedOn', 's.display_name as screenedByName', 'e.outcome', 'e.redactions', 'e.withheld_reason as withheldReason',
  'e.forwarded_on as forwardedOn', 'e.forwarded_to_party_id as forwardedToPartyId', 'e.filed_on as filedOn'] as const;

function exchangeQuery(db: Db) {
  return db.selectFrom('letterbox_exchange as e').leftJoin('staff as s', 's.id', 'e.screened_by')
    .select(EXCHANGE_COLUMNS);
}

export async function findExchange(db: Db, id: string): Promise<ExchangeRow | undefined> {
  return exchangeQuery(db).where('e.id', '=', id).executeTakeFirst();
}

/** Hold the exchange while a step is recorded on it. */
export async function lockExchange(db: Db, id: string): Promise<void> {
  await db.selectFrom('letterbox_exchange').select('id').where('id', '=', id).forUpdate().execute();
}

export async function exchangesOf(db: Db, agreementId: string): Promise<ExchangeRow[]> {
  return exchangeQuery(db).where('e.agreement_id', '=', agreementId).orderBy('e.due_on').orderBy('e.direction').execute();
}

export type ListedExchange = ExchangeRow & { childName: string; ownerId: string; ownerName: string; childId: string };

/** Exchanges in scope: awaiting screening oldest first, or every one newest first. */
export async function listExchanges(db: Db, scope: Scope, q: ExchangeListQuery): Promise<{ total: number; items: ListedExchange[] }> {
  const awaiting = q.awaiting === 'screening';
  const base = db.selectFrom('letterbox_exchange as e').innerJoin('letterbox_agreement as a', 'a.id', 'e.agreement_id').where(inScope(scope))
    .$if(awaiting, (x) => x.where('e.screened_on', 'is', null));
  const page = base.innerJoin('child as c', 'c.id', 'a.child_id').innerJoin('organisation as o', 'o.id', 'a.owner_id').leftJoin('staff as s', 's.id', 'e.screened_by')
    .select(EXCHANGE_COLUMNS).select([sql<string>`c.first_name || ' ' || c.last_name`.as('childName'), 'a.child_id as childId', 'a.owner_id as ownerId', 'o.name as ownerName'])
    .orderBy('e.received_on', awaiting ? 'asc' : 'desc').orderBy('e.id').offset(q.offset).limit(q.limit).execute();
  return pageAndTotal(page, base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
}

export async function insertExchange(db: Db, e: { agreementId: string; direction: ExchangeDirection; dueOn: string; receivedOn: string; fromPartyId: string | null; by: string | null }): Promise<string> {
  const { id } = await db.insertInto('letterbox_exchange').values({
    agreement_id: e.agreementId, direction: e.direction, due_on: e.dueOn, received_on: e.receivedOn, from_party_id: e.fromPartyId, received_by: e.by,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export type StepValues =
  | { step: 'screen'; screenedOn: string; outcome: ScreeningOutcome; redactions: string | null; withheldReason: string | null; by: string | null }
  | { step: 'forward'; forwardedOn: string; toPartyId: string | null; by: string | null }
  | { step: 'file'; filedOn: string; by: string | null };

export async function saveStep(db: Db, id: string, v: StepValues): Promise<void> {
  const set = v.step === 'screen' ? { screened_on: v.screenedOn, outcome: v.outcome, redactions: v.redactions, withheld_reason: v.withheldReason, screened_by: v.by }
    : v.step === 'forward' ? { forwarded_on: v.forwardedOn, forwarded_to_party_id: v.toPartyId, forwarded_by: v.by }
      : { filed_on: v.filedOn, filed_by: v.by };
  await db.updateTable('letterbox_exchange').set(set).where('id', '=', id).execute();
}
