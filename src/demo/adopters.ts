// Demo adopters: the households the recruitment step made from accepted registrations of
// interest are taken on through Stage 1, Stage 2 and approval (each council's share approved as
// its business case conversion says), as far as the time since allows, and often on to a match
// and a placement; and more households (some fast track) are added so that every status and
// clock state exists: about 37 approved-or-later
// households living in Herefordshire and Worcestershire and 39 in Shropshire and Telford
// (business case 2013/14), owned by the West Mercia partnership, and some for Thurrock and
// Southend. Every journey is replayed through the model's rules (applyEvent), so the demo is
// as valid as real use. Deterministic (demo.random); `demo.scale` multiplies; batch inserts.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { addMonths } from '../children/model.ts';
import {
  applyEvent, NEEDS, type Check, type HouseholdState, type Need, type Relationship, type StageEventInput, type Terms, type Tolerance,
} from '../adopters/model.ts';
import { termsRow } from '../adopters/store.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import { RECRUITMENT_COUNCILS } from './recruitment.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

type Scenario = 'stage-1' | 'stage-1-overdue' | 'between' | 'stage-2' | 'stage-2-overdue' | 'not-suitable' | 'approved' | 'review-due'
  | 'linked' | 'matched' | 'placed' | 'on-hold' | 'withdrawn' | 'fast-track-stage-2' | 'fast-track-approved';

const APPROVED_CLASS: Scenario[] = ['approved', 'approved', 'approved', 'review-due', 'linked', 'matched', 'placed', 'placed', 'fast-track-approved'];
const IN_PROCESS: Scenario[] = ['stage-1', 'stage-1-overdue', 'between', 'stage-2', 'stage-2', 'stage-2-overdue', 'not-suitable', 'on-hold', 'withdrawn', 'fast-track-stage-2'];
const ETHNICITIES = ['WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WIRI', 'WOTH', 'MWBC', 'AIND', 'APKN', 'BCRB', 'BAFR'];
const LEVELS: Tolerance[] = ['cannot', 'low', 'medium', 'high'];

interface Plan {
  id: string;
  existing: boolean;
  ownerSlug: string;
  homeSlug: string;
  reference: string;
  state: HouseholdState;
  relationship: Relationship;
  interestFfa: boolean;
  interestConcurrent: boolean;
  applicants: { firstName: string; lastName: string; dateOfBirth: string; sex: string; ethnicity: string; disabled: boolean }[];
  members: { name: string; relationship: string; dateOfBirth: string }[];
  checks: Omit<Check, 'id'>[];
  events: (StageEventInput & { by: 'social-worker' | 'decision-maker' })[];
  terms: Terms | null;
}

const blankState = (roiAcceptedOn: string | null, fastTrack: HouseholdState['fastTrack']): HouseholdState => ({
  status: 'in-assessment', fastTrack, roiAcceptedOn, stage1StartedOn: null, stage1PlanAgreedOn: null, stage1DecidedOn: null, stage1Outcome: null,
  stage2StartedOn: null, parStatus: null, panelOn: null, admOutcome: null, admDecidedOn: null, approvedOn: null, representationEndsOn: null,
  approvalReviewDueOn: null, statusChangedOn: null, leftOn: null, leavingReason: null, preparationCompletedOn: null, assessingWorkerId: null,
});

class JourneyBuilder {
  /** Matching's attributes (religions, languages) draw from their own stream, so adding them left the rest of the demo as it was. */
  private readonly matching = new Random(20261201);

  constructor(private readonly r: Random, private readonly today: string) {}

  /** Replay one event through the rules; a demo that breaks them is a bug here. */
  private step(p: Plan, e: StageEventInput, by: 'social-worker' | 'decision-maker' = 'social-worker') {
    const { problems, next } = applyEvent(p.state, e, { today: this.today, missingForProceed: [] });
    if (problems.length) throw new Error(`demo household ${p.reference}: ${problems.map((x) => x.message).join('; ')}`);
    p.state = next;
    p.events.push({ ...e, by });
  }

  private checks(p: Plan, requested: string, allDone: boolean, expiringSoon: boolean) {
    const received = addDays(requested, this.r.int(10, 30));
    const done = (d: string) => (allDone || this.r.chance(0.5)) && d <= this.today;
    const add = (kind: Check['kind'], subject: string, years: number | null, relative = false) => {
      const ok = done(received);
      let issuedOn: string | null = ok ? received : null;
      let expiresOn = ok && years ? addMonths(received, years * 12) : null;
      if (ok && expiringSoon && kind === 'dbs') {
        expiresOn = addDays(this.today, this.r.int(-5, 28));
        issuedOn = addMonths(expiresOn, -36) < received ? addMonths(expiresOn, -36) : received;
      }
      p.checks.push({ kind, subject, relative, status: ok ? 'satisfactory' : 'requested', requestedOn: requested, receivedOn: ok ? received : null, issuedOn, expiresOn });
    };
    for (const a of p.applicants) {
      add('dbs', `${a.firstName} ${a.lastName}`, 3);
      add('medical', `${a.firstName} ${a.lastName}`, 2);
    }
    for (const m of p.members) if (addMonths(m.dateOfBirth, 18 * 12) <= requested) add('dbs', m.name, 3);
    add('reference', `${this.r.pick(GIVEN_NAMES)} ${this.r.pick(FAMILY_NAMES)}`, null);
    add('reference', `${this.r.pick(GIVEN_NAMES)} ${this.r.pick(FAMILY_NAMES)}`, null);
    add('reference', `${this.r.pick(GIVEN_NAMES)} ${p.applicants[0]!.lastName}`, null, true);
    add('la-check', p.homeSlug.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()), null);
    if (this.r.chance(0.6)) add('employer', `${this.r.pick(FAMILY_NAMES)} Ltd`, null);
  }

  private terms(): Terms {
    const minAge = this.r.int(0, 4);
    const sibling = this.r.chance(0.3);
    const minChildren = 1;
    return {
      minChildren, maxChildren: sibling ? this.r.int(2, 3) : 1, minAge, maxAge: minAge + this.r.int(1, 6), childSex: this.r.pick(['any', 'any', 'any', 'M', 'F'] as const), siblingGroup: sibling,
      tolerances: Object.fromEntries(Object.keys(NEEDS).map((n) => [n, this.r.pick(LEVELS)])) as Record<Need, Tolerance>,
      ethnicityConsiderations: this.r.chance(0.3) ? 'Would welcome a child of mixed heritage' : null, religionConsiderations: null,
      languageConsiderations: this.r.chance(0.1) ? 'Speak Punjabi at home' : null, areasToAvoid: this.r.chance(0.2) ? 'Not within 20 miles of Hereford' : null,
      religions: this.matching.chance(0.5) ? [this.matching.pick(['Christian', 'Christian', 'Muslim', 'Sikh', 'Hindu', 'No religion'])] : [],
      languages: this.matching.chance(0.15) ? ['English', this.matching.pick(['Punjabi', 'Urdu', 'Polish', 'Bengali', 'Romanian'])] : ['English'],
      avoidCouncilIds: [],
    };
  }

  /** Stage 1 from `start`, decided `proceed` after 6–10 weeks. */
  private stage1(p: Plan, start: string, decide: boolean, decideOn?: string) {
    if (!p.state.roiAcceptedOn || p.state.roiAcceptedOn > start) p.state.roiAcceptedOn = addDays(start, -this.r.int(5, 25));
    this.step(p, { type: 'stage-1-started', date: start });
    const agreed = addDays(start, this.r.int(5, 14));
    if (agreed <= this.today) this.step(p, { type: 'stage-1-plan-agreed', date: agreed });
    this.checks(p, addDays(start, 7), decide, false);
    if (decide) {
      const decided = decideOn ?? addDays(start, this.r.int(45, 72));
      p.state.preparationCompletedOn = addDays(decided, -this.r.int(3, 20));
      this.step(p, { type: 'stage-1-decision', date: decided, outcome: 'proceed' });
      return decided;
    }
    if (this.r.chance(0.5)) p.state.preparationCompletedOn = addDays(start, 30) <= this.today ? addDays(start, 30) : null;
    return null;
  }

  /** Stage 2 from the notice on `notice`; visits, PAR to `par`. */
  private stage2(p: Plan, notice: string, par: 'draft' | 'quality-assured' | 'final' | null) {
    this.step(p, { type: 'stage-2-notice', date: notice });
    for (let i = 1; i <= 4; i++) {
      const d = addDays(notice, i * this.r.int(10, 20));
      if (d <= this.today) this.step(p, { type: 'visit', date: d });
    }
    const steps = par ? ['draft', 'quality-assured', 'final'].slice(0, ['draft', 'quality-assured', 'final'].indexOf(par) + 1) : [];
    for (const [i, s] of steps.entries()) {
      const d = addDays(notice, 40 + i * 10);
      if (d <= this.today) this.step(p, { type: 'par-status', date: d, parStatus: s as 'draft' });
    }
  }

  private approve(p: Plan, approvedOn: string, notice: string) {
    this.stage2(p, notice, 'final');
    this.step(p, { type: 'panel', date: addDays(approvedOn, -this.r.int(4, 9)) });
    this.step(p, { type: 'adm-decision', date: approvedOn, outcome: 'approved' }, 'decision-maker');
    p.terms = this.terms();
  }

  /**
   * A household registered from an accepted ROI on `roi`, taken as far as the time since allows:
   * Stage 1 (about 2 months), the break, Stage 2 (about 4 months) and approval; one that will not
   * be approved withdraws during Stage 1. An approval long enough ago has usually been followed by
   * a link, a match and a placement. False if nothing has happened yet.
   */
  recruited(p: Plan, roi: string, approves: boolean): boolean {
    const T = this.today;
    const start = addDays(roi, this.r.int(5, 25));
    if (start > T) return false;
    if (!approves) {
      this.stage1(p, start, false);
      const leaves = addDays(start, this.r.int(20, 50));
      if (leaves <= T) this.step(p, { type: 'status-change', date: leaves, status: 'withdrawn', reason: 'withdrew', notes: 'The applicants decided not to go on' });
      return true;
    }
    const decided = addDays(start, this.r.int(45, 72));
    if (decided > T) {
      this.stage1(p, start, false);
      return true;
    }
    this.stage1(p, start, true, decided);
    const notice = addDays(decided, this.r.int(7, 60));
    if (notice > T) return true;
    const approvedOn = addDays(notice, this.r.int(95, 118));
    if (approvedOn > T) {
      this.stage2(p, notice, this.r.pick(['draft', 'quality-assured', null] as const));
      return true;
    }
    this.approve(p, approvedOn, notice);
    if (!this.r.chance(0.75)) return true;
    let d = addDays(approvedOn, this.r.int(20, 60));
    for (const status of ['linked', 'matched', 'placed'] as const) {
      if (d >= T) break;
      this.step(p, { type: 'status-change', date: d, status });
      d = addDays(d, this.r.int(14, 40));
    }
    return true;
  }

  build(p: Plan, s: Scenario) {
    const T = this.today;
    const back = (min: number, max: number) => addDays(T, -this.r.int(min, max));
    /** A full journey to an approval on `approvedOn`: Stage 1, the break, Stage 2. */
    const fullJourney = (approvedOn: string) => {
      const notice = addDays(approvedOn, -this.r.int(95, 118));
      const decided = addDays(notice, -this.r.int(7, 60));
      this.stage1(p, addDays(decided, -this.r.int(45, 60)), true, decided);
      this.approve(p, approvedOn, notice);
    };
    switch (s) {
      case 'stage-1': this.stage1(p, back(15, 40), false); break;
      case 'stage-1-overdue': this.stage1(p, back(70, 130), false); break;
      case 'between': this.stage1(p, back(120, 240), true); break;
      case 'stage-2': { this.stage1(p, back(150, 200), true); this.stage2(p, addDays(p.state.stage1DecidedOn!, this.r.int(5, 20)), this.r.pick(['draft', 'quality-assured', null] as const)); break; }
      case 'stage-2-overdue': { const notice = back(130, 190); this.stage1(p, addDays(notice, -this.r.int(75, 110)), true); this.stage2(p, notice, 'draft'); break; }
      case 'not-suitable': {
        const notice = back(125, 150);
        this.stage1(p, addDays(notice, -this.r.int(75, 110)), true);
        this.stage2(p, notice, 'final');
        this.step(p, { type: 'panel', date: addDays(notice, 105) });
        this.step(p, { type: 'adm-decision', date: addDays(notice, this.r.int(110, 118)), outcome: 'not-suitable' }, 'decision-maker');
        break;
      }
      case 'approved': fullJourney(back(20, 300)); break;
      case 'review-due': fullJourney(addMonths(back(-25, 10), -12)); break;
      case 'linked': case 'matched': case 'placed': {
        const approvedOn = back(90, 700);
        fullJourney(approvedOn);
        let d = addDays(approvedOn, this.r.int(20, 60));
        for (const status of ['linked', 'matched', 'placed'] as const) {
          this.step(p, { type: 'status-change', date: d < T ? d : T, status });
          if (status === s) break;
          d = addDays(d, this.r.int(14, 40));
        }
        break;
      }
      case 'on-hold': {
        const approvedOn = back(120, 400);
        fullJourney(approvedOn);
        this.step(p, { type: 'status-change', date: addDays(approvedOn, this.r.int(20, 100)), status: 'on-hold', reason: 'put-on-hold', notes: 'Family circumstances changed' });
        break;
      }
      case 'withdrawn': {
        const start = back(60, 200);
        this.stage1(p, start, false);
        this.step(p, { type: 'status-change', date: addDays(start, this.r.int(20, 50)), status: 'withdrawn', reason: 'withdrew', notes: 'The applicants decided not to go on' });
        break;
      }
      case 'fast-track-stage-2': this.stage2(p, back(20, 100), this.r.pick(['draft', null] as const)); this.checks(p, p.state.stage2StartedOn!, true, false); break;
      case 'fast-track-approved': {
        const approvedOn = back(30, 500);
        this.checks(p, addDays(approvedOn, -110), true, this.r.chance(0.4));
        this.approve(p, approvedOn, addDays(approvedOn, -this.r.int(80, 115)));
        break;
      }
    }
    // Some approved households have a check about to expire (or just expired).
    if (['approved', 'review-due', 'linked'].includes(s) && this.r.chance(0.3)) {
      const dbs = p.checks.find((c) => c.kind === 'dbs');
      if (dbs) dbs.expiresOn = addDays(T, this.r.int(-5, 28));
    }
  }
}

function person(r: Random, sex: 'M' | 'F', lastName: string, today: string) {
  return { firstName: r.pick(GIVEN_NAMES), lastName, dateOfBirth: addDays(today, -r.int(28 * 365, 50 * 365)), sex, ethnicity: r.pick(ETHNICITIES), disabled: r.chance(0.05) };
}

function newPlan(r: Random, today: string, ownerSlug: string, homeSlug: string, reference: string, fastTrack: HouseholdState['fastTrack']): Plan {
  const lastName = r.pick(FAMILY_NAMES);
  const relationship = r.pick(['single', 'married', 'married', 'married', 'civil-partners', 'unmarried-couple'] as const);
  const first = r.pick(['M', 'F', 'F'] as const);
  const applicants = [person(r, first, lastName, today)];
  if (relationship !== 'single') applicants.push(person(r, r.chance(0.8) ? (first === 'M' ? 'F' : 'M') : first, r.chance(0.7) ? lastName : r.pick(FAMILY_NAMES), today));
  const members = r.chance(0.25) ? [{ name: `${r.pick(GIVEN_NAMES)} ${lastName}`, relationship: r.chance(0.7) ? 'Birth child' : 'Adult son', dateOfBirth: addDays(today, -r.int(4 * 365, 24 * 365)) }] : [];
  return {
    id: randomUUID(), existing: false, ownerSlug, homeSlug, reference, state: blankState(fastTrack ? null : addDays(today, -r.int(20, 60)), fastTrack),
    relationship, interestFfa: r.chance(0.25), interestConcurrent: r.chance(0.1), applicants, members, checks: [], events: [], terms: null,
  };
}

const CHUNK = 500;
async function insertAll(db: Db, table: 'household' | 'applicant' | 'household_member' | 'household_check' | 'stage_event' | 'approval_terms', rows: object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
}

/** Where the demo's households live, who owns them, and how many are approved or later (at scale 1). */
const AREAS = [
  { home: ['herefordshire', 'worcestershire'], owners: ['west-mercia'], approved: 37, inProcess: 14 },
  { home: ['shropshire', 'telford-and-wrekin'], owners: ['west-mercia'], approved: 39, inProcess: 14 },
  { home: ['thurrock', 'southend-on-sea'], owners: ['thurrock', 'southend-on-sea', 'barnardos'], approved: 8, inProcess: 8 },
];

export async function seedAdopters(demo: DemoContext): Promise<void> {
  const { db, orgs, today } = demo;
  if (!orgs.get('west-mercia')) return;
  const r = demo.random;
  const builder = new JourneyBuilder(r, today);
  const slugOf = new Map([...orgs].map(([slug, id]) => [id, slug]));
  const plans: Plan[] = [];

  // Households from accepted ROIs (the recruitment step): taken on through the journey.
  const recruited = await db.selectFrom('household').select(['id', 'reference', 'owner_id', 'home_council_id', 'roi_accepted_on', 'relationship'])
    .where('status', '=', 'in-assessment').where('stage1_started_on', 'is', null).where('stage2_started_on', 'is', null).where('roi_accepted_on', 'is not', null).orderBy('reference').execute();
  const applicantsOf = new Map<string, Plan['applicants']>();
  if (recruited.length) {
    for (const a of await db.selectFrom('applicant').selectAll().where('household_id', 'in', recruited.map((h) => h.id)).orderBy('position').execute()) {
      const list = applicantsOf.get(a.household_id) ?? [];
      list.push({ firstName: a.first_name, lastName: a.last_name, dateOfBirth: a.date_of_birth ?? '1985-01-01', sex: a.sex ?? 'U', ethnicity: a.ethnicity ?? 'NOBT', disabled: a.disabled });
      applicantsOf.set(a.household_id, list);
    }
  }
  // Each council's share of registered households approved (the business case's conversion,
  // recruitment.ts), drawn from a stream of its own so the households below are as they were.
  const fates = new Random(20261203);
  const recruitedJourneys = new JourneyBuilder(new Random(20261204), today);
  const approveRate = new Map(RECRUITMENT_COUNCILS.map((c) => [c.slug, c.approveRate]));
  for (const h of recruited) {
    const homeSlug = h.home_council_id ? slugOf.get(h.home_council_id) ?? '' : '';
    const plan: Plan = {
      id: h.id, existing: true, ownerSlug: slugOf.get(h.owner_id) ?? '', homeSlug, reference: h.reference,
      state: blankState(h.roi_accepted_on!, null), relationship: h.relationship as Relationship, interestFfa: false, interestConcurrent: false,
      applicants: applicantsOf.get(h.id) ?? [], members: [], checks: [], events: [], terms: null,
    };
    const approves = fates.chance(approveRate.get(homeSlug) ?? 0.8);
    if (plan.applicants.length && recruitedJourneys.recruited(plan, h.roi_accepted_on!, approves)) plans.push(plan);
  }

  // More households, so every status and clock exists at the business case's volumes.
  let n = 0;
  for (const area of AREAS) {
    if (!area.owners.every((o) => orgs.has(o))) continue;
    const wanted = [
      ...Array.from({ length: area.approved * demo.scale }, (_, i) => APPROVED_CLASS[i % APPROVED_CLASS.length]!),
      ...Array.from({ length: area.inProcess * demo.scale }, (_, i) => IN_PROCESS[i % IN_PROCESS.length]!),
    ];
    for (const scenario of wanted) {
      n += 1;
      const fastTrack = scenario.startsWith('fast-track') ? r.pick(['previous-adopter', 'foster-carer'] as const) : null;
      const plan = newPlan(r, today, r.pick(area.owners), r.pick(area.home), `DA${String(n).padStart(5, '0')}`, fastTrack);
      builder.build(plan, scenario);
      plans.push(plan);
    }
  }

  const staff = new Map((await db.selectFrom('staff').select(['id', 'email']).execute()).map((s) => [s.email, s.id]));
  const by = (p: Plan, role: string) => staff.get(`${role}@${p.ownerSlug}.example`) ?? null;
  const stateColumns = (p: Plan) => {
    const s = p.state;
    return {
      status: s.status, roi_accepted_on: s.roiAcceptedOn, stage1_started_on: s.stage1StartedOn, stage1_plan_agreed_on: s.stage1PlanAgreedOn, stage1_decided_on: s.stage1DecidedOn,
      stage1_outcome: s.stage1Outcome, stage2_started_on: s.stage2StartedOn, par_status: s.parStatus, panel_on: s.panelOn, adm_outcome: s.admOutcome, adm_decided_on: s.admDecidedOn,
      approved_on: s.approvedOn, representation_ends_on: s.representationEndsOn, approval_review_due_on: s.approvalReviewDueOn, status_changed_on: s.statusChangedOn,
      left_on: s.leftOn, leaving_reason: s.leavingReason, preparation_completed_on: s.preparationCompletedOn, assessing_worker_id: s.stage2StartedOn ? by(p, 'social-worker') : null,
    };
  };
  const fresh = plans.filter((p) => !p.existing);
  const base = Date.parse(`${today}T00:00:00Z`);
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'household', fresh.map((p) => ({
      id: p.id, owner_id: orgs.get(p.ownerSlug)!, home_council_id: orgs.get(p.homeSlug) ?? null, reference: p.reference, relationship: p.relationship,
      fast_track: p.state.fastTrack, interest_ffa: p.interestFfa, interest_concurrent: p.interestConcurrent, ...stateColumns(p),
    })));
    for (const p of plans.filter((x) => x.existing)) await tx.updateTable('household').set({ ...stateColumns(p), updated_at: new Date() }).where('id', '=', p.id).execute();
    await insertAll(tx, 'applicant', fresh.flatMap((p) => p.applicants.map((a, i) => ({
      household_id: p.id, position: i + 1, first_name: a.firstName, last_name: a.lastName, date_of_birth: a.dateOfBirth, sex: a.sex, ethnicity: a.ethnicity, disabled: a.disabled,
    }))));
    await insertAll(tx, 'household_member', plans.flatMap((p) => p.members.map((m) => ({ household_id: p.id, name: m.name, relationship: m.relationship, date_of_birth: m.dateOfBirth }))));
    await insertAll(tx, 'household_check', plans.flatMap((p) => p.checks.map((c) => ({
      household_id: p.id, kind: c.kind, subject: c.subject, relative: c.relative, status: c.status, requested_on: c.requestedOn, received_on: c.receivedOn,
      issued_on: c.issuedOn && c.expiresOn && c.issuedOn > c.expiresOn ? addMonths(c.expiresOn, -36) : c.issuedOn, expires_on: c.expiresOn,
    }))));
    await insertAll(tx, 'stage_event', plans.flatMap((p) => p.events.map((e, i) => ({
      household_id: p.id, type: e.type, date: e.date, outcome: e.outcome ?? null, par_status: e.parStatus ?? null, status: e.status ?? null, reason: e.reason ?? null,
      staff_id: e.type === 'visit' ? by(p, 'social-worker') : null, notes: e.notes ?? null, recorded_by: by(p, e.by),
      recorded_at: new Date(Math.min(Date.parse(`${e.date}T12:00:00Z`), base) + i * 1000),
    }))));
    await insertAll(tx, 'approval_terms', plans.filter((p) => p.terms).map((p) => termsRow(p.id, p.terms!)));
  });
  await sql`analyze household, applicant, household_check, stage_event, approval_terms`.execute(db);
}
