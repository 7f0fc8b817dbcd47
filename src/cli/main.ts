// The `mercia` command. Errors name the argument at fault and exit non-zero.
// Each command imports what it needs when it runs (docs/decisions/008-compiled-start.md):
// `--help` loads commander and nothing else heavy; only commands that use the database open it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { Config } from '../core/config.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ConflictError, ValidationError } from '../core/errors.ts';

async function config(): Promise<Config> {
  const { loadConfig } = await import('../core/config.ts');
  return loadConfig();
}

/**
 * PGlite's WebAssembly, compiled on V8's background threads from the moment a command that
 * opens PGlite starts, while its modules load (as core/db.ts compilePglite does when not given
 * one; that module is itself ~0.1 s of loading, so this starts before it). None on a server.
 */
function compilePgliteEarly(): Promise<WebAssembly.Module> | undefined {
  if (process.env.DATABASE_URL) return undefined;
  const compiled = readFile(new URL('pglite.wasm', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')))).then((bytes) => WebAssembly.compile(bytes));
  compiled.catch(() => undefined); // a failure is reported where it is awaited
  return compiled;
}

/** Opens the database, brings it up to date (unless told not to), runs the work and closes it. */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>, options = { migrate: true }): Promise<T> {
  const wasmModule = compilePgliteEarly();
  const [{ openDatabase }, { migrate }, settings] = await Promise.all([import('../core/db.ts'), import('../core/migrate.ts'), config()]);
  const handle = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, sharedBuffers: settings.pgliteSharedBuffers, wasmModule });
  try {
    // migrate() answers at once when every migration is already applied.
    if (options.migrate) await migrate(handle.db);
    const result = await work(handle);
    // Audit events the command wrote take their place in the hash chain before it ends
    // (core/audit-chain.ts). The writer is already loaded by any command that audits.
    if ((await import('../core/audit.ts')).auditEventsWritten() > 0) await (await import('../core/audit-chain.ts')).sealAuditLog(handle.db, { wait: true });
    return result;
  } finally {
    await handle.close();
  }
}

/** A promise started early and awaited later: its failure is reported where it is awaited, not as unhandled. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

async function printSeed(result: { password: string; staff: number; organisations: number; children: number }) {
  const { demoSignIns } = await import('../demo/seed.ts');
  console.log(`Seeded the demo: ${result.organisations} organisations, ${result.staff} staff, ${result.children} children.`);
  console.log('Demo sign-ins (all share one password):');
  for (const line of demoSignIns()) console.log(`  ${line}`);
  console.log(`  Password: ${result.password}`);
}

/** The roles, for `user add`'s help and checks: loaded only when a `user` command is asked for. */
const roles = process.argv.slice(2).includes('user') ? (await import('../core/access.ts')).ROLES : [];

const program = new Command('mercia').description('Mercia: case management and performance for a regional adoption partnership').showHelpAfterError();

program.command('serve').description('run the web service (migrates, and seeds the demo into an empty database); on a PostgreSQL server, in WEB_WORKERS processes')
  .action(async () => {
    const wasmModule = compilePgliteEarly();
    const [{ serve }, settings] = await Promise.all([import('./serve.ts'), config()]);
    await serve(settings, wasmModule);
  });

program.command('migrate').description('apply database migrations')
  .action(() => withDatabase(async ({ db, engine }) => {
    const { migrate } = await import('../core/migrate.ts');
    const applied = await migrate(db);
    console.log(applied.length ? `Applied on ${engine}: ${applied.join(', ')}` : `Up to date on ${engine}`);
  }, { migrate: false }));

program.command('seed').description('load demo data into an empty database, or write a synthetic SSDA903 return')
  .option('--demo', 'the synthetic demo partnerships and staff')
  .option('--scale <n>', 'multiply the demo volume', positiveInt, 1)
  .option('--903 <dir>', 'write a synthetic SSDA903 return (five CSV files) into this folder')
  .option('--children <n>', 'children in the synthetic return', positiveInt, 1000)
  .option('--year <year>', 'collection year of the synthetic return (2025 for 2024/25)', '2026')
  .action(async (options: { demo?: boolean; scale: number; 903?: string; children: number; year: string }) => {
    if (options[903]) return (await import('./ssda903.ts')).seedReturnCommand(options[903], options);
    if (!options.demo) throw ValidationError.of('seed', 'give --demo, or --903 <dir>');
    const { seedDemo } = await import('../demo/seed.ts');
    await withDatabase(async ({ db }) => printSeed(await seedDemo(db, { scale: options.scale, password: process.env.MERCIA_DEMO_PASSWORD })));
  });

const importing = program.command('import').description('import data');
importing.command('903 <dir>')
  .description('validate a council\'s SSDA903 return (a folder of DfE CSV files, or an XML file) and import it')
  .requiredOption('--la <council>', 'the council: slug, ONS code or LA number')
  .requiredOption('--year <year>', 'collection year: 2025 or 2024/25 for the year ending 31 March 2025')
  .option('--dry-run', 'validate only; import nothing (opens no database unless --as is given or the council is not one Mercia ships)')
  .option('--prev <dir>', 'last year\'s return, for the rules that compare with it (559–561, 584)')
  .option('--as <email>', 'run as this staff member (their access applies and the audit names them)')
  .action(async (dir: string, o: { la: string; year: string; dryRun?: boolean; prev?: string; as?: string }) => {
    const { importCommand } = await import('./ssda903.ts');
    if (!(await importCommand(dir, o, (work) => withDatabase(({ db }) => work(db))))) process.exitCode = 1;
  });

importing.command('population <file>')
  .description('import population estimates and projections by council, age band and year (CSV), all or nothing')
  .option('--as <email>', 'run as this staff member (their access applies and the audit names them)')
  .action(async (file: string, o: { as?: string }) => {
    const { importPopulationCommand } = await import('./population.ts');
    if (!(await importPopulationCommand(file, o, (work) => withDatabase(({ db }) => work(db))))) process.exitCode = 1;
  });

importing.command('comparators <file>')
  .description('import published comparator figures (England, statistical neighbours) by measure and year (CSV), all or nothing')
  .option('--as <email>', 'run as this staff member (their access applies and the audit names them)')
  .action(async (file: string, o: { as?: string }) => {
    const { importComparatorsCommand } = await import('./reports.ts');
    if (!(await importComparatorsCommand(file, o, (work) => withDatabase(({ db }) => work(db))))) process.exitCode = 1;
  });

program.command('rules').description('the checks Mercia applies').command('903')
  .description('list every SSDA903 rule Mercia checks for a collection year: number, table, message, severity, years')
  .requiredOption('--year <year>', 'collection year: 2025 or 2024/25 for the year ending 31 March 2025')
  .option('--format <format>', 'text or json', 'text')
  .action(async (o: { year: string; format: string }) => {
    const { rulesCommand } = await import('./rules.ts');
    if (!rulesCommand(o)) process.exitCode = 1;
  });

program.command('report <name>').description('print a report (scorecard, lac-rates, …; `mercia report list` names them all)')
  .option('--la <council>', 'the council: slug, ONS code or LA number (default: the whole partnership)')
  .option('--partnership <slug>', 'the partnership')
  .option('--from <date>', 'the period\'s first day, YYYY-MM-DD')
  .option('--to <date>', 'the period\'s last day, YYYY-MM-DD')
  .option('--window-end <date>', 'for the scorecard: the 31 March that ends its three-year window')
  .option('--format <format>', 'json, csv or xlsx', 'json')
  .option('--out <file>', 'write to this file (needed for xlsx)')
  .option('--as <email>', 'run as this staff member (their access applies and the audit names them)')
  .action(async (name: string, o: Record<string, string | undefined>) => {
    const { reportCommand } = await import('./reports.ts');
    if (!(await reportCommand(name, o, (work) => withDatabase(({ db }) => work(db))))) process.exitCode = 1;
  });

program.command('export').description('export data').command('903 <dir>')
  .description('write a council\'s SSDA903 tables (Header, Episodes, AD1, PlacedAdoption, PrevPerm) for a collection year')
  .requiredOption('--la <council>', 'the council: slug, ONS code or LA number')
  .requiredOption('--year <year>', 'collection year: 2025 or 2024/25 for the year ending 31 March 2025')
  .option('--as <email>', 'run as this staff member (their access applies and the audit names them)')
  .action(async (dir: string, o: { la: string; year: string; as?: string }) => {
    const { exportCommand } = await import('./ssda903.ts');
    await withDatabase(({ db }) => exportCommand(db, dir, o));
  });

const user = program.command('user').description('staff accounts');
user.command('add').description('add a staff member')
  .requiredOption('--email <email>', 'email address (their sign-in)')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--org <slug>', 'organisation slug, e.g. herefordshire')
  .requiredOption('--role <role...>', `one or more of: ${roles.join(', ')}`)
  .option('--team <name>', 'team name')
  .option('--password <password>', 'initial password (else read from MERCIA_PASSWORD)')
  .action((o: { email: string; name: string; org: string; role: string[]; team?: string; password?: string }) => {
    const modules = quietly(Promise.all([import('../partnership/store.ts'), import('../staff/service.ts')]));
    return withDatabase(async ({ db }) => {
      const [partnershipStore, staff] = await modules;
      const org = await partnershipStore.findOrganisationBySlug(db, o.org);
      if (!org) throw ValidationError.of('--org', `no organisation with slug "${o.org}"`);
      const password = o.password ?? process.env.MERCIA_PASSWORD;
      if (!password) throw ValidationError.of('--password', 'give --password or set MERCIA_PASSWORD');
      const id = await staff.addStaff(db, null, { email: o.email, displayName: o.name, organisationId: org.id, team: o.team, roles: o.role, password });
      console.log(`Added ${o.email} (${id}) to ${org.name}`);
    });
  });

const token = program.command('token').description('API tokens');
token.command('create').description('create an API token for a staff member; prints it once')
  .requiredOption('--email <email>', 'the staff member')
  .option('--label <label>', 'what the token is for', 'command line')
  .option('--expires <date>', 'last day it works, YYYY-MM-DD')
  .action((o: { email: string; label: string; expires?: string }) => {
    // Loaded while the database opens.
    const modules = quietly(Promise.all([import('../staff/store.ts'), import('../staff/service.ts')]));
    return withDatabase(async ({ db }) => {
      const [staffStore, staff] = await modules;
      const person = await staffStore.findStaffByEmail(db, o.email.toLowerCase());
      if (!person) throw ValidationError.of('--email', `no staff member with email "${o.email}"`);
      const { token: value } = await staff.createToken(db, person.id, { label: o.label, expiresOn: o.expires }, null);
      console.log(value);
    });
  });

program.command('audit').description('audit log').command('verify').description('check the audit hash chain')
  .action(() => withDatabase(async ({ db }) => {
    const audit = await import('../audit/service.ts');
    const report = await audit.verify(db);
    if (report.ok) {
      console.log(`Audit chain intact: ${report.rows} rows; head #${report.headSeq} ${report.headHash}`);
    } else {
      console.error(`Audit chain BROKEN at row ${report.problem!.seq}: ${report.problem!.reason}`);
      process.exitCode = 1;
    }
  }));

program.command('backup <file>').description('write a backup of the database to a file')
  .action((file: string) => withDatabase(async (handle) => {
    const [{ backup }, { databaseUrl }] = await Promise.all([import('../core/backup.ts'), config()]);
    console.log(await backup(handle, file, databaseUrl));
  }));

program.command('restore <file>').description('restore a backup: into an empty MERCIA_DATA_DIR, or over the DATABASE_URL database')
  .action(async (file: string) => {
    const [{ restore }, { dataDir, databaseUrl }] = await Promise.all([import('../core/backup.ts'), config()]);
    console.log(await restore(file, { dataDir, databaseUrl }));
  });

program.command('job <name>').description('run a daily job now: sweep-sessions, work-queues or retention')
  .action((name: string) => withDatabase(async ({ db }) => {
    const [{ dailyJobs }, { todayInEngland }, settings] = await Promise.all([import('../web/daily-jobs.ts'), import('../core/dates.ts'), config()]);
    const job = dailyJobs(() => todayInEngland(), settings.retentionYears).find((j) => j.name === name);
    if (!job) throw ValidationError.of('<name>', `no job called "${name}": sweep-sessions, work-queues or retention`);
    console.log(`${name}: ${JSON.stringify(await job.run(db))}`);
  }));

program.command('purge').description('delete the records of children not adopted, closed for MERCIA_RETENTION_YEARS (adoption records are never deleted); prints the report as JSON')
  .option('--dry-run', 'report what would be deleted, deleting nothing')
  .option('--years <n>', 'the retention period in years, 1 to 200 (default MERCIA_RETENTION_YEARS, 75)', positiveInt)
  .action((o: { dryRun?: boolean; years?: number }) => withDatabase(async ({ db }) => {
    const [{ purgeClosedRecords }, { todayInEngland }, settings] = await Promise.all([import('../children/retention.ts'), import('../core/dates.ts'), config()]);
    const report = await purgeClosedRecords(db, { today: todayInEngland(), retentionYears: o.years ?? settings.retentionYears, dryRun: o.dryRun === true });
    console.log(JSON.stringify(report, null, 2));
  }));

program.command('bench').description('run the benchmarks; prints JSON')
  .option('--duration <seconds>', 'seconds per measurement', positiveInt, 20)
  .option('--connections <n>', 'concurrent connections', positiveInt, 20)
  .option('--only <which>', 'only the web pages ("web"), the SSDA903 returns ("903"), the command line\'s start-up ("cli"), documents and the chronology PDF ("casework") or the matching engine ("matching")')
  .action(async (o: { duration: number; connections: number; only?: 'web' | '903' | 'cli' | 'casework' | 'matching' }) => {
    if (o.only && !['web', '903', 'cli', 'casework', 'matching'].includes(o.only)) throw ValidationError.of('--only', 'give "web", "903", "cli", "casework" or "matching"');
    // The benchmarks are development tools: they run from the sources, through tsx, even when
    // this command runs compiled (the build points this import at bench/run.ts).
    if (import.meta.url.endsWith('.js')) (await import('tsx/esm/api')).register();
    const { runBenchmarks } = await import('../../bench/run.ts');
    console.log(JSON.stringify(await runBenchmarks(o), null, 2));
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ValidationError) {
    for (const e of error.errors) console.error(`mercia: ${e.field}: ${e.message}`);
  } else if (error instanceof ConflictError) {
    console.error(`mercia: ${error.field ? `${error.field}: ` : ''}${error.message}`);
  } else {
    console.error(`mercia: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
});
