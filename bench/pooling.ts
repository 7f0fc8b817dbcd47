// The pooling replay (src/finance/pooling-*.ts) at region scale: the demo seeded at --scale 1 in
// a fresh database (PGlite in memory, or a PostgreSQL server when a URL is given), then for a
// look-back of 5 and of 10 years: the time to load the history, the time to replay each scenario
// (the pure model alone), and the whole replay as the page asks for it (load, three scenarios,
// figures), each run RUNS times after a warm-up: p50 and max. Also what was replayed and each
// scenario's figures. Prints JSON alone (`npx tsx bench/pooling.ts [serverUrl]`); not part of
// bench/run.ts. Nothing here asserts a time.
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/core/db.ts';
import { migrate } from '../src/core/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DEFAULT_SETTINGS } from '../src/matching/model.ts';
import { replayScenario, SCENARIO_ORDER, type ReplayAssumptions } from '../src/finance/pooling-model.ts';
import { MATCH_DAYS, POOLING_DEFAULTS, poolingReplay, windowStart } from '../src/finance/pooling-service.ts';
import * as store from '../src/finance/pooling-store.ts';
import * as staffService from '../src/staff/service.ts';
import * as staffStore from '../src/staff/store.ts';
import { createServerDatabase } from './database.ts';
import { msSince, timedRuns } from './measure.ts';

const RUNS = 5;
const TODAY = '2026-11-23';
const LOOK_BACK = [5, 10];

const ms = msSince;
const timed = (work: () => Promise<unknown> | unknown) => timedRuns(work, RUNS);

export async function runPoolingBenchmark(serverUrl?: string) {
  const loadBefore = loadavg()[0]!;
  const server = serverUrl ? await createServerDatabase(serverUrl, 'mercia_bench_pooling') : null;
  const handle = await openDatabase(server ? { url: server.url } : { dataDir: 'memory://' });
  try {
    const db = handle.db;
    await migrate(db);
    const seeding = performance.now();
    const seeded = await seedDemo(db, { scale: 1, password: 'bench-pooling-harbour-willow', today: TODAY });
    const seedSeconds = Math.round(ms(seeding) / 100) / 10;
    const person = (await staffStore.findStaffByEmail(db, 'finance-officer@west-mercia.example'))!;
    const ctx = await staffService.contextFor(db, staffService.actorOf(person), TODAY);
    const partnership = (await store.partnerships(db, [...ctx.facts.partnerships]))[0]!;
    const feeRates = await store.feeRates(db);
    const assumptions: ReplayAssumptions = { seed: POOLING_DEFAULTS.seed, thresholdDays: POOLING_DEFAULTS.threshold, matchDays: MATCH_DAYS, feeRates, settings: DEFAULT_SETTINGS };
    const windows = [];
    for (const years of LOOK_BACK) {
      const from = windowStart(TODAY, years);
      const { history } = await store.poolingHistory(db, partnership.id, from, TODAY);
      const load = await timed(() => store.poolingHistory(db, partnership.id, from, TODAY));
      const replay: Record<string, { p50: number; max: number }> = {};
      for (const scenario of SCENARIO_ORDER) replay[scenario] = await timed(() => replayScenario(scenario, history, assumptions));
      const whole = await timed(() => poolingReplay(db, ctx, { years: String(years) }));
      const result = await poolingReplay(db, ctx, { years: String(years) });
      windows.push({
        years, from, to: TODAY,
        subjects: history.subjects.length, children: history.subjects.reduce((n, s) => n + s.children.length, 0), households: history.households.length,
        loadHistoryMs: load, replayMs: replay, wholeReplayMs: whole,
        figures: Object.fromEntries(result.scenarios.map((s) => [s.scenario, s.total])),
      });
    }
    return {
      engine: server ? 'postgres' : 'pglite', scale: 1, today: TODAY, seededChildren: seeded.children, seedSeconds, runs: RUNS,
      machine: { cpus: cpus().length, node: process.version }, loadAverage: { before: loadBefore, after: loadavg()[0]! }, windows,
    };
  } finally {
    await handle.close();
    await server?.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runPoolingBenchmark(process.argv[2]), null, 2));
}
