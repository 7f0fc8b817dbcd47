// Finance's pages: the overview, the needs analysis (a chart of rates by band over the years, with
// projections, and its table beside it), budgets, costs avoided and the options appraisal. Every
// table downloads as CSV or XLSX from the same address with ?format=csv|xlsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chartSvg } from '../../core/http/chart.ts';
import { formErrors } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import { sendTables, tableFormat, type Table } from '../../core/http/tables.ts';
import type { AppServices } from '../../core/http/types.ts';
import type { FieldError } from '../../core/errors.ts';
import { whatIfQuery, type WhatIf } from '../input.ts';
import { BAND_NAMES, BANDS, PROJECTION_METHODS, pounds, yearName } from '../model.ts';
import { BASIS_NAMES, type NeedsRow } from '../needs.ts';
import { appraisalTable, budgetTable, budgetTotalsTable, contributionsTable, costsAvoidedTable, feesTable, fosterCostTable, needsLongTable, ratesTable } from '../report-tables.ts';
import * as money from '../service-money.ts';
import * as finance from '../service.ts';
import { downloadLinks, shown } from './show.ts';

const methodText = (p: { method: keyof typeof PROJECTION_METHODS; percent?: number | null }) =>
  `${PROJECTION_METHODS[p.method]}${p.method === 'percent' && p.percent !== null && p.percent !== undefined ? ` (${p.percent > 0 ? '+' : ''}${p.percent}% a year)` : ''}`;

const councilQuery = z.object({ council: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()) });

/** The page, or its tables as a download when ?format= asks. */
async function pageOr(request: FastifyRequest, reply: FastifyReply, name: string, tables: Table[], template: string, data: Record<string, unknown>) {
  const format = tableFormat((request.query as Record<string, unknown>).format);
  if (format) return sendTables(reply, tables, format, name);
  return render(request, reply, `finance/views/${template}`, { ...data, tables: tables.map(shown), links: downloadLinks(request.url) });
}

/** The what-if figures from the address; a bad one is named on the page and its default used. */
function whatIfFrom(query: unknown): { whatIf: WhatIf; errors?: ReturnType<typeof formErrors> } {
  const parsed = whatIfQuery.safeParse(query);
  if (parsed.success) return { whatIf: parsed.data };
  const errors: FieldError[] = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'children'), message: i.message }));
  const bad = new Set(errors.map((e) => e.field));
  const kept = Object.fromEntries(Object.entries(query as Record<string, unknown>).filter(([k]) => !bad.has(k)));
  return { whatIf: whatIfQuery.parse(kept), errors: formErrors(errors) };
}

/** The chart of one council's rates: a line per band and for all ages. */
function needsChart(name: string, rows: readonly NeedsRow[]) {
  // A year's point is its actual figure, else the council's projection, else the method's (rows come in that order); years without a population have no rate and are left out.
  const byYear = new Map<number, NeedsRow>();
  for (const r of rows) if (!byYear.has(r.year)) byYear.set(r.year, r);
  const years = [...byYear.keys()].filter((y) => byYear.get(y)!.rates.total !== null).sort((a, b) => a - b);
  if (years.length === 0) return null;
  const projected = years.filter((y) => byYear.get(y)!.basis === 'projected' || byYear.get(y)!.basis === 'council-projection');
  const series = [...BANDS.map((b) => ({ name: BAND_NAMES[b], values: years.map((y) => byYear.get(y)!.rates[b]) })), { name: 'All ages', values: years.map((y) => byYear.get(y)!.rates.total) }];
  const summary = `Looked-after children per 10,000 children in ${name}, by age band, ${yearName(years[0]!)} to ${yearName(years.at(-1)!)}.${projected.length ? ` From ${yearName(projected[0]!)} the figures are projections (${BASIS_NAMES[byYear.get(projected[0]!)!.basis].toLowerCase()}).` : ''} The table below gives every figure.`;
  return chartSvg({ kind: 'line', title: `${name}: looked-after children per 10,000`, summary, categories: years.map(yearName), series, unit: 'per 10,000' });
}

export function financePageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/finance', async (request, reply) => {
    const ctx = request.ctx!;
    const [needs, budgets, costs] = await Promise.all([finance.needsAnalysis(db, ctx), money.budgets(db, ctx), money.costs(db, ctx, { children: 1, months: 12 })]);
    const totals = budgetTotalsTable(budgets);
    const latest = needs.councils.map((c) => {
      const actual = c.rows.filter((r) => (r.basis === 'recorded' || r.basis === 'imported') && r.rates.total !== null).at(-1);
      const rateText = actual && actual.rates.total !== null ? `${actual.rates.total.toFixed(2)} in ${yearName(actual.year)}` : 'No actual year with a population held';
      return { name: c.council.name, rateText, method: PROJECTION_METHODS[c.projection.method] };
    });
    return render(request, reply, 'finance/views/overview.njk', {
      title: 'Finance and needs analysis', latest, totals: shown(totals), costsAvoided: pounds(costs.result.totalPence), services: costs.services.length, can: finance.generalPermissions(ctx),
    });
  });

  app.get('/finance/needs', async (request, reply) => {
    const ctx = request.ctx!;
    const parsed = councilQuery.safeParse(request.query);
    const councilId = parsed.success ? parsed.data.council : undefined;
    const all = await finance.visibleCouncils(db, ctx);
    const needs = await finance.needsAnalysis(db, ctx, councilId ? [councilId] : undefined);
    const sections = needs.councils.map((c) => ({ id: c.council.id, name: c.council.name, methodText: methodText(c.projection), chart: needsChart(c.council.name, c.rows), table: ratesTable(`${c.council.name}: looked-after children per 10,000`, c.rows) }));
    const combined = needs.combined ? { chart: needsChart('the councils together', needs.combined), table: ratesTable('The councils together: looked-after children per 10,000', needs.combined) } : null;
    const tables = [...(combined ? [combined.table] : []), ...sections.map((s) => s.table), needsLongTable(needs.councils.map((c) => ({ name: c.council.name, code: c.council.code, rows: c.rows })))];
    return pageOr(request, reply, 'needs-analysis', tables, 'needs.njk', {
      title: 'Needs analysis', councilId, councilItems: [{ value: '', text: 'All councils you may see' }, ...all.map((c) => ({ value: c.id, text: c.name }))],
      sections: sections.map((s) => ({ ...s, table: shown(s.table) })), combined: combined && { ...combined, table: shown(combined.table) }, can: finance.generalPermissions(ctx),
    });
  });

  app.get('/finance/budgets', async (request, reply) => {
    const ctx = request.ctx!;
    const [budgets, contributions, fees] = await Promise.all([money.budgets(db, ctx), money.contributions(db, ctx), money.fees(db, ctx)]);
    const tables = [budgetTable(budgets), budgetTotalsTable(budgets), contributionsTable(contributions), feesTable(fees)];
    return pageOr(request, reply, 'budgets', tables, 'budgets.njk', { title: 'Budgets and staffing', services: budgets.map((b) => b.service), can: finance.generalPermissions(ctx) });
  });

  app.get('/finance/costs-avoided', async (request, reply) => {
    const ctx = request.ctx!;
    const { whatIf, errors } = whatIfFrom(request.query);
    const c = await money.costs(db, ctx, whatIf);
    const tables = [costsAvoidedTable(c), fosterCostTable(c)];
    return pageOr(request, reply, 'costs-avoided', tables, 'costs.njk', {
      title: 'Foster care avoided', c, total: pounds(c.result.totalPence), values: request.query, errors, can: finance.generalPermissions(ctx),
      perChild: c.result.rows[0] ? pounds(c.result.rows[0].perChildPence) : null, monthly: c.result.rows[0] ? pounds(c.result.rows[0].monthlyPence) : null,
    });
  });

  app.get('/finance/options', async (request, reply) => {
    const ctx = request.ctx!;
    const { whatIf, errors } = whatIfFrom(request.query);
    const a = await money.appraisal(db, ctx, whatIf);
    return pageOr(request, reply, 'options-appraisal', [appraisalTable(a)], 'options.njk', {
      title: 'Options appraisal', a, yearItems: a.years.map((y) => ({ value: String(y), text: yearName(y) })), values: { ...(request.query as object), year: String(a.year) }, errors,
      yearText: yearName(a.year), direct: pounds(a.directCostsPence), avoided: pounds(a.costsAvoidedPence), fee: pounds(a.feePence),
    });
  });
}
