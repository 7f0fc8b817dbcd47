// The audit log: who did what to which record, when, with before/after for changes.
// Append-only (a trigger refuses DELETE and TRUNCATE, and any UPDATE but sealing) and
// hash-chained: each row's hash covers the previous row's hash and its own content, and seq
// has no gaps, so a row that is altered or removed is found by verifyAuditChain(). This file
// writes events; core/audit-chain.ts seals them into the chain and verifies it.
// Each event also links every record it touched (its own record, and each record shown in a
// list, search, export or work queue) with that record's owner, in audit_event_link, so the
// owning organisation finds the event by record and by owner. The links are part of the
// event's hashed content, so they are as tamper-evident as the row.
import { sql } from 'kysely';
import type { Db } from './db.ts';
import { ownerOfRecord } from './records.ts';

export type AuditAction =
  | 'view' | 'create' | 'update' | 'delete' | 'import' | 'export' | 'search'
  | 'sign-in' | 'sign-out' | 'sign-in-failed' | 'locked-out'
  | 'grant' | 'revoke'
  // Opening a sealed adoption record (with its reason); the retention job deleting a closed record.
  | 'open-sealed' | 'purge';

export interface AuditActor {
  staffId: string;
  orgId: string;
  /** The email at the time: staff records can change, the log must still read. */
  label: string;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: AuditAction;
  recordType?: string;
  recordId?: string;
  /** The organisation that owns the record: lets each organisation's admins search its own log. */
  ownerId?: string | null;
  detail?: Record<string, unknown>;
  /**
   * Every other record the event touched: each one shown in a list, a search, an export or a
   * work queue. Linked with its owner so the owner's administrators find the event. The
   * event's own record (recordType and recordId) is linked without being listed here.
   */
  records?: readonly AuditedRecord[];
}

/** A record an audit event touched, and the organisation that owns it. */
export interface AuditedRecord {
  type: string;
  id: string;
  /**
   * Its owner: pass it from the row that was shown. Left out, it is looked up through the
   * record registry (one query a record: only for callers that do not have it to hand);
   * null means the record has no owner.
   */
  ownerId?: string | null;
}

/** One row of audit_event_link (not in core/schema.ts: reach it through auditLinks(db)). */
export interface AuditEventLinkTable {
  /** audit_event.id of the event that touched the record. */
  event_id: number;
  record_type: string;
  record_id: string;
  owner_org_id: string | null;
}

/** The database with the audit link table typed, for the writer, verification and the search. */
export function auditLinks(db: Db) {
  return db.withTables<{ audit_event_link: AuditEventLinkTable }>();
}

/** A link as it is hashed and stored. */
export interface RecordLink {
  type: string;
  id: string;
  ownerId: string | null;
}

// How many events this process has written: the sealer seals after a request only when it
// has moved, so pages that audit nothing (assets, /health) cost no seal.
let written = 0;
export function auditEventsWritten(): number {
  return written;
}

/**
 * Write one audit event inside the caller's transaction (or on its own). It is written at
 * once, without waiting for other writers; it takes its place in the hash chain when the
 * sealer reaches it, after it commits (core/audit-chain.ts).
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const links = await linksOf(db, entry);
  const event = db.insertInto('audit_event').values({
    // A JS Date keeps milliseconds, as the column does: the sealer hashes what is read back.
    at: new Date(),
    actor_id: entry.actor?.staffId ?? null,
    actor_org_id: entry.actor?.orgId ?? null,
    actor_label: entry.actor?.label ?? null,
    action: entry.action,
    record_type: entry.recordType ?? null,
    record_id: entry.recordId ?? null,
    owner_id: entry.ownerId ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  });
  written += 1;
  if (!links.length) {
    await event.execute();
    return;
  }
  // The event and its links in one statement (one round trip, and atomic without a
  // transaction), the links as arrays: one statement however many records were shown, where
  // a VALUES list would reach the parameter limit on a large export.
  await auditLinks(db).with('event', () => event.returning('id'))
    .insertInto('audit_event_link').columns(['event_id', 'record_type', 'record_id', 'owner_org_id'])
    .expression(sql`select event.id, l.record_type, l.record_id, l.owner_org_id from event,
      unnest(${links.map((l) => l.type)}::text[], ${links.map((l) => l.id)}::text[], ${links.map((l) => l.ownerId)}::uuid[]) as l(record_type, record_id, owner_org_id)`)
    .execute();
}

/** The event's own record and the records it lists, each once, with its owner. */
async function linksOf(db: Db, entry: AuditEntry): Promise<RecordLink[]> {
  const touched: AuditedRecord[] = entry.recordType && entry.recordId
    ? [{ type: entry.recordType, id: entry.recordId, ownerId: entry.ownerId ?? null }, ...(entry.records ?? [])]
    : [...(entry.records ?? [])];
  const links = new Map<string, RecordLink>();
  for (const r of touched) {
    const key = `${r.type}\u0000${r.id}`;
    if (links.has(key)) continue;
    const ownerId = r.ownerId === undefined ? (await ownerOfRecord(db, r.type, r.id)) ?? null : r.ownerId;
    // uuid columns come back lower-case: store what will be read back, so the hash still matches.
    links.set(key, { type: r.type, id: String(r.id), ownerId: ownerId === null ? null : ownerId.toLowerCase() });
  }
  return [...links.values()];
}
