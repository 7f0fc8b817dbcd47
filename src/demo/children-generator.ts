// Demo children: for every demo council, children in care near the West Mercia business case's
// 2013-14 numbers by age band (× --scale), about one in nine with an adoption journey spread
// over every stage (with early permanence, consent, reversed plans and adoptions), sibling
// groups, disabled and minority-ethnic children, needs, birth family and the "waiting longer"
// data. All dates are relative to the demo's today, so journeys look current; the same seed and
// today give the same children. Every generated journey is checked against the rules in
// children/model.ts before anything is written, and the derived columns come from the model,
// so they match what the service computes. Pure: children-writer.ts writes what this makes.
import { randomUUID } from 'node:crypto';
import type { Ethnicity } from '../children/codes.ts';
import {
  ageInYears, daysBetween, episodeProblems, isLookedAfter, keyDates, milestoneProblems, periodOfCareStart, stageOf,
  type Episode, type Milestone, type Stage,
} from '../children/model.ts';
import { addDays } from '../core/dates.ts';
import {
  APART_REASONS, BAND_YEARS, COMMON_NEEDS, DEMO_COUNCILS, DISABILITIES, ELSEWHERE, HERITAGES, JOURNEY_SHARE, LANGUAGES, NEED_NOTES,
  RELIGIONS, REVIEW_SUMMARIES, TOGETHER_REASONS, WAITING_NOTES, type CouncilSpec, type NeedCategory, type WaitingReason,
} from './children-reference.ts';
import { CareHistories, MILESTONE_OF, TARGETS, type JourneyEvent, type Step } from './children-journeys.ts';
import { ADULT_MEN, ADULT_WOMEN, HERITAGE_NAMES } from './names.ts';
import { Random } from './random.ts';
import { ReturnFields, type ReturnDetails } from './children-returns.ts';

export interface ChildPlan {
  id: string;
  row: ChildRow;
  episodes: Episode[];
  milestones: (Milestone & { notes: string | null; recordedBy: string | null })[];
  needs: { category: NeedCategory; notes: string | null }[];
  birthFamily: { name: string; relationship: string; area: string | null }[];
  waitingReasons: { reason: WaitingReason; notes: string | null; recordedBy: string | null }[];
  waitingReviews: { reviewDate: string; summary: string; reviewedBy: string | null }[];
  previousPermanence: ReturnDetails['previousPermanence'];
}

export interface ChildRow {
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
  /** SSDA903 MOTHER: 0 for every girl (none of the demo's girls is a mother); blank for boys. */
  mother: string | null;
}

export interface SiblingGroupRow {
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

  private readonly histories: CareHistories;
  /** The SSDA903 details draw from their own Random, so adding them left every other demo record as it was. */
  private readonly returnsRandom = new Random(20_903);
  private readonly returnFields = new Map<string, ReturnFields>();

  constructor(private readonly r: Random, private readonly today: string, private readonly scale: number, private readonly staff: ReadonlyMap<string, string>) {
    this.histories = new CareHistories(r, today);
  }

  private returnsOf(c: CouncilState): ReturnFields {
    let fields = this.returnFields.get(c.spec.slug);
    if (!fields) this.returnFields.set(c.spec.slug, (fields = new ReturnFields(this.returnsRandom, c.spec.slug)));
    return fields;
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
    const ethnicity = this.r.weighted(c.spec.ethnicity);
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
    const returns = this.returnsOf(c).details({ dateOfBirth: dob, sex, upn, age }, episodes);

    const row: ChildRow = {
      id, placing_authority_id: c.orgId, la_child_ref: ref, first_name: firstName, last_name: family.lastName, date_of_birth: dob, sex,
      ethnicity: family.ethnicity, upn: returns.upn, mother: returns.mother, disabled: disability !== null, disability_description: disability?.[0] ?? null,
      religion: religions && this.r.chance(0.8) ? this.r.weighted(religions) : this.r.chance(0.3) ? this.r.pick(['Christian', 'None', 'None']) : null,
      first_language: languages ? this.r.weighted(languages) : age >= 2 && this.r.chance(0.6) ? 'English' : null,
      legal_status_note: null, social_worker_id: socialWorker, family_finder_id: familyFinder, sibling_group_id: groupId,
      stage: stageOf(milestones, lookedAfter), period_start: periodOfCareStart(episodes), looked_after: lookedAfter,
      shobpa_date: dates.shobpaDate, placement_order_date: dates.placementOrderDate, match_date: dates.matchDate, placed_date: dates.placedDate,
    };
    const plan: ChildPlan = { id, row, episodes: returns.episodes, previousPermanence: returns.previousPermanence, milestones, needs, birthFamily: events.length ? family.birthFamily : [], waitingReasons: [], waitingReviews: [] };
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
    const target = this.r.weighted(TARGETS);
    // Age at entering care of the youngest: many at birth, most under two.
    const youngest = this.r.weighted<[number, number]>([[[0, 10], 40], [[11, 365], 30], [[366, 1100], 22], [[1101, 2200], 8]]);
    // Brothers and sisters: the youngest entered care under three, so the eldest is still a child.
    const ageAtEntry = Math.min(this.r.int(youngest[0], youngest[1]), size > 1 ? 1100 : 2200);
    const consent = size === 1 && target !== 'plan-reversed' && ageAtEntry < 60 && this.r.chance(0.2);
    const ffa = size === 1 && target !== 'plan-reversed' && ageAtEntry < 120 && this.r.chance(0.35);
    const hard = size > 1 || ageAtEntry > 1000 || this.r.chance(0.15);
    const journey = this.histories.journey(target, { consent, ffa, infant: ageAtEntry < 365, hard });
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
      const events = i > 0 && decision === 'apart' ? this.histories.apartTail(journey) : journey.events;
      const dob = addDays(journey.entry, -ages[i]!);
      const episodes = this.histories.journeyEpisodes(journey, events);
      this.child(c, family, dob, episodes, events, groupId, { familyFinding: events.some((e) => e.step === 'ff') });
    }
    return size;
  }

  // ---- children in care without an adoption plan ----------------------------------------------

  private dobInBand(band: number): string {
    const [lo, hi] = BAND_YEARS[band]!;
    return this.ago(this.r.int(Math.ceil(lo * 365.25) + 1, Math.floor((hi + 1) * 365.25) - 2));
  }

  private entryFor(dob: string): string {
    const age = daysBetween(dob, this.today);
    const inCare = this.r.chance(0.3) ? this.r.int(1, 180) : this.r.chance(0.45) ? this.r.int(181, 730) : this.r.int(731, 3650);
    return this.ago(Math.min(age, inCare));
  }

  private singleInCare(c: CouncilState, band: number): void {
    const dob = this.dobInBand(band);
    const entry = this.entryFor(dob);
    this.child(c, this.family(c), dob, this.histories.careEpisodes(dob, entry, true), [], null);
  }

  /** Brothers and sisters in care together, with no adoption plan (long-term fostering, mostly). */
  private careFamily(c: CouncilState): void {
    const size = this.r.chance(0.25) ? 3 : 2;
    const family = this.family(c);
    const ages = [this.r.int(0, 3000)];
    for (let i = 1; i < size; i++) ages.push(ages[i - 1]! + this.r.int(330, 1200));
    const youngestDob = this.ago(ages[0]!);
    const entry = this.entryFor(youngestDob);
    const decision = this.r.weighted<SiblingGroupRow['decision']>([['together', 65], ['apart', 15], ['undecided', 20]]);
    const since = daysBetween(entry, this.today);
    const groupId = randomUUID();
    this.siblingGroups.push({
      id: groupId, placing_authority_id: c.orgId, name: `${family.lastName} siblings`, decision,
      decision_date: decision === 'undecided' ? null : addDays(entry, this.r.int(0, Math.min(since, 200))),
      decision_reasons: decision === 'together' ? 'Long-term fostering together: the children are closely attached' : decision === 'apart' ? 'Separate long-term foster placements meet their different needs; weekly contact' : null,
    });
    for (let i = size - 1; i >= 0; i--) {
      const dob = i === 0 ? youngestDob : addDays(youngestDob, -(ages[i]! - ages[0]!));
      this.child(c, family, dob, this.histories.careEpisodes(dob, entry, false), [], groupId);
    }
  }
}

/** Generates the demo children for every demo council (checking each journey against the model). */
export function generateChildren(random: Random, today: string, scale: number, orgs: ReadonlyMap<string, string>, staff: ReadonlyMap<string, string>): GeneratedChildren {
  const generator = new ChildrenGenerator(random, today, scale, staff);
  for (const spec of DEMO_COUNCILS) {
    const orgId = orgs.get(spec.slug);
    if (orgId) generator.generateCouncil(spec, orgId);
  }
  return { children: generator.children, siblingGroups: generator.siblingGroups };
}
