// Input schemas for placements and disruptions, shared by the pages and the API. Each error names its field.
import { z } from 'zod';
import { normalisePostcode, URN_FORM } from '../children/return-fields.ts';
import { blank, calendarDate, oneOf, requiredText, someOf, uuid } from '../core/validation.ts';
import { ADOPTION_PLACEMENTS, DISRUPTION_REASONS, INTRODUCTION_REVIEWS, NEXT_FOR_CHILD, ORDERS, PLACEMENTS_AFTER_DISRUPTION, PROVIDERS, REVERSAL_REASONS, STATUSES } from './codes.ts';

export const introductionsInput = z.object({
  childId: uuid('the child'),
  introductionsStart: calendarDate('the date introductions start'),
  plannedMoveOn: calendarDate('the planned moving date'),
});

export const introductionsReviewInput = z.object({
  reviewedOn: calendarDate('the date of the review'),
  outcome: oneOf(INTRODUCTION_REVIEWS, 'what the review decided'),
  plannedMoveOn: z.preprocess(blank, calendarDate('the new moving date').optional()),
});

/** A UK postcode, normalised to upper case with one space before the inward code. */
const placementPostcode = (what: string) => z.string({ error: `Enter ${what}` }).trim().transform((v, ctx) => {
  const p = normalisePostcode(v);
  if (p === null) ctx.addIssue({ code: 'custom', message: `Enter ${what} as a UK postcode, like HR1 2AB` });
  return p ?? v;
});
/** An Ofsted URN (SC and 6 digits), a 6-digit DfE URN, or XXXXXXX when the setting has none; blank means XXXXXXX. */
const placementUrn = z.preprocess(blank, z.string().trim().toUpperCase().regex(URN_FORM, { error: 'URN must be SC and 6 digits, 6 digits, or XXXXXXX' }).optional());

export const moveInput = z.object({
  placedOn: calendarDate('the date the children moved in'),
  placementCode: oneOf(ADOPTION_PLACEMENTS, 'the placement (903 PLACE)'),
  providerCode: oneOf(PROVIDERS, 'the placement provider (903 PL_PROV)'),
  /** 903 PL_POST and URN of the new home (rules 392b, 218): the family's postcode; the agency's URN, or XXXXXXX. */
  placementPostcode: placementPostcode('the family\'s postcode'),
  urn: placementUrn,
});

export const reviewInput = z.object({
  heldOn: calendarDate('the date of the review'),
  summary: requiredText('what the review found', 5000),
});

export const applicationInput = z.object({ appliedOn: calendarDate('the date of the application') });

export const orderInput = z.object({
  orderOn: calendarDate('the date of the adoption order'),
  orderCode: oneOf(ORDERS, 'the kind of adoption order'),
});

export const disruptionInput = z.object({
  occurredOn: calendarDate('the date of the disruption'),
  reasons: someOf(DISRUPTION_REASONS, 'reason', 12).refine((r) => r.length > 0, { error: 'Select at least one reason' }),
  details: requiredText('what happened', 5000),
  nextForChild: oneOf(NEXT_FOR_CHILD, 'what happened next for the children'),
  nextPlacement: z.preprocess(blank, oneOf(PLACEMENTS_AFTER_DISRUPTION, 'where the children were placed next').optional()),
  nextPlacementPostcode: z.preprocess(blank, placementPostcode('the postcode of the next placement').optional()),
  nextUrn: placementUrn,
  planReversed: z.preprocess(blank, oneOf(REVERSAL_REASONS, 'why the plan was reversed').optional()),
}).superRefine((d, ctx) => {
  // The next care episode needs its placement's postcode (903 rule 392b).
  if (d.nextPlacement && !d.nextPlacementPostcode) ctx.addIssue({ code: 'custom', path: ['nextPlacementPostcode'], message: 'Enter the postcode of the next placement' });
});

const page = { offset: z.preprocess((v) => (v === undefined || v === '' ? 0 : Number(v)), z.number().int().min(0).max(1_000_000)).default(0) };

export const listQuery = z.object({
  status: z.preprocess(blank, oneOf(STATUSES, 'a status').optional()),
  child: z.preprocess(blank, uuid('a child').optional()),
  ...page,
});

export const disruptionListQuery = z.object({
  kind: z.preprocess(blank, z.enum(['introductions', 'before-order', 'after-order'], { error: 'Select a kind of disruption' }).optional()),
  ...page,
});
