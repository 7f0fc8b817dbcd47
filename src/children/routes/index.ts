// Children: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../core/http/types.ts';
import { childApiRoutes } from './api.ts';
import { childPageRoutes } from './pages.ts';

export function childrenRoutes(app: FastifyInstance, services: AppServices): void {
  childPageRoutes(app, services);
  childApiRoutes(app, services);
}
