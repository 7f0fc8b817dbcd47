// Benchmarks: each runs the real server in its own process (so the load generator does not
// steal its CPU), on PGlite and, when a server is given (BENCH_DATABASE_URL, or
// TEST_DATABASE_URL as scripts/with-postgres.sh sets it), on PostgreSQL. Prints JSON.
// Figures go in closing notes; nothing here asserts a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const BENCH_PASSWORD = 'bench-kettle-meadow-lantern';
const binary = fileURLToPath(new URL('../bin/mercia.mjs', import.meta.url));

export interface BenchOptions {
  duration: number;
  connections: number;
}

interface Measurement {
  name: string;
  engine: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export async function runBenchmarks(options: BenchOptions) {
  const results: Measurement[] = [];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const engines: { engine: string; url?: string }[] = [{ engine: 'pglite' }];
  if (serverUrl) engines.push({ engine: 'postgres', url: serverUrl });
  for (const { engine, url } of engines) {
    const server = await startServer(url);
    try {
      const cookie = await signIn(server.base, 'social-worker@herefordshire.example');
      results.push(await measure('signed-in home page', engine, `${server.base}/`, { cookie }, options));
    } finally {
      await server.stop();
    }
  }
  return { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, results };
}

async function startServer(adminUrl?: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mercia-bench-'));
  const port = 3900 + Math.floor(Math.random() * 500);
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (adminUrl) {
    dbName = `mercia_bench_${Date.now()}`;
    await admin(adminUrl, `create database ${dbName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const child: ChildProcess = spawn(process.execPath, [binary, 'serve'], {
    env: { ...withoutDatabaseUrl(process.env), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PORT: String(port), MERCIA_DATA_DIR: dataDir, MERCIA_DEMO_PASSWORD: BENCH_PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch { /* not up yet */ }
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      if (adminUrl && dbName) await admin(adminUrl, `drop database if exists ${dbName} with (force)`);
    },
  };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

async function admin(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, engine: string, url: string, headers: Record<string, string>, options: BenchOptions): Promise<Measurement> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections: options.connections, duration: options.duration }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name, engine, connections: options.connections, durationSeconds: options.duration,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), max: round(times[times.length - 1] ?? 0) },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
