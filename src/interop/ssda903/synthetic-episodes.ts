// The episode layer of the synthetic SSDA903 return (synthetic.ts): one child's placements,
// moves and legal status changes, built in day numbers. The comments name the DfE rule a
// choice is there for.
import type { Random, Weighted } from '../../demo/random.ts';
import { codeLists, type CodeLists, type CollectionYear } from './model.ts';
import { dayOf, isoOf } from './synthetic-days.ts';

export interface Placement {
  place: string;
  /** Blank for temporary (T0–T4) and Z placements, which have no provider (rules 178, 213). */
  provider: string | null;
  post: string;
  urn: string | null;
  /** Identifies the carer, so a move can tell "same carer" (RNE T/U) from "new carer" (P/B). */
  carer: number;
}

export interface Episode {
  decom: number;
  rne: string;
  ls: string;
  cin: string;
  pl: Placement;
  dec: number | null;
  rec: string | null;
  /** REASON_PLACE_CHANGE: on the episode that ends with the change of placement (rule 225), as the DfE records it. */
  reason: string | null;
  home: string;
}

// Placements that need no URN (rule 218); every other placement gets one.
const NO_URN = new Set(['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1', 'Z11', 'Z12', 'Z13', 'Z14']);
export const FOSTER = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
/** Temporary placements (T0–T4): a week or less away from the usual placement, then back to it (rules 379–383). */
const TEMPORARY = (place: string) => place.charCodeAt(0) === 84 /* T */;
// Reasons for a change of placement, roughly as often as LAs record them.
const MOVE_REASONS: Weighted<string> = [
  ['CARPL', 0.38], ['PLACE', 0.16], ['STAND', 0.08], ['CHILD', 0.1], ['CREQB', 0.06], ['CREQO', 0.05],
  ['LAREQ', 0.06], ['CLOSE', 0.03], ['ALLEG', 0.02], ['APPRR', 0.02], ['OTHER', 0.04],
];
export const CIN: Weighted<string> = [
  ['N1', 62], ['N2', 3], ['N3', 3], ['N4', 7], ['N5', 14], ['N6', 1], ['N7', 0.2], ['N8', 2],
];
// Postcode areas of the old kingdom of Mercia: plausible, but the full codes are random.
// Each with its highest district number, so 'HR16' (no such district) is never made.
const POST_AREAS: readonly [string, number][] = [
  ['B', 76], ['CV', 47], ['WS', 15], ['WV', 16], ['DY', 14], ['ST', 21], ['DE', 75], ['NG', 34],
  ['LE', 67], ['NN', 18], ['WR', 15], ['HR', 9], ['SY', 25], ['TF', 13], ['LN', 13],
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** An exponential gap in days with the given mean, at least 1. */
function gap(rng: Random, mean: number): number {
  return Math.max(1, Math.round(-Math.log(1 - rng.next()) * mean));
}

/**
 * Builds one child's care episodes, as day numbers: placements (with a provider, postcode, URN
 * and carer), moves and changes of legal status, each closing the open episode the same day.
 * ChildMaker (synthetic-journeys.ts) decides what happens to a child and when.
 */
export class EpisodeBuilder {
  private readonly lists: CodeLists;
  protected readonly ys: number;
  protected readonly ye: number;
  protected carers = 0;
  // Per-child state while a history is built.
  protected eps: Episode[] = [];
  protected home = '';
  protected cin = 'N1';
  protected ls = 'C1';
  protected dob = 0;

  constructor(protected readonly rng: Random, year: CollectionYear) {
    this.lists = codeLists(year);
    this.ys = dayOf(year.start);
    this.ye = dayOf(year.end);
  }

  // ---- small pieces ----

  protected int(min: number, max: number): number {
    return max <= min ? min : this.rng.int(min, max);
  }

  protected postcode(): string {
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

  private provider(place: string): string | null {
    const r = this.rng;
    if (TEMPORARY(place) || place.startsWith('Z')) return null;
    if (place === 'P1') return 'PR0';
    if (['U1', 'U2', 'U3'].includes(place)) return 'PR1';
    if (['U4', 'U5', 'U6'].includes(place)) return r.weighted([['PR1', 0.6], ['PR4', 0.35], ['PR5', 0.05]]);
    // PR3 is never used with adoption placements (rule 529): RAA, another LA's RAA, or a VAA.
    if (place.startsWith('A')) return r.weighted([['PR1', 0.55], ['PR2', 0.25], ['PR5', 0.2]]);
    if (place === 'K2') return r.weighted([['PR1', 0.3], ['PR4', 0.65], ['PR5', 0.05]]);
    if (place === 'K1') return r.weighted([['PR1', 0.5], ['PR2', 0.5]]);
    if (place === 'R3') return r.weighted([['PR1', 0.5], ['PR5', 0.5]]);
    if (place === 'S1') return r.weighted([['PR4', 0.6], ['PR5', 0.3], ['PR1', 0.1]]);
    return r.weighted([['PR4', 0.7], ['PR1', 0.3]]);
  }

  protected placement(place: string, carer = ++this.carers): Placement {
    return { place, provider: this.provider(place), post: place === 'P1' ? this.home : this.postcode(), urn: this.urn(place), carer };
  }

  private valid(place: string): boolean {
    return this.lists.PLACE.includes(place);
  }

  /** A foster placement only: the stage before an adoptive placement (rule 336). */
  protected fosterPlace(): string {
    return this.rng.weighted([['U6', 0.5], ['U4', 0.2], ['U3', 0.2], ['U1', 0.1]]);
  }

  /** Any placement a child of this age is commonly in. */
  protected generalPlace(day: number): string {
    const age = (day - this.dob) / 365.25;
    const r = this.rng;
    let place: string;
    if (age < 1) place = r.weighted([['U6', 0.6], ['U4', 0.15], ['U3', 0.15], ['R3', 0.05], ['P1', 0.05]]);
    else if (age < 10) place = r.weighted([['U6', 0.45], ['U4', 0.25], ['U3', 0.12], ['U1', 0.08], ['P1', 0.05], ['K2', age >= 8 ? 0.02 : 0], ['T4', 0.02], ['S1', age >= 8 ? 0.01 : 0]]);
    else if (age < 16) place = r.weighted([['U6', 0.35], ['U4', 0.2], ['U3', 0.08], ['U1', 0.05], ['K2', 0.2], ['K1', 0.01], ['S1', 0.03], ['R1', 0.01], ['P1', 0.03], ['T4', 0.02], ['Z', 0.02]]);
    else place = r.weighted([['U6', 0.25], ['U4', 0.15], ['U3', 0.05], ['K2', 0.15], ['SEMI', 0.3], ['P1', 0.03], ['P3', 0.01], ['T4', 0.02], ['Z', 0.04]]);
    // Year-dependent codes: K3 from 2024/25, H5 until 2024/25, Z1 replaced by Z11–Z14 in 2025/26.
    if (place === 'SEMI') place = this.valid('K3') && (!this.valid('H5') || r.chance(0.7)) ? 'K3' : 'H5';
    if (place === 'Z') place = this.valid('Z1') ? 'Z1' : r.pick(['Z11', 'Z12', 'Z13', 'Z14']);
    return this.valid(place) ? place : 'U6';
  }

  // ---- building episodes (each call closes the open episode with X1 on the same day) ----

  protected get cur(): Episode | undefined {
    return this.eps[this.eps.length - 1];
  }

  protected startPeriod(day: number, ls: string, pl: Placement): void {
    // A period of care never starts in a temporary placement (380), nor placed with parents under s20 (378).
    if (TEMPORARY(pl.place) || (pl.place === 'P1' && ls === 'V2')) pl = this.placement('U6');
    this.ls = ls;
    this.eps.push({ decom: day, rne: 'S', ls, cin: this.cin, pl, dec: null, rec: null, reason: null, home: this.home });
  }

  protected close(day: number, rec: string): void {
    const cur = this.cur!;
    if (day <= cur.decom) throw new Error(`synthetic: episode would not move forward (${isoOf(day)})`);
    cur.dec = day;
    cur.rec = rec;
  }

  /** RNE L: a change of legal status only. */
  protected legal(day: number, ls: string): void {
    const cur = this.cur!;
    if (cur.pl.place === 'P1' && ls === 'V2') {
      this.move(day, this.placement('U6'), 'CARPL', ls);
      return;
    }
    this.close(day, 'X1');
    this.ls = ls;
    this.eps.push({ ...cur, decom: day, rne: 'L', ls, dec: null, rec: null, reason: null });
  }

  /** RNE P/T (placement only) or B/U (placement and legal status), by whether the carer is the same. */
  protected move(day: number, pl: Placement, reason: string, ls = this.ls): void {
    const cur = this.cur!;
    if (pl.place === 'P1' && ls === 'V2') pl = this.placement('U6'); // 378
    // From one parent to the other: a change of placement is a change of address (435).
    if (pl.place === 'P1' && cur.pl.place === 'P1' && pl.post === cur.pl.post) pl = { ...pl, post: this.postcode() };
    this.close(day, 'X1');
    const same = pl.carer === cur.pl.carer;
    const rne = ls === this.ls ? (same ? 'T' : 'P') : same ? 'U' : 'B';
    this.ls = ls;
    // The reason goes on the episode the change ends (225). Going into or coming back from a
    // temporary stay is not a change of placement, so neither carries one (226).
    cur.reason = TEMPORARY(pl.place) || TEMPORARY(cur.pl.place) ? null : reason;
    this.eps.push({ decom: day, rne, ls, cin: this.cin, pl, dec: null, rec: null, reason: null, home: this.home });
  }

  /**
   * A legal status change, which sometimes comes with a move (RNE B), or with the same carers
   * taking the child on long-term (RNE U); otherwise a change of legal status only (RNE L).
   */
  protected legalMaybeMoving(day: number, ls: string, choose: (day: number) => string): void {
    const cur = this.cur!;
    const roll = this.rng.next();
    if (roll < 0.06 && (cur.pl.place === 'U6' || cur.pl.place === 'U3')) {
      this.move(day, { ...cur.pl, place: cur.pl.place === 'U6' ? 'U4' : 'U1' }, 'CARPL', ls);
    } else if (roll < 0.18 && !TEMPORARY(cur.pl.place)) {
      // Temporary stays start only in fill(), which brings the child back (383).
      const place = choose(day);
      this.move(day, this.placement(TEMPORARY(place) ? 'U6' : place), this.moveReason(), ls);
    } else {
      this.legal(day, ls);
    }
  }

  private moveReason(): string {
    return this.rng.weighted(MOVE_REASONS);
  }

  /**
   * Ordinary moves strictly between two days, at the pace that gives ~3.8 episodes a child in
   * the year. Moves start at most a year before the collection: episodes that end before it are
   * never written, so going further back would be wasted work.
   */
  protected fill(from: number, to: number, meanGap: number, choose: (day: number) => string): void {
    let day = Math.max(from, this.cur!.decom, this.ys - 365) + gap(this.rng, meanGap);
    // The placement a temporary stay comes back to (383).
    let usual: Placement | null = null;
    while (day < to && day <= this.ye) {
      const cur = this.cur!;
      if (usual !== null) {
        // Back from the temporary stay to the usual placement: same carers, postcode and URN.
        this.move(day, usual, 'CARPL');
        usual = null;
        day += gap(this.rng, meanGap);
      } else {
        let place = choose(day);
        // A temporary stay lasts a week or less and ends back in the usual placement before
        // whatever ends this stretch (a legal change, a move to adopters, leaving care: 379–381),
        // and never under respite (382).
        if (TEMPORARY(place) && (day + 8 >= to || day + 8 > this.ye || this.ls === 'V3' || this.ls === 'V4')) place = 'U6';
        const now = cur.pl.place;
        if ((now === 'U6' || now === 'U3') && this.rng.chance(0.08)) {
          // The same carers become the child's long-term foster carers: RNE T.
          this.move(day, { ...cur.pl, place: now === 'U6' ? 'U4' : 'U1' }, 'CARPL');
        } else {
          if (TEMPORARY(place)) usual = cur.pl;
          this.move(day, this.placement(place), this.moveReason());
        }
        // Temporary placements last a week or less.
        day += TEMPORARY(place) ? this.int(1, 7) : gap(this.rng, meanGap);
      }
    }
  }

  /** The reason a non-adoptive period of care ends, agreeing with the placement (rule 516). */
  protected leaveReason(day: number): string {
    const place = this.cur!.pl.place;
    const age = (day - this.dob) / 365.25;
    const foster = FOSTER.has(place);
    return this.rng.weighted([
      ['E4A', 0.3], ['E4B', 0.05], ['E13', 0.1], ['E8', 0.1], ['E41', 0.08], ['E3', 0.05],
      [['U1', 'U2', 'U3'].includes(place) ? 'E45' : 'E46', foster ? 0.15 : 0],
      [this.rng.chance(0.6) ? 'E47' : 'E48', 0.07],
      ['E5', age >= 16 ? 0.25 : 0],
    ]);
  }
}
