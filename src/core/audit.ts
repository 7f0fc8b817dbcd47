// The audit log: who did what to which record, when, with before/after for changes.
// Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained: each row's
// hash covers the previous row's hash and its own content, and seq has no gaps, so a row
// that is altered or removed is found by verifyAuditChain().
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db.ts';

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
}

const GENESIS = '0'.repeat(64);
// Any fixed number: serialises writers so seq and prev_hash follow one after another.
const AUDIT_LOCK = 7_150_001;

/** Write one audit row inside the caller's transaction (or a transaction of its own). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((tx) => recordAudit(tx, entry));
    return;
  }
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
  await db.insertInto('audit_event').values({ ...row, detail: row.detail === null ? null : JSON.stringify(row.detail), hash: hashRow(row) }).execute();
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

export function hashRow(r: HashedFields): string {
  const content = canonicalJson([
    r.prev_hash, r.seq, r.at.toISOString(), r.actor_id, r.actor_org_id, r.actor_label,
    r.action, r.record_type, r.record_id, r.owner_id, r.detail,
  ]);
  return createHash('sha256').update(content).digest('hex');
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
    for (const row of rows) {
      const fail = (reason: string): ChainReport => ({ ok: false, rows: expectedSeq - 1, headHash: prevHash, headSeq: expectedSeq - 1, problem: { seq: row.seq, reason } });
      if (row.seq !== expectedSeq) return fail(`row ${expectedSeq} is missing (next row is ${row.seq})`);
      if (row.prev_hash !== prevHash) return fail('previous-hash link does not match the row before');
      if (hashRow(row) !== row.hash) return fail('row content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) break;
  }
  return { ok: true, rows: expectedSeq - 1, headHash: prevHash, headSeq: expectedSeq - 1 };
}
