// The children of the synthetic SSDA903 return (synthetic.ts): for each, a journey (staying in
// care, leaving, returning, or a step of the adoption pathway reached this year) and the care
// history, adoption decisions, AD1 facts and previous permanence that go with it. The rows
// satisfy the adoption-related DfE rules in DOMAIN.md's appendix; the comments name the rule a
// choice is there for.
import { addYears } from './synthetic-days.ts';
import { CIN, EpisodeBuilder, FOSTER, type Episode } from './synthetic-episodes.ts';

/** The journeys a child can be on. */
export type Journey =
  | 'stays' | 'leaves' | 'returns' // not on the adoption pathway
  | 'decision' | 'order' | 'placed' | 'adopted' | 'reversed'; // on it, by furthest step this year

interface Decision {
  placed: number;
  ceased: number | null;
  reason: string | null;
}

export interface ChildRecord {
  journey: Journey;
  sex: 'M' | 'F';
  dob: number;
  episodes: Episode[];
  decisions: Decision[];
  ad1: { int: number; match: number; fosterCare: string; nb: string; sex: string; ls: string } | null;
  prevPerm: { code: string; la: string | null; date: number | null } | null;
  /** Day the child's latest period of care started (for PrevPerm, rule 634). */
  periodStarts: number[];
}

const OTHER_LAS = ['330', '331', '332', '333', '334', '335', '336', '860', '861', '865', '873', '884', '885', '891', '892', '893', '894'];

/** Makes one child at a time, sharing the return's random source (so the same seed gives the same return). */
export class ChildMaker extends EpisodeBuilder {
  make(journey: Journey): ChildRecord {
    this.eps = [];
    const rng = this.rng;
    const child: ChildRecord = {
      journey, sex: rng.chance(0.55) ? 'M' : 'F', dob: 0, episodes: this.eps, decisions: [], ad1: null, prevPerm: null, periodStarts: [],
    };
    this.cin = rng.weighted(CIN);
    this.home = this.postcode();
    if (journey === 'stays' || journey === 'leaves' || journey === 'returns') this.general(child);
    else this.adoption(child);
    child.episodes = this.eps.filter((e) => e.dec === null || e.dec >= this.ys);
    // Previous permanence is asked of every child starting care from April 2016 (rule 634):
    // a row for each child whose period of care starts in the file, Z1 when there was none.
    const lastStart = child.periodStarts[child.periodStarts.length - 1]!;
    if (child.episodes.some((e) => e.rne === 'S' && e.decom === lastStart)) {
      // An earlier order ended before the child's first period of care, never inside one (632).
      const before = child.periodStarts[0]! - 1;
      let code = rng.weighted([['Z1', 0.5], ['P1', 0.08], ['P2', 0.2], ['P3', 0.12], ['P4', 0.1]]);
      if (code !== 'Z1' && code !== 'P4' && before - child.dob < 60) code = 'Z1';
      const known = code !== 'Z1' && code !== 'P4';
      // Z1 (none) and P4 (unknown) leave the LA and date blank (rule 635).
      child.prevPerm = {
        code,
        la: known ? (rng.chance(0.85) ? rng.pick(OTHER_LAS) : '999') : null,
        date: known ? this.int(child.dob + 30, before) : null,
      };
    }
    return child;
  }

  private dobForAge(ageYears: number): number {
    // At most 364 days before the birthday: 365 can reach the next birthday in a year after a leap day.
    return addYears(this.ys, -ageYears) - this.int(1, 364);
  }

  /** Children looked after for reasons other than adoption: they stay, leave, or leave and return. */
  private general(child: ChildRecord): void {
    const rng = this.rng;
    const { ys, ye } = this;
    const age = rng.weighted([[0, 5], [1, 4], [2, 3.5], [3, 3], [4, 3], [5, 3.5], [6, 3.5], [7, 3.5], [8, 3.5], [9, 3.5], [10, 5], [11, 5.5], [12, 6], [13, 7], [14, 8], [15, 9], [16, 12], [17, 13]] as const);
    const newEntrant = rng.chance(0.3);
    let dob = this.dobForAge(age);
    let start: number;
    if (newEntrant) {
      // Babies can be born in the year and come into care at birth.
      if (age === 0) dob = this.int(ys - 300, ye - 40);
      start = this.int(Math.max(ys, dob), ye - 14);
    } else {
      const earliest = Math.max(dob, ys - 365 * 8);
      start = Math.max(earliest, ys - 1 - Math.round(-Math.log(1 - rng.next()) * 700));
      if (start >= ys) start = ys - 1;
    }
    const eighteen = addYears(dob, 18);
    if (start >= eighteen - 14) start = Math.max(dob, eighteen - 120);
    this.dob = child.dob = dob;

    let end: number | null = null;
    let leaveRec: string | null = null;
    if (child.journey === 'leaves' || child.journey === 'returns') {
      const lo = Math.max(ys, start + 7);
      const hi = child.journey === 'returns' ? ye - 60 : ye;
      if (lo < Math.min(hi, eighteen)) end = this.int(lo, Math.min(hi, eighteen));
    }
    // Nobody is looked after past their 18th birthday.
    if (eighteen <= ye && (end === null || end > eighteen)) {
      end = eighteen;
      leaveRec = 'E18';
    }
    if (end !== null && end <= start) end = start + 1;

    this.period(child, start, end, leaveRec);
    if (child.journey === 'returns' && end !== null && leaveRec === null) {
      // Back into care a few weeks or months later: a new period, so RNE S (rule 432).
      const again = end + this.int(14, 90);
      if (again < ye && again < eighteen - 14) {
        this.cin = rng.weighted(CIN);
        if (rng.chance(0.4)) this.home = this.postcode();
        const end2 = eighteen <= ye ? eighteen : rng.chance(0.2) && again + 7 < ye ? this.int(again + 7, ye) : null;
        this.period(child, again, end2, eighteen <= ye ? 'E18' : null);
      }
    }
  }

  /** One period of care with ordinary legal status changes and moves. */
  private period(child: ChildRecord, start: number, end: number | null, leaveRec: string | null): void {
    const rng = this.rng;
    child.periodStarts.push(start);
    const route = rng.weighted([['care', 0.72], ['s20', 0.25], ['full', 0.03]]);
    this.startPeriod(start, route === 'care' ? 'C1' : route === 's20' ? 'V2' : 'C2', this.placement(this.generalPlace(start)));
    const stop = end ?? this.ye + 1;
    // Milestones of the legal process: interim care order to full care order, or s20 to ICO.
    const legalDays: [number, string][] = [];
    if (route === 'care') legalDays.push([start + this.int(60, 320), 'C2']);
    else if (route === 's20' && rng.chance(0.2)) {
      const ico = start + this.int(30, 200);
      legalDays.push([ico, 'C1'], [ico + this.int(60, 300), 'C2']);
    }
    let from = start;
    const general = (day: number): string => this.generalPlace(day);
    for (const [day, ls] of legalDays) {
      if (day >= stop || day > this.ye) break;
      this.fill(from, day, 90, general);
      // A legal change and a move on the same day would be one episode (B/U); keep them apart.
      if (day > this.cur!.decom) this.legalMaybeMoving(day, ls, general);
      from = this.cur!.decom;
    }
    this.fill(from, stop, 90, general);
    if (end !== null) {
      if (leaveRec === 'E18') {
        leaveRec = FOSTER.has(this.cur!.pl.place) && rng.chance(0.5) ? 'E17' : rng.chance(0.7) ? 'E5' : 'E8';
      }
      if (end <= this.cur!.decom) end = this.cur!.decom + 1;
      if (end <= this.ye) this.close(end, leaveRec ?? this.leaveReason(end));
    }
  }

  /** Children on the adoption pathway, from entering care to the furthest step this year. */
  private adoption(child: ChildRecord): void {
    const rng = this.rng;
    const { ys, ye } = this;
    const journey = child.journey;
    // Consent cases (relinquished babies, s19 ACA 2002) are placed A3/A4 without a placement order.
    const consent = rng.chance(0.1);
    // Early permanence (FfA/concurrent, U2/U5) or long-term foster carers who go on to adopt.
    const byCarer = rng.weighted([['ffa', 0.12], ['foster', 0.1], ['new', 0.78]] as const);

    // Milestones, chosen backwards from the step reached in the year.
    let adopted: number | null = null;
    let placed: number | null = null;
    let match: number | null = null;
    let order: number | null = null;
    let decision: number;
    if (journey === 'adopted') {
      adopted = this.int(ys + 1, ye);
      placed = adopted - this.int(75, 420); // adopters may apply after 10 weeks
      match = placed - (byCarer === 'new' ? this.int(7, 45) : this.int(1, 30));
    } else if (journey === 'placed') {
      placed = this.int(ys - 120, ye - 5);
      match = placed - (byCarer === 'new' ? this.int(7, 45) : this.int(1, 30));
    }
    if (match !== null) {
      if (consent) decision = match - this.int(30, 200);
      else {
        order = match - this.int(30, 250);
        decision = order - this.int(20, 180);
      }
    } else if (journey === 'order') {
      order = this.int(ys - 300, ye - 5);
      decision = order - this.int(20, 180);
    } else if (journey === 'decision') {
      decision = this.int(ys - 120, ye - 5);
    } else {
      decision = this.int(ys - 400, ye - 90);
    }
    const careStart = decision - this.int(60, 420);
    child.periodStarts.push(careStart);

    // Mostly babies and toddlers: a third come into care at birth.
    const entryAge = rng.weighted([[0, 0.35], [1, 0.3], [2, 0.35]] as const);
    const dob = entryAge === 0 ? careStart - this.int(0, 10) : entryAge === 1 ? careStart - this.int(11, 365) : careStart - this.int(366, 5 * 365);
    this.dob = child.dob = dob;

    // Reversal: the decision ceases within the year (rules 117/118), after any order or
    // placement, and before the placement order is revoked (rule 553: no open E1 once ceased).
    let reversal: number | null = null;
    let disruption: number | null = null;
    let reason: string | null = null;
    if (journey === 'reversed') {
      if (rng.chance(0.6) && decision + 60 < ye - 40) order = decision + this.int(20, Math.min(150, ye - 40 - decision));
      if (order !== null && !consent && rng.chance(0.3) && order + 60 < ye - 20) {
        placed = order + this.int(60, Math.min(200, ye - 20 - order));
      }
      const last = placed ?? order ?? decision;
      reversal = this.int(Math.max(ys, last + 10), ye);
      if (placed !== null) disruption = this.int(placed + 1, reversal);
      reason = placed !== null ? rng.weighted([['RD1', 0.6], ['RD4', 0.4]])
        : order !== null ? rng.weighted([['RD3', 0.5], ['RD1', 0.3], ['RD4', 0.2]])
          : rng.weighted([['RD2', 0.6], ['RD1', 0.25], ['RD4', 0.15]]);
    }

    // ---- the episodes, in order ----
    const adoptiveCarer = ++this.carers;
    const earlyPermanence = byCarer === 'ffa' && placed !== null;
    const firstPlace = earlyPermanence && rng.chance(0.5) ? rng.pick(['U5', 'U2']) : this.fosterPlace();
    this.startPeriod(careStart, consent ? 'V2' : 'C1', this.placement(firstPlace, firstPlace === 'U5' || firstPlace === 'U2' ? adoptiveCarer : undefined));
    const foster = (): string => this.fosterPlace();
    const meanGap = 130;
    let from = careStart;

    // Full care order before the placement order for some; the rest go C1 straight to E1.
    if (!consent && rng.chance(0.3)) {
      const c2Day = this.int(careStart + 30, (order ?? Math.min(ye, careStart + 400)) - 1);
      if (c2Day > careStart && c2Day <= ye) {
        if (this.cur!.pl.carer !== adoptiveCarer) this.fill(from, c2Day, meanGap, foster);
        if (c2Day > this.cur!.decom) this.legal(c2Day, 'C2');
        from = this.cur!.decom;
      }
    }
    // From the decision, an early-permanence child moves to the carers who will adopt them.
    if (earlyPermanence && this.cur!.pl.carer !== adoptiveCarer) {
      const ffaDay = decision + this.int(1, 20);
      const stop = Math.min(order ?? match!, match!) - 1;
      if (ffaDay < stop) {
        this.fill(from, ffaDay, meanGap, foster);
        if (ffaDay > this.cur!.decom) this.move(ffaDay, this.placement(rng.pick(['U5', 'U2']), adoptiveCarer), 'CARPL');
        from = this.cur!.decom;
      }
    }
    const settled = (): boolean => this.cur!.pl.carer === adoptiveCarer;
    if (order !== null && order <= ye) {
      if (!settled()) this.fill(from, order, meanGap, foster);
      // Rule 554: the decision comes on or before the placement order (LS E1).
      if (order > this.cur!.decom) {
        if (settled()) this.legal(order, 'E1');
        else this.legalMaybeMoving(order, 'E1', foster);
      }
      from = this.cur!.decom;
    }
    if (placed !== null && placed <= ye) {
      if (!settled()) this.fill(from, placed, meanGap, foster);
      // Long-term foster carers who adopt: their placement becomes the adoptive one.
      if (byCarer === 'foster' && journey !== 'reversed') this.cur!.pl.carer = adoptiveCarer;
      const withCarer = this.cur!.pl.carer === adoptiveCarer;
      // A3/A5 with current foster carers, A4/A6 not; A5/A6 need a placement order (408).
      const place = consent ? (withCarer ? 'A3' : 'A4') : withCarer ? 'A5' : 'A6';
      // From the foster placement (336), RNE T when the carers stay the same (217).
      if (placed <= this.cur!.decom) placed = this.cur!.decom + 1;
      this.move(placed, this.placement(place, adoptiveCarer), 'CARPL');
      from = placed;
    }
    if (adopted !== null) {
      this.close(adopted, consent || rng.chance(0.6) ? 'E11' : 'E12');
      const single = rng.chance(0.15);
      const sexAdoptr = single ? (rng.chance(0.9) ? 'F1' : 'M1') : rng.weighted([['MF', 0.82], ['FF', 0.1], ['MM', 0.08]]);
      const lsAdoptr = single ? 'L0'
        : sexAdoptr === 'MF' ? (rng.chance(0.7) ? 'L11' : 'L3')
          : rng.weighted([['L12', 0.4], ['L2', 0.3], ['L4', 0.3]]);
      const finalPlace = this.cur!.pl.place;
      child.ad1 = {
        int: decision, match: match!, fosterCare: finalPlace === 'A3' || finalPlace === 'A5' ? '1' : '0',
        nb: single ? '1' : '2', sex: sexAdoptr, ls: lsAdoptr,
      };
      child.decisions.push({ placed: decision, ceased: null, reason: null });
      return;
    }
    if (reversal !== null) {
      if (disruption !== null) {
        // The adoptive placement ends; the child goes back to foster care.
        if (disruption <= this.cur!.decom) disruption = this.cur!.decom + 1;
        if (disruption > reversal) reversal = disruption;
        const ls = disruption === reversal && this.ls === 'E1' ? 'C2' : this.ls;
        this.move(disruption, this.placement(this.fosterPlace()), rng.weighted([['CARPL', 0.4], ['CREQB', 0.3], ['STAND', 0.15], ['OTHER', 0.15]]), ls);
      } else {
        this.fill(from, reversal, meanGap, foster);
      }
      if (reversal <= this.cur!.decom && this.ls === 'E1') reversal = this.cur!.decom + 1;
      if (reversal > ye) reversal = ye;
      // The placement order is revoked the day the plan changes; the care order revives.
      if (this.ls === 'E1') this.legal(reversal, 'C2');
      child.decisions.push({ placed: decision, ceased: reversal, reason });
      const after = reversal + this.int(30, 200);
      const roll = rng.next();
      if (roll < 0.3 && after <= ye) {
        this.fill(reversal, after, meanGap, foster);
        if (after > this.cur!.decom) this.close(after, this.leaveReason(after));
      } else if (roll < 0.45 && order === null && after < ye) {
        // A fresh decision after a court refused the order (579/583: after the first ceased).
        this.fill(reversal, after, meanGap, foster);
        child.decisions.push({ placed: after, ceased: null, reason: null });
      } else {
        this.fill(reversal, ye + 1, meanGap, foster);
      }
      return;
    }
    child.decisions.push({ placed: decision, ceased: null, reason: null });
    if (!settled()) this.fill(from, ye + 1, meanGap, foster);
  }
}
