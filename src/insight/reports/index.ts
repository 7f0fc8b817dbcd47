// The reports beyond the scorecard (the shared data set's other measures and the statutory-style
// lists), each in its own file here; the report registry (../reports.ts) lists these after its own.
import type { Report } from '../report.ts';

export const MORE_REPORTS: readonly Report[] = [];
