import { defineConfig } from 'vitest/config';

// Each test file opens its own database (in-memory PGlite, or a fresh database on the
// server named by TEST_DATABASE_URL), so files run in parallel without sharing state.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
