// Birth family support: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { birthFamilyApiRoutes } from './routes/api.ts';
import { casePageRoutes } from './routes/pages-cases.ts';
import { formPageRoutes } from './routes/pages-forms.ts';

export function birthFamilyRoutes(app: FastifyInstance, services: AppServices): void {
  casePageRoutes(app, services);
  formPageRoutes(app, services);
  birthFamilyApiRoutes(app, services);
}
