// The pooling replay as a report (`GET /api/v1/reports/pooling`, `mercia report pooling`): the
// report's period is the replay's window, with the default seed and inter-agency threshold; the
// scope's partnership, else the first the person may replay. The figures are partnership-wide
// whatever councils the scope names, since pooling is about all of them together.
import type { Report } from '../insight/report.ts';
import { POOLING_DEFAULTS, replayOver } from './pooling-service.ts';
import { poolingTables } from './pooling-tables.ts';

export const poolingReport: Report = {
  name: 'pooling',
  title: 'What pooling is worth',
  description: 'A replay of the partnership\'s children and households over the period: each council alone, pooled as the operating model was, and pooled plus inter-agency',
  async run(db, ctx, scope) {
    const result = await replayOver(db, ctx, {
      partnershipId: scope.partnershipId, from: scope.period.from, to: scope.period.to, seed: POOLING_DEFAULTS.seed, threshold: POOLING_DEFAULTS.threshold,
    });
    return { tables: poolingTables(result), notes: result.assumptions };
  },
};
