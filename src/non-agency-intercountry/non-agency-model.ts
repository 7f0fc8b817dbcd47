// Non-agency (step-parent and partner) adoptions, as pure rules. The applicants give the council
// notice of intention to adopt; they may apply to court no sooner than 3 months and no later than
// 2 years after it (Adoption and Children Act 2002 s44(3)), once the child has lived with them
// long enough (s42); the court asks the council for a report (Annex A) by a day; the court makes
// the order, refuses it, or the applicants withdraw; a notice with no application after 2 years
// lapses. Every rule answers field errors naming the field and the dates.
import { addMonths } from '../children/model.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';

export const RELATIONSHIPS = {
  'step-parent': 'Step-parent (married to or civil partner of a parent)',
  'partner-of-parent': 'Partner of a parent',
  relative: 'Relative',
  'private-foster-carer': 'Private foster carer',
  'la-foster-carer': 'Local authority foster carer',
} as const;
export type Relationship = keyof typeof RELATIONSHIPS;

export const NON_AGENCY_OUTCOMES = { 'order-made': 'Adoption order made', refused: 'Application refused', withdrawn: 'Withdrawn', lapsed: 'Notice lapsed' } as const;
export type NonAgencyOutcome = keyof typeof NON_AGENCY_OUTCOMES;

/** The steps after the notice, in order; the outcome closes the case. */
export const NON_AGENCY_STEPS = { application: 'Application to court', 'report-requested': 'Court report requested', 'report-filed': 'Court report filed', outcome: 'Outcome' } as const;
export type NonAgencyStep = keyof typeof NON_AGENCY_STEPS;

/** s44(3): the application no sooner than this after the notice… */
export const NOTICE_MIN_MONTHS = 3;
/** …and no later than this (after which the notice lapses). */
export const NOTICE_MAX_MONTHS = 24;
/** The child must be under 18 at the application, and the order made before they are 19 (s47(9), s49(4)). */
export const APPLY_BEFORE_AGE = 18;
export const ORDER_BEFORE_AGE = 19;
/** Court reports and lapsing notices show as work this long before they fall due (the partnership's prompts). */
export const REPORT_DUE_SOON_DAYS = 14;
export const LAPSE_SOON_MONTHS = 2;

/**
 * How long the child must have lived with the applicants when they apply (s42): the partner of a
 * parent (a step-parent is one, by marriage or civil partnership) 6 months; local authority foster
 * carers 1 year; anyone else 3 of the last 5 years.
 */
export function residenceMonthsNeeded(r: Relationship): number {
  if (r === 'step-parent' || r === 'partner-of-parent') return 6;
  if (r === 'la-foster-carer') return 12;
  return 36;
}

export interface NonAgencyFacts {
  relationship: Relationship;
  childDateOfBirth: string;
  noticeReceivedOn: string;
  residenceStartedOn: string;
  appliedOn: string | null;
  court: string | null;
  courtCaseNumber: string | null;
  reportRequestedOn: string | null;
  reportDueOn: string | null;
  reportFiledOn: string | null;
  outcome: NonAgencyOutcome | null;
  outcomeOn: string | null;
}

/** The first and last days an application may be made on, after the notice (s44(3)). */
export function applicationWindow(noticeReceivedOn: string): { from: string; to: string } {
  return { from: addMonths(noticeReceivedOn, NOTICE_MIN_MONTHS), to: addMonths(noticeReceivedOn, NOTICE_MAX_MONTHS) };
}

/** The day the notice lapses if no application has been made: the day after the last day to apply. */
export const noticeLapsesOn = (noticeReceivedOn: string) => addDays(applicationWindow(noticeReceivedOn).to, 1);

/** The date fields, each with how it is named in messages. */
const NAMES: Record<string, string> = {
  childDateOfBirth: 'the child\'s date of birth', noticeReceivedOn: 'the date the notice of intention was received', residenceStartedOn: 'the date the child began living with the applicants',
  appliedOn: 'the date of the application', reportRequestedOn: 'the date the report was requested', reportDueOn: 'the date the report is due',
  reportFiledOn: 'the date the report was filed', outcomeOn: 'the date of the outcome',
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Whether the case's facts hold together, as errors naming the field. `editing` are the fields
 * the person is changing now: when two dates are out of order, the error names the one being
 * changed, so it is on the form in front of them.
 */
export function nonAgencyProblems(c: NonAgencyFacts, today: string, editing: readonly string[] = []): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => { if (!problems.some((p) => p.field === field)) problems.push({ field, message }); };
  const value = (f: string) => (c as unknown as Record<string, string | null>)[f] ?? null;

  // Nothing has happened in the future (the report's due day may be).
  for (const f of ['childDateOfBirth', 'noticeReceivedOn', 'residenceStartedOn', 'appliedOn', 'reportRequestedOn', 'reportFiledOn', 'outcomeOn']) {
    const d = value(f);
    if (d && d > today) add(f, `${capital(NAMES[f]!)} cannot be in the future`);
  }
  // Dates in order: each pair (earlier, later).
  const order: [string, string][] = [
    ['childDateOfBirth', 'noticeReceivedOn'], ['childDateOfBirth', 'residenceStartedOn'], ['residenceStartedOn', 'appliedOn'],
    ['appliedOn', 'reportRequestedOn'], ['reportRequestedOn', 'reportDueOn'], ['reportRequestedOn', 'reportFiledOn'], ['appliedOn', 'outcomeOn'], ['noticeReceivedOn', 'outcomeOn'],
  ];
  for (const [earlier, later] of order) {
    const a = value(earlier);
    const b = value(later);
    if (!a || !b || a <= b) continue;
    if (editing.includes(earlier) && !editing.includes(later)) add(earlier, `${capital(NAMES[earlier]!)} must be on or before ${NAMES[later]} (${formatDate(b)})`);
    else add(later, `${capital(NAMES[later]!)} cannot be before ${NAMES[earlier]} (${formatDate(a)})`);
  }

  if (c.appliedOn) {
    // s44(3): at least 3 months and at most 2 years after the notice of intention.
    const window = applicationWindow(c.noticeReceivedOn);
    if (c.appliedOn < window.from) add('appliedOn', `The application must be made at least ${NOTICE_MIN_MONTHS} months after the notice of intention (received ${formatDate(c.noticeReceivedOn)}): on or after ${formatDate(window.from)}, not ${formatDate(c.appliedOn)}`);
    else if (c.appliedOn > window.to) add('appliedOn', `The application must be made within 2 years of the notice of intention (received ${formatDate(c.noticeReceivedOn)}): by ${formatDate(window.to)}, not ${formatDate(c.appliedOn)}; the notice has lapsed`);
    // s42: the child has lived with the applicants long enough. The "3 of the last 5 years" rule
    // is checked as continuous residence since the start date: Mercia records one start date, and
    // breaks in the child's residence are for the court report to describe.
    const months = residenceMonthsNeeded(c.relationship);
    const since = addMonths(c.appliedOn, -months);
    if (c.residenceStartedOn > since) {
      const period = months === 36 ? '3 years (of the last 5)' : months === 12 ? '1 year' : `${months} months`;
      add('appliedOn', `The child must have lived with the applicants for ${period} before they apply: living with them since ${formatDate(c.residenceStartedOn)}, so apply on or after ${formatDate(addMonths(c.residenceStartedOn, months))}`);
    }
    if (c.appliedOn >= addMonths(c.childDateOfBirth, 12 * APPLY_BEFORE_AGE)) add('appliedOn', `The child must be under ${APPLY_BEFORE_AGE} when the application is made: they were ${APPLY_BEFORE_AGE} on ${formatDate(addMonths(c.childDateOfBirth, 12 * APPLY_BEFORE_AGE))}`);
  }
  // Only a child can be adopted: a notice about someone already 18 cannot lead to an application.
  const eighteenth = addMonths(c.childDateOfBirth, 12 * APPLY_BEFORE_AGE);
  if (c.noticeReceivedOn >= eighteenth) add('childDateOfBirth', `The child must be under ${APPLY_BEFORE_AGE} when the notice is given: they were ${APPLY_BEFORE_AGE} on ${formatDate(eighteenth)}`);
  if (c.reportRequestedOn && !c.appliedOn) add('reportRequestedOn', 'Record the application to court before the court\'s request for a report');
  if (c.reportFiledOn && !c.reportRequestedOn) add('reportFiledOn', 'Record the court\'s request for a report before filing it');

  if (c.outcome) {
    if ((c.outcome === 'order-made' || c.outcome === 'refused') && !c.appliedOn) add('outcome', `Record the application to court before the court's decision`);
    if (c.outcome === 'lapsed') {
      const lapses = noticeLapsesOn(c.noticeReceivedOn);
      if (c.appliedOn) add('outcome', `The notice cannot lapse: an application was made on ${formatDate(c.appliedOn)}`);
      else if (c.outcomeOn && c.outcomeOn < lapses) add('outcomeOn', `The notice lapses on ${formatDate(lapses)}, 2 years after it was received, if no application is made`);
    }
    const nineteenth = addMonths(c.childDateOfBirth, 12 * ORDER_BEFORE_AGE);
    if (c.outcome === 'order-made' && c.outcomeOn && c.outcomeOn >= nineteenth) add('outcomeOn', `An adoption order can only be made before the child is ${ORDER_BEFORE_AGE}: they were ${ORDER_BEFORE_AGE} on ${formatDate(nineteenth)}`);
  }
  return problems;
}

/** The fields each step records. */
export const NON_AGENCY_STEP_FIELDS: Record<NonAgencyStep, (keyof NonAgencyFacts)[]> = {
  application: ['appliedOn', 'court', 'courtCaseNumber'],
  'report-requested': ['reportRequestedOn', 'reportDueOn'],
  'report-filed': ['reportFiledOn'],
  outcome: ['outcome', 'outcomeOn'],
};

/** The steps open to a case: none once closed; each once the step before it is recorded (recorded steps may be corrected). */
export function nonAgencyStepsOpen(c: NonAgencyFacts): NonAgencyStep[] {
  if (c.outcome) return [];
  const open: NonAgencyStep[] = ['application'];
  if (c.appliedOn) open.push('report-requested');
  if (c.reportRequestedOn) open.push('report-filed');
  open.push('outcome');
  return open;
}

/** A step recorded on the case, refused if the case is closed or the result would not hold together. */
export function nonAgencyStepProblems(before: NonAgencyFacts, step: NonAgencyStep, after: NonAgencyFacts, today: string): FieldError[] {
  const fields = NON_AGENCY_STEP_FIELDS[step];
  if (before.outcome) return [{ field: fields[0]!, message: `This case was closed on ${formatDate(before.outcomeOn)} (${NON_AGENCY_OUTCOMES[before.outcome].toLowerCase()}): it takes no more steps` }];
  if (!nonAgencyStepsOpen(before).includes(step)) return [{ field: fields[0]!, message: step === 'report-filed' ? 'Record the court\'s request for a report first' : 'Record the application to court first' }];
  return nonAgencyProblems(after, today, fields);
}

// ---- where a case stands ----------------------------------------------------------------------------

export interface NonAgencyStanding {
  open: boolean;
  /** The day the notice lapses (no application yet, case open), and whether it has. */
  lapsesOn: string | null;
  lapsed: boolean;
  /** A report asked for and not filed: its due day, and whether it is overdue. */
  reportDueOn: string | null;
  reportOverdue: boolean;
  /** What the case is waiting for, in a few words, for lists. */
  status: string;
}

export function nonAgencyStanding(c: NonAgencyFacts, today: string): NonAgencyStanding {
  const lapsesOn = !c.outcome && !c.appliedOn ? noticeLapsesOn(c.noticeReceivedOn) : null;
  const lapsed = lapsesOn !== null && lapsesOn <= today;
  const reportDueOn = !c.outcome && c.reportRequestedOn && !c.reportFiledOn ? c.reportDueOn : null;
  const reportOverdue = reportDueOn !== null && reportDueOn < today;
  const status = c.outcome ? `${NON_AGENCY_OUTCOMES[c.outcome]} ${formatDate(c.outcomeOn)}`
    : lapsed ? `Notice lapsed ${formatDate(lapsesOn)}`
    : reportDueOn ? `Court report ${reportOverdue ? 'overdue' : 'due'} ${formatDate(reportDueOn)}`
    : c.reportFiledOn ? `Court report filed ${formatDate(c.reportFiledOn)}`
    : c.appliedOn ? `Applied to court ${formatDate(c.appliedOn)}`
    : `Notice received; may apply from ${formatDate(applicationWindow(c.noticeReceivedOn).from)}`;
  return { open: !c.outcome, lapsesOn, lapsed, reportDueOn, reportOverdue, status };
}
