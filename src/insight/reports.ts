// The report registry: every report has a page (/insight/reports/<name>), an API endpoint
// (GET /api/v1/reports/<name>) and a command (`mercia report <name>`), found here by name.
import { FINANCE_REPORTS } from '../finance/reports.ts';
import type { Report } from './report.ts';
import { MORE_REPORTS } from './reports/index.ts';
import { scorecardReport } from './scorecard-report.ts';

export const REPORTS: readonly Report[] = [scorecardReport, ...MORE_REPORTS, ...FINANCE_REPORTS];

export function reportNamed(name: string): Report | undefined {
  return REPORTS.find((r) => r.name === name);
}
