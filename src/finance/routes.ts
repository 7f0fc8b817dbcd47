// Finance and needs analysis: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { poolingPageRoutes } from './routes/pages-pooling.ts';

export function financeRoutes(app: FastifyInstance, services: AppServices): void {
  poolingPageRoutes(app, services);
}
