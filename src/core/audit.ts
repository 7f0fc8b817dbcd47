// The audit log: who did what to which record, when, with before/after for changes.
// Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained: each row's
// hash covers the previous row's hash and its own content, and seq has no gaps, so a row
// that is altered or removed is found by verifyAuditChain().
// Each event also links every record it touched (its own record, and each record shown in a
// list, search, export or work queue) with that record's owner, in audit_event_link, so the
// owning organisation finds the event by record and by owner. The links are part of the
// event's hashed content, so they are as tamper-evident as the row.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db.ts';
import { ownerOfRecord } from './records.ts';

export type AuditAction =
  | 'view' | 'create' | 'update' | 'delete' | 'import' | 'export' | 'search'
  | 'sign-in' | 'sign-out' | 'sign-in-failed' | 'locked-out'
  | 'grant' | 'revoke';

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
  seq: number;
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

const GENESIS = '0'.repeat(64);
// Any fixed number: serialises writers so seq and prev_hash follow one after another.
const AUDIT_LOCK = 7_150_001;

/** Write one audit row inside the caller's transaction (or a transaction of its own). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  // Owners are settled before taking the lock, so looking one up does not hold up other writers.
  const links = await linksOf(db, entry);
  if (db.isTransaction) await append(db, entry, links);
  else await db.transaction().execute((tx) => append(tx, entry, links));
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

async function append(db: Db, entry: AuditEntry, links: readonly RecordLink[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db);
  const last = await db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: entry.actor?.staffId ?? null,
    actor_org_id: entry.actor?.orgId ?? null,
    actor_label: entry.actor?.label ?? null,
    action: entry.action,
    record_type: entry.recordType ?? null,
    record_id: entry.recordId ?? null,
    owner_id: entry.ownerId ?? null,
    detail: entry.detail === undefined ? null : normalise(entry.detail),
    prev_hash: last?.hash ?? GENESIS,
  };
  const event = db.insertInto('audit_event').values({ ...row, detail: row.detail === null ? null : JSON.stringify(row.detail), hash: hashRow(row, links) });
  if (!links.length) {
    await event.execute();
    return;
  }
  // The event and its links in one statement (this runs under the lock, so round trips count),
  // and the links as arrays: one statement however many records were shown, where a VALUES
  // list would reach the parameter limit on a large export.
  await auditLinks(db).with('event', () => event)
    .insertInto('audit_event_link').columns(['seq', 'record_type', 'record_id', 'owner_org_id'])
    .expression(sql`select ${row.seq}::bigint, l.record_type, l.record_id, l.owner_org_id
      from unnest(${links.map((l) => l.type)}::text[], ${links.map((l) => l.id)}::text[], ${links.map((l) => l.ownerId)}::uuid[]) as l(record_type, record_id, owner_org_id)`)
    .execute();
}

interface HashedFields {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_org_id: string | null;
  actor_label: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  owner_id: string | null;
  detail: unknown;
  prev_hash: string;
}

/**
 * The row's hash: the previous hash, the row's content and its record links. An event with no
 * links hashes as every event did before links existed, so older rows still verify; one with
 * links hashes them in a fixed order, so adding, altering or removing a link changes the hash.
 */
export function hashRow(r: HashedFields, links: readonly RecordLink[] = []): string {
  const fields: unknown[] = [
    r.prev_hash, r.seq, r.at.toISOString(), r.actor_id, r.actor_org_id, r.actor_label,
    r.action, r.record_type, r.record_id, r.owner_id, r.detail,
  ];
  if (links.length) {
    const sorted = links.map((l) => [l.type, l.id, l.ownerId] as const)
      .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]) || compare(a[2] ?? '', b[2] ?? ''));
    fields.push(sorted);
  }
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted, so the same value always hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(normalise(value)));
}

function normalise(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** Hash of the last row: record it elsewhere to detect removal of rows from the end. */
  headHash: string;
  headSeq: number;
  problem?: { seq: number; reason: string };
}

export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>=', expectedSeq)
      .orderBy('seq').limit(batchSize).execute();
    const links = rows.length ? await linksBetween(db, rows[0]!.seq, rows[rows.length - 1]!.seq) : new Map<number, RecordLink[]>();
    for (const row of rows) {
      const fail = (reason: string): ChainReport => ({ ok: false, rows: expectedSeq - 1, headHash: prevHash, headSeq: expectedSeq - 1, problem: { seq: row.seq, reason } });
      if (row.seq !== expectedSeq) return fail(`row ${expectedSeq} is missing (next row is ${row.seq})`);
      if (row.prev_hash !== prevHash) return fail('previous-hash link does not match the row before');
      if (hashRow(row, links.get(row.seq)) !== row.hash) return fail('row content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) break;
  }
  const headSeq = expectedSeq - 1;
  // Links to no event (past the end, or before the start) are covered by no hash: name them.
  const stray = await auditLinks(db).selectFrom('audit_event_link').select('seq')
    .where((eb) => eb.or([eb('seq', '>', headSeq), eb('seq', '<', 1)])).orderBy('seq').limit(1).executeTakeFirst();
  if (stray) return { ok: false, rows: headSeq, headHash: prevHash, headSeq, problem: { seq: stray.seq, reason: `record links for row ${stray.seq}, which is not in the log` } };
  return { ok: true, rows: headSeq, headHash: prevHash, headSeq };
}

async function linksBetween(db: Db, from: number, to: number): Promise<Map<number, RecordLink[]>> {
  const rows = await auditLinks(db).selectFrom('audit_event_link').select(['seq', 'record_type', 'record_id', 'owner_org_id'])
    .where('seq', '>=', from).where('seq', '<=', to).execute();
  const bySeq = new Map<number, RecordLink[]>();
  for (const r of rows) {
    const list = bySeq.get(r.seq) ?? [];
    list.push({ type: r.record_type, id: r.record_id, ownerId: r.owner_org_id });
    bySeq.set(r.seq, list);
  }
  return bySeq;
}
