// The replay's figures as tables (shown, and downloaded as CSV and XLSX in the same shape) and
// as bar charts beside them: the scenarios compared, then each scenario by council. Pure.
import type { ChartSpec } from '../core/http/chart.ts';
import type { Cell, Table, TableColumn } from '../core/http/tables.ts';
import type { PoolingFigures } from './pooling-figures.ts';
import type { PoolingResult } from './pooling-service.ts';

const FIGURE_COLUMNS: readonly TableColumn[] = [
  { key: 'ready', label: 'Children ready for a match', numeric: true },
  { key: 'matched', label: 'Children matched', numeric: true },
  { key: 'meanDays', label: 'Mean days, SHOBPA to match', numeric: true },
  { key: 'medianDays', label: 'Median days, SHOBPA to match', numeric: true },
  { key: 'neverMatched', label: 'Never matched', numeric: true },
  { key: 'planChanged', label: 'Of whom, plan changed', numeric: true },
  { key: 'interAgency', label: 'Matched inter-agency', numeric: true },
  { key: 'fees', label: 'Inter-agency fees (£)', numeric: true },
];

function figureCells(f: PoolingFigures): Record<string, Cell> {
  return {
    ready: f.ready, matched: f.matched, meanDays: f.meanDays, medianDays: f.medianDays, neverMatched: f.neverMatched,
    planChanged: f.planChanged, interAgency: f.interAgency, fees: Math.round(f.feesPence / 100),
  };
}

export function poolingTables(r: PoolingResult): Table[] {
  const compared: Table = {
    caption: `The scenarios compared: ${r.partnership.name}, ${r.from} to ${r.to}`,
    columns: [{ key: 'scenario', label: 'Scenario' }, ...FIGURE_COLUMNS],
    rows: r.scenarios.map((s) => ({ scenario: s.title, ...figureCells(s.total) })),
  };
  const byScenario = r.scenarios.map((s): Table => ({
    caption: `${s.title}: by council`,
    columns: [{ key: 'council', label: 'Council' }, ...FIGURE_COLUMNS],
    rows: [...s.byCouncil.map((c) => ({ council: c.name, ...figureCells(c.figures) })), { council: `${r.partnership.name} (all councils)`, ...figureCells(s.total) }],
  }));
  return [compared, ...byScenario];
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Two bar charts of the scenarios compared: children matched and never matched; mean and median days. */
export function poolingCharts(r: PoolingResult): ChartSpec[] {
  const categories = r.scenarios.map((s) => s.title);
  const children = r.scenarios.map((s) => `${s.title}: ${plural(s.total.matched, 'child', 'children')} matched, ${s.total.neverMatched.toLocaleString('en-GB')} never matched`).join('. ');
  const days = r.scenarios.map((s) => `${s.title}: ${s.total.meanDays === null ? 'no matches' : `mean ${plural(s.total.meanDays, 'day', 'days')}, median ${plural(s.total.medianDays!, 'day', 'days')}`}`).join('. ');
  return [
    {
      kind: 'bar', title: 'Children matched and never matched, by scenario', unit: 'children', categories,
      summary: `Of ${plural(r.scenarios[0]?.total.ready ?? 0, 'child', 'children')} ready for a match. ${children}.`,
      series: [{ name: 'Matched', values: r.scenarios.map((s) => s.total.matched) }, { name: 'Never matched', values: r.scenarios.map((s) => s.total.neverMatched) }],
    },
    {
      kind: 'bar', title: 'Days from SHOBPA to match, by scenario', unit: 'days', categories, summary: `${days}.`,
      series: [{ name: 'Mean', values: r.scenarios.map((s) => s.total.meanDays) }, { name: 'Median', values: r.scenarios.map((s) => s.total.medianDays) }],
    },
  ];
}
