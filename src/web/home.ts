// The signed-in home page: where each person starts, with the work due from them and the
// areas open to them.
import type { FastifyInstance } from 'fastify';
import { showWorkDue } from '../core/work.ts';
import { WORK_SOURCES } from './work-sources.ts';
import * as partnership from '../partnership/service.ts';
import * as matching from '../matching/service.ts';
import type { AppServices } from '../core/http/types.ts';
import { render } from '../core/http/render.ts';

export function homeRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  app.get('/', async (request, reply) => {
    const ctx = request.ctx!;
    const [partnerships, work, waiting] = await Promise.all([partnership.visiblePartnerships(db, ctx), showWorkDue(db, ctx, WORK_SOURCES), matching.waitingWithViableCounts(db, ctx)]);
    return render(request, reply, 'web/views/home.njk', { title: 'Home', partnerships, work, waiting, today: ctx.facts.today });
  });

  app.get('/api/v1/work', { schema: { tags: ['staff'], summary: 'What is due from you: overdue first, then by date' } }, async (request) => ({
    items: await showWorkDue(db, request.ctx!, WORK_SOURCES),
  }));
}
