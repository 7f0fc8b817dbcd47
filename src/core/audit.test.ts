import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from './audit.ts';
import { AuditSealer, canonicalJson, hashRow, sealAuditLog, verifyAuditChain } from './audit-chain.ts';
import type { DatabaseHandle } from './db.ts';
import { openTestDatabase } from './testing/database.ts';

let handle: DatabaseHandle;
const actor = { staffId: '11111111-1111-4111-8111-111111111111', orgId: '22222222-2222-4222-8222-222222222222', label: 'admin@test.example' };

// Tampering needs the append-only triggers out of the way, as a database superuser could do.
async function tamper(statement: string, on: TamperingHandle = handle) {
  await on.db.transaction().execute(async (tx) => {
    await sql`alter table audit_event disable trigger audit_event_no_update`.execute(tx);
    await sql`alter table audit_event_link disable trigger audit_event_link_no_update`.execute(tx);
    await sql.raw(statement).execute(tx);
    await sql`alter table audit_event_link enable trigger audit_event_link_no_update`.execute(tx);
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(tx);
  });
}
type TamperingHandle = Pick<DatabaseHandle, 'db'>;

beforeAll(async () => {
  handle = await openTestDatabase();
  for (let i = 1; i <= 5; i++) {
    await recordAudit(handle.db, { actor, action: 'update', recordType: 'child', recordId: `c-${i}`, ownerId: actor.orgId, detail: { before: { name: 'A' }, after: { name: `B${i}`, nested: { z: 1, a: [1, 2] } } } });
  }
});
afterAll(() => handle.close());

describe('audit log', () => {
  it('writes an event at once, and seals it into the chain after it commits', async () => {
    const waiting = await handle.db.selectFrom('audit_event').select(['id', 'seq', 'hash']).orderBy('id').execute();
    expect(waiting.map((r) => [r.id, r.seq, r.hash])).toEqual([1, 2, 3, 4, 5].map((id) => [id, null, null]));
    expect(await sealAuditLog(handle.db)).toBe(5);
    expect(await sealAuditLog(handle.db)).toBe(0);
  });

  it('numbers rows without gaps and chains each to the one before', async () => {
    const rows = await handle.db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 5, headSeq: 5 });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused, and a row is sealed once', async () => {
    await expect(sql`update audit_event set action = 'view' where seq = 1`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_event set seq = 99 where seq = 1`.execute(handle.db)).rejects.toThrow(/append-only/);
    await recordAudit(handle.db, { actor, action: 'view', recordType: 'child', recordId: 'c-6' });
    const waiting = sql`(select id from audit_event where seq is null)`;
    // Sealing may not change what the event says, nor seal half of it.
    await expect(sql`update audit_event set seq = 6, prev_hash = 'x', hash = 'y', action = 'update' where id in ${waiting}`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_event set seq = 6 where id in ${waiting}`.execute(handle.db)).rejects.toThrow(/audit_event_sealed_whole/);
    await expect(sql`delete from audit_event where seq is null`.execute(handle.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 6 });
    await expect(sql`delete from audit_event where seq = 1`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it('a rolled-back change leaves no audit row and no gap', async () => {
    await expect(handle.db.transaction().execute(async (tx) => {
      await recordAudit(tx, { actor, action: 'create', recordType: 'child', recordId: 'lost' });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 6 });
  });

  it('detects a row whose content was altered', async () => {
    await tamper(`update audit_event set detail = '{"after":{"name":"Z"}}' where seq = 3`);
    const report = await verifyAuditChain(handle.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toEqual({ seq: 3, reason: 'row content does not match its hash' });
  });

  it('detects a deleted row', async () => {
    await tamper('delete from audit_event where seq = 3');
    const report = await verifyAuditChain(handle.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toEqual({ seq: 4, reason: 'row 3 is missing (next row is 4)' });
  });
});

describe('records an event touched', () => {
  let links: DatabaseHandle;
  const herefordshire = '33333333-3333-4333-8333-333333333333';
  const shropshire = '44444444-4444-4444-8444-444444444444';
  const linksOf = (seq: number) => links.db.withTables<{ audit_event_link: { event_id: number; record_type: string; record_id: string; owner_org_id: string | null } }>()
    .selectFrom('audit_event_link').select(['record_type as type', 'record_id as id', 'owner_org_id as ownerId']).where('event_id', '=', seq).orderBy('record_id').execute();

  beforeAll(async () => {
    links = await openTestDatabase();
    // A list by one organisation's person that showed two councils' children (one twice),
    // then a view of one child, then an event with no record at all.
    await recordAudit(links.db, {
      actor, action: 'search', recordType: 'child', ownerId: actor.orgId, detail: { shown: ['c-1', 'c-2'] },
      records: [{ type: 'child', id: 'c-1', ownerId: herefordshire }, { type: 'child', id: 'c-2', ownerId: shropshire.toUpperCase() }, { type: 'child', id: 'c-1', ownerId: herefordshire }],
    });
    await recordAudit(links.db, { actor, action: 'view', recordType: 'child', recordId: 'c-1', ownerId: herefordshire });
    await recordAudit(links.db, { actor: null, action: 'sign-in-failed', detail: { reason: 'unknown-account' } });
  });
  afterAll(() => links.close());

  it('links each listed record once, with its owner, and the event\'s own record', async () => {
    expect(await linksOf(1)).toEqual([{ type: 'child', id: 'c-1', ownerId: herefordshire }, { type: 'child', id: 'c-2', ownerId: shropshire }]);
    expect(await linksOf(2)).toEqual([{ type: 'child', id: 'c-1', ownerId: herefordshire }]);
    expect(await linksOf(3)).toEqual([]);
    expect(await verifyAuditChain(links.db)).toMatchObject({ ok: true, rows: 3 });
  });

  it('links are append-only too', async () => {
    await expect(sql`update audit_event_link set owner_org_id = null where event_id = 1`.execute(links.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event_link where event_id = 1`.execute(links.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event_link`.execute(links.db)).rejects.toThrow(/append-only/);
  });

  it('a rolled-back change leaves no links', async () => {
    await expect(links.db.transaction().execute(async (tx) => {
      await recordAudit(tx, { actor, action: 'search', recordType: 'child', records: [{ type: 'child', id: 'lost', ownerId: herefordshire }] });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await sql`select 1 from audit_event_link where record_id = 'lost'`.execute(links.db)).toMatchObject({ rows: [] });
  });

  it('detects a link that was altered, removed or added: the hash covers them', async () => {
    const h = await openTestDatabase();
    try {
      const list = { actor, action: 'search', recordType: 'child', ownerId: actor.orgId, records: [{ type: 'child', id: 'c-1', ownerId: herefordshire }, { type: 'child', id: 'c-2', ownerId: shropshire }] } as const;
      await recordAudit(h.db, list);
      await recordAudit(h.db, list);
      await recordAudit(h.db, list);
      await recordAudit(h.db, { actor, action: 'view', recordType: 'staff', recordId: 's-1', ownerId: actor.orgId });
      await recordAudit(h.db, { actor: null, action: 'sign-in-failed' });
      expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, rows: 5 });
      // From the last row back, so each time the row just tampered with is the first bad one.
      const cases: [string, number, string][] = [
        ['a link added to an event that had none', 5, `insert into audit_event_link values (5, 'child', 'c-9', '${herefordshire}')`],
        ['a link added', 4, `insert into audit_event_link values (4, 'child', 'c-9', '${herefordshire}')`],
        ['all links removed', 3, 'delete from audit_event_link where event_id = 3'],
        ['a link removed', 2, `delete from audit_event_link where event_id = 2 and record_id = 'c-1'`],
        ['another owner', 1, `update audit_event_link set owner_org_id = '${shropshire}' where event_id = 1 and record_id = 'c-1'`],
      ];
      for (const [what, seq, statement] of cases) {
        await tamper(statement, h);
        expect(await verifyAuditChain(h.db), what).toMatchObject({ ok: false, problem: { seq, reason: 'row content does not match its hash' } });
      }
    } finally {
      await h.close();
    }
  });

  it('hashes an event without links exactly as before links existed, so older rows still verify', () => {
    const row = { seq: 7, at: new Date('2026-11-23T10:00:00.123Z'), actor_id: null, actor_org_id: null, actor_label: 'a@b.example', action: 'view', record_type: 'child', record_id: 'c-1', owner_id: null, detail: { b: 1, a: [1] }, prev_hash: 'f'.repeat(64) };
    // The hash the writer gave this row before migration 008.
    expect(hashRow(row)).toBe('fd47cd275ab3cfeed3ac482c125c2482d9438a0b18cfd73179874d388bc57df4');
    expect(hashRow(row, [{ type: 'child', id: 'c-1', ownerId: null }])).not.toBe(hashRow(row));
    // Links hash the same in any order.
    const a = { type: 'child', id: 'c-1', ownerId: herefordshire };
    const b = { type: 'child', id: 'c-2', ownerId: shropshire };
    expect(hashRow(row, [a, b])).toBe(hashRow(row, [b, a]));
  });

  it('detects links to no event', async () => {
    await tamper(`insert into audit_event_link values (99, 'child', 'c-9', '${herefordshire}')`, links);
    expect(await verifyAuditChain(links.db)).toMatchObject({ ok: false, rows: 3, problem: { seq: 99, reason: 'record links for event 99, which is not in the log' } });
  });
});

describe('canonical JSON', () => {
  it('ignores key order, so a jsonb round trip hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { x: 2, y: 1 }] }, b: 1 }));
  });
});

describe('sealing', () => {
  it('seals the events of a transaction after it commits, in the order written, and the rest when the sealer stops', async () => {
    const h = await openTestDatabase();
    try {
      await h.db.transaction().execute(async (tx) => {
        await recordAudit(tx, { actor, action: 'create', recordType: 'child', recordId: 'created' });
        await recordAudit(tx, { actor, action: 'update', recordType: 'child', recordId: 'updated' });
      });
      await sealAuditLog(h.db);
      await recordAudit(h.db, { actor, action: 'view', recordType: 'child', recordId: 'viewed' });
      const sealer = new AuditSealer(h.db, (message) => { throw new Error(message); }, { delayMs: 0 });
      sealer.nudge();
      await sealer.stop();
      const rows = await h.db.selectFrom('audit_event').select(['seq', 'record_id']).orderBy('id').execute();
      expect(rows.map((r) => [r.record_id, r.seq])).toEqual([['created', 1], ['updated', 2], ['viewed', 3]]);
      expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, rows: 3 });
    } finally {
      await h.close();
    }
  });

  it('seals more events than fit in one batch, as one unbroken chain', async () => {
    const h = await openTestDatabase();
    try {
      await sql`insert into audit_event (at, action, record_type, record_id)
        select now(), 'view', 'child', 'c-' || n from generate_series(1, 2500) as n`.execute(h.db);
      expect(await sealAuditLog(h.db)).toBe(2500);
      expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, rows: 2500, headSeq: 2500 });
    } finally {
      await h.close();
    }
  });
});

// Two transactions at once need two connections: a PostgreSQL server (CI runs every file on both).
describe.runIf(process.env.TEST_DATABASE_URL)('sealing, with writers at once on a PostgreSQL server', () => {
  it('an event does not wait for another writer, and takes its place in the order it commits', async () => {
    const h = await openTestDatabase();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      // Written first and held open: before, every other writer waited on it for the chain lock.
      const slow = h.db.transaction().execute(async (tx) => {
        await recordAudit(tx, { actor, action: 'update', recordType: 'child', recordId: 'written-first' });
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      await recordAudit(h.db, { actor, action: 'view', recordType: 'child', recordId: 'written-second' });
      expect(await sealAuditLog(h.db)).toBe(1);
      release();
      await slow;
      expect(await sealAuditLog(h.db)).toBe(1);
      const rows = await h.db.selectFrom('audit_event').select(['id', 'seq', 'record_id']).orderBy('seq').execute();
      expect(rows.map((r) => r.record_id)).toEqual(['written-second', 'written-first']);
      expect(rows[0]!.id).toBeGreaterThan(rows[1]!.id);
      expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, rows: 2 });
    } finally {
      await h.close();
    }
  });

  it('one sealer at a time: another returns at once, and waiting for it seals the rest', async () => {
    const h = await openTestDatabase();
    try {
      await recordAudit(h.db, { actor, action: 'view', recordType: 'child', recordId: 'c-1' });
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      const holder = h.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(7150001)`.execute(tx);
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(await sealAuditLog(h.db)).toBe(0);
      const waiting = sealAuditLog(h.db, { wait: true });
      release();
      await holder;
      expect(await waiting).toBe(1);
    } finally {
      await h.close();
    }
  });
});

