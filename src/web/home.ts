// The signed-in home page: where each person starts, with the work due from them and the
// areas open to them.
import type { FastifyInstance } from 'fastify';
import { auditWorkShown, showWorkDue, workDue } from '../core/work.ts';
import { groupWork } from './work-groups.ts';
import { WORK_SOURCES } from './work-sources.ts';
import * as partnership from '../partnership/service.ts';
import * as matching from '../matching/service.ts';
import type { AppServices } from '../core/http/types.ts';
import { render } from '../core/http/render.ts';

export function homeRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  app.get('/', async (request, reply) => {
    const ctx = request.ctx!;
    const query = request.query as { group?: unknown; offset?: unknown } | undefined;
    const [partnerships, due, waiting] = await Promise.all([partnership.visiblePartnerships(db, ctx), workDue(db, ctx, WORK_SOURCES), matching.waitingWithViableCounts(db, ctx)]);
    const groups = groupWork(due, { group: typeof query?.group === 'string' ? query.group : undefined, offset: Number(query?.offset) || 0 });
    // Only what the page shows is recorded as shown.
    await auditWorkShown(db, ctx, groups.flatMap((g) => g.items));
    return render(request, reply, 'web/views/home.njk', { title: 'Home', partnerships, work: groups, workTotal: due.length, waiting, today: ctx.facts.today });
  });

  app.get('/api/v1/work', { schema: { tags: ['staff'], summary: 'What is due from you: overdue first, then by date' } }, async (request) => ({
    items: await showWorkDue(db, request.ctx!, WORK_SOURCES),
  }));
}
