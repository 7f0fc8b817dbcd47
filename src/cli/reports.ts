// `mercia report <name>` and `mercia import comparators <file>`. A report prints as JSON or CSV
// (to stdout, or --out), or writes XLSX (--out needed). It runs as the person named by --as (their
// access applies); without it, as the operator, over every council (or the one --la names, or
// --partnership's). Errors name the option and exit 1.
import { readFile, writeFile } from 'node:fs/promises';
import type { RequestContext } from '../core/access.ts';
import { todayInEngland } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { tablesCsv, tablesXlsx } from '../core/http/tables.ts';
import { contextOption } from './ssda903.ts';

type WithDb = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

/** The command line's option for a field a service names. */
const OPTION: Record<string, string> = { la: '--la', partnership: '--partnership', from: '--from', to: '--to', windowEnd: '--window-end', year: '--year', quarter: '--quarter' };

function printError(prefix: string, error: unknown): boolean {
  if (error instanceof ValidationError) {
    for (const e of error.errors) console.error(`${prefix}: ${OPTION[e.field] ?? e.field}: ${e.message}`);
    return false;
  }
  if (error instanceof ForbiddenError || error instanceof NotFoundError) {
    console.error(`${prefix}: ${error.message}`);
    return false;
  }
  throw error;
}

/**
 * The operator's context: every council's figures, as an analyst of no one organisation. It names
 * no partnership, so without --la or --partnership a report covers every council together.
 */
async function operatorContext(db: Db): Promise<RequestContext> {
  const councils = (await db.selectFrom('organisation').select('id').where('kind', '=', 'local-authority').execute()).map((r) => r.id);
  return {
    actor: { staffId: '', email: 'operator', displayName: 'Operator (command line)', orgId: '', orgKind: 'agency', orgName: 'Command line', roles: ['analyst'] },
    facts: { today: todayInEngland(), partnerships: new Set(), delivers: new Map([['family-finding', new Set(councils)]]), grants: new Set() },
  };
}

/** Prints the report; false (exit code 1) when it cannot. */
export async function reportCommand(name: string, options: Record<string, string | undefined>, withDb: WithDb): Promise<boolean> {
  const { REPORTS, reportNamed } = await import('../insight/reports.ts');
  if (name === 'list') {
    for (const r of REPORTS) console.log(`${r.name.padEnd(24)} ${r.title}: ${r.description}`);
    return true;
  }
  const report = reportNamed(name);
  if (!report) {
    console.error(`mercia report: <name>: no report called "${name}"; \`mercia report list\` names them: ${REPORTS.map((r) => r.name).join(', ')}`);
    return false;
  }
  const format = options.format ?? 'json';
  if (!['json', 'csv', 'xlsx'].includes(format)) return printError('mercia report', ValidationError.of('--format', `"${format}" is not json, csv or xlsx`));
  if (format === 'xlsx' && !options.out) return printError('mercia report', ValidationError.of('--out', 'an XLSX workbook is written to a file: give --out <file>'));
  try {
    return await withDb(async (db) => {
      const [{ resolveScope }, { defaultPeriodFor }] = await Promise.all([import('../insight/service.ts'), import('../insight/routes/pages.ts')]);
      const ctx = (await contextOption(db, options.as)) ?? (await operatorContext(db));
      const resolved = await resolveScope(db, ctx, { la: options.la, partnership: options.partnership, from: options.from, to: options.to, windowEnd: options.windowEnd }, defaultPeriodFor(report));
      const result = await report.run(db, ctx, resolved.scope);
      let output: string | Buffer;
      if (format === 'xlsx') output = await tablesXlsx(result.tables);
      else if (format === 'csv') output = tablesCsv(result.tables);
      else {
        output = `${JSON.stringify({
          name: report.name, title: report.title,
          council: resolved.council ? { slug: resolved.council.slug, code: resolved.council.code, name: resolved.council.name } : null,
          partnership: resolved.partnership ? { slug: resolved.partnership.slug, name: resolved.partnership.name } : null,
          period: resolved.scope.period, notes: result.notes ?? [],
          tables: result.tables.map((t) => ({ caption: t.caption, columns: t.columns.map((c) => ({ key: c.key, label: c.label })), rows: t.rows })),
        }, null, 2)}\n`;
      }
      if (options.out) {
        await writeFile(options.out, output);
        console.error(`Wrote ${options.out}`);
      } else process.stdout.write(output);
      return true;
    });
  } catch (error) {
    return printError('mercia report', error);
  }
}

/** Imports comparator figures; false (exit code 1) when the file is refused. */
export async function importComparatorsCommand(file: string, options: { as?: string }, withDb: WithDb): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    console.error(`mercia import comparators: <file>: cannot read ${file}`);
    return false;
  }
  try {
    const count = await withDb(async (db) => {
      const { importComparators } = await import('../insight/comparators.ts');
      return importComparators(db, await contextOption(db, options.as), text);
    });
    console.log(`Imported ${count} comparator figure${count === 1 ? '' : 's'} from ${file}.`);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const e of error.errors) console.error(`${file}: ${OPTION[e.field] ?? e.field}: ${e.message}`);
      console.error('Nothing was imported: fix the file and run again.');
      return false;
    }
    return printError('mercia import comparators', error);
  }
}
