// The SQL that loads the history the pooling replay steps through (pooling-model.ts): the
// partnership's member councils with their membership dates, who delivered family finding for
// each from which day, the children who became ready for a match in the window (with what the
// matching engine's hard constraints read: age, sex, needs, areas to avoid, sibling groups
// placed together) and the households approved in it (with their approval terms). Read only.
import { sql } from 'kysely';
import { termsFromRow } from '../adopters/store.ts';
import type { Db } from '../core/db.ts';
import type { FeeRate } from '../matching/fees.ts';
import type { MatchChild } from '../matching/model.ts';
import type { ReplayHistory, ReplayHousehold, ReplaySubject } from './pooling-model.ts';
import '../adopters/tables.ts';
import '../matching/tables.ts';

export interface PoolingCouncil { id: string; name: string; code: string | null }

/** The partnerships with these ids, by name. */
export async function partnerships(db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'partnership').where('id', 'in', ids).orderBy('name').execute();
}

/** The councils that are members of the partnership on the day (whose figures the finance policy is asked about). */
export async function membersOn(db: Db, partnershipId: string, day: string): Promise<string[]> {
  const rows = await db.selectFrom('membership').select('member_id').where('partnership_id', '=', partnershipId).where('kind', '=', 'member')
    .where('joined_on', '<=', day).where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', day)])).execute();
  return rows.map((r) => r.member_id);
}

/** Councils that were members at some time in the window, with every membership they had. */
async function memberships(db: Db, partnershipId: string, from: string, to: string) {
  const rows = await db.selectFrom('membership as m').innerJoin('organisation as o', 'o.id', 'm.member_id')
    .select(['m.member_id as councilId', 'o.name', 'o.code', 'm.joined_on as joinedOn', 'm.left_on as leftOn'])
    .where('m.partnership_id', '=', partnershipId).where('m.kind', '=', 'member').where('o.kind', '=', 'local-authority')
    .orderBy('o.name').orderBy('m.joined_on').execute();
  const inWindow = new Set(rows.filter((r) => r.joinedOn <= to && (r.leftOn === null || r.leftOn > from)).map((r) => r.councilId));
  const councils = new Map<string, PoolingCouncil>();
  for (const r of rows) if (inWindow.has(r.councilId)) councils.set(r.councilId, { id: r.councilId, name: r.name, code: r.code });
  return { councils: [...councils.values()], memberships: rows.filter((r) => inWindow.has(r.councilId)).map(({ councilId, joinedOn, leftOn }) => ({ councilId, joinedOn, leftOn })) };
}

/** The child's needs as the households' tolerances name them (as matching/profiles.ts maps them; needs no tolerance asks about are not weighed). */
const NEED_TO_TOLERANCE: Record<string, MatchChild['needs'][number]> = {
  'developmental-delay': 'developmentalDelay', 'learning-disability': 'learningDisability', 'physical-disability': 'physicalDisability',
  'medical-condition': 'medicalConditions', 'foetal-alcohol': 'fasd',
};

async function subjects(db: Db, councils: readonly PoolingCouncil[], from: string, to: string): Promise<ReplaySubject[]> {
  if (councils.length === 0) return [];
  const ready = sql<string>`coalesce(c.shobpa_date, c.placement_order_date)`;
  const rows = await db.selectFrom('child as c').innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .leftJoin('sibling_group as g', (j) => j.onRef('g.id', '=', 'c.sibling_group_id').on('g.decision', '=', 'together'))
    .select([
      'c.id', 'c.first_name as name', 'c.date_of_birth as dateOfBirth', 'c.sex', 'c.ethnicity', 'c.religion', 'c.first_language as firstLanguage',
      'c.placing_authority_id as councilId', 'o.name as councilName', 'o.code as councilCode', 'c.avoid_council_ids as avoidCouncilIds', 'g.id as groupId',
      ready.as('readyOn'),
      sql<string[]>`coalesce((select array_agg(n.category order by n.position) from child_need n where n.child_id = c.id), '{}')`.as('needs'),
      sql<string | null>`(select min(m.date) from milestone m where m.child_id = c.id and m.type = 'plan-reversed' and m.date >= ${ready})`.as('leavesOn'),
    ])
    .where('c.placing_authority_id', 'in', councils.map((c) => c.id))
    .where(ready, 'is not', null).where(ready, '<=', to)
    // A group placed together is ready when its last child is: its earlier children are read too.
    .where((eb) => eb.or([eb(ready, '>=', from), eb('g.id', 'is not', null)]))
    .orderBy('c.id').execute();
  const bySubject = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = r.groupId ?? r.id;
    bySubject.set(key, [...(bySubject.get(key) ?? []), r]);
  }
  const result: ReplaySubject[] = [];
  for (const [id, children] of bySubject) {
    const readyOn = children.map((c) => c.readyOn).sort().at(-1)!;
    if (readyOn < from) continue;
    const leaving = children.map((c) => c.leavesOn).filter((d): d is string => d !== null).sort();
    result.push({
      id, councilId: children[0]!.councilId, readyOn, leavesOn: leaving[0] ?? null,
      children: children.map((c) => ({
        id: c.id, name: c.name, dateOfBirth: c.dateOfBirth, sex: c.sex as MatchChild['sex'], ethnicity: c.ethnicity, religion: c.religion, firstLanguage: c.firstLanguage,
        needs: [...new Set(c.needs.map((n) => NEED_TO_TOLERANCE[n]).filter((n): n is MatchChild['needs'][number] => !!n))],
        councilId: c.councilId, councilName: c.councilName, councilCode: c.councilCode, avoidCouncilIds: c.avoidCouncilIds, waitingSince: c.readyOn,
      })),
    });
  }
  return result;
}

async function households(db: Db, partnershipId: string, councils: readonly PoolingCouncil[], from: string, to: string): Promise<ReplayHousehold[]> {
  const councilIds = new Set(councils.map((c) => c.id));
  const owners = [partnershipId, ...councilIds];
  const rows = await db.selectFrom('household as h').innerJoin('approval_terms as t', 't.household_id', 'h.id')
    .leftJoin('organisation as hc', 'hc.id', 'h.home_council_id')
    .selectAll('t')
    .select([
      'h.id', 'h.reference', 'h.owner_id as ownerId', 'h.home_council_id as homeCouncilId', 'hc.name as homeCouncilName', 'hc.code as homeCouncilCode',
      'h.approved_on as approvedOn',
      // Left the process: the date recorded, or the day the status became withdrawn or de-registered.
      sql<string | null>`coalesce(h.left_on, case when h.status in ('withdrawn', 'de-registered') then h.status_changed_on end)`.as('leavesOn'),
      sql<string[]>`coalesce((select array_agg(a.ethnicity order by a.position) from applicant a where a.household_id = h.id and a.ethnicity is not null), '{}')`.as('applicantEthnicities'),
    ])
    .where('h.owner_id', 'in', owners).where('h.approved_on', '>=', from).where('h.approved_on', '<=', to)
    .orderBy('h.reference').execute();
  return rows.map((r) => {
    const councilId = councilIds.has(r.ownerId) ? r.ownerId : r.homeCouncilId && councilIds.has(r.homeCouncilId) ? r.homeCouncilId : null;
    return {
      id: r.id, reference: r.reference, ownerId: r.ownerId, councilId, partnershipOwned: r.ownerId === partnershipId,
      homeCouncilId: r.homeCouncilId, homeCouncilName: r.homeCouncilName, homeCouncilCode: r.homeCouncilCode, approvedOn: r.approvedOn!, leavesOn: r.leavesOn,
      applicantEthnicities: r.applicantEthnicities, terms: termsFromRow(r as unknown as Record<string, unknown>),
    };
  });
}

/** The rates between councils and regional adoption agencies, every year held. */
export async function feeRates(db: Db): Promise<FeeRate[]> {
  return db.selectFrom('inter_agency_fee_rate').select(['financial_year as financialYear', 'children', 'amount_pence as amountPence', 'london_weighting_percent as londonWeightingPercent'])
    .where('provider_kind', '=', 'la').orderBy('financial_year').orderBy('children').execute()
    .then((rows) => rows.map((r) => ({ ...r, amountPence: Number(r.amountPence) })));
}

/** The partnership's history over the window, both ends included, with its councils. */
export async function poolingHistory(db: Db, partnershipId: string, from: string, to: string): Promise<{ history: ReplayHistory; councils: PoolingCouncil[] }> {
  const { councils, memberships: spells } = await memberships(db, partnershipId, from, to);
  const ids = councils.map((c) => c.id);
  const familyFinding = ids.length === 0 ? [] : (await db.selectFrom('operating_model_entry').select(['member_id as councilId', 'effective_on as effectiveOn', 'delivered_by as deliveredBy'])
    .where('partnership_id', '=', partnershipId).where('function_code', '=', 'family-finding').where('member_id', 'in', ids)
    .orderBy('effective_on').execute()).map((r) => ({ councilId: r.councilId, effectiveOn: r.effectiveOn, byPartnership: r.deliveredBy === 'partnership' }));
  const [children, approved] = await Promise.all([subjects(db, councils, from, to), households(db, partnershipId, councils, from, to)]);
  return { councils, history: { from, to, memberships: spells, familyFinding, subjects: children, households: approved } };
}
