// One SSDA903 measurement in a process of its own, so its peak memory is its own: validate or
// import a return into a prepared database, then print {seconds, peakRssMb, ...} as JSON.
//   node --import tsx bench/ssda903-worker.ts <validate|import> <return dir> <database url or PGlite dir>
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '../src/core/db.ts';
import { parseCollectionYear } from '../src/interop/ssda903/model.ts';
import { runReturn } from '../src/interop/ssda903/service.ts';
import * as store from '../src/interop/ssda903/store.ts';

const [mode, dir, target, yearText] = process.argv.slice(2) as ['validate' | 'import', string, string, string];
const handle = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
try {
  const council = (await store.findCouncil(handle.db, 'herefordshire'))!;
  const files = (await readdir(dir)).sort().map((name) => ({ name, path: join(dir, name) }));
  let heapPeak = 0;
  const started = performance.now();
  const result = await runReturn(handle.db, null, {
    council, year: parseCollectionYear(yearText)!, files, mode, today: new Date().toISOString().slice(0, 10),
    onProgress: () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({
    seconds: Math.round(seconds * 100) / 100, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), peakHeapMb: Math.round(heapPeak / 1_048_576),
    outcome: result.outcome, children: result.children, errors: result.errors, warnings: result.warnings, counts: result.counts,
  }));
} finally {
  await handle.close();
}
