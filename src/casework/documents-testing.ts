// For documents' tests: the app with documents' routes, and the test clamd. The files they
// upload are made in documents-fixtures.ts.
import { inject } from 'vitest';
import { loadConfig } from '../core/config.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { TEST_TODAY, type TestApp } from '../core/testing/app.ts';
import { createApp } from '../web/app.ts';
import { documentsRoutes } from './documents-routes.ts';

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

/**
 * startTestApp's app with documents' routes added, until web/app.ts registers them itself
 * (then this adds nothing).
 */
export async function startDocumentsTestApp(options: { database?: DatabaseHandle } = {}): Promise<TestApp> {
  let today = TEST_TODAY;
  const database = options.database ?? await openTestDatabase({ demo: true });
  const config = loadConfig({ SESSION_SECRET: 'test-secret-that-is-long-enough-for-signing', LOG_LEVEL: 'silent' });
  const services = { database, config, today: () => today };
  const app = await createApp(services, { logger: false });
  if (!app.hasRoute({ method: 'GET', url: '/documents/:id' })) documentsRoutes(app, services);
  await app.ready();
  return {
    app, database, config,
    setToday: (day) => { today = day; },
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
