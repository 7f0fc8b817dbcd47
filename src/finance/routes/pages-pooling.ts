// What pooling is worth: the replay's page.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../core/http/types.ts';

export function poolingPageRoutes(app: FastifyInstance, services: AppServices): void {
  void app; void services;
}
