// Adopters pages and API. (Being built.)
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../web/types.ts';

export function adoptersRoutes(_app: FastifyInstance, _services: AppServices): void {}
