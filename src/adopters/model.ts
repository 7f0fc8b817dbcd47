// The adopter's journey as data (DOMAIN.md §2): the household and its AD1 relationship code,
// Stage 1 (target 2 months) with its checks, the break of up to 6 months, Stage 2 (4 months
// from the notice to proceed: AAR 2005 reg 30B), the PAR, the ADM decision and its 40-working-
// day representation window, fast track, approval terms and yearly reviews, the status in the
// pool, and the work each of these makes due. Pure functions only.
import { addWorkingDays } from '../core/calendar.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';
import { addMonths, ageInYears, daysBetween } from '../children/model.ts';
import { CHECK_KINDS, CHECK_STATUSES, EVENT_TYPES, FAST_TRACK, PAR_STATUSES, RELATIONSHIPS, STATUSES, type CheckKind, type CheckStatus, type EventType, type FastTrack, type HouseholdStatus, type LeavingReason, type Need, type Outcome, type ParStatus, type Relationship, type Tolerance } from './codes.ts';

// The code lists live in codes.ts; the rules below use them, and importers find them here too.
export * from './codes.ts';

/** Stage 1 target (months from its start), the break allowed after it, and Stage 2's limit from the notice (reg 30B). */
export const STAGE1_MONTHS = 2;
export const BREAK_MONTHS = 6;
export const STAGE2_MONTHS = 4;
export const REPRESENTATION_WORKING_DAYS = 40;
export const REFERENCES_NEEDED = 3;
export const NON_RELATIVE_REFERENCES_NEEDED = 2;
/** How close to a deadline work is shown as due (days). */
export const DUE_SOON_DAYS = 30;

// ---- the AD1 relationship code --------------------------------------------------------------

export type Ad1Code = 'L0' | 'L11' | 'L12' | 'L2' | 'L3' | 'L4';

/** The AD1 code for the applicants' relationship: single L0; married different-sex L11, same-sex L12; civil partners L2; unmarried different-sex L3, same-sex L4. */
export function ad1Code(relationship: Relationship, sexes: readonly (string | null)[]): Ad1Code | null {
  if (relationship === 'single') return 'L0';
  if (relationship === 'civil-partners') return 'L2';
  const [a, b] = sexes;
  if (!a || !b || a === 'U' || b === 'U') return null;
  const same = a === b;
  if (relationship === 'married') return same ? 'L12' : 'L11';
  return same ? 'L4' : 'L3';
}

/** Why the applicants do not fit the relationship (a single applicant alone, a couple two). */
export function relationshipProblems(relationship: Relationship, applicantCount: number): FieldError[] {
  if (relationship === 'single' && applicantCount !== 1) return [{ field: 'relationship', message: 'A single applicant household has one applicant: choose the couple\'s relationship' }];
  if (relationship !== 'single' && applicantCount !== 2) return [{ field: 'relationship', message: `${RELATIONSHIPS[relationship]} applicants are two people: add the second applicant, or choose single applicant` }];
  return [];
}

export function isAdult(dateOfBirth: string, on: string): boolean {
  return ageInYears(dateOfBirth, on) >= 18;
}

// ---- the household's state --------------------------------------------------------------------

export interface HouseholdState {
  status: HouseholdStatus;
  fastTrack: FastTrack | null;
  roiAcceptedOn: string | null;
  stage1StartedOn: string | null;
  stage1PlanAgreedOn: string | null;
  stage1DecidedOn: string | null;
  stage1Outcome: 'proceed' | 'not-proceed' | null;
  stage2StartedOn: string | null;
  parStatus: ParStatus | null;
  panelOn: string | null;
  admOutcome: 'approved' | 'not-suitable' | null;
  admDecidedOn: string | null;
  approvedOn: string | null;
  representationEndsOn: string | null;
  approvalReviewDueOn: string | null;
  statusChangedOn: string | null;
  leftOn: string | null;
  leavingReason: LeavingReason | null;
  preparationCompletedOn: string | null;
  assessingWorkerId: string | null;
}

export interface StageEventInput {
  type: EventType;
  date: string;
  outcome?: Outcome | null;
  parStatus?: ParStatus | null;
  status?: HouseholdStatus | null;
  reason?: LeavingReason | null;
  staffId?: string | null;
  notes?: string | null;
}

export const STAGES = {
  registration: 'Registration of interest', 'stage-1': 'Stage 1', 'between-stages': 'Between stages', 'stage-2': 'Stage 2',
  approved: 'Approved', closed: 'Closed',
} as const;
export type Stage = keyof typeof STAGES;

/** Where the household is in the journey (the list's stage filter uses the same rule in SQL: store.ts). */
export function stageOf(h: Pick<HouseholdState, 'status' | 'stage1StartedOn' | 'stage1DecidedOn' | 'stage2StartedOn' | 'approvedOn'>): Stage {
  if (h.status === 'withdrawn' || h.status === 'de-registered') return 'closed';
  if (h.approvedOn) return 'approved';
  if (h.stage2StartedOn) return 'stage-2';
  if (h.stage1DecidedOn) return 'between-stages';
  if (h.stage1StartedOn) return 'stage-1';
  return 'registration';
}

// ---- checks -------------------------------------------------------------------------------------

export interface Check {
  id?: string;
  kind: CheckKind;
  subject: string;
  relative: boolean;
  status: CheckStatus;
  requestedOn: string;
  receivedOn: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  notes?: string | null;
}

export function checkProblems(c: Pick<Check, 'requestedOn' | 'receivedOn' | 'issuedOn' | 'expiresOn' | 'status'>, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (c.requestedOn > today) errors.push({ field: 'requestedOn', message: `Date requested (${formatDate(c.requestedOn)}) cannot be in the future` });
  if (c.receivedOn && c.receivedOn < c.requestedOn) errors.push({ field: 'receivedOn', message: `Date received (${formatDate(c.receivedOn)}) cannot be before it was requested (${formatDate(c.requestedOn)})` });
  if (c.receivedOn && c.receivedOn > today) errors.push({ field: 'receivedOn', message: `Date received (${formatDate(c.receivedOn)}) cannot be in the future` });
  if (c.expiresOn && c.issuedOn && c.expiresOn < c.issuedOn) errors.push({ field: 'expiresOn', message: `Expiry date (${formatDate(c.expiresOn)}) cannot be before the date of issue (${formatDate(c.issuedOn)})` });
  if (c.expiresOn && !c.issuedOn) errors.push({ field: 'issuedOn', message: 'Enter the date of issue of a check that expires' });
  if (c.status !== 'requested' && !c.receivedOn) errors.push({ field: 'receivedOn', message: `Enter the date the check was received: it is ${CHECK_STATUSES[c.status].toLowerCase()}` });
  return errors;
}

export type ExpiryState = 'expired' | 'expiring' | 'valid' | null;

export function expiryOf(c: Pick<Check, 'expiresOn'>, today: string): ExpiryState {
  if (!c.expiresOn) return null;
  if (c.expiresOn < today) return 'expired';
  if (c.expiresOn <= addDays(today, DUE_SOON_DAYS)) return 'expiring';
  return 'valid';
}

export interface Person {
  name: string;
  dateOfBirth: string | null;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What is missing before a Stage 1 "proceed" decision on `on`: a satisfactory, unexpired
 * enhanced DBS for every adult in the household, 3 references (2 not relatives), a medical for
 * each applicant, a local authority check (every council lived in that was checked must be
 * satisfactory), previous partner and employer checks satisfactory where made, and preparation
 * training completed. Empty when the household may proceed.
 */
export function missingForProceed(h: Pick<HouseholdState, 'preparationCompletedOn'>, applicants: readonly Person[], members: readonly Person[], checks: readonly Check[], on: string): string[] {
  const ok = (c: Check) => c.status === 'satisfactory' && (!c.expiresOn || c.expiresOn >= on);
  const good = checks.filter(ok);
  const missing: string[] = [];
  const adults = [...applicants, ...members.filter((m) => m.dateOfBirth && isAdult(m.dateOfBirth, on))];
  for (const a of adults) if (!good.some((c) => c.kind === 'dbs' && sameName(c.subject, a.name))) missing.push(`a satisfactory enhanced DBS check for ${a.name}`);
  const refs = good.filter((c) => c.kind === 'reference');
  if (refs.length < REFERENCES_NEEDED) missing.push(`${REFERENCES_NEEDED} satisfactory references (${refs.length} so far)`);
  const unrelated = refs.filter((c) => !c.relative).length;
  if (unrelated < NON_RELATIVE_REFERENCES_NEEDED) missing.push(`${NON_RELATIVE_REFERENCES_NEEDED} references from people who are not relatives (${unrelated} so far)`);
  for (const a of applicants) if (!good.some((c) => c.kind === 'medical' && sameName(c.subject, a.name))) missing.push(`a satisfactory medical for ${a.name}`);
  if (!good.some((c) => c.kind === 'la-check')) missing.push('a satisfactory local authority check');
  for (const c of checks) {
    if (['la-check', 'previous-partner', 'employer'].includes(c.kind) && !ok(c)) missing.push(`the ${CHECK_KINDS[c.kind].toLowerCase()} (${c.subject}) to be satisfactory and in date`);
  }
  if (!h.preparationCompletedOn) missing.push('preparation training to be completed');
  else if (h.preparationCompletedOn > on) missing.push(`preparation training completed by the decision (it was completed on ${formatDate(h.preparationCompletedOn)})`);
  return missing;
}

// ---- stage events -------------------------------------------------------------------------------

const APPROVED_OR_LATER: readonly HouseholdStatus[] = ['approved', 'linked', 'matched', 'placed'];
const PAR_ORDER: readonly ParStatus[] = ['draft', 'quality-assured', 'final'];
/** Allowed status changes (besides on hold, withdrawn and de-registered, checked apart). */
const NEXT_STATUS: Partial<Record<HouseholdStatus, readonly HouseholdStatus[]>> = {
  approved: ['linked'], linked: ['approved', 'matched'], matched: ['linked', 'placed', 'approved'], placed: ['approved'],
};

export interface EventContext {
  today: string;
  /** What a Stage 1 "proceed" still needs (missingForProceed on the event's date). */
  missingForProceed: readonly string[];
}

/**
 * Whether the event may be recorded, naming the field and the dates; if it may, the
 * household's state after it. Nothing is written when there are problems.
 */
export function applyEvent(h: HouseholdState, e: StageEventInput, ctx: EventContext): { problems: FieldError[]; next: HouseholdState } {
  const problems: FieldError[] = [];
  const fail = (message: string, field = 'date') => ({ problems: [...problems, { field, message }], next: h });
  const when = formatDate(e.date);
  const label = EVENT_TYPES[e.type];
  if (e.date > ctx.today) return fail(`${label} date (${when}) cannot be in the future`);
  if (h.status === 'withdrawn' || h.status === 'de-registered') {
    if (e.type !== 'status-change') return fail(`The household is ${STATUSES[h.status].toLowerCase()}${h.leftOn ? ` (since ${formatDate(h.leftOn)})` : ''}: nothing more can be recorded`, 'type');
  }
  if (h.roiAcceptedOn && e.date < h.roiAcceptedOn && e.type !== 'status-change') return fail(`${label} date (${when}) cannot be before the registration of interest was accepted (${formatDate(h.roiAcceptedOn)})`);
  const next: HouseholdState = { ...h };
  const notBefore = (date: string | null, what: string) => (date && e.date < date ? fail(`${label} date (${when}) cannot be before ${what} (${formatDate(date)})`) : null);

  switch (e.type) {
    case 'stage-1-started': {
      if (h.fastTrack) return fail(`A fast-track household (${FAST_TRACK[h.fastTrack].toLowerCase()}) starts at Stage 2 without Stage 1`, 'type');
      if (h.stage1StartedOn) return fail(`Stage 1 already started on ${formatDate(h.stage1StartedOn)}`, 'type');
      next.stage1StartedOn = e.date;
      break;
    }
    case 'stage-1-plan-agreed': {
      if (!h.stage1StartedOn) return fail('The Stage 1 plan is agreed after Stage 1 starts: record the start of Stage 1 first', 'type');
      const r = notBefore(h.stage1StartedOn, 'the start of Stage 1');
      if (r) return r;
      next.stage1PlanAgreedOn = e.date;
      break;
    }
    case 'stage-1-decision': {
      if (!h.stage1StartedOn) return fail('Record the start of Stage 1 before its decision', 'type');
      if (h.stage1DecidedOn) return fail(`The Stage 1 decision was already made on ${formatDate(h.stage1DecidedOn)}`, 'type');
      const r = notBefore(h.stage1StartedOn, 'the start of Stage 1');
      if (r) return r;
      if (e.outcome !== 'proceed' && e.outcome !== 'not-proceed') return fail('Select the Stage 1 decision: proceed or not proceed', 'outcome');
      if (e.outcome === 'proceed' && ctx.missingForProceed.length) return fail(`The household cannot proceed to Stage 2 yet: it needs ${ctx.missingForProceed.join('; ')}`, 'outcome');
      next.stage1DecidedOn = e.date;
      next.stage1Outcome = e.outcome;
      if (e.outcome === 'not-proceed') Object.assign(next, { status: 'withdrawn', leavingReason: 'refused', leftOn: e.date, statusChangedOn: e.date });
      break;
    }
    case 'stage-2-notice': {
      if (h.stage2StartedOn) return fail(`Stage 2 already started on ${formatDate(h.stage2StartedOn)}`, 'type');
      if (!h.fastTrack) {
        if (!h.stage1DecidedOn) return fail(`Stage 2 cannot start before Stage 1 ends: ${h.stage1StartedOn ? `Stage 1 started on ${formatDate(h.stage1StartedOn)} and has no decision yet` : 'Stage 1 has not started'} (only fast-track households start at Stage 2)`, 'type');
        if (h.stage1Outcome !== 'proceed') return fail(`The Stage 1 decision on ${formatDate(h.stage1DecidedOn)} was not to proceed`, 'type');
        const r = notBefore(h.stage1DecidedOn, 'the Stage 1 decision');
        if (r) return r;
        const latest = addMonths(h.stage1DecidedOn, BREAK_MONTHS);
        if (e.date > latest) return fail(`The notice to proceed (${when}) is more than ${BREAK_MONTHS} months after the Stage 1 decision (${formatDate(h.stage1DecidedOn)}): the latest was ${formatDate(latest)}. Stage 1 must start again`);
      }
      if (h.status !== 'in-assessment') return fail(`The household is ${STATUSES[h.status].toLowerCase()}: Stage 2 starts only while in assessment`, 'type');
      next.stage2StartedOn = e.date;
      break;
    }
    case 'visit': {
      if (!h.stage2StartedOn) return fail('Assessment visits are recorded in Stage 2: record the notice to proceed first', 'type');
      const r = notBefore(h.stage2StartedOn, 'the start of Stage 2');
      if (r) return r;
      break;
    }
    case 'par-status': {
      if (!h.stage2StartedOn) return fail('The Prospective Adopter\'s Report is written in Stage 2: record the notice to proceed first', 'type');
      const r = notBefore(h.stage2StartedOn, 'the start of Stage 2');
      if (r) return r;
      if (!e.parStatus) return fail('Select the status of the report', 'parStatus');
      if (h.parStatus && PAR_ORDER.indexOf(e.parStatus) <= PAR_ORDER.indexOf(h.parStatus)) return fail(`The report is already ${PAR_STATUSES[h.parStatus].toLowerCase()}: it moves from draft to quality assured to final`, 'parStatus');
      next.parStatus = e.parStatus;
      break;
    }
    case 'panel': {
      if (!h.stage2StartedOn) return fail('A household goes to panel in Stage 2: record the notice to proceed first', 'type');
      if (h.parStatus !== 'final') return fail(`The panel needs the final Prospective Adopter's Report: the report is ${h.parStatus ? PAR_STATUSES[h.parStatus].toLowerCase() : 'not started'}`, 'type');
      const r = notBefore(h.stage2StartedOn, 'the start of Stage 2');
      if (r) return r;
      next.panelOn = e.date;
      break;
    }
    case 'adm-decision': {
      if (!h.stage2StartedOn) return fail('The agency decision maker decides at the end of Stage 2: record the notice to proceed first', 'type');
      if (h.admOutcome === 'approved') return fail(`The household was already approved on ${formatDate(h.admDecidedOn)}`, 'type');
      if (e.outcome !== 'approved' && e.outcome !== 'not-suitable') return fail('Select the decision: approved or not suitable', 'outcome');
      if (e.outcome === 'approved' && h.parStatus !== 'final') return fail(`Approval needs a final Prospective Adopter's Report (parStatus): the report is ${h.parStatus ? PAR_STATUSES[h.parStatus].toLowerCase() : 'not started'}`, 'outcome');
      const r = notBefore(h.panelOn, 'the panel') ?? notBefore(h.admDecidedOn, 'the earlier decision') ?? notBefore(h.stage2StartedOn, 'the start of Stage 2');
      if (r) return r;
      next.admOutcome = e.outcome;
      next.admDecidedOn = e.date;
      if (e.outcome === 'approved') {
        Object.assign(next, { approvedOn: e.date, status: 'approved', statusChangedOn: e.date, approvalReviewDueOn: addMonths(e.date, 12), representationEndsOn: null });
      } else {
        next.representationEndsOn = addWorkingDays(e.date, REPRESENTATION_WORKING_DAYS);
      }
      break;
    }
    case 'approval-review': {
      if (!h.approvedOn) return fail('Only an approved household\'s approval is reviewed', 'type');
      const r = notBefore(h.approvedOn, 'the approval');
      if (r) return r;
      next.approvalReviewDueOn = addMonths(e.date, 12);
      break;
    }
    case 'status-change': {
      const to = e.status;
      if (!to) return fail('Select the new status', 'status');
      if (to === h.status) return fail(`The household is already ${STATUSES[to].toLowerCase()}`, 'status');
      const r = notBefore(h.statusChangedOn, 'the last change of status');
      if (r) return r;
      if (to === 'withdrawn' || to === 'de-registered') {
        if (!e.reason) return fail(`Select why the household ${to === 'withdrawn' ? 'left the process' : 'was de-registered'} (Annex A reason)`, 'reason');
        Object.assign(next, { status: to, leavingReason: e.reason, leftOn: e.date, statusChangedOn: e.date });
        break;
      }
      if (e.reason && to !== 'on-hold') return fail('A reason is given only when the household goes on hold, withdraws or is de-registered', 'reason');
      if (h.status === 'withdrawn' || h.status === 'de-registered') return fail(`The household is ${STATUSES[h.status].toLowerCase()}: it cannot become ${STATUSES[to].toLowerCase()}`, 'status');
      if (to === 'on-hold') {
        if (!['in-assessment', 'approved'].includes(h.status)) return fail(`A ${STATUSES[h.status].toLowerCase()} household cannot be put on hold`, 'status');
        Object.assign(next, { status: to, leavingReason: 'put-on-hold', statusChangedOn: e.date });
        break;
      }
      if (h.status === 'on-hold') {
        const back: HouseholdStatus = h.approvedOn ? 'approved' : 'in-assessment';
        if (to !== back) return fail(`A household on hold returns to ${STATUSES[back].toLowerCase()}`, 'status');
        Object.assign(next, { status: to, leavingReason: null, statusChangedOn: e.date });
        break;
      }
      if (to === 'in-assessment') return fail('A household returns to assessment only from on hold', 'status');
      if (!h.approvedOn) return fail(`A household becomes ${STATUSES[to].toLowerCase()} only after approval: record the agency decision maker's approval first`, 'status');
      if (to === 'approved' && !APPROVED_OR_LATER.includes(h.status)) return fail(`A ${STATUSES[h.status].toLowerCase()} household cannot become approved and available`, 'status');
      if (!(NEXT_STATUS[h.status] ?? []).includes(to)) return fail(`A ${STATUSES[h.status].toLowerCase()} household cannot become ${STATUSES[to].toLowerCase()}`, 'status');
      Object.assign(next, { status: to, statusChangedOn: e.date });
      break;
    }
  }
  if (e.type === 'visit' && e.staffId && !h.assessingWorkerId) next.assessingWorkerId = e.staffId;
  return { problems, next };
}

// ---- clocks -------------------------------------------------------------------------------------

export type ClockStatus = 'on-track' | 'at-risk' | 'overdue' | 'met' | 'missed';
export const AT_RISK_SHARE = 0.75;

export interface Clock {
  from: string | null;
  to: string | null;
  /** The target date (start + months). */
  dueOn: string | null;
  days: number | null;
  /** The target in days from the start. */
  targetDays: number | null;
  status: ClockStatus | null;
}

export function clockOf(from: string | null, to: string | null, months: number, today: string): Clock {
  if (!from) return { from, to, dueOn: null, days: null, targetDays: null, status: null };
  const dueOn = addMonths(from, months);
  const targetDays = daysBetween(from, dueOn);
  const end = to ?? today;
  const days = Math.max(0, daysBetween(from, end));
  const status: ClockStatus = to ? (to <= dueOn ? 'met' : 'missed') : end > dueOn ? 'overdue' : days >= targetDays * AT_RISK_SHARE ? 'at-risk' : 'on-track';
  return { from, to, dueOn, days, targetDays, status };
}

export interface Clocks {
  stage1: Clock;
  stage2: Clock;
  /** The last day to give notice to proceed to Stage 2 (6 months after a "proceed" decision), while it is not given. */
  noticeBy: string | null;
  representation: { endsOn: string; open: boolean; workingDaysLeft: number } | null;
}

export function clocksOf(h: HouseholdState, today: string, workingDaysBetween: (from: string, to: string) => number): Clocks {
  const stage1End = h.stage1DecidedOn;
  return {
    stage1: clockOf(h.stage1StartedOn, stage1End, STAGE1_MONTHS, today),
    stage2: clockOf(h.stage2StartedOn, h.admDecidedOn, STAGE2_MONTHS, today),
    noticeBy: h.stage1Outcome === 'proceed' && !h.stage2StartedOn && h.stage1DecidedOn ? addMonths(h.stage1DecidedOn, BREAK_MONTHS) : null,
    representation: h.admOutcome === 'not-suitable' && h.representationEndsOn
      ? { endsOn: h.representationEndsOn, open: today <= h.representationEndsOn, workingDaysLeft: today <= h.representationEndsOn ? workingDaysBetween(today, h.representationEndsOn) : 0 }
      : null,
  };
}

// ---- work due -------------------------------------------------------------------------------------

export interface WorkFacts extends HouseholdState {
  id: string;
  reference: string;
  name: string;
  checks: readonly Pick<Check, 'kind' | 'subject' | 'expiresOn' | 'status'>[];
}

export interface DueItem {
  kind: 'stage-1-overdue' | 'stage-2-overdue' | 'check-expiring' | 'approval-review' | 'representation-window' | 'stage-2-notice-due';
  title: string;
  dueOn: string;
  overdue: boolean;
}

/** The work a household makes due today (for the home page and the daily reminders). */
export function dueItems(h: WorkFacts, today: string): DueItem[] {
  const items: DueItem[] = [];
  const closed = h.status === 'withdrawn' || h.status === 'de-registered';
  if (closed) return items;
  const soon = addDays(today, DUE_SOON_DAYS);
  const who = `${h.name} (${h.reference})`;
  if (h.stage1StartedOn && !h.stage1DecidedOn) {
    const due = addMonths(h.stage1StartedOn, STAGE1_MONTHS);
    if (due < today) items.push({ kind: 'stage-1-overdue', title: `Stage 1 overdue for ${who}: started ${formatDate(h.stage1StartedOn)}, no decision`, dueOn: due, overdue: true });
  }
  if (h.stage1Outcome === 'proceed' && !h.stage2StartedOn && h.stage1DecidedOn) {
    const by = addMonths(h.stage1DecidedOn, BREAK_MONTHS);
    if (by <= soon) items.push({ kind: 'stage-2-notice-due', title: `Notice to proceed to Stage 2 due from ${who} by ${formatDate(by)}`, dueOn: by, overdue: by < today });
  }
  if (h.stage2StartedOn && !h.admDecidedOn) {
    const due = addMonths(h.stage2StartedOn, STAGE2_MONTHS);
    if (due < today) items.push({ kind: 'stage-2-overdue', title: `Stage 2 overdue for ${who}: notice to proceed ${formatDate(h.stage2StartedOn)}, no decision (reg 30B: 4 months)`, dueOn: due, overdue: true });
  }
  if (!h.approvedOn || APPROVED_OR_LATER.includes(h.status) || h.status === 'on-hold') {
    for (const c of h.checks) {
      if (c.expiresOn && c.expiresOn <= soon && c.status !== 'concern') {
        items.push({ kind: 'check-expiring', title: `${CHECK_KINDS[c.kind]} for ${c.subject} ${c.expiresOn < today ? 'expired' : 'expires'} ${formatDate(c.expiresOn)} (${who})`, dueOn: c.expiresOn, overdue: c.expiresOn < today });
      }
    }
  }
  if (h.approvedOn && h.approvalReviewDueOn && APPROVED_OR_LATER.includes(h.status) && h.status !== 'placed' && h.approvalReviewDueOn <= soon) {
    items.push({ kind: 'approval-review', title: `Yearly review of approval due for ${who}`, dueOn: h.approvalReviewDueOn, overdue: h.approvalReviewDueOn < today });
  }
  if (h.admOutcome === 'not-suitable' && h.representationEndsOn && h.representationEndsOn >= today) {
    items.push({ kind: 'representation-window', title: `Representation window for ${who} ends ${formatDate(h.representationEndsOn)} (not suitable decision ${formatDate(h.admDecidedOn)})`, dueOn: h.representationEndsOn, overdue: false });
  }
  return items;
}

// ---- the pool -------------------------------------------------------------------------------------

export interface Terms {
  minChildren: number;
  maxChildren: number;
  minAge: number;
  maxAge: number;
  childSex: 'any' | 'M' | 'F';
  siblingGroup: boolean;
  tolerances: Record<Need, Tolerance>;
  ethnicityConsiderations: string | null;
  religionConsiderations: string | null;
  languageConsiderations: string | null;
  areasToAvoid: string | null;
  /** Religions practised in the household and languages spoken at home, as matching weighs them. */
  religions: string[];
  languages: string[];
  /** Councils the household cannot live near or be matched with (matching excludes them). */
  avoidCouncilIds: string[];
}

const TOLERANCE_RANK: Record<Tolerance, number> = { cannot: 0, low: 1, medium: 2, high: 3 };

/** Whether approval terms fit a child or sibling group: number, age, sibling group, and a need at least at the level given. */
export function termsFit(t: Terms, f: { children?: number; age?: number; siblingGroup?: boolean; need?: Need; tolerance?: Tolerance }): boolean {
  if (f.children !== undefined && (f.children < t.minChildren || f.children > t.maxChildren)) return false;
  if (f.age !== undefined && (f.age < t.minAge || f.age > t.maxAge)) return false;
  if (f.siblingGroup && !t.siblingGroup) return false;
  if (f.need && TOLERANCE_RANK[t.tolerances[f.need]] < TOLERANCE_RANK[f.tolerance ?? 'low']) return false;
  return true;
}
