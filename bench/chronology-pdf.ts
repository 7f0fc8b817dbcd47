// Chronology PDF benchmark: a 500-entry chronology (pdf.ts, chronology-pdf.ts) rendered five
// times in this process, after one warm-up render that loads the fonts and compiles the code.
// No database. Run alone with `npx tsx -e "import('./bench/chronology-pdf.ts').then(async (m) =>
// console.log(JSON.stringify(await m.runChronologyPdfBenchmark(), null, 2)))"`.
import { performance } from 'node:perf_hooks';
import { chronologyPdf, type ChronologyPdfEntry } from '../src/casework/chronology-pdf.ts';
import { renderPdf } from '../src/casework/pdf.ts';

export interface ChronologyPdfMeasurement {
  name: 'chronology-pdf';
  entries: number;
  runs: number;
  pages: number;
  kilobytes: number;
  /** The first render in the process: fonts read, code compiled. */
  coldMs: number;
  ms: { min: number; median: number };
}

const ENTRIES = 500;
const RUNS = 5;

/** A synthetic chronology: a visit, a note or a check most days over about 18 months, a third with detail. */
function entries(): ChronologyPdfEntry[] {
  const kinds = ['Statutory visit', 'Case note', 'Check', 'Telephone call'];
  const start = Date.UTC(2025, 0, 6);
  return Array.from({ length: ENTRIES }, (_, i) => ({
    date: new Date(start + i * 1.1 * 86_400_000).toISOString().slice(0, 10),
    time: i % 2 === 0 ? `${String(9 + (i % 8)).padStart(2, '0')}:${i % 4 === 0 ? '00' : '30'}` : undefined,
    kind: kinds[i % kinds.length]!,
    title: `Entry ${i + 1}: ${kinds[i % kinds.length]!.toLowerCase()} with the applicants`,
    detail: i % 3 === 0 ? 'Discussed the household\'s support network, the children\'s bedrooms and the plan for the next visit. Both applicants were present.' : undefined,
    by: 'Social worker',
  }));
}

export async function runChronologyPdfBenchmark(): Promise<ChronologyPdfMeasurement> {
  const doc = chronologyPdf({ label: 'Bench household (H-0000)', kind: 'Adopter household' }, entries(), '2026-01-02');
  const coldStart = performance.now();
  const first = await renderPdf(doc);
  const coldMs = performance.now() - coldStart;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await renderPdf(doc);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name: 'chronology-pdf',
    entries: ENTRIES,
    runs: RUNS,
    pages: pageCount(first),
    kilobytes: round(first.length / 1024),
    coldMs: round(coldMs),
    ms: { min: round(times[0]!), median: round(times[Math.floor(RUNS / 2)]!) },
  };
}

// The page tree's /Count. pdfkit writes its dictionaries uncompressed (only content streams are
// compressed), so the root Pages object can be read from the bytes without a PDF parser.
function pageCount(pdf: Buffer): number {
  const m = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('No page tree found in the PDF');
  return Number(m[1]);
}
