// A real clamd for the tests and benchmarks: Debian's clamav-daemon (scripts/ensure-clamav.sh
// installs it), started in a temporary folder with a clamd.conf and a signature database
// written here. There is no freshclam (no network): the database holds one signature, for the
// EICAR test file, built from its parts at run time so that the repository carries no file an
// anti-virus scanner would flag. clamd listens on a Unix socket in the folder; stop() ends it
// and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scannerStatus } from '../malware-scan.ts';

/** The signature name the test database gives EICAR (clamd reports it with ".UNOFFICIAL", which the client drops). */
export const EICAR_SIGNATURE = 'Eicar-Signature';

/** The EICAR anti-virus test file (68 bytes), put together at run time. */
export function eicar(): Buffer {
  const parts = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-FILE!$H+H*'];
  return Buffer.from(parts.join(''), 'latin1');
}

export function clamdBinary(): string | undefined {
  return ['/usr/sbin/clamd', '/usr/local/sbin/clamd', '/usr/bin/clamd'].find((p) => existsSync(p));
}

export interface RunningClamd {
  socket: string;
  stop(): Promise<void>;
}

/** Start clamd and wait until it answers PING; throws with its log when it does not start. */
export async function startClamd(options: { timeoutMs?: number } = {}): Promise<RunningClamd> {
  const binary = clamdBinary();
  if (!binary) throw new Error('clamd is not installed: run `bash scripts/ensure-clamav.sh` (Debian\'s clamav-daemon)');
  const dir = await mkdtemp(join(tmpdir(), 'mercia-clamd-'));
  const db = join(dir, 'db');
  await mkdir(db);
  // A body signature (.ndb, any file type, anywhere in the file): EICAR on its own or inside a PDF.
  await writeFile(join(db, 'mercia-test.ndb'), `${EICAR_SIGNATURE}:0:*:${eicar().toString('hex')}\n`);
  const socket = join(dir, 'clamd.sock');
  const log = join(dir, 'clamd.log');
  const conf = [
    `LocalSocket ${socket}`,
    `DatabaseDirectory ${db}`,
    `LogFile ${log}`,
    `TemporaryDirectory ${dir}`,
    'Foreground yes',
    // Uploads up to DOCUMENT_MAX_BYTES's ceiling are streamed whole.
    'StreamMaxLength 600M',
    'MaxFileSize 600M',
    'MaxScanSize 1200M',
    'SelfCheck 0',
    ...(process.getuid?.() === 0 ? ['User root'] : []),
  ];
  await writeFile(join(dir, 'clamd.conf'), `${conf.join('\n')}\n`);
  const child: ChildProcess = spawn(binary, ['-c', join(dir, 'clamd.conf')], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => { exited = true; });
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (!exited) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (existsSync(socket) && (await scannerStatus({ CLAMD_SOCKET: socket })).status === 'ok') return { socket, stop };
    if (exited || Date.now() > deadline) {
      const text = await readFile(log, 'utf8').catch(() => '(no log)');
      await stop();
      throw new Error(`clamd did not start${exited ? ' (it exited)' : ' in time'}:\n${text.split('\n').slice(-15).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
