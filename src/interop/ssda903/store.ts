// SQL for SSDA903 runs and findings, and for reading and writing children's records in
// batches: an import or export of 100,000 children goes a few hundred children a statement.
import { sql } from 'kysely';
import type { Db } from '../../core/db.ts';
import type { AdopterFacts, ChildFacts, DerivedMilestone, EpisodeFacts, PreviousPermanence } from './journey.ts';
import type { Finding } from './model.ts';
import './tables.ts';

// ---- councils -----------------------------------------------------------------------------

export interface Council {
  id: string;
  name: string;
  slug: string;
  code: string;
  laNumber: string | null;
}

/** A council named by its slug, ONS code (E06000019) or DfE LA number (884). */
export async function findCouncil(db: Db, name: string): Promise<Council | undefined> {
  const n = name.trim();
  const row = await db.selectFrom('organisation').select(['id', 'name', 'slug', 'code', 'la_number as laNumber'])
    .where('kind', '=', 'local-authority')
    .where((eb) => eb.or([eb('slug', '=', n.toLowerCase()), eb('code', '=', n.toUpperCase()), eb('la_number', '=', n)]))
    .executeTakeFirst();
  return row ? { ...row, code: row.code! } : undefined;
}

export async function findCouncilById(db: Db, id: string): Promise<Council | undefined> {
  const row = await db.selectFrom('organisation').select(['id', 'name', 'slug', 'code', 'la_number as laNumber'])
    .where('kind', '=', 'local-authority').where('id', '=', id).executeTakeFirst();
  return row ? { ...row, code: row.code! } : undefined;
}

/** Councils by their LA number, to name the council a return seems to come from. */
export async function councilsByLaNumber(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('organisation').select(['la_number', 'name']).where('la_number', 'is not', null).execute();
  return new Map(rows.map((r) => [r.la_number!, r.name]));
}

// ---- runs and findings --------------------------------------------------------------------

export interface RunRow {
  id: string;
  councilId: string;
  councilName: string;
  collectionYear: string;
  mode: 'validate' | 'import';
  status: 'running' | 'done' | 'failed';
  outcome: 'valid' | 'invalid' | 'imported' | 'refused' | null;
  files: string[];
  children: number;
  errors: number;
  warnings: number;
  counts: Record<string, number> | null;
  failure: string | null;
  startedByName: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export async function insertRun(db: Db, r: { councilId: string; collectionYear: string; mode: 'validate' | 'import'; files: string[]; startedBy: string | null }): Promise<string> {
  const row = await db.insertInto('ssda903_run').values({
    council_id: r.councilId, collection_year: r.collectionYear, mode: r.mode, outcome: null, files: JSON.stringify(r.files),
    counts: null, failure: null, started_by: r.startedBy, finished_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(db: Db, id: string, r: { status: 'done' | 'failed'; outcome: RunRow['outcome']; children: number; errors: number; warnings: number; counts?: Record<string, number> | null; failure?: string | null }): Promise<void> {
  await db.updateTable('ssda903_run').set({
    status: r.status, outcome: r.outcome, children: r.children, errors: r.errors, warnings: r.warnings,
    counts: r.counts ? JSON.stringify(r.counts) : null, failure: r.failure ?? null, finished_at: new Date(),
  }).where('id', '=', id).execute();
}

function runQuery(db: Db) {
  return db.selectFrom('ssda903_run as r').innerJoin('organisation as o', 'o.id', 'r.council_id').leftJoin('staff as s', 's.id', 'r.started_by')
    .select([
      'r.id', 'r.council_id as councilId', 'o.name as councilName', 'r.collection_year as collectionYear', 'r.mode', 'r.status', 'r.outcome',
      'r.files', 'r.children', 'r.errors', 'r.warnings', 'r.counts', 'r.failure', 's.display_name as startedByName',
      'r.started_at as startedAt', 'r.finished_at as finishedAt',
    ]);
}

const asRun = (r: Record<string, unknown>): RunRow => ({
  ...(r as unknown as RunRow),
  files: (typeof r.files === 'string' ? JSON.parse(r.files) : r.files) as string[],
  counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Record<string, number> | null,
});

export async function findRun(db: Db, id: string): Promise<RunRow | undefined> {
  const row = await runQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? asRun(row) : undefined;
}

export async function runsOf(db: Db, councilIds: readonly string[], limit = 50): Promise<RunRow[]> {
  if (councilIds.length === 0) return [];
  const rows = await runQuery(db).where('r.council_id', 'in', councilIds).orderBy('r.started_at', 'desc').limit(limit).execute();
  return rows.map(asRun);
}

export async function insertFindings(db: Db, runId: string, firstSeq: number, findings: readonly Finding[]): Promise<void> {
  if (findings.length === 0) return;
  await db.insertInto('ssda903_finding').values(findings.map((f, i) => ({
    run_id: runId, seq: firstSeq + i, file: f.file, line: f.line, column_name: f.column, rule: f.rule, severity: f.severity, message: f.message, child: f.child,
  }))).execute();
}

export async function findingsOf(db: Db, runId: string, page: { limit: number; offset: number }): Promise<Finding[]> {
  const rows = await db.selectFrom('ssda903_finding').select(['file', 'line', 'column_name as column', 'rule', 'severity', 'message', 'child'])
    .where('run_id', '=', runId).orderBy('seq').limit(page.limit).offset(page.offset).execute();
  return rows;
}

export async function findingsByRule(db: Db, runId: string): Promise<{ rule: string; severity: string; count: number }[]> {
  const rows = await db.selectFrom('ssda903_finding').select(['rule', 'severity', (eb) => eb.fn.countAll<string>().as('count')])
    .where('run_id', '=', runId).groupBy(['rule', 'severity']).orderBy('severity').orderBy('rule').execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Rows of many children, keyed by child. */
export function byChild<T extends { childId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.childId);
    if (list) list.push(r);
    else map.set(r.childId, [r]);
  }
  return map;
}

// ---- import: children in batches ------------------------------------------------------------

/** Insert or update the children of a batch, keyed by council + CHILD. A new child is named by their reference until someone adds the name. */
export async function upsertChildren(db: Db, councilId: string, children: readonly ChildFacts[]): Promise<{ id: string; ref: string; created: boolean }[]> {
  const rows = await db.insertInto('child').values(children.map((c) => ({
    placing_authority_id: councilId, la_child_ref: c.ref, first_name: 'Child', last_name: c.ref, date_of_birth: c.dateOfBirth,
    sex: c.sex, ethnicity: c.ethnicity, upn: c.upn, mother: c.mother, mother_child_dob: c.motherChildDob,
  }))).onConflict((oc) => oc.columns(['placing_authority_id', 'la_child_ref']).doUpdateSet((eb) => ({
    date_of_birth: eb.ref('excluded.date_of_birth'), sex: eb.ref('excluded.sex'), ethnicity: eb.ref('excluded.ethnicity'),
    upn: eb.ref('excluded.upn'), mother: eb.ref('excluded.mother'), mother_child_dob: eb.ref('excluded.mother_child_dob'), updated_at: new Date(),
  }))).returning(['id', 'la_child_ref as ref', sql<boolean>`xmax = 0`.as('created')]).execute();
  return rows;
}

export interface StoredEpisode extends EpisodeFacts {
  childId: string;
}

const EPISODE_COLUMNS = [
  'child_id as childId', 'start_date as startDate', 'rne', 'legal_status as legalStatus', 'placement', 'placement_provider as placementProvider',
  'end_date as endDate', 'reason_ceased as reasonCeased', 'cin', 'reason_place_change as reasonPlaceChange', 'home_postcode as homePostcode',
  'placement_postcode as placementPostcode', 'urn',
] as const;

export async function episodesOfChildren(db: Db, childIds: readonly string[]): Promise<StoredEpisode[]> {
  if (childIds.length === 0) return [];
  return db.selectFrom('care_episode').select(EPISODE_COLUMNS).where('child_id', 'in', childIds).orderBy('child_id').orderBy('start_date').execute();
}

/** Remove a child's episodes that overlap the year but are not in the return. */
export async function deleteEpisodes(db: Db, keys: readonly { childId: string; startDate: string }[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    await db.deleteFrom('care_episode').where((eb) => eb.or(chunk.map((k) => eb.and([eb('child_id', '=', k.childId), eb('start_date', '=', k.startDate)])))).execute();
  }
}

export async function upsertEpisodes(db: Db, episodes: readonly StoredEpisode[]): Promise<void> {
  // 13 values a row: 2,000 rows stay under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < episodes.length; i += 2000) {
    await db.insertInto('care_episode').values(episodes.slice(i, i + 2000).map((e) => ({
      child_id: e.childId, start_date: e.startDate, rne: e.rne, legal_status: e.legalStatus, placement: e.placement, placement_provider: e.placementProvider,
      end_date: e.endDate, reason_ceased: e.reasonCeased, cin: e.cin, reason_place_change: e.reasonPlaceChange, home_postcode: e.homePostcode,
      placement_postcode: e.placementPostcode, urn: e.urn,
    }))).onConflict((oc) => oc.columns(['child_id', 'start_date']).doUpdateSet((eb) => ({
      rne: eb.ref('excluded.rne'), legal_status: eb.ref('excluded.legal_status'), placement: eb.ref('excluded.placement'),
      placement_provider: eb.ref('excluded.placement_provider'), end_date: eb.ref('excluded.end_date'), reason_ceased: eb.ref('excluded.reason_ceased'),
      cin: eb.ref('excluded.cin'), reason_place_change: eb.ref('excluded.reason_place_change'), home_postcode: eb.ref('excluded.home_postcode'),
      placement_postcode: eb.ref('excluded.placement_postcode'), urn: eb.ref('excluded.urn'),
    }))).execute();
  }
}

export interface StoredMilestone extends DerivedMilestone {
  childId: string;
}

export async function milestonesOfChildren(db: Db, childIds: readonly string[]): Promise<StoredMilestone[]> {
  if (childIds.length === 0) return [];
  const rows = await db.selectFrom('milestone').select(['child_id as childId', 'type', 'date', 'code'])
    .where('child_id', 'in', childIds).orderBy('child_id').orderBy('date').orderBy('recorded_at').execute();
  return rows as StoredMilestone[];
}

/** Delete these milestones (by child, kind and date). */
export async function deleteMilestonesOf(db: Db, milestones: readonly StoredMilestone[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < milestones.length; i += 1000) {
    const chunk = milestones.slice(i, i + 1000);
    const result = await db.deleteFrom('milestone')
      .where((eb) => eb.or(chunk.map((m) => eb.and([eb('child_id', '=', m.childId), eb('type', '=', m.type), eb('date', '=', m.date)])))).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Milestones in the order given: same-day milestones keep it, through recorded_at. */
export async function insertMilestones(db: Db, milestones: readonly StoredMilestone[]): Promise<void> {
  const base = Date.now();
  for (let i = 0; i < milestones.length; i += 5000) {
    await db.insertInto('milestone').values(milestones.slice(i, i + 5000).map((m, j) => ({
      child_id: m.childId, type: m.type, date: m.date, code: m.code, notes: null, recorded_by: null, recorded_at: new Date(base + i + j),
    }))).execute();
  }
}

export interface Derived {
  id: string;
  stage: string;
  periodStart: string | null;
  lookedAfter: boolean;
  shobpaDate: string | null;
  placementOrderDate: string | null;
  matchDate: string | null;
  placedDate: string | null;
}

/** The stored stage and key dates of many children in one statement. */
export async function setDerivedMany(db: Db, rows: readonly Derived[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((d) => sql`(${d.id}::uuid, ${d.stage}, ${d.periodStart}::date, ${d.lookedAfter}::boolean, ${d.shobpaDate}::date, ${d.placementOrderDate}::date, ${d.matchDate}::date, ${d.placedDate}::date)`));
  await sql`update child set stage = v.stage, period_start = v.period_start, looked_after = v.looked_after, shobpa_date = v.shobpa_date,
    placement_order_date = v.placement_order_date, match_date = v.match_date, placed_date = v.placed_date, updated_at = now()
    from (values ${values}) as v(id, stage, period_start, looked_after, shobpa_date, placement_order_date, match_date, placed_date)
    where child.id = v.id`.execute(db);
}

export async function upsertAdopters(db: Db, rows: readonly (AdopterFacts & { childId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('child_adoption').values(rows.map((a) => ({
    child_id: a.childId, adopted_by_foster_carer: a.adoptedByFosterCarer, adopter_count: a.adopterCount, adopter_sexes: a.adopterSexes, adopter_legal_status: a.adopterLegalStatus,
  }))).onConflict((oc) => oc.column('child_id').doUpdateSet((eb) => ({
    adopted_by_foster_carer: eb.ref('excluded.adopted_by_foster_carer'), adopter_count: eb.ref('excluded.adopter_count'),
    adopter_sexes: eb.ref('excluded.adopter_sexes'), adopter_legal_status: eb.ref('excluded.adopter_legal_status'), updated_at: new Date(),
  }))).execute();
}

export async function upsertPreviousPermanence(db: Db, rows: readonly (PreviousPermanence & { childId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('previous_permanence').values(rows.map((p) => ({ child_id: p.childId, previous_order: p.previousOrder, la_code: p.laCode, order_date: p.orderDate })))
    .onConflict((oc) => oc.column('child_id').doUpdateSet((eb) => ({
      previous_order: eb.ref('excluded.previous_order'), la_code: eb.ref('excluded.la_code'), order_date: eb.ref('excluded.order_date'), updated_at: new Date(),
    }))).execute();
}

// ---- export -------------------------------------------------------------------------------

/** The council's children looked after at some time in the year: id and CHILD reference. */
export async function childrenInYear(db: Db, councilId: string, year: { start: string; end: string }): Promise<{ id: string; ref: string }[]> {
  return db.selectFrom('child as c').select(['c.id', 'c.la_child_ref as ref']).where('c.placing_authority_id', '=', councilId)
    .where((eb) => eb.exists(eb.selectFrom('care_episode as e').select('e.id').whereRef('e.child_id', '=', 'c.id')
      .where('e.start_date', '<=', year.end).where((w) => w.or([w('e.end_date', 'is', null), w('e.end_date', '>=', year.start)]))))
    .execute();
}

export async function childFactsOf(db: Db, childIds: readonly string[]): Promise<Map<string, ChildFacts>> {
  if (childIds.length === 0) return new Map();
  const rows = await db.selectFrom('child').select(['id', 'la_child_ref as ref', 'date_of_birth as dateOfBirth', 'sex', 'ethnicity', 'upn', 'mother', 'mother_child_dob as motherChildDob'])
    .where('id', 'in', childIds).execute();
  return new Map(rows.map(({ id, ...c }) => [id, c as ChildFacts]));
}

export async function adoptersOf(db: Db, childIds: readonly string[]): Promise<Map<string, AdopterFacts>> {
  if (childIds.length === 0) return new Map();
  const rows = await db.selectFrom('child_adoption').select(['child_id as childId', 'adopted_by_foster_carer as adoptedByFosterCarer', 'adopter_count as adopterCount',
    'adopter_sexes as adopterSexes', 'adopter_legal_status as adopterLegalStatus']).where('child_id', 'in', childIds).execute();
  return new Map(rows.map(({ childId, ...a }) => [childId, a]));
}

export async function previousPermanenceOf(db: Db, childIds: readonly string[]): Promise<Map<string, PreviousPermanence>> {
  if (childIds.length === 0) return new Map();
  const rows = await db.selectFrom('previous_permanence').select(['child_id as childId', 'previous_order as previousOrder', 'la_code as laCode', 'order_date as orderDate'])
    .where('child_id', 'in', childIds).execute();
  return new Map(rows.map(({ childId, ...p }) => [childId, p]));
}
