// SQL for matching: the households a child could be matched with (as profiles, with their terms,
// applicants' ethnicities and open links), the partnership's weights, links with their children,
// history and grants, and the inter-agency fee rates and fees.
import { sql } from 'kysely';
import { termsFromRow } from '../adopters/store.ts';
import type { Terms } from '../adopters/model.ts';
import type { Db } from '../core/db.ts';
import { pageAndTotal } from '../core/paging.ts';
import { DEFAULT_SETTINGS, type MatchSettings } from './model.ts';
import './tables.ts';
import '../adopters/tables.ts';

/** Link statuses that count towards a household's cap and keep its grants. */
export const OPEN_STATUSES = ['interest', 'exploring', 'shortlisted', 'proceeding'] as const;

// ---- candidates ---------------------------------------------------------------------------------

export interface CandidateRow {
  id: string;
  reference: string;
  ownerId: string;
  ownerName: string;
  ownerKind: string;
  ownerCode: string | null;
  ownerPartnerships: string[];
  status: string;
  approvedOn: string | null;
  homeCouncilId: string | null;
  homeCouncilName: string | null;
  homeCouncilCode: string | null;
  openLinks: number;
  applicantEthnicities: string[];
  terms: Terms | null;
}

/** Every approved household that is available, linked or on hold (those on hold are listed as excluded, with why). */
export async function candidateHouseholds(db: Db, today: string, ids?: readonly string[]): Promise<CandidateRow[]> {
  let query = db.selectFrom('household as h')
    .innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .leftJoin('organisation as hc', 'hc.id', 'h.home_council_id')
    .leftJoin('approval_terms as t', 't.household_id', 'h.id')
    .where('h.status', 'in', ['approved', 'linked', 'on-hold'])
    .where('h.approved_on', 'is not', null);
  if (ids) query = ids.length ? query.where('h.id', 'in', ids) : query.where(sql<boolean>`false`);
  const rows = await query.selectAll('t').select([
    'h.id', 'h.reference', 'h.owner_id as ownerId', 'ow.name as ownerName', 'ow.kind as ownerKind', 'ow.code as ownerCode', 'h.status',
    'h.approved_on as approvedOn', 'h.home_council_id as homeCouncilId', 'hc.name as homeCouncilName', 'hc.code as homeCouncilCode',
    sql<string[]>`(select coalesce(array_agg(m.partnership_id::text), '{}') from membership m
      where m.member_id = h.owner_id and m.joined_on <= ${today}::date and (m.left_on is null or m.left_on > ${today}::date))
      || case when ow.kind = 'partnership' then array[h.owner_id::text] else '{}'::text[] end`.as('ownerPartnerships'),
    sql<number>`(select count(*) from link l where l.household_id = h.id and l.status in ('interest', 'exploring', 'shortlisted', 'proceeding'))::int`.as('openLinks'),
    sql<string[]>`coalesce((select array_agg(a.ethnicity order by a.position) from applicant a where a.household_id = h.id and a.ethnicity is not null), '{}')`.as('applicantEthnicities'),
  ]).orderBy('h.reference').execute();
  return rows.map((r) => ({
    id: r.id, reference: r.reference, ownerId: r.ownerId, ownerName: r.ownerName, ownerKind: r.ownerKind, ownerCode: r.ownerCode, ownerPartnerships: r.ownerPartnerships,
    status: r.status, approvedOn: r.approvedOn, homeCouncilId: r.homeCouncilId, homeCouncilName: r.homeCouncilName, homeCouncilCode: r.homeCouncilCode,
    openLinks: r.openLinks, applicantEthnicities: r.applicantEthnicities, terms: r.household_id ? termsFromRow(r as unknown as Record<string, unknown>) : null,
  }));
}

/** The partnerships a council belongs to on the day. */
export async function partnershipsOf(db: Db, organisationIds: readonly string[], today: string): Promise<Map<string, string[]>> {
  const byOrg = new Map<string, string[]>(organisationIds.map((id) => [id, []]));
  if (organisationIds.length === 0) return byOrg;
  const rows = await db.selectFrom('membership').select(['member_id as memberId', 'partnership_id as partnershipId'])
    .where('member_id', 'in', organisationIds).where('joined_on', '<=', today)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)])).execute();
  for (const r of rows) byOrg.get(r.memberId)?.push(r.partnershipId);
  return byOrg;
}

/** Who delivers family finding for a council on the day: the partnership or a provider where the operating model says so, else the council itself. */
export async function familyFindingDeliverer(db: Db, councilId: string, today: string): Promise<string> {
  const om = sql<{ member_id: string; function_code: string; delivered_by: string; partnership_id: string; provider_id: string | null }>`operating_model_on(${today}::date)`;
  const row = await db.selectFrom(om.as('om')).select(['om.delivered_by', 'om.partnership_id', 'om.provider_id'])
    .where('om.member_id', '=', councilId).where('om.function_code', '=', 'family-finding').executeTakeFirst();
  if (row?.delivered_by === 'partnership') return row.partnership_id;
  if (row?.delivered_by === 'provider' && row.provider_id) return row.provider_id;
  return councilId;
}

// ---- settings -----------------------------------------------------------------------------------

/** The weights and cap of the first of these organisations that holds its own (a partnership, then the council), else the defaults. */
export async function settingsFor(db: Db, organisationIds: readonly string[]): Promise<{ settings: MatchSettings; organisationId: string | null }> {
  if (organisationIds.length === 0) return { settings: DEFAULT_SETTINGS, organisationId: null };
  const rows = await db.selectFrom('matching_settings').selectAll().where('organisation_id', 'in', organisationIds).execute();
  for (const id of organisationIds) {
    const r = rows.find((x) => x.organisation_id === id);
    if (r) {
      return {
        organisationId: id,
        settings: {
          linkCap: r.link_cap,
          weights: { needs: r.needs_weight, heritage: r.heritage_weight, siblings: r.siblings_weight, distance: r.distance_weight, 'household-wait': r.household_wait_weight, 'child-wait': r.child_wait_weight },
        },
      };
    }
  }
  return { settings: DEFAULT_SETTINGS, organisationId: null };
}

export async function saveSettings(db: Db, organisationId: string, s: MatchSettings, by: string): Promise<void> {
  const values = {
    link_cap: s.linkCap, needs_weight: s.weights.needs, heritage_weight: s.weights.heritage, siblings_weight: s.weights.siblings,
    distance_weight: s.weights.distance, household_wait_weight: s.weights['household-wait'], child_wait_weight: s.weights['child-wait'], updated_by: by,
  };
  await db.insertInto('matching_settings').values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...values, updated_at: new Date() })).execute();
}

// ---- links --------------------------------------------------------------------------------------

export interface LinkRow {
  id: string;
  householdId: string;
  householdReference: string;
  householdOwnerId: string;
  householdOwnerName: string;
  householdStatus: string;
  placingAuthorityId: string;
  placingAuthorityName: string;
  siblingGroupId: string | null;
  status: string;
  openedOn: string;
  openedBy: string;
  openedByName: string;
  openedFrom: 'child' | 'household';
  closedOn: string | null;
  closeReason: string | null;
  closeNotes: string | null;
  matchedOn: string | null;
  children: { id: string; name: string }[];
}

function linkQuery(db: Db) {
  return db.selectFrom('link as l')
    .innerJoin('household as h', 'h.id', 'l.household_id')
    .innerJoin('organisation as ow', 'ow.id', 'h.owner_id')
    .innerJoin('organisation as pa', 'pa.id', 'l.placing_authority_id')
    .innerJoin('staff as s', 's.id', 'l.opened_by')
    .select([
      'l.id', 'l.household_id as householdId', 'h.reference as householdReference', 'h.owner_id as householdOwnerId', 'ow.name as householdOwnerName',
      'h.status as householdStatus', 'l.placing_authority_id as placingAuthorityId', 'pa.name as placingAuthorityName', 'l.sibling_group_id as siblingGroupId',
      'l.status', 'l.opened_on as openedOn', 'l.opened_by as openedBy', 's.display_name as openedByName', 'l.opened_from as openedFrom',
      'l.closed_on as closedOn', 'l.close_reason as closeReason', 'l.close_notes as closeNotes', 'l.matched_on as matchedOn',
      sql<{ id: string; name: string }[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.first_name || ' ' || c.last_name) order by c.date_of_birth), '[]'::json)
        from link_child lc join child c on c.id = lc.child_id where lc.link_id = l.id)`.as('children'),
    ]);
}

export async function findLink(db: Db, id: string): Promise<LinkRow | undefined> {
  return (await linkQuery(db).where('l.id', '=', id).executeTakeFirst()) as LinkRow | undefined;
}

export async function linksOfChild(db: Db, childId: string): Promise<LinkRow[]> {
  return (await linkQuery(db).where((eb) => eb.exists(eb.selectFrom('link_child as lc').select('lc.link_id').whereRef('lc.link_id', '=', 'l.id').where('lc.child_id', '=', childId)))
    .orderBy('l.opened_on', 'desc').orderBy('l.id').execute()) as LinkRow[];
}

export async function linksOfHousehold(db: Db, householdId: string): Promise<LinkRow[]> {
  return (await linkQuery(db).where('l.household_id', '=', householdId).orderBy('l.opened_on', 'desc').orderBy('l.id').execute()) as LinkRow[];
}

/** Links whose child's council or household's agency is among these organisations (the list's candidates; the service filters by policy). */
export async function linksTouching(db: Db, organisationIds: readonly string[], q: { status?: string; limit: number; offset: number }) {
  if (organisationIds.length === 0) return { total: 0, items: [] as LinkRow[] };
  let query = linkQuery(db).where((eb) => eb.or([eb('l.placing_authority_id', 'in', organisationIds), eb('h.owner_id', 'in', organisationIds)]));
  if (q.status === 'open') query = query.where('l.status', 'in', OPEN_STATUSES);
  else if (q.status) query = query.where('l.status', '=', q.status);
  const count = query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return pageAndTotal(query.orderBy('l.opened_on', 'desc').orderBy('l.id').limit(q.limit).offset(q.offset).execute() as Promise<LinkRow[]>, count);
}

/** An open link between this household and any of these children. */
export async function openLinkBetween(db: Db, householdId: string, childIds: readonly string[]): Promise<string | undefined> {
  const row = await db.selectFrom('link as l').innerJoin('link_child as lc', 'lc.link_id', 'l.id').select('l.id')
    .where('l.household_id', '=', householdId).where('lc.child_id', 'in', childIds).where('l.status', 'in', OPEN_STATUSES).executeTakeFirst();
  return row?.id;
}

export async function openLinkCount(db: Db, householdId: string): Promise<number> {
  const row = await db.selectFrom('link').select((eb) => eb.fn.countAll<number>().as('n')).where('household_id', '=', householdId).where('status', 'in', OPEN_STATUSES).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Lock the household's row so two links opened at once cannot both pass the cap. */
export async function lockHousehold(db: Db, householdId: string): Promise<void> {
  await db.selectFrom('household').select('id').where('id', '=', householdId).forUpdate().execute();
}

export async function lockLink(db: Db, linkId: string): Promise<void> {
  await db.selectFrom('link').select('id').where('id', '=', linkId).forUpdate().execute();
}

export async function insertLink(db: Db, l: { householdId: string; placingAuthorityId: string; siblingGroupId: string | null; childIds: readonly string[]; openedOn: string; openedBy: string; openedFrom: 'child' | 'household' }): Promise<string> {
  const row = await db.insertInto('link').values({
    household_id: l.householdId, placing_authority_id: l.placingAuthorityId, sibling_group_id: l.siblingGroupId, opened_on: l.openedOn, opened_by: l.openedBy, opened_from: l.openedFrom,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('link_child').values(l.childIds.map((c) => ({ link_id: row.id, child_id: c }))).execute();
  return row.id;
}

export async function setLinkStatus(db: Db, id: string, s: { status: string; closedOn?: string | null; closeReason?: string | null; closeNotes?: string | null; matchedOn?: string | null }): Promise<void> {
  await db.updateTable('link').set({
    status: s.status, closed_on: s.closedOn ?? null, close_reason: s.closeReason ?? null, close_notes: s.closeNotes ?? null, matched_on: s.matchedOn ?? null, updated_at: new Date(),
  }).where('id', '=', id).execute();
}

export async function insertLinkEvent(db: Db, e: { linkId: string; from: string | null; to: string; on: string; reason?: string | null; notes?: string | null; by: string }): Promise<void> {
  await db.insertInto('link_event').values({ link_id: e.linkId, from_status: e.from, to_status: e.to, on_date: e.on, reason: e.reason ?? null, notes: e.notes ?? null, recorded_by: e.by }).execute();
}

export function linkEvents(db: Db, linkId: string) {
  return db.selectFrom('link_event as e').leftJoin('staff as s', 's.id', 'e.recorded_by')
    .select(['e.id', 'e.from_status as from', 'e.to_status as to', 'e.on_date as on', 'e.reason', 'e.notes', 's.display_name as by', 'e.recorded_at as recordedAt'])
    .where('e.link_id', '=', linkId).orderBy('e.id').execute();
}

export async function insertLinkGrant(db: Db, linkId: string, grantId: string): Promise<void> {
  await db.insertInto('link_grant').values({ link_id: linkId, grant_id: grantId }).execute();
}

export async function grantsOfLink(db: Db, linkId: string): Promise<string[]> {
  return (await db.selectFrom('link_grant').select('grant_id').where('link_id', '=', linkId).execute()).map((r) => r.grant_id);
}

// ---- inter-agency fees --------------------------------------------------------------------------

/** The rates held for the provider kind at or before the financial year (latest year first). */
export function feeRates(db: Db, providerKind: 'la' | 'vaa', financialYear: number) {
  return db.selectFrom('inter_agency_fee_rate').select(['financial_year as financialYear', 'children', 'amount_pence as amountPence', 'london_weighting_percent as londonWeightingPercent'])
    .where('provider_kind', '=', providerKind).where('financial_year', '<=', financialYear).orderBy('financial_year', 'desc').orderBy('children').execute();
}

export interface FeeRow {
  linkId: string;
  payerId: string;
  payerName: string;
  payeeId: string;
  payeeName: string;
  financialYear: number;
  providerKind: 'la' | 'vaa';
  children: number;
  amountPence: number;
  londonWeighting: boolean;
  recordedOn: string;
}

export async function insertFee(db: Db, f: Omit<FeeRow, 'payerName' | 'payeeName'> & { recordedBy: string }): Promise<void> {
  await db.insertInto('inter_agency_fee').values({
    link_id: f.linkId, payer_id: f.payerId, payee_id: f.payeeId, financial_year: f.financialYear, provider_kind: f.providerKind, children: f.children,
    amount_pence: f.amountPence, london_weighting: f.londonWeighting, recorded_on: f.recordedOn, recorded_by: f.recordedBy,
  }).execute();
}

export async function feeOf(db: Db, linkId: string): Promise<FeeRow | undefined> {
  return (await db.selectFrom('inter_agency_fee as f').innerJoin('organisation as pr', 'pr.id', 'f.payer_id').innerJoin('organisation as pe', 'pe.id', 'f.payee_id')
    .select(['f.link_id as linkId', 'f.payer_id as payerId', 'pr.name as payerName', 'f.payee_id as payeeId', 'pe.name as payeeName', 'f.financial_year as financialYear',
      'f.provider_kind as providerKind', 'f.children', 'f.amount_pence as amountPence', 'f.london_weighting as londonWeighting', 'f.recorded_on as recordedOn'])
    .where('f.link_id', '=', linkId).executeTakeFirst()) as FeeRow | undefined;
}

export async function assessingWorkerOf(db: Db, householdId: string): Promise<string | null> {
  return (await db.selectFrom('household').select('assessing_worker_id').where('id', '=', householdId).executeTakeFirst())?.assessing_worker_id ?? null;
}
