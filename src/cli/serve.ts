// `mercia serve`: the web service. On PGlite it is one process, since the database lives inside
// it. On a PostgreSQL server it is a primary and WEB_WORKERS web processes (node:cluster,
// docs/decisions/011-web-workers.md): the primary migrates, seeds an empty database and runs the
// daily jobs, then forks the workers, which share the port and only serve; a worker that dies
// is logged and replaced; SIGTERM or SIGINT stops every worker, then the primary.
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Config } from '../core/config.ts';
import type { DatabaseHandle } from '../core/db.ts';
import type { JobRunner } from '../core/jobs.ts';

/** How long the primary waits for workers to finish their requests before ending them. */
const STOP_GRACE_MS = 10_000;
/** A worker that dies within this long of its start is replaced only after a pause, so a crash at start-up does not spin. */
const QUICK_DEATH_MS = 5_000;

function address(settings: Config): string {
  return `http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${settings.port}`;
}

/** Opens, migrates and (if empty) seeds the database: once, in the process that owns start-up. */
async function prepareDatabase(settings: Config, maxConnections?: number, wasmModule?: Promise<WebAssembly.Module>): Promise<DatabaseHandle> {
  const [{ openDatabase }, { migrate }] = await Promise.all([import('../core/db.ts'), import('../core/migrate.ts')]);
  const handle = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, sharedBuffers: settings.pgliteSharedBuffers, maxConnections, wasmModule });
  await migrate(handle.db);
  const { isEmpty, seedDemo, demoSignIns } = await import('../demo/seed.ts');
  if (await isEmpty(handle.db)) {
    const result = await seedDemo(handle.db, { password: process.env.MERCIA_DEMO_PASSWORD });
    console.log(`Seeded the demo: ${result.organisations} organisations, ${result.staff} staff, ${result.children} children.`);
    console.log('Demo sign-ins (all share one password):');
    for (const line of demoSignIns()) console.log(`  ${line}`);
    console.log(`  Password: ${result.password}`);
  }
  return handle;
}

/** The daily jobs (core/jobs.ts): started in exactly one process, so they run once a day. */
async function startDailyJobs(handle: DatabaseHandle, retentionYears: number, warn: (message: string) => void): Promise<JobRunner> {
  const [{ startJobs }, { dailyJobs }, { todayInEngland }] = await Promise.all([import('../core/jobs.ts'), import('../web/daily-jobs.ts'), import('../core/dates.ts')]);
  return startJobs(handle.db, dailyJobs(() => todayInEngland(), retentionYears), warn);
}

/** The web app on an open database; `jobs`: whether this process also runs the daily jobs. */
async function serveWeb(settings: Config, handle: DatabaseHandle, jobs: boolean): Promise<() => Promise<void>> {
  const [{ createApp }, { todayInEngland }] = await Promise.all([import('../web/app.ts'), import('../core/dates.ts')]);
  const app = await createApp({ database: handle, config: settings, today: () => todayInEngland() });
  const runner = jobs ? await startDailyJobs(handle, settings.retentionYears, (message) => app.log.warn(message)) : null;
  await app.listen({ port: settings.port, host: settings.host });
  return async () => {
    await runner?.stop();
    await app.close();
    await handle.close();
  };
}

/** Stops on the first SIGTERM or SIGINT, then exits. */
function onSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(() => process.exit(0), (error: unknown) => {
      console.error(`mercia: stopping: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export async function serve(settings: Config, wasmModule?: Promise<WebAssembly.Module>): Promise<void> {
  if (cluster.isWorker) return worker(settings);
  if (!settings.databaseUrl && settings.webWorkersSet && Number(process.env.WEB_WORKERS) > 1) {
    console.error('mercia: WEB_WORKERS is ignored on PGlite: its database lives in one process');
  }
  if (settings.webWorkers <= 1) {
    const handle = await prepareDatabase(settings, undefined, wasmModule);
    onSignal(await serveWeb(settings, handle, true));
    console.log(`Mercia is running at ${address(settings)} on ${handle.engine}`);
    return;
  }
  return primary(settings);
}

/** A web worker: the database is ready (the primary saw to it); serve until told to stop. */
async function worker(settings: Config): Promise<void> {
  const { openDatabase } = await import('../core/db.ts');
  const handle = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
  onSignal(await serveWeb(settings, handle, false));
}

async function primary(settings: Config): Promise<void> {
  // The primary's own connections serve only the daily jobs.
  const handle = await prepareDatabase(settings, 3);
  const jobs = await startDailyJobs(handle, settings.retentionYears, (message) => console.error(`mercia: ${message}`));
  // Every worker must sign sessions alike: without SESSION_SECRET the primary makes one for all.
  const env = { SESSION_SECRET: settings.sessionSecret ?? randomBytes(32).toString('hex') };
  let stopping = false;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(env), Date.now());

  cluster.on('exit', (w, code, signal) => {
    const ranFor = Date.now() - (started.get(w) ?? 0);
    started.delete(w);
    if (stopping) return;
    console.error(`mercia: web worker ${w.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(ranFor / 1000)} s; starting another`);
    setTimeout(fork, ranFor < QUICK_DEATH_MS ? 1000 : 0);
  });
  for (let i = 0; i < settings.webWorkers; i++) fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === settings.webWorkers) {
      console.log(`Mercia is running at ${address(settings)} on postgres in ${settings.webWorkers} web workers (primary ${process.pid})`);
    }
  });

  onSignal(async () => {
    stopping = true;
    await jobs.stop();
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      if (w.isDead()) return resolve();
      const timer = setTimeout(() => w.process.kill('SIGKILL'), STOP_GRACE_MS);
      w.once('exit', () => { clearTimeout(timer); resolve(); });
      w.process.kill('SIGTERM');
    })));
    await handle.close();
  });
}
