import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TABLES, type ChildGroup, type Finding, type TableName } from './model.ts';
import { childGroups, openReturn, type OpenedReturn, type ReturnFile } from './reader.ts';

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mercia-903-xml-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

async function write(name: string, content: string): Promise<ReturnFile> {
  const p = path.join(dir, name);
  await fs.writeFile(p, content);
  return { name, path: p };
}

async function readAll(opened: OpenedReturn): Promise<{ groups: ChildGroup[]; findings: Finding[] }> {
  const groups: ChildGroup[] = [];
  const findings: Finding[] = [];
  for await (const g of childGroups(opened, (f) => findings.push(f))) groups.push(g);
  return { groups, findings };
}

// The DfE layout (EXPSSDA903 > CHILD > HEADER + EPISODE), one element per line so that lines can be checked.
const CHILD_1001 = `  <CHILD>
    <HEADER>
      <CHILDID>1001</CHILDID>
      <UPN>A123456789012</UPN>
      <SEX>m</SEX>
      <DOB>01/02/2019</DOB>
      <ETHNIC>WBRI</ETHNIC>
      <UASC />
      <DATE_INT>01/03/2021</DATE_INT>
      <DATE_MATCH>05/03/2021</DATE_MATCH>
      <FOSTER_CARE>0</FOSTER_CARE>
      <NB_ADOPTR>2</NB_ADOPTR>
      <SEX_ADOPTR>MF</SEX_ADOPTR>
      <LS_ADOPTR>l11</LS_ADOPTR>
      <AREVIEW><REVIEW>01/01/2021</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
      <MOTHER />
      <MC_DOB />
      <AD_PLACED>
        <DATE_PLACED>01/06/2020</DATE_PLACED>
        <DATE_PLACED_CEASED />
        <REASON_PLACED_CEASED />
      </AD_PLACED>
      <PERMANENCE><PREV_PERM>Z1</PREV_PERM><LA_PERM /><DATE_PERM /></PERMANENCE>
      <OC2><SDQ_SCORE>12</SDQ_SCORE><CONVICTED>0</CONVICTED></OC2>
    </HEADER>
    <EPISODE>
      <DECOM>01/04/2020</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U5</PL><PL_POST>AB1 2CD</PL_POST><HOME_POST>EF3 4GH</HOME_POST>
      <URN>SC123</URN><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/06/2020</DEC><REC>X1</REC><REASON_PLACE_CHANGE>APPRR</REASON_PLACE_CHANGE>
    </EPISODE>
    <EPISODE>
      <DECOM>01/06/2020</DECOM><RNE>T</RNE><LS>E1</LS><CIN>N1</CIN><PL>A5</PL><PL_POST /><HOME_POST />
      <URN>SC123</URN><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>05/03/2021</DEC><REC>e11</REC><REASON_PLACE_CHANGE />
    </EPISODE>
  </CHILD>
`;
const CHILD_1002 = `  <CHILD>
    <HEADER><CHILDID>1002</CHILDID><UPN>UN1</UPN><SEX>F</SEX><DOB>03/04/2018</DOB><ETHNIC>MWBC</ETHNIC><MOTHER>0</MOTHER><MC_DOB /></HEADER>
    <EPISODE><DECOM>01/05/2021</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>U1</PL><URN>SC9</URN><PLACE_PROVIDER>PR2</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE /><HOME_POST /><PL_POST /></EPISODE>
  </CHILD>
`;
const xmlReturn = (...children: string[]): string => `<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n${children.join('')}</EXPSSDA903>\n`;

/** The same two children as CSV files. */
async function csvEquivalent(): Promise<ReturnFile[]> {
  const rows: Record<TableName, Record<string, string>[]> = {
    Header: [
      { CHILD: '1001', UPN: 'A123456789012', SEX: 'M', DOB: '01/02/2019', ETHNIC: 'WBRI' },
      { CHILD: '1002', UPN: 'UN1', SEX: 'F', DOB: '03/04/2018', ETHNIC: 'MWBC', MOTHER: '0' },
    ],
    Episodes: [
      { CHILD: '1001', DECOM: '01/04/2020', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U5', PL_POST: 'AB1 2CD', HOME_POST: 'EF3 4GH', URN: 'SC123', PLACE_PROVIDER: 'PR1', DEC: '01/06/2020', REC: 'X1', REASON_PLACE_CHANGE: 'APPRR' },
      { CHILD: '1001', DECOM: '01/06/2020', RNE: 'T', LS: 'E1', CIN: 'N1', PLACE: 'A5', URN: 'SC123', PLACE_PROVIDER: 'PR1', DEC: '05/03/2021', REC: 'E11' },
      { CHILD: '1002', DECOM: '01/05/2021', RNE: 'S', LS: 'V2', CIN: 'N2', PLACE: 'U1', URN: 'SC9', PLACE_PROVIDER: 'PR2' },
    ],
    AD1: [{ CHILD: '1001', DOB: '01/02/2019', DATE_INT: '01/03/2021', DATE_MATCH: '05/03/2021', FOSTER_CARE: '0', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11' }],
    PlacedAdoption: [{ CHILD: '1001', DOB: '01/02/2019', DATE_PLACED: '01/06/2020' }],
    PrevPerm: [{ CHILD: '1001', DOB: '01/02/2019', PREV_PERM: 'Z1' }],
  };
  const files: ReturnFile[] = [];
  for (const [table, list] of Object.entries(rows)) {
    const cols = TABLES[table as TableName];
    const text = [cols.join(','), ...list.map((r) => cols.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
    files.push(await write(`${table}.csv`, text));
  }
  return files;
}

const valuesOnly = (g: ChildGroup): unknown => {
  const v = (rows: { values: unknown }[]): unknown[] => rows.map((r) => r.values);
  return { child: g.child, header: v(g.header), episodes: v(g.episodes), ad1: v(g.ad1), placed: v(g.placed), prevPerm: v(g.prevPerm) };
};

describe('the DfE XML return', () => {
  it('reads into the same groups as the equivalent CSV files', async () => {
    const x = await write('return.xml', xmlReturn(CHILD_1001, CHILD_1002));
    const opened = await openReturn([x]);
    expect(opened).toMatchObject({ kind: 'xml', xml: x, tables: {}, findings: [], declaredLa: null });
    expect(opened.totalBytes).toBe((await fs.stat(x.path)).size);
    const fromXml = await readAll(opened);
    expect(fromXml.findings).toEqual([]);

    const fromCsv = await readAll(await openReturn(await csvEquivalent()));
    expect(fromCsv.findings).toEqual([]);
    expect(fromXml.groups.map(valuesOnly)).toEqual(fromCsv.groups.map(valuesOnly));

    // Each row points at its element in the XML file.
    const [g] = fromXml.groups as [ChildGroup];
    expect(g.header[0]).toMatchObject({ file: 'return.xml', line: 4 });
    expect(g.ad1[0]?.line).toBe(11); // the DATE_INT item
    expect(g.placed[0]?.line).toBe(20);
    expect(g.prevPerm[0]?.line).toBe(25);
    expect(g.episodes.map((r) => r.line)).toEqual([28, 32]);
    expect(fromXml.groups[1]?.ad1).toEqual([]); // no DATE_INT, no AD1 row
  });

  it('takes the LA code from a message header, and accepts a BOM and leading whitespace', async () => {
    const text = `\uFEFF  \n<EXPSSDA903>\n<Header><CollectionDetails><Collection>SSDA903</Collection></CollectionDetails><Source><LEA> 873 </LEA></Source></Header>\n${CHILD_1002}</EXPSSDA903>\n`;
    const opened = await openReturn([await write('la.xml', text)]);
    expect(opened.kind).toBe('xml');
    expect(opened.declaredLa).toBe('873');
    const { groups, findings } = await readAll(opened);
    expect(findings).toEqual([]);
    expect(groups.map((g) => g.child)).toEqual(['1002']);
  });

  it('reports malformed XML with its line, keeping the children read before it', async () => {
    const broken = `  <CHILD>\n    <HEADER><CHILDID>1003</CHILDID></HEADER>\n    <EPISODE><DECOM>01/01/2021</DECM></EPISODE>\n  </CHILD>\n`;
    const { groups, findings } = await readAll(await openReturn([await write('bad.xml', xmlReturn(CHILD_1002, broken))]));
    expect(groups.map((g) => g.child)).toEqual(['1002']);
    const line = xmlReturn(CHILD_1002, broken).split('\n').findIndex((l) => l.includes('</DECM>')) + 1;
    expect(findings).toEqual([expect.objectContaining({ file: 'bad.xml', line, rule: 'FORMAT', severity: 'error', message: expect.stringMatching(/not well formed/) })]);
  });

  it('reports a CHILD that appears twice and skips the second', async () => {
    const again = CHILD_1002.replace('<SEX>F</SEX>', '<SEX>M</SEX>');
    const text = xmlReturn(CHILD_1002, CHILD_1001, again);
    const { groups, findings } = await readAll(await openReturn([await write('dup.xml', text)]));
    expect(groups.map((g) => g.child)).toEqual(['1002', '1001']);
    expect(groups[0]?.header[0]?.values.SEX).toBe('F');
    const line = text.split('\n').lastIndexOf('  <CHILD>') + 1;
    expect(findings).toEqual([expect.objectContaining({ file: 'dup.xml', line, column: 'CHILD', child: '1002', message: expect.stringMatching(/more than once/) })]);
  });

  it('reports a CHILD element with no CHILDID', async () => {
    const text = xmlReturn('  <CHILD>\n    <HEADER><SEX>M</SEX></HEADER>\n  </CHILD>\n', CHILD_1002);
    const { groups, findings } = await readAll(await openReturn([await write('noid.xml', text)]));
    expect(groups.map((g) => g.child)).toEqual(['1002']);
    expect(findings).toEqual([expect.objectContaining({ line: 3, column: 'CHILD', message: expect.stringMatching(/no CHILDID/) })]);
  });

  it('refuses XML that is not an SSDA903 return', async () => {
    const { groups, findings } = await readAll(await openReturn([await write('cin.xml', '<Message><Children/></Message>')]));
    expect(groups).toEqual([]);
    expect(findings[0]?.message).toMatch(/root element is <Message>/);
  });

  it('allows only one XML file, and no CSV files beside it', async () => {
    const x1 = await write('a.xml', xmlReturn(CHILD_1002));
    const x2 = await write('b.xml', xmlReturn(CHILD_1001));
    const two = await openReturn([x1, x2]);
    expect(two.kind).toBe('none');
    expect(two.findings).toEqual([expect.objectContaining({ file: '(return)', message: expect.stringMatching(/^2 XML files/) })]);

    const mixed = await openReturn([x1, ...(await csvEquivalent())]);
    expect(mixed.kind).toBe('none');
    expect(mixed.findings).toEqual([expect.objectContaining({ file: '(return)', message: expect.stringMatching(/cannot be mixed with CSV/) })]);
    expect((await readAll(mixed)).groups).toEqual([]);
  });
});
