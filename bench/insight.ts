// Insight's scorecard at scale: the demo seeded at --scale 10 in a fresh database (PGlite in
// memory, or a PostgreSQL server when a URL is given), then the time to compute every scorecard
// measure (A1, A2, A3, A10) for every council and for all together, for every 3-year window
// ending 31 March over ten years, in one query as the trend asks for it, and one window at a time
// as the dashboard does; each RUNS times after a warm-up: p50 and max. Prints JSON alone
// (`npx tsx bench/insight.ts [serverUrl]`); not part of bench/run.ts. Nothing here asserts a time.
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/core/db.ts';
import { migrate } from '../src/core/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { scorecardWindow, windowEndsTo } from '../src/insight/periods.ts';
import * as store from '../src/insight/store.ts';
import { createServerDatabase } from './database.ts';
import { msSince, timedRuns } from './measure.ts';

const RUNS = 5;
const TODAY = '2026-11-23';
const SCALE = 10;
const WINDOWS = 10;

const ms = msSince;
const timed = (work: () => Promise<unknown> | unknown) => timedRuns(work, RUNS);

export async function runInsightBenchmarks(serverUrl?: string) {
  const loadBefore = loadavg()[0]!;
  const server = serverUrl ? await createServerDatabase(serverUrl, 'mercia_bench_insight') : null;
  const handle = await openDatabase(server ? { url: server.url } : { dataDir: 'memory://' });
  try {
    const db = handle.db;
    await migrate(db);
    const seeding = performance.now();
    const seeded = await seedDemo(db, { scale: SCALE, password: 'bench-insight-meadow-lantern', today: TODAY });
    const seedSeconds = Math.round(ms(seeding) / 100) / 10;
    const councils = (await db.selectFrom('organisation').select('id').where('kind', '=', 'local-authority').execute()).map((r) => r.id);
    const periods = windowEndsTo('2026-03-31', WINDOWS).map((end) => ({ key: end, ...scorecardWindow(end) }));
    const adoptions = await db.selectFrom('milestone').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'adoption-order').executeTakeFirstOrThrow();
    const episodes = await db.selectFrom('care_episode').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const all = await timed(() => store.measures(db, councils, periods));
    const oneAtATime = await timed(async () => {
      for (const p of periods) await store.measures(db, councils, [p]);
    });
    const rows = await store.measures(db, councils, periods);
    return {
      engine: server ? 'postgres' : 'pglite', scale: SCALE, today: TODAY, seededChildren: seeded.children, seedSeconds, runs: RUNS,
      councils: councils.length, windows: WINDOWS, adoptionOrders: Number(adoptions.n), careEpisodes: Number(episodes.n), figureRows: rows.length,
      everyMeasureEveryCouncilEveryWindowMs: all, windowByWindowMs: oneAtATime,
      machine: { cpus: cpus().length, node: process.version }, loadAverage: { before: loadBefore, after: loadavg()[0]! },
    };
  } finally {
    await handle.close();
    await server?.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runInsightBenchmarks(process.argv[2]), null, 2));
}
