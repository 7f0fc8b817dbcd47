// The test clamd (started by clamav-setup.ts for the whole run), for the tests that upload.
import { inject } from 'vitest';

/** The clamd the tests scan with, set in this worker's environment as the service reads it. */
export function testScannerSocket(): string {
  if (process.env.CLAMD_SOCKET) return process.env.CLAMD_SOCKET;
  let socket: string | undefined;
  let problem: string | undefined;
  try {
    socket = inject('merciaClamdSocket');
    problem = inject('merciaClamdProblem');
  } catch {
    // Outside vitest's global setup.
  }
  if (!socket) throw new Error(problem ?? 'No clamd for the tests: run them with `npm test` (vitest.config.ts starts one), or set CLAMD_SOCKET');
  process.env.CLAMD_SOCKET = socket;
  return socket;
}
