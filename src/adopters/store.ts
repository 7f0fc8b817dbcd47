// SQL for adopter households: the household and its applicants, members, checks, stage
// events and approval terms, the list, the pool and the facts the work queue needs.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../core/db.ts';
import { pageAndTotal } from '../core/paging.ts';
import type { HouseholdListQuery, PoolQuery } from './input.ts';
import type { Check, CheckKind, CheckStatus, EventType, HouseholdState, Need, Terms, Tolerance } from './model.ts';
import './tables.ts';
import '../matching/tables.ts';
import type { HouseholdRecord } from './policy.ts';

export interface NewApplicant {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  sex?: string | null;
  ethnicity?: string | null;
  disabled?: boolean;
}

/**
 * A new household and its applicants (1 or 2). Other areas call this: keep its signature.
 * Without a relationship, one applicant is single and two are recorded as married (change it on the household page).
 */
export async function insertHousehold(db: Db, h: {
  ownerId: string; homeCouncilId: string | null; reference: string; roiAcceptedOn?: string | null; applicants: NewApplicant[];
  relationship?: string; fastTrack?: string | null; interestFfa?: boolean; interestConcurrent?: boolean;
}): Promise<string> {
  const { id } = await db.insertInto('household')
    .values({
      owner_id: h.ownerId, home_council_id: h.homeCouncilId, reference: h.reference, roi_accepted_on: h.roiAcceptedOn ?? null,
      relationship: h.relationship ?? (h.applicants.length === 1 ? 'single' : 'married'), fast_track: h.fastTrack ?? null,
      interest_ffa: h.interestFfa ?? false, interest_concurrent: h.interestConcurrent ?? false,
    })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('applicant').values(h.applicants.map((a, i) => ({
    household_id: id, position: i + 1, first_name: a.firstName, last_name: a.lastName, date_of_birth: a.dateOfBirth ?? null,
    sex: a.sex ?? null, ethnicity: a.ethnicity ?? null, disabled: a.disabled ?? false,
  }))).execute();
  return id;
}

/** Record that the household completed preparation training (the training area calls this). */
export async function setPreparationCompleted(db: Db, householdId: string, on: string): Promise<void> {
  await db.updateTable('household').set({ preparation_completed_on: on, updated_at: new Date() })
    .where('id', '=', householdId).where('preparation_completed_on', 'is', null).execute();
}

// ---- one household --------------------------------------------------------------------------

export interface HouseholdRow extends HouseholdState {
  id: string;
  reference: string;
  ownerId: string;
  ownerName: string;
  homeCouncilId: string | null;
  homeCouncilName: string | null;
  homeCouncilCode: string | null;
  relationship: string;
  interestFfa: boolean;
  interestConcurrent: boolean;
  assessingWorkerName: string | null;
  ownerPartnerships: string[];
}

/** The partnerships the owner is, or belongs to (member or affiliate) on the day. */
function ownerPartnerships(today: string) {
  return sql<string[]>`(select coalesce(array_agg(m.partnership_id::text), '{}') from membership m
    where m.member_id = h.owner_id and m.joined_on <= ${today}::date and (m.left_on is null or m.left_on > ${today}::date))
    || case when ow.kind = 'partnership' then array[h.owner_id::text] else '{}'::text[] end`;
}

function householdQuery(db: Db, today: string) {
  return db.selectFrom('household as h')
    .innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .leftJoin('organisation as hc', 'hc.id', 'h.home_council_id')
    .leftJoin('staff as aw', 'aw.id', 'h.assessing_worker_id')
    .select([
      'h.id', 'h.reference', 'h.owner_id as ownerId', 'ow.name as ownerName', 'h.home_council_id as homeCouncilId', 'hc.name as homeCouncilName',
      'hc.code as homeCouncilCode', 'h.status', 'h.relationship', 'h.fast_track as fastTrack', 'h.interest_ffa as interestFfa',
      'h.interest_concurrent as interestConcurrent', 'h.roi_accepted_on as roiAcceptedOn', 'h.stage1_started_on as stage1StartedOn',
      'h.stage1_plan_agreed_on as stage1PlanAgreedOn', 'h.stage1_decided_on as stage1DecidedOn', 'h.stage1_outcome as stage1Outcome',
      'h.stage2_started_on as stage2StartedOn', 'h.par_status as parStatus', 'h.panel_on as panelOn', 'h.adm_outcome as admOutcome',
      'h.adm_decided_on as admDecidedOn', 'h.approved_on as approvedOn', 'h.representation_ends_on as representationEndsOn',
      'h.approval_review_due_on as approvalReviewDueOn', 'h.status_changed_on as statusChangedOn', 'h.left_on as leftOn',
      'h.leaving_reason as leavingReason', 'h.preparation_completed_on as preparationCompletedOn', 'h.assessing_worker_id as assessingWorkerId',
      'aw.display_name as assessingWorkerName', ownerPartnerships(today).as('ownerPartnerships'),
    ]);
}

/** What the household policy reads of each of these households, in one query (for a list's access checks). */
export async function accessFactsOf(db: Db, ids: readonly string[], today: string): Promise<HouseholdRecord[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('household as h').innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .select(['h.id', 'h.owner_id as ownerId', 'h.home_council_id as homeCouncilId', 'h.status', ownerPartnerships(today).as('ownerPartnerships')])
    .where('h.id', 'in', [...new Set(ids)]).execute()) as HouseholdRecord[];
}

export async function findHousehold(db: Db, id: string, today: string): Promise<HouseholdRow | undefined> {
  return (await householdQuery(db, today).where('h.id', '=', id).executeTakeFirst()) as HouseholdRow | undefined;
}

export async function ownerOf(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('household').select('owner_id').where('id', '=', id).executeTakeFirst())?.owner_id;
}

export async function referenceTaken(db: Db, reference: string): Promise<boolean> {
  return !!(await db.selectFrom('household').select('id').where('reference', '=', reference).executeTakeFirst());
}

export async function councilByCode(db: Db, code: string) {
  return db.selectFrom('organisation').select(['id', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
}

/** Every council in Mercia, by name: the choices for the councils a household cannot live near. */
export function localAuthorities(db: Db) {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'local-authority').orderBy('name').execute();
}

export function applicantsOf(db: Db, householdId: string) {
  return db.selectFrom('applicant').select(['id', 'position', 'first_name as firstName', 'last_name as lastName', 'date_of_birth as dateOfBirth', 'sex', 'ethnicity', 'disabled'])
    .where('household_id', '=', householdId).orderBy('position').execute();
}

export async function replaceApplicants(db: Db, householdId: string, applicants: { firstName: string; lastName: string; dateOfBirth: string; sex: string; ethnicity: string; disabled: boolean }[]): Promise<void> {
  await db.deleteFrom('applicant').where('household_id', '=', householdId).execute();
  await db.insertInto('applicant').values(applicants.map((a, i) => ({
    household_id: householdId, position: i + 1, first_name: a.firstName, last_name: a.lastName, date_of_birth: a.dateOfBirth, sex: a.sex, ethnicity: a.ethnicity, disabled: a.disabled,
  }))).execute();
}

export function membersOf(db: Db, householdId: string) {
  return db.selectFrom('household_member').select(['id', 'name', 'relationship', 'date_of_birth as dateOfBirth'])
    .where('household_id', '=', householdId).orderBy('created_at').orderBy('id').execute();
}

export async function insertMember(db: Db, householdId: string, m: { name: string; relationship: string; dateOfBirth: string }): Promise<string> {
  return (await db.insertInto('household_member').values({ household_id: householdId, name: m.name, relationship: m.relationship, date_of_birth: m.dateOfBirth })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateHousehold(db: Db, id: string, v: { relationship?: string; homeCouncilId?: string | null; interestFfa?: boolean; interestConcurrent?: boolean; assessingWorkerId?: string | null }): Promise<void> {
  const set = Object.fromEntries(Object.entries({
    relationship: v.relationship, home_council_id: v.homeCouncilId, interest_ffa: v.interestFfa, interest_concurrent: v.interestConcurrent, assessing_worker_id: v.assessingWorkerId,
  }).filter(([, value]) => value !== undefined));
  await db.updateTable('household').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Write the household's state (key dates, PAR, decisions, status) after a stage event. */
export async function setState(db: Db, id: string, s: HouseholdState): Promise<void> {
  await db.updateTable('household').set({
    status: s.status, stage1_started_on: s.stage1StartedOn, stage1_plan_agreed_on: s.stage1PlanAgreedOn, stage1_decided_on: s.stage1DecidedOn,
    stage1_outcome: s.stage1Outcome, stage2_started_on: s.stage2StartedOn, par_status: s.parStatus, panel_on: s.panelOn, adm_outcome: s.admOutcome,
    adm_decided_on: s.admDecidedOn, approved_on: s.approvedOn, representation_ends_on: s.representationEndsOn, approval_review_due_on: s.approvalReviewDueOn,
    status_changed_on: s.statusChangedOn, left_on: s.leftOn, leaving_reason: s.leavingReason, assessing_worker_id: s.assessingWorkerId, updated_at: new Date(),
  }).where('id', '=', id).execute();
}

// ---- checks, events, terms ---------------------------------------------------------------------

const checkColumns = ['id', 'kind', 'subject', 'relative', 'status', 'requested_on as requestedOn', 'received_on as receivedOn', 'issued_on as issuedOn', 'expires_on as expiresOn', 'notes'] as const;

export async function checksOf(db: Db, householdId: string): Promise<(Check & { id: string })[]> {
  const rows = await db.selectFrom('household_check').select(checkColumns).where('household_id', '=', householdId).orderBy('kind').orderBy('requested_on').orderBy('id').execute();
  return rows.map((r) => ({ ...r, kind: r.kind as CheckKind, status: r.status as CheckStatus }));
}

export async function findCheck(db: Db, householdId: string, checkId: string) {
  return (await checksOf(db, householdId)).find((c) => c.id === checkId);
}

export async function insertCheck(db: Db, householdId: string, c: Omit<Check, 'id'>): Promise<string> {
  return (await db.insertInto('household_check').values({
    household_id: householdId, kind: c.kind, subject: c.subject, relative: c.relative, status: c.status, requested_on: c.requestedOn,
    received_on: c.receivedOn, issued_on: c.issuedOn, expires_on: c.expiresOn, notes: c.notes ?? null,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCheck(db: Db, checkId: string, c: Check): Promise<void> {
  await db.updateTable('household_check').set({
    status: c.status, relative: c.relative, received_on: c.receivedOn, issued_on: c.issuedOn, expires_on: c.expiresOn, notes: c.notes ?? null, updated_at: new Date(),
  }).where('id', '=', checkId).execute();
}

export interface EventRow {
  id: string;
  type: EventType;
  date: string;
  outcome: string | null;
  parStatus: string | null;
  status: string | null;
  reason: string | null;
  staffName: string | null;
  notes: string | null;
  recordedByName: string | null;
}

export async function eventsOf(db: Db, householdId: string): Promise<EventRow[]> {
  const rows = await db.selectFrom('stage_event as e').leftJoin('staff as s', 's.id', 'e.staff_id').leftJoin('staff as r', 'r.id', 'e.recorded_by')
    .select(['e.id', 'e.type', 'e.date', 'e.outcome', 'e.par_status as parStatus', 'e.status', 'e.reason', 's.display_name as staffName', 'e.notes', 'r.display_name as recordedByName'])
    .where('e.household_id', '=', householdId).orderBy('e.date').orderBy('e.recorded_at').execute();
  return rows.map((r) => ({ ...r, type: r.type as EventType }));
}

export async function insertEvent(db: Db, householdId: string, e: { type: string; date: string; outcome?: string | null; parStatus?: string | null; status?: string | null; reason?: string | null; staffId?: string | null; notes?: string | null; recordedBy: string | null }): Promise<string> {
  return (await db.insertInto('stage_event').values({
    household_id: householdId, type: e.type, date: e.date, outcome: e.outcome ?? null, par_status: e.parStatus ?? null, status: e.status ?? null,
    reason: e.reason ?? null, staff_id: e.staffId ?? null, notes: e.notes ?? null, recorded_by: e.recordedBy,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

const NEED_COLUMNS: Record<Need, 'developmental_delay' | 'learning_disability' | 'physical_disability' | 'medical_conditions' | 'fasd' | 'family_mental_illness' | 'family_substance_misuse' | 'ongoing_contact'> = {
  developmentalDelay: 'developmental_delay', learningDisability: 'learning_disability', physicalDisability: 'physical_disability',
  medicalConditions: 'medical_conditions', fasd: 'fasd', familyMentalIllness: 'family_mental_illness', familySubstanceMisuse: 'family_substance_misuse',
  ongoingContact: 'ongoing_contact',
};

type TermsRowShape = Record<string, unknown>;

export function termsFromRow(r: TermsRowShape): Terms {
  return {
    minChildren: r.min_children as number, maxChildren: r.max_children as number, minAge: r.min_age as number, maxAge: r.max_age as number,
    childSex: r.child_sex as Terms['childSex'], siblingGroup: r.sibling_group as boolean,
    tolerances: Object.fromEntries(Object.entries(NEED_COLUMNS).map(([need, col]) => [need, r[col] as Tolerance])) as Record<Need, Tolerance>,
    ethnicityConsiderations: r.ethnicity_considerations as string | null, religionConsiderations: r.religion_considerations as string | null,
    languageConsiderations: r.language_considerations as string | null, areasToAvoid: r.areas_to_avoid as string | null,
    religions: (r.religions as string[] | undefined) ?? [], languages: (r.languages as string[] | undefined) ?? [], avoidCouncilIds: (r.avoid_council_ids as string[] | undefined) ?? [],
  };
}

export function termsRow(householdId: string, t: Terms) {
  return {
    household_id: householdId, min_children: t.minChildren, max_children: t.maxChildren, min_age: t.minAge, max_age: t.maxAge, child_sex: t.childSex,
    sibling_group: t.siblingGroup, ...Object.fromEntries(Object.entries(NEED_COLUMNS).map(([need, col]) => [col, t.tolerances[need as Need]])) as Record<(typeof NEED_COLUMNS)[Need], string>,
    ethnicity_considerations: t.ethnicityConsiderations, religion_considerations: t.religionConsiderations,
    language_considerations: t.languageConsiderations, areas_to_avoid: t.areasToAvoid,
    religions: t.religions ?? [], languages: t.languages ?? [], avoid_council_ids: t.avoidCouncilIds ?? [],
  };
}

export async function termsOf(db: Db, householdId: string): Promise<Terms | null> {
  const row = await db.selectFrom('approval_terms').selectAll().where('household_id', '=', householdId).executeTakeFirst();
  return row ? termsFromRow(row as unknown as TermsRowShape) : null;
}

export async function saveTerms(db: Db, householdId: string, t: Terms): Promise<void> {
  const row = termsRow(householdId, t);
  const rest: Partial<typeof row> = { ...row };
  delete rest.household_id;
  await db.insertInto('approval_terms').values(row).onConflict((oc) => oc.column('household_id').doUpdateSet({ ...rest, updated_at: new Date() })).execute();
}

// ---- the list ---------------------------------------------------------------------------------

export interface ListScope {
  ownerIds: string[];
  homeCouncilIds: string[];
  grantedIds: string[];
}

/** The stage, as model.ts stageOf decides it. */
const STAGE_SQL = sql<string>`case when h.status in ('withdrawn', 'de-registered') then 'closed' when h.approved_on is not null then 'approved'
  when h.stage2_started_on is not null then 'stage-2' when h.stage1_decided_on is not null then 'between-stages'
  when h.stage1_started_on is not null then 'stage-1' else 'registration' end`;

function inScope(scope: ListScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.ownerIds.length) parts.push(sql<SqlBool>`h.owner_id in (${sql.join(scope.ownerIds)})`);
  if (scope.homeCouncilIds.length) parts.push(sql<SqlBool>`h.home_council_id in (${sql.join(scope.homeCouncilIds)})`);
  if (scope.grantedIds.length) parts.push(sql<SqlBool>`h.id in (${sql.join(scope.grantedIds)})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

/** The applicants' names, as one line ("Sam Taylor and Alex Taylor"). */
const NAMES_SQL = sql<string>`(select string_agg(a.first_name || ' ' || a.last_name, ' and ' order by a.position) from applicant a where a.household_id = h.id)`;

export async function listHouseholds(db: Db, scope: ListScope, q: HouseholdListQuery) {
  let query = db.selectFrom('household as h').innerJoin('organisation as ow', 'ow.id', 'h.owner_id').leftJoin('organisation as hc', 'hc.id', 'h.home_council_id')
    .where(inScope(scope));
  if (q.status) query = query.where('h.status', '=', q.status);
  if (q.stage) query = query.where(sql<SqlBool>`${STAGE_SQL} = ${q.stage}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([
      eb('h.reference', 'ilike', like),
      eb.exists(eb.selectFrom('applicant as a').select('a.id').whereRef('a.household_id', '=', 'h.id').where(sql<SqlBool>`a.first_name || ' ' || a.last_name ilike ${like}`)),
    ]));
  }
  const rows = query.select([
    'h.id', 'h.reference', 'h.status', 'h.fast_track as fastTrack', 'ow.name as ownerName', 'hc.name as homeCouncilName', 'h.owner_id as ownerId',
    'h.home_council_id as homeCouncilId', 'h.stage1_started_on as stage1StartedOn', 'h.stage1_decided_on as stage1DecidedOn', 'h.stage2_started_on as stage2StartedOn',
    'h.adm_decided_on as admDecidedOn', 'h.approved_on as approvedOn', STAGE_SQL.as('stage'), NAMES_SQL.as('names'),
  ]).orderBy('h.reference').limit(q.limit).offset(q.offset).execute();
  return pageAndTotal(rows, query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}

/** Households as a report's drill-down lists them. */
export async function householdSummaries(db: Db, ids: readonly string[]): Promise<{ id: string; reference: string; names: string | null; ownerId: string; ownerName: string; status: string; stage: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('household as h').innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .where('h.id', 'in', [...new Set(ids)])
    .select(['h.id', 'h.reference', NAMES_SQL.as('names'), 'h.owner_id as ownerId', 'ow.name as ownerName', 'h.status', STAGE_SQL.as('stage')])
    .orderBy('h.reference').execute();
}

// ---- likely duplicates ---------------------------------------------------------------------------

/** An applicant of a household in the list's scope, who might be one of a household about to be created. */
export interface DuplicateCandidate {
  householdId: string;
  reference: string;
  ownerId: string;
  ownerName: string;
  homeCouncilId: string | null;
  homeCouncilName: string | null;
  status: string;
  names: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
}

/**
 * Applicants of households in the list's scope born on one of these days, or with no date of birth
 * and a last name starting with one of these letters (the model decides which are alike, and why).
 */
export async function duplicateCandidates(db: Db, scope: ListScope, keys: { datesOfBirth: readonly string[]; initials: readonly string[] }, limit = 500): Promise<DuplicateCandidate[]> {
  const near: Expression<SqlBool>[] = [];
  if (keys.datesOfBirth.length) near.push(sql<SqlBool>`a.date_of_birth in (${sql.join(keys.datesOfBirth.map((d) => sql`${d}::date`))})`);
  if (keys.initials.length) near.push(sql<SqlBool>`(a.date_of_birth is null and lower(left(a.last_name, 1)) in (${sql.join(keys.initials)}))`);
  if (near.length === 0) return [];
  const rows = await db.selectFrom('applicant as a').innerJoin('household as h', 'h.id', 'a.household_id').innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .leftJoin('organisation as hc', 'hc.id', 'h.home_council_id')
    .where(inScope(scope)).where(sql<SqlBool>`(${sql.join(near, sql` or `)})`)
    .select([
      'h.id as householdId', 'h.reference', 'h.owner_id as ownerId', 'ow.name as ownerName', 'h.home_council_id as homeCouncilId', 'hc.name as homeCouncilName',
      'h.status', NAMES_SQL.as('names'), 'a.first_name as firstName', 'a.last_name as lastName', 'a.date_of_birth as dateOfBirth',
    ])
    .orderBy('h.reference').orderBy('a.position').limit(limit).execute();
  return rows as DuplicateCandidate[];
}

// ---- the pool ---------------------------------------------------------------------------------

export async function poolHouseholds(db: Db, partnershipIds: readonly string[], q: PoolQuery, today: string) {
  if (partnershipIds.length === 0) return { total: 0, items: [] };
  let query = db.selectFrom('household as h').innerJoin('approval_terms as t', 't.household_id', 'h.id').innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .leftJoin('organisation as hc', 'hc.id', 'h.home_council_id')
    .where('h.status', '=', 'approved')
    .where((eb) => eb.or([
      eb('h.owner_id', 'in', partnershipIds),
      eb.exists(eb.selectFrom('membership as m').select('m.id').whereRef('m.member_id', '=', 'h.owner_id').where('m.partnership_id', 'in', partnershipIds)
        .where('m.joined_on', '<=', today).where((w) => w.or([w('m.left_on', 'is', null), w('m.left_on', '>', today)]))),
    ]));
  if (q.children !== undefined) query = query.where('t.min_children', '<=', q.children).where('t.max_children', '>=', q.children);
  if (q.age !== undefined) query = query.where('t.min_age', '<=', q.age).where('t.max_age', '>=', q.age);
  if (q.siblingGroup) query = query.where('t.sibling_group', '=', true);
  if (q.need) {
    const levels = { cannot: ['cannot', 'low', 'medium', 'high'], low: ['low', 'medium', 'high'], medium: ['medium', 'high'], high: ['high'] }[q.tolerance ?? 'low'];
    query = query.where(`t.${NEED_COLUMNS[q.need]}`, 'in', levels);
  }
  const rows = query.selectAll('t').select([
    'h.id', 'h.reference', 'h.approved_on as approvedOn', 'h.relationship', 'h.interest_ffa as interestFfa', 'h.interest_concurrent as interestConcurrent',
    'h.owner_id as ownerId', 'ow.name as ownerName', 'hc.name as homeCouncilName',
    sql<number>`(select count(*) from applicant a where a.household_id = h.id)::int`.as('applicantCount'),
    sql<number>`(select count(*) from household_member m where m.household_id = h.id and m.date_of_birth > ${today}::date - interval '18 years')::int`.as('childrenInHousehold'),
  ]);
  const sorted = q.sort === 'reference' ? rows.orderBy('h.reference')
    : q.sort === 'agency' ? rows.orderBy('ow.name').orderBy('h.approved_on').orderBy('h.reference')
      : q.sort === 'council' ? rows.orderBy('hc.name').orderBy('h.approved_on').orderBy('h.reference')
        : rows.orderBy('h.approved_on').orderBy('h.reference');
  const page = sorted.orderBy('h.id').limit(q.limit).offset(q.offset).execute();
  const result = await pageAndTotal(page, query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
  return {
    total: result.total,
    items: result.items.map((r) => ({
      id: r.id, reference: r.reference, approvedOn: r.approvedOn, relationship: r.relationship, interestFfa: r.interestFfa, interestConcurrent: r.interestConcurrent,
      ownerId: r.ownerId, ownerName: r.ownerName, homeCouncilName: r.homeCouncilName, applicantCount: r.applicantCount, childrenInHousehold: r.childrenInHousehold,
      terms: termsFromRow(r as unknown as TermsRowShape),
    })),
  };
}

// ---- work -------------------------------------------------------------------------------------

/** The open households in scope with their dates and expiring checks: what dueWork needs. */
export async function workFacts(db: Db, scope: ListScope, today: string, soon: string) {
  const rows = await db.selectFrom('household as h').where(inScope(scope))
    .where('h.status', 'not in', ['withdrawn', 'de-registered'])
    .where((eb) => eb.or([
      eb.and([eb('h.stage1_started_on', 'is not', null), eb('h.stage1_decided_on', 'is', null)]),
      eb.and([eb('h.stage1_outcome', '=', 'proceed'), eb('h.stage2_started_on', 'is', null)]),
      eb.and([eb('h.stage2_started_on', 'is not', null), eb('h.adm_decided_on', 'is', null)]),
      eb('h.approval_review_due_on', '<=', soon),
      eb('h.representation_ends_on', '>=', today),
      eb.exists(eb.selectFrom('household_check as c').select('c.id').whereRef('c.household_id', '=', 'h.id').where('c.expires_on', '<=', soon)),
    ]))
    .select([
      'h.id', 'h.owner_id as ownerId', 'h.home_council_id as homeCouncilId', 'h.reference', 'h.status', 'h.fast_track as fastTrack', 'h.roi_accepted_on as roiAcceptedOn', 'h.stage1_started_on as stage1StartedOn',
      'h.stage1_plan_agreed_on as stage1PlanAgreedOn', 'h.stage1_decided_on as stage1DecidedOn', 'h.stage1_outcome as stage1Outcome',
      'h.stage2_started_on as stage2StartedOn', 'h.par_status as parStatus', 'h.panel_on as panelOn', 'h.adm_outcome as admOutcome',
      'h.adm_decided_on as admDecidedOn', 'h.approved_on as approvedOn', 'h.representation_ends_on as representationEndsOn',
      'h.approval_review_due_on as approvalReviewDueOn', 'h.status_changed_on as statusChangedOn', 'h.left_on as leftOn',
      'h.leaving_reason as leavingReason', 'h.preparation_completed_on as preparationCompletedOn', 'h.assessing_worker_id as assessingWorkerId',
      NAMES_SQL.as('name'),
      sql<{ kind: CheckKind; subject: string; expiresOn: string; status: CheckStatus }[]>`coalesce((select json_agg(json_build_object('kind', c.kind, 'subject', c.subject, 'expiresOn', c.expires_on, 'status', c.status) order by c.expires_on)
        from household_check c where c.household_id = h.id and c.expires_on <= ${soon}::date), '[]'::json)`.as('checks'),
    ]).orderBy('h.reference').execute();
  return rows.map((r) => ({ ...r, name: r.name ?? r.reference })) as unknown as (HouseholdState & { id: string; ownerId: string; homeCouncilId: string | null; reference: string; name: string; checks: { kind: CheckKind; subject: string; expiresOn: string; status: CheckStatus }[] })[];
}
