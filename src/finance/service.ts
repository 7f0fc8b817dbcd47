// Finance and needs analysis (use cases): whose figures a person may see, the needs analysis
// (population, looked-after children and rates per 10,000 with projections), importing a
// population file all or nothing, and each council's projection method. Budgets, costs avoided
// and the options appraisal are in service-money.ts. Changes: load → policy → rule → write →
// audit, in one transaction. The figures are aggregates, not personal records, so views are not
// audited; every change is, with its before and after.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { todayInEngland } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { describeProblem, FIGURES, readPopulationCsv, type ImportProblem } from './import-csv.ts';
import { projectionInput } from './input.ts';
import { BANDS, countDayOf, type BandCounts, type Projection } from './model.ts';
import { combinedRows, needsRows, type NeedsRow } from './needs.ts';
import { councilsFor, financePolicy, mayEditFinance, mayEditNeeds, mayUseFinance as usesFinance, type FinanceAction } from './policy.ts';
import * as store from './store.ts';

/** Whether the navigation offers Finance. */
export function mayUseFinance(ctx: RequestContext): boolean {
  return usesFinance(ctx.actor);
}

export function generalPermissions(ctx: RequestContext) {
  return { editNeeds: mayEditNeeds(ctx.actor), editFinance: mayEditFinance(ctx.actor) };
}

/** The councils whose figures the person may take the action on (all of them the person may see, by default). */
export async function visibleCouncils(db: Db, ctx: RequestContext, action: FinanceAction = 'view'): Promise<store.Council[]> {
  if (!usesFinance(ctx.actor)) throw new ForbiddenError('Finance is for finance officers, analysts, team managers and administrators');
  const all = await store.councils(db, ctx.facts.today);
  const allowed = new Set(councilsFor(ctx.actor, ctx.facts, all, action));
  return all.filter((c) => allowed.has(c.id));
}

/** A council the person may act on, or 404 (one they may not see is one that does not exist to them). */
export async function councilFor(db: Db, ctx: RequestContext, councilId: string, action: FinanceAction): Promise<store.Council> {
  const council = (await store.councils(db, ctx.facts.today)).find((c) => c.id === councilId);
  if (!council || !financePolicy.can(ctx.actor, ctx.facts, 'view', council)) throw new NotFoundError('Council');
  if (!financePolicy.can(ctx.actor, ctx.facts, action, council)) throw new ForbiddenError('You may not change this council\'s figures');
  return council;
}

// ---- the needs analysis -------------------------------------------------------------------------

/** The first whole financial year on or after a day (2016-12-03 → 2017, which begins 1 April 2017). */
const firstYearOf = (day: string) => Number(day.slice(0, 4)) + (day.slice(5) <= '04-01' ? 0 : 1);

export interface CouncilNeeds {
  council: store.Council;
  projection: Projection;
  rows: NeedsRow[];
}

const byYear = (rows: readonly { councilId: string; year: number; band: string; n: number }[], councilId: string) => {
  const map = new Map<number, BandCounts>();
  for (const r of rows.filter((x) => x.councilId === councilId)) {
    const counts = map.get(r.year) ?? (Object.fromEntries(BANDS.map((b) => [b, 0])) as BandCounts);
    counts[r.band as keyof BandCounts] = r.n;
    map.set(r.year, counts);
  }
  return map;
};

/**
 * The needs analysis for the councils asked for (each one the person may see; all of them by
 * default), and their total when more than one is asked for together (a partnership).
 */
export async function needsAnalysis(db: Db, ctx: RequestContext, councilIds?: readonly string[]): Promise<{ councils: CouncilNeeds[]; combined: NeedsRow[] | null }> {
  const visible = await visibleCouncils(db, ctx);
  const chosen = councilIds ? visible.filter((c) => councilIds.includes(c.id)) : visible;
  const ids = chosen.map((c) => c.id);
  const [population, imported, methods, firstDays] = await Promise.all([
    store.population(db, ids), store.lookedAfterImported(db, ids), store.projectionMethods(db, ids), store.firstCareDays(db, ids),
  ]);
  // Years counted from the records: each whose 31 March has passed and which began on or after the
  // council's first recorded day in care (a year the records begin part-way through would be
  // counted short).
  const lastEnded = Number(ctx.facts.today.slice(0, 4)) - (ctx.facts.today.slice(5) >= '03-31' ? 1 : 2);
  const days = new Set<string>();
  for (const first of firstDays.values()) for (let y = firstYearOf(first); y <= lastEnded; y++) days.add(countDayOf(y));
  const inCare = await store.inCareOn(db, ids, [...days]);
  const councils = chosen.map((council): CouncilNeeds => {
    const m = methods.find((x) => x.councilId === council.id);
    const projection: Projection = m ? { method: m.method, percent: m.percent } : { method: 'flat' };
    const first = firstDays.get(council.id);
    const recorded = new Map<number, BandCounts>();
    if (first) {
      for (const day of [...days].filter((d) => Number(d.slice(0, 4)) - 1 >= firstYearOf(first)).sort()) recorded.set(Number(day.slice(0, 4)) - 1, Object.fromEntries(BANDS.map((b) => [b, 0])) as BandCounts);
      for (const r of inCare.filter((x) => x.councilId === council.id)) {
        const counts = recorded.get(Number(r.day.slice(0, 4)) - 1);
        if (counts) counts[r.band] = r.children;
      }
    }
    const rows = needsRows({
      population: byYear(population.map((p) => ({ ...p, n: p.people })), council.id),
      imported: byYear(imported.filter((i) => i.basis === 'imported').map((i) => ({ ...i, n: i.children })), council.id),
      councilProjection: byYear(imported.filter((i) => i.basis === 'council-projection').map((i) => ({ ...i, n: i.children })), council.id),
      recorded, projection,
    });
    return { council, projection, rows };
  });
  return { councils, combined: councils.length > 1 ? combinedRows(councils.map((c) => c.rows)) : null };
}

// ---- importing population and looked-after figures ---------------------------------------------

/** A refused file: every problem by line and column; nothing was imported. */
export class ImportRefused extends ValidationError {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => ({ field: 'file', message: describeProblem(p) })));
    this.name = 'ImportRefused';
  }
}

/**
 * Imports a population file (import-csv.ts) all or nothing. Each row's council must be one whose
 * needs figures the person keeps; a row for another is a problem on its line like any other.
 * Rows replace the figures held for the same council, year and figure.
 */
export async function importPopulation(db: Db, ctx: RequestContext | null, text: string): Promise<{ rows: number }> {
  // Without a person (the operator at the command line, `mercia import population` without --as)
  // every council may be imported, and the audit names no one.
  if (ctx && !mayEditNeeds(ctx.actor)) throw new ForbiddenError('Population and looked-after figures are kept by finance officers and analysts');
  const all = await store.councils(db, ctx?.facts.today ?? todayInEngland());
  const byCode = new Map(all.map((c) => [c.code, c]));
  const { rows, problems } = readPopulationCsv(text, new Set(byCode.keys()));
  for (const row of rows) {
    const council = byCode.get(row.councilCode)!;
    if (ctx && !financePolicy.can(ctx.actor, ctx.facts, 'edit-needs', council)) problems.push({ line: row.line, column: 1, columnName: 'council', message: `you may not change ${council.name}'s figures` });
  }
  if (problems.length) throw new ImportRefused(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return db.transaction().execute(async (tx) => {
    const ids = [...new Set(rows.map((r) => byCode.get(r.councilCode)!.id))];
    const [population, lookedAfter] = await Promise.all([store.population(tx, ids), store.lookedAfterImported(tx, ids)]);
    const changes = [];
    for (const row of rows) {
      const council = byCode.get(row.councilCode)!;
      const basis = row.figure === 'looked-after' ? 'imported' : 'council-projection';
      const before = Object.fromEntries(BANDS.map((b) => [b, row.figure === 'population'
        ? population.find((p) => p.councilId === council.id && p.year === row.year && p.band === b)?.people ?? null
        : lookedAfter.find((l) => l.councilId === council.id && l.year === row.year && l.basis === basis && l.band === b)?.children ?? null]));
      for (const band of BANDS) {
        if (row.figure === 'population') await store.upsertPopulation(tx, council.id, row.year, band, row.counts[band]);
        else await store.upsertLookedAfter(tx, council.id, row.year, basis, band, row.counts[band]);
      }
      changes.push({ council: council.code, councilId: council.id, year: row.year, figure: row.figure, before, after: row.counts });
    }
    for (const id of ids) {
      const mine = changes.filter((c) => c.councilId === id).map(({ councilId: _, ...c }) => c);
      await recordAudit(tx, { actor: ctx ? auditActor(ctx.actor) : null, action: 'import', recordType: 'finance-population', recordId: id, ownerId: id, detail: { rows: mine.length, changes: mine } });
    }
    return { rows: rows.length };
  });
}

export const FIGURE_NAMES = FIGURES;

// ---- projection methods ---------------------------------------------------------------------------

export async function setProjection(db: Db, ctx: RequestContext, councilId: string, raw: unknown): Promise<void> {
  const council = await councilFor(db, ctx, councilId, 'edit-needs');
  const input = parseInput(projectionInput, raw);
  const percent = input.method === 'percent' ? input.percent! : null;
  await db.transaction().execute(async (tx) => {
    const before = (await store.projectionMethods(tx, [council.id]))[0] ?? null;
    await store.setProjectionMethod(tx, council.id, input.method, percent);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'finance-projection', recordId: council.id, ownerId: council.id,
      detail: { before: before && { method: before.method, percent: before.percent }, after: { method: input.method, percent } },
    });
  });
}
