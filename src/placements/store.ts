// The placements area's SQL. Access is decided by the service (the children's own rules); the
// list queries take the children list's scope (the councils and granted children it allows).
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';
import type { DisruptionKind, PlacementStatus } from './codes.ts';
import './tables.ts';

export interface Scope {
  ownerIds: string[];
  grantedIds: string[];
}

export interface PlacementRow {
  id: string;
  ownerId: string;
  ownerName: string;
  householdId: string;
  householdReference: string;
  status: PlacementStatus;
  matchOn: string;
  introductionsStart: string;
  plannedMoveOn: string;
  introductionsReviewedOn: string | null;
  introductionsReview: string | null;
  placedOn: string | null;
  placementCode: string | null;
  providerCode: string | null;
  appliedOn: string | null;
  orderOn: string | null;
  orderCode: string | null;
  childIds: string[];
  childNames: string[];
  reviewsHeld: string[];
}

function placementQuery(db: Db) {
  return db.selectFrom('placement as p')
    .innerJoin('organisation as o', 'o.id', 'p.owner_id')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .select([
      'p.id', 'p.owner_id as ownerId', 'o.name as ownerName', 'p.household_id as householdId', 'h.reference as householdReference', 'p.status',
      'p.match_on as matchOn', 'p.introductions_start as introductionsStart', 'p.planned_move_on as plannedMoveOn',
      'p.introductions_reviewed_on as introductionsReviewedOn', 'p.introductions_review as introductionsReview', 'p.placed_on as placedOn',
      'p.placement_code as placementCode', 'p.provider_code as providerCode', 'p.applied_on as appliedOn', 'p.order_on as orderOn', 'p.order_code as orderCode',
      sql<string[]>`array(select pc.child_id from placement_child pc join child c on c.id = pc.child_id where pc.placement_id = p.id order by c.date_of_birth, c.id)`.as('childIds'),
      sql<string[]>`array(select c.first_name || ' ' || c.last_name from placement_child pc join child c on c.id = pc.child_id where pc.placement_id = p.id order by c.date_of_birth, c.id)`.as('childNames'),
      sql<string[]>`array(select to_char(r.held_on, 'YYYY-MM-DD') from placement_review r where r.placement_id = p.id order by r.held_on)`.as('reviewsHeld'),
    ]);
}

const asRow = (r: unknown) => r as PlacementRow;

export async function findPlacement(db: Db, id: string): Promise<PlacementRow | undefined> {
  const row = await placementQuery(db).where('p.id', '=', id).executeTakeFirst();
  return row && asRow(row);
}

/** The child's placements, newest first. */
export async function placementsOfChild(db: Db, childId: string): Promise<PlacementRow[]> {
  return (await placementQuery(db).where('p.id', 'in', db.selectFrom('placement_child').select('placement_id').where('child_id', '=', childId))
    .orderBy('p.introductions_start', 'desc').execute()).map(asRow);
}

export interface ListQuery {
  status?: PlacementStatus | undefined;
  childId?: string | undefined;
  offset: number;
  limit: number;
}

const NONE = ['00000000-0000-0000-0000-000000000000'];

/**
 * Placements every child of which is in the scope (the children list's: their council's, or
 * granted), the rule for seeing a placement as a filter, so counts and pages hide what the page
 * would. `placementIdColumn` names the placement in the outer query.
 */
function everyChildInScope(scope: Scope, placementIdColumn: 'p.id' | 'd.placement_id') {
  return sql<boolean>`not exists (select 1 from placement_child pc join child c on c.id = pc.child_id
    where pc.placement_id = ${sql.ref(placementIdColumn)}
      and not (c.placing_authority_id in (${sql.join(scope.ownerIds.length ? scope.ownerIds : NONE)}) or c.id in (${sql.join(scope.grantedIds.length ? scope.grantedIds : NONE)})))`;
}

function inScope(db: Db, scope: Scope) {
  return placementQuery(db).where(everyChildInScope(scope, 'p.id'));
}

export async function listPlacements(db: Db, scope: Scope, q: ListQuery): Promise<{ total: number; items: PlacementRow[] }> {
  let query = inScope(db, scope);
  if (q.status) query = query.where('p.status', '=', q.status);
  if (q.childId) query = query.where('p.id', 'in', db.selectFrom('placement_child').select('placement_id').where('child_id', '=', q.childId));
  const rows = await query.select(sql<number>`count(*) over ()`.as('total')).orderBy('p.introductions_start', 'desc').orderBy('p.id').offset(q.offset).limit(q.limit).execute();
  return { total: Number(rows[0]?.total ?? 0), items: rows.map(asRow) };
}

/** Open placements in the scope: introductions, placed or applied (the work queue's source). */
export async function openPlacements(db: Db, scope: Scope): Promise<PlacementRow[]> {
  return (await inScope(db, scope).where('p.status', 'in', ['introductions', 'placed', 'applied']).orderBy('p.introductions_start').limit(2000).execute()).map(asRow);
}

export async function openPlacementOf(db: Db, childIds: readonly string[]): Promise<string | undefined> {
  const row = await db.selectFrom('placement as p').innerJoin('placement_child as pc', 'pc.placement_id', 'p.id')
    .select('p.id').where('pc.child_id', 'in', childIds).where('p.status', 'in', ['introductions', 'placed', 'applied']).executeTakeFirst();
  return row?.id;
}

export async function insertPlacement(db: Db, v: { ownerId: string; householdId: string; matchOn: string; introductionsStart: string; plannedMoveOn: string; childIds: readonly string[]; by: string | null }): Promise<string> {
  const { id } = await db.insertInto('placement').values({
    owner_id: v.ownerId, household_id: v.householdId, status: 'introductions', match_on: v.matchOn, introductions_start: v.introductionsStart, planned_move_on: v.plannedMoveOn, created_by: v.by,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('placement_child').values(v.childIds.map((child_id) => ({ placement_id: id, child_id }))).execute();
  return id;
}

export type PlacementChange = Partial<{
  status: PlacementStatus; plannedMoveOn: string; introductionsReviewedOn: string; introductionsReview: string;
  placedOn: string; placementCode: string; providerCode: string; appliedOn: string; orderOn: string; orderCode: string;
}>;

const COLUMNS: Record<keyof PlacementChange, string> = {
  status: 'status', plannedMoveOn: 'planned_move_on', introductionsReviewedOn: 'introductions_reviewed_on', introductionsReview: 'introductions_review',
  placedOn: 'placed_on', placementCode: 'placement_code', providerCode: 'provider_code', appliedOn: 'applied_on', orderOn: 'order_on', orderCode: 'order_code',
};

export async function updatePlacement(db: Db, id: string, change: PlacementChange): Promise<void> {
  const set = Object.fromEntries(Object.entries(change).map(([k, v]) => [COLUMNS[k as keyof PlacementChange], v]));
  await db.updateTable('placement').set(set).where('id', '=', id).execute();
}

export async function insertReview(db: Db, placementId: string, r: { heldOn: string; summary: string; by: string | null }): Promise<string> {
  const { id } = await db.insertInto('placement_review').values({ placement_id: placementId, held_on: r.heldOn, summary: r.summary, recorded_by: r.by }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function reviewsOf(db: Db, placementId: string) {
  return db.selectFrom('placement_review as r').leftJoin('staff as s', 's.id', 'r.recorded_by')
    .select(['r.id', 'r.held_on as heldOn', 'r.summary', 's.display_name as recordedByName']).where('r.placement_id', '=', placementId).orderBy('r.held_on').execute();
}

export interface DisruptionRow {
  id: string;
  ownerId: string;
  ownerName: string;
  placementId: string;
  householdReference: string;
  kind: DisruptionKind;
  occurredOn: string;
  reasons: string[];
  details: string;
  nextForChild: string;
  planReversed: string | null;
  childNames: string[];
  childIds: string[];
}

function disruptionQuery(db: Db) {
  return db.selectFrom('disruption as d')
    .innerJoin('organisation as o', 'o.id', 'd.owner_id')
    .innerJoin('household as h', 'h.id', 'd.household_id')
    .select([
      'd.id', 'd.owner_id as ownerId', 'o.name as ownerName', 'd.placement_id as placementId', 'h.reference as householdReference', 'd.kind',
      'd.occurred_on as occurredOn', 'd.reasons', 'd.details', 'd.next_for_child as nextForChild', 'd.plan_reversed as planReversed',
      sql<string[]>`array(select pc.child_id from placement_child pc join child c on c.id = pc.child_id where pc.placement_id = d.placement_id order by c.date_of_birth, c.id)`.as('childIds'),
      sql<string[]>`array(select c.first_name || ' ' || c.last_name from placement_child pc join child c on c.id = pc.child_id where pc.placement_id = d.placement_id order by c.date_of_birth, c.id)`.as('childNames'),
    ]);
}

export async function disruptionOf(db: Db, placementId: string): Promise<DisruptionRow | undefined> {
  return (await disruptionQuery(db).where('d.placement_id', '=', placementId).executeTakeFirst()) as DisruptionRow | undefined;
}

export async function listDisruptions(db: Db, scope: Scope, q: { kind?: DisruptionKind | undefined; offset: number; limit: number }): Promise<{ total: number; items: DisruptionRow[]; byKind: Record<string, number> }> {
  let query = disruptionQuery(db).where(everyChildInScope(scope, 'd.placement_id'));
  const counts = await query.clearSelect().select(['d.kind', sql<number>`count(*)`.as('n')]).groupBy('d.kind').execute();
  if (q.kind) query = query.where('d.kind', '=', q.kind);
  const rows = await query.select(sql<number>`count(*) over ()`.as('total')).orderBy('d.occurred_on', 'desc').orderBy('d.id').offset(q.offset).limit(q.limit).execute();
  return { total: Number(rows[0]?.total ?? 0), items: rows as unknown as DisruptionRow[], byKind: Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])) };
}

export async function insertDisruption(db: Db, d: { ownerId: string; placementId: string; householdId: string; kind: DisruptionKind; occurredOn: string; reasons: string[]; details: string; nextForChild: string; planReversed: string | null; by: string | null }): Promise<string> {
  const { id } = await db.insertInto('disruption').values({
    owner_id: d.ownerId, placement_id: d.placementId, household_id: d.householdId, kind: d.kind, occurred_on: d.occurredOn, reasons: d.reasons,
    details: d.details, next_for_child: d.nextForChild, plan_reversed: d.planReversed, recorded_by: d.by,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}
