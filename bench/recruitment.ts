// Benchmark: public enquiry submissions per second under load, against POST /api/v1/enquiries
// on a running server. Every request carries a distinct email address. The endpoint is
// rate-limited per address (ENQUIRY_RATE_LIMIT, default 10 a minute): start the server with
// ENQUIRY_RATE_LIMIT set high (e.g. 100000000), or almost every request is a 429. Prints
// nothing and asserts nothing: the caller reports the figures.
import autocannon from 'autocannon';

const COUNCILS = ['E06000019', 'E06000051', 'E06000020', 'E10000034', 'E06000034', 'E06000033', 'E09000016'];

export async function benchEnquiries(base: string, options: { duration: number; connections: number }): Promise<object> {
  let serial = 0;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const url = new URL('/api/v1/enquiries', base).toString();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url, method: 'POST', connections: options.connections, duration: options.duration,
      headers: { 'content-type': 'application/json' },
      requests: [{
        setupRequest: (request) => {
          serial += 1;
          return {
            ...request,
            body: JSON.stringify({
              firstName: 'Bench', lastName: `Enquirer${serial}`, email: `bench-${process.pid}-${serial}@example.com`, phone: '01632 960000',
              councilCode: COUNCILS[serial % COUNCILS.length], heardFrom: 'website', consent: true,
            }),
          };
        },
      }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]! : 0);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name: 'public enquiry (POST /api/v1/enquiries)',
    connections: options.connections,
    durationSeconds: options.duration,
    requests: result.requests.total,
    enquiriesPerSecond: round(result.requests.average),
    created: statuses.get(201) ?? 0,
    rateLimited: statuses.get(429) ?? 0,
    latencyMs: { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(times.at(-1) ?? 0) },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
