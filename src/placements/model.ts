// A placement's rules, pure: the order of its steps (introductions, their review, the move, the
// reviews after placement, the application, the order), the review schedule, and what a
// disruption is at each step. Dates are YYYY-MM-DD strings; today is given.
import { addDays, formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';
import type { DisruptionKind, PlacementStatus } from './codes.ts';

export interface PlacementFacts {
  status: PlacementStatus;
  matchOn: string;
  introductionsStart: string;
  plannedMoveOn: string;
  placedOn: string | null;
  appliedOn: string | null;
  orderOn: string | null;
}

const fail = (field: string, message: string): FieldError[] => [{ field, message }];
const notFuture = (field: string, what: string, date: string, today: string) => (date > today ? fail(field, `${what} (${formatDate(date)}) cannot be in the future`) : []);

/** Introductions start on or after the match decision, and the move is planned on or after they start. */
export function introductionsProblems(matchOn: string, plan: { introductionsStart: string; plannedMoveOn: string }): FieldError[] {
  if (plan.introductionsStart < matchOn) return fail('introductionsStart', `Introductions (${formatDate(plan.introductionsStart)}) cannot start before the match decision (${formatDate(matchOn)})`);
  if (plan.plannedMoveOn < plan.introductionsStart) return fail('plannedMoveOn', `The planned move (${formatDate(plan.plannedMoveOn)}) cannot be before introductions start (${formatDate(plan.introductionsStart)})`);
  return [];
}

/** The review of introductions: while they run, not before they started, and a new moving date when extended. */
export function introductionsReviewProblems(p: PlacementFacts, review: { reviewedOn: string; outcome: string; plannedMoveOn?: string | undefined }, today: string): FieldError[] {
  if (p.status !== 'introductions') return fail('reviewedOn', 'Introductions are over: the child has moved in or the introductions ended');
  if (review.reviewedOn < p.introductionsStart) return fail('reviewedOn', `The review (${formatDate(review.reviewedOn)}) cannot be before introductions started (${formatDate(p.introductionsStart)})`);
  const future = notFuture('reviewedOn', 'The review', review.reviewedOn, today);
  if (future.length) return future;
  if (review.outcome === 'extend' && !review.plannedMoveOn) return fail('plannedMoveOn', 'Enter the new moving date');
  if (review.plannedMoveOn && review.plannedMoveOn < review.reviewedOn) return fail('plannedMoveOn', `The new moving date (${formatDate(review.plannedMoveOn)}) cannot be before the review (${formatDate(review.reviewedOn)})`);
  return [];
}

/** The move: from introductions, not before they started, not in the future. */
export function moveProblems(p: PlacementFacts, placedOn: string, today: string): FieldError[] {
  if (p.status !== 'introductions') return fail('placedOn', p.placedOn ? `The children moved in on ${formatDate(p.placedOn)}` : 'The introductions ended: record a new introductions plan');
  if (placedOn < p.introductionsStart) return fail('placedOn', `The move (${formatDate(placedOn)}) cannot be before introductions started (${formatDate(p.introductionsStart)})`);
  return notFuture('placedOn', 'The move', placedOn, today);
}

/** Early permanence (fostering for adoption, concurrent planning): a foster placement with carers who are approved adopters (903 PLACE U2, U5). */
export const EARLY_PERMANENCE = ['U2', 'U5'];
/** Placed for adoption with the child's current foster carers (903 PLACE A3 with consent, A5 with a placement order). */
const WITH_FOSTER_CARERS = ['A3', 'A5'];

/**
 * The placement a child moves to, given where they live now: an early permanence placement becomes
 * an adoptive placement with the same carers (A3 or A5); A3 and A5 are only for a child who lives
 * with foster carers (a U placement) now. `child` names the child when there are several.
 */
export function placementChangeProblems(placementCode: string, openPlacement: string | null, child?: string): FieldError[] {
  const who = child ? `${child} lives` : 'The child lives';
  if (openPlacement && EARLY_PERMANENCE.includes(openPlacement) && !WITH_FOSTER_CARERS.includes(placementCode)) {
    return fail('placementCode', `${who} with these carers in an early permanence placement (${openPlacement}): it becomes an adoptive placement with current foster carers, A3 (with consent) or A5 (with a placement order), not ${placementCode}`);
  }
  if (WITH_FOSTER_CARERS.includes(placementCode) && !openPlacement?.startsWith('U')) {
    return fail('placementCode', `${placementCode} is for a child placed for adoption with their current foster carers: ${child ? `${child} is` : 'the child is'} not in foster care now${openPlacement ? ` (${openPlacement})` : ''}; choose A4 or A6`);
  }
  return [];
}

/**
 * When the next review after placement is due: the first within 4 weeks of the move, the second
 * within 3 months of the first, then every 6 months until the adoption order. Null when none is
 * due (not placed yet, adopted or ended).
 */
export function nextReviewDue(p: Pick<PlacementFacts, 'status' | 'placedOn'>, reviewsHeld: readonly string[]): string | null {
  if (!p.placedOn || (p.status !== 'placed' && p.status !== 'applied')) return null;
  const held = [...reviewsHeld].sort();
  if (held.length === 0) return addDays(p.placedOn, 28);
  if (held.length === 1) return addDays(held[0]!, 91);
  return addDays(held.at(-1)!, 182);
}

export function reviewProblems(p: PlacementFacts, heldOn: string, today: string): FieldError[] {
  if (p.status !== 'placed' && p.status !== 'applied') return fail('heldOn', 'Reviews after placement are held while the children are placed and before the adoption order');
  if (heldOn < p.placedOn!) return fail('heldOn', `The review (${formatDate(heldOn)}) cannot be before the children moved in (${formatDate(p.placedOn!)})`);
  return notFuture('heldOn', 'The review', heldOn, today);
}

/** The first day the adopters may apply for the adoption order: after 10 weeks of living together. */
export const earliestApplication = (placedOn: string) => addDays(placedOn, 70);

export function applicationProblems(p: PlacementFacts, appliedOn: string, today: string): FieldError[] {
  if (p.status !== 'placed') return fail('appliedOn', p.appliedOn ? `The application was made on ${formatDate(p.appliedOn)}` : 'The children have not moved in: an application follows the placement');
  const earliest = earliestApplication(p.placedOn!);
  if (appliedOn < earliest) {
    return fail('appliedOn', `The adopters cannot apply (${formatDate(appliedOn)}) before the children have lived with them for 10 weeks (moved in ${formatDate(p.placedOn!)}, so from ${formatDate(earliest)})`);
  }
  return notFuture('appliedOn', 'The application', appliedOn, today);
}

export function orderProblems(p: PlacementFacts, orderOn: string, today: string): FieldError[] {
  if (p.status !== 'applied') return fail('orderOn', p.orderOn ? `The adoption order was made on ${formatDate(p.orderOn)}` : 'The adoption order follows the adopters\' application: record the application first');
  if (orderOn < p.appliedOn!) return fail('orderOn', `The order (${formatDate(orderOn)}) cannot be before the application (${formatDate(p.appliedOn!)})`);
  return notFuture('orderOn', 'The order', orderOn, today);
}

/** What a disruption now would be: it ends introductions, a placement before the order, or an adoption. */
export function disruptionKindOf(status: PlacementStatus): DisruptionKind | null {
  if (status === 'introductions') return 'introductions';
  if (status === 'placed' || status === 'applied') return 'before-order';
  if (status === 'adopted') return 'after-order';
  return null;
}

/** From which day a disruption of this placement can be dated: the step it ends. */
function disruptionFloor(p: PlacementFacts, kind: DisruptionKind): { date: string; what: string } {
  if (kind === 'introductions') return { date: p.introductionsStart, what: 'introductions started' };
  if (kind === 'before-order') return { date: p.placedOn!, what: 'the children moved in' };
  return { date: p.orderOn!, what: 'the adoption order' };
}

export function disruptionProblems(
  p: PlacementFacts,
  d: { occurredOn: string; nextPlacement?: string | undefined; planReversed?: string | undefined },
  today: string,
  alreadyRecorded: boolean,
): FieldError[] {
  const kind = disruptionKindOf(p.status);
  if (!kind || alreadyRecorded) return fail('occurredOn', 'A disruption of this placement is already recorded');
  const floor = disruptionFloor(p, kind);
  if (d.occurredOn < floor.date) return fail('occurredOn', `The disruption (${formatDate(d.occurredOn)}) cannot be before ${floor.what} (${formatDate(floor.date)})`);
  const future = notFuture('occurredOn', 'The disruption', d.occurredOn, today);
  if (future.length) return future;
  // The children were looked after until the order: where they went next is their next care episode.
  if (kind === 'before-order' && !d.nextPlacement) return fail('nextPlacement', 'Select where the children were placed next (their next care episode)');
  if (kind !== 'before-order' && d.nextPlacement) return fail('nextPlacement', kind === 'introductions' ? 'The children had not moved in: their placement did not change' : 'After the order the children are no longer looked after: record any return to care on each child\'s page');
  if (kind === 'after-order' && d.planReversed) return fail('planReversed', 'After the adoption order there is no plan to reverse');
  return [];
}
