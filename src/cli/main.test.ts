// The CLI as an operator runs it: a real process on a real PGlite data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../core/db.ts';
import { cliOn } from '../core/testing/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mercia-cli-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const mercia = cliOn(dataDir);
// Real processes seeding the whole demo on PGlite: on a busy two-core machine that takes more
// than a minute, and a test cut off early leaves its process holding the data directory.
const SLOW = { timeout: 180_000 };

describe('mercia command', () => {
  it('migrates, seeds the demo, adds a user, makes a token and verifies the audit chain', SLOW, async () => {
    expect((await mercia('migrate')).stdout).toMatch(/Applied on pglite: 001_foundation/);
    const seeded = await mercia('seed', '--demo');
    expect(seeded.stdout).toContain('admin@west-mercia.example');
    expect(seeded.stdout).toMatch(/Password: \S+/);

    const added = await mercia('user', 'add', '--email', 'new.worker@herefordshire.example', '--name', 'New Worker', '--org', 'herefordshire', '--role', 'social-worker', 'family-finder', '--password', 'copper kettle meadow lantern');
    expect(added.code).toBe(0);
    const token = await mercia('token', 'create', '--email', 'new.worker@herefordshire.example');
    expect(token.stdout.trim()).toMatch(/^mercia_[A-Za-z0-9_-]{43}$/);
    // The command sealed what it audited before it ended: nothing waits for a server to seal it.
    const handle = await openDatabase({ dataDir });
    try {
      const waiting = await handle.db.selectFrom('audit_event').select('id').where('seq', 'is', null).execute();
      expect(waiting).toEqual([]);
      expect(await handle.db.selectFrom('audit_event').select('id').where('record_type', '=', 'api-token').where('action', '=', 'create').execute()).toHaveLength(1);
    } finally {
      await handle.close();
    }
    expect((await mercia('audit', 'verify')).stdout).toMatch(/Audit chain intact/);
  });

  it('names the argument at fault and exits non-zero', SLOW, async () => {
    const badRole = await mercia('user', 'add', '--email', 'x@herefordshire.example', '--name', 'X', '--org', 'herefordshire', '--role', 'wizard', '--password', 'copper kettle meadow lantern');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('roles.0');
    const weak = await mercia('user', 'add', '--email', 'x@herefordshire.example', '--name', 'X', '--org', 'herefordshire', '--role', 'admin', '--password', 'short');
    expect(weak.stderr).toContain('password: Password must be at least 12 characters');
    const unknown = await mercia('token', 'create', '--email', 'nobody@nowhere.example');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--email');
    const scale = await mercia('seed', '--demo', '--scale', 'lots');
    expect(scale.code).not.toBe(0);
    expect(scale.stderr).toContain('--scale');
  });
});
