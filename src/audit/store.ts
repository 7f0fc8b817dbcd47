// SQL for searching the audit log, newest first, a page at a time (keyset on id, the order events were written). An event
// concerns an organisation when its staff did it, when it owns the event's record, or when
// the event touched one of its records (a link in audit_event_link: a list, search, export
// or work queue that showed it).
import { sql } from 'kysely';
import { auditLinks } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { addDays } from '../core/dates.ts';
import type { AuditRow, AuditSearch } from './model.ts';

export function searchAudit(db: Db, organisationId: string, q: AuditSearch, limit: number): Promise<AuditRow[]> {
  const ldb = auditLinks(db);
  let query = ldb.selectFrom('audit_event as e')
    .select([
      'e.id', 'e.at', 'e.actor_label as actorLabel', 'e.action', 'e.record_type as recordType', 'e.record_id as recordId', 'e.detail',
      'e.actor_org_id as actorOrgId', 'e.owner_id as ownerId',
      sql<string[]>`array(select distinct l.owner_org_id::text from audit_event_link l where l.event_id = e.id and l.owner_org_id is not null)`.as('recordOwnerIds'),
      sql<{ type: string; id: string }[]>`coalesce((select json_agg(json_build_object('type', l.record_type, 'id', l.record_id) order by l.record_type, l.record_id)
        from audit_event_link l where l.event_id = e.id and l.owner_org_id = ${organisationId}::uuid), '[]'::json)`.as('records'),
    ])
    .where((eb) => eb.or([
      eb('e.actor_org_id', '=', organisationId),
      eb('e.owner_id', '=', organisationId),
      eb.exists(eb.selectFrom('audit_event_link as l').select('l.event_id').whereRef('l.event_id', '=', 'e.id').where('l.owner_org_id', '=', organisationId)),
    ]));
  if (q.actor) query = query.where('e.actor_label', '=', q.actor);
  // A record is found as the event's own record, or as one the event listed. Events from
  // before the links existed are found by their own record only.
  // A link counts for the search only where the searcher may know of it: the event is wholly
  // theirs (their staff did it, or it is about their record), or the linked record is theirs.
  // Otherwise searching by another organisation's record id would confirm it was listed.
  const linkVisible = sql<boolean>`(l.owner_org_id = ${organisationId}::uuid or e.actor_org_id = ${organisationId}::uuid or e.owner_id = ${organisationId}::uuid)`;
  if (q.recordId) {
    const recordType = q.recordType;
    query = query.where((eb) => eb.or([
      recordType ? eb.and([eb('e.record_type', '=', recordType), eb('e.record_id', '=', q.recordId!)]) : eb('e.record_id', '=', q.recordId!),
      eb.exists(eb.selectFrom('audit_event_link as l').select('l.event_id').whereRef('l.event_id', '=', 'e.id').where('l.record_id', '=', q.recordId!)
        .$if(!!recordType, (w) => w.where('l.record_type', '=', recordType!)).where(linkVisible)),
    ]));
  } else if (q.recordType) {
    const recordType = q.recordType;
    query = query.where((eb) => eb.or([
      eb('e.record_type', '=', recordType),
      eb.exists(eb.selectFrom('audit_event_link as l').select('l.event_id').whereRef('l.event_id', '=', 'e.id').where('l.record_type', '=', recordType).where(linkVisible)),
    ]));
  }
  // Dates are days in England; the stored instant is compared against midnight UTC, which is
  // at most an hour off in summer — close enough for a search, and index-friendly.
  if (q.from) query = query.where('e.at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('e.at', '<', new Date(`${addDays(q.to, 1)}T00:00:00Z`));
  if (q.before) query = query.where('e.id', '<', q.before);
  return query.orderBy('e.id', 'desc').limit(limit).execute();
}
