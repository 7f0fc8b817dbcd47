// The jobs the service runs every morning (core/jobs.ts schedules them).
import type { DailyJob } from '../core/jobs.ts';
import { snapshotWork } from '../core/work.ts';
import * as staff from '../staff/service.ts';
import * as staffStore from '../staff/store.ts';
import { deleteExpiredSessions } from './session-store.ts';
import { WORK_SOURCES } from './work-sources.ts';

export function dailyJobs(today: () => string): DailyJob[] {
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
  ];
}
