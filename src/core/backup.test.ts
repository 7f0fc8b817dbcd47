import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from './audit.ts';
import { verifyAuditChain } from './audit-chain.ts';
import { backup, restore } from './backup.ts';
import { openDatabase } from './db.ts';
import { migrate } from './migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'mercia-backup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PGlite backup and restore', () => {
  it('round-trips the data directory, audit chain and all', async () => {
    const original = await openDatabase({ dataDir: join(dir, 'original') });
    await migrate(original.db);
    await recordAudit(original.db, { actor: null, action: 'create', recordType: 'thing', recordId: 'one' });
    await backup(original, join(dir, 'backup.tgz'));
    await original.close();

    await restore(join(dir, 'backup.tgz'), { dataDir: join(dir, 'restored') });
    const restored = await openDatabase({ dataDir: join(dir, 'restored') });
    try {
      expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true, rows: 1 });
    } finally {
      await restored.close();
    }
  });

  it('refuses to restore over a directory that has data', async () => {
    await expect(restore(join(dir, 'backup.tgz'), { dataDir: join(dir, 'restored') })).rejects.toThrow(/not empty/);
  });
});
