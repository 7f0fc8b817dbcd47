// Case notes and the chronology: the rules, without I/O. A note records something that
// happened to or about a record's people (a visit, a call, a meeting, supervision or a
// manager's oversight); its author may correct it for a day, and every earlier wording is kept.
import type { ChronologyEntry } from '../core/records.ts';

export const NOTE_TYPES = {
  visit: 'Visit',
  'phone-call': 'Phone call',
  meeting: 'Meeting',
  supervision: 'Supervision',
  'management-oversight': 'Management oversight',
  other: 'Other',
} as const;
export type NoteType = keyof typeof NOTE_TYPES;

/** How long a note's author may correct it. */
export const CORRECTION_HOURS = 24;

export function mayCorrect(note: { authorId: string; createdAt: Date }, staffId: string, now: Date): boolean {
  return note.authorId === staffId && now.getTime() - note.createdAt.getTime() < CORRECTION_HOURS * 3_600_000;
}

export const CHRONOLOGY_KINDS: Record<ChronologyEntry['kind'], string> = {
  milestone: 'Milestones',
  episode: 'Care episodes',
  stage: 'Stages',
  decision: 'Decisions',
  note: 'Case notes',
  document: 'Documents',
};
/** One entry's kind, as a printed chronology names it. */
export const CHRONOLOGY_KIND_NAMES: Record<ChronologyEntry['kind'], string> = {
  milestone: 'Milestone', episode: 'Care episode', stage: 'Stage', decision: 'Decision', note: 'Case note', document: 'Document',
};
const KIND_ORDER = Object.keys(CHRONOLOGY_KINDS);

/**
 * One chronology from the area's events, the notes and the documents: in date order (then
 * time, then kind, then title), so the same record always reads the same; only the kinds asked
 * for, or every kind when none is.
 */
export function mergeChronology(lists: readonly (readonly ChronologyEntry[])[], kinds: readonly string[] = []): ChronologyEntry[] {
  const wanted = kinds.length ? new Set(kinds) : null;
  return lists.flat().filter((e) => !wanted || wanted.has(e.kind)).sort((a, b) =>
    compare(a.date, b.date) || compare(a.time ?? '', b.time ?? '') || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compare(a.title, b.title));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- time in England ------------------------------------------------------------------------

const ENGLAND_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The day and the time on a clock in England at an instant. */
export function inEngland(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(ENGLAND_PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The instant a clock in England showed this day and time (the earlier one, in the autumn's repeated hour). */
export function englandInstant(date: string, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`);
  // England is UTC or one hour ahead: try both and keep the one that reads back as asked.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc.getTime() - offsetHours * 3_600_000);
    const shown = inEngland(candidate);
    if (shown.date === date && shown.time === time) return candidate;
  }
  // A time skipped when the clocks go forward: the moment just after the change.
  return asUtc;
}
