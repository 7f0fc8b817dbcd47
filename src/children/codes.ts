// Code lists for child records, from DOMAIN.md §4 (SSDA903) and the DfE ethnicity codes.
// migrations/002_children.sql checks the same lists.

export const SEXES = { M: 'Male', F: 'Female', U: 'Unknown or indeterminate' } as const;
export type Sex = keyof typeof SEXES;

export const ETHNICITIES = {
  WBRI: 'White British', WIRI: 'White Irish', WIRT: 'Traveller of Irish heritage', WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma', MWBC: 'White and Black Caribbean', MWBA: 'White and Black African', MWAS: 'White and Asian',
  MOTH: 'Any other mixed background', AIND: 'Indian', APKN: 'Pakistani', ABAN: 'Bangladeshi', AOTH: 'Any other Asian background',
  BCRB: 'Caribbean', BAFR: 'African', BOTH: 'Any other Black background', CHNE: 'Chinese', OOTH: 'Any other ethnic group',
  REFU: 'Refused', NOBT: 'Information not yet obtained',
} as const;
export type Ethnicity = keyof typeof ETHNICITIES;

/** Black or minority ethnic, as the business case uses it: any recorded background but White British. */
export function isMinorityEthnic(code: Ethnicity): boolean {
  return code !== 'WBRI' && code !== 'REFU' && code !== 'NOBT';
}

export const RNE = {
  S: 'Started to be looked after', L: 'Change of legal status only', P: 'Change of placement and carer(s) only',
  T: 'Change of placement, same carer(s)', B: 'Change of legal status and placement and carer(s)', U: 'Change of legal status and placement, same carer(s)',
} as const;

export const LEGAL_STATUSES = {
  C1: 'Interim care order', C2: 'Full care order', D1: 'Freeing order granted', E1: 'Placement order granted',
  J1: 'Remanded to LA accommodation', J2: 'Placed in LA accommodation under PACE', J3: 'Sentenced to a youth rehabilitation order',
  L1: 'Under police protection', L2: 'Emergency protection order', L3: 'Child assessment order',
  V2: 'Single period of accommodation under s20', V3: 'Short breaks (single placement)', V4: 'Short breaks (multiple placements)',
} as const;

export const PLACEMENTS = {
  A3: 'Placed for adoption with consent with current foster carer(s)', A4: 'Placed for adoption with consent, not with current foster carer(s)',
  A5: 'Placed for adoption with placement order with current foster carer(s)', A6: 'Placed for adoption with placement order, not with current foster carer(s)',
  H5: 'Semi-independent living', K1: 'Secure children\'s home', K2: 'Children\'s home', K3: 'Registered supported accommodation',
  P1: 'Placed with own parent(s)', P2: 'Independent living', P3: 'Residential employment',
  R1: 'Residential care home', R2: 'NHS/health trust', R3: 'Family centre or mother and baby unit', R5: 'Young offender institution or prison',
  S1: 'All residential schools', T0: 'Temporary: all types', T1: 'Temporary: hospital', T2: 'Temporary: holiday', T3: 'Temporary: with family or friends', T4: 'Temporary: other',
  U1: 'Foster placement with relative or friend (long term)', U2: 'Foster placement with relative or friend who is also an approved adopter (FfA/concurrent)',
  U3: 'Foster placement with relative or friend (not long term or FfA)', U4: 'Foster placement with other foster carer (long term)',
  U5: 'Foster placement with other foster carer who is also an approved adopter (FfA/concurrent)', U6: 'Foster placement with other foster carer (not long term or FfA)',
  Z1: 'Other placement', Z11: 'Other placement (2025/26)', Z12: 'Other placement (2025/26)', Z13: 'Other placement (2025/26)', Z14: 'Other placement (2025/26)',
} as const;

export const PLACEMENT_PROVIDERS = {
  PR0: 'Parent(s) or person with parental responsibility', PR1: 'Own provision (including an RAA hosted by the child\'s council)',
  PR2: 'Other LA provision (including an RAA hosted by another council)', PR3: 'Other public provision', PR4: 'Private provision', PR5: 'Voluntary or third sector',
} as const;

export const REASONS_CEASED = {
  E11: 'Adopted: application unopposed', E12: 'Adopted: consent dispensed with', E2: 'Died', E3: 'Care taken over by another LA',
  E4A: 'Returned home to parents (planned)', E4B: 'Returned home to parents (not planned)', E13: 'Left care to live with parents/relatives (no parental responsibility)',
  E41: 'Residence or child arrangements order', E45: 'SGO to former foster carers who are relatives or friends', E46: 'SGO to former foster carers (not relatives or friends)',
  E47: 'SGO to carers (not former foster carers) who are relatives or friends', E48: 'SGO to carers (not former foster carers, not relatives or friends)',
  E5: 'Moved into independent living (supportive)', E6: 'Moved into independent living (no formal support)', E7: 'Transferred to adult social care',
  E8: 'Period of care ended for any other reason', E9: 'Sentenced to custody', E14: 'Accommodation on remand ended', E15: 'Age assessment: aged 18 or over',
  E16: 'Child moved abroad', E17: 'Aged 18, remained with former foster carers', X1: 'Episode ceases, new episode begins the same day',
} as const;

export const REVERSAL_REASONS = {
  RD1: 'The child\'s needs changed after the decision', RD2: 'The court did not make a placement order',
  RD3: 'Prospective adopters could not be found', RD4: 'Any other reason',
} as const;

export const NEED_CATEGORIES = {
  'developmental-delay': 'Developmental delay', 'learning-disability': 'Learning disability', 'physical-disability': 'Physical disability',
  'medical-condition': 'Medical condition', 'foetal-alcohol': 'Foetal alcohol spectrum disorder', 'emotional-behavioural': 'Emotional or behavioural needs',
  attachment: 'Attachment difficulties', 'speech-language': 'Speech and language', sensory: 'Sensory impairment',
} as const;

export const WAITING_REASONS = {
  age: 'Age', 'sibling-group': 'Part of a sibling group', disability: 'Disability', 'health-uncertainty': 'Uncertain health or development',
  'ethnicity-or-heritage': 'Ethnicity or heritage', 'behaviour-or-trauma': 'Behaviour or trauma', 'contact-arrangements': 'Contact arrangements',
  'legal-delay': 'Legal delay', 'no-suitable-adopters': 'No suitable adopters identified', other: 'Other',
} as const;

export const MILESTONE_TYPES = {
  'adoption-plan': 'Adoption plan agreed at review', shobpa: 'Decision: should be placed for adoption (ADM)',
  'placement-order': 'Placement order or consent', 'early-permanence': 'Early permanence placement',
  'family-finding-started': 'Family finding started', linked: 'Linked with a family', 'matching-panel': 'Matching panel',
  match: 'Match decision (ADM)', 'placed-for-adoption': 'Placed for adoption', 'adoption-application': 'Adoption application',
  'adoption-order': 'Adoption order', 'plan-reversed': 'Plan reversed: should no longer be placed for adoption',
  disrupted: 'Introductions or placement ended (disruption)',
} as const;
export type MilestoneType = keyof typeof MILESTONE_TYPES;

export const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** How a milestone is named inside a sentence ("cannot be before the match decision"). */
export const MILESTONE_PHRASES: Record<MilestoneType, string> = {
  'adoption-plan': 'the adoption plan', shobpa: 'the decision that the child should be placed for adoption',
  'placement-order': 'the placement order (or consent)', 'early-permanence': 'the early permanence placement',
  'family-finding-started': 'the start of family finding', linked: 'the link with a family', 'matching-panel': 'the matching panel',
  match: 'the match decision', 'placed-for-adoption': 'the placement for adoption', 'adoption-application': 'the adoption application',
  'adoption-order': 'the adoption order', 'plan-reversed': 'the reversal of the plan',
  disrupted: 'the disruption',
};

/** The codes a milestone may carry, by the type that takes them. */
export const MILESTONE_CODES: { type: MilestoneType; codes: Record<string, string> }[] = [
  { type: 'placement-order', codes: { order: 'Placement order (court authority to place)', consent: 'Consent to placement (section 19)' } },
  { type: 'early-permanence', codes: { ffa: 'Fostering for adoption', concurrent: 'Concurrent planning' } },
  { type: 'placed-for-adoption', codes: { A3: PLACEMENTS.A3, A4: PLACEMENTS.A4, A5: PLACEMENTS.A5, A6: PLACEMENTS.A6 } },
  { type: 'adoption-order', codes: { E11: REASONS_CEASED.E11, E12: REASONS_CEASED.E12 } },
  { type: 'plan-reversed', codes: REVERSAL_REASONS },
];

export const milestoneCodeLabel = (code: string): string | undefined => MILESTONE_CODES.map((g) => g.codes[code]).find(Boolean);


// ---- the SSDA903 fields beyond the journey (DOMAIN.md §4.2): the same lists as the return's checker ----

/** CIN: the category of need, N1–N8 (903 rule 145; N9 is the CIN census's "not in need" and not a 903 code). */
export const CATEGORIES_OF_NEED = {
  N1: 'Abuse or neglect', N2: 'Child\'s disability', N3: 'Parental illness or disability', N4: 'Family in acute stress',
  N5: 'Family dysfunction', N6: 'Socially unacceptable behaviour', N7: 'Low income', N8: 'Absent parenting',
} as const;

/** REASON_PLACE_CHANGE: why a placement ended, on the episode that ended (REC X1) with the change. */
export const REASONS_PLACE_CHANGE = {
  CARPL: 'Change to, or carrying out of, the care plan', CLOSE: 'Resignation or closure of the provision', ALLEG: 'Allegation (s47)',
  STAND: 'Concern about standards of care', APPRR: 'Approval removed', CREQB: 'Carers asked for the placement to end because of the child\'s behaviour',
  CREQO: 'Carers asked for the placement to end for another reason', CHILD: 'The child asked for the placement to end',
  LAREQ: 'The responsible or area council asked for the placement to end', PLACE: 'Change in the status of the placement only',
  CUSTOD: 'Custody arrangement', OTHER: 'Other',
} as const;

/** PREV_PERM: the permanence the child had before this period of care (903 rule 631). */
export const PREVIOUS_PERMANENCE = {
  P1: 'Adoption', P2: 'Special guardianship order', P3: 'Residence order or child arrangements order', P4: 'Not known', Z1: 'No previous permanence',
} as const;

/** Temporary placements (T0–T4): a move into or out of one is not a change of placement with a reason (903 rules 225/226). */
export const TEMPORARY_PLACEMENTS: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'T4'];
