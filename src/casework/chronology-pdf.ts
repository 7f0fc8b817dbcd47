// A record's chronology as a printable document: every entry in date order in one table, under
// a heading naming the record and the day it was printed. Pure: renderPdf makes the PDF.
import { formatDate, isCalendarDate } from '../core/dates.ts';
import { ValidationError, type FieldError } from '../core/errors.ts';
import type { ChronologyEntry } from '../core/records.ts';
import type { PdfCell, PdfDocument } from './pdf.ts';

export interface ChronologyRecord {
  /** The record as a person knows it, e.g. "Taylor household (H-0012)". */
  label: string;
  /** What sort of record it is, e.g. "Adopter household". */
  kind: string;
}

/** A chronology entry (core/records.ts) with its kind as it is to be printed ("Case note"). */
export type ChronologyPdfEntry = Omit<ChronologyEntry, 'kind' | 'href'> & { kind: string };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

// A chronology is marked OFFICIAL-SENSITIVE whatever its record: it gathers a family's history.
const MARKING = 'OFFICIAL-SENSITIVE';

// Short months keep the date column narrow enough to leave the entry most of the page.
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The chronology as a document to render: oldest first; on one day, entries without a time
 * before those with one, then by time, otherwise in the order given. Throws a ValidationError
 * naming each entry whose date or time is not real (`entries.3.date`), or `printedOn`.
 */
export function chronologyPdf(record: ChronologyRecord, entries: readonly ChronologyPdfEntry[], printedOn: string): PdfDocument {
  const errors: FieldError[] = [];
  if (!isCalendarDate(printedOn)) errors.push({ field: 'printedOn', message: 'The printed date must be a real date in the form YYYY-MM-DD' });
  entries.forEach((e, i) => {
    if (!isCalendarDate(e.date)) errors.push({ field: `entries.${i}.date`, message: 'The date must be a real date in the form YYYY-MM-DD' });
    if (e.time !== undefined && !TIME.test(e.time)) errors.push({ field: `entries.${i}.time`, message: 'The time must be in the form HH:MM (24-hour)' });
  });
  if (errors.length) throw new ValidationError(errors);

  const ordered = [...entries].sort(byDateThenTime);
  const count = entries.length === 1 ? '1 entry' : `${entries.length} entries`;
  return {
    title: `Chronology: ${record.label}`,
    date: printedOn,
    paragraphs: [`${record.kind}: ${record.label}. Printed on ${formatDate(printedOn)}. ${count}, oldest first.`],
    table: {
      header: ['Date', 'Kind', 'Entry', 'By'],
      widths: [62, 80, '*', 90],
      rows: ordered.map((e): PdfCell[] => [
        e.time ? `${shortDate(e.date)}\n${e.time}` : shortDate(e.date),
        e.kind,
        e.detail ? [{ text: e.title, bold: true }, { text: `\n${e.detail}` }] : [{ text: e.title, bold: true }],
        e.by ?? '',
      ]),
    },
    footer: MARKING,
  };
}

function shortDate(date: string): string {
  return SHORT_DATE.format(new Date(`${date}T00:00:00Z`));
}

// Array.prototype.sort is stable, so entries equal here keep the order they were given in.
function byDateThenTime(a: ChronologyPdfEntry, b: ChronologyPdfEntry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.time === b.time) return 0;
  if (a.time === undefined) return -1;
  if (b.time === undefined) return 1;
  return a.time < b.time ? -1 : 1;
}
