// The adopters area's code lists with their labels: statuses, relationships, checks, stage
// events, outcomes, and the needs a household states a tolerance for.

export const STATUSES = {
  'in-assessment': 'In assessment', approved: 'Approved and available', linked: 'Linked', matched: 'Matched',
  placed: 'Placed', 'on-hold': 'On hold', withdrawn: 'Withdrawn', 'de-registered': 'De-registered',
} as const;
export type HouseholdStatus = keyof typeof STATUSES;

/** Ofsted Annex A List 11: why a household left the adoption process. */
export const LEAVING_REASONS = { withdrew: 'The adopters withdrew', 'put-on-hold': 'Put on hold', refused: 'Refused by the agency' } as const;
export type LeavingReason = keyof typeof LEAVING_REASONS;

export const RELATIONSHIPS = { single: 'Single applicant', married: 'Married', 'civil-partners': 'Civil partners', 'unmarried-couple': 'Unmarried couple' } as const;
export type Relationship = keyof typeof RELATIONSHIPS;

export const FAST_TRACK = { 'previous-adopter': 'Previous adopter', 'foster-carer': 'Foster carer' } as const;
export type FastTrack = keyof typeof FAST_TRACK;

export const CHECK_KINDS = {
  dbs: 'Enhanced DBS check', reference: 'Reference', medical: 'Medical', 'la-check': 'Local authority check',
  'previous-partner': 'Previous partner check', employer: 'Employer reference',
} as const;
export type CheckKind = keyof typeof CHECK_KINDS;

export const CHECK_STATUSES = { requested: 'Requested', received: 'Received', satisfactory: 'Satisfactory', concern: 'Concern' } as const;
export type CheckStatus = keyof typeof CHECK_STATUSES;

export const PAR_STATUSES = { draft: 'Draft', 'quality-assured': 'Quality assured', final: 'Final' } as const;
export type ParStatus = keyof typeof PAR_STATUSES;

export const EVENT_TYPES = {
  'stage-1-started': 'Stage 1 started', 'stage-1-plan-agreed': 'Stage 1 plan agreed', 'stage-1-decision': 'Stage 1 decision',
  'stage-2-notice': 'Notice to proceed to Stage 2', visit: 'Assessment visit', 'par-status': 'Prospective Adopter\'s Report',
  panel: 'Adoption panel', 'adm-decision': 'Agency decision maker\'s decision', 'status-change': 'Status changed', 'approval-review': 'Approval reviewed',
} as const;
export type EventType = keyof typeof EVENT_TYPES;

export const OUTCOMES = { proceed: 'Proceed to Stage 2', 'not-proceed': 'Not proceed', approved: 'Approved', 'not-suitable': 'Not suitable' } as const;
export type Outcome = keyof typeof OUTCOMES;

export const TOLERANCES = { cannot: 'Cannot consider', low: 'Low', medium: 'Medium', high: 'High' } as const;
export type Tolerance = keyof typeof TOLERANCES;

/** The needs a household states a tolerance for, by their approval_terms column. */
export const NEEDS = {
  developmentalDelay: 'Developmental delay', learningDisability: 'Learning disability', physicalDisability: 'Physical disability',
  medicalConditions: 'Medical conditions', fasd: 'Foetal alcohol spectrum disorder', familyMentalIllness: 'Birth family history of mental illness',
  familySubstanceMisuse: 'Birth family history of substance misuse', ongoingContact: 'Ongoing contact with the birth family',
} as const;
export type Need = keyof typeof NEEDS;
