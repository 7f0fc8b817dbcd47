import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './db.ts';
import { startJobs, type JobRunner } from './jobs.ts';
import { openTestDatabase } from './testing/database.ts';

let handle: DatabaseHandle;
let runner: JobRunner;
let runs = 0;

beforeAll(async () => {
  handle = await openTestDatabase();
  runner = await startJobs(handle.db, [{ name: 'count-runs', run: async () => { runs += 1; } }]);
});
afterAll(async () => {
  await runner.stop();
  await handle.close();
});

describe('daily jobs on pg-boss', () => {
  it('schedules each job every morning in England, on this engine', async () => {
    const schedules = await sql<{ name: string; cron: string; timezone: string }>`select name, cron, timezone from pgboss.schedule`.execute(handle.db);
    expect(schedules.rows).toEqual([{ name: 'count-runs', cron: '0 5 * * *', timezone: 'Europe/London' }]);
  });

  it('runs a job on demand', async () => {
    await runner.runNow('count-runs');
    expect(runs).toBe(1);
    await expect(runner.runNow('nothing')).rejects.toThrow('no job called nothing');
  });
});
