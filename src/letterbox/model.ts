// Letterbox contact: the pure rules. An agreement's exchanges fall due once or twice a year, by
// the end of each agreed month, one way or both; an exchange goes through its steps in order
// (received, screened, forwarded, filed on the adoption record), each dated on or after the one
// before and never in the future; a withheld exchange is never forwarded.
import { addDays } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';

export const AGREEMENT_DIRECTIONS = {
  'to-birth-family': 'From the adoptive family to the birth family',
  'from-birth-family': 'From the birth family to the adoptive family',
  both: 'Both ways',
} as const;
export type AgreementDirection = keyof typeof AGREEMENT_DIRECTIONS;

export const EXCHANGE_DIRECTIONS = {
  'to-birth-family': 'Adoptive family to birth family',
  'from-birth-family': 'Birth family to adoptive family',
} as const;
export type ExchangeDirection = keyof typeof EXCHANGE_DIRECTIONS;

export const AGREEMENT_STATUSES = { active: 'Active', paused: 'Paused', ended: 'Ended' } as const;
export type AgreementStatus = keyof typeof AGREEMENT_STATUSES;

export const SCREENING_OUTCOMES = { suitable: 'Suitable as it is', redacted: 'Suitable once redacted', withheld: 'Withheld' } as const;
export type ScreeningOutcome = keyof typeof SCREENING_OUTCOMES;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "Birth mother" from "birth mother": for a label that starts a sentence or a list item. */
export const capitalised = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** An exchange is due soon from this many days before its due date. */
export const DUE_SOON_DAYS = 30;

export interface Schedule {
  direction: AgreementDirection;
  firstMonth: number;
  secondMonth: number | null;
  status: AgreementStatus;
  /** Exchanges fall due from this day (the start, or the day the agreement was last made active again). */
  activeSince: string;
}

/** The one or two ways letters go under the agreement. */
export function exchangeDirections(direction: AgreementDirection): ExchangeDirection[] {
  return direction === 'both' ? ['to-birth-family', 'from-birth-family'] : [direction];
}

/** "March and September", "June". */
export function monthsText(s: Pick<Schedule, 'firstMonth' | 'secondMonth'>): string {
  return [s.firstMonth, s.secondMonth].filter((m): m is number => m !== null).sort((a, b) => a - b).map((m) => MONTHS[m - 1]).join(' and ');
}

function lastDayOf(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The due dates (the last day of each agreed month) from `from` to `to`, inclusive, in order. */
export function occasions(s: Pick<Schedule, 'firstMonth' | 'secondMonth'>, from: string, to: string): string[] {
  const months = [s.firstMonth, s.secondMonth].filter((m): m is number => m !== null).sort((a, b) => a - b);
  const dates: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const month of months) {
      const due = lastDayOf(year, month);
      if (due >= from && due <= to) dates.push(due);
    }
  }
  return dates;
}

export type OccasionState = 'late' | 'due-soon' | 'upcoming';

export interface OpenOccasion {
  direction: ExchangeDirection;
  dueOn: string;
  state: OccasionState;
}

/**
 * The occasions an active agreement is waiting for, each way: the last one passed (late, when
 * nothing came for it) and the next (due soon within DUE_SOON_DAYS). An older missed occasion is
 * history, not a reminder: the next one has come round since. Paused and ended agreements wait for none.
 */
export function openOccasions(s: Schedule, recorded: readonly { direction: ExchangeDirection; dueOn: string }[], today: string): OpenOccasion[] {
  if (s.status !== 'active') return [];
  const done = new Set(recorded.map((r) => `${r.direction}:${r.dueOn}`));
  const open: OpenOccasion[] = [];
  for (const direction of exchangeDirections(s.direction)) {
    const passed = occasions(s, s.activeSince, addDays(today, -1)).at(-1);
    const next = occasions(s, today, addDays(today, 366))[0]!;
    if (passed && !done.has(`${direction}:${passed}`)) open.push({ direction, dueOn: passed, state: 'late' });
    if (!done.has(`${direction}:${next}`)) open.push({ direction, dueOn: next, state: next <= addDays(today, DUE_SOON_DAYS) ? 'due-soon' : 'upcoming' });
  }
  return open.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.direction.localeCompare(b.direction));
}

// ---- agreements --------------------------------------------------------------------------------

export interface AgreementTerms {
  frequency: 1 | 2;
  firstMonth: number;
  secondMonth?: number | null;
  startDate: string;
  reviewOn?: string | null;
}

export function termsProblems(t: AgreementTerms): FieldError[] {
  const problems: FieldError[] = [];
  if (t.frequency === 2 && !t.secondMonth) problems.push({ field: 'secondMonth', message: 'Select the second month: the exchange is twice a year' });
  if (t.frequency === 2 && t.secondMonth === t.firstMonth) problems.push({ field: 'secondMonth', message: 'Select a second month different from the first' });
  if (t.frequency === 1 && t.secondMonth) problems.push({ field: 'secondMonth', message: 'Leave the second month empty: the exchange is once a year' });
  if (t.reviewOn && t.reviewOn < t.startDate) problems.push({ field: 'reviewOn', message: 'The review date cannot be before the agreement starts' });
  return problems;
}

export interface StatusChange {
  changedOn: string;
  status: AgreementStatus;
  reviewOn?: string | null;
}

/** A change of status or review date: dated from the last change to today; an ended agreement stays ended. */
export function changeProblems(current: { status: AgreementStatus; startDate: string; reviewOn: string | null; lastChangedOn: string }, c: StatusChange, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (current.status === 'ended') problems.push({ field: 'status', message: 'The agreement has ended and stays ended: set up a new agreement instead' });
  if (c.changedOn > today) problems.push({ field: 'changedOn', message: 'The date of the change cannot be in the future' });
  if (c.changedOn < current.lastChangedOn) problems.push({ field: 'changedOn', message: `The date of the change cannot be before the last change (${current.lastChangedOn})` });
  if (c.reviewOn && c.reviewOn < current.startDate) problems.push({ field: 'reviewOn', message: 'The review date cannot be before the agreement starts' });
  if (c.status === current.status && (c.reviewOn ?? null) === current.reviewOn) problems.push({ field: 'status', message: 'Change the status or the review date' });
  return problems;
}

/** The day exchanges fall due from, after a change. */
export function activeSinceAfter(current: { status: AgreementStatus; activeSince: string }, c: StatusChange): string {
  return current.status !== 'active' && c.status === 'active' ? c.changedOn : current.activeSince;
}

// ---- exchanges ---------------------------------------------------------------------------------

export interface ExchangeSteps {
  direction: ExchangeDirection;
  receivedOn: string;
  screenedOn: string | null;
  outcome: ScreeningOutcome | null;
  forwardedOn: string | null;
  filedOn: string | null;
}

export type Step = 'screen' | 'forward' | 'file';

/** What comes next for the exchange, or null when it is filed. */
export function nextStep(e: ExchangeSteps): Step | null {
  if (!e.screenedOn) return 'screen';
  if (!e.forwardedOn && e.outcome !== 'withheld') return 'forward';
  if (!e.filedOn) return 'file';
  return null;
}

const DATE_FIELD: Record<Step, string> = { screen: 'screenedOn', forward: 'forwardedOn', file: 'filedOn' };

export interface StepInput {
  date: string;
  outcome?: ScreeningOutcome;
  redactions?: string;
  withheldReason?: string;
}

/** Whether the step may be recorded now, and with this input: the order, the dates, and what screening needs. */
export function stepProblems(e: ExchangeSteps, step: Step, input: StepInput, today: string): FieldError[] {
  const field = DATE_FIELD[step];
  if (step === 'forward' && !e.screenedOn) return [{ field, message: 'This exchange has not been screened: screen it before forwarding it' }];
  if (step === 'forward' && e.outcome === 'withheld') return [{ field, message: 'This exchange was withheld at screening: it cannot be forwarded' }];
  if (step === 'file' && !e.screenedOn) return [{ field, message: 'This exchange has not been screened: screen it before filing it' }];
  if (step === 'file' && !e.forwardedOn && e.outcome !== 'withheld') return [{ field, message: 'This exchange has not been forwarded: forward it before filing it' }];
  const already = { screen: e.screenedOn, forward: e.forwardedOn, file: e.filedOn }[step];
  if (already) return [{ field, message: `This step was already recorded on ${already}` }];
  const before = { screen: e.receivedOn, forward: e.screenedOn, file: e.forwardedOn ?? e.screenedOn }[step]!;
  const problems: FieldError[] = [];
  if (input.date > today) problems.push({ field, message: 'The date cannot be in the future' });
  if (input.date < before) problems.push({ field, message: `The date cannot be before the step before it (${before})` });
  if (step === 'screen') {
    if (!input.outcome) problems.push({ field: 'outcome', message: 'Select the outcome of the screening' });
    if (input.outcome === 'redacted' && !input.redactions) problems.push({ field: 'redactions', message: 'Enter what was redacted' });
    if (input.outcome === 'withheld' && !input.withheldReason) problems.push({ field: 'withheldReason', message: 'Enter why the exchange is withheld' });
  }
  return problems;
}

/** A receipt: for an occasion the agreement is waiting for, dated from the agreement's start to today. */
export function receiptProblems(open: readonly OpenOccasion[], startDate: string, r: { direction: ExchangeDirection; dueOn: string; receivedOn: string }, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!open.some((o) => o.direction === r.direction && o.dueOn === r.dueOn)) {
    problems.push({ field: 'dueOn', message: open.length ? 'Select an exchange the agreement is waiting for' : 'The agreement is waiting for no exchange: it is paused or ended, or its exchanges have come' });
  }
  if (r.receivedOn > today) problems.push({ field: 'receivedOn', message: 'The date received cannot be in the future' });
  if (r.receivedOn < startDate) problems.push({ field: 'receivedOn', message: `The date received cannot be before the agreement started (${startDate})` });
  return problems;
}
