// The DfE XML form of the SSDA903 return, read as a stream into the same ChildGroups the CSV
// reader gives. The layout (from the community validator's ingress, DOMAIN.md §4.1):
//
//   <EXPSSDA903>
//     <CHILD>
//       <HEADER>
//         CHILDID (= CHILD), SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB     -> Header row
//         DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR,
//         LS_ADOPTR (child-level items)                                -> AD1 row when DATE_INT is present
//         <AD_PLACED> DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED   (repeatable) -> PlacedAdoption
//         <PERMANENCE> PREV_PERM, LA_PERM, DATE_PERM                   (repeatable) -> PrevPerm
//         <AREVIEW>, <AMISSING>, <OC2>, UASC, DUC, IN_TOUCH...        -> not adoption data, ignored
//       </HEADER>
//       <EPISODE> DECOM, RNE, LS, CIN, PL (= PLACE), PLACE_PROVIDER, DEC, REC,
//                 REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN         (repeatable) -> Episodes
//     </CHILD> ...
//   </EXPSSDA903>
//
// Like the validator, child-level items are every leaf of the CHILD element outside the
// repeating groups, whatever wrapper they sit in. AD_PLACED and PERMANENCE rows take CHILD and
// DOB from the child. A message header before the first CHILD may carry the LA code as <LEA>.

import { createReadStream } from 'node:fs';
import type { SaxesParser as Parser } from 'saxes';
import { TABLES, type ChildGroup, type Finding, type Row, type TableName } from './model.ts';
import type { ReturnFile } from './reader.ts';

/** A cell as every reader gives it: trimmed, upper-cased, empty as null. */
export function cell(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  const t = text.trim();
  return t === '' ? null : t.toUpperCase();
}

export function emptyGroup(child: string): ChildGroup {
  return { child, header: [], episodes: [], ad1: [], placed: [], prevPerm: [] };
}

/** A DfE XML file starts, after any BOM and whitespace, with '<'. CSV never does. */
export function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/** XML tag names that differ from the CSV column names. */
const RENAMED: Record<string, string> = { CHILDID: 'CHILD', PL: 'PLACE' };
/** Repeating elements that become rows of their own. */
const ROW_GROUPS = new Set(['EPISODE', 'AD_PLACED', 'PERMANENCE']);
/** Repeating elements of tables Mercia ignores: their leaves must not leak into child-level items. */
const SKIPPED_GROUPS = new Set(['AREVIEW', 'AMISSING', 'OC2']);

function localName(tag: { name: string }): string {
  const colon = tag.name.indexOf(':');
  return colon === -1 ? tag.name : tag.name.slice(colon + 1);
}

function saxesMessage(err: Error): string {
  // saxes prefixes "line:column: "; the finding carries the line itself.
  return err.message.replace(/^\d+:\d+: /, '');
}

/** saxes, loaded when an XML return is met: a CSV return (nearly all) never needs it. */
let SaxesParser: typeof Parser | undefined;
async function saxes(): Promise<typeof Parser> {
  SaxesParser ??= (await import('saxes')).SaxesParser;
  return SaxesParser;
}

/**
 * The LA code (<LEA>) from a message header before the first CHILD, read from the sniffed
 * start of the file. Null when there is none (the validator's layout has no header at all).
 */
export async function sniffDeclaredLa(text: string): Promise<string | null> {
  const parser = new (await saxes())({ position: false });
  let la: string | null = null;
  let done = false;
  let inLea = false;
  let buf = '';
  parser.on('error', () => { done = true; });
  parser.on('opentag', (tag) => {
    const name = localName(tag);
    if (name === 'CHILD') done = true;
    inLea = !done && name === 'LEA';
    buf = '';
  });
  parser.on('text', (t) => { if (inLea) buf += t; });
  parser.on('closetag', (tag) => {
    if (inLea && localName(tag) === 'LEA' && la === null) la = cell(buf);
    inLea = false;
  });
  try {
    // The sniff is only the start of the file, so it is never closed: an unfinished document is expected.
    parser.write(text);
  } catch {
    // A malformed start is reported when the file is read; here it just means no LA code.
  }
  return done && la === null ? null : la;
}

interface Record_ { line: number; values: Record<string, string | null> }

interface ChildState {
  line: number;
  headerLine: number | null;
  items: Record<string, string | null>;
  itemLines: Record<string, number>;
  episodes: Record_[];
  placed: Record_[];
  perm: Record_[];
}

function makeRow<T extends TableName>(table: T, file: string, line: number, get: (column: string) => string | null): Row<T> {
  const values: Record<string, string | null> = {};
  for (const column of TABLES[table]) values[column] = get(column);
  return { file, line, values: values as Row<T>['values'] };
}

/**
 * Streams one XML return, yielding a ChildGroup per CHILD element as soon as it closes, so
 * memory holds one child (plus one read chunk) at a time. Problems go to `report`; after
 * malformed XML or bad UTF-8 nothing more is read.
 */
export async function* readXmlGroups(
  file: ReturnFile,
  report: (f: Finding) => void,
  onBytes: (n: number) => void,
): AsyncGenerator<ChildGroup> {
  const fail = (message: string, line: number | null, column: string | null = null, child: string | null = null): void =>
    report({ file: file.name, line, column, rule: 'FORMAT', message, severity: 'error', child });

  const parser = new (await saxes())({ position: true });
  const ready: ChildGroup[] = [];
  const seen = new Set<string>();
  let failed = false;

  // The open elements, innermost last, with the line each started on and whether it has child elements.
  const names: string[] = [];
  const lines: number[] = [];
  const hasKids: boolean[] = [];
  let startLine = 1;
  let text = '';
  let child: ChildState | null = null;
  let group: Record_ | null = null;
  let skipDepth = -1; // depth of an open SKIPPED_GROUPS element, or -1

  function finishChild(c: ChildState): void {
    const id = c.items.CHILD ?? null;
    if (id === null) return fail('CHILD element has no CHILDID; it is not read', c.line, 'CHILD');
    if (seen.has(id)) return fail(`CHILD ${id} appears more than once; this later element is not read`, c.line, 'CHILD', id);
    seen.add(id);
    const g = emptyGroup(id);
    const item = (col: string): string | null => (col === 'CHILD' ? id : c.items[col] ?? null);
    g.header.push(makeRow('Header', file.name, c.headerLine ?? c.line, item));
    for (const e of c.episodes) g.episodes.push(makeRow('Episodes', file.name, e.line, (col) => (col === 'CHILD' ? id : e.values[col] ?? null)));
    if (c.items.DATE_INT) g.ad1.push(makeRow('AD1', file.name, c.itemLines.DATE_INT ?? c.line, item));
    const ofChild = (r: Record_) => (col: string): string | null => (col === 'CHILD' || col === 'DOB' ? item(col) : r.values[col] ?? null);
    for (const p of c.placed) g.placed.push(makeRow('PlacedAdoption', file.name, p.line, ofChild(p)));
    for (const p of c.perm) g.prevPerm.push(makeRow('PrevPerm', file.name, p.line, ofChild(p)));
    ready.push(g);
  }

  parser.on('error', (err) => {
    if (!failed) fail(`The XML is not well formed: ${saxesMessage(err)}`, parser.line);
    failed = true;
  });
  parser.on('opentagstart', () => { startLine = parser.line; });
  parser.on('opentag', (tag) => {
    if (failed) return;
    const name = localName(tag);
    const depth = names.length;
    if (depth > 0) hasKids[depth - 1] = true;
    names.push(name);
    lines.push(startLine);
    hasKids.push(false);
    text = '';
    if (depth === 0) {
      if (name !== 'EXPSSDA903') {
        fail(`The XML root element is <${name}>, not <EXPSSDA903>: this is not an SSDA903 return`, startLine);
        failed = true;
      }
    } else if (depth === 1) {
      if (name === 'CHILD') child = { line: startLine, headerLine: null, items: {}, itemLines: {}, episodes: [], placed: [], perm: [] };
    } else if (child !== null) {
      if (name === 'HEADER' && depth === 2) child.headerLine = startLine;
      if (skipDepth === -1 && group === null) {
        if (ROW_GROUPS.has(name)) group = { line: startLine, values: {} };
        else if (SKIPPED_GROUPS.has(name)) skipDepth = depth;
      }
    }
  });
  const onText = (t: string): void => { text += t; };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (failed) return;
    const name = names.pop() as string;
    const line = lines.pop() as number;
    const leaf = !hasKids.pop();
    const depth = names.length;
    if (child === null) return;
    if (depth === 1) {
      finishChild(child);
      child = null;
    } else if (depth === skipDepth) {
      skipDepth = -1;
    } else if (group !== null && ROW_GROUPS.has(name) && group.line === line) {
      const list = name === 'EPISODE' ? child.episodes : name === 'AD_PLACED' ? child.placed : child.perm;
      list.push(group);
      group = null;
    } else if (leaf && skipDepth === -1) {
      const column = RENAMED[name] ?? name;
      if (group !== null) group.values[column] = cell(text);
      else {
        child.items[column] = cell(text);
        child.itemLines[column] = line;
      }
    }
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const input = createReadStream(file.path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      let decoded: string;
      try {
        decoded = decoder.decode(chunk, { stream: true });
      } catch {
        fail('The file is not valid UTF-8 text; reading stopped here', parser.line);
        return;
      }
      parser.write(decoded);
      // Hand over what this chunk completed before reading on, so memory stays at one chunk.
      for (const g of ready.splice(0)) yield g;
      if (failed) return;
    }
    try {
      decoder.decode();
    } catch {
      fail('The file ends part-way through a UTF-8 character', parser.line);
      return;
    }
    parser.close();
    for (const g of ready.splice(0)) yield g;
  } catch (err) {
    fail(`The file could not be read: ${(err as Error).message}`, null);
  } finally {
    input.destroy();
  }
}
