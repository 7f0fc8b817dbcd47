// Support after adoption, as pure rules: who is responsible for a family's support (the child's
// placing council for three years after the adoption order, then the council where the family
// lives), the Adoption Support Fund's rules for a financial year (held as data, asf_rule) checked
// against what the child's other applications that year already commit, the life of an
// application, and when work falls due.
import { addMonths } from '../children/model.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';

export const ASSESSMENT_OUTCOMES = { 'support-offered': 'Support offered', 'no-support-needed': 'No support needed', declined: 'Family declined' } as const;
export type AssessmentOutcome = keyof typeof ASSESSMENT_OUTCOMES;

export const ASF_KINDS = { therapy: 'Therapy', 'specialist-assessment': 'Specialist assessment' } as const;
export type AsfKind = keyof typeof ASF_KINDS;

export const ASF_STATUSES = { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', refused: 'Refused', withdrawn: 'Withdrawn' } as const;
export type AsfStatus = keyof typeof ASF_STATUSES;

/** What can happen to an application next, by its status: submitted to the fund, the fund's decision, or withdrawn. */
export const ASF_STEPS = { submit: 'Submit to the fund', approve: 'Approved by the fund', refuse: 'Refused by the fund', withdraw: 'Withdraw' } as const;
export type AsfStep = keyof typeof ASF_STEPS;
const STEP_FROM: Record<AsfStep, { from: readonly AsfStatus[]; to: AsfStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  refuse: { from: ['submitted'], to: 'refused' },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn' },
};

/** The status a step leads to, or null when the application's status does not allow it. */
export function nextStatus(status: AsfStatus, step: AsfStep): AsfStatus | null {
  const s = STEP_FROM[step];
  return s.from.includes(status) ? s.to : null;
}

/** The steps open to an application in this status. */
export function stepsFrom(status: AsfStatus): AsfStep[] {
  return (Object.keys(STEP_FROM) as AsfStep[]).filter((s) => nextStatus(status, s) !== null);
}

/** Applications that count against a year's limits: all but the refused and the withdrawn. */
export const COMMITTING: readonly AsfStatus[] = ['draft', 'submitted', 'approved'];

// ---- dates ---------------------------------------------------------------------------------------

/** "2025 to 2026", as GOV.UK writes a financial year. */
export const yearName = (year: number) => `${year} to ${year + 1}`;
export const yearStart = (year: number) => `${year}-04-01`;
export const yearEnd = (year: number) => `${year + 1}-03-31`;

/** £1,250 or £1,250.50. */
export function money(pence: number): string {
  const pounds = (pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0, maximumFractionDigits: 2 });
  return `£${pounds}`;
}

// ---- who is responsible -------------------------------------------------------------------------

export const RESPONSIBLE_YEARS = 3;

export interface Responsibility {
  /** The council responsible (and paying) today: the record's owner. */
  councilId: string;
  /** The day responsibility passes to the council where the family lives; null if it never will (or has). */
  changesOn: string | null;
  /** Who it passes to on that day. */
  nextCouncilId: string | null;
}

/**
 * The placing council is responsible until three years after the adoption order (and while the
 * child is placed but not yet adopted), then the council where the family lives.
 */
export function responsibility(c: { placingCouncilId: string; residenceCouncilId: string; adoptionOrderOn: string | null }, today: string): Responsibility {
  if (!c.adoptionOrderOn || c.residenceCouncilId === c.placingCouncilId) return { councilId: c.placingCouncilId, changesOn: null, nextCouncilId: null };
  const changesOn = addMonths(c.adoptionOrderOn, 12 * RESPONSIBLE_YEARS);
  return today < changesOn
    ? { councilId: c.placingCouncilId, changesOn, nextCouncilId: c.residenceCouncilId }
    : { councilId: c.residenceCouncilId, changesOn: null, nextCouncilId: null };
}

// ---- the Adoption Support Fund's rules ------------------------------------------------------------

export interface AsfRule {
  fromYear: number;
  toYear: number | null;
  fairAccessLimitPence: number;
  assessmentLimitPence: number;
  /** Specialist assessments count inside the fair access limit (from April 2025), or beside it. */
  assessmentsWithinLimit: boolean;
  /** The most that may be match funded above the limit in a year; null: no match funding. */
  matchFundingLimitPence: number | null;
  /** The package must finish within its financial year. */
  withinYear: boolean;
  applyWithinMonths: number;
}

export function ruleFor(rules: readonly AsfRule[], year: number): AsfRule | undefined {
  return rules.find((r) => r.fromYear <= year && (r.toYear === null || year <= r.toYear));
}

/** What the child's other applications in the year (not refused or withdrawn) already commit. */
export interface Committed {
  /** Therapy paid within the fair access limit (match funded parts left out). */
  therapyPence: number;
  assessmentPence: number;
  matchFundedPence: number;
}

export function committedBy(others: readonly { kind: AsfKind; amountPence: number; matchFundedPence: number; status: AsfStatus }[]): Committed {
  const live = others.filter((a) => COMMITTING.includes(a.status));
  const sum = (xs: typeof live, f: (a: (typeof live)[number]) => number) => xs.reduce((n, a) => n + f(a), 0);
  return {
    therapyPence: sum(live.filter((a) => a.kind === 'therapy'), (a) => a.amountPence - a.matchFundedPence),
    assessmentPence: sum(live.filter((a) => a.kind === 'specialist-assessment'), (a) => a.amountPence),
    matchFundedPence: sum(live, (a) => a.matchFundedPence),
  };
}

export interface AsfApplicationFacts {
  kind: AsfKind;
  amountPence: number;
  financialYear: number;
  endsOn: string;
  assessedOn: string;
  appliedOn: string | null;
}

/**
 * Whether the application keeps to its year's rules, given what the child's other applications
 * commit; and, in years with match funding, the part of it above the fair access limit that is
 * match funded. Each problem names the limit, the year and what is already committed.
 */
export function checkAsf(rule: AsfRule | undefined, a: AsfApplicationFacts, committed: Committed): { problems: FieldError[]; matchFundedPence: number } {
  const year = yearName(a.financialYear);
  if (!rule) return { problems: [{ field: 'financialYear', message: `No Adoption Support Fund rules are held for ${year}` }], matchFundedPence: 0 };
  const problems: FieldError[] = [];
  const over = (limit: string, limitPence: number, already: number) =>
    problems.push({ field: 'amount', message: `${money(a.amountPence)} is over the ${limit} of ${money(limitPence)} per child in ${year}: ${money(already)} is already committed, so ${money(Math.max(0, limitPence - already))} is left` });
  let matchFundedPence = 0;
  const isAssessment = a.kind === 'specialist-assessment';
  if (isAssessment && committed.assessmentPence + a.amountPence > rule.assessmentLimitPence) over('specialist assessment limit', rule.assessmentLimitPence, committed.assessmentPence);
  if (rule.assessmentsWithinLimit) {
    const already = committed.therapyPence + committed.assessmentPence;
    if (already + a.amountPence > rule.fairAccessLimitPence) over('fair access limit (assessments included)', rule.fairAccessLimitPence, already);
  } else if (!isAssessment) {
    const left = Math.max(0, rule.fairAccessLimitPence - committed.therapyPence);
    const above = Math.max(0, a.amountPence - left);
    if (above > 0 && rule.matchFundingLimitPence === null) over('fair access limit', rule.fairAccessLimitPence, committed.therapyPence);
    else if (above > 0 && committed.matchFundedPence + above > rule.matchFundingLimitPence!) {
      problems.push({ field: 'amount', message: `${money(a.amountPence)} needs ${money(above)} of match funding above the fair access limit of ${money(rule.fairAccessLimitPence)} in ${year}, over the match funding limit of ${money(rule.matchFundingLimitPence!)} (${money(committed.matchFundedPence)} already match funded)` });
    } else matchFundedPence = above;
  }
  if (rule.withinYear && (a.endsOn < yearStart(a.financialYear) || a.endsOn > yearEnd(a.financialYear))) {
    problems.push({ field: 'endsOn', message: `From ${yearName(2025)} a package must finish within its financial year: ${year} ends on ${formatDate(yearEnd(a.financialYear))}` });
  }
  if (a.appliedOn) {
    const latest = addMonths(a.assessedOn, rule.applyWithinMonths);
    if (a.appliedOn < a.assessedOn) problems.push({ field: 'appliedOn', message: `The date applied cannot be before the assessment of needs (${formatDate(a.assessedOn)})` });
    else if (a.appliedOn > latest) problems.push({ field: 'appliedOn', message: `Apply within ${rule.applyWithinMonths} months of the assessment of needs (${formatDate(a.assessedOn)}): by ${formatDate(latest)}` });
  }
  return { problems, matchFundedPence };
}

// ---- work ------------------------------------------------------------------------------------------

/** An assessment of needs should be finished within this many days of starting (the partnership's standard). */
export const ASSESSMENT_DUE_DAYS = 56;
/** The fund is chased for a decision this many days after an application is submitted. */
export const DECISION_DUE_DAYS = 28;
/** Reviews show as work this many days before they fall due. */
export const DUE_SOON_DAYS = 14;

export const assessmentDueOn = (startedOn: string) => addDays(startedOn, ASSESSMENT_DUE_DAYS);
export const decisionDueOn = (appliedOn: string) => addDays(appliedOn, DECISION_DUE_DAYS);
