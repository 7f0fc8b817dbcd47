// The SQL of non-agency and inter-country adoptions: each record with its council's name, the
// lists filtered by the policy's scope (open or closed, by council, by name), writing a new
// record and a step's fields, and the open cases whose dates the work queue reads.
import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
import type { Db } from '../core/db.ts';
import type { Database } from '../core/schema.ts';
import type { IntercountryFacts } from './intercountry-model.ts';
import type { NonAgencyFacts, Relationship } from './non-agency-model.ts';
import type { AdoptionScope } from './policy.ts';
import type { IntercountryAdoptionTable, NonAgencyAdoptionTable } from './tables.ts';
import './tables.ts';

type Table = 'non_agency_adoption' | 'intercountry_adoption';

/** camelCase fact → snake_case column, for the step fields a service writes. */
const column = (field: string) => field.replace(/[A-Z0-9]/g, (ch) => `_${ch.toLowerCase()}`);

export interface NonAgencyRow extends NonAgencyFacts {
  id: string;
  councilId: string;
  councilName: string;
  applicant1Name: string;
  applicant2Name: string | null;
  childName: string;
}

export interface IntercountryRow extends IntercountryFacts {
  id: string;
  councilId: string;
  councilName: string;
  applicant1Name: string;
  applicant2Name: string | null;
  country: string;
  hague: boolean;
}

function nonAgencyQuery(db: Db) {
  return db.selectFrom('non_agency_adoption as a').innerJoin('organisation as o', 'o.id', 'a.council_id').select([
    'a.id', 'a.council_id as councilId', 'o.name as councilName', 'a.applicant_1_name as applicant1Name', 'a.applicant_2_name as applicant2Name', 'a.relationship',
    'a.child_name as childName', 'a.child_date_of_birth as childDateOfBirth', 'a.notice_received_on as noticeReceivedOn', 'a.residence_started_on as residenceStartedOn',
    'a.applied_on as appliedOn', 'a.court', 'a.court_case_number as courtCaseNumber', 'a.report_requested_on as reportRequestedOn', 'a.report_due_on as reportDueOn',
    'a.report_filed_on as reportFiledOn', 'a.outcome', 'a.outcome_on as outcomeOn',
  ]);
}

function intercountryQuery(db: Db) {
  return db.selectFrom('intercountry_adoption as a').innerJoin('organisation as o', 'o.id', 'a.council_id').select([
    'a.id', 'a.council_id as councilId', 'o.name as councilName', 'a.applicant_1_name as applicant1Name', 'a.applicant_2_name as applicant2Name', 'a.country', 'a.hague',
    'a.enquiry_on as enquiryOn', 'a.assessment_provider as assessmentProvider', 'a.assessment_commissioned_on as assessmentCommissionedOn',
    'a.assessment_completed_on as assessmentCompletedOn', 'a.panel_on as panelOn', 'a.decision', 'a.decision_on as decisionOn', 'a.dfe_papers_sent_on as dfePapersSentOn',
    'a.certificate_issued_on as certificateIssuedOn', 'a.child_name as childName', 'a.child_date_of_birth as childDateOfBirth', 'a.matched_on as matchedOn',
    'a.arrived_on as arrivedOn', 'a.order_applied_on as orderAppliedOn', 'a.outcome', 'a.outcome_on as outcomeOn',
  ]);
}

/** The record; with `lock`, held for the rest of the transaction, so two people recording a step at once take turns. */
export async function findNonAgency(db: Db, id: string, lock = false): Promise<NonAgencyRow | undefined> {
  return nonAgencyQuery(db).where('a.id', '=', id).$if(lock, (q) => q.forUpdate('a')).executeTakeFirst();
}

export async function findIntercountry(db: Db, id: string, lock = false): Promise<IntercountryRow | undefined> {
  return intercountryQuery(db).where('a.id', '=', id).$if(lock, (q) => q.forUpdate('a')).executeTakeFirst();
}

type Eb = ExpressionBuilder<Database & { a: Database[Table] }, 'a'>;
const inScope = (eb: Eb, scope: AdoptionScope) => eb.or([
  ...(scope.ownerIds.length ? [eb('a.council_id', 'in', scope.ownerIds)] : []),
  ...(scope.grantedIds.length ? [eb('a.id', 'in', scope.grantedIds)] : []),
  eb.val(false),
]);

export interface ListFilter {
  q?: string;
  council?: string;
  status: 'open' | 'closed' | 'all';
  limit: number;
  offset: number;
}

/** A page of records in scope: open ones first, then by the first applicant's name. */
async function listOf<R>(db: Db, table: Table, nameColumns: string[], scope: AdoptionScope, f: ListFilter, rows: (ids: string[]) => Promise<(R & { id: string })[]>) {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const base = db.selectFrom(`${table} as a` as 'non_agency_adoption as a')
    .where((eb) => inScope(eb as unknown as Eb, scope))
    .$if(f.council !== undefined, (w) => w.where('a.council_id', '=', f.council!))
    .$if(f.status === 'open', (w) => w.where('a.outcome', 'is', null))
    .$if(f.status === 'closed', (w) => w.where('a.outcome', 'is not', null))
    .$if(like !== null, (w) => w.where(sql<boolean>`(${sql.join(nameColumns.map((c) => sql`coalesce(${sql.ref(`a.${c}`)}, '') ilike ${like}`), sql` or `)})`));
  const [ids, total] = await Promise.all([
    base.select('a.id').orderBy(sql`a.outcome is not null`).orderBy('a.applicant_1_name').orderBy('a.id').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const found = ids.length ? await rows(ids.map((r) => r.id)) : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return { total: Number(total.n), items: ids.map((r) => byId.get(r.id)!) };
}

export const listNonAgency = (db: Db, scope: AdoptionScope, f: ListFilter) =>
  listOf<NonAgencyRow>(db, 'non_agency_adoption', ['applicant_1_name', 'applicant_2_name', 'child_name'], scope, f, (ids) => nonAgencyQuery(db).where('a.id', 'in', ids).execute());

export const listIntercountry = (db: Db, scope: AdoptionScope, f: ListFilter) =>
  listOf<IntercountryRow>(db, 'intercountry_adoption', ['applicant_1_name', 'applicant_2_name', 'child_name', 'country'], scope, f, (ids) => intercountryQuery(db).where('a.id', 'in', ids).execute());

export async function insertNonAgency(db: Db, r: { councilId: string; applicant1Name: string; applicant2Name: string | null; relationship: Relationship; childName: string; childDateOfBirth: string; noticeReceivedOn: string; residenceStartedOn: string }, by: string | null): Promise<string> {
  const { id } = await db.insertInto('non_agency_adoption').values({
    council_id: r.councilId, applicant_1_name: r.applicant1Name, applicant_2_name: r.applicant2Name, relationship: r.relationship, child_name: r.childName,
    child_date_of_birth: r.childDateOfBirth, notice_received_on: r.noticeReceivedOn, residence_started_on: r.residenceStartedOn, opened_by: by,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertIntercountry(db: Db, r: { councilId: string; applicant1Name: string; applicant2Name: string | null; country: string; hague: boolean; enquiryOn: string }, by: string | null): Promise<string> {
  const { id } = await db.insertInto('intercountry_adoption').values({
    council_id: r.councilId, applicant_1_name: r.applicant1Name, applicant_2_name: r.applicant2Name, country: r.country, hague: r.hague, enquiry_on: r.enquiryOn, opened_by: by,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Write a step's fields (camelCase facts) to the record. */
export async function setNonAgencyFields(db: Db, id: string, fields: Partial<NonAgencyFacts>): Promise<void> {
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [column(k), v ?? null])) as Updateable<NonAgencyAdoptionTable>;
  await db.updateTable('non_agency_adoption').set(values).where('id', '=', id).execute();
}

export async function setIntercountryFields(db: Db, id: string, fields: Partial<IntercountryFacts>): Promise<void> {
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [column(k), v ?? null])) as Updateable<IntercountryAdoptionTable>;
  await db.updateTable('intercountry_adoption').set(values).where('id', '=', id).execute();
}

export async function councils(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'local-authority').orderBy('name').execute();
}

/** The open non-agency cases in scope that may have work due by `until`: a report awaited, or a notice with no application. */
export async function nonAgencyWorkFacts(db: Db, scope: AdoptionScope, until: string, lapsingFrom: string): Promise<NonAgencyRow[]> {
  return nonAgencyQuery(db).where((eb) => inScope(eb as unknown as Eb, scope)).where('a.outcome', 'is', null)
    .where((eb) => eb.or([
      eb.and([eb('a.report_requested_on', 'is not', null), eb('a.report_filed_on', 'is', null), eb('a.report_due_on', '<=', until)]),
      eb.and([eb('a.applied_on', 'is', null), eb('a.notice_received_on', '<=', lapsingFrom)]),
    ])).orderBy('a.id').execute();
}

/** The open inter-country cases in scope (few: the prompts are worked out from each one's dates). */
export async function openIntercountry(db: Db, scope: AdoptionScope): Promise<IntercountryRow[]> {
  return intercountryQuery(db).where((eb) => inScope(eb as unknown as Eb, scope)).where('a.outcome', 'is', null).orderBy('a.id').execute();
}
