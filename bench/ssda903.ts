// SSDA903 benchmarks: validate-only and import of a synthetic 5,000-child return and a
// 100,000-child return (BENCH_903_SIZES), on PGlite and on a PostgreSQL server when one is
// given; the reader alone and the DfE rules alone on the same returns (no database); and how
// long a 2 GiB file takes to be refused. Each return measurement runs in its own process
// (bench/ssda903-worker.ts) so that its peak memory is its own. The database holds the demo
// organisations and staff, no children.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServerDatabase } from './database.ts';
import { openDatabase } from '../src/core/db.ts';
import { migrate } from '../src/core/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { parseCollectionYear, TABLES } from '../src/interop/ssda903/model.ts';
import { openReturn } from '../src/interop/ssda903/reader.ts';
import { writeSyntheticReturn } from '../src/interop/ssda903/synthetic.ts';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./ssda903-worker.ts', import.meta.url));
const YEAR = '2025/26';
const CAPPED_HEAP_MB = 96;

export interface ReturnMeasurement {
  engine: string;
  children: number;
  episodes: number;
  megabytes: number;
  measurement: 'validate' | 'import' | 'validate-capped-heap';
  seconds: number;
  /** Validation only: the same check again in the same process, once the code is compiled. */
  secondRunSeconds: number | null;
  /** The process's memory before the run (Node, the code, and PGlite's database when embedded). */
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  outcome: string;
}

/** The reader or the rules alone, on a return on disk: the first (cold) pass, and the best of three more. */
export interface StreamMeasurement {
  children: number;
  episodes: number;
  megabytes: number;
  measurement: 'read' | 'rules';
  /** Reading: the whole pass over the return. Rules: only the time inside validateChild. */
  seconds: number;
  bestWarmSeconds: number;
  baselineRssMb: number;
  peakRssMb: number;
  /** Groups read: every child in the return. */
  groups: number;
  findings: number;
}

/** A file far over the size limit is refused from its size alone, without reading it. */
export interface OversizedMeasurement {
  gigabytes: number;
  /** Best of three openReturn calls on a sparse file. */
  milliseconds: number;
  finding: string | null;
}

function sizesFrom(env: string | undefined): number[] {
  return (env ?? '5000,100000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
}

export async function runReturnBenchmarks(serverUrl: string | undefined): Promise<{ writing: unknown[]; results: ReturnMeasurement[]; streaming: StreamMeasurement[]; oversized: OversizedMeasurement }> {
  const work = mkdtempSync(join(tmpdir(), 'mercia-bench-903-'));
  const results: ReturnMeasurement[] = [];
  const streaming: StreamMeasurement[] = [];
  const writing: unknown[] = [];
  try {
    const oversized = await refuseOversized(work);
    for (const children of sizesFrom(process.env.BENCH_903_SIZES)) {
      const dir = join(work, `return-${children}`);
      const started = performance.now();
      const counts = await writeSyntheticReturn(dir, { children, year: parseCollectionYear(YEAR)! });
      const { stdout: du } = await run('du', ['-sk', dir]);
      const megabytes = Math.round(Number(du.split('\t')[0]) / 102.4) / 10;
      writing.push({ children, episodes: counts.episodes, megabytes, seconds: Math.round(performance.now() - started) / 1000 });
      for (const measurement of ['read', 'rules'] as const) {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', worker, measurement, dir, '-', YEAR], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'warn' } });
        const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as { seconds: number; bestWarmSeconds: number; baselineRssMb: number; peakRssMb: number; children: number; findings: number };
        streaming.push({
          children, episodes: counts.episodes, megabytes, measurement, seconds: r.seconds, bestWarmSeconds: r.bestWarmSeconds,
          baselineRssMb: r.baselineRssMb, peakRssMb: r.peakRssMb, groups: r.children, findings: r.findings,
        });
      }
      const engines: { engine: string; url?: string }[] = [{ engine: 'pglite' }, ...(serverUrl ? [{ engine: 'postgres', url: serverUrl }] : [])];
      for (const { engine, url } of engines) {
        const target = await prepareDatabase(work, url, `${engine}-${children}`);
        try {
          // The third run checks again with the JavaScript heap capped: if a 100,000-child return
          // still passes, the reader's memory does not grow with the file.
          const runs = [['validate', []], ['import', []], ['validate', [`--max-old-space-size=${CAPPED_HEAP_MB}`]]] as const;
          for (const [mode, flags] of runs) {
            const measurement = flags.length ? 'validate-capped-heap' : mode;
            const { stdout } = await run(process.execPath, [...flags, '--import', 'tsx', worker, mode, dir, target.location, YEAR], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'warn' } })
              .catch((error: { stderr?: string }) => ({ stdout: JSON.stringify({ seconds: 0, secondRunSeconds: null, baselineRssMb: 0, peakRssMb: 0, peakHeapMb: 0, outcome: /heap out of memory/.test(error.stderr ?? '') ? 'out of memory' : 'failed' }) }));
            const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Pick<ReturnMeasurement, 'seconds' | 'secondRunSeconds' | 'baselineRssMb' | 'peakRssMb' | 'peakHeapMb' | 'outcome'>;
            const { seconds, secondRunSeconds, baselineRssMb, peakRssMb, peakHeapMb, outcome } = r;
            results.push({ engine, children, episodes: counts.episodes, megabytes, measurement, seconds, secondRunSeconds, baselineRssMb, peakRssMb, peakHeapMb, outcome });
          }
        } finally {
          await target.drop();
        }
      }
    }
    return { writing, results, streaming, oversized };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A 2 GiB Header file (sparse: no disk used), opened three times. */
async function refuseOversized(work: string): Promise<OversizedMeasurement> {
  const path = join(work, 'huge.csv');
  writeFileSync(path, `${TABLES.Header.join(',')}\n`);
  truncateSync(path, 2 * 1024 ** 3);
  try {
    let best = Infinity;
    let finding: string | null = null;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const opened = await openReturn([{ name: 'huge.csv', path }]);
      best = Math.min(best, performance.now() - started);
      finding = opened.findings[0]?.message ?? null;
    }
    return { gigabytes: 2, milliseconds: Math.round(best * 10) / 10, finding };
  } finally {
    rmSync(path, { force: true });
  }
}

/** A fresh database with the demo organisations and staff (no children). */
async function prepareDatabase(work: string, adminUrl: string | undefined, name: string): Promise<{ location: string; drop: () => Promise<void> }> {
  const server = adminUrl ? await createServerDatabase(adminUrl, 'mercia_bench_903') : null;
  const location = server?.url ?? join(work, `db-${name}`);
  const handle = await openDatabase(adminUrl ? { url: location } : { dataDir: location });
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: 'bench-kettle-meadow-lantern', children: false });
  } finally {
    await handle.close();
  }
  return {
    location,
    drop: async () => {
      if (server) await server.drop();
      else rmSync(location, { recursive: true, force: true });
    },
  };
}
