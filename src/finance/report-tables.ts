// The finance figures as tables (core/http/tables.ts): one shape for the pages, their CSV and XLSX
// downloads, the reports' API and `mercia report`. Money is in pounds (a number, so a workbook
// can add it up); rates per 10,000 to 2 decimals; a figure not held is empty, never 0.
import type { Table } from '../core/http/tables.ts';
import { BAND_NAMES, BANDS, yearName } from './model.ts';
import { BASIS_NAMES, type NeedsRow } from './needs.ts';
import type { appraisal, budgets, contributions, costs, fees } from './service-money.ts';

const toPounds = (pence: number | null) => (pence === null ? null : pence / 100);

/** One council's (or the councils' together) rates by band and year, with the totals they rest on. */
export function ratesTable(caption: string, rows: readonly NeedsRow[]): Table {
  return {
    caption,
    columns: [
      { key: 'year', label: 'Year' }, { key: 'basis', label: 'Figure' },
      ...BANDS.map((b) => ({ key: `rate ${b}`, label: `${BAND_NAMES[b]} per 10,000`, numeric: true })),
      { key: 'rate total', label: 'All ages per 10,000', numeric: true },
      { key: 'children', label: 'Children looked after', numeric: true }, { key: 'population', label: 'Population 0 to 19', numeric: true },
    ],
    rows: rows.map((r) => ({
      year: yearName(r.year), basis: BASIS_NAMES[r.basis],
      ...Object.fromEntries(BANDS.map((b) => [`rate ${b}`, r.rates[b]])), 'rate total': r.rates.total,
      children: BANDS.reduce((s, b) => s + r.children[b], 0), population: r.population ? BANDS.reduce((s, b) => s + r.population![b], 0) : null,
    })),
  };
}

/** Every figure behind the rates, one row per council, year, figure and band: the long form for downloads. */
export function needsLongTable(perCouncil: readonly { name: string; code: string; rows: readonly NeedsRow[] }[]): Table {
  return {
    caption: 'Looked-after children and population by council, age band and year',
    columns: [
      { key: 'council', label: 'Council' }, { key: 'code', label: 'Code' }, { key: 'year', label: 'Year' }, { key: 'basis', label: 'Figure' }, { key: 'band', label: 'Age band' },
      { key: 'children', label: 'Children looked after', numeric: true }, { key: 'population', label: 'Population', numeric: true }, { key: 'rate', label: 'Per 10,000', numeric: true },
    ],
    rows: perCouncil.flatMap((c) => c.rows.flatMap((r) => BANDS.map((b) => ({
      council: c.name, code: c.code, year: yearName(r.year), basis: BASIS_NAMES[r.basis], band: b, children: r.children[b], population: r.population?.[b] ?? null, rate: r.rates[b],
    })))),
  };
}

type Budgets = Awaited<ReturnType<typeof budgets>>;

export function budgetTable(services: Budgets): Table {
  return {
    caption: 'Budgets and staffing by adoption service and year',
    columns: [
      { key: 'service', label: 'Service' }, { key: 'year', label: 'Year' },
      { key: 'establishment', label: 'Establishment staff costs (£)', numeric: true }, { key: 'operational', label: 'Direct operational costs (£)', numeric: true },
      { key: 'direct', label: 'Direct costs (£)', numeric: true }, { key: 'fte', label: 'Staff (FTE)', numeric: true },
    ],
    rows: services.flatMap((s) => s.years.map((y) => ({
      service: s.service.name, year: yearName(y.year), establishment: toPounds(y.establishmentPence), operational: toPounds(y.operationalPence),
      direct: y.establishmentPence === null && y.operationalPence === null ? null : ((y.establishmentPence ?? 0) + (y.operationalPence ?? 0)) / 100, fte: y.fte,
    }))),
  };
}

/** The services' totals by year: the business case's "Total" column (£2,348,000 and 62.13 FTE in 2013/14). */
export function budgetTotalsTable(services: Budgets): Table {
  const years = [...new Set(services.flatMap((s) => s.years.map((y) => y.year)))].sort();
  const sum = (year: number, pick: (y: Budgets[number]['years'][number]) => number | null) => {
    const values = services.map((s) => s.years.find((y) => y.year === year)).filter((y) => y !== undefined).map(pick).filter((v) => v !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) : null;
  };
  return {
    caption: 'Totals over the services by year',
    columns: [{ key: 'year', label: 'Year' }, { key: 'establishment', label: 'Establishment staff costs (£)', numeric: true }, { key: 'operational', label: 'Direct operational costs (£)', numeric: true }, { key: 'direct', label: 'Direct costs (£)', numeric: true }, { key: 'fte', label: 'Staff (FTE)', numeric: true }],
    rows: years.map((year) => {
      const e = sum(year, (y) => y.establishmentPence);
      const o = sum(year, (y) => y.operationalPence);
      const fte = sum(year, (y) => y.fte);
      return { year: yearName(year), establishment: toPounds(e), operational: toPounds(o), direct: e === null && o === null ? null : ((e ?? 0) + (o ?? 0)) / 100, fte: fte === null ? null : Math.round(fte * 100) / 100 };
    }),
  };
}

export function contributionsTable(rows: Awaited<ReturnType<typeof contributions>>): Table {
  return {
    caption: 'Contributions to the pooled budget',
    columns: [{ key: 'council', label: 'Council' }, { key: 'year', label: 'Year' }, { key: 'source', label: 'From' }, { key: 'amount', label: 'Amount (£)', numeric: true }],
    rows: rows.map((c) => ({ council: c.councilName, year: yearName(c.year), source: c.source, amount: c.amountPence / 100 })),
  };
}

export function feesTable(rows: Awaited<ReturnType<typeof fees>>): Table {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const total = (year: number, d: string) => rows.filter((r) => r.year === year && r.direction === d).reduce((s, r) => s + r.amountPence, 0) / 100;
  return {
    caption: 'Inter-agency fees from matches, by year',
    columns: [{ key: 'year', label: 'Year' }, { key: 'matches', label: 'Matches with a fee', numeric: true }, { key: 'income', label: 'Income (£)', numeric: true }, { key: 'spending', label: 'Spending (£)', numeric: true }, { key: 'net', label: 'Net (£)', numeric: true }],
    rows: years.map((year) => ({ year: yearName(year), matches: rows.filter((r) => r.year === year && r.direction !== 'within').length, income: total(year, 'income'), spending: total(year, 'spending'), net: total(year, 'income') - total(year, 'spending') })),
  };
}

type Costs = Awaited<ReturnType<typeof costs>>;

export function fosterCostTable(c: Costs): Table {
  return {
    caption: 'Monthly cost of a foster placement by council',
    columns: [{ key: 'council', label: 'Council' }, { key: 'monthly', label: 'Monthly cost (£)', numeric: true }, { key: 'source', label: 'Source' }],
    rows: c.fosterCosts.map((f) => ({ council: f.council.name, monthly: f.monthlyPence / 100, source: f.isDefault ? 'Business case average (default)' : 'Set by the council' })),
  };
}

export function costsAvoidedTable(c: Costs): Table {
  return {
    caption: `Foster care avoided by placing ${c.whatIf.children} more ${c.whatIf.children === 1 ? 'child' : 'children'} per service`,
    columns: [
      { key: 'service', label: 'Service' }, { key: 'monthly', label: 'Monthly cost (£)', numeric: true }, { key: 'months', label: 'Months', numeric: true },
      { key: 'perChild', label: 'A year per child (£)', numeric: true }, { key: 'children', label: 'Children', numeric: true }, { key: 'total', label: 'Avoided a year (£)', numeric: true },
    ],
    rows: [
      ...c.result.rows.map((r) => ({ service: r.name, monthly: r.monthlyPence / 100, months: c.whatIf.months, perChild: r.perChildPence / 100, children: r.children, total: r.totalPence / 100 })),
      { service: 'Total', monthly: null, months: null, perChild: null, children: c.result.rows.reduce((s, r) => s + r.children, 0), total: c.result.totalPence / 100 },
    ],
  };
}

export function appraisalTable(a: Awaited<ReturnType<typeof appraisal>>): Table {
  return {
    caption: `Options appraisal on ${yearName(a.year)} figures`,
    columns: [
      { key: 'option', label: 'Option' }, { key: 'cost', label: 'Cost a year (£)', numeric: true }, { key: 'saving', label: 'Foster care avoided (£)', numeric: true },
      { key: 'income', label: 'Inter-agency income (£)', numeric: true }, { key: 'net', label: 'Net cost (£)', numeric: true }, { key: 'basis', label: 'Cost basis' },
    ],
    rows: a.rows.map((r) => ({ option: `Option ${r.option.number}`, cost: toPounds(r.costPence), saving: r.savingPence / 100, income: r.incomePence / 100, net: toPounds(r.netPence), basis: r.option.costBasis })),
  };
}
