// The demo children's SSDA903 details, as a council's records hold them: each period of care's
// category of need (CIN) and home postcode, each placement's postcode and Ofsted URN, the reason
// for each change of placement on the episode the change ended (the DfE's convention, rule 225),
// MOTHER for every girl (rules 393, 607), a UN code where a child has no UPN (rule 442) and a
// previous permanence row for every child who started care since April 2016 (rule 634).
// Synthetic: postcodes are of the council's postcode area but made up. A Random of its own, so
// the rest of the demo is as it was. Pure.
import { addDays } from '../core/dates.ts';
import type { Episode } from '../children/model.ts';
import type { Random, Weighted } from './random.ts';

/** Each demo council's postcode area and the districts in it (a made-up inward code follows). */
const POSTCODE_AREAS: Record<string, readonly [string, number, number]> = {
  herefordshire: ['HR', 1, 9], shropshire: ['SY', 1, 13], 'telford-and-wrekin': ['TF', 1, 7], worcestershire: ['WR', 1, 15],
  thurrock: ['RM', 15, 20], 'southend-on-sea': ['SS', 0, 9], havering: ['RM', 1, 14],
};
/** Placements out of area: nearby cities' postcode areas. */
const ELSEWHERE: readonly (readonly [string, number, number])[] = [['B', 1, 76], ['WV', 1, 16], ['CV', 1, 47], ['ST', 1, 21], ['CF', 3, 24], ['CM', 1, 24]];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const CIN: Weighted<string> = [['N1', 62], ['N2', 3], ['N3', 3], ['N4', 7], ['N5', 14], ['N6', 1], ['N7', 0.2], ['N8', 2]];
const MOVE_REASONS: Weighted<string> = [
  ['CARPL', 0.38], ['PLACE', 0.16], ['STAND', 0.08], ['CHILD', 0.1], ['CREQB', 0.06], ['CREQO', 0.05],
  ['LAREQ', 0.06], ['CLOSE', 0.03], ['ALLEG', 0.02], ['APPRR', 0.02], ['OTHER', 0.04],
];
// Settings with no Ofsted URN: with parents, independent living, health and custody, temporary.
const NO_URN = new Set(['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1', 'Z11', 'Z12', 'Z13', 'Z14']);
/** RNE for a new placement with new carers: the setting, so its postcode and URN, changes. */
const NEW_SETTING = new Set(['S', 'P', 'B']);
const PLACE_CHANGE = new Set(['P', 'B', 'T', 'U']);
const isTemporary = (place: string | null) => place !== null && place.startsWith('T');

export interface ReturnDetails {
  episodes: Episode[];
  upn: string | null;
  mother: string | null;
  previousPermanence: { previousOrder: string; laCode: string | null; orderDate: string | null } | null;
}

export class ReturnFields {
  constructor(private readonly r: Random, private readonly councilSlug: string) {}

  private postcode(area: readonly [string, number, number]): string {
    const [letters, lo, hi] = area;
    return `${letters}${this.r.int(lo, hi)} ${this.r.int(1, 9)}${INWARD_LETTERS[this.r.int(0, 19)]}${INWARD_LETTERS[this.r.int(0, 19)]}`;
  }

  private local(): string {
    return this.postcode(POSTCODE_AREAS[this.councilSlug] ?? ['HR', 1, 9]);
  }

  private urn(place: string | null): string | null {
    if (place === null || NO_URN.has(place)) return null;
    // Schools carry a DfE establishment number; care settings an Ofsted "SC" number.
    return place === 'S1' ? String(this.r.int(100_000, 149_999)) : `SC${String(this.r.int(0, 999_999)).padStart(6, '0')}`;
  }

  /** The child's episodes with their 903 details, and the child's Header and PrevPerm details. */
  details(child: { dateOfBirth: string; sex: 'M' | 'F'; upn: string | null; age: number }, episodes: readonly Episode[]): ReturnDetails {
    const out: Episode[] = [];
    let cin = 'N1';
    let home = '';
    let setting = { postcode: '', urn: null as string | null };
    for (const e of episodes) {
      if (e.rne === 'S') {
        cin = this.r.weighted(CIN);
        home = this.local();
      }
      if (NEW_SETTING.has(e.rne) || out.length === 0) {
        // With parents the placement is the home (from one parent to the other, the other's address: 435);
        // otherwise mostly in the council's own area.
        const withParents = e.placement === 'P1' && !(out.length > 0 && out[out.length - 1]!.placement === 'P1' && setting.postcode === home);
        setting = { postcode: withParents ? home : this.r.chance(0.75) || e.placement === 'P1' ? this.local() : this.postcode(this.r.pick(ELSEWHERE)), urn: this.urn(e.placement) };
      } else if (e.placement !== out[out.length - 1]!.placement) {
        // The same carers, a different kind of placement (RNE T/U): the same address, the setting's own URN.
        setting = { postcode: setting.postcode, urn: this.urn(e.placement) };
      }
      out.push({ ...e, cin, homePostcode: home, placementPostcode: setting.postcode, urn: setting.urn, reasonPlaceChange: null });
    }
    // The reason for a change of placement goes on the episode the change ended (225), and none
    // around a temporary stay (226). A move to adopters is the care plan carried out.
    for (let i = 0; i + 1 < out.length; i++) {
      const ended = out[i]!;
      const next = out[i + 1]!;
      if (ended.reasonCeased !== 'X1' || !PLACE_CHANGE.has(next.rne) || isTemporary(ended.placement) || isTemporary(next.placement)) continue;
      out[i] = { ...ended, reasonPlaceChange: next.placement?.startsWith('A') ? 'CARPL' : this.r.weighted(MOVE_REASONS) };
    }
    return { episodes: out, upn: child.upn ?? this.unknownUpn(child.age), mother: child.sex === 'F' ? '0' : null, previousPermanence: this.previousPermanence(child.dateOfBirth, out) };
  }

  /** UN1 for a child under 6 not yet given a UPN; otherwise never at a state school (UN2) or newly arrived (UN4). */
  private unknownUpn(age: number): string {
    return age < 6 ? 'UN1' : this.r.weighted([['UN2', 0.6], ['UN4', 0.4]]);
  }

  /** For a child whose latest period of care began from April 2016: none (Z1) mostly, else an order made before any care. */
  private previousPermanence(dob: string, episodes: readonly Episode[]): ReturnDetails['previousPermanence'] {
    const starts = episodes.filter((e) => e.rne === 'S').map((e) => e.startDate);
    const latest = starts[starts.length - 1];
    if (latest === undefined || latest < '2016-04-01') return null;
    const first = starts[0]!;
    const code = this.r.weighted([['Z1', 0.6], ['P1', 0.05], ['P2', 0.15], ['P3', 0.1], ['P4', 0.1]]);
    // Z1 (none) and P4 (not known) leave the council and date blank (635); an order's date comes
    // before the child's first period of care, never inside one (632).
    const earliest = addDays(dob, 30);
    const latestDay = addDays(first, -30);
    if (code === 'Z1' || code === 'P4' || earliest > latestDay) return { previousOrder: code === 'P4' ? 'P4' : 'Z1', laCode: null, orderDate: null };
    const span = Math.round((Date.parse(latestDay) - Date.parse(earliest)) / 86_400_000);
    return { previousOrder: code, laCode: this.r.chance(0.8) ? this.r.pick(['330', '331', '860', '861', '865', '873', '891']) : '999', orderDate: addDays(earliest, this.r.int(0, span)) };
  }
}
