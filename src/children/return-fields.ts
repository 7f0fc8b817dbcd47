// The rules on the SSDA903 fields the children area holds beyond the journey: postcodes and URNs
// (their form), the reason for a change of placement (on the episode that ends, DfE rules
// 225/226), MOTHER and MC_DOB (rules 165/174) and previous permanence (rules 632/633/635). The
// return's checker (interop/ssda903/rules) applies the same rules to an imported return; these
// refuse the same faults when a person records them. Pure functions only.
import { formatDate } from '../core/dates.ts';
import type { FieldError } from '../core/errors.ts';
import { TEMPORARY_PLACEMENTS } from './codes.ts';
import { addMonths, type Episode } from './model.ts';

/**
 * A UK postcode in the form the return writes it (upper case, one space before the inward code),
 * or null when the text is not in a postcode's form: outward A9, A99, AA9, AA99, A9A or AA9A, then
 * inward 9AA. Whether it exists would need the ONS directory, which Mercia does not hold.
 */
export function normalisePostcode(text: string): string | null {
  const s = text.toUpperCase().replace(/\s+/g, '');
  if (!/^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$/.test(s)) return null;
  return `${s.slice(0, -3)} ${s.slice(-3)}`;
}

/**
 * An Ofsted URN (SC and six digits), a six-digit DfE (school) URN, or XXXXXXX, the DfE's stand-in
 * for a setting whose URN is not known (the return's checker accepts it for rule 218).
 */
export const URN_FORM = /^(SC[0-9]{6}|[0-9]{6}|XXXXXXX)$/;

/** RNE codes that change the placement: only these carry a reason for the change (rule 226). */
const PLACEMENT_CHANGES = ['P', 'B', 'T', 'U'];
const isTemporary = (placement: string | null | undefined) => !!placement && TEMPORARY_PLACEMENTS.includes(placement);

/**
 * Whether a reason for the change of placement is asked for a new episode: it changes the
 * placement, an episode ends with it, and neither placement is temporary (rule 225).
 */
export function placeChangeReasonNeeded(previous: Pick<Episode, 'placement'> | null, next: Pick<Episode, 'rne' | 'placement'>): boolean {
  return previous !== null && PLACEMENT_CHANGES.includes(next.rne) && !isTemporary(previous.placement) && !isTemporary(next.placement);
}

/**
 * The reason for a change of placement, given with the new episode (`next`) and kept on the
 * episode it ends (`previous`, REC X1), as the DfE records it: refused where the DfE asks for none
 * (rule 226), and required where it asks for one (rule 225).
 */
export function placeChangeProblems(previous: Episode | null, next: Pick<Episode, 'rne' | 'placement' | 'startDate'>, reason: string | null): FieldError[] {
  const fail = (message: string): FieldError[] => [{ field: 'reasonPlaceChange', message }];
  if (reason !== null) {
    if (!PLACEMENT_CHANGES.includes(next.rne)) return fail(`Give a reason for the placement change only when the placement changes (RNE P, B, T or U): RNE ${next.rne} is not a change of placement (903 rule 226)`);
    const temporary = isTemporary(next.placement) ? next.placement : isTemporary(previous?.placement) ? previous!.placement : null;
    if (temporary) return fail(`Give no reason for a move into or out of a temporary placement (${temporary}) (903 rule 226)`);
    if (!previous) return fail(`No care episode ends on ${formatDate(next.startDate)} with this change, so there is no placement the reason could be for`);
    return [];
  }
  if (placeChangeReasonNeeded(previous, next) && !previous!.reasonPlaceChange) {
    return fail(`Select why the placement changed: the placement from ${formatDate(previous!.startDate)} ends with this change (903 rule 225)`);
  }
  return [];
}

/** The Header's MOTHER and MC_DOB, with the child's sex and date of birth as they will be. */
export interface MotherFacts {
  sex: string;
  dateOfBirth: string;
  /** '1' she is a mother, '0' she is not, null not recorded. */
  mother: string | null;
  motherChildDob: string | null;
}

/** Whether MOTHER and MC_DOB may be recorded so: for girls (and children of unknown sex) only. */
export function motherProblems(f: MotherFacts, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (f.sex === 'M') {
    if (f.mother !== null) problems.push({ field: 'mother', message: 'Whether the child is a mother is recorded for girls only: the child is recorded as male (903 rule 165)' });
    if (f.motherChildDob !== null) problems.push({ field: 'motherChildDob', message: 'The date of birth of a mother\'s child is recorded for girls only: the child is recorded as male (903 rule 174)' });
    return problems;
  }
  if (f.mother === '1' && f.motherChildDob === null) return [{ field: 'motherChildDob', message: 'Enter the date of birth of her child' }];
  if (f.mother !== '1' && f.motherChildDob !== null) return [{ field: 'motherChildDob', message: 'Give the date of birth of her child only if she is a mother' }];
  if (f.motherChildDob !== null) {
    const tenth = addMonths(f.dateOfBirth, 120);
    if (f.motherChildDob > today) problems.push({ field: 'motherChildDob', message: 'The date of birth of her child cannot be in the future' });
    else if (f.motherChildDob < tenth) problems.push({ field: 'motherChildDob', message: `The date of birth of her child (${formatDate(f.motherChildDob)}) cannot be before she was 10 (${formatDate(tenth)})` });
  }
  return problems;
}

/** PrevPerm: the permanence order the child had before this period of care. */
export interface PreviousPermanence {
  previousOrder: string;
  laCode: string | null;
  orderDate: string | null;
}

/**
 * No LA or date where there was no order, or it is not known (rule 635); the order came before the
 * current period of care began (rule 632) and not after today.
 */
export function previousPermanenceProblems(p: PreviousPermanence, ctx: { periodStart: string | null; dateOfBirth: string; today: string }): FieldError[] {
  const problems: FieldError[] = [];
  if (p.previousOrder === 'Z1' || p.previousOrder === 'P4') {
    const why = p.previousOrder === 'Z1' ? 'there was no previous permanence order' : 'the previous permanence is not known';
    if (p.laCode !== null) problems.push({ field: 'laCode', message: `Leave the council blank: ${why} (903 rule 635)` });
    if (p.orderDate !== null) problems.push({ field: 'orderDate', message: `Leave the date of the order blank: ${why} (903 rule 635)` });
    return problems;
  }
  if (p.orderDate === null) return problems;
  if (p.orderDate > ctx.today) problems.push({ field: 'orderDate', message: 'The date of the order cannot be in the future' });
  else if (p.orderDate < ctx.dateOfBirth) problems.push({ field: 'orderDate', message: `The date of the order (${formatDate(p.orderDate)}) cannot be before the child was born (${formatDate(ctx.dateOfBirth)})` });
  else if (ctx.periodStart && p.orderDate >= ctx.periodStart) {
    problems.push({ field: 'orderDate', message: `The date of the order (${formatDate(p.orderDate)}) must be before the current period of care began (${formatDate(ctx.periodStart)}) (903 rule 632)` });
  }
  return problems;
}
