// Support after adoption: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { supportApiRoutes } from './routes/api.ts';
import { casePageRoutes } from './routes/pages-cases.ts';
import { formPageRoutes } from './routes/pages-forms.ts';

export function supportRoutes(app: FastifyInstance, services: AppServices): void {
  casePageRoutes(app, services);
  formPageRoutes(app, services);
  supportApiRoutes(app, services);
}
