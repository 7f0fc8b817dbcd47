// SQL for insight: the scorecard's measures over the records (milestones and care episodes), per
// council and over all the councils at once (grouping sets: the partnership's figure is over all
// its children, never an average of the councils' averages), for several periods in one query;
// the children behind a figure; the thresholds; the comparators; and the councils asked for.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../core/db.ts';
import type { AdoptedChild, MeasureCode, Threshold } from './model.ts';
import './tables.ts';

/** A period to measure, named by a key the answer carries back. */
export interface MeasuredPeriod {
  key: string;
  from: string;
  to: string;
}

function idsIn(ids: readonly string[]): RawBuilder<unknown> {
  return ids.length ? sql`(${sql.join(ids.map((id) => sql`${id}::uuid`))})` : sql`(null::uuid)`;
}

/**
 * One row per child and period in which the child was adopted (adoption order in the period; the
 * latest, if two), with the dates of the attempt that ended in that order (the milestones after
 * the last reversal of plan before it) and each measure's clock, as in model.ts clocksOf.
 */
function adoptions(councilIds: readonly string[], periods: readonly MeasuredPeriod[]): RawBuilder<unknown> {
  const from = periods.map((p) => p.from).sort()[0]!;
  const to = periods.map((p) => p.to).sort().at(-1)!;
  const windows = sql.join(periods.map((p) => sql`(${p.key}::text, ${p.from}::date, ${p.to}::date)`));
  return sql`
    with o as (
      select m.child_id, c.placing_authority_id as council_id, c.period_start, m.date as order_date
      from milestone m join child c on c.id = m.child_id
      where m.type = 'adoption-order' and m.date between ${from}::date and ${to}::date and c.placing_authority_id in ${idsIn(councilIds)}
    ), k as (
      select o.*, d.*
      from o
      cross join lateral (
        select max(r.date) as cycle_from from milestone r where r.child_id = o.child_id and r.type = 'plan-reversed' and r.date <= o.order_date
      ) cyc
      cross join lateral (
        select max(m.date) filter (where m.type = 'placed-for-adoption') as placed,
          (array_agg(m.code order by m.date desc) filter (where m.type = 'placed-for-adoption'))[1] as placed_code,
          min(m.date) filter (where m.type = 'placement-order' and m.code = 'order') as placement_order,
          max(m.date) filter (where m.type = 'match') as match,
          min(m.date) filter (where m.type = 'early-permanence') as early_permanence
        from milestone m
        where m.child_id = o.child_id and m.date <= o.order_date and (cyc.cycle_from is null or m.date > cyc.cycle_from)
      ) d
    ), e as (
      select k.*,
        -- The period of care in which the child was placed (DOMAIN.md §3.1: the latest RNE S episode).
        coalesce((select max(ep.start_date) from care_episode ep where ep.child_id = k.child_id and ep.rne = 'S' and ep.start_date <= coalesce(k.placed, k.order_date)), k.period_start) as entered_care,
        case when k.placed_code in ('A3', 'A5') then coalesce(
          (select max(ep.start_date) from care_episode ep where ep.child_id = k.child_id and ep.start_date < k.placed and ep.rne in ('S', 'P', 'T')),
          case when k.early_permanence <= k.placed then k.early_permanence end,
          k.placed) end as foster_start
      from k
    ), clocks as (
      select e.*, e.placed_code in ('A3', 'A5') as foster_carer,
        case when e.entered_care is not null and e.placed is not null then greatest(0, e.placed - e.entered_care) end as a1,
        case when e.placement_order is not null and e.match is not null and e.placed is not null then greatest(0, e.match - e.placement_order) end as a2,
        case when e.entered_care is not null and e.placed is not null then e.placed < e.entered_care + interval '14 months' end as within_14,
        case when e.entered_care is not null and e.placed is not null then greatest(0, coalesce(e.foster_start, e.placed) - e.entered_care) end as a10
      from e
    )
    select distinct on (w.key, clocks.child_id) w.key as period_key, clocks.*
    from clocks join (values ${windows}) as w(key, w_from, w_to) on clocks.order_date between w.w_from and w.w_to
    order by w.key, clocks.child_id, clocks.order_date desc`;
}

export interface MeasureRow {
  periodKey: string;
  /** Null: all the councils asked for, together. */
  councilId: string | null;
  adopted: number;
  fosterCarer: number;
  figures: Record<MeasureCode, { value: number | null; cohortSize: number }>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The four measures for each period, per council and over all of them. */
export async function measures(db: Db, councilIds: readonly string[], periods: readonly MeasuredPeriod[]): Promise<MeasureRow[]> {
  if (councilIds.length === 0 || periods.length === 0) return [];
  const { rows } = await sql<Record<string, unknown>>`
    with a as (${adoptions(councilIds, periods)})
    select a.period_key, case when grouping(a.council_id) = 1 then null else a.council_id end as council_id,
      count(*)::int as adopted, count(*) filter (where a.foster_carer)::int as foster_carer,
      round(avg(a.a1)) as a1, count(a.a1)::int as a1_n,
      round(avg(a.a2)) as a2, count(a.a2)::int as a2_n,
      round(100.0 * count(*) filter (where a.within_14) / nullif(count(a.within_14), 0)) as a3, count(a.within_14)::int as a3_n,
      round(avg(a.a10)) as a10, count(a.a10)::int as a10_n
    from a group by grouping sets ((a.period_key, a.council_id), (a.period_key))`.execute(db);
  return rows.map((r) => ({
    periodKey: String(r.period_key), councilId: (r.council_id as string | null) ?? null, adopted: Number(r.adopted), fosterCarer: Number(r.foster_carer),
    figures: {
      A1: { value: num(r.a1), cohortSize: Number(r.a1_n) },
      A2: { value: num(r.a2), cohortSize: Number(r.a2_n) },
      A3: { value: num(r.a3), cohortSize: Number(r.a3_n) },
      A10: { value: num(r.a10), cohortSize: Number(r.a10_n) },
    },
  }));
}

/** Each adopted child's dates, as the measures read them (for tests and checks against model.ts). */
export async function adoptedChildren(db: Db, councilIds: readonly string[], period: MeasuredPeriod): Promise<AdoptedChild[]> {
  if (councilIds.length === 0) return [];
  type Row = { child_id: string; council_id: string; order_date: string; entered_care: string | null; placement_order: string | null; match: string | null; placed: string | null; placed_code: string | null; foster_start: string | null };
  const { rows } = await sql<Row>`with a as (${adoptions(councilIds, [period])}) select * from a order by a.child_id`.execute(db);
  return rows.map((r) => ({
    id: r.child_id, councilId: r.council_id, adoptionOrder: r.order_date, enteredCare: r.entered_care, placementOrder: r.placement_order,
    match: r.match, placed: r.placed, placedCode: r.placed_code, fosterPlacementStart: r.foster_start,
  }));
}

const COHORT: Record<MeasureCode | 'adopted', string> = { adopted: 'true', A1: 'a.a1 is not null', A2: 'a.a2 is not null', A3: 'a.within_14 is not null', A10: 'a.a10 is not null' };

/** The children in a measure's cohort for the period: of one council, or of all of them (councilId null). */
export async function cohortIds(db: Db, councilIds: readonly string[], period: MeasuredPeriod, measure: MeasureCode | 'adopted', councilId: string | null): Promise<string[]> {
  if (councilIds.length === 0) return [];
  const { rows } = await sql<{ child_id: string }>`
    with a as (${adoptions(councilIds, [period])})
    select a.child_id from a where ${sql.raw(COHORT[measure])} ${councilId ? sql`and a.council_id = ${councilId}::uuid` : sql``}
    order by a.child_id`.execute(db);
  return rows.map((r) => r.child_id);
}

// ---- thresholds and comparators ---------------------------------------------------------------

export async function thresholds(db: Db): Promise<Threshold[]> {
  const rows = await db.selectFrom('scorecard_threshold').select(['measure', 'first_window_end', 'days', 'months', 'label']).orderBy('measure').orderBy('first_window_end').execute();
  return rows.map((r) => ({ measure: r.measure as MeasureCode, firstWindowEnd: r.first_window_end, days: r.days, months: r.months, label: r.label }));
}

export interface ComparatorRow {
  measure: string;
  comparator: 'england' | 'statistical-neighbours';
  councilId: string | null;
  periodEnd: string;
  value: number;
  source: string;
  illustrative: boolean;
}

/** England's figures, and the statistical neighbours' of these councils, for the period ends. */
export async function comparators(db: Db, councilIds: readonly string[], periodEnds: readonly string[]): Promise<ComparatorRow[]> {
  if (periodEnds.length === 0) return [];
  const rows = await db.selectFrom('comparator_figure')
    .select(['measure', 'comparator', 'council_id', 'period_end', 'value', 'source', 'illustrative'])
    .where('period_end', 'in', periodEnds)
    .where((eb) => (councilIds.length ? eb.or([eb('council_id', 'is', null), eb('council_id', 'in', councilIds)]) : eb('council_id', 'is', null)))
    .orderBy('measure').orderBy('period_end').orderBy('comparator').execute();
  return rows.map((r) => ({ measure: r.measure, comparator: r.comparator, councilId: r.council_id, periodEnd: r.period_end, value: Number(r.value), source: r.source, illustrative: r.illustrative }));
}

export type NewComparator = Omit<ComparatorRow, 'illustrative'> & { illustrative?: boolean };

/** Writes the figures, each replacing any held for the same measure, comparator, council and period. */
export async function saveComparators(db: Db, figures: readonly NewComparator[]): Promise<void> {
  for (const f of figures) {
    await db.deleteFrom('comparator_figure').where('measure', '=', f.measure).where('comparator', '=', f.comparator).where('period_end', '=', f.periodEnd)
      .where((eb) => (f.councilId ? eb('council_id', '=', f.councilId) : eb('council_id', 'is', null))).execute();
    await db.insertInto('comparator_figure').values({
      measure: f.measure, comparator: f.comparator, council_id: f.councilId, period_end: f.periodEnd, value: f.value, source: f.source, illustrative: f.illustrative ?? false,
    }).execute();
  }
}

// ---- councils and partnerships ----------------------------------------------------------------

export interface CouncilRow {
  id: string;
  slug: string;
  code: string | null;
  laNumber: string | null;
  name: string;
}

export async function councils(db: Db, ids: readonly string[]): Promise<CouncilRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisation').select(['id', 'slug', 'code', 'la_number as laNumber', 'name'])
    .where('id', 'in', ids).where('kind', '=', 'local-authority').orderBy('name').execute();
}

/** A council by its slug, ONS code or DfE LA number (as `mercia import 903 --la` takes it). */
export async function councilNamed(db: Db, text: string): Promise<CouncilRow | undefined> {
  const t = text.trim();
  return db.selectFrom('organisation').select(['id', 'slug', 'code', 'la_number as laNumber', 'name']).where('kind', '=', 'local-authority')
    .where((eb) => eb.or([eb('slug', '=', t.toLowerCase()), eb('code', '=', t.toUpperCase()), eb('la_number', '=', t)])).executeTakeFirst();
}

export interface PartnershipRow {
  id: string;
  slug: string;
  name: string;
  memberIds: string[];
}

/** Partnerships with the councils that are members on the day. */
export async function partnerships(db: Db, ids: readonly string[], day: string): Promise<PartnershipRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; slug: string; name: string; member_ids: string[] | null }>`
    select p.id, p.slug, p.name,
      (select array_agg(m.member_id order by m.member_id) from membership m join organisation o on o.id = m.member_id
        where m.partnership_id = p.id and o.kind = 'local-authority' and m.kind = 'member'
          and m.joined_on <= ${day}::date and (m.left_on is null or m.left_on > ${day}::date)) as member_ids
    from organisation p where p.kind = 'partnership' and p.id in ${idsIn(ids)} order by p.name`.execute(db);
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, memberIds: r.member_ids ?? [] }));
}

export async function partnershipNamed(db: Db, slug: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('organisation').select('id').where('kind', '=', 'partnership').where('slug', '=', slug.trim().toLowerCase()).executeTakeFirst();
}
