// `mercia rules 903 --year Y`: the SSDA903 rules Mercia checks for a collection year. Opens no database.
import { ValidationError } from '../core/errors.ts';
import { LEFT_OUT, rulesFor, yearsText } from '../interop/ssda903/rules/catalogue.ts';
import { collectionYearOption } from './ssda903.ts';

export interface RulesOptions {
  year: string;
  format: string;
}

/** Where the command writes: the process's streams unless a test gives others. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const CONSOLE: Output = { out: (t) => console.log(t), err: (t) => console.error(t) };

/** The catalogue of one year as rows: what the text and JSON forms both print. */
export function catalogueRows(endYear: number) {
  return rulesFor(endYear).map((r) => ({
    rule: r.rule, tables: [...r.tables], message: r.description, severity: r.severity, years: yearsText(r), from: r.from, to: r.to,
  }));
}

/** Columns padded to their widest cell; the last (the message) is left as it is. */
function aligned(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** Prints the catalogue; false (exit code 1) when the year or format is not understood. */
export function rulesCommand(options: RulesOptions, output: Output = CONSOLE): boolean {
  try {
    const year = collectionYearOption(options.year);
    if (options.format !== 'text' && options.format !== 'json') throw ValidationError.of('--format', `"${options.format}" is not a format: give text or json`);
    const rows = catalogueRows(year.endYear);
    if (options.format === 'json') {
      output.out(JSON.stringify({ year: year.label, count: rows.length, rules: rows, notChecked: LEFT_OUT }, null, 2));
      return true;
    }
    output.out(`SSDA903 rules Mercia checks for ${year.label} (1 April ${year.endYear - 1} to 31 March ${year.endYear}): ${rows.length}`);
    output.out('');
    output.out(aligned([
      ['RULE', 'TABLES', 'SEVERITY', 'YEARS', 'MESSAGE'],
      ...rows.map((r) => [r.rule, r.tables.join(', '), r.severity, r.years, r.message]),
    ]));
    output.out('');
    output.out('Not checked:');
    for (const l of LEFT_OUT) output.out(`  ${l.rules}: ${l.reason}`);
    return true;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const e of error.errors) output.err(`mercia: ${e.field}: ${e.message}`);
    return false;
  }
}
