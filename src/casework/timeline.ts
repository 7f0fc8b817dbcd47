// A record's chronology in the MoJ timeline pattern, for the chronology page and for the record
// pages (child, household) that show their story.
import type { ChronologyEntry } from '../core/records.ts';

/** Entries in the MoJ timeline's shape; its date is shown by the service's own `date` filter. */
export function timelineItems(entries: readonly ChronologyEntry[]) {
  return entries.map((e) => ({
    label: { text: `${e.title}${e.time ? ` at ${e.time}` : ''}` },
    text: e.detail ?? '',
    datetime: { timestamp: e.date },
    ...(e.by ? { byline: { text: e.by } } : {}),
  }));
}

