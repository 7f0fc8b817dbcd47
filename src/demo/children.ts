// Demo children: for every demo council, children in care near the West Mercia business case's
// 2013-14 numbers by age band (× --scale), about one in nine with an adoption journey spread
// over every stage (with early permanence, consent, reversed plans and adoptions), sibling
// groups, disabled and minority-ethnic children, needs, birth family and the "waiting longer"
// data. All dates are relative to the demo's today, so journeys look current; the same seed and
// today give the same children. Every generated journey is checked against the rules in
// children/model.ts before anything is written, and the derived columns come from the model,
// so they match what the service computes. Written in large batches in one transaction,
// bypassing the service (and its audit trail) as the staff seeding does.
import { randomUUID } from 'node:crypto';
import '../interop/ssda903/tables.ts';
import { sql } from 'kysely';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import type { Ethnicity, MilestoneType } from '../children/codes.ts';
import {
  ageInYears, daysBetween, episodeProblems, isLookedAfter, keyDates, milestoneProblems, periodOfCareStart, stageOf,
  type Episode, type Milestone, type Stage,
} from '../children/model.ts';
import { ADULT_MEN, ADULT_WOMEN, HERITAGE_NAMES, type Heritage } from './names.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

// ---- the councils ------------------------------------------------------------------------

type Weighted<T> = readonly (readonly [T, number])[];

interface CouncilSpec {
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
const PROVIDERS: Record<string, Weighted<string>> = {
  U1: [['PR1', 1]], U3: [['PR1', 1]], U4: [['PR1', 55], ['PR4', 35], ['PR5', 10]], U6: [['PR1', 55], ['PR4', 35], ['PR5', 10]],
  K2: [['PR4', 70], ['PR1', 30]], K3: [['PR4', 60], ['PR5', 40]], P1: [['PR0', 1]], R3: [['PR4', 1]], S1: [['PR4', 70], ['PR5', 30]],
};

const ELSEWHERE = ['Birmingham', 'Wolverhampton', 'Cardiff', 'Basildon', 'Dagenham', 'Chelmsford', 'Stoke-on-Trent'];

/** Share of children in care with an adoption journey (West Mercia, March 2013: 169 of 1,468). */
const JOURNEY_SHARE = 0.115;
const BAND_YEARS: readonly (readonly [number, number])[] = [[0, 4], [5, 9], [10, 14], [15, 17]];

// ---- names and heritage ---------------------------------------------------------------------

/** Which name sets a child of each background draws family and given names from. */
const HERITAGES: Record<Ethnicity, { family: readonly Heritage[]; given: readonly Heritage[] }> = {
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

const RELIGIONS: Partial<Record<Heritage, Weighted<string | null>>> = {
  southAsian: [['Muslim', 6], ['Sikh', 2], ['Hindu', 2], [null, 1]],
  middleEastern: [['Muslim', 8], [null, 2]],
  easternEuropean: [['Roman Catholic', 5], ['Christian', 2], [null, 3]],
  african: [['Christian', 5], ['Muslim', 3], [null, 2]],
  irish: [['Roman Catholic', 6], [null, 4]],
};
const LANGUAGES: Partial<Record<Ethnicity, Weighted<string>>> = {
  WOTH: [['English', 5], ['Polish', 3], ['Romanian', 2]], WROM: [['English', 4], ['Romanian', 3], ['Slovak', 2]],
  APKN: [['English', 8], ['Urdu', 2]], ABAN: [['English', 7], ['Bengali', 3]], BAFR: [['English', 7], ['Somali', 1], ['Tigrinya', 1]],
  OOTH: [['Arabic', 4], ['Kurdish', 2], ['Pashto', 2], ['English', 2]], CHNE: [['English', 7], ['Cantonese', 3]],
};

// ---- what can be said about a child -------------------------------------------------------

type NeedCategory = 'developmental-delay' | 'learning-disability' | 'physical-disability' | 'medical-condition' | 'foetal-alcohol'
  | 'emotional-behavioural' | 'attachment' | 'speech-language' | 'sensory';

const DISABILITIES: readonly (readonly [string, readonly NeedCategory[]])[] = [
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

const NEED_NOTES: Record<NeedCategory, readonly string[]> = {
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
const COMMON_NEEDS: readonly NeedCategory[] = ['attachment', 'emotional-behavioural', 'developmental-delay', 'speech-language', 'medical-condition', 'foetal-alcohol'];

type WaitingReason = 'age' | 'sibling-group' | 'disability' | 'health-uncertainty' | 'ethnicity-or-heritage' | 'behaviour-or-trauma'
  | 'contact-arrangements' | 'legal-delay' | 'no-suitable-adopters' | 'other';
const WAITING_NOTES: Record<WaitingReason, string> = {
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
const REVIEW_SUMMARIES = [
  'Profile refreshed and shared on Link Maker; three enquiries received, none progressed. Continue family finding for three months.',
  'Two families expressed interest; one visit arranged. Review again in three months.',
  'Agreed to widen the search to adopters outside the region and to inter-agency placements.',
  'Attended an adoption activity day; one family interested. Permanence plan confirmed at the child\'s review.',
  'No progress; considered whether adoption remains the right plan. Plan confirmed; early permanence carers to be approached.',
  'Child featured in the regional profiling event. Health update obtained for prospective adopters.',
] as const;

const TOGETHER_REASONS = [
  'The children have always lived together and are closely attached; the sibling assessment recommends one family',
  'Strong bond; the older child is protective of the younger. Place together',
  'Sibling assessment (together or apart) recommends a joint placement',
];
const APART_REASONS = [
  'Sibling assessment: the children\'s needs are best met in separate families, with direct contact',
  'The older child\'s needs are very different and she is settled with her foster carers; separate placements with regular contact',
  'Long-term fostering for the older child and adoption for the younger, with a contact plan',
];

// ---- the journey ---------------------------------------------------------------------------

/** Steps of a journey: milestones, and 'left' (the period of care ends other than by adoption). */
type Step = 'plan' | 'shobpa' | 'ep' | 'po' | 'ff' | 'linked' | 'panel' | 'match' | 'placed' | 'application' | 'order' | 'reversed' | 'left';
const CHAIN: readonly Step[] = ['plan', 'shobpa', 'po', 'ff', 'linked', 'panel', 'match', 'placed', 'application', 'order'];
const MILESTONE_OF: Record<Exclude<Step, 'left'>, MilestoneType> = {
  plan: 'adoption-plan', shobpa: 'shobpa', ep: 'early-permanence', po: 'placement-order', ff: 'family-finding-started', linked: 'linked',
  panel: 'matching-panel', match: 'match', placed: 'placed-for-adoption', application: 'adoption-application', order: 'adoption-order', reversed: 'plan-reversed',
};

interface JourneyEvent {
  step: Step;
  date: string;
  code: string | null;
  notes: string | null;
}

interface Journey {
  entry: string;
  consent: boolean;
  ffa: boolean;
  events: JourneyEvent[];
}

type Target = Exclude<Stage, 'in-care' | 'left-care'>;
const TARGETS: Weighted<Target> = [
  ['adoption-plan', 8], ['should-be-placed', 9], ['placement-order', 11], ['family-finding', 15], ['linked', 8],
  ['matched', 6], ['placed', 12], ['adopted', 18], ['plan-reversed', 8],
];

const REVERSAL_NOTES: Record<string, string> = {
  RD1: 'The child\'s needs changed; the plan is now long-term fostering',
  RD2: 'The court made a care order with a plan of long-term fostering, not a placement order',
  RD3: 'No suitable adopters found after extended family finding; the plan is now long-term fostering',
  RD4: 'A positive assessment of a relative; the plan is now special guardianship',
};

interface ChildPlan {
  id: string;
  row: ChildRow;
  episodes: Episode[];
  milestones: (Milestone & { notes: string | null; recordedBy: string | null })[];
  needs: { category: NeedCategory; notes: string | null }[];
  birthFamily: { name: string; relationship: string; area: string | null }[];
  waitingReasons: { reason: WaitingReason; notes: string | null; recordedBy: string | null }[];
  waitingReviews: { reviewDate: string; summary: string; reviewedBy: string | null }[];
}

interface ChildRow {
  id: string;
  placing_authority_id: string;
  la_child_ref: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  sex: 'M' | 'F';
  ethnicity: Ethnicity;
  upn: string | null;
  disabled: boolean;
  disability_description: string | null;
  religion: string | null;
  first_language: string | null;
  legal_status_note: string | null;
  social_worker_id: string | null;
  family_finder_id: string | null;
  sibling_group_id: string | null;
  stage: Stage;
  period_start: string | null;
  looked_after: boolean;
  shobpa_date: string | null;
  placement_order_date: string | null;
  match_date: string | null;
  placed_date: string | null;
}

interface SiblingGroupRow {
  id: string;
  placing_authority_id: string;
  name: string;
  decision: 'undecided' | 'together' | 'apart';
  decision_date: string | null;
  decision_reasons: string | null;
}

interface CouncilState {
  spec: CouncilSpec;
  orgId: string;
  quota: number[];
  nextRef: number;
  nextUpn: number;
  socialWorkers: string[];
  familyFinder: string | null;
  decisionMaker: string | null;
  teamManager: string | null;
}

/** A family: the surname, background and birth relatives brothers and sisters share. */
interface Family {
  lastName: string;
  ethnicity: Ethnicity;
  birthFamily: ChildPlan['birthFamily'];
}

export interface GeneratedChildren {
  children: ChildPlan[];
  siblingGroups: SiblingGroupRow[];
}

/** Generates (and checks) the demo children without writing them. */
export class ChildrenGenerator {
  readonly children: ChildPlan[] = [];
  readonly siblingGroups: SiblingGroupRow[] = [];

  constructor(private readonly r: Random, private readonly today: string, private readonly scale: number, private readonly staff: ReadonlyMap<string, string>) {}

  private weighted<T>(items: Weighted<T>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.r.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  private ago(days: number): string {
    return addDays(this.today, -days);
  }

  generateCouncil(spec: CouncilSpec, orgId: string): void {
    const email = (role: string) => this.staff.get(`${role}@${spec.slug}.example`) ?? null;
    const socialWorkers = [email('social-worker'), ...Array.from({ length: Math.max(0, this.scale * 2 - 1) }, (_, i) => email(`social-worker-${i + 2}`))].filter((id): id is string => id !== null);
    const c: CouncilState = {
      spec, orgId, quota: spec.bands.map((n) => n * this.scale), nextRef: this.r.int(100_000, 400_000), nextUpn: this.r.int(0, 5_000),
      socialWorkers, familyFinder: email('family-finder'), decisionMaker: email('decision-maker'), teamManager: email('team-manager'),
    };
    const total = c.quota.reduce((a, b) => a + b, 0);
    const journeys = Math.round(total * JOURNEY_SHARE);
    for (let made = 0; made < journeys;) made += this.journeyFamily(c);
    const groups = Math.round(((total - journeys) * 0.035) / 2.3);
    for (let i = 0; i < groups; i++) this.careFamily(c);
    for (let band = 0; band < 4; band++) {
      while (c.quota[band]! > 0) this.singleInCare(c, band);
    }
  }

  // ---- people ---------------------------------------------------------------------------------

  private family(c: CouncilState): Family {
    const ethnicity = this.weighted(c.spec.ethnicity);
    const heritage = HERITAGES[ethnicity];
    const lastName = this.r.pick(HERITAGE_NAMES[this.r.pick(heritage.family)].family);
    const town = () => (this.r.chance(0.9) ? this.r.pick(c.spec.towns) : this.r.pick(ELSEWHERE));
    const used = new Set<string>();
    const adult = (sex: 'F' | 'M', surname: string) => {
      const set = this.r.pick(heritage.given);
      const given = set === 'british' || set === 'irish' ? (sex === 'F' ? ADULT_WOMEN : ADULT_MEN) : HERITAGE_NAMES[set][sex === 'F' ? 'girls' : 'boys'];
      let name = this.r.pick(given);
      for (let i = 0; i < 5 && used.has(name); i++) name = this.r.pick(given);
      used.add(name);
      return `${name} ${surname}`;
    };
    const otherSurname = () => this.r.pick(HERITAGE_NAMES[this.r.pick(heritage.family)].family);
    // The child has the mother's or the father's surname.
    const motherSurname = this.r.chance(0.7) ? lastName : otherSurname();
    const fatherSurname = motherSurname === lastName && this.r.chance(0.5) ? otherSurname() : lastName;
    const birthFamily: Family['birthFamily'] = [{ name: adult('F', motherSurname), relationship: 'Mother', area: town() }];
    if (this.r.chance(0.65)) birthFamily.push({ name: adult('M', fatherSurname), relationship: 'Father', area: town() });
    if (this.r.chance(0.3)) birthFamily.push({ name: adult('F', motherSurname), relationship: 'Maternal grandmother', area: town() });
    if (this.r.chance(0.1)) birthFamily.push({ name: adult('M', fatherSurname), relationship: 'Paternal grandfather', area: town() });
    if (this.r.chance(0.1)) birthFamily.push({ name: adult('F', motherSurname), relationship: 'Maternal aunt', area: town() });
    return { lastName, ethnicity, birthFamily };
  }

  private child(c: CouncilState, family: Family, dob: string, episodes: Episode[], events: JourneyEvent[], groupId: string | null, options: { familyFinding?: boolean } = {}): ChildPlan {
    const sex: 'M' | 'F' = this.r.chance(0.52) ? 'M' : 'F';
    const heritage = HERITAGES[family.ethnicity];
    const names = HERITAGE_NAMES[this.r.pick(heritage.given)];
    const firstName = this.r.pick(sex === 'F' ? names.girls : names.boys);
    const id = randomUUID();
    const socialWorker = c.socialWorkers.length && this.r.chance(0.97) ? this.r.pick(c.socialWorkers) : null;
    const familyFinder = options.familyFinding ? c.familyFinder : null;
    const recorder = (step: Step) => (step === 'shobpa' || step === 'match' ? c.decisionMaker : ['ff', 'linked', 'panel'].includes(step) && familyFinder ? familyFinder : socialWorker);
    const milestones: ChildPlan['milestones'] = events.filter((e) => e.step !== 'left')
      .map((e) => ({ type: MILESTONE_OF[e.step as Exclude<Step, 'left'>], date: e.date, code: e.code, notes: e.notes, recordedBy: recorder(e.step) }));

    // The model's rules, applied as the service would one at a time: a self-check on the generator.
    const ref = `${c.spec.prefix}${String((c.nextRef += this.r.int(1, 9))).padStart(6, '0')}`;
    const problems = [
      ...episodes.flatMap((e, i) => episodeProblems(episodes.slice(0, i), e, dob)),
      ...milestones.flatMap((m, i) => milestoneProblems({ dateOfBirth: dob, periodStart: periodOfCareStart(episodes), today: this.today, milestones: milestones.slice(0, i) }, m)),
    ];
    if (episodes.some((e) => e.startDate > this.today || (e.endDate !== null && e.endDate > this.today))) problems.push({ field: 'startDate', message: 'an episode is in the future' });
    if (problems.length) throw new Error(`Demo child ${ref} (${dob}) breaks the journey rules: ${problems.map((p) => p.message).join('; ')}`);

    const age = ageInYears(dob, this.today);
    const lookedAfter = isLookedAfter(episodes, this.today);
    const dates = keyDates(milestones);
    const disability = this.r.chance(0.1) ? this.r.pick(DISABILITIES) : null;
    const needs: ChildPlan['needs'] = [];
    const addNeed = (category: NeedCategory) => {
      if (!needs.some((n) => n.category === category)) needs.push({ category, notes: this.r.chance(0.7) ? this.r.pick(NEED_NOTES[category]) : null });
    };
    if (disability) disability[1].forEach(addNeed);
    if (this.r.chance(events.length ? 0.3 : 0.2)) for (let i = this.r.int(1, 2); i > 0; i--) addNeed(this.r.pick(COMMON_NEEDS));
    const religions = RELIGIONS[heritage.family[0]!];
    const languages = LANGUAGES[family.ethnicity];
    const upn = age >= 5 && lookedAfter && this.r.chance(0.85) ? this.upn(c, dob) : null;

    const row: ChildRow = {
      id, placing_authority_id: c.orgId, la_child_ref: ref, first_name: firstName, last_name: family.lastName, date_of_birth: dob, sex,
      ethnicity: family.ethnicity, upn, disabled: disability !== null, disability_description: disability?.[0] ?? null,
      religion: religions && this.r.chance(0.8) ? this.weighted(religions) : this.r.chance(0.3) ? this.r.pick(['Christian', 'None', 'None']) : null,
      first_language: languages ? this.weighted(languages) : age >= 2 && this.r.chance(0.6) ? 'English' : null,
      legal_status_note: null, social_worker_id: socialWorker, family_finder_id: familyFinder, sibling_group_id: groupId,
      stage: stageOf(milestones, lookedAfter), period_start: periodOfCareStart(episodes), looked_after: lookedAfter,
      shobpa_date: dates.shobpaDate, placement_order_date: dates.placementOrderDate, match_date: dates.matchDate, placed_date: dates.placedDate,
    };
    const plan: ChildPlan = { id, row, episodes, milestones, needs, birthFamily: events.length ? family.birthFamily : [], waitingReasons: [], waitingReviews: [] };
    this.waiting(c, plan);
    c.quota[Math.min(3, Math.floor(age / 5))]! -= 1;
    this.children.push(plan);
    return plan;
  }

  /** A letter (not I, O or S), the LA number, an establishment number, the year and a serial: 13 characters. */
  private upn(c: CouncilState, dob: string): string {
    const n = c.nextUpn++;
    const year = String((Number(dob.slice(0, 4)) + 5) % 100).padStart(2, '0');
    return `${this.r.pick('ABCDEFGHJKLMNPQRTUVWXYZ'.split(''))}${c.spec.laNumber}${String(2000 + Math.floor(n / 1000)).padStart(4, '0')}${year}${String(n % 1000).padStart(3, '0')}`;
  }

  /** Why a child who has waited long for a family is waiting, and the reviews of the search. */
  private waiting(c: CouncilState, plan: ChildPlan): void {
    const stage = plan.row.stage;
    if (!['should-be-placed', 'placement-order', 'family-finding', 'linked'].includes(stage)) return;
    const since = [...plan.milestones].reverse().find((m) => m.type === 'family-finding-started')?.date ?? plan.row.shobpa_date;
    if (!since || daysBetween(since, this.today) < 180) return;
    const reasons = new Set<WaitingReason>();
    if (plan.row.sibling_group_id && this.siblingGroups.find((g) => g.id === plan.row.sibling_group_id)?.decision !== 'apart') reasons.add('sibling-group');
    if (plan.row.disabled) reasons.add('disability');
    if (plan.row.shobpa_date && ageInYears(plan.row.date_of_birth, plan.row.shobpa_date) >= 4) reasons.add('age');
    if (!['WBRI', 'NOBT', 'REFU'].includes(plan.row.ethnicity)) reasons.add('ethnicity-or-heritage');
    const extra: WaitingReason[] = ['health-uncertainty', 'behaviour-or-trauma', 'contact-arrangements', 'legal-delay', 'no-suitable-adopters', 'other'];
    for (let i = reasons.size ? this.r.int(0, 1) : this.r.int(1, 2); i > 0; i--) reasons.add(this.r.pick(extra));
    plan.waitingReasons = [...reasons].map((reason) => ({ reason, notes: this.r.chance(0.8) ? WAITING_NOTES[reason] : null, recordedBy: plan.row.family_finder_id ?? plan.row.social_worker_id }));
    const reviews: string[] = [];
    for (let d = addDays(since, 90); d <= this.today; d = addDays(d, this.r.int(80, 100))) reviews.push(d);
    plan.waitingReviews = reviews.slice(-4).map((reviewDate) => ({ reviewDate, summary: this.r.pick(REVIEW_SUMMARIES), reviewedBy: c.teamManager }));
  }

  // ---- children with an adoption journey -----------------------------------------------------

  /** A child with an adoption journey, or brothers and sisters; returns how many children. */
  private journeyFamily(c: CouncilState): number {
    const size = this.r.chance(0.05) ? 3 : this.r.chance(0.18) ? 2 : 1;
    const target = this.weighted(TARGETS);
    // Age at entering care of the youngest: many at birth, most under two.
    const youngest = this.weighted<[number, number]>([[[0, 10], 40], [[11, 365], 30], [[366, 1100], 22], [[1101, 2200], 8]]);
    // Brothers and sisters: the youngest entered care under three, so the eldest is still a child.
    const ageAtEntry = Math.min(this.r.int(youngest[0], youngest[1]), size > 1 ? 1100 : 2200);
    const consent = size === 1 && target !== 'plan-reversed' && ageAtEntry < 60 && this.r.chance(0.2);
    const ffa = size === 1 && target !== 'plan-reversed' && ageAtEntry < 120 && this.r.chance(0.35);
    const hard = size > 1 || ageAtEntry > 1000 || this.r.chance(0.15);
    const journey = this.journey(target, { consent, ffa, infant: ageAtEntry < 365, hard });
    const family = this.family(c);

    let groupId: string | null = null;
    let decision: SiblingGroupRow['decision'] = 'undecided';
    const ages = [ageAtEntry];
    for (let i = 1; i < size; i++) ages.push(ages[i - 1]! + this.r.int(330, 1100));
    if (size > 1) {
      const shobpa = journey.events.find((e) => e.step === 'shobpa');
      const ff = journey.events.findIndex((e) => e.step === 'ff');
      const canApart = ff >= 0 && !journey.events.some((e) => e.step === 'reversed');
      if (shobpa) decision = canApart && this.r.chance(0.3) ? 'apart' : this.r.chance(0.88) ? 'together' : 'undecided';
      groupId = randomUUID();
      const decisionDate = shobpa && decision !== 'undecided' ? [addDays(shobpa.date, this.r.int(1, 28)), this.today].sort()[0]! : null;
      this.siblingGroups.push({
        id: groupId, placing_authority_id: c.orgId, name: `${family.lastName} siblings`, decision, decision_date: decisionDate,
        decision_reasons: decision === 'together' ? this.r.pick(TOGETHER_REASONS) : decision === 'apart' ? this.r.pick(APART_REASONS) : null,
      });
    }
    // The eldest is listed first; the youngest keeps the main journey when they are placed apart.
    for (let i = size - 1; i >= 0; i--) {
      const events = i > 0 && decision === 'apart' ? this.apartTail(journey) : journey.events;
      const dob = addDays(journey.entry, -ages[i]!);
      const episodes = this.journeyEpisodes(journey, events);
      this.child(c, family, dob, episodes, events, groupId, { familyFinding: events.some((e) => e.step === 'ff') });
    }
    return size;
  }

  private stepsFor(target: Target, ffa: boolean): Step[] {
    const cut: Record<Exclude<Target, 'plan-reversed'>, () => number> = {
      'adoption-plan': () => 1, 'should-be-placed': () => 2, 'placement-order': () => 3, 'family-finding': () => 4,
      linked: () => (this.r.chance(0.5) ? 5 : 6), matched: () => 7, placed: () => (this.r.chance(0.4) ? 9 : 8), adopted: () => 10,
    };
    if (target === 'plan-reversed') {
      const steps = [...CHAIN.slice(0, this.r.pick([2, 3, 3, 4, 4, 5])), 'reversed' as const];
      // A new decision after a reversed placement order would come after the first order, which
      // the DfE's rule 554 refuses: such a child gets a new plan only.
      const hadOrder = steps.includes('po');
      if (this.r.chance(0.45)) steps.push(...CHAIN.slice(0, hadOrder ? Math.min(1, this.r.int(1, 4)) : this.r.int(1, 4)));
      else if (this.r.chance(0.3)) steps.push('left');
      return steps;
    }
    const steps = CHAIN.slice(0, cut[target]());
    if (ffa) steps.splice(steps.includes('shobpa') ? 2 : 1, 0, 'ep');
    return steps;
  }

  private gap(step: Step, after: Step | 'entry', o: { consent: boolean; ffa: boolean; infant: boolean; hard: boolean }): number {
    const r = this.r;
    switch (step) {
      case 'plan': return after === 'entry' ? (o.infant ? r.int(30, 150) : r.int(60, 300)) : r.int(30, 200);
      case 'shobpa': return r.int(14, 90);
      case 'ep': return after === 'plan' ? r.int(7, 45) : r.int(3, 28);
      case 'po': return o.consent ? r.int(14, 60) : r.int(40, 220);
      case 'ff': return r.int(1, 30);
      // Early permanence: the child already lives with the prospective adopters.
      case 'linked': return o.ffa ? r.int(7, 60) : o.hard ? r.int(60, 420) : r.int(30, 200);
      case 'panel': return r.int(21, 70);
      case 'match': return r.int(2, 14);
      case 'placed': return r.int(7, 35);
      case 'application': return r.int(70, 200);
      case 'order': return r.int(35, 150);
      case 'reversed': return r.int(30, 300);
      case 'left': return r.int(60, 300);
    }
  }

  /** How long ago the latest step of a journey was. */
  private recency(step: Step): number {
    const r = this.r;
    switch (step) {
      case 'ff': return r.chance(0.45) ? r.int(180, 600) : r.int(0, 179);
      case 'linked': return r.int(0, 60);
      case 'panel': case 'match': return r.int(0, 30);
      case 'placed': return r.int(0, 69);
      case 'application': return r.int(0, 100);
      case 'order': return r.int(0, 1100);
      case 'reversed': return r.int(0, 700);
      case 'left': return r.int(0, 500);
      case 'ep': return r.int(0, 60);
      default: return r.int(0, 150);
    }
  }

  /** Laid out backwards from today, so the journey has reached its target stage now. */
  private journey(target: Target, o: { consent: boolean; ffa: boolean; infant: boolean; hard: boolean }): Journey {
    const steps = this.stepsFor(target, o.ffa);
    const gaps = steps.map((s, i) => this.gap(s, i === 0 ? 'entry' : steps[i - 1]!, o));
    const last = this.ago(this.recency(steps[steps.length - 1]!));
    const entry = addDays(last, -gaps.reduce((a, b) => a + b, 0));
    let date = entry;
    let cycle: Step[] = [];
    const events: JourneyEvent[] = [];
    steps.forEach((step, i) => {
      date = addDays(date, gaps[i]!);
      events.push(this.event(step, date, cycle, o, events.at(-1)));
      cycle = step === 'reversed' ? [] : [...cycle, step];
    });
    return { entry, consent: o.consent, ffa: o.ffa, events };
  }

  private event(step: Step, date: string, cycle: readonly Step[], o: { consent: boolean; ffa: boolean }, previous?: JourneyEvent): JourneyEvent {
    let code: string | null = null;
    let notes: string | null = null;
    if (step === 'ep') code = o.consent || this.r.chance(0.75) ? 'ffa' : 'concurrent';
    if (step === 'po') code = o.consent ? 'consent' : 'order';
    if (step === 'placed') code = o.consent ? (o.ffa ? 'A3' : 'A4') : o.ffa || this.r.chance(0.08) ? 'A5' : 'A6';
    if (step === 'order') code = o.consent || this.r.chance(0.75) ? 'E11' : 'E12';
    if (step === 'reversed') {
      code = !cycle.includes('po') ? this.weighted([['RD2', 45], ['RD1', 25], ['RD4', 30]])
        : cycle.includes('ff') ? this.weighted([['RD3', 45], ['RD1', 30], ['RD4', 25]]) : this.weighted([['RD1', 50], ['RD4', 50]]);
      notes = REVERSAL_NOTES[code]!;
    }
    // Leaving care after the plan changed: to a relative (special guardianship or a child arrangements order), home, or SGO to the foster carers.
    if (step === 'left') {
      code = previous?.code === 'RD4' ? this.weighted([['E45', 50], ['E47', 30], ['E41', 20]])
        : previous?.code === 'RD2' ? this.weighted([['E4A', 40], ['E41', 30], ['E47', 30]]) : this.weighted([['E46', 70], ['E45', 30]]);
    }
    return { step, date, code, notes };
  }

  /** A brother or sister placed apart: the same journey to family finding, then their own. */
  private apartTail(journey: Journey): JourneyEvent[] {
    const ff = journey.events.findIndex((e) => e.step === 'ff');
    const events = journey.events.slice(0, ff + 1);
    const o = { consent: false, ffa: false, infant: false, hard: true };
    // Their own search from then on, as far as it has got by today.
    const steps: Step[] = this.r.chance(0.3) ? ['reversed'] : CHAIN.slice(4);
    let date = events[events.length - 1]!.date;
    let prev: Step = 'ff';
    for (const step of steps) {
      date = addDays(date, this.gap(step, prev, o));
      if (date > this.today) break;
      const event = this.event(step, date, events.map((e) => e.step), o);
      if (step === 'reversed') event.notes = 'Sibling assessment: long-term fostering with the current carers, with contact';
      events.push(event);
      prev = step;
    }
    return events;
  }

  /** The care episodes a journey implies: entering care, any move, court orders, placement for adoption, the order. */
  private journeyEpisodes(journey: Journey, events: readonly JourneyEvent[]): Episode[] {
    const firstPlacement = this.weighted<[string, string]>([[['U6', 'PR1'], 55], [['U6', 'PR4'], 20], [['U6', 'PR5'], 5], [['U4', 'PR1'], journey.ffa ? 0 : 10], [['U4', 'PR4'], journey.ffa ? 0 : 10]]);
    let legalStatus = journey.consent ? 'V2' : this.weighted([['C1', 65], ['V2', 20], ['C2', 10], ['L2', 5]]);
    const firstStep = events[0]?.date ?? this.today;
    const room = daysBetween(journey.entry, firstStep);
    if (legalStatus === 'L2' && room <= 12) legalStatus = 'C1';
    const episodes = new EpisodeList(journey.entry, { legalStatus, placement: firstPlacement[0], placementProvider: firstPlacement[1] });
    if (legalStatus === 'L2') episodes.change(addDays(journey.entry, 8), 'L', { legalStatus: 'C1' });
    const moveOn = addDays(journey.entry, Math.floor(room / 2));
    if (room >= 20 && this.r.chance(0.25) && moveOn > episodes.lastStart) episodes.change(moveOn, 'P', { placement: 'U6', placementProvider: this.r.pick(['PR1', 'PR4']) });
    for (const e of events) {
      if (e.step === 'ep') episodes.change(e.date, 'P', { placement: 'U5', placementProvider: this.r.pick(['PR1', 'PR1', 'PR5']) });
      if (e.step === 'po' && e.code === 'order') episodes.change(e.date, 'L', { legalStatus: 'E1' });
      if (e.step === 'reversed' && episodes.current.legalStatus === 'E1') episodes.change(e.date, 'L', { legalStatus: 'C2' });
      if (e.step === 'placed') {
        const withCarers = e.code === 'A3' || e.code === 'A5';
        episodes.change(e.date, withCarers ? 'T' : 'P', { placement: e.code, placementProvider: withCarers ? episodes.current.placementProvider : this.r.pick(['PR1', 'PR1', 'PR2', 'PR5']) });
      }
      if (e.step === 'order' || e.step === 'left') episodes.end(e.date, e.code!);
    }
    return episodes.list;
  }

  // ---- children in care without an adoption plan ----------------------------------------------

  private dobInBand(band: number): string {
    const [lo, hi] = BAND_YEARS[band]!;
    return this.ago(this.r.int(Math.ceil(lo * 365.25) + 1, Math.floor((hi + 1) * 365.25) - 2));
  }

  private careEpisodes(dob: string, entry: string, mayLeave: boolean): Episode[] {
    const placement = (years: number): [string, string] => {
      // Supported accommodation (K3) only from 16: unregistered semi-independent living (H5) is gone from the 2025/26 code list.
      const code = years < 5 ? this.weighted([['U6', 45], ['U4', 20], ['U3', 10], ['U1', 8], ['P1', 5], ['R3', 2]])
        : years < 16 ? this.weighted([['U4', 40], ['U6', 20], ['U1', 10], ['U3', 8], ['K2', 10], ['P1', 5], ['S1', 2]])
          : this.weighted([['U4', 30], ['U6', 12], ['U1', 6], ['K2', 15], ['K3', 23], ['P1', 3]]);
      return [code, this.weighted(PROVIDERS[code]!)];
    };
    const ageAtEntry = ageInYears(dob, entry);
    const [code, provider] = placement(ageAtEntry);
    let legalStatus = code === 'P1' ? 'C2' : ageAtEntry < 5 ? this.weighted([['C2', 55], ['C1', 25], ['V2', 20]])
      : ageAtEntry < 15 ? this.weighted([['C2', 65], ['C1', 10], ['V2', 25]]) : this.weighted([['C2', 50], ['V2', 42], ['C1', 5], ['J1', 3]]);
    const inCare = daysBetween(entry, this.today);
    if (legalStatus === 'C1' && inCare > 400 && this.r.chance(0.5)) legalStatus = 'C2';
    const episodes = new EpisodeList(entry, { legalStatus, placement: code, placementProvider: provider });
    // Later changes: the full care order, and moves.
    const changes: { on: number; what: 'order' | 'move' }[] = [];
    if (legalStatus === 'C1' && inCare > 200) changes.push({ on: this.r.int(90, Math.min(400, inCare - 1)), what: 'order' });
    const moves = inCare > 365 ? this.r.int(0, 2) : inCare > 60 ? this.r.int(0, 1) : 0;
    for (let i = 0; i < moves; i++) changes.push({ on: this.r.int(30, inCare - 1), what: 'move' });
    changes.sort((a, b) => a.on - b.on);
    for (const ch of changes) {
      const day = addDays(entry, ch.on);
      if (day <= episodes.lastStart) continue;
      if (ch.what === 'order') episodes.change(day, 'L', { legalStatus: 'C2' });
      else {
        const [next, by] = placement(ageInYears(dob, day));
        if (next === 'P1' && episodes.current.legalStatus === 'V2') continue;
        // Short-term carers confirmed as long-term carers is a change of placement with the same carers (T).
        const sameCarers = episodes.current.placement === 'U6' && next === 'U4' && this.r.chance(0.5);
        episodes.change(day, sameCarers ? 'T' : 'P', sameCarers ? { placement: next } : { placement: next, placementProvider: by });
      }
    }
    if (mayLeave && this.r.chance(0.03) && episodes.lastStart < this.ago(1)) {
      const end = addDays(episodes.lastStart, this.r.int(1, daysBetween(episodes.lastStart, this.today)));
      const years = ageInYears(dob, end);
      episodes.end(end, years >= 16 ? this.weighted([['E5', 40], ['E6', 15], ['E4A', 30], ['E13', 15]]) : this.weighted([['E4A', 45], ['E41', 20], ['E45', 20], ['E13', 15]]));
    }
    return episodes.list;
  }

  private entryFor(dob: string): string {
    const age = daysBetween(dob, this.today);
    const inCare = this.r.chance(0.3) ? this.r.int(1, 180) : this.r.chance(0.45) ? this.r.int(181, 730) : this.r.int(731, 3650);
    return this.ago(Math.min(age, inCare));
  }

  private singleInCare(c: CouncilState, band: number): void {
    const dob = this.dobInBand(band);
    const entry = this.entryFor(dob);
    this.child(c, this.family(c), dob, this.careEpisodes(dob, entry, true), [], null);
  }

  /** Brothers and sisters in care together, with no adoption plan (long-term fostering, mostly). */
  private careFamily(c: CouncilState): void {
    const size = this.r.chance(0.25) ? 3 : 2;
    const family = this.family(c);
    const ages = [this.r.int(0, 3000)];
    for (let i = 1; i < size; i++) ages.push(ages[i - 1]! + this.r.int(330, 1200));
    const youngestDob = this.ago(ages[0]!);
    const entry = this.entryFor(youngestDob);
    const decision = this.weighted<SiblingGroupRow['decision']>([['together', 65], ['apart', 15], ['undecided', 20]]);
    const since = daysBetween(entry, this.today);
    const groupId = randomUUID();
    this.siblingGroups.push({
      id: groupId, placing_authority_id: c.orgId, name: `${family.lastName} siblings`, decision,
      decision_date: decision === 'undecided' ? null : addDays(entry, this.r.int(0, Math.min(since, 200))),
      decision_reasons: decision === 'together' ? 'Long-term fostering together: the children are closely attached' : decision === 'apart' ? 'Separate long-term foster placements meet their different needs; weekly contact' : null,
    });
    for (let i = size - 1; i >= 0; i--) {
      const dob = i === 0 ? youngestDob : addDays(youngestDob, -(ages[i]! - ages[0]!));
      this.child(c, family, dob, this.careEpisodes(dob, entry, false), [], groupId);
    }
  }
}

/** Care episodes built in order: each change closes the open episode the same day (REC X1), as service.addEpisode does. */
class EpisodeList {
  readonly list: Episode[] = [];

  constructor(start: string, first: Pick<Episode, 'legalStatus' | 'placement' | 'placementProvider'>) {
    this.list.push({ startDate: start, rne: 'S', ...first, endDate: null, reasonCeased: null });
  }

  get current(): Episode {
    return this.list[this.list.length - 1]!;
  }

  get lastStart(): string {
    return this.current.startDate;
  }

  change(on: string, rne: string, what: Partial<Pick<Episode, 'legalStatus' | 'placement' | 'placementProvider'>>): void {
    const open = this.current;
    this.list[this.list.length - 1] = { ...open, endDate: on, reasonCeased: 'X1' };
    this.list.push({ startDate: on, rne, legalStatus: what.legalStatus ?? open.legalStatus, placement: what.placement ?? open.placement, placementProvider: what.placementProvider ?? open.placementProvider, endDate: null, reasonCeased: null });
  }

  end(on: string, reason: string): void {
    this.list[this.list.length - 1] = { ...this.current, endDate: on, reasonCeased: reason };
  }
}

// ---- writing -----------------------------------------------------------------------------

/** Generates the demo children for every demo council (checking each journey against the model). */
export function generateChildren(random: Random, today: string, scale: number, orgs: ReadonlyMap<string, string>, staff: ReadonlyMap<string, string>): GeneratedChildren {
  const generator = new ChildrenGenerator(random, today, scale, staff);
  for (const spec of DEMO_COUNCILS) {
    const orgId = orgs.get(spec.slug);
    if (orgId) generator.generateCouncil(spec, orgId);
  }
  return { children: generator.children, siblingGroups: generator.siblingGroups };
}

const CHUNK = 500;

/** Who adopted each adopted child (the AD1 facts), from a random source of their own so the rest of the demo is unchanged. */
function adoptionsOf(children: readonly ChildPlan[]) {
  const r = new Random(903);
  return children.filter((c) => c.milestones.some((m) => m.type === 'adoption-order')).map((c) => {
    const placed = c.milestones.find((m) => m.type === 'placed-for-adoption')?.code;
    const [count, sexes, legalStatus] = r.pick([[2, 'MF', 'L11'], [2, 'MF', 'L11'], [2, 'MF', 'L11'], [2, 'MF', 'L3'], [2, 'FF', 'L12'], [2, 'MM', 'L2'], [2, 'FF', 'L4'], [1, 'F1', 'L0'], [1, 'F1', 'L0'], [1, 'M1', 'L0']] as const);
    return {
      child_id: c.id, adopted_by_foster_carer: placed === 'A3' || placed === 'A5', adopter_count: count, adopter_sexes: sexes, adopter_legal_status: legalStatus,
    };
  });
}

async function insertAll<T>(db: Db, table: 'sibling_group' | 'child' | 'care_episode' | 'milestone' | 'child_need' | 'birth_family_member' | 'waiting_reason' | 'waiting_review' | 'child_adoption', rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
}

/** The demo step: children for every demo council, written in batches in one transaction. */
export async function seedChildren(demo: DemoContext): Promise<void> {
  if (!demo.children) return;
  const staff = new Map((await demo.db.selectFrom('staff').select(['id', 'email']).execute()).map((s) => [s.email, s.id]));
  const { children, siblingGroups } = generateChildren(new Random(demo.random.int(0, 2 ** 31 - 1)), demo.today, demo.scale, demo.orgs, staff);
  const base = Date.parse(`${demo.today}T00:00:00Z`);
  await demo.db.transaction().execute(async (tx) => {
    await insertAll(tx, 'sibling_group', siblingGroups);
    await insertAll(tx, 'child', children.map((c) => c.row));
    await insertAll(tx, 'care_episode', children.flatMap((c) => c.episodes.map((e) => ({
      child_id: c.id, start_date: e.startDate, rne: e.rne, legal_status: e.legalStatus, placement: e.placement,
      placement_provider: e.placementProvider, end_date: e.endDate, reason_ceased: e.reasonCeased,
    }))));
    // Recorded on the day, in order, so same-day milestones keep their order (the store sorts by date, then recorded_at).
    await insertAll(tx, 'milestone', children.flatMap((c) => c.milestones.map((m, i) => ({
      child_id: c.id, type: m.type, date: m.date, code: m.code, notes: m.notes, recorded_by: m.recordedBy,
      recorded_at: new Date(Math.min(Date.parse(`${m.date}T12:00:00Z`), base) + i * 1000),
    }))));
    await insertAll(tx, 'child_need', children.flatMap((c) => c.needs.map((n, i) => ({ child_id: c.id, category: n.category, notes: n.notes, position: i }))));
    await insertAll(tx, 'birth_family_member', children.flatMap((c) => c.birthFamily.map((m, i) => ({ child_id: c.id, name: m.name, relationship: m.relationship, area: m.area, position: i }))));
    await insertAll(tx, 'waiting_reason', children.flatMap((c) => c.waitingReasons.map((w) => ({ child_id: c.id, reason: w.reason, notes: w.notes, recorded_by: w.recordedBy }))));
    await insertAll(tx, 'waiting_review', children.flatMap((c) => c.waitingReviews.map((w) => ({ child_id: c.id, review_date: w.reviewDate, summary: w.summary, reviewed_by: w.reviewedBy }))));
    await insertAll(tx, 'child_adoption', adoptionsOf(children));
  });
  // Statistics for the planner after a bulk load (PGlite runs no autovacuum to gather them).
  await sql`analyze child, care_episode, milestone`.execute(demo.db);
}
