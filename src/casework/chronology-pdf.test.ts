import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.ts';
import { chronologyPdf, type ChronologyPdfEntry } from './chronology-pdf.ts';

const RECORD = { label: 'Okafor household (H-0042)', kind: 'Adopter household' };

describe('chronologyPdf', () => {
  it('names the record and the printed date, and lists entries by date, then untimed, then time, then as given', () => {
    const entries: ChronologyPdfEntry[] = [
      { date: '2026-02-03', time: '14:30', kind: 'Visit', title: 'C afternoon' },
      { date: '2026-02-03', time: '09:05', kind: 'Visit', title: 'B morning', detail: 'At home', by: 'Social worker' },
      { date: '2026-01-10', kind: 'Case note', title: 'A first' },
      { date: '2026-02-03', kind: 'Case note', title: 'B untimed 1' },
      { date: '2026-02-03', kind: 'Case note', title: 'B untimed 2' },
    ];
    const doc = chronologyPdf(RECORD, entries, '2026-03-04');
    expect(doc.title).toBe('Chronology: Okafor household (H-0042)');
    expect(doc.date).toBe('2026-03-04');
    expect(doc.paragraphs[0]).toBe('Adopter household: Okafor household (H-0042). Printed on 4 March 2026. 5 entries, oldest first.');
    expect(doc.footer).toBe('OFFICIAL-SENSITIVE');
    expect(doc.table!.header).toEqual(['Date', 'Kind', 'Entry', 'By']);
    const titles = doc.table!.rows.map((row) => (row[2] as { text: string }[])[0]!.text);
    expect(titles).toEqual(['A first', 'B untimed 1', 'B untimed 2', 'B morning', 'C afternoon']);
    expect(doc.table!.rows[3]).toEqual(['3 Feb 2026\n09:05', 'Visit', [{ text: 'B morning', bold: true }, { text: '\nAt home' }], 'Social worker']);
    // The caller's array is left as it was.
    expect(entries[0]!.title).toBe('C afternoon');
  });

  it('names each entry whose date or time is not real, and a bad printed date', () => {
    let error: unknown;
    try {
      chronologyPdf(RECORD, [
        { date: '2026-01-01', kind: 'k', title: 'fine' },
        { date: '2026-02-29', kind: 'k', title: 'not a leap year' },
        { date: '2026-03-01', time: '24:00', kind: 'k', title: 'no such time' },
      ], '4 March 2026');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['printedOn', 'entries.1.date', 'entries.2.time']);
  });

  it('says so when there is one entry, or none', () => {
    expect(chronologyPdf(RECORD, [{ date: '2026-01-01', kind: 'k', title: 't' }], '2026-01-02').paragraphs[0]).toContain('1 entry,');
    expect(chronologyPdf(RECORD, [], '2026-01-02').table!.rows).toEqual([]);
  });
});
