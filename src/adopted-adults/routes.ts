// Services to adopted adults and their relatives: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { apiRoutes } from './routes/api.ts';
import { formPageRoutes } from './routes/pages-forms.ts';
import { requestPageRoutes } from './routes/pages-requests.ts';

export function adoptedAdultsRoutes(app: FastifyInstance, services: AppServices): void {
  requestPageRoutes(app, services);
  formPageRoutes(app, services);
  apiRoutes(app, services);
}
