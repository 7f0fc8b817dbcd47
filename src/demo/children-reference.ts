// Reference tables for the demo children: the demo councils (their numbers of children in care
// by age band, from the West Mercia business case, their towns and ethnic mix), who provides
// each kind of placement, the name sets and faiths of each background, disabilities and needs,
// why children wait, and the words of sibling decisions. Data only: the generator
// (children-generator.ts) draws from these.
import type { Ethnicity } from '../children/codes.ts';
import type { Heritage } from './names.ts';
import type { Weighted } from './random.ts';

// ---- the councils ------------------------------------------------------------------------

export interface CouncilSpec {
  slug: string;
  /** la_child_ref prefix */
  prefix: string;
  /** DfE LA number, used in UPNs */
  laNumber: string;
  /** Looked-after children aged 0–4, 5–9, 10–14, 15+ (March 2014, West Mercia business case). */
  bands: readonly [number, number, number, number];
  ethnicity: Weighted<Ethnicity>;
  towns: readonly string[];
}

// West Mercia: mostly White British; Traveller and Gypsy/Roma families in the rural west,
// South Asian communities in Telford, Redditch and Worcester. About one child in five is
// from a minority ethnic background.
const WEST_MERCIA_ETHNICITY: Weighted<Ethnicity> = [
  ['WBRI', 86], ['WIRI', 1], ['WIRT', 1.5], ['WROM', 1], ['WOTH', 3.5], ['MWBC', 3.5], ['MWBA', 1], ['MWAS', 2], ['MOTH', 2.5],
  ['AIND', 0.5], ['APKN', 1], ['ABAN', 0.3], ['AOTH', 0.3], ['BCRB', 0.5], ['BAFR', 0.8], ['BOTH', 0.3], ['CHNE', 0.1], ['OOTH', 0.5], ['NOBT', 0.5],
];
// South Essex and outer east London: more diverse, about one in four.
const THURROCK_ETHNICITY: Weighted<Ethnicity> = [
  ['WBRI', 95], ['WIRI', 1], ['WIRT', 1], ['WROM', 1], ['WOTH', 5], ['MWBC', 4], ['MWBA', 3], ['MWAS', 1.5], ['MOTH', 3],
  ['AIND', 1], ['APKN', 1], ['ABAN', 1], ['AOTH', 1], ['BCRB', 1.5], ['BAFR', 5], ['BOTH', 1.5], ['CHNE', 0.3], ['OOTH', 1], ['NOBT', 0.5],
];
// The West Mercia age mix (24% / 21% / 28% / 27%) for the consortium's councils, about 150 each.
const CONSORTIUM_BANDS = [36, 31, 42, 41] as const;

export const DEMO_COUNCILS: readonly CouncilSpec[] = [
  { slug: 'herefordshire', prefix: 'HC', laNumber: '884', bands: [61, 51, 65, 65], ethnicity: WEST_MERCIA_ETHNICITY, towns: ['Hereford', 'Leominster', 'Ross-on-Wye', 'Ledbury', 'Kington', 'Bromyard'] },
  // The business case gives Shropshire 269 looked-after children (the four councils' 1,468
  // add up only with 269); its 15–19 band (128) cannot be right, so the 15+ band here is the
  // rest: 269 − 69 − 66 − 79 = 55.
  { slug: 'shropshire', prefix: 'SC', laNumber: '893', bands: [69, 66, 79, 55], ethnicity: WEST_MERCIA_ETHNICITY, towns: ['Shrewsbury', 'Oswestry', 'Ludlow', 'Bridgnorth', 'Market Drayton', 'Whitchurch'] },
  { slug: 'telford-and-wrekin', prefix: 'TW', laNumber: '894', bands: [76, 58, 95, 76], ethnicity: WEST_MERCIA_ETHNICITY, towns: ['Telford', 'Wellington', 'Newport', 'Madeley', 'Oakengates', 'Dawley'] },
  { slug: 'worcestershire', prefix: 'WC', laNumber: '885', bands: [150, 133, 174, 194], ethnicity: WEST_MERCIA_ETHNICITY, towns: ['Worcester', 'Kidderminster', 'Redditch', 'Bromsgrove', 'Malvern', 'Evesham', 'Droitwich Spa'] },
  { slug: 'thurrock', prefix: 'TH', laNumber: '883', bands: CONSORTIUM_BANDS, ethnicity: THURROCK_ETHNICITY, towns: ['Grays', 'Tilbury', 'Stanford-le-Hope', 'South Ockendon', 'Purfleet', 'Corringham'] },
  { slug: 'southend-on-sea', prefix: 'SO', laNumber: '882', bands: CONSORTIUM_BANDS, ethnicity: THURROCK_ETHNICITY, towns: ['Southend-on-Sea', 'Leigh-on-Sea', 'Westcliff-on-Sea', 'Shoeburyness', 'Southchurch'] },
  { slug: 'havering', prefix: 'HV', laNumber: '311', bands: CONSORTIUM_BANDS, ethnicity: THURROCK_ETHNICITY, towns: ['Romford', 'Hornchurch', 'Upminster', 'Rainham', 'Harold Hill', 'Collier Row'] },
];

/** Who provides each kind of placement (SSDA903 PR codes). */
export const PROVIDERS: Record<string, Weighted<string>> = {
  U1: [['PR1', 1]], U3: [['PR1', 1]], U4: [['PR1', 55], ['PR4', 35], ['PR5', 10]], U6: [['PR1', 55], ['PR4', 35], ['PR5', 10]],
  K2: [['PR4', 70], ['PR1', 30]], K3: [['PR4', 60], ['PR5', 40]], P1: [['PR0', 1]], R3: [['PR4', 1]], S1: [['PR4', 70], ['PR5', 30]],
};

export const ELSEWHERE = ['Birmingham', 'Wolverhampton', 'Cardiff', 'Basildon', 'Dagenham', 'Chelmsford', 'Stoke-on-Trent'];

/** Share of children in care with an adoption journey (West Mercia, March 2013: 169 of 1,468). */
export const JOURNEY_SHARE = 0.115;
export const BAND_YEARS: readonly (readonly [number, number])[] = [[0, 4], [5, 9], [10, 14], [15, 17]];

// ---- names and heritage ---------------------------------------------------------------------

/** Which name sets a child of each background draws family and given names from. */
export const HERITAGES: Record<Ethnicity, { family: readonly Heritage[]; given: readonly Heritage[] }> = {
  WBRI: { family: ['british'], given: ['british'] }, WIRI: { family: ['irish'], given: ['irish', 'british'] },
  WIRT: { family: ['irish'], given: ['irish'] }, WROM: { family: ['easternEuropean'], given: ['easternEuropean'] },
  WOTH: { family: ['easternEuropean'], given: ['easternEuropean', 'british'] }, MWBC: { family: ['british', 'caribbean'], given: ['caribbean', 'british'] },
  MWBA: { family: ['british', 'african'], given: ['african', 'british'] }, MWAS: { family: ['british', 'southAsian'], given: ['southAsian', 'british'] },
  MOTH: { family: ['british'], given: ['british', 'caribbean'] }, AIND: { family: ['southAsian'], given: ['southAsian'] },
  APKN: { family: ['southAsian'], given: ['southAsian'] }, ABAN: { family: ['southAsian'], given: ['southAsian'] },
  AOTH: { family: ['southAsian'], given: ['southAsian'] }, BCRB: { family: ['caribbean'], given: ['caribbean'] },
  BAFR: { family: ['african'], given: ['african'] }, BOTH: { family: ['caribbean', 'african'], given: ['caribbean', 'african'] },
  CHNE: { family: ['eastAsian'], given: ['eastAsian'] }, OOTH: { family: ['middleEastern'], given: ['middleEastern'] },
  REFU: { family: ['british'], given: ['british'] }, NOBT: { family: ['british'], given: ['british'] },
};

export const RELIGIONS: Partial<Record<Heritage, Weighted<string | null>>> = {
  southAsian: [['Muslim', 6], ['Sikh', 2], ['Hindu', 2], [null, 1]],
  middleEastern: [['Muslim', 8], [null, 2]],
  easternEuropean: [['Roman Catholic', 5], ['Christian', 2], [null, 3]],
  african: [['Christian', 5], ['Muslim', 3], [null, 2]],
  irish: [['Roman Catholic', 6], [null, 4]],
};
export const LANGUAGES: Partial<Record<Ethnicity, Weighted<string>>> = {
  WOTH: [['English', 5], ['Polish', 3], ['Romanian', 2]], WROM: [['English', 4], ['Romanian', 3], ['Slovak', 2]],
  APKN: [['English', 8], ['Urdu', 2]], ABAN: [['English', 7], ['Bengali', 3]], BAFR: [['English', 7], ['Somali', 1], ['Tigrinya', 1]],
  OOTH: [['Arabic', 4], ['Kurdish', 2], ['Pashto', 2], ['English', 2]], CHNE: [['English', 7], ['Cantonese', 3]],
};

// ---- what can be said about a child -------------------------------------------------------

export type NeedCategory = 'developmental-delay' | 'learning-disability' | 'physical-disability' | 'medical-condition' | 'foetal-alcohol'
  | 'emotional-behavioural' | 'attachment' | 'speech-language' | 'sensory';

export const DISABILITIES: readonly (readonly [string, readonly NeedCategory[]])[] = [
  ['Autism spectrum condition; needs a predictable routine', ['emotional-behavioural', 'speech-language']],
  ['Global developmental delay', ['developmental-delay', 'learning-disability']],
  ['Cerebral palsy (mild, affecting the right side); uses a walking frame', ['physical-disability']],
  ['Down syndrome', ['learning-disability', 'medical-condition']],
  ['Epilepsy, controlled with medication', ['medical-condition']],
  ['Moderate hearing loss; wears hearing aids', ['sensory', 'speech-language']],
  ['Visual impairment (registered sight impaired)', ['sensory']],
  ['Foetal alcohol spectrum disorder with learning difficulties', ['foetal-alcohol', 'learning-disability']],
  ['Attention deficit hyperactivity disorder', ['emotional-behavioural']],
  ['Hypermobility and low muscle tone; sees a physiotherapist', ['physical-disability', 'developmental-delay']],
  ['Severe learning disability; attends a special school', ['learning-disability']],
];

export const NEED_NOTES: Record<NeedCategory, readonly string[]> = {
  'developmental-delay': ['Speech and motor milestones delayed; reviewed by the community paediatrician every six months', 'Catching up well since moving to foster carers'],
  'learning-disability': ['Education, health and care plan in place', 'Needs support with everyday tasks'],
  'physical-disability': ['Home adaptations may be needed', 'Weekly physiotherapy'],
  'medical-condition': ['Regular hospital appointments', 'Medication twice daily; carers trained'],
  'foetal-alcohol': ['Prenatal alcohol exposure confirmed; diagnosed by the FASD clinic', 'Possible prenatal alcohol exposure; awaiting assessment'],
  'emotional-behavioural': ['Dysregulated after contact; therapeutic parenting advised', 'Sees CAMHS monthly'],
  attachment: ['Indiscriminate with adults; needs consistent carers', 'Disorganised attachment; therapeutic parenting advised'],
  'speech-language': ['Speech and language therapy weekly', 'Limited expressive language for age'],
  sensory: ['Sensory processing difficulties; occupational therapy referral made', 'Audiology review every year'],
};
export const COMMON_NEEDS: readonly NeedCategory[] = ['attachment', 'emotional-behavioural', 'developmental-delay', 'speech-language', 'medical-condition', 'foetal-alcohol'];

export type WaitingReason = 'age' | 'sibling-group' | 'disability' | 'health-uncertainty' | 'ethnicity-or-heritage' | 'behaviour-or-trauma'
  | 'contact-arrangements' | 'legal-delay' | 'no-suitable-adopters' | 'other';
export const WAITING_NOTES: Record<WaitingReason, string> = {
  age: 'Fewer enquiries for children over four',
  'sibling-group': 'Seeking one family for the brothers and sisters together',
  disability: 'Needs adopters able to meet complex needs',
  'health-uncertainty': 'Developmental outlook uncertain; paediatric review due',
  'ethnicity-or-heritage': 'Seeking adopters who can support the child\'s heritage and identity',
  'behaviour-or-trauma': 'Needs therapeutic parenting',
  'contact-arrangements': 'Direct contact with an older sibling is to continue',
  'legal-delay': 'Final hearing adjourned twice',
  'no-suitable-adopters': 'No suitable approved adopters in the region or on Link Maker',
  other: 'Awaiting the outcome of a viability assessment of a relative',
};
export const REVIEW_SUMMARIES = [
  'Profile refreshed and shared on Link Maker; three enquiries received, none progressed. Continue family finding for three months.',
  'Two families expressed interest; one visit arranged. Review again in three months.',
  'Agreed to widen the search to adopters outside the region and to inter-agency placements.',
  'Attended an adoption activity day; one family interested. Permanence plan confirmed at the child\'s review.',
  'No progress; considered whether adoption remains the right plan. Plan confirmed; early permanence carers to be approached.',
  'Child featured in the regional profiling event. Health update obtained for prospective adopters.',
] as const;

export const TOGETHER_REASONS = [
  'The children have always lived together and are closely attached; the sibling assessment recommends one family',
  'Strong bond; the older child is protective of the younger. Place together',
  'Sibling assessment (together or apart) recommends a joint placement',
];
export const APART_REASONS = [
  'Sibling assessment: the children\'s needs are best met in separate families, with direct contact',
  'The older child\'s needs are very different and she is settled with her foster carers; separate placements with regular contact',
  'Long-term fostering for the older child and adoption for the younger, with a contact plan',
];
