// Benchmarks: each runs the real server in its own process (so the load generator does not
// steal its CPU), on PGlite and, when a server is given (BENCH_DATABASE_URL, or
// TEST_DATABASE_URL as scripts/with-postgres.sh sets it), on PostgreSQL; at region scale (the
// demo at --scale 1, about 1,900 children) and at 10× (BENCH_SCALES, default "1,10"). The
// database is seeded here, before the server starts, so the server finds it full and its
// start is not timed with the load. Per engine and scale it also records (`servers`) the time
// from spawning `mercia serve` to the first 200 from /health on that existing database, and the
// server's memory (server-memory.ts): idle (after start, before load) and after the load, with
// the peak, summed over the primary and its web workers and per process.
// The matching engine's benchmark (matching.ts) runs in this process, with no server or database.
// Prints JSON. Figures go in closing notes; nothing here asserts a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/core/db.ts';
import { migrate } from '../src/core/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { seedLongStory, STORY_ENTRIES } from './casework.ts';
import { runChronologyPdfBenchmark } from './chronology-pdf.ts';
import { runDocumentBenchmarks } from './documents.ts';
import { createServerDatabase } from './database.ts';
import { measure, type BenchOptions, type Measurement } from './measure.ts';
import { runMatchingBenchmarks } from './matching.ts';
import { enquiryLoad } from './recruitment.ts';
import { runCliBenchmarks } from './cli.ts';
import { runReturnBenchmarks } from './ssda903.ts';
import { serverMemory, type ServerMemory } from './server-memory.ts';
import { cpuPerRequest, cpuSnapshot } from './server-cpu.ts';

const BENCH_PASSWORD = 'bench-kettle-meadow-lantern';
const binary = fileURLToPath(new URL('../bin/mercia.mjs', import.meta.url));

interface ServerFigures {
  engine: string;
  scale: number;
  /** Web processes (1 on PGlite; WEB_WORKERS or one per CPU on a server). */
  workers: number;
  /** From spawning `mercia serve` to its first 200 from /health. */
  startToHealthSeconds: number;
  idle: ServerMemory;
  afterLoad: ServerMemory;
}

interface Seeding {
  engine: string;
  scale: number;
  children: number;
  seconds: number;
}

function scalesFrom(env: string | undefined): number[] {
  const scales = (env ?? '1,10').split(',').map((s) => Number(s.trim()));
  if (scales.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SCALES must be whole numbers of 1 or more, comma-separated: got "${env}"`);
  return scales;
}

export type BenchPart = 'web' | '903' | 'cli' | 'casework' | 'matching';
export const BENCH_PARTS: readonly BenchPart[] = ['web', '903', 'cli', 'casework', 'matching'];

export async function runBenchmarks(options: BenchOptions & { only?: BenchPart }) {
  /** Every part runs unless --only names another. */
  const runs = (part: BenchPart) => !options.only || options.only === part;
  const results: Measurement[] = [];
  const seeding: Seeding[] = [];
  const servers: ServerFigures[] = [];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const engines: { engine: string; url?: string }[] = [{ engine: 'pglite' }];
  if (serverUrl) engines.push({ engine: 'postgres', url: serverUrl });
  const scales = runs('web') ? options.scales ?? scalesFrom(process.env.BENCH_SCALES) : [];
  for (const { engine, url } of engines) {
    for (const scale of scales) {
      const server = await startServer(url, scale);
      seeding.push({ engine, scale, ...server.seeded });
      try {
        // Settled: a second after the first answer, before any load.
        await new Promise((r) => setTimeout(r, 1000));
        const idle = serverMemory(server.pid);
        const at = { engine, scale };
        // Each page's figures with the CPU one request cost the server, PostgreSQL and the load generator.
        const measureWithCpu = async (...args: Parameters<typeof measure>) => {
          const before = cpuSnapshot(server.pid);
          const m = await measure(...args);
          return { ...m, cpuMsPerRequest: cpuPerRequest(before, cpuSnapshot(server.pid), m.requests) };
        };
        const socialWorker = await signIn(server.base, 'social-worker@herefordshire.example');
        results.push(await measureWithCpu('signed-in home page', at, { url: `${server.base}/`, headers: { cookie: socialWorker } }, options));
        // The partnership's family finder sees all four West Mercia councils' children (Option 3).
        const finder = await signIn(server.base, 'family-finder@west-mercia.example');
        results.push(await measureWithCpu('children list', at, { url: `${server.base}/children?limit=50`, headers: { cookie: finder } }, options));
        const id = await childOnJourney(server.base, finder);
        results.push(await measureWithCpu('child page', at, { url: `${server.base}/children/${id}`, headers: { cookie: finder } }, options));
        // Matching: every household a waiting child could go to, ranked (the engine over Mercia's pool), and a family finder's home page with each waiting child's counts.
        const waiting = await childOnJourney(server.base, finder, 'family-finding');
        results.push(await measureWithCpu('find families for a waiting child', at, { url: `${server.base}/children/${waiting}/families`, headers: { cookie: finder } }, options));
        const councilFinder = await signIn(server.base, 'family-finder@herefordshire.example');
        results.push(await measureWithCpu('family finder home page (waiting children with viable households)', at, { url: `${server.base}/`, headers: { cookie: councilFinder } }, options));
        const adopterWorker = await signIn(server.base, 'social-worker@west-mercia.example');
        results.push(await measureWithCpu('households list', at, { url: `${server.base}/households?limit=50`, headers: { cookie: adopterWorker } }, options));
        results.push(await measureWithCpu(`chronology of a child with ${STORY_ENTRIES} entries`, at, { url: `${server.base}/children/${server.storyChild}/chronology`, headers: { cookie: finder } }, options));
        results.push(await measureWithCpu('public enquiry submissions', at, enquiryLoad(server.base), options));
        const afterLoad = serverMemory(server.pid);
        servers.push({ engine, scale, workers: afterLoad.processes.filter((p) => p.role !== 'primary').length, startToHealthSeconds: server.startToHealthSeconds, idle, afterLoad });
      } finally {
        await server.stop();
      }
    }
  }
  const ssda903 = runs('903') ? await runReturnBenchmarks(serverUrl) : null;
  const cli = runs('cli') ? await runCliBenchmarks() : null;
  // The matching engine alone: no server, no database.
  const matching = runs('matching') ? runMatchingBenchmarks() : null;
  const casework = runs('casework')
    ? { documents: await runDocumentBenchmarks(), chronologyPdf: await runChronologyPdfBenchmark() }
    : null;
  return { machine: { cpus: cpus().length, node: process.version }, results, seeding, servers, ssda903, cli, casework, matching };
}

/** A child at the stage (by default placed for adoption, a full journey to show): from the JSON API, else the first child linked from the list page. */
async function childOnJourney(base: string, cookie: string, stage = 'placed'): Promise<string> {
  const api = await fetch(`${base}/api/v1/children?limit=1&stage=${stage}`, { headers: { cookie, accept: 'application/json' } });
  if (api.ok) {
    const id = ((await api.json()) as { items?: { id: string }[] }).items?.[0]?.id;
    if (id) return id;
  }
  const page = await fetch(`${base}/children?stage=${stage}&limit=1`, { headers: { cookie } });
  const id = /\/children\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(await page.text())?.[1];
  if (!id) throw new Error(`no child to benchmark: /api/v1/children answered ${api.status} and /children linked to none`);
  return id;
}

/** Seeds the demo at a scale into a fresh database, then starts `mercia serve` on it. */
async function startServer(adminUrl: string | undefined, scale: number): Promise<{ base: string; pid: number; startToHealthSeconds: number; seeded: { children: number; seconds: number }; storyChild: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mercia-bench-'));
  const port = 3900 + Math.floor(Math.random() * 500);
  const server = adminUrl ? await createServerDatabase(adminUrl, 'mercia_bench') : null;
  const databaseUrl = server?.url;
  const handle = await openDatabase({ url: databaseUrl, dataDir });
  let seeded: { children: number; seconds: number };
  let storyChild: string;
  try {
    await migrate(handle.db);
    const started = performance.now();
    const result = await seedDemo(handle.db, { scale, password: BENCH_PASSWORD });
    seeded = { children: result.children, seconds: Math.round((performance.now() - started) / 100) / 10 };
    storyChild = await seedLongStory(handle.db);
  } finally {
    await handle.close();
  }
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [binary, 'serve'], {
    env: { ...withoutDatabaseUrl(process.env), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PORT: String(port), MERCIA_DATA_DIR: dataDir, MERCIA_DEMO_PASSWORD: BENCH_PASSWORD, LOG_LEVEL: 'warn', ENQUIRY_RATE_LIMIT: '100000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // Asked every 20 ms, so the start is timed to about that.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch { /* not up yet */ }
    if (i > 3000) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  const startToHealthSeconds = Math.round(performance.now() - spawnedAt) / 1000;
  return {
    base,
    pid: child.pid!,
    startToHealthSeconds,
    seeded,
    storyChild,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      await server?.drop();
    },
  };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: cookiesOf(page), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: BENCH_PASSWORD, next: '/' }),
  });
  if (response.status !== 303) throw new Error(`bench sign-in failed: ${response.status}`);
  return cookiesOf(response);
}


