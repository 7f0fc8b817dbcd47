// Insight: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { insightApiRoutes } from './routes/api.ts';
import { insightPageRoutes } from './routes/pages.ts';

export function insightRoutes(app: FastifyInstance, services: AppServices): void {
  insightPageRoutes(app, services);
  insightApiRoutes(app, services);
}
