// Once per `vitest run`, beside global-setup.ts: a real clamd for the tests that scan uploads
// (see clamav.ts). Set CLAMD_SOCKET (or CLAMD_HOST) to use a clamd of your own instead.
// Test files read the socket with testScannerSocket() (src/core/testing/scanner.ts); it
// is also set in the environment the test workers inherit.
import type { TestProject } from 'vitest/node';
import { clamdBinary, startClamd } from './clamav.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    merciaClamdSocket?: string;
    merciaClamdProblem?: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.CLAMD_SOCKET || process.env.CLAMD_HOST) return undefined;
  if (!clamdBinary()) {
    // Only the tests that scan fail, each saying why; the rest of the suite still runs.
    project.provide('merciaClamdProblem', 'clamd is not installed: run `bash scripts/ensure-clamav.sh` (Debian\'s clamav-daemon), or set CLAMD_SOCKET');
    return undefined;
  }
  const clamd = await startClamd();
  process.env.CLAMD_SOCKET = clamd.socket;
  project.provide('merciaClamdSocket', clamd.socket);
  return () => clamd.stop();
}

