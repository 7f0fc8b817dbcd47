// Children pages: list, child page, forms. (Being built.)
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../web/types.ts';

export function childPageRoutes(_app: FastifyInstance, _services: AppServices): void {}
