// The dates of a demo child's time in care: an adoption journey laid out backwards from the
// demo's today so that it has reached its target stage now (with early permanence, consent,
// reversed plans and brothers and sisters placed apart), the care episodes a journey implies,
// and the care episodes of a child with no adoption plan. Every draw comes from the generator's
// random source, in the order the generator asks, so the same seed and today give the same dates.
import type { MilestoneType } from '../children/codes.ts';
import { ageInYears, daysBetween, type Episode, type Stage } from '../children/model.ts';
import { addDays } from '../core/dates.ts';
import { PROVIDERS } from './children-reference.ts';
import type { Random, Weighted } from './random.ts';

/** Steps of a journey: milestones, and 'left' (the period of care ends other than by adoption). */
export type Step = 'plan' | 'shobpa' | 'ep' | 'po' | 'ff' | 'linked' | 'panel' | 'match' | 'placed' | 'application' | 'order' | 'reversed' | 'left';
export const CHAIN: readonly Step[] = ['plan', 'shobpa', 'po', 'ff', 'linked', 'panel', 'match', 'placed', 'application', 'order'];
export const MILESTONE_OF: Record<Exclude<Step, 'left'>, MilestoneType> = {
  plan: 'adoption-plan', shobpa: 'shobpa', ep: 'early-permanence', po: 'placement-order', ff: 'family-finding-started', linked: 'linked',
  panel: 'matching-panel', match: 'match', placed: 'placed-for-adoption', application: 'adoption-application', order: 'adoption-order', reversed: 'plan-reversed',
};

export interface JourneyEvent {
  step: Step;
  date: string;
  code: string | null;
  notes: string | null;
}

export interface Journey {
  entry: string;
  consent: boolean;
  ffa: boolean;
  events: JourneyEvent[];
}

export type Target = Exclude<Stage, 'in-care' | 'left-care'>;
export const TARGETS: Weighted<Target> = [
  ['adoption-plan', 8], ['should-be-placed', 9], ['placement-order', 11], ['family-finding', 15], ['linked', 8],
  ['matched', 6], ['placed', 12], ['adopted', 18], ['plan-reversed', 8],
];

const REVERSAL_NOTES: Record<string, string> = {
  RD1: 'The child\'s needs changed; the plan is now long-term fostering',
  RD2: 'The court made a care order with a plan of long-term fostering, not a placement order',
  RD3: 'No suitable adopters found after extended family finding; the plan is now long-term fostering',
  RD4: 'A positive assessment of a relative; the plan is now special guardianship',
};

/** What shapes a journey's pace: consent, early permanence, a baby, a child who is hard to place. */
export interface JourneyOptions {
  consent: boolean;
  ffa: boolean;
  infant: boolean;
  hard: boolean;
}

/** Journeys and care episodes, drawn from the generator's random source. */
export class CareHistories {
  constructor(private readonly r: Random, private readonly today: string) {}

  private ago(days: number): string {
    return addDays(this.today, -days);
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

  private gap(step: Step, after: Step | 'entry', o: JourneyOptions): number {
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
  journey(target: Target, o: JourneyOptions): Journey {
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
      code = !cycle.includes('po') ? this.r.weighted([['RD2', 45], ['RD1', 25], ['RD4', 30]])
        : cycle.includes('ff') ? this.r.weighted([['RD3', 45], ['RD1', 30], ['RD4', 25]]) : this.r.weighted([['RD1', 50], ['RD4', 50]]);
      notes = REVERSAL_NOTES[code]!;
    }
    // Leaving care after the plan changed: to a relative (special guardianship or a child arrangements order), home, or SGO to the foster carers.
    if (step === 'left') {
      code = previous?.code === 'RD4' ? this.r.weighted([['E45', 50], ['E47', 30], ['E41', 20]])
        : previous?.code === 'RD2' ? this.r.weighted([['E4A', 40], ['E41', 30], ['E47', 30]]) : this.r.weighted([['E46', 70], ['E45', 30]]);
    }
    return { step, date, code, notes };
  }

  /** A brother or sister placed apart: the same journey to family finding, then their own. */
  apartTail(journey: Journey): JourneyEvent[] {
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
  journeyEpisodes(journey: Journey, events: readonly JourneyEvent[]): Episode[] {
    const firstPlacement = this.r.weighted<[string, string]>([[['U6', 'PR1'], 55], [['U6', 'PR4'], 20], [['U6', 'PR5'], 5], [['U4', 'PR1'], journey.ffa ? 0 : 10], [['U4', 'PR4'], journey.ffa ? 0 : 10]]);
    let legalStatus = journey.consent ? 'V2' : this.r.weighted([['C1', 65], ['V2', 20], ['C2', 10], ['L2', 5]]);
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

  /** A care history from `entry` to today: court orders and moves, and for some, leaving care. */
  careEpisodes(dob: string, entry: string, mayLeave: boolean): Episode[] {
    const placement = (years: number): [string, string] => {
      // Supported accommodation (K3) only from 16: unregistered semi-independent living (H5) is gone from the 2025/26 code list.
      const code = years < 5 ? this.r.weighted([['U6', 45], ['U4', 20], ['U3', 10], ['U1', 8], ['P1', 5], ['R3', 2]])
        : years < 16 ? this.r.weighted([['U4', 40], ['U6', 20], ['U1', 10], ['U3', 8], ['K2', 10], ['P1', 5], ['S1', 2]])
          : this.r.weighted([['U4', 30], ['U6', 12], ['U1', 6], ['K2', 15], ['K3', 23], ['P1', 3]]);
      return [code, this.r.weighted(PROVIDERS[code]!)];
    };
    const ageAtEntry = ageInYears(dob, entry);
    const [code, provider] = placement(ageAtEntry);
    let legalStatus = code === 'P1' ? 'C2' : ageAtEntry < 5 ? this.r.weighted([['C2', 55], ['C1', 25], ['V2', 20]])
      : ageAtEntry < 15 ? this.r.weighted([['C2', 65], ['C1', 10], ['V2', 25]]) : this.r.weighted([['C2', 50], ['V2', 42], ['C1', 5], ['J1', 3]]);
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
      episodes.end(end, years >= 16 ? this.r.weighted([['E5', 40], ['E6', 15], ['E4A', 30], ['E13', 15]]) : this.r.weighted([['E4A', 45], ['E41', 20], ['E45', 20], ['E13', 15]]));
    }
    return episodes.list;
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
