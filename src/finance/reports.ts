// The finance area's reports (needs analysis, budgets, costs avoided, …), listed in the report
// registry with insight's, so each has a page, `GET /api/v1/reports/<name>` and `mercia report <name>`.
import type { Report } from '../insight/report.ts';

export const FINANCE_REPORTS: readonly Report[] = [];
