// The jobs the service runs every morning (core/jobs.ts schedules them).
import type { DailyJob } from '../core/jobs.ts';
import { snapshotWork } from '../core/work.ts';
import * as staff from '../staff/service.ts';
import * as staffStore from '../staff/store.ts';
import { purgeClosedRecords } from '../children/retention.ts';
import { deleteExpiredSessions } from './session-store.ts';
import { WORK_SOURCES } from './work-sources.ts';

/** `retentionYears`: how long the record of a child not adopted is kept once closed (config). */
export function dailyJobs(today: () => string, retentionYears = 75): DailyJob[] {
  return [
    { name: 'sweep-sessions', run: (db) => deleteExpiredSessions(db) },
    {
      name: 'work-queues',
      // Recompute what is due from every active person, as the record of that morning's reminders.
      run: async (db) => {
        let items = 0;
        for (const { id } of await staffStore.activeStaffIds(db)) {
          const actor = await staff.actorById(db, id);
          if (actor) items += await snapshotWork(db, await staff.contextFor(db, actor, today()), WORK_SOURCES);
        }
        return items;
      },
    },
    {
      name: 'retention',
      // Deletes the records of children not adopted once closed for the retention period; never an
      // adoption record. The run's report is kept in retention_run, each deletion in the audit log.
      run: async (db) => {
        const report = await purgeClosedRecords(db, { today: today(), retentionYears, dryRun: false });
        return report.deleted.length;
      },
    },
  ];
}
