// Documents: uploading a 10 MB PDF through the service (malware scan by a real clamd, type
// from the bytes, the bytes stored in PostgreSQL, audit), the scan alone, and the download;
// min and median of 5 runs each, on PGlite and, when a server is given (BENCH_DATABASE_URL, or
// TEST_DATABASE_URL as scripts/with-postgres.sh sets it), on PostgreSQL. Uses the clamd named by
// CLAMD_SOCKET/CLAMD_HOST, or starts one as the tests do (src/core/testing/clamav.ts).
// Returns JSON; bench/run.ts adds it to its output. Nothing here asserts a time.
import { openDatabase, type DatabaseHandle } from '../src/core/db.ts';
import { scanBytes, scannerConfigFrom } from '../src/core/malware-scan.ts';
import { migrate } from '../src/core/migrate.ts';
import { startClamd } from '../src/core/testing/clamav.ts';
import { contextOf } from '../src/core/testing/context.ts';
import * as children from '../src/children/service.ts';
import { pdf } from '../src/casework/documents-fixtures.ts';
import * as documents from '../src/casework/documents-service.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createServerDatabase } from './database.ts';

const RUNS = 5;
const MEGABYTES = 10;
const TODAY = '2026-11-23';

interface Timing { min: number; median: number }

export interface DocumentMeasurement {
  name: 'documents';
  engine: string;
  megabytes: number;
  runs: number;
  /** clamd's INSTREAM scan of the file alone. */
  scanMs: Timing;
  /** uploadDocument: scan, type, store and audit in one transaction. */
  uploadMs: Timing;
  /** documentFile: the latest version's bytes back, audited. */
  downloadMs: Timing;
  scannedWith: string;
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { min: round(ms[0]!), median: round(ms[Math.floor(RUNS / 2)]!) };
}

async function measureOn(handle: DatabaseHandle, engine: string): Promise<DocumentMeasurement> {
  await migrate(handle.db);
  // The partnership, its councils and staff; no demo children (the benchmark adds its own).
  await seedDemo(handle.db, { password: 'bench-kettle-meadow-lantern', today: TODAY, children: false });
  const ctx = await contextOf(handle.db, 'social-worker@herefordshire.example', TODAY);
  const childId = await children.create(handle.db, ctx, { firstName: 'Bench', lastName: 'Documents', dateOfBirth: '2021-01-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2023-01-01' });
  const bytes = pdf('benchmark', MEGABYTES * 1024 * 1024);
  const config = scannerConfigFrom();
  let scannedWith = '';
  const scanMs = await timed(async () => {
    const result = await scanBytes(bytes, config);
    scannedWith = result.scannedWith;
    if (!result.clean) throw new Error('the benchmark PDF was reported as malware');
  });
  let lastId = '';
  const uploadMs = await timed(async () => {
    lastId = (await documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'cpr', filename: 'bench.pdf', bytes })).id;
  });
  const downloadMs = await timed(async () => {
    const file = await documents.documentFile(handle.db, ctx, lastId);
    if (file.bytes.length !== bytes.length) throw new Error('the download is not the upload');
  });
  return { name: 'documents', engine, megabytes: MEGABYTES, runs: RUNS, scanMs, uploadMs, downloadMs, scannedWith };
}

export async function runDocumentBenchmarks(): Promise<DocumentMeasurement[]> {
  const clamd = process.env.CLAMD_SOCKET || process.env.CLAMD_HOST ? undefined : await startClamd();
  if (clamd) process.env.CLAMD_SOCKET = clamd.socket;
  const DOCUMENT_MAX_BYTES = process.env.DOCUMENT_MAX_BYTES;
  process.env.DOCUMENT_MAX_BYTES = String(Math.max(Number(DOCUMENT_MAX_BYTES) || 0, 25 * 1024 * 1024));
  const results: DocumentMeasurement[] = [];
  try {
    const pglite = await openDatabase({ dataDir: 'memory://' });
    try {
      results.push(await measureOn(pglite, 'pglite'));
    } finally {
      await pglite.close();
    }
    const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const { url, drop } = await createServerDatabase(serverUrl, 'mercia_bench_documents');
      const server = await openDatabase({ url });
      try {
        results.push(await measureOn(server, 'postgres'));
      } finally {
        await server.close();
        await drop();
      }
    }
  } finally {
    if (DOCUMENT_MAX_BYTES === undefined) delete process.env.DOCUMENT_MAX_BYTES;
    else process.env.DOCUMENT_MAX_BYTES = DOCUMENT_MAX_BYTES;
    if (clamd) {
      delete process.env.CLAMD_SOCKET;
      await clamd.stop();
    }
  }
  return results;
}

// Run on its own: npx tsx bench/documents.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runDocumentBenchmarks(), null, 2));
}
