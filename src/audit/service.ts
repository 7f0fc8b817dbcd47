// Use cases for the audit log: search (itself audited, since it reveals who saw what) and
// verification of the hash chain.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit, verifyAuditChain, type ChainReport } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { auditSearchInput, PAGE_SIZE, type AuditRow, type AuditSearch } from './model.ts';
import { auditPolicy } from './policy.ts';
import * as store from './store.ts';

export async function search(db: Db, ctx: RequestContext, raw: unknown): Promise<{ query: AuditSearch; rows: AuditRow[]; nextBefore: number | null }> {
  if (!auditPolicy.can(ctx.actor, ctx.facts, 'search', { organisationId: ctx.actor.orgId })) throw new ForbiddenError('Only administrators can search the audit log');
  const query = parseInput(auditSearchInput, raw);
  const rows = await store.searchAudit(db, ctx.actor.orgId, query, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: 'audit-log', ownerId: ctx.actor.orgId, detail: { query } });
  return { query, rows: page, nextBefore: rows.length > PAGE_SIZE ? page[page.length - 1]!.seq : null };
}

export function verify(db: Db): Promise<ChainReport> {
  return verifyAuditChain(db);
}
