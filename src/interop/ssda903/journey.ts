// From a validated return to the child's record and back. Reading: a child's rows become the
// child's details, care episodes, decisions (SHOBPA and any reversal), the adopters' facts
// and previous permanence; the journey's milestones are derived from those. Writing: the
// records become the rows of the five tables for a collection year. Pure functions only:
// the same mapping both ways is what makes a round trip reproduce the return exactly.
import type { MilestoneType } from '../../children/codes.ts';
import type { Episode } from '../../children/model.ts';
import {
  formatDfeDate, parseDfeDate, sexFromReturn, sexToReturn, type ChildGroup, type CollectionYear, type Column,
} from './model.ts';

/** A care episode with every column of the return's Episodes table. */
export interface EpisodeFacts extends Omit<Episode, 'id'> {
  cin: string | null;
  reasonPlaceChange: string | null;
  homePostcode: string | null;
  placementPostcode: string | null;
  urn: string | null;
}

/** A decision that the child should be placed for adoption, and its reversal if any. */
export interface Decision {
  placed: string;
  ceased: string | null;
  reason: string | null;
}

export interface AdopterFacts {
  adoptedByFosterCarer: boolean;
  adopterCount: number;
  adopterSexes: string;
  adopterLegalStatus: string;
}

export interface PreviousPermanence {
  previousOrder: string | null;
  laCode: string | null;
  orderDate: string | null;
}

export interface ChildFacts {
  ref: string;
  dateOfBirth: string;
  sex: 'M' | 'F' | 'U';
  ethnicity: string;
  upn: string | null;
  mother: string | null;
  motherChildDob: string | null;
}

export interface ChildFromReturn {
  child: ChildFacts;
  episodes: EpisodeFacts[];
  decisions: Decision[];
  adopters: AdopterFacts | null;
  matchDate: string | null;
  previousPermanence: PreviousPermanence | null;
}

export interface DerivedMilestone {
  type: MilestoneType;
  date: string;
  code: string | null;
}

/** The milestone types a return is the source of: an import replaces these and keeps the rest. */
export const RETURN_MILESTONES: readonly MilestoneType[] = ['shobpa', 'plan-reversed', 'placement-order', 'placed-for-adoption', 'adoption-order'];

const ADOPTION_PLACEMENTS = ['A3', 'A4', 'A5', 'A6'];
const ADOPTED = ['E11', 'E12'];

// ---- reading ------------------------------------------------------------------------------

/** The child's records as the return gives them. Only for a child whose rows have no errors. */
export function childFromReturn(group: ChildGroup): ChildFromReturn {
  const h = group.header[0]!.values;
  const ad1 = group.ad1.find((r) => r.values.FOSTER_CARE !== null)?.values;
  const perm = group.prevPerm[0]?.values;
  return {
    child: {
      ref: group.child,
      dateOfBirth: parseDfeDate(h.DOB)!,
      sex: sexFromReturn(h.SEX!)!,
      ethnicity: h.ETHNIC!,
      upn: h.UPN,
      mother: h.MOTHER,
      motherChildDob: parseDfeDate(h.MC_DOB),
    },
    episodes: group.episodes.map((r) => r.values).map((e) => ({
      startDate: parseDfeDate(e.DECOM)!, rne: e.RNE!, legalStatus: e.LS, placement: e.PLACE, placementProvider: e.PLACE_PROVIDER,
      endDate: parseDfeDate(e.DEC), reasonCeased: e.REC, cin: e.CIN, reasonPlaceChange: e.REASON_PLACE_CHANGE,
      homePostcode: e.HOME_POST, placementPostcode: e.PL_POST, urn: e.URN,
    })).sort((a, b) => a.startDate.localeCompare(b.startDate)),
    decisions: group.placed.map((r) => r.values)
      .filter((p) => p.DATE_PLACED !== null)
      .map((p) => ({ placed: parseDfeDate(p.DATE_PLACED)!, ceased: parseDfeDate(p.DATE_PLACED_CEASED), reason: p.REASON_PLACED_CEASED }))
      .sort((a, b) => a.placed.localeCompare(b.placed)),
    adopters: ad1 ? {
      adoptedByFosterCarer: ad1.FOSTER_CARE === '1', adopterCount: Number(ad1.NB_ADOPTR), adopterSexes: ad1.SEX_ADOPTR!, adopterLegalStatus: ad1.LS_ADOPTR!,
    } : null,
    matchDate: parseDfeDate(ad1?.DATE_MATCH ?? null),
    previousPermanence: perm ? { previousOrder: perm.PREV_PERM, laCode: perm.LA_PERM, orderDate: parseDfeDate(perm.DATE_PERM) } : null,
  };
}

/**
 * The journey's milestones from the care history and the decisions: each decision opens an
 * attempt at adoption that its reversal ends. Within an attempt, the placement order is when
 * legal status E1 began (or the decision, if E1 was already in force), the adoptive placement
 * is the first A3–A6 episode, and the adoption order is the E11/E12 ending. The match comes
 * from AD1 and belongs to the latest attempt.
 */
export function milestonesFromJourney(episodes: readonly EpisodeFacts[], decisions: readonly Decision[], matchDate: string | null): DerivedMilestone[] {
  const sorted = [...episodes].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const result: DerivedMilestone[] = [];
  decisions.forEach((d, i) => {
    const until = d.ceased ?? decisions[i + 1]?.placed ?? '9999-12-31';
    const within = (day: string) => day >= d.placed && day <= until;
    result.push({ type: 'shobpa', date: d.placed, code: null });
    const order = placementOrderStart(sorted, d.placed, until);
    if (order) result.push({ type: 'placement-order', date: order, code: 'order' });
    const isLatest = i === decisions.length - 1;
    const placement = sorted.find((e) => e.placement !== null && ADOPTION_PLACEMENTS.includes(e.placement) && within(e.startDate));
    if (isLatest && matchDate && matchDate >= d.placed) result.push({ type: 'match', date: matchDate, code: null });
    if (placement) result.push({ type: 'placed-for-adoption', date: placement.startDate, code: placement.placement });
    const adopted = sorted.find((e) => e.reasonCeased !== null && ADOPTED.includes(e.reasonCeased) && e.endDate !== null && within(e.endDate));
    if (adopted) result.push({ type: 'adoption-order', date: adopted.endDate!, code: adopted.reasonCeased });
    if (d.ceased) result.push({ type: 'plan-reversed', date: d.ceased, code: d.reason });
  });
  return result;
}

/** When the run of E1 (placement order) episodes in force during a decision began, no earlier than the decision. */
function placementOrderStart(episodes: readonly EpisodeFacts[], from: string, until: string): string | null {
  let runStart: string | null = null;
  let previousEnd: string | null = null;
  for (const e of episodes) {
    const continues = runStart !== null && previousEnd === e.startDate;
    if (e.legalStatus === 'E1') {
      if (!continues) runStart = e.startDate;
      const runEnd = e.endDate ?? '9999-12-31';
      if (runEnd >= from && runStart! <= until) return runStart! > from ? runStart! : from;
    } else {
      runStart = null;
    }
    previousEnd = e.endDate;
  }
  return null;
}

// ---- writing ------------------------------------------------------------------------------

export interface ChildRecords {
  child: ChildFacts;
  /** Every episode of the child: those overlapping the year are written. */
  episodes: EpisodeFacts[];
  milestones: DerivedMilestone[];
  adopters: AdopterFacts | null;
  previousPermanence: PreviousPermanence | null;
}

export interface ReturnRows {
  Header: Record<Column<'Header'>, string | null>[];
  Episodes: Record<Column<'Episodes'>, string | null>[];
  AD1: Record<Column<'AD1'>, string | null>[];
  PlacedAdoption: Record<Column<'PlacedAdoption'>, string | null>[];
  PrevPerm: Record<Column<'PrevPerm'>, string | null>[];
}

export function overlapsYear(e: Pick<EpisodeFacts, 'startDate' | 'endDate'>, year: CollectionYear): boolean {
  return e.startDate <= year.end && (e.endDate === null || e.endDate >= year.start);
}

/** Decisions, read back from the milestones: a reversal closes the decision open before it. */
export function decisionsOf(milestones: readonly DerivedMilestone[]): Decision[] {
  const decisions: Decision[] = [];
  for (const m of [...milestones].sort((a, b) => a.date.localeCompare(b.date))) {
    if (m.type === 'shobpa') decisions.push({ placed: m.date, ceased: null, reason: null });
    const open = decisions.at(-1);
    if (m.type === 'plan-reversed' && open && open.ceased === null) Object.assign(open, { ceased: m.date, reason: m.code });
  }
  return decisions;
}

/** The child's rows in a collection year's return; null if the child was not looked after in the year. */
export function rowsOf(r: ChildRecords, year: CollectionYear): ReturnRows | null {
  // As the year ended: an episode or a decision that ended later was still open then.
  const asAtYearEnd = <T extends { endDate: string | null; reasonCeased: string | null }>(e: T): T =>
    (e.endDate !== null && e.endDate > year.end ? { ...e, endDate: null, reasonCeased: null, reasonPlaceChange: null } : e);
  const episodes = r.episodes.filter((e) => overlapsYear(e, year)).map(asAtYearEnd).sort((a, b) => a.startDate.localeCompare(b.startDate));
  if (episodes.length === 0) return null;
  const CHILD = r.child.ref;
  const DOB = formatDfeDate(r.child.dateOfBirth);
  const decisions = decisionsOf(r.milestones).map((d) => (d.ceased !== null && d.ceased > year.end ? { ...d, ceased: null, reason: null } : d));
  const adoption = episodes.find((e) => e.reasonCeased !== null && ADOPTED.includes(e.reasonCeased) && e.endDate! >= year.start && e.endDate! <= year.end);
  const ad1: ReturnRows['AD1'] = [];
  if (adoption && r.adopters) {
    const decision = decisions.filter((d) => d.placed <= adoption.endDate! && d.ceased === null).at(-1);
    const match = r.milestones.filter((m) => m.type === 'match' && m.date <= adoption.endDate!).sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    ad1.push({
      CHILD, DOB, DATE_INT: formatDfeDate(decision?.placed ?? null), DATE_MATCH: formatDfeDate(match?.date ?? null),
      FOSTER_CARE: r.adopters.adoptedByFosterCarer ? '1' : '0', NB_ADOPTR: String(r.adopters.adopterCount),
      SEX_ADOPTR: r.adopters.adopterSexes, LS_ADOPTR: r.adopters.adopterLegalStatus,
    });
  }
  return {
    Header: [{
      CHILD, SEX: sexToReturn(r.child.sex, year), DOB, ETHNIC: r.child.ethnicity, UPN: r.child.upn,
      MOTHER: r.child.mother, MC_DOB: formatDfeDate(r.child.motherChildDob),
    }],
    Episodes: episodes.map((e) => ({
      CHILD, DECOM: formatDfeDate(e.startDate), RNE: e.rne, LS: e.legalStatus, CIN: e.cin, PLACE: e.placement,
      PLACE_PROVIDER: e.placementProvider, DEC: formatDfeDate(e.endDate), REC: e.reasonCeased, REASON_PLACE_CHANGE: e.reasonPlaceChange,
      HOME_POST: e.homePostcode, PL_POST: e.placementPostcode, URN: e.urn,
    })),
    AD1: ad1,
    // Decisions in force at some time in the year (DfE rules 117/118).
    PlacedAdoption: decisions.filter((d) => d.placed <= year.end && (d.ceased === null || d.ceased >= year.start)).map((d) => ({
      CHILD, DOB, DATE_PLACED: formatDfeDate(d.placed), DATE_PLACED_CEASED: formatDfeDate(d.ceased), REASON_PLACED_CEASED: d.reason,
    })),
    PrevPerm: r.previousPermanence ? [{
      CHILD, DOB, PREV_PERM: r.previousPermanence.previousOrder, LA_PERM: r.previousPermanence.laCode, DATE_PERM: formatDfeDate(r.previousPermanence.orderDate),
    }] : [],
  };
}
