// SQL for children, their care episodes, milestones, needs, birth family, sibling groups and
// the waiting-longer data.
import { sql, type Expression, type SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../core/db.ts';
import { pageAndTotal } from '../core/paging.ts';
import type { Ethnicity, MilestoneType } from './codes.ts';
import type { ChildListQuery } from './input.ts';
import type { Episode, Milestone, Stage } from './model.ts';
import '../matching/tables.ts';

export interface ChildRow {
  id: string;
  placingAuthorityId: string;
  placingAuthorityCode: string | null;
  placingAuthorityName: string;
  laChildRef: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: 'M' | 'F' | 'U';
  ethnicity: Ethnicity;
  upn: string | null;
  disabled: boolean;
  disabilityDescription: string | null;
  religion: string | null;
  firstLanguage: string | null;
  legalStatusNote: string | null;
  socialWorkerId: string | null;
  socialWorkerName: string | null;
  familyFinderId: string | null;
  familyFinderName: string | null;
  siblingGroupId: string | null;
  stage: Stage;
  periodStart: string | null;
  shobpaDate: string | null;
  placementOrderDate: string | null;
  matchDate: string | null;
  placedDate: string | null;
  /** An adoption order is recorded: the pre-adoption record is sealed (policy.ts). */
  sealed: boolean;
  /** SSDA903 MOTHER ('1' she is a mother, '0' not, null not recorded) and MC_DOB. */
  mother: '1' | '0' | null;
  motherChildDob: string | null;
}

/** Whether the child `c` has an adoption order: the record is sealed (an index answers it). */
const SEALED = sql<boolean>`exists (select 1 from milestone s where s.child_id = c.id and s.type = 'adoption-order')`;

function childQuery(db: Db) {
  return db.selectFrom('child as c')
    .innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .leftJoin('staff as sw', 'sw.id', 'c.social_worker_id')
    .leftJoin('staff as ff', 'ff.id', 'c.family_finder_id')
    .select([
      'c.id', 'c.placing_authority_id as placingAuthorityId', 'o.code as placingAuthorityCode', 'o.name as placingAuthorityName',
      'c.la_child_ref as laChildRef', 'c.first_name as firstName', 'c.last_name as lastName', 'c.date_of_birth as dateOfBirth',
      'c.sex', 'c.ethnicity', 'c.upn', 'c.disabled', 'c.disability_description as disabilityDescription', 'c.religion',
      'c.first_language as firstLanguage', 'c.legal_status_note as legalStatusNote', 'c.social_worker_id as socialWorkerId',
      'sw.display_name as socialWorkerName', 'c.family_finder_id as familyFinderId', 'ff.display_name as familyFinderName',
      'c.sibling_group_id as siblingGroupId', 'c.stage', 'c.period_start as periodStart', 'c.shobpa_date as shobpaDate',
      'c.placement_order_date as placementOrderDate', 'c.match_date as matchDate', 'c.placed_date as placedDate',
      'c.mother', 'c.mother_child_dob as motherChildDob', SEALED.as('sealed'),
    ]);
}

export async function findChild(db: Db, id: string): Promise<ChildRow | undefined> {
  return (await childQuery(db).where('c.id', '=', id).executeTakeFirst()) as ChildRow | undefined;
}

export async function findChildren(db: Db, ids: readonly string[]): Promise<ChildRow[]> {
  if (ids.length === 0) return [];
  return (await childQuery(db).where('c.id', 'in', ids).execute()) as ChildRow[];
}

export async function councilsNamed(db: Db, ids: readonly string[]): Promise<{ id: string; code: string; name: string }[]> {
  const rows = await db.selectFrom('organisation').select(['id', 'code', 'name']).where('id', 'in', ids).where('code', 'is not', null).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, code: r.code!, name: r.name }));
}

/** Organisations that deliver a council's family finding on the day (the council itself, the partnership or a provider). */
export async function familyFindingDeliverers(db: Db, councilId: string, day: string): Promise<string[]> {
  const om = sql<{ member_id: string; function_code: string; delivered_by: string; partnership_id: string; provider_id: string | null }>`operating_model_on(${day}::date)`;
  const rows = await db.selectFrom(om.as('om')).select(['om.delivered_by', 'om.partnership_id', 'om.provider_id'])
    .where('om.member_id', '=', councilId).where('om.function_code', '=', 'family-finding').execute();
  const ids = rows.map((r) => (r.delivered_by === 'partnership' ? r.partnership_id : r.delivered_by === 'provider' ? r.provider_id! : councilId));
  return [...new Set([councilId, ...ids])];
}

export async function laByCode(db: Db, code: string) {
  return db.selectFrom('organisation').select(['id', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
}

export interface ChildValues {
  placingAuthorityId: string;
  laChildRef: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string;
  upn: string | null;
  disabled: boolean;
  disabilityDescription: string | null;
  religion: string | null;
  firstLanguage: string | null;
  legalStatusNote: string | null;
  socialWorkerId: string | null;
  familyFinderId: string | null;
  mother?: string | null;
  motherChildDob?: string | null;
}

const columns = (v: Partial<ChildValues>) => ({
  placing_authority_id: v.placingAuthorityId, la_child_ref: v.laChildRef, first_name: v.firstName, last_name: v.lastName,
  date_of_birth: v.dateOfBirth, sex: v.sex, ethnicity: v.ethnicity, upn: v.upn, disabled: v.disabled,
  disability_description: v.disabilityDescription, religion: v.religion, first_language: v.firstLanguage,
  legal_status_note: v.legalStatusNote, social_worker_id: v.socialWorkerId, family_finder_id: v.familyFinderId,
  mother: v.mother, mother_child_dob: v.motherChildDob,
});

export async function insertChild(db: Db, v: ChildValues): Promise<string> {
  const row = await db.insertInto('child').values(columns(v) as never).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChild(db: Db, id: string, v: Partial<ChildValues>): Promise<void> {
  const set = Object.fromEntries(Object.entries(columns(v)).filter(([, value]) => value !== undefined));
  await db.updateTable('child').set({ ...set, updated_at: new Date() } as never).where('id', '=', id).execute();
}

export async function refLabelTaken(db: Db, placingAuthorityId: string, laChildRef: string): Promise<boolean> {
  return !!(await db.selectFrom('child').select('id').where('placing_authority_id', '=', placingAuthorityId).where('la_child_ref', '=', laChildRef).executeTakeFirst());
}

export async function setDerived(db: Db, id: string, d: { stage: Stage; periodStart: string | null; lookedAfter: boolean; shobpaDate: string | null; placementOrderDate: string | null; matchDate: string | null; placedDate: string | null }): Promise<void> {
  await db.updateTable('child').set({
    stage: d.stage, period_start: d.periodStart, looked_after: d.lookedAfter, shobpa_date: d.shobpaDate,
    placement_order_date: d.placementOrderDate, match_date: d.matchDate, placed_date: d.placedDate, updated_at: new Date(),
  }).where('id', '=', id).execute();
}

// ---- needs and birth family --------------------------------------------------------------

/** A care episode as the model's Episode, with the SSDA903 fields beyond the journey. */
const EPISODE_COLUMNS = [
  'id', 'start_date as startDate', 'rne', 'legal_status as legalStatus', 'placement', 'placement_provider as placementProvider',
  'end_date as endDate', 'reason_ceased as reasonCeased', 'cin', 'reason_place_change as reasonPlaceChange',
  'home_postcode as homePostcode', 'placement_postcode as placementPostcode', 'urn',
] as const;

/**
 * Everything the child's page shows beside the child's own row, in one round trip: episodes,
 * milestones, needs, birth family (only when asked: only for those who may see it), why the
 * child waits and the reviews of that wait. Each list in the same order as its own query here.
 */
export async function childRecordParts(db: Db, childId: string, options: { birthFamily: boolean }) {
  const row = await db.selectNoFrom((eb) => [
    jsonArrayFrom(eb.selectFrom('care_episode').select(EPISODE_COLUMNS).where('child_id', '=', childId).orderBy('start_date')).as('episodes'),
    jsonArrayFrom(eb.selectFrom('milestone as m').leftJoin('staff as s', 's.id', 'm.recorded_by').leftJoin('household as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.type', 'm.date', 'm.code', 'm.notes', 'm.recorded_by as recordedBy', 's.display_name as recordedByName', 'm.household_id as householdId', 'h.reference as householdReference'])
      .where('m.child_id', '=', childId).orderBy('m.date').orderBy('m.recorded_at')).as('milestones'),
    jsonArrayFrom(eb.selectFrom('child_need').select(['category', 'notes']).where('child_id', '=', childId).orderBy('position')).as('needs'),
    jsonArrayFrom(eb.selectFrom('birth_family_member').select(['name', 'relationship', 'area']).where('child_id', '=', childId)
      .where(sql<SqlBool>`${options.birthFamily}`).orderBy('position')).as('birthFamily'),
    jsonArrayFrom(eb.selectFrom('waiting_reason').select(['reason', 'notes']).where('child_id', '=', childId).orderBy('reason')).as('waitingReasons'),
    jsonArrayFrom(eb.selectFrom('waiting_review as w').leftJoin('staff as s', 's.id', 'w.reviewed_by')
      .select(['w.review_date as reviewDate', 'w.summary', 's.display_name as reviewedBy']).where('w.child_id', '=', childId).orderBy('w.review_date', 'desc')).as('waitingReviews'),
  ]).executeTakeFirstOrThrow();
  return {
    ...row,
    episodes: row.episodes as Episode[],
    milestones: row.milestones.map((m) => ({ ...m, type: m.type as MilestoneType })) as Milestone[],
    birthFamily: options.birthFamily ? row.birthFamily : null,
  };
}

export async function replaceNeeds(db: Db, childId: string, needs: { category: string; notes?: string | null }[]): Promise<void> {
  await db.deleteFrom('child_need').where('child_id', '=', childId).execute();
  if (needs.length) await db.insertInto('child_need').values(needs.map((n, i) => ({ child_id: childId, category: n.category, notes: n.notes ?? null, position: i }))).execute();
}

export async function replaceBirthFamily(db: Db, childId: string, members: { name: string; relationship: string; area?: string | null }[]): Promise<void> {
  await db.deleteFrom('birth_family_member').where('child_id', '=', childId).execute();
  if (members.length) await db.insertInto('birth_family_member').values(members.map((m, i) => ({ child_id: childId, name: m.name, relationship: m.relationship, area: m.area ?? null, position: i }))).execute();
}

// ---- episodes and milestones ---------------------------------------------------------------

export function episodesOf(db: Db, childId: string): Promise<Episode[]> {
  return db.selectFrom('care_episode').select(EPISODE_COLUMNS).where('child_id', '=', childId).orderBy('start_date').execute();
}

export async function insertEpisode(db: Db, childId: string, e: Omit<Episode, 'id'>): Promise<string> {
  const row = await db.insertInto('care_episode').values({
    child_id: childId, start_date: e.startDate, rne: e.rne, legal_status: e.legalStatus, placement: e.placement,
    placement_provider: e.placementProvider, end_date: e.endDate, reason_ceased: e.reasonCeased, cin: e.cin ?? null,
    reason_place_change: e.reasonPlaceChange ?? null, home_postcode: e.homePostcode ?? null, placement_postcode: e.placementPostcode ?? null, urn: e.urn ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** End an open episode; a change of placement keeps its reason on the episode that ends (DfE rule 225). */
export async function closeEpisode(db: Db, episodeId: string, endDate: string, reason: string, reasonPlaceChange?: string | null): Promise<void> {
  await db.updateTable('care_episode').set({ end_date: endDate, reason_ceased: reason, ...(reasonPlaceChange !== undefined ? { reason_place_change: reasonPlaceChange } : {}) })
    .where('id', '=', episodeId).where('end_date', 'is', null).execute();
}

/** The reason for a change of placement, on an episode that already ended with it (REC X1). */
export async function setPlaceChangeReason(db: Db, episodeId: string, reasonPlaceChange: string): Promise<void> {
  await db.updateTable('care_episode').set({ reason_place_change: reasonPlaceChange }).where('id', '=', episodeId).execute();
}

export async function milestonesOf(db: Db, childId: string): Promise<Milestone[]> {
  const rows = await db.selectFrom('milestone as m').leftJoin('staff as s', 's.id', 'm.recorded_by').leftJoin('household as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.type', 'm.date', 'm.code', 'm.notes', 'm.recorded_by as recordedBy', 's.display_name as recordedByName', 'm.household_id as householdId', 'h.reference as householdReference'])
    .where('m.child_id', '=', childId).orderBy('m.date').orderBy('m.recorded_at').execute();
  return rows.map((r) => ({ ...r, type: r.type as MilestoneType }));
}

/** Milestones of many children in one query, keyed by child. */
export async function milestonesOfMany(db: Db, childIds: readonly string[]): Promise<Map<string, Milestone[]>> {
  const byChild = new Map<string, Milestone[]>(childIds.map((id) => [id, []]));
  if (childIds.length === 0) return byChild;
  const rows = await db.selectFrom('milestone').select(['id', 'child_id as childId', 'type', 'date', 'code', 'notes', 'household_id as householdId'])
    .where('child_id', 'in', childIds).orderBy('date').orderBy('recorded_at').execute();
  for (const { childId, ...m } of rows) byChild.get(childId)?.push({ ...m, type: m.type as MilestoneType });
  return byChild;
}

export async function insertMilestone(db: Db, childId: string, m: { type: string; date: string; code: string | null; notes: string | null; recordedBy: string | null; householdId?: string | null }): Promise<string> {
  const row = await db.insertInto('milestone').values({ child_id: childId, type: m.type, date: m.date, code: m.code, notes: m.notes, recorded_by: m.recordedBy, household_id: m.householdId ?? null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

// ---- waiting longer -----------------------------------------------------------------------

export function waitingReasonsOf(db: Db, childId: string) {
  return db.selectFrom('waiting_reason').select(['reason', 'notes']).where('child_id', '=', childId).orderBy('reason').execute();
}

export async function replaceWaitingReasons(db: Db, childId: string, reasons: { reason: string; notes?: string | null }[], by: string): Promise<void> {
  await db.deleteFrom('waiting_reason').where('child_id', '=', childId).execute();
  if (reasons.length) await db.insertInto('waiting_reason').values(reasons.map((r) => ({ child_id: childId, reason: r.reason, notes: r.notes ?? null, recorded_by: by }))).execute();
}

export async function insertWaitingReview(db: Db, childId: string, r: { reviewDate: string; summary: string }, by: string): Promise<void> {
  await db.insertInto('waiting_review').values({ child_id: childId, review_date: r.reviewDate, summary: r.summary, reviewed_by: by }).execute();
}

// ---- sibling groups --------------------------------------------------------------------------

export function findSiblingGroup(db: Db, id: string) {
  return db.selectFrom('sibling_group').select(['id', 'placing_authority_id as placingAuthorityId', 'name', 'decision', 'decision_date as decisionDate', 'decision_reasons as decisionReasons'])
    .where('id', '=', id).executeTakeFirst();
}

export async function insertSiblingGroup(db: Db, g: { placingAuthorityId: string; name: string }): Promise<string> {
  const row = await db.insertInto('sibling_group').values({ placing_authority_id: g.placingAuthorityId, name: g.name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setSiblingGroup(db: Db, childIds: readonly string[], groupId: string | null): Promise<void> {
  if (childIds.length) await db.updateTable('child').set({ sibling_group_id: groupId, updated_at: new Date() }).where('id', 'in', childIds).execute();
}

export async function setSiblingDecision(db: Db, id: string, d: { decision: string; date: string; reasons: string }): Promise<void> {
  await db.updateTable('sibling_group').set({ decision: d.decision, decision_date: d.date, decision_reasons: d.reasons }).where('id', '=', id).execute();
}

export async function siblingIds(db: Db, groupId: string): Promise<string[]> {
  return (await db.selectFrom('child').select('id').where('sibling_group_id', '=', groupId).orderBy('date_of_birth').execute()).map((r) => r.id);
}

// ---- the list ----------------------------------------------------------------------------

export interface ListScope {
  ownerIds: string[];
  grantedIds: string[];
  openedSealedIds: string[];
}

/** The list's scope as SQL over `c` (the child): its council is in scope, or it is granted. */
function inListScope(scope: ListScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.ownerIds.length) parts.push(sql<SqlBool>`c.placing_authority_id in (${sql.join(scope.ownerIds)})`);
  if (scope.grantedIds.length) parts.push(sql<SqlBool>`c.id in (${sql.join(scope.grantedIds)})`);
  if (!parts.length) return sql<SqlBool>`false`;
  // Sealed adoption records only where the person has opened them today (policy.ts).
  const unsealed = scope.openedSealedIds.length ? sql<SqlBool>`(not ${SEALED} or c.id in (${sql.join(scope.openedSealedIds)}))` : sql<SqlBool>`not ${SEALED}`;
  return sql<SqlBool>`((${sql.join(parts, sql` or `)}) and ${unsealed})`;
}

/** Thresholds and the day, so time-dependent flags are computed by the database for today. */
export interface ListClock {
  today: string;
  a1: number;
  a2: number;
  atRiskShare: number;
}

/** SQL for the waiting-longer factors and overdue flag, matching model.ts waitingFactors / timelinessOf. */
function flags(clock: ListClock) {
  return {
    siblingGroup: sql<boolean>`c.sibling_group_id is not null`,
    disabled: sql<boolean>`c.disabled`,
    minorityEthnic: sql<boolean>`c.ethnicity not in ('WBRI', 'REFU', 'NOBT')`,
    aged5Plus: sql<boolean>`(c.shobpa_date is not null and c.shobpa_date >= c.date_of_birth + interval '5 years')`,
    inCare21Months: sql<boolean>`(c.period_start is not null and c.period_start + interval '21 months' < coalesce(c.placed_date, ${clock.today}::date))`,
    overdue: sql<boolean>`(c.stage not in ('adopted', 'left-care', 'plan-reversed', 'in-care') and (
      (c.placed_date is null and c.period_start is not null and ${clock.today}::date - c.period_start > ${clock.a1})
      or (c.match_date is null and c.placement_order_date is not null and ${clock.today}::date - c.placement_order_date > ${clock.a2})))`,
  };
}

export async function listChildren(db: Db, scope: ListScope, q: ChildListQuery, clock: ListClock) {
  const f = flags(clock);
  let query = db.selectFrom('child as c')
    .innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .leftJoin('staff as sw', 'sw.id', 'c.social_worker_id')
    .where(inListScope(scope));
  if (q.la) query = query.where('o.code', '=', q.la);
  if (q.stage) query = query.where('c.stage', '=', q.stage);
  if (q.worker) query = query.where((eb) => eb.or([eb('c.social_worker_id', '=', q.worker!), eb('c.family_finder_id', '=', q.worker!)]));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([
      eb(sql`c.first_name || ' ' || c.last_name`, 'ilike', like), eb('c.la_child_ref', 'ilike', like), eb('c.upn', '=', q.q!.toUpperCase()),
    ]));
  }
  if (q.factor === 'any') query = query.where(sql<SqlBool>`(${f.siblingGroup} or ${f.disabled} or ${f.minorityEthnic} or ${f.aged5Plus} or ${f.inCare21Months})`);
  else if (q.factor) {
    const map = { 'sibling-group': f.siblingGroup, disabled: f.disabled, 'minority-ethnic': f.minorityEthnic, 'aged-5-plus': f.aged5Plus, 'in-care-21-months': f.inCare21Months };
    query = query.where(map[q.factor]);
  }
  if (q.overdue) query = query.where(f.overdue);

  let page = query.select([
    'c.id', 'c.placing_authority_id as placingAuthorityId', 'o.code as placingAuthorityCode', 'o.name as placingAuthorityName',
    'c.la_child_ref as laChildRef', 'c.first_name as firstName', 'c.last_name as lastName', 'c.date_of_birth as dateOfBirth',
    'c.sex', 'c.ethnicity', 'c.disabled', 'c.stage', 'c.period_start as periodStart', 'c.sibling_group_id as siblingGroupId',
    'c.shobpa_date as shobpaDate', 'c.placement_order_date as placementOrderDate', 'c.match_date as matchDate', 'c.placed_date as placedDate',
    'sw.display_name as socialWorkerName', f.overdue.as('overdue'),
    sql<string[]>`coalesce((select array_agg(w.reason order by w.reason) from waiting_reason w where w.child_id = c.id), '{}')`.as('waitingReasons'),
  ]);
  if (q.sort === 'age') page = page.orderBy('c.date_of_birth', 'asc');
  else if (q.sort === 'days-in-care') page = page.orderBy(sql`c.period_start`, sql`asc nulls last`);
  else if (q.sort === 'stage') page = page.orderBy('c.stage');
  page = page.orderBy('c.last_name').orderBy('c.first_name').orderBy('c.id');
  return pageAndTotal(page.limit(q.limit).offset(q.offset).execute(), query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}

/** A child as a report's drill-down lists it. */
export interface ListedChild {
  id: string;
  placingAuthorityId: string;
  placingAuthorityName: string;
  laChildRef: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  stage: Stage;
}

/** Of these children, those in the list's scope (for a report's drill-down: insight). */
export async function listedChildrenAmong(db: Db, scope: ListScope, ids: readonly string[]): Promise<ListedChild[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('child as c').innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .where('c.id', 'in', [...new Set(ids)]).where(inListScope(scope))
    .select([
      'c.id', 'c.placing_authority_id as placingAuthorityId', 'o.name as placingAuthorityName', 'c.la_child_ref as laChildRef',
      'c.first_name as firstName', 'c.last_name as lastName', 'c.date_of_birth as dateOfBirth', 'c.stage',
    ])
    .orderBy('c.last_name').orderBy('c.first_name').orderBy('c.id').execute()) as ListedChild[];
}

// ---- likely duplicates ------------------------------------------------------------------------

export interface DuplicateCandidate {
  id: string;
  placingAuthorityId: string;
  councilName: string;
  laChildRef: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  upn: string | null;
}

/**
 * Children in the list's scope who might be the one about to be registered: born the same day,
 * or with the same UPN. The model decides which are likely the same (names alike, and why).
 */
export async function duplicateCandidates(db: Db, scope: ListScope, keys: { dateOfBirth: string; upn: string | null }, limit = 500): Promise<DuplicateCandidate[]> {
  return db.selectFrom('child as c')
    .innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .where(inListScope(scope))
    .where((eb) => eb.or([eb('c.date_of_birth', '=', keys.dateOfBirth), ...(keys.upn ? [eb('c.upn', '=', keys.upn)] : [])]))
    .select([
      'c.id', 'c.placing_authority_id as placingAuthorityId', 'o.name as councilName', 'c.la_child_ref as laChildRef', 'c.first_name as firstName',
      'c.last_name as lastName', 'c.date_of_birth as dateOfBirth', 'c.upn',
    ])
    .orderBy('c.last_name').orderBy('c.first_name').orderBy('c.id').limit(limit).execute() as Promise<DuplicateCandidate[]>;
}

// ---- scorecard ------------------------------------------------------------------------------

export interface ScorecardRow {
  councilId: string;
  adopted: number;
  a1Days: number | null;
  a2Days: number | null;
  a2Children: number;
  withinA1: number;
}

/**
 * A1, A2 and A3's count for children adopted in the period, by council: A1 from the start of
 * the period of care to moving in with the adopters; A2 from the placement order to the match
 * (zero if the match came first; children with no placement order are left out).
 */
export async function scorecard(db: Db, councilIds: readonly string[], period: { from: string; to: string }, a1Threshold: number): Promise<ScorecardRow[]> {
  if (councilIds.length === 0) return [];
  const rows = await sql<{ council_id: string; adopted: string; a1: string | null; a2: string | null; a2_children: string; within_a1: string }>`
    select c.placing_authority_id as council_id, count(*) as adopted,
      round(avg(c.placed_date - c.period_start)) as a1,
      round(avg(greatest(0, c.match_date - c.placement_order_date)) filter (where c.placement_order_date is not null and c.match_date is not null)) as a2,
      count(*) filter (where c.placement_order_date is not null and c.match_date is not null) as a2_children,
      count(*) filter (where c.placed_date - c.period_start <= ${a1Threshold}) as within_a1
    from child c
    join milestone m on m.child_id = c.id and m.type = 'adoption-order'
    where c.stage = 'adopted' and c.placing_authority_id in (${sql.join(councilIds)})
      and m.date between ${period.from}::date and ${period.to}::date
    group by c.placing_authority_id`.execute(db);
  return rows.rows.map((r) => ({
    councilId: r.council_id, adopted: Number(r.adopted), a1Days: r.a1 === null ? null : Number(r.a1), a2Days: r.a2 === null ? null : Number(r.a2),
    a2Children: Number(r.a2_children), withinA1: Number(r.within_a1),
  }));
}

// ---- for matching -----------------------------------------------------------------------------

/** The stages in which a child waits for a family: decided, and not yet matched. */
export const WAITING_STAGES: readonly Stage[] = ['should-be-placed', 'placement-order', 'family-finding', 'linked'];

export interface MatchFacts extends ChildRow {
  needs: string[];
  avoidCouncilIds: string[];
  siblingDecision: string | null;
  siblingGroupName: string | null;
}

function matchFactsQuery(db: Db) {
  return childQuery(db).leftJoin('sibling_group as g', 'g.id', 'c.sibling_group_id').select([
    'c.avoid_council_ids as avoidCouncilIds', 'g.decision as siblingDecision', 'g.name as siblingGroupName',
    sql<string[]>`coalesce((select array_agg(n.category order by n.position) from child_need n where n.child_id = c.id), '{}')`.as('needs'),
  ]);
}

export async function matchFactsOf(db: Db, ids: readonly string[]): Promise<MatchFacts[]> {
  if (ids.length === 0) return [];
  return (await matchFactsQuery(db).where('c.id', 'in', ids).orderBy('c.date_of_birth').execute()) as unknown as MatchFacts[];
}

/** Waiting children in the scope: those a family is being found for. */
export async function waitingMatchFacts(db: Db, scope: ListScope, limit = 5000): Promise<MatchFacts[]> {
  return (await matchFactsQuery(db).where(inListScope(scope)).where('c.stage', 'in', WAITING_STAGES).orderBy('c.shobpa_date').orderBy('c.id').limit(limit).execute()) as unknown as MatchFacts[];
}

export async function setAvoidCouncils(db: Db, id: string, councilIds: readonly string[]): Promise<void> {
  await db.updateTable('child').set({ avoid_council_ids: [...councilIds], updated_at: new Date() }).where('id', '=', id).execute();
}
