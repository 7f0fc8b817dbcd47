// The codes a placement and a disruption are recorded with: the 903 codes they write (from the
// children area's lists) and the disruption data set's own lists.
import { PLACEMENT_PROVIDERS, PLACEMENTS, REASONS_CEASED, REVERSAL_REASONS } from '../children/codes.ts';

export const STATUSES = {
  introductions: 'Introductions', placed: 'Placed for adoption', applied: 'Adoption application made', adopted: 'Adopted', disrupted: 'Ended (disruption)',
} as const;
export type PlacementStatus = keyof typeof STATUSES;

/** Placed for adoption: A3/A4 with consent, A5/A6 with a placement order; A3/A5 with the child's current foster carers. */
export const ADOPTION_PLACEMENTS = { A3: PLACEMENTS.A3, A4: PLACEMENTS.A4, A5: PLACEMENTS.A5, A6: PLACEMENTS.A6 } as const;

/** Who provides an adoptive placement: the council's own (or an RAA it hosts), another council's (or an RAA another hosts), private or voluntary. */
export const PROVIDERS = { PR1: PLACEMENT_PROVIDERS.PR1, PR2: PLACEMENT_PROVIDERS.PR2, PR4: PLACEMENT_PROVIDERS.PR4, PR5: PLACEMENT_PROVIDERS.PR5 } as const;

export const ORDERS = { E11: REASONS_CEASED.E11, E12: REASONS_CEASED.E12 } as const;

export const INTRODUCTION_REVIEWS = { proceed: 'Proceed to the move as planned', extend: 'Extend introductions to a new moving date' } as const;

export const DISRUPTION_KINDS = {
  introductions: 'During introductions (before moving in)', 'before-order': 'After placement, before the adoption order', 'after-order': 'After the adoption order',
} as const;
export type DisruptionKind = keyof typeof DISRUPTION_KINDS;

export const DISRUPTION_REASONS = {
  'child-needs': 'The child\'s needs were greater than the family knew or could meet',
  attachment: 'Difficulties with attachment or the relationship',
  behaviour: 'The child\'s behaviour, including violence towards the adopters',
  'adopter-circumstances': 'A change in the adopters\' circumstances (health, relationship, bereavement)',
  preparation: 'Not enough preparation or information before the placement',
  support: 'Support was not enough or came too late',
  'other-children': 'Difficulties between the children, or with the adopters\' other children',
  'birth-family': 'Contact with, or approaches from, the birth family',
  education: 'School or education',
  introductions: 'Introductions did not go well',
  other: 'Another reason (given in the details)',
} as const;

export const NEXT_FOR_CHILD = {
  'foster-care': 'Foster care', residential: 'Residential care', 'new-family': 'Family finding for a new adoptive family',
  'birth-family': 'Returned to the birth family', 'other-permanence': 'Special guardianship or another permanent home',
  'stayed-with-support': 'Stayed with the family, with support', other: 'Something else (given in the details)',
} as const;

/** Why the decision to place for adoption no longer stands, where the disruption reversed it. */
export { REVERSAL_REASONS };

/** Placements a child goes to when an adoptive placement ends before the order (not another adoptive one). */
export const PLACEMENTS_AFTER_DISRUPTION = Object.fromEntries(Object.entries(PLACEMENTS).filter(([code]) => !(code in ADOPTION_PLACEMENTS))) as Record<string, string>;
