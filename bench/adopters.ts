// Benchmark of the households list (GET /households): p95 latency and requests per second under
// autocannon, as bench/run.ts measures the children pages. The lead wires it into run.ts.
import autocannon from 'autocannon';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Measure the households list as the signed-in person of `cookie` (e.g. social-worker@west-mercia.example). */
export async function benchHouseholds(base: string, cookie: string, options: { duration: number; connections: number }): Promise<object> {
  const times: number[] = [];
  const url = `${base}/households?limit=50`;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers: { cookie }, connections: options.connections, duration: options.duration }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name: 'households list', connections: options.connections, durationSeconds: options.duration,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), max: round(times[times.length - 1] ?? 0) },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
