// Insight: the shared data set's measures, per council and for the partnership.
import type { RequestContext } from '../core/access.ts';

/** Whether the navigation offers Insight. */
export function mayUseInsight(ctx: RequestContext): boolean {
  void ctx;
  return false;
}
