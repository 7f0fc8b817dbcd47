// Finance and needs analysis: budgets, costs avoided, population and looked-after rates.
import type { RequestContext } from '../core/access.ts';

/** Whether the navigation offers Finance. */
export function mayUseFinance(ctx: RequestContext): boolean {
  void ctx;
  return false;
}
