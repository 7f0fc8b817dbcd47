// Scheduled jobs on pg-boss, run through the same database connection as everything else
// (pg-boss's executeSql hook over Kysely), so they work on PGlite and on a server alike.
// Daily at 05:00 (Europe/London): end expired sessions, and recompute every person's work
// queue snapshot.
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db } from './db.ts';

export interface DailyJob {
  name: string;
  run: (db: Db) => Promise<unknown>;
}

export interface JobRunner {
  /** Run a job now (tests, and operators via the CLI). */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobs(db: Db, jobs: DailyJob[], log: (message: string) => void = () => undefined): Promise<JobRunner> {
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values: unknown[]) => ({ rows: [...(await db.executeQuery(CompiledQuery.raw(text, values ?? []))).rows] }) },
    schedule: true,
    supervise: true,
  });
  boss.on('error', (error: Error) => log(`job runner: ${error.message}`));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.work(job.name, async () => {
      await job.run(db);
    });
    await boss.schedule(job.name, '0 5 * * *', {}, { tz: 'Europe/London' });
  }
  return {
    runNow: async (name) => {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job called ${name}`);
      await job.run(db);
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5000 }),
  };
}
