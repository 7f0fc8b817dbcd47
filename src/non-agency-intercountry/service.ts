// Non-agency and inter-country adoption: use cases. (Placeholder until the area is built.)
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import type { WorkItem } from '../core/work.ts';

export function mayUseNonAgencyIntercountry(_ctx: RequestContext): boolean {
  return false;
}

export async function dueWork(_db: Db, _ctx: RequestContext): Promise<WorkItem[]> {
  return [];
}
