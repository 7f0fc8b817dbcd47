// Insight's JSON API (in the OpenAPI document): the list of reports, the scorecard in its own
// shape (A1, A2, A3, A10 with value, threshold and cohort), and any report's tables. The scope is
// asked for as on the pages (la: slug, ONS code or LA number; or partnership; and a period); a
// council the person may not see is 403, a bad field 422 naming it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.ts';
import { paramsFrom } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { scorecard } from '../scorecard.ts';
import { REPORTS, reportNamed } from '../reports.ts';
import { assertMayUse, resolveScope, type ResolvedScope } from '../service.ts';
import { defaultPeriodFor } from './pages.ts';

const scopeQuery = z.object({
  la: z.string().optional().describe('A council: its slug, ONS code or DfE LA number (default: your partnership, or your council)'),
  partnership: z.string().optional().describe('A partnership, by slug or id'),
  windowEnd: z.string().optional().describe('The 31 March ending a 3-year scorecard window (YYYY-03-31)'),
  year: z.string().optional().describe('A financial year, 2025-26'),
  quarter: z.string().optional().describe('A quarter, Q2 2025-26'),
  from: z.string().optional().describe('The first day, YYYY-MM-DD (with to)'),
  to: z.string().optional().describe('The last day, YYYY-MM-DD (with from)'),
});
const council = z.object({ id: z.string(), slug: z.string(), code: z.string().nullable(), name: z.string() }).nullable();
const partnership = z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable();
const period = z.object({ from: z.string(), to: z.string(), label: z.string() });
const measure = z.object({
  measure: z.enum(['A1', 'A2', 'A3', 'A10']), title: z.string(), unit: z.string(), value: z.number().nullable(), threshold: z.number().nullable(),
  status: z.enum(['within', 'above']).nullable(), cohortSize: z.number(), cohort: z.string(),
});
const cell = z.union([z.string(), z.number(), z.null()]);

const scopeJson = (r: ResolvedScope) => ({
  council: r.council ? { id: r.council.id, slug: r.council.slug, code: r.council.code, name: r.council.name } : null,
  partnership: r.partnership ? { id: r.partnership.id, slug: r.partnership.slug, name: r.partnership.name } : null,
});
const measureJson = (m: Awaited<ReturnType<typeof scorecard>>['overall']['measures'][number]) => ({
  measure: m.measure, title: m.title, unit: m.unit, value: m.value, threshold: m.threshold, status: m.status, cohortSize: m.cohortSize, cohort: m.cohort,
});

export function insightApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/v1/reports', {
    schema: {
      tags: ['insight'], summary: 'The reports: each also at GET /api/v1/reports/{name}, on its page and as `mercia report <name>`',
      response: { 200: z.object({ reports: z.array(z.object({ name: z.string(), title: z.string(), description: z.string() })) }) },
    },
  }, async (request) => {
    assertMayUse(request.ctx!);
    return { reports: REPORTS.map((r) => ({ name: r.name, title: r.title, description: r.description })) };
  });

  app.get('/api/v1/reports/scorecard', {
    schema: {
      tags: ['insight'], querystring: scopeQuery,
      summary: 'The Adoption Scorecard (A1, A2, A3, A10) for a council or the partnership over a 3-year window (or any period), against the thresholds, with each measure\'s cohort; and per council',
      response: { 200: z.object({
        council, partnership, window: period, measures: z.array(measure),
        councils: z.array(z.object({ id: z.string().nullable(), name: z.string(), adopted: z.number(), measures: z.array(measure) })),
      }) },
    },
  }, async (request) => {
    const ctx = request.ctx!;
    const resolved = await resolveScope(db, ctx, request.query);
    const card = await scorecard(db, ctx, resolved.scope);
    return {
      ...scopeJson(resolved), window: card.period, measures: card.overall.measures.map(measureJson),
      councils: card.lines.map((l) => ({ id: l.councilId, name: l.name, adopted: l.adopted, measures: l.measures.map(measureJson) })),
    };
  });

  app.get('/api/v1/reports/:name', {
    schema: {
      tags: ['insight'], params: z.object({ name: z.string() }), querystring: scopeQuery,
      summary: 'Any report\'s tables for a council or the partnership and a period (default: the last whole financial year)',
      response: { 200: z.object({
        name: z.string(), title: z.string(), council, partnership, period, notes: z.array(z.string()),
        tables: z.array(z.object({ caption: z.string(), columns: z.array(z.object({ key: z.string(), label: z.string() })), rows: z.array(z.record(z.string(), cell)) })),
      }) },
    },
  }, async (request) => {
    const ctx = request.ctx!;
    const report = reportNamed(paramsFrom(z.object({ name: z.string().max(60) }), request.params).name);
    if (!report) throw new NotFoundError('Report');
    const resolved = await resolveScope(db, ctx, request.query, defaultPeriodFor(report));
    const result = await report.run(db, ctx, resolved.scope);
    return {
      name: report.name, title: report.title, ...scopeJson(resolved), period: resolved.scope.period, notes: result.notes ?? [],
      tables: result.tables.map((t) => ({ caption: t.caption, columns: t.columns.map((c) => ({ key: c.key, label: c.label })), rows: t.rows.map((r) => ({ ...r })) })),
    };
  });
}
