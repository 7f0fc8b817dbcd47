// The SQL of support after adoption: cases with the facts of the child they are about (read to
// find who is responsible; whether a person may see the child's own record is the children
// area's answer), their requests, assessments, plans, fund applications and allowances, the
// fund's rules, and the lists filtered by the policy's scope.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../core/db.ts';
import type { Database } from '../core/schema.ts';
import type { AsfKind, AsfStatus, AsfRule, AssessmentOutcome } from './model.ts';
import type { SupportScope } from './policy.ts';
import './tables.ts';

type Eb = ExpressionBuilder<Database & { sc: Database['support_case']; c: Database['child'] }, 'sc' | 'c'>;

/** The day of the child's adoption order (the latest, should one have been recorded again). */
const orderOn = sql<string | null>`(select max(m.date) from milestone m where m.child_id = sc.child_id and m.type = 'adoption-order')`;

/** The council responsible on the day, in SQL: the same rule as model.ts responsibility(). */
const responsibleOn = (today: string) => sql<string>`case when sc.residence_council_id <> c.placing_authority_id and ${orderOn} is not null
  and (${orderOn} + interval '3 years')::date <= ${today}::date then sc.residence_council_id else c.placing_authority_id end`;

export interface CaseRow {
  id: string;
  childId: string;
  childName: string;
  dateOfBirth: string;
  placingCouncilId: string;
  placingCouncilName: string;
  residenceCouncilId: string;
  residenceCouncilName: string;
  householdId: string | null;
  householdReference: string | null;
  adoptionOrderOn: string | null;
  placedOn: string | null;
  openedOn: string;
}

function caseQuery(db: Db) {
  return db.selectFrom('support_case as sc').innerJoin('child as c', 'c.id', 'sc.child_id')
    .innerJoin('organisation as pc', 'pc.id', 'c.placing_authority_id').innerJoin('organisation as rc', 'rc.id', 'sc.residence_council_id')
    .leftJoin('household as h', 'h.id', 'sc.household_id')
    .select(['sc.id', 'sc.child_id as childId', sql<string>`c.first_name || ' ' || c.last_name`.as('childName'), 'c.date_of_birth as dateOfBirth',
      'c.placing_authority_id as placingCouncilId', 'pc.name as placingCouncilName', 'sc.residence_council_id as residenceCouncilId', 'rc.name as residenceCouncilName',
      'sc.household_id as householdId', 'h.reference as householdReference', orderOn.as('adoptionOrderOn'), 'c.placed_date as placedOn', 'sc.opened_on as openedOn']);
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return caseQuery(db).where('sc.id', '=', id).executeTakeFirst();
}

/** Several cases in one query (a work queue's, say). */
export async function findCases(db: Db, ids: readonly string[]): Promise<CaseRow[]> {
  return ids.length ? caseQuery(db).where('sc.id', 'in', ids).execute() : [];
}

/** Hold the case while an application is checked against what the child's others commit. */
export async function lockCase(db: Db, id: string): Promise<void> {
  await db.selectFrom('support_case').select('id').where('id', '=', id).forUpdate().execute();
}

function inScope(eb: Eb, scope: SupportScope, today: string) {
  const ors = [];
  if (scope.ownerIds.length) ors.push(eb(responsibleOn(today), 'in', scope.ownerIds));
  if (scope.childCouncilIds.length) ors.push(eb('c.placing_authority_id', 'in', scope.childCouncilIds));
  if (scope.grantedIds.length) ors.push(eb('sc.id', 'in', scope.grantedIds));
  return ors.length ? eb.or(ors) : eb.val(false);
}

export async function listCases(db: Db, scope: SupportScope, q: { q?: string; council?: string; open: boolean; limit: number; offset: number }, today: string) {
  const base = db.selectFrom('support_case as sc').innerJoin('child as c', 'c.id', 'sc.child_id')
    .where((eb) => inScope(eb, scope, today))
    .$if(q.q !== undefined, (w) => w.where(sql<string>`c.first_name || ' ' || c.last_name`, 'ilike', `%${q.q!.replace(/[\\%_]/g, '\\$&')}%`))
    .$if(q.council !== undefined, (w) => w.where(responsibleOn(today), '=', q.council!))
    .$if(q.open, (w) => w.where((eb) => eb.or([
      eb.exists(eb.selectFrom('support_assessment as a').select('a.id').whereRef('a.case_id', '=', 'sc.id').where('a.completed_on', 'is', null)),
      eb.exists(eb.selectFrom('asf_application as f').select('f.id').whereRef('f.case_id', '=', 'sc.id').where('f.status', '=', 'submitted')),
    ])));
  const [ids, total] = await Promise.all([
    base.select('sc.id').orderBy('c.last_name').orderBy('c.first_name').orderBy('sc.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows = ids.length ? await caseQuery(db).where('sc.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: Number(total.n), items: ids.map((r) => byId.get(r.id)!) };
}

export async function insertCase(db: Db, c: { childId: string; householdId: string | null; residenceCouncilId: string; openedOn: string; openedBy: string | null }): Promise<string> {
  const { id } = await db.insertInto('support_case').values({ child_id: c.childId, household_id: c.householdId, residence_council_id: c.residenceCouncilId, opened_on: c.openedOn, opened_by: c.openedBy })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function caseOfChild(db: Db, childId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('support_case').select('id').where('child_id', '=', childId).executeTakeFirst();
}

// ---- the children a case may be opened for ---------------------------------------------------------

export interface ChildFacts {
  id: string;
  name: string;
  placingCouncilId: string;
  adoptionOrderOn: string | null;
  placedOn: string | null;
}

function adoptedChildren(db: Db) {
  return db.selectFrom('child as c')
    .select(['c.id', sql<string>`c.first_name || ' ' || c.last_name`.as('name'), 'c.placing_authority_id as placingCouncilId', 'c.placed_date as placedOn',
      sql<string | null>`(select max(m.date) from milestone m where m.child_id = c.id and m.type = 'adoption-order')`.as('adoptionOrderOn')])
    .where((eb) => eb.or([eb('c.stage', '=', 'adopted'), eb('c.stage', '=', 'placed')]));
}

/** The child, if adopted or placed for adoption. */
export async function adoptedChild(db: Db, id: string): Promise<ChildFacts | undefined> {
  return adoptedChildren(db).where('c.id', '=', id).executeTakeFirst();
}

/** Adopted or placed children of these councils with no support case yet, by name. */
export async function childrenWithoutCase(db: Db, councilIds: readonly string[], limit: number): Promise<ChildFacts[]> {
  if (councilIds.length === 0) return [];
  return adoptedChildren(db).where('c.placing_authority_id', 'in', [...councilIds])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('support_case as x').select('x.id').whereRef('x.child_id', '=', 'c.id'))))
    .orderBy('c.last_name').orderBy('c.first_name').orderBy('c.id').limit(limit).execute();
}

export async function councils(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'local-authority').orderBy('name').execute();
}

// ---- what a case holds -----------------------------------------------------------------------------

export async function casePartsOf(db: Db, caseId: string) {
  const [requests, assessments, plans, applications, allowances] = await Promise.all([
    db.selectFrom('support_request').select(['id', 'received_on as receivedOn', 'asked_by as askedBy', 'asked_for as askedFor']).where('case_id', '=', caseId).orderBy('received_on').orderBy('recorded_at').execute(),
    db.selectFrom('support_assessment').select(['id', 'started_on as startedOn', 'completed_on as completedOn', 'outcome', 'summary']).where('case_id', '=', caseId).orderBy('started_on').orderBy('recorded_at').execute(),
    db.selectFrom('support_plan').select(['id', 'what', 'provided_by as providedBy', 'starts_on as startsOn', 'review_on as reviewOn']).where('case_id', '=', caseId).orderBy('starts_on').orderBy('recorded_at').execute(),
    applicationsOf(db).where('f.case_id', '=', caseId).orderBy('f.financial_year').orderBy('f.recorded_at').execute(),
    db.selectFrom('adoption_allowance as a').innerJoin('organisation as o', 'o.id', 'a.payer_id')
      .select(['a.id', 'a.payer_id as payerId', 'o.name as payerName', 'a.assessed_on as assessedOn', 'a.weekly_pence as weeklyPence', 'a.starts_on as startsOn', 'a.review_on as reviewOn'])
      .where('a.case_id', '=', caseId).orderBy('a.starts_on').execute(),
  ]);
  return { requests, assessments, plans, applications, allowances };
}


export async function insertRequest(db: Db, caseId: string, r: { receivedOn: string; askedBy: string; askedFor: string }, by: string | null): Promise<string> {
  return (await db.insertInto('support_request').values({ case_id: caseId, received_on: r.receivedOn, asked_by: r.askedBy, asked_for: r.askedFor, recorded_by: by }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAssessment(db: Db, caseId: string, startedOn: string, by: string | null): Promise<string> {
  return (await db.insertInto('support_assessment').values({ case_id: caseId, started_on: startedOn, recorded_by: by }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function completeAssessment(db: Db, id: string, o: { completedOn: string; outcome: AssessmentOutcome; summary: string }): Promise<void> {
  await db.updateTable('support_assessment').set({ completed_on: o.completedOn, outcome: o.outcome, summary: o.summary }).where('id', '=', id).execute();
}

export async function insertPlan(db: Db, caseId: string, p: { what: string; providedBy: string; startsOn: string; reviewOn: string }, by: string | null): Promise<string> {
  return (await db.insertInto('support_plan').values({ case_id: caseId, what: p.what, provided_by: p.providedBy, starts_on: p.startsOn, review_on: p.reviewOn, recorded_by: by }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAllowance(db: Db, caseId: string, a: { payerId: string; assessedOn: string; weeklyPence: number; startsOn: string; reviewOn: string }, by: string | null): Promise<string> {
  return (await db.insertInto('adoption_allowance').values({ case_id: caseId, payer_id: a.payerId, assessed_on: a.assessedOn, weekly_pence: a.weeklyPence, starts_on: a.startsOn, review_on: a.reviewOn, recorded_by: by })
    .returning('id').executeTakeFirstOrThrow()).id;
}

// ---- the Adoption Support Fund -----------------------------------------------------------------------

export async function asfRules(db: Db): Promise<AsfRule[]> {
  return db.selectFrom('asf_rule').select(['from_year as fromYear', 'to_year as toYear', 'fair_access_limit_pence as fairAccessLimitPence', 'assessment_limit_pence as assessmentLimitPence',
    'assessments_within_limit as assessmentsWithinLimit', 'match_funding_limit_pence as matchFundingLimitPence', 'within_year as withinYear', 'apply_within_months as applyWithinMonths'])
    .orderBy('from_year').execute();
}

function applicationsOf(db: Db) {
  return db.selectFrom('asf_application as f').innerJoin('support_assessment as a', 'a.id', 'f.assessment_id')
    .select(['f.id', 'f.case_id as caseId', 'f.assessment_id as assessmentId', 'a.completed_on as assessedOn', 'f.kind', 'f.therapy_type as therapyType', 'f.provider',
      'f.amount_pence as amountPence', 'f.match_funded_pence as matchFundedPence', 'f.financial_year as financialYear', 'f.ends_on as endsOn', 'f.applied_on as appliedOn',
      'f.status', 'f.decision_on as decisionOn']);
}

export type ApplicationRow = Awaited<ReturnType<typeof casePartsOf>>['applications'][number];

export async function findApplication(db: Db, caseId: string, id: string): Promise<ApplicationRow | undefined> {
  return applicationsOf(db).where('f.case_id', '=', caseId).where('f.id', '=', id).executeTakeFirst();
}

/** The case's other applications for the year (one case per child, so the child's). */
export async function applicationsInYear(db: Db, caseId: string, year: number, exceptId: string | null) {
  return db.selectFrom('asf_application').select(['kind', 'amount_pence as amountPence', 'match_funded_pence as matchFundedPence', 'status'])
    .where('case_id', '=', caseId).where('financial_year', '=', year).$if(exceptId !== null, (w) => w.where('id', '<>', exceptId!)).execute();
}

export async function insertApplication(db: Db, caseId: string, a: { assessmentId: string; kind: AsfKind; therapyType: string; provider: string; amountPence: number; matchFundedPence: number; financialYear: number; endsOn: string; appliedOn: string | null }, by: string | null): Promise<string> {
  return (await db.insertInto('asf_application').values({
    case_id: caseId, assessment_id: a.assessmentId, kind: a.kind, therapy_type: a.therapyType, provider: a.provider, amount_pence: a.amountPence, match_funded_pence: a.matchFundedPence,
    financial_year: a.financialYear, ends_on: a.endsOn, applied_on: a.appliedOn, status: a.appliedOn ? 'submitted' : 'draft', recorded_by: by,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setApplicationStatus(db: Db, id: string, s: { status: AsfStatus; appliedOn?: string; decisionOn?: string; matchFundedPence: number }): Promise<void> {
  await db.updateTable('asf_application').set({ status: s.status, match_funded_pence: s.matchFundedPence, ...(s.appliedOn ? { applied_on: s.appliedOn } : {}), ...(s.decisionOn ? { decision_on: s.decisionOn } : {}) })
    .where('id', '=', id).execute();
}

/** Applications of the cases in scope, newest year first. */
export async function listApplications(db: Db, scope: SupportScope, q: { year?: number; status?: AsfStatus; limit: number; offset: number }, today: string) {
  const base = db.selectFrom('asf_application as f').innerJoin('support_case as sc', 'sc.id', 'f.case_id').innerJoin('child as c', 'c.id', 'sc.child_id')
    .where((eb) => inScope(eb, scope, today))
    .$if(q.year !== undefined, (w) => w.where('f.financial_year', '=', q.year!))
    .$if(q.status !== undefined, (w) => w.where('f.status', '=', q.status!));
  const [items, total] = await Promise.all([
    base.select(['f.id', 'f.case_id as caseId', 'sc.child_id as childId', 'f.kind', 'f.therapy_type as therapyType', 'f.provider', 'f.amount_pence as amountPence',
      'f.match_funded_pence as matchFundedPence', 'f.financial_year as financialYear', 'f.ends_on as endsOn', 'f.applied_on as appliedOn', 'f.status', 'f.decision_on as decisionOn'])
      .orderBy('f.financial_year', 'desc').orderBy('f.recorded_at', 'desc').orderBy('f.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), items };
}

// ---- work ----------------------------------------------------------------------------------------------

/** Only a case's latest plan (or allowance) is reviewed: the plan agreed at a review replaces the one before. */
const latest = (table: 'support_plan' | 'adoption_allowance', alias: string) =>
  sql<boolean>`${sql.ref(`${alias}.starts_on`)} = (select max(x.starts_on) from ${sql.table(table)} x where x.case_id = sc.id)`;

/** What may fall due on the cases in scope by `until`: open assessments, reviews of the latest plans and allowances, applications awaiting the fund. */
export async function workFacts(db: Db, scope: SupportScope, today: string, assessmentsFrom: string, decisionsFrom: string, until: string) {
  const cases = db.selectFrom('support_case as sc').innerJoin('child as c', 'c.id', 'sc.child_id').where((eb) => inScope(eb, scope, today));
  const named = ['sc.id as caseId', sql<string>`c.first_name || ' ' || c.last_name`.as('childName')] as const;
  const [assessments, plans, applications, allowances] = await Promise.all([
    cases.innerJoin('support_assessment as a', 'a.case_id', 'sc.id').select([...named, 'a.started_on as on']).where('a.completed_on', 'is', null).where('a.started_on', '<=', assessmentsFrom).execute(),
    cases.innerJoin('support_plan as p', 'p.case_id', 'sc.id').select([...named, 'p.review_on as on']).where('p.review_on', '<=', until).where(latest('support_plan', 'p')).execute(),
    cases.innerJoin('asf_application as f', 'f.case_id', 'sc.id').select([...named, 'f.applied_on as on']).where('f.status', '=', 'submitted').where('f.applied_on', '<=', decisionsFrom).execute(),
    cases.innerJoin('adoption_allowance as w', 'w.case_id', 'sc.id').select([...named, 'w.review_on as on', 'w.payer_id as payerId']).where('w.review_on', '<=', until).where(latest('adoption_allowance', 'w')).execute(),
  ]);
  return { assessments, plans, applications, allowances };
}
