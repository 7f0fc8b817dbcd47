// One SSDA903 measurement in a process of its own, so its peak memory is its own.
//   validate | import: run a return into a prepared database, then print {seconds, peakRssMb, ...} as JSON.
//   read: the reader alone (every child group, nothing checked); rules: the DfE rules alone (the
//   time spent in validateChild, the groups streamed from the reader). Both without a database:
//   one cold pass, then the best of three more, as JSON.
//   node --import tsx bench/ssda903-worker.ts <validate|import|read|rules> <return dir> <database url, PGlite dir, or -> <year>
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '../src/core/db.ts';
import { parseCollectionYear, type CollectionYear } from '../src/interop/ssda903/model.ts';
import { childGroups, openReturn, type ReturnFile } from '../src/interop/ssda903/reader.ts';
import { validateChild } from '../src/interop/ssda903/rules/index.ts';
import { runReturn } from '../src/interop/ssda903/service.ts';
import * as store from '../src/interop/ssda903/store.ts';

type Mode = 'validate' | 'import' | 'read' | 'rules';

const [mode, dir, target, yearText] = process.argv.slice(2) as [Mode, string, string, string];
const files = (await readdir(dir)).sort().map((name) => ({ name, path: join(dir, name) }));
const year = parseCollectionYear(yearText)!;
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);
const seconds = (ms: number) => Math.round(ms / 10) / 100;

if (mode === 'read' || mode === 'rules') {
  const baselineRssMb = rssMb();
  const passes = [];
  for (let pass = 0; pass < 4; pass++) passes.push(await streamPass(files, year, mode === 'rules'));
  const [cold, ...warm] = passes;
  console.log(JSON.stringify({
    seconds: seconds(cold!.ms), bestWarmSeconds: seconds(Math.min(...warm.map((p) => p.ms))), baselineRssMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), children: cold!.children, findings: cold!.findings,
  }));
} else {
  const handle = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
  const baselineRssMb = rssMb();
  try {
    const council = (await store.findCouncil(handle.db, 'herefordshire'))!;
    let heapPeak = 0;
    const once = async () => {
      const started = performance.now();
      const result = await runReturn(handle.db, null, {
        council, year, files, mode, today: new Date().toISOString().slice(0, 10),
        onProgress: () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); },
      });
      return { result, seconds: seconds(performance.now() - started) };
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
}

/**
 * One pass over the return, streamed child by child. Reading: the whole pass. Rules: only the
 * time inside validateChild (the reader's time left out), as the checking of a return would spend it.
 */
async function streamPass(files: ReturnFile[], year: CollectionYear, rules: boolean): Promise<{ ms: number; children: number; findings: number }> {
  const context = { year, previous: null };
  let children = 0;
  let findings = 0;
  let inRules = 0;
  const started = performance.now();
  for await (const group of childGroups(await openReturn(files), () => { findings++; })) {
    children++;
    if (rules) {
      const t0 = performance.now();
      findings += validateChild(group, context).length;
      inRules += performance.now() - t0;
    }
  }
  return { ms: rules ? inRules : performance.now() - started, children, findings };
}
