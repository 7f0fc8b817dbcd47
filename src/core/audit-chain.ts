// The audit log's hash chain. Events are written at once by core/audit.ts with no place in
// the chain; sealAuditLog() gives each committed event its place (seq, prev_hash, hash), in
// the order it reaches them, one sealer at a time across every process (an advisory lock), a
// batch per statement. So views and changes never wait for each other to be audited, and the
// chain is still one unbroken line: each hash covers the previous hash, the row's content and
// its record links, and seq has no gaps, so an altered, removed or reordered row is found by
// verifyAuditChain(). The running service seals shortly after each request (AuditSealer);
// verification and the search seal first, so they always see every committed event.
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { auditEventsWritten, auditLinks, type RecordLink } from './audit.ts';
import type { Db } from './db.ts';
import type { AuditEventTable } from './schema.ts';

const GENESIS = '0'.repeat(64);
// Any fixed number: one sealer at a time, so seq and prev_hash follow one after another.
const SEAL_LOCK = 7_150_001;
const SEAL_BATCH = 1000;

/** What a row's hash covers: its content as stored, and its place in the chain. */
type HashedFields = Omit<Selectable<AuditEventTable>, 'id' | 'seq' | 'prev_hash' | 'hash'> & { seq: number; prev_hash: string };

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

/**
 * Seal every committed event not yet in the chain. With `wait`, waits for another sealer to
 * finish and then seals what is left (for verification, the search, shutdown); without it,
 * returns at once if another sealer is at work (it will reach these events, or the next nudge
 * will). Returns the number of events sealed.
 */
export async function sealAuditLog(db: Db, options: { wait?: boolean } = {}): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (tx) => {
      if (options.wait) await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
      else if (!(await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(tx)).rows[0]?.ok) return -1;
      return sealBatch(tx);
    });
    if (batch < 0) return sealed;
    sealed += batch;
    if (batch < SEAL_BATCH) return sealed;
  }
}

async function sealBatch(tx: Db): Promise<number> {
  const rows = await tx.selectFrom('audit_event').selectAll().where('seq', 'is', null).orderBy('id').limit(SEAL_BATCH).execute();
  if (!rows.length) return 0;
  const last = await tx.selectFrom('audit_event').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const links = await linksOfEvents(tx, rows.map((r) => r.id));
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS;
  const placed = rows.map((row) => {
    seq += 1;
    const hash = hashRow({ ...row, seq, prev_hash: prev }, links.get(row.id));
    const place = { id: row.id, seq, prev, hash };
    prev = hash;
    return place;
  });
  await sql`update audit_event as e set seq = p.seq, prev_hash = p.prev, hash = p.hash
    from unnest(${placed.map((p) => p.id)}::bigint[], ${placed.map((p) => p.seq)}::bigint[], ${placed.map((p) => p.prev)}::text[], ${placed.map((p) => p.hash)}::text[]) as p(id, seq, prev, hash)
    where e.id = p.id`.execute(tx);
  return rows.length;
}

/** The record links of these events, by event id. */
async function linksOfEvents(db: Db, ids: readonly number[]): Promise<Map<number, RecordLink[]>> {
  const rows = await auditLinks(db).selectFrom('audit_event_link').select(['event_id', 'record_type', 'record_id', 'owner_org_id'])
    .where('event_id', '=', sql<number>`any(${ids}::bigint[])`).execute();
  const byEvent = new Map<number, RecordLink[]>();
  for (const r of rows) {
    const list = byEvent.get(r.event_id) ?? [];
    list.push({ type: r.record_type, id: r.record_id, ownerId: r.owner_org_id });
    byEvent.set(r.event_id, list);
  }
  return byEvent;
}

/**
 * The running service's sealer: nudged after each request, it seals a moment later (so one
 * seal covers many requests), and every few seconds in case another process or a background
 * job wrote events. stop() seals what is left, waiting for any other sealer.
 */
export class AuditSealer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private sealedUpTo = -1;
  private readonly backstop: NodeJS.Timeout;
  private readonly delayMs: number;

  constructor(private readonly db: Db, private readonly onError: (message: string) => void, options: { delayMs?: number; everyMs?: number } = {}) {
    this.delayMs = options.delayMs ?? 20;
    this.backstop = setInterval(() => this.nudge(true), options.everyMs ?? 1000);
    this.backstop.unref();
  }

  /** Seal soon, if this process wrote events since the last seal began (or always, when told). */
  nudge(always = false): void {
    if (this.stopped || (!always && auditEventsWritten() === this.sealedUpTo)) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sealedUpTo = auditEventsWritten();
      this.running = sealAuditLog(this.db).then(() => undefined, (err: unknown) => this.onError(`sealing the audit log failed: ${String(err)}`))
        .finally(() => {
          this.running = null;
          if (this.again) {
            this.again = false;
            this.nudge();
          }
        });
    }, this.delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.backstop);
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await sealAuditLog(this.db, { wait: true });
  }
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** Hash of the last row: record it elsewhere to detect removal of rows from the end. */
  headHash: string;
  headSeq: number;
  problem?: { seq: number; reason: string };
}

/** Seals what is waiting, then checks the whole chain and every record link. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  await sealAuditLog(db, { wait: true });
  let expectedSeq = 1;
  let prevHash = GENESIS;
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>=', expectedSeq)
      .orderBy('seq').limit(batchSize).execute();
    const links = await linksOfEvents(db, rows.map((r) => r.id));
    for (const row of rows) {
      const seq = row.seq!;
      const fail = (reason: string): ChainReport => ({ ok: false, rows: expectedSeq - 1, headHash: prevHash, headSeq: expectedSeq - 1, problem: { seq, reason } });
      if (seq !== expectedSeq) return fail(`row ${expectedSeq} is missing (next row is ${seq})`);
      if (row.prev_hash !== prevHash) return fail('previous-hash link does not match the row before');
      if (hashRow({ ...row, seq, prev_hash: prevHash }, links.get(row.id)) !== row.hash) return fail('row content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) break;
  }
  const headSeq = expectedSeq - 1;
  // Links to no event are covered by no hash: name them.
  const stray = await auditLinks(db).selectFrom('audit_event_link as l').select('l.event_id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_event as e').select('e.id').whereRef('e.id', '=', 'l.event_id'))))
    .orderBy('l.event_id').limit(1).executeTakeFirst();
  if (stray) return { ok: false, rows: headSeq, headHash: prevHash, headSeq, problem: { seq: stray.event_id, reason: `record links for event ${stray.event_id}, which is not in the log` } };
  return { ok: true, rows: headSeq, headHash: prevHash, headSeq };
}
