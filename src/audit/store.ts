// SQL for searching the audit log, newest first, a page at a time (keyset on seq).
import type { Db } from '../core/db.ts';
import { addDays } from '../core/dates.ts';
import type { AuditRow, AuditSearch } from './model.ts';

export function searchAudit(db: Db, organisationId: string, q: AuditSearch, limit: number): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_event')
    .select(['seq', 'at', 'actor_label as actorLabel', 'action', 'record_type as recordType', 'record_id as recordId', 'detail'])
    .where((eb) => eb.or([eb('actor_org_id', '=', organisationId), eb('owner_id', '=', organisationId)]));
  if (q.actor) query = query.where('actor_label', '=', q.actor);
  if (q.recordType) query = query.where('record_type', '=', q.recordType);
  if (q.recordId) query = query.where('record_id', '=', q.recordId);
  // Dates are days in England; the stored instant is compared against midnight UTC, which is
  // at most an hour off in summer — close enough for a search, and index-friendly.
  if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('at', '<', new Date(`${addDays(q.to, 1)}T00:00:00Z`));
  if (q.before) query = query.where('seq', '<', q.before);
  return query.orderBy('seq', 'desc').limit(limit).execute();
}
