// The adoption panel's rules: the quorum (held as data per panel), what a meeting may record and
// when, the minutes from draft to final, and the decision maker's working-day deadline. Pure
// functions, no I/O. The regulations: AAR 2005 reg 3 (panel members), reg 6 (the quorum),
// regs 26–27 (SHOBPA), 30–30B (approval), 32–33 (matching); the decision within 7 working days
// of the final minutes is practice (National Minimum Standard 17), so the number is data.
import { addWorkingDays, workingDaysBetween } from '../core/calendar.ts';
import { formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';
import { DECISIONS, MEMBER_ROLES, type Decision, type ItemKind, type MemberRole } from './codes.ts';

export { ALL_DECISIONS, DECISIONS, decisionLabel, ITEM_KINDS, MEMBER_ROLES, type Decision, type ItemKind, type MemberRole } from './codes.ts';

// ---- the quorum ------------------------------------------------------------------------------

export interface QuorumRule {
  /** At least this many members present. */
  minPresent: number;
  /** The chair or the vice-chair among them. */
  chairOrVice: boolean;
  /** A social work member with at least this many years' post-qualifying experience; null: none needed. */
  socialWorkerYears: number | null;
  /** An independent member among them. */
  independent: boolean;
}

export const DEFAULT_QUORUM: QuorumRule = { minPresent: 5, chairOrVice: true, socialWorkerYears: 3, independent: true };
export const DEFAULT_DECISION_WORKING_DAYS = 7;

/**
 * Who counts towards the quorum: the panel's members. The panel adviser and the legal adviser
 * advise the panel and are not members of it (reg 3); the medical adviser may be a member.
 */
export const COUNTS_TOWARDS_QUORUM: readonly MemberRole[] = ['chair', 'vice-chair', 'social-work', 'independent', 'medical-adviser'];

export interface PresentMember {
  role: MemberRole;
  pqeYears: number | null;
}

/** What the quorum lacks, each as a phrase ("an independent member"); empty when the meeting is quorate. */
export function quorumLacks(rule: QuorumRule, present: readonly PresentMember[]): string[] {
  const members = present.filter((m) => COUNTS_TOWARDS_QUORUM.includes(m.role));
  const lacks: string[] = [];
  if (members.length < rule.minPresent) {
    lacks.push(`${rule.minPresent} members present (${members.length === 0 ? 'none is' : members.length === 1 ? 'one is' : `${members.length} are`})`);
  }
  if (rule.chairOrVice && !members.some((m) => m.role === 'chair' || m.role === 'vice-chair')) lacks.push('the chair or the vice-chair');
  if (rule.socialWorkerYears !== null && !members.some((m) => m.role === 'social-work' && (m.pqeYears ?? 0) >= rule.socialWorkerYears!)) {
    lacks.push(`a social work member with ${yearsText(rule.socialWorkerYears)} post-qualifying experience`);
  }
  if (rule.independent && !members.some((m) => m.role === 'independent')) lacks.push('an independent member');
  return lacks;
}

/** The refusal of a recommendation at a meeting that is not quorate, naming all it lacks; null when quorate. */
export function quorumProblem(rule: QuorumRule, present: readonly PresentMember[]): string | null {
  const lacks = quorumLacks(rule, present);
  return lacks.length ? `The meeting is not quorate: it lacks ${andList(lacks)}` : null;
}

/** The rule in words, for the panel's page. */
export function quorumText(rule: QuorumRule): string {
  const parts = [`at least ${rule.minPresent} members present`];
  if (rule.chairOrVice) parts.push('the chair or the vice-chair');
  if (rule.socialWorkerYears !== null) parts.push(`a social work member with ${yearsText(rule.socialWorkerYears)} post-qualifying experience`);
  if (rule.independent) parts.push('an independent member');
  return `${parts[0]}${parts.length > 1 ? `, including ${andList(parts.slice(1))}` : ''}`;
}

const yearsText = (n: number) => (n === 1 ? 'a year\'s' : `${n} years'`);

export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// ---- members -----------------------------------------------------------------------------------

export interface MemberFacts {
  role: MemberRole;
  pqeYears: number | null;
  personalExperience: boolean;
  joinedOn: string;
  leftOn: string | null;
}

/** A member serves from the day they join until the day before they leave. */
export function servesOn(m: Pick<MemberFacts, 'joinedOn' | 'leftOn'>, day: string): boolean {
  return m.joinedOn <= day && (m.leftOn === null || m.leftOn > day);
}

/** A new member's facts that do not fit their role. */
export function memberProblems(m: MemberFacts): FieldError[] {
  const problems: FieldError[] = [];
  if (m.role === 'social-work' && m.pqeYears === null) problems.push({ field: 'pqeYears', message: 'Enter the social work member\'s years of post-qualifying experience' });
  if (m.role !== 'social-work' && m.pqeYears !== null) problems.push({ field: 'pqeYears', message: `Years of post-qualifying experience are recorded for social work members, not for a ${MEMBER_ROLES[m.role].toLowerCase()}` });
  if (m.role !== 'independent' && m.personalExperience) problems.push({ field: 'personalExperience', message: 'Personal experience of adoption is recorded for independent members' });
  if (m.leftOn !== null && m.leftOn < m.joinedOn) problems.push({ field: 'leftOn', message: `The day the member left (${formatDate(m.leftOn)}) cannot be before the day they joined (${formatDate(m.joinedOn)})` });
  return problems;
}

// ---- meetings, items, minutes ------------------------------------------------------------------

export interface MeetingFacts {
  date: string;
  papersUntil: string;
  minutesFinalOn: string | null;
}

export function meetingProblems(m: { date: string; papersUntil: string }): FieldError[] {
  if (m.papersUntil < m.date) return [{ field: 'papersUntil', message: `Papers must stay available until at least the day of the meeting (${formatDate(m.date)})` }];
  return [];
}

/** Why the meeting's record can no longer change (its minutes are final); null while they are a draft. */
export function finalProblem(m: MeetingFacts): string | null {
  return m.minutesFinalOn ? `The minutes of this meeting are final (${formatDate(m.minutesFinalOn)}): the meeting's record is kept as written` : null;
}

/** Attendance and recommendations are recorded on or after the day of the meeting, while the minutes are a draft. */
export function heldProblem(m: MeetingFacts, today: string, what: string): string | null {
  return finalProblem(m) ?? (today < m.date ? `${what} can be recorded from the day of the meeting (${formatDate(m.date)}): today is ${formatDate(today)}` : null);
}

export interface ItemFacts {
  kind: ItemKind;
  recommendation: Decision | null;
}

export function isDecisionFor(kind: ItemKind, value: string): value is Decision {
  return Object.hasOwn(DECISIONS[kind], value);
}

/**
 * Why the minutes cannot be made final: before the meeting, with no items, or with an item the
 * panel has made no recommendation on (named by its number). Null when they can.
 */
export function finaliseProblem(m: MeetingFacts, items: readonly (ItemFacts & { position: number })[], today: string): string | null {
  const held = heldProblem(m, today, 'The minutes');
  if (held) return held;
  if (items.length === 0) return 'The meeting has no agenda items: add the items it heard first';
  const open = items.filter((i) => i.recommendation === null).map((i) => String(i.position));
  if (open.length) return `Every item needs the panel's recommendation before the minutes are final: item${open.length === 1 ? '' : 's'} ${andList(open)} ${open.length === 1 ? 'has' : 'have'} none`;
  return null;
}

// ---- the decision maker's deadline -------------------------------------------------------------

/** The decision is due this many working days after the day the minutes became final. */
export function decisionDueOn(minutesFinalOn: string, workingDays: number): string {
  return addWorkingDays(minutesFinalOn, workingDays);
}

export type ClockStatus = 'due' | 'overdue' | 'on-time' | 'late';

export interface DecisionClock {
  dueOn: string;
  status: ClockStatus;
  /** Working days from today to the deadline (open and not overdue); 0 on the day. */
  workingDaysLeft: number | null;
  /** Working days past the deadline: today's for an overdue one, the decision's for a late one. */
  workingDaysLate: number | null;
}

export function decisionClock(dueOn: string, decidedOn: string | null, today: string): DecisionClock {
  if (decidedOn) {
    const late = workingDaysBetween(dueOn, decidedOn);
    return { dueOn, status: decidedOn > dueOn ? 'late' : 'on-time', workingDaysLeft: null, workingDaysLate: decidedOn > dueOn ? late : null };
  }
  if (today > dueOn) return { dueOn, status: 'overdue', workingDaysLeft: null, workingDaysLate: workingDaysBetween(dueOn, today) };
  return { dueOn, status: 'due', workingDaysLeft: workingDaysBetween(today, dueOn), workingDaysLate: null };
}

/** The queue's order: overdue first (longest overdue first), then by deadline, then by meeting and item. */
export function queueOrder<T extends { dueOn: string; meetingDate: string; position: number }>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => Number(b.dueOn < today) - Number(a.dueOn < today) || a.dueOn.localeCompare(b.dueOn)
    || a.meetingDate.localeCompare(b.meetingDate) || a.position - b.position);
}

/**
 * Why the decision cannot be recorded: the minutes are not final (the decision maker decides on
 * the final minutes), it is already made, or its date is before the minutes or after today.
 */
export function decisionProblems(m: MeetingFacts, item: ItemFacts & { decidedOn: string | null }, input: { decision: string; decidedOn: string }, today: string): FieldError[] {
  if (!m.minutesFinalOn) return [{ field: 'decision', message: `The decision is made on the panel's final minutes: the minutes of the meeting on ${formatDate(m.date)} are still a draft` }];
  if (item.decidedOn) return [{ field: 'decision', message: `The decision on this item was recorded on ${formatDate(item.decidedOn)} and is kept as written` }];
  const problems: FieldError[] = [];
  if (!isDecisionFor(item.kind, input.decision)) problems.push({ field: 'decision', message: `Select the decision: ${andList(Object.keys(DECISIONS[item.kind]))}` });
  if (input.decidedOn < m.minutesFinalOn) problems.push({ field: 'decidedOn', message: `The date of the decision cannot be before the minutes became final (${formatDate(m.minutesFinalOn)})` });
  if (input.decidedOn > today) problems.push({ field: 'decidedOn', message: `The date of the decision cannot be in the future: today is ${formatDate(today)}` });
  return problems;
}
