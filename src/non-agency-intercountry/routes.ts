// Non-agency and inter-country adoption: pages and the JSON API. (Placeholder until the area is built.)
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../core/http/types.ts';

export function nonAgencyIntercountryRoutes(_app: FastifyInstance, _services: AppServices): void {}
