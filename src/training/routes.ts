// Training pages and API. (Being built.)
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../web/types.ts';

export function trainingRoutes(_app: FastifyInstance, _services: AppServices): void {}
