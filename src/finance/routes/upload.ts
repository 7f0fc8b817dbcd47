// Uploading a population file (finance/import-csv.ts describes it): a page for finance officers
// and analysts. The file is small and read into memory (1 MB at most) before the person's right
// to upload is checked again by the service. A refused file lists every problem by line and
// column, and nothing is imported.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../core/errors.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import * as finance from '../service.ts';

const MAX_BYTES = 1_048_576;
const TITLE = 'Upload population figures';

export function financeUploadRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const mayUpload = (request: FastifyRequest) => {
    if (!request.ctx || !finance.generalPermissions(request.ctx).editNeeds) throw new ForbiddenError('Population figures are uploaded by finance officers and analysts');
  };
  const show = (request: FastifyRequest, reply: FastifyReply, errors?: { summary: { text: string; href: string }[]; fields: Record<string, { text: string }> }) => {
    if (errors) reply.code(422);
    return render(request, reply, 'finance/views/upload.njk', { title: TITLE, errors });
  };
  const fileError = (message: string) => ({ summary: [{ text: message, href: '#file' }], fields: { file: { text: message } } });

  app.get('/finance/needs/upload', async (request, reply) => {
    mayUpload(request);
    return show(request, reply);
  });

  void app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_BYTES, files: 1, fields: 5, parts: 6 } });
    scope.post('/finance/needs/upload', async (request, reply) => {
      mayUpload(request);
      const file = (request.body as Record<string, unknown> | undefined)?.file;
      if (!Buffer.isBuffer(file) || file.length === 0) return show(request, reply, fileError('Select a CSV file of population figures'));
      try {
        const result = await finance.importPopulation(db, request.ctx!, file.toString('utf8'));
        request.session.flash = `Imported ${result.rows} row${result.rows === 1 ? '' : 's'} of figures.`;
        return reply.redirect('/finance/needs', 303);
      } catch (error) {
        if (!(error instanceof finance.ImportRefused)) throw error;
        const summary = error.errors.map((e) => ({ text: e.message.charAt(0).toUpperCase() + e.message.slice(1), href: '#file' }));
        return show(request, reply, { summary, fields: { file: { text: `The file has ${summary.length} problem${summary.length === 1 ? '' : 's'}: nothing was imported` } } });
      }
    });
  });
}
