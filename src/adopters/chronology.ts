// The household's own events for the chronology (casework merges in notes and documents): each
// stage event, with the Stage 1 decision and the agency decision maker's decision as decisions.
import type { ChronologyEntry } from '../core/records.ts';
import { EVENT_TYPES, LEAVING_REASONS, OUTCOMES, PAR_STATUSES, STATUSES, type EventType } from './codes.ts';
import type { EventRow } from './store.ts';

const DECISIONS: ReadonlySet<EventType> = new Set(['stage-1-decision', 'adm-decision']);
const label = (codes: Record<string, string>, code: string | null) => (code ? codes[code] ?? code : null);

export function householdChronology(events: readonly EventRow[]): ChronologyEntry[] {
  return events.map((e) => ({
    date: e.date,
    kind: DECISIONS.has(e.type) ? 'decision' : 'stage',
    title: EVENT_TYPES[e.type],
    detail: [label(OUTCOMES, e.outcome), label(PAR_STATUSES, e.parStatus), label(STATUSES, e.status), label(LEAVING_REASONS, e.reason), e.staffName && `Social worker: ${e.staffName}`, e.notes]
      .filter(Boolean).join('. ') || undefined,
    by: e.recordedByName ?? undefined,
  }));
}
