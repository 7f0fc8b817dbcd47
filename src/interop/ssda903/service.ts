// Use cases for SSDA903 returns: validate a council's return, import it (all or nothing, in
// one transaction, only when no errors were found), and export a council's year. Each run is
// recorded with its findings; imports and exports are audited with their counts.
import { auditActor, type RequestContext } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import type { Db } from '../../core/db.ts';
import { NotFoundError } from '../../core/errors.ts';
import { returnPolicy, type ReturnAction } from './policy.ts';
import { checkReturn, readPrevious, type CheckProgress } from './check.ts';
import { importChildren, type ImportCounts } from './import.ts';
import { exportChildren, type ExportCounts } from './export.ts';
import type { CollectionYear, Finding } from './model.ts';
import type { ReturnFile } from './reader.ts';
import * as store from './store.ts';

/** Findings kept per run: the totals are always exact; past this many the detail is cut. */
export const MAX_STORED_FINDINGS = 20_000;

export interface Progress extends CheckProgress {
  phase: 'checking' | 'importing' | 'done';
}

export interface RunOptions {
  council: store.Council;
  year: CollectionYear;
  files: ReturnFile[];
  /** Last year's return, for the rules that compare decisions with it (559–561, 584). */
  previousFiles?: ReturnFile[];
  mode: 'validate' | 'import';
  today: string;
  onProgress?: (p: Progress) => void;
  /** Called once the run is recorded, before the work starts (the web page redirects to it). */
  onStart?: (runId: string) => void;
}

export interface RunResult {
  runId: string;
  outcome: 'valid' | 'invalid' | 'imported' | 'refused';
  children: number;
  errors: number;
  warnings: number;
  counts: ImportCounts | null;
  /** The first findings, for a command line to print. */
  sample: Finding[];
}

function authorise(ctx: RequestContext | null, action: ReturnAction, councilId: string): void {
  // The command line runs as the operator unless it names a person (--as).
  if (ctx && !returnPolicy.can(ctx.actor, ctx.facts, action, { councilId })) throw new NotFoundError('Council');
}

/** Validate a return and, in import mode with no errors, import it. */
export async function runReturn(db: Db, ctx: RequestContext | null, o: RunOptions): Promise<RunResult> {
  authorise(ctx, 'import', o.council.id);
  const runId = await store.insertRun(db, {
    councilId: o.council.id, collectionYear: o.year.label, mode: o.mode, files: o.files.map((f) => f.name), startedBy: ctx?.actor.staffId ?? null,
  });
  o.onStart?.(runId);
  let tallies = { children: 0, errors: 0, warnings: 0 };
  let committed = false;
  try {
    const previous = o.previousFiles?.length ? await readPrevious(o.previousFiles) : null;
    let stored = 0;
    const sample: Finding[] = [];
    const checked = await checkReturn(await store.councilsByLaNumber(db), { council: o.council, year: o.year, files: o.files, previous }, {
      onFindings: async (batch) => {
        if (sample.length < 200) sample.push(...batch.slice(0, 200 - sample.length));
        const keep = batch.slice(0, Math.max(0, MAX_STORED_FINDINGS - stored));
        await store.insertFindings(db, runId, stored + 1, keep);
        stored += keep.length;
      },
      onProgress: (p) => o.onProgress?.({ ...p, phase: 'checking' }),
    });
    tallies = { children: checked.children, errors: checked.errors, warnings: checked.warnings };
    if (o.mode === 'validate' || checked.errors > 0) {
      const outcome = o.mode === 'validate' ? (checked.errors ? 'invalid' : 'valid') : 'refused';
      await store.finishRun(db, runId, { status: 'done', outcome, ...tallies });
      o.onProgress?.({ phase: 'done', bytesRead: checked.totalBytes, totalBytes: checked.totalBytes, children: checked.children });
      return { runId, outcome, ...tallies, counts: null, sample };
    }
    const counts = await db.transaction().execute(async (tx) => {
      const result = await importChildren(tx, o.council, o.year, o.files, o.today, (p) => o.onProgress?.({ ...p, phase: 'importing' }));
      await recordAudit(tx, {
        actor: ctx ? auditActor(ctx.actor) : null, action: 'import', recordType: 'ssda903-return', recordId: runId, ownerId: o.council.id,
        detail: { year: o.year.label, files: o.files.map((f) => f.name), ...result.counts, childIds: result.childIds },
        // Every child the import wrote is the council's own: each is findable by its id.
        records: result.childIds.map((id) => ({ type: 'child', id, ownerId: o.council.id })),
      });
      return result.counts;
    });
    committed = true;
    await store.finishRun(db, runId, { status: 'done', outcome: 'imported', ...tallies, counts: { ...counts } });
    o.onProgress?.({ phase: 'done', bytesRead: checked.totalBytes, totalBytes: checked.totalBytes, children: checked.children });
    return { runId, outcome: 'imported', ...tallies, counts, sample };
  } catch (error) {
    // Once the import is committed, a failure to record the run's end must not call it failed.
    if (committed) throw error;
    await store.finishRun(db, runId, { status: 'failed', outcome: null, ...tallies, failure: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** Write a council's return for a year into a folder: one CSV a table. */
export async function exportReturn(db: Db, ctx: RequestContext | null, o: { council: store.Council; year: CollectionYear; dir: string; onProgress?: (children: number, total: number) => void }): Promise<ExportCounts> {
  authorise(ctx, 'export', o.council.id);
  const result = await exportChildren(db, o.council.id, o.year, o.dir, o.onProgress);
  await recordAudit(db, {
    actor: ctx ? auditActor(ctx.actor) : null, action: 'export', recordType: 'ssda903-return', ownerId: o.council.id,
    detail: { year: o.year.label, ...result.counts, childIds: result.childIds },
    records: result.childIds.map((id) => ({ type: 'child', id, ownerId: o.council.id })),
  });
  return result.counts;
}

// ---- runs ---------------------------------------------------------------------------------

/** The council whose returns the person works on: their own, if they are its analyst or administrator. */
export async function ownCouncil(db: Db, ctx: RequestContext): Promise<store.Council> {
  const council = ctx.actor.orgKind === 'local-authority' ? await store.findCouncilById(db, ctx.actor.orgId) : undefined;
  if (!council || !returnPolicy.can(ctx.actor, ctx.facts, 'import', { councilId: council.id })) throw new NotFoundError('Page');
  return council;
}

/** A run the person may see (its status only: no findings, so nothing to audit). */
export async function runFor(db: Db, ctx: RequestContext, runId: string): Promise<store.RunRow> {
  const run = await store.findRun(db, runId);
  if (!run || !returnPolicy.can(ctx.actor, ctx.facts, 'view-runs', { councilId: run.councilId })) throw new NotFoundError('Run');
  return run;
}

export async function runsFor(db: Db, ctx: RequestContext, council: store.Council) {
  authorise(ctx, 'view-runs', council.id);
  return store.runsOf(db, [council.id]);
}

/** A run and a page of its findings; seeing findings (which name children) is audited. */
export async function viewRun(db: Db, ctx: RequestContext, runId: string, page: { limit: number; offset: number }) {
  const run = await runFor(db, ctx, runId);
  const [findings, byRule] = await Promise.all([store.findingsOf(db, runId, page), store.findingsByRule(db, runId)]);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'ssda903-run', recordId: runId, ownerId: run.councilId, detail: { offset: page.offset, shown: findings.length } });
  return { run, findings, byRule };
}

/** Every stored finding of a run, for the CSV download (audited as an export). */
export async function runFindings(db: Db, ctx: RequestContext, runId: string): Promise<{ run: store.RunRow; findings: Finding[] }> {
  const run = await runFor(db, ctx, runId);
  const findings = await store.findingsOf(db, runId, { limit: MAX_STORED_FINDINGS, offset: 0 });
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'export', recordType: 'ssda903-run', recordId: runId, ownerId: run.councilId, detail: { findings: findings.length } });
  return { run, findings };
}

/** Whether the person may move their own council's return (the navigation shows Returns). */
export function mayUseReturns(ctx: RequestContext): boolean {
  return ctx.actor.orgKind === 'local-authority' && returnPolicy.can(ctx.actor, ctx.facts, 'view-runs', { councilId: ctx.actor.orgId });
}
