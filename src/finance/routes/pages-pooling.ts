// What pooling is worth: the replay's page (/finance/pooling). A GET form (partnership, years,
// seed, inter-agency threshold) so a replay has an address that can be shared and downloaded;
// bad values re-show the form naming the field (422) and no figures. Tables download as CSV and
// XLSX exactly as shown (`?format=csv|xlsx`); the charts sit beside the tables they draw.
import type { FastifyInstance } from 'fastify';
import { chartSvg } from '../../core/http/chart.ts';
import { ValidationError } from '../../core/errors.ts';
import { formErrors, type Body } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import { sendTables, tableFormat, type Table } from '../../core/http/tables.ts';
import type { AppServices } from '../../core/http/types.ts';
import { LIMITS, POOLING_DEFAULTS, poolingReplay, replayablePartnerships, type PoolingResult } from '../pooling-service.ts';
import { poolingCharts, poolingTables } from '../pooling-tables.ts';

/** Numbers as the page shows them (with thousands separators); the downloads keep them as numbers. */
function shown(table: Table) {
  return { ...table, rows: table.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString('en-GB') : v]))) };
}

const one = (v: Body[string]) => (Array.isArray(v) ? v[0] : v);

export function poolingPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/finance/pooling', async (request, reply) => {
    const ctx = request.ctx!;
    const query = request.query as Body;
    const values = { partnership: one(query.partnership) ?? '', years: one(query.years) ?? '', seed: one(query.seed) ?? '', threshold: one(query.threshold) ?? '' };
    const partnerships = await replayablePartnerships(db, ctx);
    let result: PoolingResult | undefined;
    let error: ValidationError | undefined;
    try {
      result = await poolingReplay(db, ctx, values);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      error = e;
      reply.code(422);
    }
    const tables = result ? poolingTables(result) : [];
    const format = tableFormat(one(query.format));
    if (result && format) return sendTables(reply, tables, format, `pooling-${result.from}-to-${result.to}`);
    const download = (f: string) => `/finance/pooling?${new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')), format: f }).toString()}`;
    return render(request, reply, 'finance/views/pooling.njk', {
      title: 'What pooling is worth', result, values, defaults: POOLING_DEFAULTS, limits: LIMITS,
      partnershipItems: partnerships.map((p) => ({ value: p.id, text: p.name, selected: p.id === (result?.partnership.id ?? values.partnership) })),
      compared: tables[0] ? shown(tables[0]) : null, byScenario: tables.slice(1).map(shown),
      charts: result ? poolingCharts(result).map(chartSvg) : [],
      csv: download('csv'), xlsx: download('xlsx'),
      errors: error ? formErrors(error.errors) : undefined,
    });
  });
}
