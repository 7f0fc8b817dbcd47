// Placements and disruptions: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../core/http/types.ts';
import { placementsApiRoutes } from './api.ts';
import { placementPageRoutes } from './pages.ts';

export function placementsRoutes(app: FastifyInstance, services: AppServices): void {
  placementPageRoutes(app, services);
  placementsApiRoutes(app, services);
}
