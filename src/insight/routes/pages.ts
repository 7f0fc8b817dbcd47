// Insight's pages: the dashboard (/insight), the index of reports, any report's page, and the
// drill-down from a figure to the records behind it. Every table downloads as CSV or XLSX
// (?format=csv|xlsx, the same address). A bad filter re-shows the page with the error summary.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chartSvg } from '../../core/http/chart.ts';
import { formatDate } from '../../core/dates.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { pageErrors, paramsFrom, type Body } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import { sendTables, tableFormat } from '../../core/http/tables.ts';
import type { AppServices } from '../../core/http/types.ts';
import { z } from 'zod';
import { dashboard, TREND_YEARS } from '../dashboard.ts';
import { MEASURE_CODES, MEASURES } from '../model.ts';
import { financialYear, latestWindowEnd, windowEndsTo } from '../periods.ts';
import type { Report } from '../report.ts';
import { REPORTS, reportNamed } from '../reports.ts';
import { assertMayUse, choicesFor, drill, resolveScope, type ResolvedScope } from '../service.ts';
import { query, scopeParams, viewTable } from './view-tables.ts';

const nameParams = z.object({ name: z.string().regex(/^[a-z0-9-]{1,60}$/) });

function reportFrom(params: unknown): Report {
  const report = reportNamed(paramsFrom(nameParams, params).name);
  if (!report) throw new NotFoundError('Report');
  return report;
}

/** The filter form's choices: the partnership(s) and councils the person sees, and window ends. */
function filterItems(choices: ResolvedScope['choices'], today: string, values: Body) {
  const la = typeof values.la === 'string' ? values.la : '';
  const partnership = typeof values.partnership === 'string' ? values.partnership : '';
  const scopeItems = [
    ...choices.partnerships.map((p) => ({ value: `partnership:${p.slug}`, text: `${p.name} (all its councils)`, selected: partnership === p.slug })),
    ...choices.councils.map((c) => ({ value: `la:${c.slug}`, text: c.name, selected: la !== '' && [c.slug, c.code, c.laNumber].includes(la) })),
  ];
  const windowEnd = typeof values.windowEnd === 'string' ? values.windowEnd : latestWindowEnd(today);
  const windowItems = windowEndsTo(latestWindowEnd(today), 12).reverse().map((end) => ({ value: end, text: `3 years to ${formatDate(end)}`, selected: end === windowEnd }));
  if (!windowItems.some((i) => i.selected) && windowEnd) windowItems.unshift({ value: windowEnd, text: windowEnd, selected: true });
  const measureItems = MEASURE_CODES.map((m) => ({ value: m, text: MEASURES[m].title, selected: values.measure === m }));
  return { scopeItems, windowItems, measureItems };
}

/** The form sends one `scope` field ("la:avon" or "partnership:west-mercia"): read it as la or partnership. */
function queryOf(request: FastifyRequest): Body {
  const q = { ...(request.query as Body) };
  const scope = typeof q.scope === 'string' ? q.scope : '';
  if (scope.startsWith('la:')) q.la = scope.slice(3);
  else if (scope.startsWith('partnership:')) q.partnership = scope.slice(12);
  delete q.scope;
  return q;
}

const ERROR_FIELDS: Record<string, string> = { la: 'scope', partnership: 'scope' };

export function insightPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function showError(request: FastifyRequest, reply: FastifyReply, template: string, error: ValidationError, values: Body, extra: Record<string, unknown>) {
    const ctx = request.ctx!;
    reply.code(422);
    return render(request, reply, template, {
      title: 'Insight', values, ...filterItems(await choicesFor(db, ctx), ctx.facts.today, values), ...extra,
      errors: pageErrors(error, [], (f) => ERROR_FIELDS[f] ?? f),
    });
  }

  app.get('/insight', async (request, reply) => {
    const ctx = request.ctx!;
    assertMayUse(ctx);
    const values = queryOf(request);
    let d;
    try {
      d = await dashboard(db, ctx, values);
    } catch (error) {
      if (error instanceof ValidationError) return showError(request, reply, 'insight/views/dashboard.njk', error, values, { failed: true });
      throw error;
    }
    const tables = [...d.tables.scorecard, d.tables.trend, ...(d.tables.comparators ? [d.tables.comparators] : [])];
    const format = tableFormat((request.query as Body).format);
    if (format) return sendTables(reply, tables, format, `insight-${d.card.overall.name.toLowerCase()}-${d.card.period.to}`);
    const params = scopeParams(d.resolved);
    const drillBase = `/insight/reports/scorecard/drill?${query(params)}`;
    const here = query({ ...params, measure: d.measure });
    return render(request, reply, 'insight/views/dashboard.njk', {
      title: 'Insight', d, values: { ...values, windowEnd: d.resolved.windowEnd, measure: d.measure },
      ...filterItems(d.resolved.choices, ctx.facts.today, { ...values, windowEnd: d.resolved.windowEnd, measure: d.measure, ...(d.resolved.council ? { la: d.resolved.council.slug } : d.resolved.partnership ? { partnership: d.resolved.partnership.slug } : {}) }),
      scorecardTables: d.tables.scorecard.map((t) => viewTable(t, drillBase)),
      trendTable: viewTable(d.tables.trend, null), comparatorsTable: d.tables.comparators ? viewTable(d.tables.comparators, null) : null,
      chart: chartSvg(d.chart), trendYears: TREND_YEARS,
      csvHref: `/insight?${query({ ...params, measure: d.measure, format: 'csv' })}`, xlsxHref: `/insight?${query({ ...params, measure: d.measure, format: 'xlsx' })}`,
      reportHref: `/insight/reports/scorecard?${here}`,
    });
  });

  app.get('/insight/reports', async (request, reply) => {
    assertMayUse(request.ctx!);
    return render(request, reply, 'insight/views/reports.njk', { title: 'Reports', reports: REPORTS, backLink: '/insight' });
  });

  app.get('/insight/reports/:name', async (request, reply) => {
    const ctx = request.ctx!;
    const report = reportFrom(request.params);
    assertMayUse(ctx);
    const values = queryOf(request);
    const template = 'insight/views/report.njk';
    let resolved: ResolvedScope;
    let result;
    try {
      resolved = await resolveScope(db, ctx, values, defaultPeriodFor(report));
      result = await report.run(db, ctx, resolved.scope);
    } catch (error) {
      if (error instanceof ValidationError) return showError(request, reply, template, error, values, { report, failed: true, backLink: '/insight/reports' });
      throw error;
    }
    const format = tableFormat((request.query as Body).format);
    if (format) return sendTables(reply, result.tables, format, `${report.name}-${resolved.scope.period.from}-${resolved.scope.period.to}`);
    const params = scopeParams(resolved);
    const drillBase = report.drill ? `/insight/reports/${report.name}/drill?${query(params)}` : null;
    return render(request, reply, template, {
      title: report.title, report, resolved, notes: result.notes ?? [], tables: result.tables.map((t) => viewTable(t, drillBase)),
      values: { ...values, from: resolved.scope.period.from, to: resolved.scope.period.to },
      ...filterItems(resolved.choices, ctx.facts.today, { ...values, ...(resolved.council ? { la: resolved.council.slug } : resolved.partnership ? { partnership: resolved.partnership.slug } : {}) }),
      csvHref: `/insight/reports/${report.name}?${query({ ...params, format: 'csv' })}`, xlsxHref: `/insight/reports/${report.name}?${query({ ...params, format: 'xlsx' })}`,
      backLink: '/insight/reports',
    });
  });

  app.get('/insight/reports/:name/drill', async (request, reply) => {
    const ctx = request.ctx!;
    const report = reportFrom(request.params);
    const values = queryOf(request);
    const resolved = await resolveScope(db, ctx, values, defaultPeriodFor(report));
    const key = typeof values.key === 'string' ? values.key : '';
    const page = await drill(db, ctx, report, resolved.scope, key);
    return render(request, reply, 'insight/views/drill.njk', {
      title: page.title, page, report, backLink: `/insight/reports/${report.name}?${query(scopeParams(resolved))}`,
    });
  });
}

/** The scorecard's period is its three-year window; another report's, the last whole financial year. */
export function defaultPeriodFor(report: Report) {
  return report.name === 'scorecard' ? undefined : (today: string) => financialYear(Number(latestWindowEnd(today).slice(0, 4)) - 1);
}
