// RFC 9457 problem JSON, the one shape every API error takes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../errors.ts';

export function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Sign in required', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  413: 'Too large', 415: 'Unsupported media type', 422: 'Invalid input', 429: 'Too many requests', 500: 'Internal server error',
};

export function problem(request: FastifyRequest, status: number, detail: string, errors?: FieldError[]) {
  return {
    type: 'about:blank',
    title: STATUS_TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0],
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, errors?: FieldError[]) {
  return reply.code(status).type('application/problem+json').send(problem(reply.request, status, detail, errors));
}
