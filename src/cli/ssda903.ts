// `mercia import 903`, `mercia export 903` and `mercia seed --903`: a council's SSDA903 return
// in and out on the command line, with progress on stderr and every finding named by file,
// line, column and rule.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RequestContext } from '../core/access.ts';
import { todayInEngland } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ValidationError } from '../core/errors.ts';
import { parseCollectionYear, SUPPORTED_END_YEARS, type CollectionYear, type Finding } from '../interop/ssda903/model.ts';
import type { ReturnFile } from '../interop/ssda903/reader.ts';
import type { Progress } from '../interop/ssda903/service.ts';
import type { Council } from '../interop/ssda903/store.ts';
import { knownCouncil, knownCouncilsByLaNumber } from './councils.ts';

/** Runs work on the database (opened, migrated, and closed after). */
export type WithDb = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

export function collectionYearOption(text: string, option = '--year'): CollectionYear {
  const year = parseCollectionYear(text);
  if (!year) {
    const years = SUPPORTED_END_YEARS.map((y) => `${y - 1}/${String(y % 100).padStart(2, '0')}`).join(', ');
    throw ValidationError.of(option, `"${text}" is not a collection year Mercia knows: give the year it ends (2025 for 2024/25) or one of ${years}`);
  }
  return year;
}

/** Every file directly in a folder (a return is a folder of CSVs, or one XML file). */
export async function filesIn(dir: string, option: string): Promise<ReturnFile[]> {
  const path = resolve(dir);
  const info = await stat(path).catch(() => null);
  if (!info) throw ValidationError.of(option, `${dir} does not exist`);
  if (info.isFile()) return [{ name: path.split('/').pop()!, path }];
  const names = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  if (names.length === 0) throw ValidationError.of(option, `${dir} holds no files`);
  return names.map((name) => ({ name, path: join(path, name) }));
}

export async function councilOption(db: Db, text: string): Promise<Council> {
  const returnStore = await import('../interop/ssda903/store.ts');
  const council = await returnStore.findCouncil(db, text);
  if (!council) throw ValidationError.of('--la', `no council "${text}": give its slug (herefordshire), ONS code (E06000019) or LA number (884)`);
  return council;
}

/** The person named by --as, whose access the command runs with; without it, the operator's. */
export async function contextOption(db: Db, email: string | undefined): Promise<RequestContext | null> {
  if (!email) return null;
  const [staffStore, { actorOf, contextFor }] = await Promise.all([import('../staff/store.ts'), import('../staff/service.ts')]);
  const person = await staffStore.findStaffByEmail(db, email.toLowerCase());
  if (!person || !person.active) throw ValidationError.of('--as', `no active staff member with email "${email}"`);
  return contextFor(db, actorOf(person), todayInEngland());
}

function progressPrinter(label: string) {
  let last = '';
  return (p: Progress) => {
    const percent = p.totalBytes ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0;
    // A line for each tenth of the files read, in each phase.
    const step = `${p.phase} ${Math.floor(percent / 10)}`;
    if (p.phase === 'done' || step === last) return;
    last = step;
    process.stderr.write(`${label}: ${p.phase} ${percent}% (${p.children.toLocaleString('en-GB')} children)\n`);
  };
}

export function describeFinding(f: Finding): string {
  const where = [f.file, f.line ?? undefined].filter((x) => x !== undefined).join(':');
  return `${where}${f.column ? ` ${f.column}` : ''}: rule ${f.rule} ${f.severity}: ${f.message}`;
}

export async function importCommand(dir: string, o: { la: string; year: string; dryRun?: boolean; prev?: string; as?: string }, withDb: WithDb): Promise<boolean> {
  const year = collectionYearOption(o.year);
  const files = await filesIn(dir, '<dir>');
  const previousFiles = o.prev ? await filesIn(o.prev, '--prev') : undefined;
  // A dry run by the operator of a council Mercia ships only reads files: no database.
  const known = o.dryRun && !o.as ? knownCouncil(o.la) : undefined;
  if (known) return dryRunWithoutDatabase({ ...known, id: known.slug }, year, files, previousFiles);
  return withDb(async (db) => {
    const { runReturn } = await import('../interop/ssda903/service.ts');
    const council = await councilOption(db, o.la);
    const ctx = await contextOption(db, o.as);
    const result = await runReturn(db, ctx, {
      council, year, files, previousFiles, mode: o.dryRun ? 'validate' : 'import', today: todayInEngland(), onProgress: progressPrinter(`${council.name} ${year.label}`),
    });
    printFindings(result.sample, result.errors + result.warnings, '(see the run\'s page for them all)');
    console.log(`${result.children.toLocaleString('en-GB')} children; ${result.errors} errors, ${result.warnings} warnings.`);
    if (result.outcome === 'imported') console.log(`Imported into ${council.name} for ${year.label}: ${JSON.stringify(result.counts)}`);
    else if (result.outcome === 'refused') console.log('Nothing was imported: fix the errors and run again.');
    else console.log(result.outcome === 'valid' ? 'Valid: nothing was imported (--dry-run).' : 'Invalid: nothing was imported (--dry-run).');
    return result.errors === 0;
  });
}

function printFindings(sample: Finding[], total: number, rest: string) {
  for (const f of sample.slice(0, 100)) console.log(describeFinding(f));
  if (total > 100) console.log(`… and ${total - 100} more findings ${rest}`);
}

/**
 * The same check as the service's (check.ts), on the files alone: no run is stored, so the
 * findings past the first hundred are counted, not kept.
 */
async function dryRunWithoutDatabase(council: Council, year: CollectionYear, files: ReturnFile[], previousFiles: ReturnFile[] | undefined): Promise<boolean> {
  const { checkReturn, readPrevious } = await import('../interop/ssda903/check.ts');
  const previous = previousFiles?.length ? await readPrevious(previousFiles) : null;
  const progress = progressPrinter(`${council.name} ${year.label}`);
  const sample: Finding[] = [];
  const result = await checkReturn(knownCouncilsByLaNumber(), { council, year, files, previous }, {
    onFindings: async (batch) => {
      if (sample.length < 100) sample.push(...batch.slice(0, 100 - sample.length));
    },
    onProgress: (p) => progress({ ...p, phase: 'checking' }),
  });
  printFindings(sample, result.errors + result.warnings, '(a dry run keeps none: import it in the service\'s Returns to see them all)');
  console.log(`${result.children.toLocaleString('en-GB')} children; ${result.errors} errors, ${result.warnings} warnings.`);
  console.log(result.errors === 0 ? 'Valid: nothing was imported (--dry-run).' : 'Invalid: nothing was imported (--dry-run).');
  return result.errors === 0;
}

export async function exportCommand(db: Db, dir: string, o: { la: string; year: string; as?: string }): Promise<void> {
  const year = collectionYearOption(o.year);
  const council = await councilOption(db, o.la);
  const ctx = await contextOption(db, o.as);
  const { exportReturn } = await import('../interop/ssda903/service.ts');
  const counts = await exportReturn(db, ctx, { council, year, dir: resolve(dir), onProgress: (done, total) => process.stderr.write(`Exporting: ${done} of ${total} children\n`) });
  console.log(`Exported ${council.name} ${year.label} to ${resolve(dir)}: ${JSON.stringify(counts)}`);
}

export async function seedReturnCommand(dir: string, o: { children: number; year: string }): Promise<void> {
  const year = collectionYearOption(o.year);
  const { writeSyntheticReturn } = await import('../interop/ssda903/synthetic.ts');
  const counts = await writeSyntheticReturn(resolve(dir), { children: o.children, year });
  console.log(`Wrote a synthetic ${year.label} return to ${resolve(dir)}: ${JSON.stringify(counts)}`);
}
