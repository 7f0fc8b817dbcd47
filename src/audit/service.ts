// Use cases for the audit log: search (itself audited, since it reveals who saw what) and
// verification of the hash chain.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { verifyAuditChain, type ChainReport } from '../core/audit-chain.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { auditSearchInput, PAGE_SIZE, type AuditRow, type AuditSearch, type ShownAuditRow } from './model.ts';
import { auditEventPolicy, auditPolicy } from './policy.ts';
import * as store from './store.ts';

/** Whether the person may search the audit log at all (for the navigation). */
export function maySearchAudit(ctx: RequestContext): boolean {
  return auditPolicy.can(ctx.actor, ctx.facts, 'search', { organisationId: ctx.actor.orgId });
}

export async function search(db: Db, ctx: RequestContext, raw: unknown): Promise<{ query: AuditSearch; rows: ShownAuditRow[]; nextBefore: number | null }> {
  if (!maySearchAudit(ctx)) throw new ForbiddenError('Only administrators can search the audit log');
  const query = parseInput(auditSearchInput, raw);
  const rows = await store.searchAudit(db, ctx.actor.orgId, query, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: 'audit-log', ownerId: ctx.actor.orgId, detail: { query } });
  return { query, rows: page.flatMap((r) => shown(ctx, r)), nextBefore: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null };
}

/** The part of an event the person may read: all of it, the part about their records, or none. */
function shown(ctx: RequestContext, row: AuditRow): ShownAuditRow[] {
  const { actorOrgId, ownerId, recordOwnerIds, records, ...event } = row;
  const facts = { actorOrgId, ownerId, recordOwnerIds };
  const rest = { ...event, records: records.filter((x) => x.type !== row.recordType || x.id !== row.recordId) };
  if (auditEventPolicy.can(ctx.actor, ctx.facts, 'view', facts)) return [rest];
  if (auditEventPolicy.can(ctx.actor, ctx.facts, 'view-touched', facts)) return [{ ...rest, recordId: null, detail: null }];
  return [];
}

export function verify(db: Db): Promise<ChainReport> {
  return verifyAuditChain(db);
}
