// Non-agency and inter-country adoption: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { apiRoutes } from './routes/api.ts';
import { intercountryPageRoutes } from './routes/intercountry-pages.ts';
import { nonAgencyPageRoutes } from './routes/non-agency-pages.ts';

export function nonAgencyIntercountryRoutes(app: FastifyInstance, services: AppServices): void {
  nonAgencyPageRoutes(app, services);
  intercountryPageRoutes(app, services);
  apiRoutes(app, services);
}
