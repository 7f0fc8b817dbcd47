// The child's journey as data: care episodes (SSDA903 shape), permanence milestones and
// the rules that keep them in a possible order (DOMAIN.md §1 and the validator rules cited
// there), the child's stage, timeliness against the Adoption Scorecard, and the flags of
// the children who wait longer. Pure functions only.
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';
import { isMinorityEthnic, MILESTONE_PHRASES, MILESTONE_TYPES, type Ethnicity, type MilestoneType } from './codes.ts';

export interface Episode {
  id?: string;
  startDate: string;
  rne: string;
  legalStatus: string | null;
  placement: string | null;
  placementProvider: string | null;
  endDate: string | null;
  reasonCeased: string | null;
  /** SSDA903 CIN: the category of need (N1–N9), the same across a period of care. */
  cin?: string | null;
  /**
   * SSDA903 REASON_PLACE_CHANGE, on the episode that ends with a change of placement (the DfE's
   * convention: the reason belongs to the placement that ended), never on the episode that follows.
   */
  reasonPlaceChange?: string | null;
  /** SSDA903 HOME_POST and PL_POST: the home the child came from, and the placement's postcode. */
  homePostcode?: string | null;
  placementPostcode?: string | null;
  /** SSDA903 URN: the Ofsted (or DfE school) reference of the placement's setting, where it has one. */
  urn?: string | null;
}

export interface Milestone {
  id?: string;
  type: MilestoneType;
  date: string;
  code: string | null;
  notes?: string | null;
  recordedBy?: string | null;
  recordedByName?: string | null;
  /** The household a link, matching panel or match names. */
  householdId?: string | null;
  householdReference?: string | null;
}

// ---- care history ----------------------------------------------------------------------

const byStart = (a: Episode, b: Episode) => a.startDate.localeCompare(b.startDate);

/** Start of the latest period of care: the latest episode that began with RNE 'S' (903 rule 334). */
export function periodOfCareStart(episodes: readonly Episode[]): string | null {
  const starts = episodes.filter((e) => e.rne === 'S').sort(byStart);
  return starts.length ? starts[starts.length - 1]!.startDate : null;
}

/** The episode the child was in on a day (an episode ends on its end date: the next begins that day). */
export function episodeOn(episodes: readonly Episode[], day: string): Episode | null {
  return [...episodes].sort(byStart).reverse().find((e) => e.startDate <= day && (e.endDate === null || day < e.endDate)) ?? null;
}

export function legalStatusOn(episodes: readonly Episode[], day: string): string | null {
  return episodeOn(episodes, day)?.legalStatus ?? null;
}

export function isLookedAfter(episodes: readonly Episode[], day: string): boolean {
  return episodeOn(episodes, day) !== null;
}

/** A new episode must follow the ones before it; an 'S' episode opens a new period only after the last one ended. */
export function episodeProblems(existing: readonly Episode[], e: Omit<Episode, 'id'>, dateOfBirth: string): FieldError[] {
  const errors: FieldError[] = [];
  if (e.startDate < dateOfBirth) errors.push({ field: 'startDate', message: `Start date (${formatDate(e.startDate)}) cannot be before the date of birth (${formatDate(dateOfBirth)})` });
  if (e.endDate && e.endDate < e.startDate) errors.push({ field: 'endDate', message: `End date (${formatDate(e.endDate)}) cannot be before the start date (${formatDate(e.startDate)})` });
  if ((e.endDate === null) !== (e.reasonCeased === null)) errors.push({ field: 'reasonCeased', message: 'An episode that ends needs a reason it ceased, and only then' });
  const last = [...existing].sort(byStart).at(-1);
  if (last && e.startDate <= last.startDate) {
    errors.push({ field: 'startDate', message: `Start date (${formatDate(e.startDate)}) must be after the start of the latest episode (${formatDate(last.startDate)})` });
  }
  if (!last && e.rne !== 'S') errors.push({ field: 'rne', message: 'The first episode must start a period of care (RNE S)' });
  if (last && e.rne === 'S' && last.endDate === null) {
    errors.push({ field: 'rne', message: `A new period of care (RNE S) cannot start while the episode from ${formatDate(last.startDate)} is open: end it first` });
  }
  if (last && e.rne !== 'S' && last.endDate !== null && last.endDate !== e.startDate) {
    errors.push({ field: 'rne', message: `The period of care ended on ${formatDate(last.endDate)}: a new period starts with RNE S` });
  }
  if (e.placement && ['A5', 'A6'].includes(e.placement) && e.legalStatus !== 'E1' && e.legalStatus !== 'D1') {
    errors.push({ field: 'placement', message: `Placement ${e.placement} (placed for adoption with a placement order) needs legal status E1 (placement order granted)` });
  }
  return errors;
}

// ---- permanence milestones ---------------------------------------------------------------

/**
 * The journey in order (DOMAIN.md §1, rows 2–12): a step may not be dated before a step that
 * comes earlier in this list, nor after one that comes later, unless the pair is in EITHER_ORDER.
 * The reversal of the plan is not a step here: it ends the attempt (see milestoneProblems).
 */
const JOURNEY_ORDER: readonly MilestoneType[] = [
  'adoption-plan', 'shobpa', 'family-finding-started', 'placement-order', 'linked', 'matching-panel', 'match',
  'early-permanence', 'placed-for-adoption', 'adoption-application', 'adoption-order',
];

/** The documented exceptions: pairs of steps that may be dated either way round, and why. */
const EITHER_ORDER: readonly { steps: readonly [MilestoneType, MilestoneType]; why: string }[] = [
  // DOMAIN.md §1 row 4: family finding should start before the ADM decision or the placement
  // order, but it may also start after them; it still follows the plan and precedes the link.
  { steps: ['family-finding-started', 'shobpa'], why: 'family finding may start before or after the ADM decision' },
  { steps: ['family-finding-started', 'placement-order'], why: 'family finding may start before or after court authority' },
  // DOMAIN.md §3.1 (A2 counts zero days where the match came before court authority): the
  // placement order (or consent) may follow the match, and so the link and the panel that lead
  // to it. Placing for adoption still needs the order or consent first (903 rule 408; A3/A4).
  { steps: ['placement-order', 'linked'], why: 'the link may come before court authority' },
  { steps: ['placement-order', 'matching-panel'], why: 'the matching panel may come before court authority' },
  { steps: ['placement-order', 'match'], why: 'the match may come before court authority (A2 is then zero)' },
  // Both repeat: a panel that does not recommend the match is followed by a new link, and a new panel.
  { steps: ['linked', 'matching-panel'], why: 'a new link may follow a panel that did not recommend the match' },
  // DOMAIN.md §2 (early permanence): an FfA or concurrent placement is made while there is no
  // authority to place, usually before the formal match, and becomes adoptive only when the child
  // is placed for adoption. So it follows the adoption plan and precedes the placement, and no more.
  ...(['shobpa', 'family-finding-started', 'placement-order', 'linked', 'matching-panel', 'match'] as const).map((t) => ({
    steps: ['early-permanence', t] as const, why: 'an early permanence placement is made before authority to place or the match',
  })),
];

/** Whether a step must be dated on or before another (the journey order, less the exceptions). */
function mustPrecede(earlier: MilestoneType, later: MilestoneType): boolean {
  const [i, j] = [JOURNEY_ORDER.indexOf(earlier), JOURNEY_ORDER.indexOf(later)];
  if (i < 0 || j < 0 || i >= j) return false;
  return !EITHER_ORDER.some(({ steps: [a, b] }) => (a === earlier && b === later) || (a === later && b === earlier));
}

const REPEATABLE: readonly MilestoneType[] = ['linked', 'matching-panel', 'disrupted'];
const label = (t: MilestoneType) => MILESTONE_TYPES[t];
const lower = (t: MilestoneType) => MILESTONE_PHRASES[t];

/** The steps with one family: a disruption ends them, and family finding goes on from there. */
export const FAMILY_STEPS: readonly MilestoneType[] = ['linked', 'matching-panel', 'match', 'placed-for-adoption', 'adoption-application'];

/**
 * Milestones since the latest reversal of the plan: the current attempt at adoption, less the
 * steps with a family that a later disruption ended (the disruption itself stays, so nothing new
 * is dated before it). Same-day milestones keep the order they were recorded in (the store
 * returns them so).
 */
export function currentCycle(milestones: readonly Milestone[]): { cycle: Milestone[]; reversal: Milestone | null; disruption: Milestone | null } {
  const sorted = [...milestones].sort((a, b) => a.date.localeCompare(b.date));
  const last = sorted.map((m) => m.type).lastIndexOf('plan-reversed');
  const attempt = sorted.slice(last + 1);
  const ended = attempt.map((m) => m.type).lastIndexOf('disrupted');
  const cycle = ended < 0 ? attempt : attempt.filter((m, i) => i >= ended || !FAMILY_STEPS.includes(m.type));
  return { cycle, reversal: last >= 0 ? sorted[last]! : null, disruption: ended >= 0 ? attempt[ended]! : null };
}

export interface MilestoneContext {
  dateOfBirth: string;
  periodStart: string | null;
  today: string;
  milestones: readonly Milestone[];
}

/** Why this milestone cannot be recorded, naming both dates and the rule; empty if it can. */
export function milestoneProblems(ctx: MilestoneContext, m: Pick<Milestone, 'type' | 'date' | 'code'>): FieldError[] {
  const fail = (message: string, field = 'date'): FieldError[] => [{ field, message }];
  const when = formatDate(m.date);
  if (m.date > ctx.today) return fail(`${label(m.type)} date (${when}) cannot be in the future`);
  if (m.date < ctx.dateOfBirth) return fail(`${label(m.type)} date (${when}) cannot be before the child's date of birth (${formatDate(ctx.dateOfBirth)})`);

  const { cycle, reversal, disruption } = currentCycle(ctx.milestones);
  const has = (t: MilestoneType) => cycle.filter((x) => x.type === t).at(-1);
  const adopted = has('adoption-order');
  if (adopted) return fail(`The child was adopted on ${formatDate(adopted.date)}: no further milestones can be recorded`, 'type');
  if (disruption && FAMILY_STEPS.includes(m.type) && m.date < disruption.date) {
    return fail(`${label(m.type)} date (${when}) cannot be before the disruption (${formatDate(disruption.date)}): the steps with that family ended then`);
  }

  if (reversal) {
    if (m.date < reversal.date) return fail(`${label(m.type)} date (${when}) cannot be before the plan was reversed (${formatDate(reversal.date)})`);
    if (!has('adoption-plan') && !has('shobpa') && m.type !== 'adoption-plan' && m.type !== 'shobpa') {
      return fail(`The plan was reversed on ${formatDate(reversal.date)}: record a new adoption plan or decision before any other milestone`, 'type');
    }
  }

  if (has(m.type) && !REPEATABLE.includes(m.type)) {
    return fail(`${label(m.type)} is already recorded (${formatDate(has(m.type)!.date)})${m.type === 'shobpa' ? ': an earlier decision must be reversed before a new one (903 rules 579/583)' : ''}`, 'type');
  }

  if ((m.type === 'adoption-plan' || m.type === 'shobpa') && !ctx.periodStart) return fail('The child has no period of care: record when they entered care first', 'type');
  if ((m.type === 'adoption-plan' || m.type === 'shobpa') && m.date < ctx.periodStart!) {
    return fail(`${label(m.type)} date (${when}) cannot be before the current period of care began (${formatDate(ctx.periodStart!)}) (903 rule 334)`);
  }

  // What must come first.
  const needs = (t: MilestoneType, rule = ''): FieldError[] | null => {
    const prior = has(t);
    if (!prior) return fail(`${label(m.type)} needs ${lower(t)} to be recorded first${rule}`, 'type');
    if (prior.date > m.date) return fail(`${label(m.type)} (${when}) cannot be before ${lower(t)} (${formatDate(prior.date)})${rule}`);
    return null;
  };
  const required: Partial<Record<MilestoneType, () => FieldError[] | null>> = {
    'placement-order': () => needs('shobpa', ' (903 rules 553/554)'),
    linked: () => needs('shobpa'),
    'matching-panel': () => needs('shobpa'),
    match: () => needs('shobpa', ' (903 rule 333)'),
    'placed-for-adoption': () => needs('shobpa', ' (903 rules 551/552)') ?? needs('match', ' (903 rule 331)') ?? placementAuthority(),
    'adoption-application': () => needs('placed-for-adoption') ?? tenWeeks(),
    'adoption-order': () => needs('placed-for-adoption', ' (903 rule 390)'),
    'plan-reversed': () => needs('shobpa'),
    // A disruption ends introductions (after the match) or the placement; it can end each once.
    disrupted: () => needs('match'),
    'family-finding-started': () => (has('adoption-plan') || has('shobpa') ? null : fail('Family finding needs an adoption plan or a decision to place for adoption first', 'type')),
    'early-permanence': () => (has('adoption-plan') || has('shobpa') ? null : fail('An early permanence placement needs an adoption plan or a decision to place for adoption first', 'type')),
  };
  function placementAuthority(): FieldError[] | null {
    const order = has('placement-order');
    if (m.code === 'A5' || m.code === 'A6') {
      if (!order || order.code !== 'order') return fail(`Placement ${m.code} needs a placement order to be recorded first (903 rule 408)`, 'code');
      if (order.date > m.date) return fail(`Placed for adoption (${when}) cannot be before the placement order (${formatDate(order.date)})`);
    }
    if ((m.code === 'A3' || m.code === 'A4') && (!order || order.code !== 'consent')) {
      return fail(`Placement ${m.code} (placed with consent) needs the parents' consent to be recorded first as "placement order or consent"`, 'code');
    }
    if ((m.code === 'A3' || m.code === 'A4') && order!.date > m.date) return fail(`Placed for adoption (${when}) cannot be before the parents' consent (${formatDate(order!.date)})`);
    return null;
  }
  function tenWeeks(): FieldError[] | null {
    const placed = has('placed-for-adoption')!;
    const earliest = addDays(placed.date, 70);
    return m.date < earliest ? fail(`Adoption application (${when}) cannot be before the child has lived with the adopters for 10 weeks (placed ${formatDate(placed.date)}, so from ${formatDate(earliest)})`) : null;
  }
  const requirement = required[m.type]?.();
  if (requirement) return requirement;

  // Journey order, both ways: not before a step that comes before it (the latest such step is
  // named), and not after a step that comes after it (the earliest such step is named).
  const byDate = (a: Milestone, b: Milestone) => a.date.localeCompare(b.date);
  const earlier = cycle.filter((x) => mustPrecede(x.type, m.type) && x.date > m.date).sort(byDate).at(-1);
  if (earlier) return fail(`${label(m.type)} (${when}) cannot be before ${lower(earlier.type)} (${formatDate(earlier.date)})`);
  const later = cycle.filter((x) => mustPrecede(m.type, x.type) && x.date < m.date).sort(byDate).at(0);
  if (later) return fail(`${label(m.type)} (${when}) cannot be after ${lower(later.type)} (${formatDate(later.date)})`);
  // The reversal ends the attempt: nothing in it may be dated after the reversal.
  if (m.type === 'plan-reversed') {
    const after = cycle.filter((x) => x.date > m.date).sort(byDate).at(-1);
    if (after) return fail(`${label(m.type)} (${when}) cannot be before ${lower(after.type)} (${formatDate(after.date)})`);
  }
  return [];
}

// ---- stage --------------------------------------------------------------------------------

export const STAGES = {
  'in-care': 'In care', 'adoption-plan': 'Adoption plan', 'should-be-placed': 'Should be placed for adoption',
  'placement-order': 'Placement order', 'family-finding': 'Family finding', linked: 'Linked', matched: 'Matched',
  placed: 'Placed for adoption', adopted: 'Adopted', 'plan-reversed': 'Plan reversed', 'left-care': 'Left care',
} as const;
export type Stage = keyof typeof STAGES;

export function stageOf(milestones: readonly Milestone[], lookedAfterToday: boolean): Stage {
  const { cycle, reversal } = currentCycle(milestones);
  const has = (t: MilestoneType) => cycle.some((x) => x.type === t);
  if (has('adoption-order')) return 'adopted';
  if (has('placed-for-adoption')) return 'placed';
  if (has('match')) return 'matched';
  if (has('linked') || has('matching-panel')) return 'linked';
  if (has('family-finding-started')) return 'family-finding';
  if (has('placement-order')) return 'placement-order';
  if (has('shobpa')) return 'should-be-placed';
  if (has('adoption-plan')) return 'adoption-plan';
  if (reversal) return 'plan-reversed';
  return lookedAfterToday ? 'in-care' : 'left-care';
}

// ---- timeliness (Adoption Scorecard A1 / A2) ---------------------------------------------

/**
 * Scorecard thresholds by period (DOMAIN.md §3.1), by the day a clock stops: a day counts in the
 * scorecard window ending the 31 March on or after it. The interim 21/7 months to windows ending
 * March 2013, 18/6 months for 2011-14, 16/5 months for 2012-15, and 14/4 months (the 2013-16
 * thresholds, day values 426/121 per DOMAIN.md, unconfirmed) from then on. Insight holds the same
 * thresholds as data by window (migrations/023_insight.sql); a test keeps the two in step.
 */
export const SCORECARD_THRESHOLDS: readonly { from: string; label: string; a1: number; a2: number }[] = [
  { from: '2009-04-01', label: 'Scorecards to March 2013 (21 months / 7 months)', a1: 639, a2: 213 },
  { from: '2013-04-01', label: '2011-14 thresholds (18 months / 6 months)', a1: 547, a2: 182 },
  { from: '2014-04-01', label: '2012-15 thresholds (16 months / 5 months)', a1: 487, a2: 152 },
  { from: '2015-04-01', label: '2013-16 thresholds onward (14 months / 4 months)', a1: 426, a2: 121 },
];

export function thresholdsOn(day: string) {
  return [...SCORECARD_THRESHOLDS].reverse().find((t) => t.from <= day) ?? SCORECARD_THRESHOLDS[0]!;
}

/** How close an unfinished clock is allowed to run before it is flagged at risk. */
export const AT_RISK_SHARE = 0.75;

export type ClockStatus = 'on-track' | 'at-risk' | 'overdue' | 'met' | 'missed';

export interface Clock {
  from: string | null;
  to: string | null;
  days: number | null;
  threshold: number;
  status: ClockStatus | null;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function clock(from: string | null, to: string | null, today: string, threshold: number): Clock {
  if (!from) return { from, to, days: null, threshold, status: null };
  const days = Math.max(0, daysBetween(from, to ?? today));
  const status: ClockStatus = to ? (days <= threshold ? 'met' : 'missed') : days > threshold ? 'overdue' : days >= threshold * AT_RISK_SHARE ? 'at-risk' : 'on-track';
  return { from, to, days, threshold, status };
}

export interface Timeliness {
  thresholds: ReturnType<typeof thresholdsOn>;
  daysInCare: number | null;
  daysSincePlacementOrder: number | null;
  /** A1: entering care (start of the period of care) to moving in with the adoptive family. */
  a1: Clock;
  /** A2: court authority to place to the match decision (zero if the match came first). */
  a2: Clock;
  atRisk: boolean;
  overdue: boolean;
}

/** The dates of the current attempt at adoption that the measures use. */
export interface KeyDates {
  shobpaDate: string | null;
  /** Court authority to place (a placement order; consent is not court authority). */
  placementOrderDate: string | null;
  matchDate: string | null;
  placedDate: string | null;
}

export function keyDates(milestones: readonly Milestone[]): KeyDates {
  const { cycle } = currentCycle(milestones);
  const at = (t: MilestoneType) => cycle.find((x) => x.type === t)?.date ?? null;
  return {
    shobpaDate: at('shobpa'),
    placementOrderDate: cycle.find((x) => x.type === 'placement-order' && x.code === 'order')?.date ?? null,
    matchDate: at('match'),
    placedDate: at('placed-for-adoption'),
  };
}

export function timelinessOf(periodStart: string | null, dates: KeyDates, today: string): Timeliness {
  const placed = dates.placedDate;
  const order = dates.placementOrderDate;
  const match = dates.matchDate;
  const thresholds = thresholdsOn(placed ?? today);
  const a1 = clock(periodStart, placed, today, thresholds.a1);
  const a2 = order && match && match < order ? { from: order, to: match, days: 0, threshold: thresholds.a2, status: 'met' as const } : clock(order, match, today, thresholds.a2);
  const statuses = [a1.status, a2.status];
  return {
    thresholds,
    daysInCare: periodStart ? daysBetween(periodStart, today) : null,
    daysSincePlacementOrder: order ? daysBetween(order, today) : null,
    a1, a2,
    atRisk: statuses.includes('at-risk'),
    overdue: statuses.includes('overdue'),
  };
}

// ---- children who wait longer -----------------------------------------------------------------

export const WAITING_FACTORS = {
  'sibling-group': 'In a sibling group', disabled: 'Disabled', 'minority-ethnic': 'Black or minority ethnic background',
  'aged-5-plus': 'Aged 5 or over at the decision', 'in-care-21-months': 'In care more than 21 months',
} as const;
export type WaitingFactor = keyof typeof WAITING_FACTORS;

export function ageInYears(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface FactorFacts extends Pick<KeyDates, 'shobpaDate' | 'placedDate'> {
  dateOfBirth: string;
  ethnicity: Ethnicity;
  disabled: boolean;
  siblingGroupId: string | null;
  periodStart: string | null;
}

export function waitingFactors(c: FactorFacts, today: string): WaitingFactor[] {
  const factors: WaitingFactor[] = [];
  if (c.siblingGroupId) factors.push('sibling-group');
  if (c.disabled) factors.push('disabled');
  if (isMinorityEthnic(c.ethnicity)) factors.push('minority-ethnic');
  if (c.shobpaDate && ageInYears(c.dateOfBirth, c.shobpaDate) >= 5) factors.push('aged-5-plus');
  if (c.periodStart && addMonths(c.periodStart, 21) < (c.placedDate ?? today)) factors.push('in-care-21-months');
  return factors;
}

// ---- the council's scorecard ------------------------------------------------------------------

/** The scorecard's period: the three years to the latest 31 March on or before the day (DOMAIN.md §3.1). */
export function scorecardPeriod(day: string): { from: string; to: string; label: string } {
  const endYear = Number(day.slice(0, 4)) - (day.slice(5) < '03-31' ? 1 : 0);
  return { from: `${endYear - 3}-04-01`, to: `${endYear}-03-31`, label: `April ${endYear - 3} to March ${endYear}` };
}
