// Inter-country adoptions, as pure rules. From the applicants' enquiry: the assessment is
// commissioned (usually from a specialist inter-country assessment agency) and completed, the panel
// recommends, the agency decides; once approved, the papers go to the DfE, which issues the
// certificate of eligibility; the child's country proposes a child; the child arrives in England;
// the adopters apply for an order here (or the overseas adoption is recognised). Each step comes
// after the one before it, on or after its date, never in the future; a closed case takes no more.
import { lowerFirst } from '../core/text.ts';
import { addMonths } from '../children/model.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';


export const DECISIONS = { approved: 'Approved', 'not-approved': 'Not approved' } as const;
export type IntercountryDecision = keyof typeof DECISIONS;

export const INTERCOUNTRY_OUTCOMES = {
  'order-made': 'Adoption order made in England', 'overseas-recognised': 'Overseas adoption recognised', withdrawn: 'Withdrawn', 'not-approved': 'Not approved',
} as const;
export type IntercountryOutcome = keyof typeof INTERCOUNTRY_OUTCOMES;

export const INTERCOUNTRY_STEPS = {
  commissioned: 'Assessment commissioned', 'assessment-completed': 'Assessment completed', panel: 'Panel recommendation', decision: 'Agency decision',
  'papers-sent': 'Papers sent to the DfE', certificate: 'Certificate of eligibility issued', matched: 'Child proposed', arrived: 'Arrival in England',
  'order-applied': 'Application for an adoption order', outcome: 'Outcome',
} as const;
export type IntercountryStep = keyof typeof INTERCOUNTRY_STEPS;

export interface IntercountryFacts {
  enquiryOn: string;
  assessmentProvider: string | null;
  assessmentCommissionedOn: string | null;
  assessmentCompletedOn: string | null;
  panelOn: string | null;
  decision: IntercountryDecision | null;
  decisionOn: string | null;
  dfePapersSentOn: string | null;
  certificateIssuedOn: string | null;
  childName: string | null;
  childDateOfBirth: string | null;
  matchedOn: string | null;
  arrivedOn: string | null;
  orderAppliedOn: string | null;
  outcome: IntercountryOutcome | null;
  outcomeOn: string | null;
}
type DateField = 'enquiryOn' | 'assessmentCommissionedOn' | 'assessmentCompletedOn' | 'panelOn' | 'decisionOn' | 'dfePapersSentOn' | 'certificateIssuedOn' | 'matchedOn' | 'arrivedOn' | 'orderAppliedOn';

/** The steps in order: each step's date, and the fields it records. */
const CHAIN: { step: Exclude<IntercountryStep, 'outcome'>; date: DateField; fields: (keyof IntercountryFacts)[] }[] = [
  { step: 'commissioned', date: 'assessmentCommissionedOn', fields: ['assessmentProvider', 'assessmentCommissionedOn'] },
  { step: 'assessment-completed', date: 'assessmentCompletedOn', fields: ['assessmentCompletedOn'] },
  { step: 'panel', date: 'panelOn', fields: ['panelOn'] },
  { step: 'decision', date: 'decisionOn', fields: ['decision', 'decisionOn'] },
  { step: 'papers-sent', date: 'dfePapersSentOn', fields: ['dfePapersSentOn'] },
  { step: 'certificate', date: 'certificateIssuedOn', fields: ['certificateIssuedOn'] },
  { step: 'matched', date: 'matchedOn', fields: ['childName', 'childDateOfBirth', 'matchedOn'] },
  { step: 'arrived', date: 'arrivedOn', fields: ['arrivedOn'] },
  { step: 'order-applied', date: 'orderAppliedOn', fields: ['orderAppliedOn'] },
];

export const INTERCOUNTRY_STEP_FIELDS: Record<IntercountryStep, (keyof IntercountryFacts)[]> = {
  ...Object.fromEntries(CHAIN.map((c) => [c.step, c.fields])) as Record<Exclude<IntercountryStep, 'outcome'>, (keyof IntercountryFacts)[]>,
  outcome: ['outcome', 'outcomeOn'],
};

/** The partnership's own prompts (not statutory deadlines): papers to the DfE within 4 weeks of approval… */
export const PAPERS_PROMPT_DAYS = 28;
/** …an application for an adoption order within 12 months of the child's arrival… */
export const ORDER_APPLICATION_PROMPT_MONTHS = 12;
/** …and some step on every open case at least every 6 months. */
export const QUIET_CASE_PROMPT_MONTHS = 6;

/** The date of the latest step recorded (the enquiry if none). */
export function lastStepOn(c: IntercountryFacts): string {
  return [c.enquiryOn, ...CHAIN.map((s) => c[s.date]), c.outcomeOn].filter((d): d is string => d !== null).sort().at(-1)!;
}

/** The step after the last one recorded: what the case waits for (null when closed or not approved). */
export function nextStep(c: IntercountryFacts): Exclude<IntercountryStep, 'outcome'> | null {
  if (c.outcome) return null;
  const next = CHAIN.find((s) => c[s.date] === null);
  if (!next || (next.step === 'papers-sent' && c.decision === 'not-approved')) return null;
  return next.step;
}

/** The steps open to the case: the next step in the chain, those recorded (to correct them), and the outcome; none once closed. */
export function intercountryStepsOpen(c: IntercountryFacts): IntercountryStep[] {
  if (c.outcome) return [];
  const next = nextStep(c);
  return [...CHAIN.filter((s) => c[s.date] !== null || s.step === next).map((s) => s.step), 'outcome'];
}

const NAMES: Record<string, string> = {
  enquiryOn: 'the date of the enquiry', assessmentCommissionedOn: 'the date the assessment was commissioned', assessmentCompletedOn: 'the date the assessment was completed',
  panelOn: 'the date of the panel\'s recommendation', decisionOn: 'the date of the agency decision', dfePapersSentOn: 'the date the papers were sent to the DfE',
  certificateIssuedOn: 'the date the certificate of eligibility was issued', matchedOn: 'the date the child was proposed', arrivedOn: 'the date the child arrived in England',
  orderAppliedOn: 'the date of the application for an adoption order', outcomeOn: 'the date of the outcome', childDateOfBirth: 'the child\'s date of birth',
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether the case holds together, as errors naming the field (the one being changed, where a pair of dates is out of order). */
export function intercountryProblems(c: IntercountryFacts, today: string, editing: readonly string[] = []): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => { if (!problems.some((p) => p.field === field)) problems.push({ field, message }); };
  for (const f of [...CHAIN.map((s) => s.date), 'enquiryOn', 'outcomeOn', 'childDateOfBirth'] as const) {
    const d = c[f];
    if (d && d > today) add(f, `${capital(NAMES[f]!)} cannot be in the future`);
  }
  // Each step after the one before it: recorded only once that one is, and on or after its date.
  let previous: { date: DateField; name: string } = { date: 'enquiryOn', name: 'the enquiry' };
  for (const s of CHAIN) {
    const on = c[s.date];
    if (on === null) { previous = { date: s.date, name: lowerFirst(INTERCOUNTRY_STEPS[s.step]) }; continue; }
    const before = c[previous.date];
    if (s.step === 'papers-sent' && c.decision !== 'approved') add(s.date, 'Papers go to the DfE only after the agency has approved the applicants');
    else if (before === null) add(s.date, `Record ${previous.name} before ${lowerFirst(INTERCOUNTRY_STEPS[s.step])}`);
    else if (on < before) {
      if (editing.includes(previous.date) && !editing.includes(s.date)) add(previous.date, `${capital(NAMES[previous.date]!)} must be on or before ${NAMES[s.date]} (${formatDate(on)})`);
      else add(s.date, `${capital(NAMES[s.date]!)} cannot be before ${NAMES[previous.date]} (${formatDate(before)})`);
    }
    previous = { date: s.date, name: lowerFirst(INTERCOUNTRY_STEPS[s.step]) };
  }
  if (c.childDateOfBirth && c.matchedOn && c.childDateOfBirth > c.matchedOn) add('childDateOfBirth', `The child's date of birth cannot be after the child was proposed (${formatDate(c.matchedOn)})`);
  if (c.outcome) {
    const needs: Partial<Record<IntercountryOutcome, { has: boolean; message: string }>> = {
      'order-made': { has: c.orderAppliedOn !== null, message: 'Record the application for an adoption order before the order' },
      'overseas-recognised': { has: c.arrivedOn !== null, message: 'Record the child\'s arrival before the overseas adoption is recognised' },
      'not-approved': { has: c.decision === 'not-approved', message: 'Only a case the agency did not approve closes as not approved' },
    };
    const need = needs[c.outcome];
    if (need && !need.has) add('outcome', need.message);
    const last = [c.enquiryOn, ...CHAIN.map((s) => c[s.date])].filter((d): d is string => d !== null).sort().at(-1)!;
    if (c.outcomeOn && c.outcomeOn < last) add('outcomeOn', `The date of the outcome cannot be before the last step (${formatDate(last)})`);
  }
  return problems;
}

/** A step recorded on the case, refused if the case is closed, the step not open, or the result would not hold together. */
export function intercountryStepProblems(before: IntercountryFacts, step: IntercountryStep, after: IntercountryFacts, today: string): FieldError[] {
  const fields = INTERCOUNTRY_STEP_FIELDS[step];
  const first = fields.find((f) => f.endsWith('On')) ?? fields[0]!;
  if (before.outcome) return [{ field: first, message: `This case was closed on ${formatDate(before.outcomeOn)} (${lowerFirst(INTERCOUNTRY_OUTCOMES[before.outcome])}): it takes no more steps` }];
  if (!intercountryStepsOpen(before).includes(step)) {
    const next = nextStep(before);
    const message = step === 'papers-sent' && before.decision === 'not-approved' ? 'Papers go to the DfE only after the agency has approved the applicants'
      : next ? `Record ${lowerFirst(INTERCOUNTRY_STEPS[next])} first` : 'This step is not open to the case';
    return [{ field: first, message }];
  }
  return intercountryProblems(after, today, fields);
}

// ---- work due ------------------------------------------------------------------------------------------

export interface IntercountryPrompt {
  kind: 'intercountry-papers-due' | 'intercountry-order-application-due' | 'intercountry-no-step';
  title: string;
  dueOn: string;
}

/** The partnership's prompts on an open case (shown from `soonDays` before each falls due). */
export function intercountryPrompts(c: IntercountryFacts, today: string, soonDays: number): IntercountryPrompt[] {
  if (c.outcome) return [];
  const until = addDays(today, soonDays);
  const prompts: IntercountryPrompt[] = [];
  if (c.decision === 'approved' && c.decisionOn && !c.dfePapersSentOn) prompts.push({ kind: 'intercountry-papers-due', title: 'Send the papers to the DfE', dueOn: addDays(c.decisionOn, PAPERS_PROMPT_DAYS) });
  if (c.arrivedOn && !c.orderAppliedOn) prompts.push({ kind: 'intercountry-order-application-due', title: 'Adoption order application expected', dueOn: addMonths(c.arrivedOn, ORDER_APPLICATION_PROMPT_MONTHS) });
  const quiet = addMonths(lastStepOn(c), QUIET_CASE_PROMPT_MONTHS);
  if (quiet <= today) prompts.push({ kind: 'intercountry-no-step', title: `No step since ${formatDate(lastStepOn(c))}`, dueOn: quiet });
  return prompts.filter((p) => p.dueOn <= until);
}

/** What the case waits for, in a few words, for lists. */
export function intercountryStatus(c: IntercountryFacts): string {
  if (c.outcome) return `${INTERCOUNTRY_OUTCOMES[c.outcome]} ${formatDate(c.outcomeOn)}`;
  const next = nextStep(c);
  const last = [...CHAIN].reverse().find((s) => c[s.date] !== null);
  const done = last ? `${last.step === 'decision' && c.decision ? `${DECISIONS[c.decision]} by the agency` : INTERCOUNTRY_STEPS[last.step]} ${formatDate(c[last.date])}` : `Enquiry ${formatDate(c.enquiryOn)}`;
  return next ? `${done}; next: ${lowerFirst(INTERCOUNTRY_STEPS[next])}` : done;
}
