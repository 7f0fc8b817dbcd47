// Adopters: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { householdApiRoutes } from './routes/api.ts';
import { householdPageRoutes } from './routes/pages.ts';

export function adoptersRoutes(app: FastifyInstance, services: AppServices): void {
  householdPageRoutes(app, services);
  householdApiRoutes(app, services);
}
