// The finance area's reports (needs analysis, budgets, costs avoided), listed in the report
// registry with insight's, so each has a page, `GET /api/v1/reports/<name>` and `mercia report <name>`.
// Each covers the councils of the scope that the person may see under finance's own policy
// (service.ts): the registry's scope is narrowed again here, never widened.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import type { Report, ReportScope } from '../insight/report.ts';
import { appraisalTable, budgetTable, budgetTotalsTable, contributionsTable, costsAvoidedTable, feesTable, fosterCostTable, needsLongTable, ratesTable } from './report-tables.ts';
import * as money from './service-money.ts';
import { needsAnalysis } from './service.ts';

const lacRates: Report = {
  name: 'lac-rates',
  title: 'Looked-after children per 10,000 by age band',
  description: 'Looked-after children on 31 March by age band, recorded and projected, over the population: rates per 10,000 by council and year.',
  async run(db: Db, ctx: RequestContext, scope: ReportScope) {
    const needs = await needsAnalysis(db, ctx, scope.councilIds);
    const tables = needs.councils.map((c) => ratesTable(`${c.council.name}: looked-after children per 10,000`, c.rows));
    if (needs.combined && scope.partnershipId) tables.unshift(ratesTable('The councils together: looked-after children per 10,000', needs.combined));
    tables.push(needsLongTable(needs.councils.map((c) => ({ name: c.council.name, code: c.council.code, rows: c.rows }))));
    return {
      tables,
      notes: [
        'Children are counted on 31 March at the end of each year, by their age that day, against that year\'s population (mid-year estimate or projection).',
        'A total rate is all the children over all the population, not the sum of the band rates.',
        'Rates cover every year held, whatever the period asked for: a projection needs the years before it.',
      ],
    };
  },
};

const budgetsReport: Report = {
  name: 'budgets',
  title: 'Budgets, staffing, contributions and inter-agency fees',
  description: 'Each adoption service\'s budget by function and its staff (FTE) by year, contributions to the pooled budget, and inter-agency fee income and spending from matches.',
  async run(db: Db, ctx: RequestContext, scope: ReportScope) {
    const services = await money.budgets(db, ctx, scope.councilIds);
    return {
      tables: [budgetTable(services), budgetTotalsTable(services), contributionsTable(await money.contributions(db, ctx, scope.councilIds)), feesTable(await money.fees(db, ctx, scope.councilIds))],
      notes: ['A service run jointly by two councils is shown only to those who may see both.'],
    };
  },
};

const costsReport: Report = {
  name: 'costs-avoided',
  title: 'Foster care avoided by placing children sooner',
  description: 'What placing one more child per adoption service saves a year in foster care, from each council\'s monthly foster-care cost (£2,000 by default).',
  async run(db: Db, ctx: RequestContext, scope: ReportScope) {
    const c = await money.costs(db, ctx, { children: 1, months: 12 }, scope.councilIds);
    return {
      tables: [costsAvoidedTable(c), fosterCostTable(c)],
      notes: ['One more child per service placed with adopters instead of staying in foster care, for a year of 12 months; a joint service\'s monthly cost is the mean of its councils\'.'],
    };
  },
};

const optionsReport: Report = {
  name: 'options-appraisal',
  title: 'Options appraisal of the operating models',
  description: 'The business case\'s four operating models compared on the same figures: today\'s direct costs, foster care avoided and inter-agency income.',
  async run(db: Db, ctx: RequestContext) {
    const a = await money.appraisal(db, ctx, { children: 1, months: 12, sold: 0, manager: 0, year: undefined });
    return { tables: [appraisalTable(a)], notes: ['Options 3 and 4 have no cost: the business case could not know it until Option 2 had run.'] };
  },
};

export const FINANCE_REPORTS: readonly Report[] = [lacRates, budgetsReport, costsReport, optionsReport];
