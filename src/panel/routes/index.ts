// The adoption panel and agency decisions: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../core/http/types.ts';
import { panelApiRoutes } from './api.ts';
import { decisionPageRoutes } from './pages-decisions.ts';
import { meetingPageRoutes } from './pages-meetings.ts';
import { panelPageRoutes } from './pages-panels.ts';

export function panelRoutes(app: FastifyInstance, services: AppServices): void {
  panelPageRoutes(app, services);
  meetingPageRoutes(app, services);
  decisionPageRoutes(app, services);
  panelApiRoutes(app, services);
}
