// Start-up of the `mercia` command: each command run as a whole process, as an operator runs
// it (`node bin/mercia.mjs …`, compiled from dist/ unless MERCIA_TSX=1), five times; the
// minimum and the median wall-clock seconds. The commands: `--help`; `token create` against a
// data directory holding the demo; and `import 903 --dry-run` of synthetic returns of 5,000 and
// 20,000 children (BENCH_CLI_903_SIZES), written by `seed --903`. Nothing here asserts a time.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const binary = fileURLToPath(new URL('../bin/mercia.mjs', import.meta.url));
const RUNS = 5;
const YEAR = '2025/26';

export interface CliMeasurement {
  command: string;
  runs: number;
  minSeconds: number;
  medianSeconds: number;
  allSeconds: number[];
}

function sizesFrom(env: string | undefined): number[] {
  return (env ?? '5000,20000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
}

export async function runCliBenchmarks(): Promise<{ runsFrom: 'dist' | 'tsx'; results: CliMeasurement[] }> {
  const work = mkdtempSync(join(tmpdir(), 'mercia-bench-cli-'));
  const env = { ...process.env, MERCIA_DATA_DIR: join(work, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
  const mercia = (...args: string[]) => run(process.execPath, [binary, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  const results: CliMeasurement[] = [];
  try {
    // Also builds dist/ if it is stale, so that no measured run pays for a build.
    await mercia('--help');
    await mercia('seed', '--demo');
    const commands: string[][] = [['--help'], ['token', 'create', '--email', 'admin@herefordshire.example']];
    for (const children of sizesFrom(process.env.BENCH_CLI_903_SIZES)) {
      const dir = join(work, `return-${children}`);
      await mercia('seed', '--903', dir, '--children', String(children), '--year', YEAR);
      commands.push(['import', '903', dir, '--la', 'herefordshire', '--year', YEAR, '--dry-run']);
    }
    for (const args of commands) {
      const seconds: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await mercia(...args);
        seconds.push(Math.round(performance.now() - started) / 1000);
      }
      const sorted = [...seconds].sort((a, b) => a - b);
      results.push({
        command: args.map((a) => (a.startsWith(work) ? `<${a.slice(work.length + 1)}>` : a)).join(' '),
        runs: RUNS, minSeconds: sorted[0]!, medianSeconds: sorted[Math.floor(RUNS / 2)]!, allSeconds: seconds,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { runsFrom: process.env.MERCIA_TSX === '1' ? 'tsx' : 'dist', results };
}
