// Generated documents as PDF (decision 010): a small description of a document — title,
// address, date, paragraphs, one table, a protective marking — and the one place that turns it
// into pdfmake's document definition. Letters and chronologies build a PdfDocument (pure); only
// renderPdf touches the library. The same PdfDocument always gives the same bytes: the PDF's
// dates come from the document's own date, never the clock.
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatDate, isCalendarDate } from '../core/dates.ts';
import { ValidationError } from '../core/errors.ts';

/** A run of text in a table cell; bold for a cell's heading line. */
export interface PdfRun {
  text: string;
  bold?: boolean;
}

/** A table cell: plain text, or runs of text (a line break is `\n` inside a run). */
export type PdfCell = string | readonly PdfRun[];

export interface PdfTable {
  header: readonly string[];
  rows: readonly (readonly PdfCell[])[];
  /** Column widths in points, '*' to share what is left, or 'auto'; all '*' when left out. */
  widths?: readonly (number | '*' | 'auto')[];
}

export interface PdfDocument {
  /** The heading on the first page, the running header on the rest, and the PDF's title. */
  title: string;
  /** The organisation the document is from, at the top of the first page. */
  sender?: string;
  /** The recipient's address, one line each. */
  address?: readonly string[];
  /** `YYYY-MM-DD`: shown as "2 January 2026", and the PDF's creation date. */
  date: string;
  /** Shown as "Our reference: …" under the date. */
  reference?: string;
  /** Plain text; `\n` inside a paragraph is a line break. */
  paragraphs: readonly string[];
  table?: PdfTable;
  /** A protective marking such as OFFICIAL-SENSITIVE, at the foot of every page. */
  footer?: string;
}

// Roboto ships inside the pdfmake package, so nothing is fetched from the internet. It is
// embedded (subset) rather than using PDF's built-in Helvetica, whose WinAnsi encoding cannot
// write names such as Łukasz or Nguyễn: Helvetica garbles them.
const fromPackage = createRequire(import.meta.url);
const roboto = (file: string) => fromPackage.resolve(`pdfmake/fonts/Roboto/${file}`);
const FONT_FILES = {
  normal: roboto('Roboto-Regular.ttf'),
  bold: roboto('Roboto-Medium.ttf'),
  italics: roboto('Roboto-Italic.ttf'),
  bolditalics: roboto('Roboto-MediumItalic.ttf'),
};
const ALLOWED_FILES = new Set(Object.values(FONT_FILES));

// GOV.UK's text colour and the light grey of its table headers and secondary text.
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';
const HEADER_FILL = '#f3f2f1';
const MM = 72 / 25.4;
const MARGIN = Math.round(20 * MM);

/** The PDF of a document. Refuses (ValidationError) a date that is not a calendar date. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const definition = toDefinition(doc);
  // pdfmake is one shared object with settings of its own. They are set on every call, just
  // before createPdf reads them, so nothing else in the process can leave it with other fonts or
  // let a document reach a URL or a file: the only files it may read are the four fonts above.
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FILES.has(path));
  return pdfmake.createPdf(definition).getBuffer();
}

// The one mapping from Mercia's description to pdfmake's document definition.
function toDefinition(doc: PdfDocument): TDocumentDefinitions {
  if (!isCalendarDate(doc.date)) throw ValidationError.of('date', 'Enter a real date in the form YYYY-MM-DD');
  const created = new Date(`${doc.date}T00:00:00Z`);
  const content: Content[] = [];
  if (doc.sender) content.push({ text: doc.sender, style: 'sender' });
  if (doc.address?.length) content.push({ text: doc.address.join('\n'), margin: [0, 24, 0, 0] });
  content.push({ text: formatDate(doc.date), margin: [0, doc.address?.length ? 18 : 12, 0, 0] });
  if (doc.reference) content.push({ text: `Our reference: ${doc.reference}`, color: SECONDARY });
  content.push({ text: doc.title, style: 'title' });
  for (const paragraph of doc.paragraphs) content.push({ text: breakable(paragraph), style: 'paragraph' });
  if (doc.table) content.push(table(doc.table));
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    language: 'en-GB',
    displayTitle: true,
    info: { title: doc.title, author: doc.sender, creator: 'Mercia', producer: 'Mercia (pdfmake)', creationDate: created, modDate: created },
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.25, color: TEXT },
    styles: {
      sender: { fontSize: 14, bold: true },
      title: { fontSize: 16, bold: true, margin: [0, 18, 0, 12] },
      paragraph: { margin: [0, 0, 0, 8] },
      tableHeader: { bold: true, fillColor: HEADER_FILL },
    },
    // The first page has the heading; later pages name the document, so a loose page is known.
    header: (page) => (page === 1 ? '' : { text: doc.title, fontSize: 8, color: SECONDARY, margin: [MARGIN, MARGIN / 2, MARGIN, 0] }),
    footer: (page, pages) => ({
      margin: [MARGIN, MARGIN / 3, MARGIN, 0],
      fontSize: 8,
      columns: [
        { width: '*', text: '' },
        { width: 'auto', text: doc.footer ?? '', bold: true },
        { width: '*', text: `Page ${page} of ${pages}`, alignment: 'right', color: SECONDARY },
      ],
    }),
    content,
  };
}

function table(t: PdfTable): Content {
  const columns = t.header.length;
  t.rows.forEach((row, i) => {
    if (row.length !== columns) throw ValidationError.of(`table.rows.${i}`, `Each row must have ${columns} cells`);
  });
  if (t.widths && t.widths.length !== columns) throw ValidationError.of('table.widths', `Give ${columns} widths, one for each column`);
  return {
    fontSize: 9,
    lineHeight: 1.15,
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0,
      hLineColor: () => '#b1b4b6',
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    table: {
      headerRows: 1,
      widths: t.widths ? [...t.widths] : t.header.map(() => '*'),
      body: [t.header.map((h): TableCell => ({ text: h, style: 'tableHeader' })), ...t.rows.map((row) => row.map(cell))],
    },
  };
}

// Every string becomes the text of a node built here, so nothing in a value can become part of
// the document's structure: pdfmake reads no markup inside text.
function cell(c: PdfCell): TableCell {
  if (typeof c === 'string') return { text: breakable(c) };
  return { text: c.map((run) => ({ text: breakable(run.text), bold: run.bold ?? false })) };
}

// pdfmake breaks lines only between words, so one long unbroken "word" (a file name, a pasted
// link) would run off the page and push the table's other columns out of sight. A zero-width
// space every so often in such a word lets it wrap, and is not seen.
const LONG_WORD = /\S{30,}/g;
export function breakable(text: string): string {
  return text.replace(LONG_WORD, (word) => word.replace(/(.{20})/gu, '$1\u200b'));
}
