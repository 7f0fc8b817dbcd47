// The SQL of finance and needs analysis: councils and their partnerships today, population and
// imported looked-after figures, children in care counted from the records on a day, projection
// methods, the adoption services with their budgets and staffing, contributions, foster-care
// costs, and the inter-agency fees matches recorded. Who may see which council is policy.ts.
import { sql } from 'kysely';
import type { Db } from '../core/db.ts';
import type { Band, BudgetLine, LookedAfterBasis, ProjectionMethod } from './model.ts';
import './tables.ts';

/** A council as the policy reads it (councilId, partnershipIds) and as pages name it. */
export interface Council { id: string; councilId: string; name: string; code: string; partnershipIds: string[] }

/** Every council, with the partnerships it is a member of on the day. */
export async function councils(db: Db, today: string): Promise<Council[]> {
  return db.selectFrom('organisation as o').where('o.kind', '=', 'local-authority')
    .select(['o.id', 'o.id as councilId', 'o.name', sql<string>`o.code`.as('code'),
      sql<string[]>`coalesce((select json_agg(m.partnership_id) from membership m where m.member_id = o.id and m.kind = 'member'
        and m.joined_on <= ${today}::date and (m.left_on is null or m.left_on > ${today}::date)), '[]'::json)`.as('partnershipIds')])
    .orderBy('o.name').execute();
}

export async function population(db: Db, councilIds: readonly string[]) {
  if (!councilIds.length) return [];
  return db.selectFrom('finance_population').select(['council_id as councilId', 'year', 'band', 'people'])
    .where('council_id', 'in', councilIds).orderBy('year').execute();
}

export async function lookedAfterImported(db: Db, councilIds: readonly string[]) {
  if (!councilIds.length) return [];
  return db.selectFrom('finance_looked_after').select(['council_id as councilId', 'year', 'basis', 'band', 'children'])
    .where('council_id', 'in', councilIds).orderBy('year').execute();
}

/** The first day each council's records have a child in care: years before it are not counted from them. */
export async function firstCareDays(db: Db, councilIds: readonly string[]): Promise<Map<string, string>> {
  if (!councilIds.length) return new Map();
  const rows = await db.selectFrom('care_episode as e').innerJoin('child as c', 'c.id', 'e.child_id')
    .where('c.placing_authority_id', 'in', councilIds).groupBy('c.placing_authority_id')
    .select(['c.placing_authority_id as councilId', sql<string>`min(e.start_date)`.as('first')]).execute();
  return new Map(rows.map((r) => [r.councilId, r.first]));
}

/**
 * Children in care on each day, by placing council and age band on that day. In care: an episode
 * has begun on or before the day and had not ended before it (an episode ending on the day
 * counts, as a child who leaves care on 31 March was looked after that day).
 */
export async function inCareOn(db: Db, councilIds: readonly string[], days: readonly string[]) {
  if (!councilIds.length || !days.length) return [];
  const result = await sql<{ councilId: string; day: string; band: Band; children: number }>`
    select c.placing_authority_id as "councilId", d.day::text as day, b.band, count(distinct c.id)::int as children
    from unnest(${sql.val(days)}::date[]) as d(day)
    join care_episode e on e.start_date <= d.day and (e.end_date is null or e.end_date >= d.day)
    join child c on c.id = e.child_id
    cross join lateral (select date_part('year', age(d.day, c.date_of_birth))::int as age) a
    cross join lateral (select case when a.age < 5 then '0-4' when a.age < 10 then '5-9' when a.age < 15 then '10-14' else '15-19' end as band) b
    where c.placing_authority_id = any(${sql.val(councilIds)}::uuid[]) and a.age between 0 and 19
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

export async function projectionMethods(db: Db, councilIds: readonly string[]) {
  if (!councilIds.length) return [];
  return db.selectFrom('finance_projection_method').select(['council_id as councilId', 'method', 'percent']).where('council_id', 'in', councilIds).execute();
}

export async function setProjectionMethod(db: Db, councilId: string, method: ProjectionMethod, percent: number | null): Promise<void> {
  await db.insertInto('finance_projection_method').values({ council_id: councilId, method, percent })
    .onConflict((oc) => oc.column('council_id').doUpdateSet({ method, percent, updated_at: sql`now()` })).execute();
}

export async function upsertPopulation(db: Db, councilId: string, year: number, band: Band, people: number): Promise<void> {
  await db.insertInto('finance_population').values({ council_id: councilId, year, band, people })
    .onConflict((oc) => oc.columns(['council_id', 'year', 'band']).doUpdateSet({ people, imported_at: sql`now()` })).execute();
}

export async function upsertLookedAfter(db: Db, councilId: string, year: number, basis: LookedAfterBasis, band: Band, children: number): Promise<void> {
  await db.insertInto('finance_looked_after').values({ council_id: councilId, year, basis, band, children })
    .onConflict((oc) => oc.columns(['council_id', 'year', 'basis', 'band']).doUpdateSet({ children, imported_at: sql`now()` })).execute();
}

// ---- services, budgets and staffing ------------------------------------------------------------

export interface Service { id: string; name: string; councilIds: string[] }

export async function services(db: Db): Promise<Service[]> {
  return db.selectFrom('finance_service as s')
    .select(['s.id', 's.name', sql<string[]>`coalesce((select json_agg(sc.council_id) from finance_service_council sc where sc.service_id = s.id), '[]'::json)`.as('councilIds')])
    .orderBy('s.name').execute();
}

export async function insertService(db: Db, name: string, councilIds: readonly string[]): Promise<string> {
  const { id } = await db.insertInto('finance_service').values({ name }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('finance_service_council').values(councilIds.map((c) => ({ service_id: id, council_id: c }))).execute();
  return id;
}

export async function budgets(db: Db, serviceIds: readonly string[]) {
  if (!serviceIds.length) return [];
  return db.selectFrom('finance_budget').select(['service_id as serviceId', 'year', 'line', 'amount_pence as amountPence']).where('service_id', 'in', serviceIds).orderBy('year').execute();
}

export async function staffing(db: Db, serviceIds: readonly string[]) {
  if (!serviceIds.length) return [];
  return db.selectFrom('finance_staffing').select(['service_id as serviceId', 'year', 'fte']).where('service_id', 'in', serviceIds).orderBy('year').execute();
}

export async function setBudget(db: Db, serviceId: string, year: number, line: BudgetLine, amountPence: number): Promise<void> {
  await db.insertInto('finance_budget').values({ service_id: serviceId, year, line, amount_pence: amountPence })
    .onConflict((oc) => oc.columns(['service_id', 'year', 'line']).doUpdateSet({ amount_pence: amountPence, updated_at: sql`now()` })).execute();
}

export async function setStaffing(db: Db, serviceId: string, year: number, fte: number): Promise<void> {
  await db.insertInto('finance_staffing').values({ service_id: serviceId, year, fte })
    .onConflict((oc) => oc.columns(['service_id', 'year']).doUpdateSet({ fte, updated_at: sql`now()` })).execute();
}

// ---- contributions, foster-care costs and fees ------------------------------------------------

export async function contributions(db: Db, councilIds: readonly string[]) {
  if (!councilIds.length) return [];
  return db.selectFrom('finance_contribution').select(['id', 'council_id as councilId', 'year', 'source', 'amount_pence as amountPence'])
    .where('council_id', 'in', councilIds).orderBy('year').orderBy('source').execute();
}

export async function insertContribution(db: Db, c: { councilId: string; year: number; source: string; amountPence: number }): Promise<string> {
  const { id } = await db.insertInto('finance_contribution').values({ council_id: c.councilId, year: c.year, source: c.source, amount_pence: c.amountPence }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function fosterCosts(db: Db, councilIds: readonly string[]): Promise<Map<string, number>> {
  if (!councilIds.length) return new Map();
  const rows = await db.selectFrom('finance_foster_cost').select(['council_id as councilId', 'monthly_pence as monthlyPence']).where('council_id', 'in', councilIds).execute();
  return new Map(rows.map((r) => [r.councilId, r.monthlyPence]));
}

export async function setFosterCost(db: Db, councilId: string, monthlyPence: number): Promise<void> {
  await db.insertInto('finance_foster_cost').values({ council_id: councilId, monthly_pence: monthlyPence })
    .onConflict((oc) => oc.column('council_id').doUpdateSet({ monthly_pence: monthlyPence, updated_at: sql`now()` })).execute();
}

/** Inter-agency fees the matches recorded, paid or received by the organisations, by year. */
export async function fees(db: Db, orgIds: readonly string[]) {
  if (!orgIds.length) return [];
  return db.selectFrom('inter_agency_fee as f').innerJoin('organisation as payer', 'payer.id', 'f.payer_id').innerJoin('organisation as payee', 'payee.id', 'f.payee_id')
    .where((eb) => eb.or([eb('f.payer_id', 'in', orgIds), eb('f.payee_id', 'in', orgIds)]))
    .select(['f.link_id as linkId', 'f.payer_id as payerId', 'payer.name as payerName', 'f.payee_id as payeeId', 'payee.name as payeeName', 'f.financial_year as year', 'f.children', 'f.amount_pence as amountPence'])
    .orderBy('f.financial_year').execute();
}

/** The single-child inter-agency fee between councils and regional adoption agencies for the year (or the latest before it). */
export async function councilFee(db: Db, year: number): Promise<number | null> {
  const row = await db.selectFrom('inter_agency_fee_rate').select('amount_pence').where('provider_kind', '=', 'la').where('children', '=', 1)
    .where('financial_year', '<=', year).orderBy('financial_year', 'desc').executeTakeFirst();
  return row ? Number(row.amount_pence) : null;
}
