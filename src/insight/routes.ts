// Insight: pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';

export function insightRoutes(app: FastifyInstance, services: AppServices): void {
  void app; void services;
}
