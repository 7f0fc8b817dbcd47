// Training of adopters: the rules of places, the waiting list, attendance and completion.
// Pure functions, no I/O.
import { formatDate } from '../core/dates.ts';

export const COURSE_KINDS = {
  preparation: 'Preparation group',
  'post-approval': 'Post-approval workshop',
} as const;
export type CourseKind = keyof typeof COURSE_KINDS;

export const ATTENDANCE = {
  attended: 'Attended',
  'did-not-attend': 'Did not attend',
} as const;
export type Attendance = keyof typeof ATTENDANCE;

export type BookingStatus = 'booked' | 'waiting' | 'cancelled';

/** What the rules need of a booking: its status and its place in the order of arrival. */
export interface Place {
  id: string;
  status: BookingStatus;
  queuedSeq: number;
}

/** Where a new booking goes: a place while any are left, otherwise the end of the waiting list. */
export function placeFor(capacity: number, places: readonly Place[]): { status: 'booked' } | { status: 'waiting'; position: number } {
  const booked = places.filter((p) => p.status === 'booked').length;
  if (booked < capacity) return { status: 'booked' };
  return { status: 'waiting', position: places.filter((p) => p.status === 'waiting').length + 1 };
}

/** The waiting list in order (first come, first served): booking id → position from 1. */
export function waitingPositions(places: readonly Place[]): Map<string, number> {
  const waiting = places.filter((p) => p.status === 'waiting').sort((a, b) => a.queuedSeq - b.queuedSeq);
  return new Map(waiting.map((p, i) => [p.id, i + 1]));
}

/** The waiting bookings to promote to places, first on the list first, while places are free. */
export function promotions(capacity: number, places: readonly Place[]): string[] {
  const free = capacity - places.filter((p) => p.status === 'booked').length;
  if (free <= 0) return [];
  return [...waitingPositions(places).keys()].slice(0, free);
}

export interface Occupancy {
  booked: number;
  waiting: number;
  placesLeft: number;
  full: boolean;
}

export function occupancy(capacity: number, booked: number, waiting: number): Occupancy {
  const placesLeft = Math.max(0, capacity - booked);
  return { booked, waiting, placesLeft, full: placesLeft === 0 };
}

/**
 * Attendance is recorded once the session has happened: on its day or later, never before.
 * The refusal names both dates.
 */
export function attendanceProblem(sessionDate: string, today: string): string | null {
  if (today >= sessionDate) return null;
  return `Attendance can only be recorded on or after the day of the session (${formatDate(sessionDate)}): today is ${formatDate(today)}`;
}

/**
 * Completion of preparation training: a household has completed a preparation course when it
 * has attended every session of the course (a course with no sessions is never complete).
 * Completed on the date of the course's last session. Returns that date, or null.
 */
export function preparationCompletedOn(sessions: readonly { id: string; date: string }[], attendedSessionIds: ReadonlySet<string>): string | null {
  if (sessions.length === 0) return null;
  if (!sessions.every((s) => attendedSessionIds.has(s.id))) return null;
  return sessions.map((s) => s.date).sort().at(-1)!;
}
