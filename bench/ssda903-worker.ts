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
  const baselineRssMb = Math.round(process.memoryUsage().rss / 1_048_576);
  const once = async () => {
    const started = performance.now();
    const result = await runReturn(handle.db, null, {
      council, year: parseCollectionYear(yearText)!, files, mode, today: new Date().toISOString().slice(0, 10),
      onProgress: () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); },
    });
    return { result, seconds: Math.round((performance.now() - started) / 10) / 100 };
  };
  const first = await once();
  // A check can be run again in the same process: the second run shows the cost without the
  // code's first compilation (an import is measured once: a second would update in place).
  const again = mode === 'validate' ? (await once()).seconds : null;
  console.log(JSON.stringify({
    seconds: first.seconds, secondRunSeconds: again, baselineRssMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), peakHeapMb: Math.round(heapPeak / 1_048_576),
    outcome: first.result.outcome, children: first.result.children, errors: first.result.errors, warnings: first.result.warnings, counts: first.result.counts,
  }));
} finally {
  await handle.close();
}
