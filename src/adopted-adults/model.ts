// Services for adopted adults and their relatives, as pure rules: which regime an adoption falls
// under (the date of the adoption order decides: before 30 December 2005 the Pre-Commencement
// Adoptions Regulations 2005, SI 2005/890, with vetoes and fees; from that day the Disclosure of
// Adoption Information (Post-Commencement Adoptions) Regulations 2005, SI 2005/888), whether the
// adopted person must see a counsellor before birth records information is given (adopted before
// 12 November 1975), what may be recorded on a request and in what order, and when work falls due.
import { addMonths } from '../children/model.ts';
import { addWorkingDays } from '../core/calendar.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';

export const APPLICANT_ROLES = { 'adopted-person': 'The adopted person', 'birth-relative': 'A birth relative', 'prescribed-relative': 'A prescribed relative' } as const;
export type ApplicantRole = keyof typeof APPLICANT_ROLES;

/** How an applicant who is not the adopted person is related to them, and which kind of applicant each relationship is. */
export const RELATIONSHIPS = {
  'birth-mother': 'Birth mother', 'birth-father': 'Birth father', 'birth-sibling': 'Birth brother or sister', 'birth-grandparent': 'Birth grandparent',
  'birth-aunt-uncle': 'Birth aunt or uncle', 'other-birth-relative': 'Other birth relative',
  'child-of-adopted-person': 'Son or daughter of the adopted person', 'grandchild-of-adopted-person': 'Grandchild of the adopted person',
  'spouse-or-civil-partner': 'Husband, wife or civil partner of the adopted person', 'other-prescribed-relative': 'Other relative by blood, marriage or civil partnership',
} as const;
export type Relationship = keyof typeof RELATIONSHIPS;
const RELATIONSHIP_ROLE: Record<Relationship, Exclude<ApplicantRole, 'adopted-person'>> = {
  'birth-mother': 'birth-relative', 'birth-father': 'birth-relative', 'birth-sibling': 'birth-relative', 'birth-grandparent': 'birth-relative',
  'birth-aunt-uncle': 'birth-relative', 'other-birth-relative': 'birth-relative',
  'child-of-adopted-person': 'prescribed-relative', 'grandchild-of-adopted-person': 'prescribed-relative', 'spouse-or-civil-partner': 'prescribed-relative', 'other-prescribed-relative': 'prescribed-relative',
};
export const relationshipsFor = (role: ApplicantRole): Relationship[] => (Object.keys(RELATIONSHIP_ROLE) as Relationship[]).filter((r) => RELATIONSHIP_ROLE[r] === role);

export const REQUEST_KINDS = {
  'birth-records': 'Access to birth records information',
  'case-record': 'Access to the adoption case record',
  intermediary: 'Intermediary service (tracing and contact)',
} as const;
export type RequestKind = keyof typeof REQUEST_KINDS;

export const COUNSELLORS = { 'this-agency': 'This agency', 'other-agency': 'Another adoption agency', gro: 'The General Register Office\'s counsellor' } as const;
export type Counsellor = keyof typeof COUNSELLORS;

export const STEPS = {
  acknowledged: 'Replied to the applicant',
  'tracing-started': 'Tracing started',
  traced: 'Person traced',
  'not-traced': 'Person not traced',
  'approach-made': 'Approach made',
  answer: 'Their answer',
  'information-passed': 'Information passed on',
  'contact-arranged': 'Contact arranged',
  'information-disclosed': 'Information disclosed to the applicant',
} as const;
export type Step = keyof typeof STEPS;

export const ANSWERS = { agrees: 'Agrees to contact', declines: 'Declines contact', 'no-reply': 'No reply' } as const;
export type Answer = keyof typeof ANSWERS;

export const VETO_KINDS = { absolute: 'Absolute: no approach at all', qualified: 'Qualified: approaches only in stated circumstances' } as const;
export type VetoKind = keyof typeof VETO_KINDS;

export const OUTCOMES = {
  'information-disclosed': 'Information disclosed', 'contact-made': 'Contact made', 'contact-declined': 'Contact declined', 'not-traced': 'Person not traced',
  withdrew: 'Applicant withdrew', refused: 'Refused',
} as const;
export type Outcome = keyof typeof OUTCOMES;

// ---- the regime and counselling ------------------------------------------------------------------

/** The day the Adoption and Children Act 2002 commenced: adoptions from this day are post-commencement. */
export const COMMENCEMENT = '2005-12-30';
/** People adopted before this day must see a counsellor before birth records information is given (Children Act 1975). */
export const COUNSELLING_BEFORE = '1975-11-12';
/** An approximate order date this close to a boundary (either side) cannot say which side it falls. */
const APPROXIMATE_MARGIN_DAYS = 366;

export const REGIMES = {
  'pre-commencement': 'Pre-commencement adoption (before 30 December 2005)',
  'post-commencement': 'Post-commencement adoption (on or after 30 December 2005)',
} as const;
export type Regime = keyof typeof REGIMES;

export interface AdoptionFacts {
  orderOn: string;
  /** Whether the day of the order is known exactly, or only roughly. */
  orderOnExact: boolean;
}

const nearBoundary = (a: AdoptionFacts, boundary: string) => !a.orderOnExact && a.orderOn >= addDays(boundary, -APPROXIMATE_MARGIN_DAYS) && a.orderOn <= addDays(boundary, APPROXIMATE_MARGIN_DAYS);

/** The regime the adoption falls under, and why, in words for the request page. */
export function regimeOf(a: AdoptionFacts): { regime: Regime; reason: string; uncertain: boolean } {
  const regime: Regime = a.orderOn < COMMENCEMENT ? 'pre-commencement' : 'post-commencement';
  const when = `${a.orderOnExact ? '' : 'about '}${formatDate(a.orderOn)}`;
  const reason = regime === 'pre-commencement'
    ? `The adoption order was made ${when}, before 30 December 2005: intermediary services follow the Adoption Information and Intermediary Services (Pre-Commencement Adoptions) Regulations 2005. Vetoes apply, the adopted person must be 18 or over, and the agency may charge.`
    : `The adoption order was made ${when}, on or after 30 December 2005: the appropriate adoption agency answers applications for protected information under the Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005.`;
  const uncertain = nearBoundary(a, COMMENCEMENT);
  return { regime, uncertain, reason: uncertain ? `${reason} The date is approximate and close to 30 December 2005: confirm it from the court or the adoption record.` : reason };
}

/**
 * Whether the adopted person must have counselling before information from their birth records
 * (or the adoption record, which holds it) is given to them: adopted before 12 November 1975. An
 * approximate order date close to that day counts as before it, to be safe.
 */
export function counsellingOf(a: AdoptionFacts & { kind: RequestKind; applicantRole: ApplicantRole }): { required: boolean; reason: string } {
  if (a.kind === 'intermediary') return { required: false, reason: 'Counselling is offered, but not required, for an intermediary service.' };
  if (a.applicantRole !== 'adopted-person') return { required: false, reason: 'The applicant is not the adopted person: counselling is offered, but not required.' };
  if (a.orderOn < COUNSELLING_BEFORE) return { required: true, reason: `Adopted ${a.orderOnExact ? 'on' : 'about'} ${formatDate(a.orderOn)}, before 12 November 1975: counselling is required before birth records information is given.` };
  if (nearBoundary(a, COUNSELLING_BEFORE)) return { required: true, reason: 'The order date is approximate and close to 12 November 1975: counselling is required before birth records information is given, to be safe.' };
  return { required: false, reason: 'Adopted on or after 12 November 1975: counselling is offered, but not required.' };
}

// ---- a new request --------------------------------------------------------------------------------

export interface RequestFacts extends AdoptionFacts {
  kind: RequestKind;
  applicantRole: ApplicantRole;
  relationship: Relationship | null;
  applicantDateOfBirth: string;
  adoptedDateOfBirth: string;
  receivedOn: string;
}

/** Age in whole years on a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (day.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age;
}

/** The problems with a new request, each naming its field; none means it may be recorded. */
export function requestProblems(r: RequestFacts, today: string): FieldError[] {
  const problems: FieldError[] = [];
  const future = (field: string, day: string) => { if (day > today) problems.push({ field, message: 'The date cannot be in the future' }); };
  future('receivedOn', r.receivedOn);
  future('applicantDateOfBirth', r.applicantDateOfBirth);
  future('adoptedDateOfBirth', r.adoptedDateOfBirth);
  future('orderOn', r.orderOn);
  if (r.orderOn < r.adoptedDateOfBirth) problems.push({ field: 'orderOn', message: 'The adoption order cannot be before the adopted person was born' });
  else if (r.receivedOn < r.orderOn) problems.push({ field: 'receivedOn', message: 'The request cannot be received before the adoption order' });
  if (r.applicantRole === 'adopted-person') {
    if (r.relationship) problems.push({ field: 'relationship', message: 'Leave the relationship empty when the applicant is the adopted person' });
    if (r.applicantDateOfBirth !== r.adoptedDateOfBirth) problems.push({ field: 'applicantDateOfBirth', message: 'The applicant is the adopted person: their date of birth must be the adopted person\'s' });
  } else if (!r.relationship) problems.push({ field: 'relationship', message: `Select how ${APPLICANT_ROLES[r.applicantRole].toLowerCase()} is related to the adopted person` });
  else if (RELATIONSHIP_ROLE[r.relationship] !== r.applicantRole) problems.push({ field: 'relationship', message: `${RELATIONSHIPS[r.relationship]} is not ${APPLICANT_ROLES[r.applicantRole].toLowerCase()}` });
  if (r.kind === 'birth-records' && r.applicantRole !== 'adopted-person') problems.push({ field: 'kind', message: 'Only the adopted person may apply for their birth records information' });
  const age = ageOn(r.adoptedDateOfBirth, r.receivedOn);
  if (r.kind === 'intermediary' && age < 18) problems.push({ field: 'adoptedDateOfBirth', message: `An intermediary service is only offered once the adopted person is 18: they were ${age} on the day the request was received` });
  if (r.kind === 'birth-records' && age < 18) problems.push({ field: 'adoptedDateOfBirth', message: `Birth records information is given to adopted people of 18 or over: they were ${age} on the day the request was received` });
  return problems;
}

// ---- steps ------------------------------------------------------------------------------------------

export interface StepRow {
  step: Step;
  on: string;
  answer: Answer | null;
}

/** The steps a request of this kind takes. */
export function stepsFor(kind: RequestKind): Step[] {
  return kind === 'intermediary'
    ? ['acknowledged', 'tracing-started', 'traced', 'not-traced', 'approach-made', 'answer', 'information-passed', 'contact-arranged']
    : ['acknowledged', 'information-disclosed'];
}

/** What must already be recorded before a step: a step, or an answer agreeing to contact. */
const NEEDS: Partial<Record<Step, { step: Step; answer?: Answer; message: string }>> = {
  traced: { step: 'tracing-started', message: 'Record that tracing started first' },
  'not-traced': { step: 'tracing-started', message: 'Record that tracing started first' },
  'approach-made': { step: 'traced', message: 'Record that the person was traced before an approach' },
  answer: { step: 'approach-made', message: 'Record the approach before their answer' },
  'information-passed': { step: 'answer', answer: 'agrees', message: 'Information is passed on only once the person approached agrees' },
  'contact-arranged': { step: 'answer', answer: 'agrees', message: 'Contact is arranged only once the person approached agrees' },
};

export interface Veto {
  kind: VetoKind;
  circumstances: string | null;
  registeredOn: string;
}

export interface NewStep {
  step: Step;
  on: string;
  answer?: Answer;
  /** For an approach under a qualified veto: the worker confirms it meets the stated circumstances. */
  meetsVetoCircumstances?: boolean;
}

export interface RequestState extends AdoptionFacts {
  kind: RequestKind;
  applicantRole: ApplicantRole;
  receivedOn: string;
  closedOn: string | null;
  steps: readonly StepRow[];
  counselledOn: readonly string[];
  /** Vetoes on the adopted person, on this request or found on another about them. */
  vetoes: readonly Veto[];
}

/** Whether information may be disclosed on the day: refused until counselling is recorded when it is required. */
export function disclosureProblem(r: RequestState, on: string, field: string): FieldError | null {
  if (!counsellingOf(r).required || r.counselledOn.some((d) => d <= on)) return null;
  return { field, message: 'This person was adopted before 12 November 1975: record a counselling session (on or before the day) before recording that information was disclosed' };
}

/** The problems with recording a step on the request; none means it may be recorded. */
export function stepProblems(r: RequestState, s: NewStep, today: string): FieldError[] {
  if (r.closedOn) return [{ field: 'step', message: 'This request is closed: it takes no more steps' }];
  if (!stepsFor(r.kind).includes(s.step)) return [{ field: 'step', message: `${STEPS[s.step]} is not a step of a request for ${REQUEST_KINDS[r.kind].toLowerCase()}` }];
  const problems: FieldError[] = [];
  if (s.on > today) problems.push({ field: 'on', message: 'The date cannot be in the future' });
  if (s.on < r.receivedOn) problems.push({ field: 'on', message: `The date cannot be before the request was received (${formatDate(r.receivedOn)})` });
  if (s.step === 'answer' && !s.answer) problems.push({ field: 'answer', message: 'Select their answer' });
  if (s.step !== 'answer' && s.answer) problems.push({ field: 'answer', message: 'Give an answer only when recording their answer' });
  const need = NEEDS[s.step];
  if (need) {
    const before = r.steps.filter((x) => x.step === need.step && (!need.answer || x.answer === need.answer));
    if (before.length === 0) problems.push({ field: 'step', message: need.message });
    else if (!before.some((x) => x.on <= s.on)) problems.push({ field: 'on', message: `The date cannot be before the ${STEPS[need.step].toLowerCase()} (${formatDate(before[0]!.on)})` });
  }
  if (s.step === 'approach-made') problems.push(...approachProblems(r.vetoes, s.meetsVetoCircumstances === true));
  if (s.step === 'information-disclosed') {
    const p = disclosureProblem(r, s.on, 'step');
    if (p) problems.push(p);
  }
  return problems;
}

/** An absolute veto refuses any approach; a qualified one needs the worker's confirmation that the approach meets its circumstances. */
export function approachProblems(vetoes: readonly Veto[], meetsCircumstances: boolean): FieldError[] {
  const absolute = vetoes.find((v) => v.kind === 'absolute');
  if (absolute) return [{ field: 'step', message: `The adopted person registered an absolute veto on ${formatDate(absolute.registeredOn)}: no approach may be made` }];
  const qualified = vetoes.filter((v) => v.kind === 'qualified');
  if (qualified.length && !meetsCircumstances) {
    return [{ field: 'meetsVetoCircumstances', message: `The adopted person registered a qualified veto: confirm the approach meets the stated circumstances (${qualified.map((v) => v.circumstances).join('; ')})` }];
  }
  return [];
}

/** The problems with registering a veto: only on a pre-commencement adoption, and a qualified veto states its circumstances. */
export function vetoProblems(r: RequestState, v: { kind: VetoKind; circumstances?: string; registeredOn: string }, today: string): FieldError[] {
  if (r.closedOn) return [{ field: 'kind', message: 'This request is closed: record the veto on a new request about the adopted person' }];
  const problems: FieldError[] = [];
  if (regimeOf(r).regime !== 'pre-commencement') problems.push({ field: 'kind', message: 'Vetoes apply only to adoptions before 30 December 2005: record the adopted person\'s wishes in a note' });
  if (v.kind === 'qualified' && !v.circumstances) problems.push({ field: 'circumstances', message: 'Enter the circumstances in which approaches may be made' });
  if (v.kind === 'absolute' && v.circumstances) problems.push({ field: 'circumstances', message: 'An absolute veto allows no approach: leave the circumstances empty' });
  if (v.registeredOn > today) problems.push({ field: 'registeredOn', message: 'The date cannot be in the future' });
  return problems;
}

/** Counselling may be booked ahead, up to this many months. */
export const COUNSELLING_BOOK_AHEAD_MONTHS = 6;

export function counsellingProblems(r: RequestState, c: { heldOn: string }, today: string): FieldError[] {
  if (r.closedOn) return [{ field: 'heldOn', message: 'This request is closed: it takes no more steps' }];
  if (c.heldOn < r.receivedOn) return [{ field: 'heldOn', message: `The date cannot be before the request was received (${formatDate(r.receivedOn)})` }];
  if (c.heldOn > addMonths(today, COUNSELLING_BOOK_AHEAD_MONTHS)) return [{ field: 'heldOn', message: `Book counselling at most ${COUNSELLING_BOOK_AHEAD_MONTHS} months ahead` }];
  return [];
}

// ---- closing ------------------------------------------------------------------------------------------

const OUTCOMES_FOR: Record<RequestKind, Outcome[]> = {
  'birth-records': ['information-disclosed', 'withdrew', 'refused'],
  'case-record': ['information-disclosed', 'withdrew', 'refused'],
  intermediary: ['information-disclosed', 'contact-made', 'contact-declined', 'not-traced', 'withdrew', 'refused'],
};
export const outcomesFor = (kind: RequestKind) => OUTCOMES_FOR[kind];

export function closeProblems(r: RequestState, c: { outcome: Outcome; closedOn: string; reason?: string }, today: string): FieldError[] {
  if (r.closedOn) return [{ field: 'outcome', message: 'This request is already closed' }];
  const problems: FieldError[] = [];
  if (!OUTCOMES_FOR[r.kind].includes(c.outcome)) problems.push({ field: 'outcome', message: `${OUTCOMES[c.outcome]} is not an outcome of a request for ${REQUEST_KINDS[r.kind].toLowerCase()}` });
  if (c.closedOn > today) problems.push({ field: 'closedOn', message: 'The date cannot be in the future' });
  const last = [r.receivedOn, ...r.steps.map((s) => s.on)].sort().at(-1)!;
  if (c.closedOn < last) problems.push({ field: 'closedOn', message: `The date cannot be before the request's last step (${formatDate(last)})` });
  if (c.outcome === 'refused' && !c.reason) problems.push({ field: 'reason', message: 'Enter why the request was refused' });
  if (c.outcome === 'contact-made' && !r.steps.some((s) => s.step === 'contact-arranged')) problems.push({ field: 'outcome', message: 'Record that contact was arranged before closing with contact made' });
  if (c.outcome === 'information-disclosed') {
    const p = disclosureProblem(r, c.closedOn, 'outcome');
    if (p) problems.push(p);
  }
  return problems;
}

// ---- work -------------------------------------------------------------------------------------------------

/** An open intermediary request with no step for this long is due for attention (the partnership's own standard). */
export const INTERMEDIARY_STEP_WEEKS = 8;
/** A first response to the applicant is due within this many working days of the request. */
export const FIRST_RESPONSE_WORKING_DAYS = 20;
/** Counselling that is required should be booked within this many working days of the request. */
export const COUNSELLING_BOOK_WORKING_DAYS = 10;

export const nextStepDueOn = (lastActivityOn: string) => addDays(lastActivityOn, INTERMEDIARY_STEP_WEEKS * 7);
export const firstResponseDueOn = (receivedOn: string) => addWorkingDays(receivedOn, FIRST_RESPONSE_WORKING_DAYS);
export const counsellingDueOn = (receivedOn: string) => addWorkingDays(receivedOn, COUNSELLING_BOOK_WORKING_DAYS);

/** Adoption records are kept at least 100 years from the adoption order (DAIR 2005 reg 6): nothing here is deleted. */
export const keepUntil = (orderOn: string) => addMonths(orderOn, 1200);
