// The audit log search page for administrators, and its API.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import { formErrors } from '../core/http/forms.ts';
import type { AppServices } from '../core/http/types.ts';
import { render } from '../core/http/render.ts';
import * as audit from './service.ts';

export function auditRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/audit', async (request, reply) => {
    const raw = request.query as Record<string, string>;
    try {
      const result = await audit.search(db, request.ctx!, raw);
      const next = result.nextBefore ? `?${new URLSearchParams({ ...raw, before: String(result.nextBefore) })}` : null;
      return render(request, reply, 'audit/views/search.njk', { title: 'Audit log', ...result, values: raw, next });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return render(request, reply, 'audit/views/search.njk', { title: 'Audit log', rows: [], values: raw, errors: formErrors(error.errors) });
    }
  });

  app.get('/api/v1/audit-events', {
    schema: {
      tags: ['audit'], summary: 'Search the audit log of your organisation (administrators)',
      querystring: z.object({ actor: z.string().optional(), recordType: z.string().optional(), recordId: z.string().optional(), from: z.string().optional(), to: z.string().optional(), before: z.string().optional() }),
    },
  }, async (request) => {
    const result = await audit.search(db, request.ctx!, request.query);
    return {
      items: result.rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actorLabel, action: r.action, recordType: r.recordType, recordId: r.recordId, detail: r.detail, records: r.records })),
      nextBefore: result.nextBefore,
    };
  });
}
