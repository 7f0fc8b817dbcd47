// The PDFs are read back with pdf.js (Mozilla's parser, the one in Firefox), so a test finds
// the text a reader would see, not bytes that happen to match.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.ts';
import { chronologyPdf, type ChronologyPdfEntry } from './chronology-pdf.ts';
import { fillLetter } from './letters.ts';
import { renderPdf, type PdfDocument } from './pdf.ts';

interface ReadPdf {
  pages: number;
  /** Each page's text, runs of white space made one space. */
  text: string[];
  title: unknown;
  creationDate: unknown;
}

async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const text: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
    }
    const info: Record<string, unknown> = Object.fromEntries(Object.entries((await pdf.getMetadata()).info));
    return { pages: pdf.numPages, text, title: info.Title, creationDate: info.CreationDate };
  } finally {
    await pdf.destroy();
  }
}

const LETTER_FIELDS = {
  agencyName: 'Thurrock Adoption Consortium',
  addressee: 'Łukasz Nowak and Nguyễn Thị Mai',
  address: '7 Riverside Close\nGrays\nRM17 6XX',
  salutation: 'Łukasz and Mai',
  reference: 'H-0107',
  decidedOn: '2026-01-16',
  reasons: 'We were not able to complete the checks we need (see section 3).',
};

describe('renderPdf', () => {
  it('makes a PDF whose text is the letter, names beyond Latin-1 included', async () => {
    const bytes = await renderPdf(fillLetter('stage-1-not-proceed', LETTER_FIELDS, '2026-01-20'));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(bytes);
    const text = pdf.text.join(' ');
    expect(pdf.pages).toBe(1);
    expect(text).toContain('Thurrock Adoption Consortium');
    expect(text).toContain('Łukasz Nowak and Nguyễn Thị Mai');
    expect(text).toContain('Dear Łukasz and Mai');
    expect(text).toContain('20 January 2026');
    expect(text).toContain('Our reference: H-0107');
    expect(text).toContain('on 16 January 2026 we decided that your application should not go on to Stage 2');
    expect(text).toContain('We were not able to complete the checks we need (see section 3).');
    expect(text).toContain('Team Manager, Adopter Assessment');
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(pdf.title).toBe('Your application to adopt: our Stage 1 decision');
  });

  it('gives the same bytes for the same document, dated by the document, not the clock', async () => {
    const doc = fillLetter('stage-1-proceed', LETTER_FIELDS, '2026-01-20');
    const [a, b] = await Promise.all([renderPdf(doc), renderPdf(doc)]);
    expect(a.equals(b)).toBe(true);
    expect((await readPdf(a)).creationDate).toMatch(/^D:20260120000000/);
    const later = await renderPdf({ ...doc, date: '2026-01-21' });
    expect(later.equals(a)).toBe(false);
  });

  it('keeps text that looks like PDF syntax as text, in the body and the title', async () => {
    const hostile = 'Smith) Tj ET /Type /Catalog >> endobj \\ (x';
    const doc: PdfDocument = { title: `Chronology: ${hostile}`, date: '2026-01-20', paragraphs: [hostile], table: { header: ['A'], rows: [[hostile]] } };
    const pdf = await readPdf(await renderPdf(doc));
    expect(pdf.title).toBe(`Chronology: ${hostile}`);
    expect(pdf.text[0]!.split(hostile).length - 1).toBe(3);
  });

  it('refuses a document whose date is not a calendar date, or a table row of the wrong width', async () => {
    await expect(renderPdf({ title: 'T', date: '2026-13-01', paragraphs: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(renderPdf({ title: 'T', date: '2026-01-01', paragraphs: [], table: { header: ['A', 'B'], rows: [['only one']] } })).rejects.toThrow(/table\.rows\.0/);
  });
});

describe('chronology PDF', () => {
  it('renders 500 entries over several pages, oldest first, each page marked and numbered', async () => {
    const entries: ChronologyPdfEntry[] = Array.from({ length: 500 }, (_, i) => ({
      // Given newest first, so the order in the PDF is the document's doing.
      date: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString().slice(0, 10),
      kind: i % 3 === 0 ? 'Visit' : 'Case note',
      title: `Entry number ${500 - i}`,
      detail: i % 2 === 0 ? 'Home visit with both applicants; discussed support networks and the children\'s bedrooms.' : undefined,
      by: 'Social worker',
    }));
    const bytes = await renderPdf(chronologyPdf({ label: 'Okafor household (H-0042)', kind: 'Adopter household' }, entries, '2026-01-02'));
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.text[0]).toContain('Chronology: Okafor household (H-0042)');
    expect(pdf.text[0]).toContain('Printed on 2 January 2026. 500 entries, oldest first.');
    const all = pdf.text.join(' ');
    const numbers = Array.from(all.matchAll(/Entry number (\d+)/g), (m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    pdf.text.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pdf.pages}`);
      expect(page).toContain('OFFICIAL-SENSITIVE');
      // The table's header row repeats on every page.
      expect(page).toMatch(/Date Kind Entry By/);
    });
  });
});

describe('long unbroken words', () => {
  it('wrap inside the page, so every column of a chronology stays on it', async () => {
    const long = `${'a'.repeat(400)}.pdf`;
    const entries: ChronologyPdfEntry[] = [{ date: '2026-01-05', kind: 'Document', title: `CPR added: ${long}`, detail: long, by: 'Sam Worker' }];
    const bytes = await renderPdf(chronologyPdf({ label: 'Ffion Longname', kind: 'Child' }, entries, '2026-02-01'));
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    try {
      const page = await pdf.getPage(1);
      const width = page.getViewport({ scale: 1 }).width;
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim());
      const rightEdges = items.map((i) => ('transform' in i ? i.transform[4] + i.width : 0));
      expect(Math.max(...rightEdges)).toBeLessThanOrEqual(width);
      expect(items.map((i) => ('str' in i ? i.str : '')).join(' ')).toContain('Sam Worker');
    } finally {
      await pdf.destroy();
    }
  });
});
