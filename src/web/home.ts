// The signed-in home page: where each person starts, with the areas open to them.
import type { FastifyInstance } from 'fastify';
import * as partnership from '../partnership/service.ts';
import type { AppServices } from './types.ts';
import { render } from './views.ts';

export function homeRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  app.get('/', async (request, reply) => {
    const ctx = request.ctx!;
    const partnerships = await partnership.visiblePartnerships(db, ctx);
    return render(request, reply, 'web/views/home.njk', { partnerships, today: ctx.facts.today });
  });
}
