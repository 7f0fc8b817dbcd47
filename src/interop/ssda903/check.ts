// Validation of a whole return: read it child by child (reader.ts), apply the DfE rules to
// each child (rules/), and check the return belongs to the council it is being loaded for.
// Findings are handed on in batches as they are found, so a large bad return never sits in
// memory whole.
import type { CollectionYear, Finding, Row } from './model.ts';
import { childGroups, openReturn, type ReturnFile } from './reader.ts';
import { validateChild } from './rules/index.ts';
import type * as store from './store.ts';

export interface CheckProgress {
  bytesRead: number;
  totalBytes: number;
  children: number;
}

export interface CheckInput {
  council: store.Council;
  year: CollectionYear;
  files: ReturnFile[];
  previous: Map<string, Row<'PlacedAdoption'>[]> | null;
}

export interface CheckResult {
  children: number;
  errors: number;
  warnings: number;
  totalBytes: number;
}

const BATCH = 1000;
const NON_LA_UPNS = /^UN[1-5]$/;

/** `laNames`: councils' names by DfE LA number, to name the council a return says it is from. */
export async function checkReturn(laNames: ReadonlyMap<string, string>, input: CheckInput, on: { onFindings: (batch: Finding[]) => Promise<void>; onProgress?: (p: CheckProgress) => void }): Promise<CheckResult> {
  const opened = await openReturn(input.files);
  const result: CheckResult = { children: 0, errors: 0, warnings: 0, totalBytes: opened.totalBytes };
  let pending: Finding[] = [];
  const report = (f: Finding) => {
    pending.push(f);
    if (f.severity === 'error') result.errors++;
    else result.warnings++;
  };
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await on.onFindings(batch);
  };

  opened.findings.forEach(report);
  const council = input.council;
  if (opened.declaredLa !== null && council.laNumber !== null && opened.declaredLa !== council.laNumber) {
    const named = laNames.get(opened.declaredLa);
    report({
      file: opened.xml?.name ?? '(return)', line: null, column: 'LEA', rule: 'FORMAT', severity: 'error', child: null,
      message: `This return is from LA ${opened.declaredLa}${named ? ` (${named})` : ''}, not ${council.name} (${council.laNumber})`,
    });
  }

  // A CSV return does not say whose it is; the UPNs do: their digits 2–4 are the LA number of
  // the council where each was issued. Children move schools, so only a return with none
  // issued by this council and most by one other is called another council's.
  const upnCouncils = new Map<string, number>();
  let bytesRead = 0;
  const tick = () => on.onProgress?.({ bytesRead, totalBytes: opened.totalBytes, children: result.children });
  const rulesContext = { year: input.year, previous: input.previous };

  if (opened.kind !== 'none' && !opened.findings.some((f) => f.severity === 'error' && f.line === null)) {
    for await (const group of childGroups(opened, report, (b) => { bytesRead = b; tick(); })) {
      result.children++;
      for (const f of validateChild(group, rulesContext)) report(f);
      const upn = group.header[0]?.values.UPN;
      if (upn && !NON_LA_UPNS.test(upn)) upnCouncils.set(upn.slice(1, 4), (upnCouncils.get(upn.slice(1, 4)) ?? 0) + 1);
      if (pending.length >= BATCH) await flush();
      if (result.children % 1000 === 0) tick();
    }
  }

  if (opened.kind === 'csv' && council.laNumber !== null) {
    const total = [...upnCouncils.values()].reduce((a, b) => a + b, 0);
    const [topLa, topCount] = [...upnCouncils.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (total >= 5 && !upnCouncils.has(council.laNumber) && topLa !== council.laNumber && topCount * 2 > total && laNames.has(topLa)) {
      report({
        file: opened.tables.Header?.name ?? '(return)', line: null, column: 'UPN', rule: 'FORMAT', severity: 'error', child: null,
        message: `This return looks like ${laNames.get(topLa)}'s, not ${council.name}'s: ${topCount} of ${total} UPNs were issued by LA ${topLa} and none by ${council.laNumber}`,
      });
    }
  }
  await flush();
  bytesRead = opened.totalBytes;
  tick();
  return result;
}

/** Last year's PlacedAdoption rows by CHILD, for rules 559–561 and 584. */
export async function readPrevious(files: ReturnFile[]): Promise<Map<string, Row<'PlacedAdoption'>[]>> {
  const opened = await openReturn(files);
  const byChild = new Map<string, Row<'PlacedAdoption'>[]>();
  // Only its PlacedAdoption table is needed: a missing Header or Episodes file is no problem here.
  const problems = opened.findings.filter((f) => f.severity === 'error' && f.file !== '(return)');
  if (problems.length) throw new PreviousReturnError(problems);
  for await (const group of childGroups(opened, () => undefined)) {
    if (group.placed.length) byChild.set(group.child, group.placed);
  }
  return byChild;
}

export class PreviousReturnError extends Error {
  constructor(readonly findings: Finding[]) {
    super(`Last year's return cannot be read: ${findings.map((f) => `${f.file}: ${f.message}`).join('; ')}`);
    this.name = 'PreviousReturnError';
  }
}
