// Letterbox contact: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { letterboxApiRoutes } from './routes/api.ts';
import { agreementPageRoutes } from './routes/pages-agreements.ts';
import { exchangePageRoutes } from './routes/pages-exchanges.ts';

export function letterboxRoutes(app: FastifyInstance, services: AppServices): void {
  agreementPageRoutes(app, services);
  exchangePageRoutes(app, services);
  letterboxApiRoutes(app, services);
}
