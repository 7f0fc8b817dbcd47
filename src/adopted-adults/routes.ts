// Adopted adults: pages and the JSON API. (Placeholder until the area is built.)
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';

export function adoptedAdultsRoutes(_app: FastifyInstance, _services: AppServices): void {}
