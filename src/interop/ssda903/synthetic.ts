// A synthetic SSDA903 return: realistic, seeded looked-after children and adoption journeys,
// written as the five DfE CSVs. It exists so the reader, the rules, import and the benchmarks
// have a large valid return to work on without anyone's real data. Every child is invented.
//
// Each child is generated on its own (a whole care history, as day numbers), checked against
// the collection year, then written before the next is made: memory stays flat at any size.
// The rows satisfy the adoption-related DfE rules in DOMAIN.md's appendix; the comments name
// the rule a choice is there for.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Random } from '../../demo/random.ts';
import {
  FILE_NAMES, codeLists, formatDfeDate, sexToReturn,
  type CodeLists, type CollectionYear, type Column, type TableName,
} from './model.ts';
import { openTableWriter, type TableWriter } from './writer.ts';

export interface SyntheticOptions {
  children: number;
  year: CollectionYear;
  seed?: number;
  firstChildId?: number;
}

export interface SyntheticCounts {
  children: number;
  episodes: number;
  ad1: number;
  placed: number;
  prevPerm: number;
}

/** The journeys a child can be on. */
type Journey =
  | 'stays' | 'leaves' | 'returns' // not on the adoption pathway
  | 'decision' | 'order' | 'placed' | 'adopted' | 'reversed'; // on it, by furthest step this year

// Shares of children by journey. The adoption pathway (~17%) is richer than the national
// looked-after population (~3% adopted a year), because an RAA's returns are what Mercia reads.
const JOURNEYS: readonly [Journey, number][] = [
  ['stays', 0.5], ['leaves', 0.3], ['returns', 0.03],
  ['decision', 0.02], ['order', 0.03], ['placed', 0.04], ['adopted', 0.06], ['reversed', 0.02],
];

type Values<T extends TableName> = Record<Column<T>, string | null>;

// ---- days --------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;

function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function dfe(day: number): string {
  return formatDfeDate(isoOf(day))!;
}

/** The same calendar date `years` later (29 February falls to 1 March), as a day number. */
function addYears(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY);
}

// ---- the care history of one child --------------------------------------------------------

interface Placement {
  place: string;
  provider: string;
  post: string;
  urn: string | null;
  /** Identifies the carer, so a move can tell "same carer" (RNE T/U) from "new carer" (P/B). */
  carer: number;
}

interface Episode {
  decom: number;
  rne: string;
  ls: string;
  cin: string;
  pl: Placement;
  dec: number | null;
  rec: string | null;
  reason: string | null;
  home: string;
}

interface Decision {
  placed: number;
  ceased: number | null;
  reason: string | null;
}

interface ChildRecord {
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

// Placements that need no URN (rule 218); every other placement gets one.
const NO_URN = new Set(['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14']);
const FOSTER = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
// Reasons for a change of placement, roughly as often as LAs record them.
const MOVE_REASONS: readonly [string, number][] = [
  ['CARPL', 0.38], ['PLACE', 0.16], ['STAND', 0.08], ['CHILD', 0.1], ['CREQB', 0.06], ['CREQO', 0.05],
  ['LAREQ', 0.06], ['CLOSE', 0.03], ['ALLEG', 0.02], ['APPRR', 0.02], ['OTHER', 0.04],
];
const ETHNIC: readonly [string, number][] = [
  ['WBRI', 66], ['WIRI', 0.3], ['WIRT', 0.3], ['WOTH', 4], ['WROM', 1], ['MWBC', 3], ['MWBA', 1], ['MWAS', 1],
  ['MOTH', 3], ['AIND', 1], ['APKN', 1.5], ['ABAN', 0.5], ['AOTH', 2], ['BCRB', 1], ['BAFR', 3], ['BOTH', 1.5],
  ['CHNE', 0.2], ['OOTH', 4], ['REFU', 0.5], ['NOBT', 0.4],
];
const CIN: readonly [string, number][] = [
  ['N1', 62], ['N2', 3], ['N3', 3], ['N4', 7], ['N5', 14], ['N6', 1], ['N7', 0.2], ['N8', 2],
];
// Postcode areas of the old kingdom of Mercia: plausible, but the full codes are random.
// Each with its highest district number, so 'HR16' (no such district) is never made.
const POST_AREAS: readonly [string, number][] = [
  ['B', 76], ['CV', 47], ['WS', 15], ['WV', 16], ['DY', 14], ['ST', 21], ['DE', 75], ['NG', 34],
  ['LE', 67], ['NN', 18], ['WR', 15], ['HR', 9], ['SY', 25], ['TF', 13], ['LN', 13],
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const OTHER_LAS = ['330', '331', '332', '333', '334', '335', '336', '860', '861', '865', '873', '884', '885', '891', '892', '893', '894'];

function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** An exponential gap in days with the given mean, at least 1. */
function gap(rng: Random, mean: number): number {
  return Math.max(1, Math.round(-Math.log(1 - rng.next()) * mean));
}

class ChildMaker {
  private readonly lists: CodeLists;
  private readonly ys: number;
  private readonly ye: number;
  private carers = 0;
  // Per-child state while a history is built.
  private eps: Episode[] = [];
  private home = '';
  private cin = 'N1';
  private ls = 'C1';
  private dob = 0;

  constructor(private readonly rng: Random, private readonly year: CollectionYear) {
    this.lists = codeLists(year);
    this.ys = dayOf(year.start);
    this.ye = dayOf(year.end);
  }

  // ---- small pieces ----

  private int(min: number, max: number): number {
    return max <= min ? min : this.rng.int(min, max);
  }

  private postcode(): string {
    const r = this.rng;
    const [area, districts] = r.pick(POST_AREAS);
    return `${area}${r.int(1, districts)} ${r.int(1, 9)}${INWARD_LETTERS[r.int(0, 19)]}${INWARD_LETTERS[r.int(0, 19)]}`;
  }

  private urn(place: string): string | null {
    if (NO_URN.has(place)) return null;
    const digits = String(this.rng.int(0, 999_999)).padStart(6, '0');
    // Schools carry a DfE establishment URN; care settings an Ofsted 'SC' number.
    return place === 'S1' ? String(this.rng.int(100_000, 149_999)) : `SC${digits}`;
  }

  private provider(place: string): string {
    const r = this.rng;
    if (place === 'P1') return 'PR0';
    if (['U1', 'U2', 'U3', 'T0', 'T4'].includes(place)) return 'PR1';
    if (['U4', 'U5', 'U6'].includes(place)) return weighted(r, [['PR1', 0.6], ['PR4', 0.35], ['PR5', 0.05]]);
    // PR3 is never used with adoption placements (rule 529): RAA, another LA's RAA, or a VAA.
    if (place.startsWith('A')) return weighted(r, [['PR1', 0.55], ['PR2', 0.25], ['PR5', 0.2]]);
    if (place === 'K2') return weighted(r, [['PR1', 0.3], ['PR4', 0.65], ['PR5', 0.05]]);
    if (place === 'K1') return weighted(r, [['PR1', 0.5], ['PR2', 0.5]]);
    if (place === 'R3') return weighted(r, [['PR1', 0.5], ['PR5', 0.5]]);
    if (place === 'S1') return weighted(r, [['PR4', 0.6], ['PR5', 0.3], ['PR1', 0.1]]);
    return weighted(r, [['PR4', 0.7], ['PR1', 0.3]]);
  }

  private placement(place: string, carer = ++this.carers): Placement {
    return { place, provider: this.provider(place), post: place === 'P1' ? this.home : this.postcode(), urn: this.urn(place), carer };
  }

  private valid(place: string): boolean {
    return this.lists.PLACE.includes(place);
  }

  /** A foster placement only: the stage before an adoptive placement (rule 336). */
  private fosterPlace(): string {
    return weighted(this.rng, [['U6', 0.5], ['U4', 0.2], ['U3', 0.2], ['U1', 0.1]]);
  }

  /** Any placement a child of this age is commonly in. */
  private generalPlace(day: number): string {
    const age = (day - this.dob) / 365.25;
    const r = this.rng;
    let place: string;
    if (age < 1) place = weighted(r, [['U6', 0.6], ['U4', 0.15], ['U3', 0.15], ['R3', 0.05], ['P1', 0.05]]);
    else if (age < 10) place = weighted(r, [['U6', 0.45], ['U4', 0.25], ['U3', 0.12], ['U1', 0.08], ['P1', 0.05], ['K2', age >= 8 ? 0.02 : 0], ['T4', 0.02], ['S1', age >= 8 ? 0.01 : 0]]);
    else if (age < 16) place = weighted(r, [['U6', 0.35], ['U4', 0.2], ['U3', 0.08], ['U1', 0.05], ['K2', 0.2], ['K1', 0.01], ['S1', 0.03], ['R1', 0.01], ['P1', 0.03], ['T4', 0.02], ['Z', 0.02]]);
    else place = weighted(r, [['U6', 0.25], ['U4', 0.15], ['U3', 0.05], ['K2', 0.15], ['SEMI', 0.3], ['P1', 0.03], ['P3', 0.01], ['T4', 0.02], ['Z', 0.04]]);
    // Year-dependent codes: K3 from 2024/25, H5 until 2024/25, Z1 replaced by Z11–Z14 in 2025/26.
    if (place === 'SEMI') place = this.valid('K3') && (!this.valid('H5') || r.chance(0.7)) ? 'K3' : 'H5';
    if (place === 'Z') place = this.valid('Z1') ? 'Z1' : r.pick(['Z11', 'Z12', 'Z13', 'Z14']);
    return this.valid(place) ? place : 'U6';
  }

  // ---- building episodes (each call closes the open episode with X1 on the same day) ----

  private get cur(): Episode | undefined {
    return this.eps[this.eps.length - 1];
  }

  private startPeriod(day: number, ls: string, pl: Placement): void {
    this.ls = ls;
    this.eps.push({ decom: day, rne: 'S', ls, cin: this.cin, pl, dec: null, rec: null, reason: null, home: this.home });
  }

  private close(day: number, rec: string): void {
    const cur = this.cur!;
    if (day <= cur.decom) throw new Error(`synthetic: episode would not move forward (${isoOf(day)})`);
    cur.dec = day;
    cur.rec = rec;
  }

  /** RNE L: a change of legal status only. */
  private legal(day: number, ls: string): void {
    const cur = this.cur!;
    this.close(day, 'X1');
    this.ls = ls;
    this.eps.push({ ...cur, decom: day, rne: 'L', ls, dec: null, rec: null, reason: null });
  }

  /** RNE P/T (placement only) or B/U (placement and legal status), by whether the carer is the same. */
  private move(day: number, pl: Placement, reason: string, ls = this.ls): void {
    const cur = this.cur!;
    this.close(day, 'X1');
    const same = pl.carer === cur.pl.carer;
    const rne = ls === this.ls ? (same ? 'T' : 'P') : same ? 'U' : 'B';
    this.ls = ls;
    // A temporary (T-coded) stay is not a planned change of placement, so it carries no reason.
    const why = pl.place.startsWith('T') ? null : reason;
    this.eps.push({ decom: day, rne, ls, cin: this.cin, pl, dec: null, rec: null, reason: why, home: this.home });
  }

  /**
   * A legal status change, which sometimes comes with a move (RNE B), or with the same carers
   * taking the child on long-term (RNE U); otherwise a change of legal status only (RNE L).
   */
  private legalMaybeMoving(day: number, ls: string, choose: (day: number) => string): void {
    const cur = this.cur!;
    const roll = this.rng.next();
    if (roll < 0.06 && (cur.pl.place === 'U6' || cur.pl.place === 'U3')) {
      this.move(day, { ...cur.pl, place: cur.pl.place === 'U6' ? 'U4' : 'U1' }, 'CARPL', ls);
    } else if (roll < 0.18 && !cur.pl.place.startsWith('T')) {
      this.move(day, this.placement(choose(day)), this.moveReason(), ls);
    } else {
      this.legal(day, ls);
    }
  }

  private moveReason(): string {
    return weighted(this.rng, MOVE_REASONS);
  }

  /**
   * Ordinary moves strictly between two days, at the pace that gives ~3.8 episodes a child in
   * the year. Moves start at most a year before the collection: episodes that end before it are
   * never written, so going further back would be wasted work.
   */
  private fill(from: number, to: number, meanGap: number, choose: (day: number) => string): void {
    let day = Math.max(from, this.cur!.decom, this.ys - 365) + gap(this.rng, meanGap);
    while (day < to && day <= this.ye) {
      const cur = this.cur!;
      if (cur.pl.place.startsWith('T')) {
        // Back from a short temporary stay to a settled placement.
        this.move(day, this.placement(choose(day)), 'CARPL');
        day += gap(this.rng, meanGap);
      } else {
        const place = choose(day);
        const now = cur.pl.place;
        if ((now === 'U6' || now === 'U3') && this.rng.chance(0.08)) {
          // The same carers become the child's long-term foster carers: RNE T.
          this.move(day, { ...cur.pl, place: now === 'U6' ? 'U4' : 'U1' }, 'CARPL');
        } else {
          this.move(day, this.placement(place), this.moveReason());
        }
        // Temporary placements last a week or less.
        day += place.startsWith('T') ? this.int(1, 7) : gap(this.rng, meanGap);
      }
    }
  }

  /** The reason a non-adoptive period of care ends, agreeing with the placement (rule 516). */
  private leaveReason(day: number): string {
    const place = this.cur!.pl.place;
    const age = (day - this.dob) / 365.25;
    const foster = FOSTER.has(place);
    return weighted(this.rng, [
      ['E4A', 0.3], ['E4B', 0.05], ['E13', 0.1], ['E8', 0.1], ['E41', 0.08], ['E3', 0.05],
      [['U1', 'U2', 'U3'].includes(place) ? 'E45' : 'E46', foster ? 0.15 : 0],
      [this.rng.chance(0.6) ? 'E47' : 'E48', 0.07],
      ['E5', age >= 16 ? 0.25 : 0],
    ]);
  }

  // ---- the child ----

  make(journey: Journey): ChildRecord {
    this.eps = [];
    const rng = this.rng;
    const child: ChildRecord = {
      journey, sex: rng.chance(0.55) ? 'M' : 'F', dob: 0, episodes: this.eps, decisions: [], ad1: null, prevPerm: null, periodStarts: [],
    };
    this.cin = weighted(rng, CIN);
    this.home = this.postcode();
    if (journey === 'stays' || journey === 'leaves' || journey === 'returns') this.general(child);
    else this.adoption(child);
    child.episodes = this.eps.filter((e) => e.dec === null || e.dec >= this.ys);
    // Previous permanence is asked only of children starting care from April 2016 (rule 634);
    // the generator gives it to some children whose period of care starts in the file.
    const lastStart = child.periodStarts[child.periodStarts.length - 1]!;
    if (child.episodes.some((e) => e.rne === 'S' && e.decom === lastStart) && rng.chance(0.3)) {
      const code = weighted(rng, [['Z1', 0.5], ['P1', 0.08], ['P2', 0.2], ['P3', 0.12], ['P4', 0.1]]);
      const known = code !== 'Z1' && code !== 'P4';
      // Z1 (none) and P4 (unknown) leave the LA and date blank (rule 635).
      child.prevPerm = {
        code,
        la: known ? (rng.chance(0.85) ? rng.pick(OTHER_LAS) : '999') : null,
        date: known && lastStart - child.dob > 60 ? this.int(child.dob + 30, lastStart - 1) : null,
      };
    }
    return child;
  }

  private dobForAge(ageYears: number): number {
    return addYears(this.ys, -ageYears) - this.int(1, 365);
  }

  /** Children looked after for reasons other than adoption: they stay, leave, or leave and return. */
  private general(child: ChildRecord): void {
    const rng = this.rng;
    const { ys, ye } = this;
    const age = weighted(rng, [[0, 5], [1, 4], [2, 3.5], [3, 3], [4, 3], [5, 3.5], [6, 3.5], [7, 3.5], [8, 3.5], [9, 3.5], [10, 5], [11, 5.5], [12, 6], [13, 7], [14, 8], [15, 9], [16, 12], [17, 13]] as const);
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
        this.cin = weighted(rng, CIN);
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
    const route = weighted(rng, [['care', 0.72], ['s20', 0.25], ['full', 0.03]]);
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
    const byCarer = weighted(rng, [['ffa', 0.12], ['foster', 0.1], ['new', 0.78]] as const);

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
    const entryAge = weighted(rng, [[0, 0.35], [1, 0.3], [2, 0.35]] as const);
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
      reason = placed !== null ? weighted(rng, [['RD1', 0.6], ['RD4', 0.4]])
        : order !== null ? weighted(rng, [['RD3', 0.5], ['RD1', 0.3], ['RD4', 0.2]])
          : weighted(rng, [['RD2', 0.6], ['RD1', 0.25], ['RD4', 0.15]]);
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
      const sexAdoptr = single ? (rng.chance(0.9) ? 'F1' : 'M1') : weighted(rng, [['MF', 0.82], ['FF', 0.1], ['MM', 0.08]]);
      const lsAdoptr = single ? 'L0'
        : sexAdoptr === 'MF' ? (rng.chance(0.7) ? 'L11' : 'L3')
          : weighted(rng, [['L12', 0.4], ['L2', 0.3], ['L4', 0.3]]);
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
        this.move(disruption, this.placement(this.fosterPlace()), weighted(rng, [['CARPL', 0.4], ['CREQB', 0.3], ['STAND', 0.15], ['OTHER', 0.15]]), ls);
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

// ---- header ----------------------------------------------------------------------------------

/** A UPN in the DfE form: check letter, then LA (3), school (4), year (2) and serial (3) digits. */
function upn(rng: Random): string {
  let digits = '';
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const d = rng.int(0, 9);
    digits += d;
    sum += d * (i + 2);
  }
  return UPN_LETTERS[sum % 23] + digits;
}

function headerValues(rng: Random, id: string, c: ChildRecord, year: CollectionYear, ys: number, ye: number): Values<'Header'> {
  const age = (ys - c.dob) / 365.25;
  let mother: string | null = null;
  let mcDob: string | null = null;
  if (c.sex === 'F' && age >= 12) {
    mother = age >= 14 && rng.chance(0.04) ? '1' : '0';
    if (mother === '1') {
      const lo = Math.max(addYears(c.dob, 13), ys - 700);
      mcDob = dfe(lo >= ye ? ye : rng.int(lo, ye));
    }
  }
  return {
    CHILD: id,
    SEX: sexToReturn(c.sex, year),
    DOB: dfe(c.dob),
    ETHNIC: weighted(rng, ETHNIC),
    // Children under school age usually have no UPN yet: UN1.
    UPN: ye - c.dob < 4 * 365 && rng.chance(0.7) ? 'UN1' : upn(rng),
    MOTHER: mother,
    MC_DOB: mcDob,
  };
}

// ---- writing ---------------------------------------------------------------------------------

/**
 * Writes header.csv, episodes.csv, ad1.csv, placed_for_adoption.csv and previous_permanence.csv
 * into `dir` (created if missing). The same options always give the same bytes.
 */
export async function writeSyntheticReturn(dir: string, options: SyntheticOptions): Promise<SyntheticCounts> {
  const { year, children } = options;
  const rng = new Random(options.seed ?? 903);
  const firstId = options.firstChildId ?? 100_001;
  await mkdir(dir, { recursive: true });
  const writers = {
    Header: openTableWriter(join(dir, FILE_NAMES.Header), 'Header'),
    Episodes: openTableWriter(join(dir, FILE_NAMES.Episodes), 'Episodes'),
    AD1: openTableWriter(join(dir, FILE_NAMES.AD1), 'AD1'),
    PlacedAdoption: openTableWriter(join(dir, FILE_NAMES.PlacedAdoption), 'PlacedAdoption'),
    PrevPerm: openTableWriter(join(dir, FILE_NAMES.PrevPerm), 'PrevPerm'),
  } satisfies { [T in TableName]: TableWriter<T> };
  const counts: SyntheticCounts = { children: 0, episodes: 0, ad1: 0, placed: 0, prevPerm: 0 };
  const maker = new ChildMaker(rng, year);
  const ys = dayOf(year.start);
  const ye = dayOf(year.end);
  try {
    for (let i = 0; i < children; i += 1) {
      const id = String(firstId + i);
      const c = maker.make(weighted(rng, JOURNEYS));
      const dob = dfe(c.dob);
      await writers.Header.write(headerValues(rng, id, c, year, ys, ye));
      for (const e of c.episodes) {
        await writers.Episodes.write({
          CHILD: id, DECOM: dfe(e.decom), RNE: e.rne, LS: e.ls, CIN: e.cin, PLACE: e.pl.place, PLACE_PROVIDER: e.pl.provider,
          DEC: e.dec === null ? null : dfe(e.dec), REC: e.rec, REASON_PLACE_CHANGE: e.reason,
          HOME_POST: e.home, PL_POST: e.pl.post, URN: e.pl.urn,
        });
      }
      if (c.ad1) {
        const a = c.ad1;
        await writers.AD1.write({
          CHILD: id, DOB: dob, DATE_INT: dfe(a.int), DATE_MATCH: dfe(a.match), FOSTER_CARE: a.fosterCare,
          NB_ADOPTR: a.nb, SEX_ADOPTR: a.sex, LS_ADOPTR: a.ls,
        });
      }
      for (const d of c.decisions) {
        await writers.PlacedAdoption.write({
          CHILD: id, DOB: dob, DATE_PLACED: dfe(d.placed), DATE_PLACED_CEASED: d.ceased === null ? null : dfe(d.ceased), REASON_PLACED_CEASED: d.reason,
        });
      }
      if (c.prevPerm) {
        const p = c.prevPerm;
        await writers.PrevPerm.write({ CHILD: id, DOB: dob, PREV_PERM: p.code, LA_PERM: p.la, DATE_PERM: p.date === null ? null : dfe(p.date) });
      }
      counts.children += 1;
      counts.episodes += c.episodes.length;
      counts.ad1 += c.ad1 ? 1 : 0;
      counts.placed += c.decisions.length;
      counts.prevPerm += c.prevPerm ? 1 : 0;
    }
  } finally {
    await Promise.all(Object.values(writers).map((w) => w.close()));
  }
  return counts;
}
