// Recruitment: the public enquiry form, the front door's pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';
import { recruitmentApiRoutes } from './routes/api.ts';
import { recruitmentPageRoutes } from './routes/pages.ts';
import { publicEnquiryRoutes } from './routes/public.ts';

export function recruitmentRoutes(app: FastifyInstance, services: AppServices): void {
  publicEnquiryRoutes(app, services);
  recruitmentPageRoutes(app, services);
  recruitmentApiRoutes(app, services);
}
