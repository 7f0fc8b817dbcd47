// One measurement: autocannon against a running server, with p50/p95/p99 from every
// response time (autocannon's own summary has no p95) and the count of each status.
import autocannon from 'autocannon';

export interface BenchOptions {
  duration: number;
  connections: number;
  scales?: number[];
}

export interface Measurement {
  name: string;
  engine: string;
  scale: number;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measure(name: string, at: { engine: string; scale: number }, load: Pick<autocannon.Options, 'url' | 'method' | 'headers' | 'requests'>, options: BenchOptions): Promise<Measurement> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...load, connections: options.connections, duration: options.duration }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name, engine: at.engine, scale: at.scale, connections: options.connections, durationSeconds: options.duration,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), max: round(times[times.length - 1] ?? 0) },
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Milliseconds (to 0.1) since a performance.now() reading. */
export const msSince = (from: number) => Math.round((performance.now() - from) * 10) / 10;

/** Runs the work once to warm up, then `runs` times: the median and the slowest, in ms. */
export async function timedRuns(work: () => Promise<unknown> | unknown, runs: number): Promise<{ p50: number; max: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(msSince(started));
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}
