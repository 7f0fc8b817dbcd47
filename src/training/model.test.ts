import { describe, expect, it } from 'vitest';
import { attendanceProblem, occupancy, placeFor, preparationCompletedOn, promotions, waitingPositions, type Place } from './model.ts';

const place = (id: string, status: Place['status'], queuedSeq: number): Place => ({ id, status, queuedSeq });

describe('places and the waiting list', () => {
  it('gives a place while any are left, then the next position on the waiting list', () => {
    expect(placeFor(2, [])).toEqual({ status: 'booked' });
    expect(placeFor(2, [place('a', 'booked', 1)])).toEqual({ status: 'booked' });
    expect(placeFor(2, [place('a', 'booked', 1), place('b', 'booked', 2)])).toEqual({ status: 'waiting', position: 1 });
    expect(placeFor(2, [place('a', 'booked', 1), place('b', 'booked', 2), place('c', 'waiting', 3)])).toEqual({ status: 'waiting', position: 2 });
  });

  it('numbers the waiting list in order of arrival', () => {
    const positions = waitingPositions([place('late', 'waiting', 9), place('a', 'booked', 1), place('early', 'waiting', 4)]);
    expect([...positions]).toEqual([['early', 1], ['late', 2]]);
  });

  it('promotes the first on the waiting list when a place is freed, and only as many as there are places', () => {
    expect(promotions(2, [place('a', 'booked', 1), place('c', 'waiting', 5), place('b', 'waiting', 3)])).toEqual(['b']);
    expect(promotions(3, [place('a', 'booked', 1), place('c', 'waiting', 5), place('b', 'waiting', 3)])).toEqual(['b', 'c']);
    expect(promotions(1, [place('a', 'booked', 1), place('b', 'waiting', 3)])).toEqual([]);
    expect(promotions(2, [place('a', 'booked', 1)])).toEqual([]);
  });

  it('counts places left, full and waiting', () => {
    expect(occupancy(10, 4, 0)).toEqual({ booked: 4, waiting: 0, placesLeft: 6, full: false });
    expect(occupancy(10, 10, 3)).toEqual({ booked: 10, waiting: 3, placesLeft: 0, full: true });
  });
});

describe('attendance and completion', () => {
  it('refuses attendance before the session, naming both dates', () => {
    expect(attendanceProblem('2026-12-01', '2026-11-23')).toBe('Attendance can only be recorded on or after the day of the session (1 December 2026): today is 23 November 2026');
    expect(attendanceProblem('2026-11-23', '2026-11-23')).toBeNull();
    expect(attendanceProblem('2026-11-01', '2026-11-23')).toBeNull();
  });

  it('completes a preparation course when every session was attended, on the last session\'s date', () => {
    const sessions = [{ id: 's1', date: '2026-10-01' }, { id: 's3', date: '2026-10-15' }, { id: 's2', date: '2026-10-08' }];
    expect(preparationCompletedOn(sessions, new Set(['s1', 's2', 's3']))).toBe('2026-10-15');
    expect(preparationCompletedOn(sessions, new Set(['s1', 's3']))).toBeNull();
    expect(preparationCompletedOn([], new Set())).toBeNull();
  });
});
