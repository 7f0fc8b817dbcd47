// The SQL of services to adopted adults: requests with their owner's name, what each holds
// (counselling, steps, vetoes), vetoes on the same adopted person found on other requests (by name
// at birth and date of birth), lists filtered by the policy's scope, and the facts the work queue
// needs.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../core/db.ts';
import { pageAndTotal } from '../core/paging.ts';
import type { Database } from '../core/schema.ts';
import type { ListQuery, RequestInput } from './input.ts';
import type { Answer, Counsellor, Outcome, Step, VetoKind } from './model.ts';
import type { AdoptedAdultScope } from './policy.ts';
import './tables.ts';

type Eb = ExpressionBuilder<Database & { r: Database['adopted_adult_request'] }, 'r'>;

function requestQuery(db: Db) {
  return db.selectFrom('adopted_adult_request as r').innerJoin('organisation as o', 'o.id', 'r.owner_id')
    .select(['r.id', 'r.owner_id as ownerId', 'o.name as ownerName', 'r.kind', 'r.received_on as receivedOn',
      'r.applicant_given_name as applicantGivenName', 'r.applicant_family_name as applicantFamilyName', 'r.applicant_date_of_birth as applicantDateOfBirth',
      'r.applicant_address as applicantAddress', 'r.applicant_role as applicantRole', 'r.relationship',
      'r.birth_name as birthName', 'r.adoptive_name as adoptiveName', 'r.adopted_date_of_birth as adoptedDateOfBirth',
      'r.order_on as orderOn', 'r.order_on_exact as orderOnExact', 'r.court', 'r.outcome', 'r.outcome_reason as outcomeReason', 'r.closed_on as closedOn']);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

export async function findRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  return requestQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** Hold the request while a step is checked against what it already holds (two people at once). */
export async function lockRequest(db: Db, id: string): Promise<void> {
  await db.selectFrom('adopted_adult_request').select('id').where('id', '=', id).forUpdate().execute();
}

function inScope(eb: Eb, scope: AdoptedAdultScope) {
  const ors = [];
  if (scope.ownerIds.length) ors.push(eb('r.owner_id', 'in', scope.ownerIds));
  if (scope.grantedIds.length) ors.push(eb('r.id', 'in', scope.grantedIds));
  return ors.length ? eb.or(ors) : eb.val(false);
}

export async function listRequests(db: Db, scope: AdoptedAdultScope, q: ListQuery) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : '';
  const base = db.selectFrom('adopted_adult_request as r')
    .where((eb) => inScope(eb, scope))
    .$if(q.q !== undefined, (w) => w.where((eb) => eb.or([
      eb(sql<string>`r.applicant_given_name || ' ' || r.applicant_family_name`, 'ilike', like), eb('r.birth_name', 'ilike', like), eb('r.adoptive_name', 'ilike', like),
    ])))
    .$if(q.council !== undefined, (w) => w.where('r.owner_id', '=', q.council!))
    .$if(q.kind !== undefined, (w) => w.where('r.kind', '=', q.kind!))
    .$if(q.status === 'open', (w) => w.where('r.closed_on', 'is', null))
    .$if(q.status === 'closed', (w) => w.where('r.closed_on', 'is not', null));
  const { total, items: ids } = await pageAndTotal(
    base.select('r.id').orderBy('r.received_on', 'desc').orderBy('r.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
  const rows = ids.length ? await requestQuery(db).where('r.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total, items: ids.map((r) => byId.get(r.id)!) };
}

export async function insertRequest(db: Db, r: RequestInput, by: string | null): Promise<string> {
  const { id } = await db.insertInto('adopted_adult_request').values({
    owner_id: r.ownerId, kind: r.kind, received_on: r.receivedOn, applicant_given_name: r.applicantGivenName, applicant_family_name: r.applicantFamilyName,
    applicant_date_of_birth: r.applicantDateOfBirth, applicant_address: r.applicantAddress ?? null, applicant_role: r.applicantRole, relationship: r.relationship ?? null,
    birth_name: r.birthName, adoptive_name: r.adoptiveName, adopted_date_of_birth: r.adoptedDateOfBirth, order_on: r.orderOn, order_on_exact: r.orderOnExact, court: r.court ?? null,
    created_by: by,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function councils(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'local-authority').orderBy('name').execute();
}

// ---- what a request holds -----------------------------------------------------------------------------

export async function partsOf(db: Db, requestId: string) {
  const [counselling, steps, vetoes] = await Promise.all([
    db.selectFrom('adopted_adult_counselling').select(['id', 'held_on as heldOn', 'counsellor', 'minutes', 'note']).where('request_id', '=', requestId).orderBy('held_on').orderBy('recorded_at').execute(),
    db.selectFrom('adopted_adult_step').select(['id', 'step', 'on_date as on', 'person', 'answer', 'meets_veto_circumstances as meetsVetoCircumstances', 'note'])
      .where('request_id', '=', requestId).orderBy('on_date').orderBy('recorded_at').execute(),
    db.selectFrom('adopted_adult_veto').select(['id', 'kind', 'circumstances', 'registered_on as registeredOn']).where('request_id', '=', requestId).orderBy('registered_on').execute(),
  ]);
  return { counselling, steps, vetoes };
}

/** Vetoes registered on other requests about the same adopted person (same name at birth, same date of birth), with the council that holds each. */
export async function vetoesElsewhere(db: Db, r: { id: string; birthName: string; adoptedDateOfBirth: string }) {
  return db.selectFrom('adopted_adult_veto as v').innerJoin('adopted_adult_request as r', 'r.id', 'v.request_id').innerJoin('organisation as o', 'o.id', 'r.owner_id')
    .select(['v.id', 'v.kind', 'v.circumstances', 'v.registered_on as registeredOn', 'v.request_id as requestId', 'r.owner_id as ownerId', 'o.name as ownerName'])
    // The same person however the name was typed: case, spaces, hyphens and apostrophes set aside.
    .where('r.id', '<>', r.id).where(sql<string>`regexp_replace(lower(r.birth_name), '[^[:alnum:]]', '', 'g')`, '=', sql<string>`regexp_replace(lower(${r.birthName}), '[^[:alnum:]]', '', 'g')`)
    .where('r.adopted_date_of_birth', '=', r.adoptedDateOfBirth)
    .orderBy('v.registered_on').execute();
}

export async function insertCounselling(db: Db, requestId: string, c: { heldOn: string; counsellor: Counsellor; minutes?: number; note?: string }, by: string | null): Promise<string> {
  return (await db.insertInto('adopted_adult_counselling').values({ request_id: requestId, held_on: c.heldOn, counsellor: c.counsellor, minutes: c.minutes ?? null, note: c.note ?? null, recorded_by: by })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertStep(db: Db, requestId: string, s: { step: Step; on: string; person?: string; answer?: Answer; meetsVetoCircumstances?: boolean; note?: string }, by: string | null): Promise<string> {
  return (await db.insertInto('adopted_adult_step').values({
    request_id: requestId, step: s.step, on_date: s.on, person: s.person ?? null, answer: s.answer ?? null,
    meets_veto_circumstances: s.step === 'approach-made' ? s.meetsVetoCircumstances ?? false : null, note: s.note ?? null, recorded_by: by,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertVeto(db: Db, requestId: string, v: { kind: VetoKind; circumstances?: string; registeredOn: string }, by: string | null): Promise<string> {
  return (await db.insertInto('adopted_adult_veto').values({ request_id: requestId, kind: v.kind, circumstances: v.circumstances ?? null, registered_on: v.registeredOn, recorded_by: by })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export async function closeRequest(db: Db, id: string, c: { outcome: Outcome; closedOn: string; reason?: string }): Promise<void> {
  await db.updateTable('adopted_adult_request').set({ outcome: c.outcome, closed_on: c.closedOn, outcome_reason: c.reason ?? null }).where('id', '=', id).execute();
}

// ---- work -------------------------------------------------------------------------------------------------

/** Open requests in scope, with what the work queue needs: the last step, the first response, and whether any counselling is recorded. */
export async function openRequestFacts(db: Db, scope: AdoptedAdultScope) {
  return db.selectFrom('adopted_adult_request as r')
    .where((eb) => inScope(eb, scope)).where('r.closed_on', 'is', null)
    .select(['r.id', 'r.owner_id as ownerId', 'r.kind', 'r.applicant_role as applicantRole', 'r.received_on as receivedOn', 'r.order_on as orderOn', 'r.order_on_exact as orderOnExact',
      sql<string>`r.applicant_given_name || ' ' || r.applicant_family_name`.as('applicantName'),
      sql<string | null>`(select max(s.on_date) from adopted_adult_step s where s.request_id = r.id)`.as('lastStepOn'),
      sql<string | null>`least((select min(s.on_date) from adopted_adult_step s where s.request_id = r.id), (select min(c.held_on) from adopted_adult_counselling c where c.request_id = r.id))`.as('firstResponseOn'),
      sql<boolean>`exists (select 1 from adopted_adult_counselling c where c.request_id = r.id)`.as('counsellingRecorded')])
    .orderBy('r.received_on').orderBy('r.id').execute();
}
