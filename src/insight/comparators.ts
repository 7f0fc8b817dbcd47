// Comparator figures from a CSV file (`mercia import comparators FILE`): the published England
// and statistical-neighbour figures the council's own are shown beside. All or nothing: any bad
// line refuses the file, naming the line and column, and nothing is imported.
//
// Columns: measure (A1, A2, A10, …), comparator (england | statistical-neighbours), council
// (slug, ONS code or LA number; blank for England, whose neighbours otherwise), period_end (the
// 31 March ending the window or year), value, source.
import { parse } from 'csv-parse/sync';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, ValidationError, type FieldError } from '../core/errors.ts';
import { isWindowEnd } from './periods.ts';
import { hasRole } from '../core/access.ts';
import * as store from './store.ts';

const COLUMNS = ['measure', 'comparator', 'council', 'period_end', 'value', 'source'] as const;

export interface ComparatorLineInput {
  line: number;
  measure: string;
  comparator: 'england' | 'statistical-neighbours';
  council: string | null;
  periodEnd: string;
  value: number;
  source: string;
}

/** The file's figures, or every problem with it as `line N, column C: reason` (as field errors). */
export function parseComparators(text: string): ComparatorLineInput[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw ValidationError.of('file', `The file is not CSV: ${(error as Error).message}`);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw ValidationError.of('line 1', `The header must name the columns ${COLUMNS.join(', ')}; missing ${missing.join(', ')}`);
  const at = (row: string[], c: (typeof COLUMNS)[number]) => row[header.indexOf(c)]?.trim() ?? '';
  const errors: FieldError[] = [];
  const out: ComparatorLineInput[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const bad = (column: string, message: string) => errors.push({ field: `line ${line}, column ${column}`, message });
    const measure = at(row, 'measure').toUpperCase();
    const comparator = at(row, 'comparator').toLowerCase();
    const council = at(row, 'council') || null;
    const periodEnd = at(row, 'period_end');
    const valueText = at(row, 'value');
    const source = at(row, 'source');
    if (!/^[A-Z][A-Z0-9]{0,9}$/.test(measure)) bad('measure', `"${measure}" is not a measure code such as A1`);
    if (comparator !== 'england' && comparator !== 'statistical-neighbours') bad('comparator', `"${comparator}" is not england or statistical-neighbours`);
    if (comparator === 'england' && council) bad('council', 'England\'s figures name no council: leave it blank');
    if (comparator === 'statistical-neighbours' && !council) bad('council', 'Name the council whose statistical neighbours these are');
    if (!isWindowEnd(periodEnd)) bad('period_end', `"${periodEnd}" is not a 31 March (YYYY-03-31)`);
    const value = Number(valueText);
    if (valueText === '' || !Number.isFinite(value) || value < 0) bad('value', `"${valueText}" is not a number of zero or more`);
    if (!source) bad('source', 'Name where the figure was published');
    const key = `${measure}|${comparator}|${council ?? ''}|${periodEnd}`;
    if (seen.has(key)) bad('period_end', `The same figure is given twice (${measure}, ${comparator}${council ? `, ${council}` : ''}, ${periodEnd})`);
    seen.add(key);
    out.push({ line, measure, comparator: comparator as ComparatorLineInput['comparator'], council, periodEnd, value, source });
  });
  if (errors.length) throw new ValidationError(errors);
  if (out.length === 0) throw ValidationError.of('line 2', 'The file holds no figures');
  return out;
}

/** Analysts and administrators keep the published figures (null: the operator, on the command line). */
export async function importComparators(db: Db, ctx: RequestContext | null, text: string, options: { illustrative?: boolean } = {}): Promise<number> {
  if (ctx && !hasRole(ctx.actor, 'analyst', 'admin')) throw new ForbiddenError('Only analysts and administrators import comparator figures');
  const lines = parseComparators(text);
  const councils = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const l of lines) {
    if (!l.council || councils.has(l.council)) continue;
    const found = await store.councilNamed(db, l.council);
    if (found) councils.set(l.council, found.id);
    else errors.push({ field: `line ${l.line}, column council`, message: `There is no council "${l.council}"` });
  }
  if (errors.length) throw new ValidationError(errors);
  await db.transaction().execute(async (tx) => {
    await store.saveComparators(tx, lines.map((l) => ({
      measure: l.measure, comparator: l.comparator, councilId: l.council ? councils.get(l.council)! : null, periodEnd: l.periodEnd, value: l.value, source: l.source, illustrative: options.illustrative,
    })));
    await recordAudit(tx, { actor: ctx ? auditActor(ctx.actor) : null, action: 'import', recordType: 'comparator_figure', ownerId: ctx?.actor.orgId, detail: { figures: lines.length } });
  });
  return lines.length;
}
