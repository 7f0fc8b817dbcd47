import { defineConfig } from 'vitest/config';

// Each test file opens its own database (in-memory PGlite, or a fresh database on the
// server named by TEST_DATABASE_URL), copied from one built by the global setup, so files run
// in parallel without sharing state.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Migrates and seeds the demo once per run (each file copies it), and starts one Chromium;
    // then starts a real clamd for the tests that scan uploads (clamav-setup.ts).
    globalSetup: ['src/core/testing/global-setup.ts', 'src/core/testing/clamav-setup.ts'],
    // A browser journey scans a dozen pages with axe; on a two-core machine running another
    // test file beside it, that can take more than half a minute. Timeouts assert nothing.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file already works in its own database copy and browser context, and restores any
    // environment variable it sets; reusing the two worker processes across files spares each
    // file loading the whole app again (a third of the suite's time when every file had its own).
    isolate: false,
    maxWorkers: 2,
  },
});
