// Finance and needs analysis: pages and forms. The reports' JSON is the report registry's
// (`GET /api/v1/reports/lac-rates`, `budgets`, `costs-avoided`, `options-appraisal`: reports.ts).
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { financeFormRoutes } from './routes/forms.ts';
import { financePageRoutes } from './routes/pages.ts';
import { poolingPageRoutes } from './routes/pages-pooling.ts';
import { financeUploadRoutes } from './routes/upload.ts';

export function financeRoutes(app: FastifyInstance, services: AppServices): void {
  financePageRoutes(app, services);
  financeFormRoutes(app, services);
  financeUploadRoutes(app, services);
  poolingPageRoutes(app, services);
}
