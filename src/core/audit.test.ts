import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.ts';
import type { DatabaseHandle } from './db.ts';
import { openTestDatabase } from './testing/database.ts';

let handle: DatabaseHandle;
const actor = { staffId: '11111111-1111-4111-8111-111111111111', orgId: '22222222-2222-4222-8222-222222222222', label: 'admin@test.example' };

// Tampering needs the append-only trigger out of the way, as a database superuser could do.
async function tamper(statement: string) {
  await handle.db.transaction().execute(async (tx) => {
    await sql`alter table audit_event disable trigger audit_event_no_update`.execute(tx);
    await sql.raw(statement).execute(tx);
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(tx);
  });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  for (let i = 1; i <= 5; i++) {
    await recordAudit(handle.db, { actor, action: 'update', recordType: 'child', recordId: `c-${i}`, ownerId: actor.orgId, detail: { before: { name: 'A' }, after: { name: `B${i}`, nested: { z: 1, a: [1, 2] } } } });
  }
});
afterAll(() => handle.close());

describe('audit log', () => {
  it('numbers rows without gaps and chains each to the one before', async () => {
    const rows = await handle.db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 5, headSeq: 5 });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(sql`update audit_event set action = 'view' where seq = 1`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event where seq = 1`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it('a rolled-back change leaves no audit row and no gap', async () => {
    await expect(handle.db.transaction().execute(async (tx) => {
      await recordAudit(tx, { actor, action: 'create', recordType: 'child', recordId: 'lost' });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rows: 5 });
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

describe('canonical JSON', () => {
  it('ignores key order, so a jsonb round trip hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { x: 2, y: 1 }] }, b: 1 }));
  });
});
