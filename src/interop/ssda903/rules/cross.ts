// Rules that compare tables: AD1 with PlacedAdoption (523, 525), PlacedAdoption with
// Episodes (117, 118, 1003, 551–554, 557, 558), AD1 with Episodes (334, 521, 331, 582, 335,
// 601, 602) and rows for a child with no episodes (1012).

import { hasAd1Data, firstBlankItem } from './ad1.ts';
import { at, isAdopted, isAdoptionPlacement, report, show, type Check, type EpisodeRow, type PlacedRow } from './common.ts';
import { decisionsByDate } from './placed.ts';

const NOT_CARE_PERIOD: ReadonlySet<string> = new Set(['V3', 'V4']); // short breaks (118)

/** The episodes the cross-table rules look at, found in one pass over the DECOM-sorted list. */
interface Landmarks {
  /** 117: the latest episode that did not end X1 (an open one counts). */
  lastNotX1: EpisodeRow | null;
  /** 118: the first episode with LS other than V3/V4. */
  firstCare: EpisodeRow | null;
  /** 1003: the first episode with RNE S; 334: the latest. */
  firstS: EpisodeRow | null;
  lastS: EpisodeRow | null;
  /** 551/552: the first A3–A6 placement. */
  firstA: EpisodeRow | null;
  /** 553/554: the first LS E1 episode, and an E1 episode still open. */
  firstE1: EpisodeRow | null;
  openE1: EpisodeRow | null;
  /** 557: an A3–A6 / E1 (/ D1) episode that ended other than by adoption or X1. */
  leftNotAdopted: EpisodeRow | null;
  /** Episodes ending E11/E12, and the first of them ending in the collection year. */
  adoptions: EpisodeRow[];
  adoptedThisYear: EpisodeRow | null;
}

function landmarks(c: Check): Landmarks {
  // 557: D1 (freeing order) counts until 2023/24; the 2024/25 wording drops it.
  const withD1 = c.year.endYear <= 2024;
  const m: Landmarks = {
    lastNotX1: null, firstCare: null, firstS: null, lastS: null, firstA: null, firstE1: null, openE1: null,
    leftNotAdopted: null, adoptions: [], adoptedThisYear: null,
  };
  for (const e of c.episodes) {
    const { LS: ls, RNE: rne, REC: rec, DEC: dec } = e.row.values;
    const adopted = isAdopted(e);
    const placedForAdoption = isAdoptionPlacement(e);
    if (adopted) {
      m.adoptions.push(e);
      if (m.adoptedThisYear === null && e.dec !== null && e.dec >= c.start && e.dec <= c.end) m.adoptedThisYear = e;
    }
    if (ls === 'E1' && dec === null && m.openE1 === null) m.openE1 = e;
    if (m.leftNotAdopted === null && (placedForAdoption || ls === 'E1' || (withD1 && ls === 'D1')) && rec !== null && rec !== 'X1' && !adopted) {
      m.leftNotAdopted = e;
    }
    if (e.decom === null) continue; // sorted last; the date rules need a start
    // Strictly later only, so ties keep the first, as the DfE's idxmax does.
    if (rec !== 'X1' && (m.lastNotX1 === null || e.decom > m.lastNotX1.decom!)) m.lastNotX1 = e;
    if (m.firstCare === null && (ls === null || !NOT_CARE_PERIOD.has(ls))) m.firstCare = e;
    if (rne === 'S') {
      if (m.firstS === null) m.firstS = e;
      if (m.lastS === null || e.decom > m.lastS.decom!) m.lastS = e;
    }
    if (m.firstA === null && placedForAdoption) m.firstA = e;
    if (m.firstE1 === null && ls === 'E1') m.firstE1 = e;
  }
  return m;
}

function adoptionPlacedWith(c: Check): void {
  for (const a of c.ad1) {
    const v = a.row.values;
    // 523: compared with every decision row, as the DfE rule does.
    if (a.dateInt !== null) {
      for (const p of c.placed) {
        if (p.placed !== null && p.placed !== a.dateInt) {
          report(c, p.row, 'DATE_PLACED', '523', `DATE_PLACED ${p.row.values.DATE_PLACED} differs from AD1 DATE_INT ${v.DATE_INT} (${at(a.row)}); they are the same decision.`);
        }
      }
    }
    // 525: a reversed decision means the child cannot have been adopted on it.
    const reversed = c.placed.find((p) => p.row.values.DATE_PLACED_CEASED !== null);
    if (reversed !== undefined && hasAd1Data(v)) {
      report(c, a.row, 'DATE_INT', '525', `The decision to place for adoption ceased on ${reversed.row.values.DATE_PLACED_CEASED} (${at(reversed.row)}), so the child must have no AD1 data.`);
    }
  }
}

function checkDate(c: Check, p: PlacedRow, column: string, date: string | null, last: EpisodeRow | null): void {
  if (date === null) return;
  if (date > c.end) {
    report(c, p.row, column, '117', `${column} ${show(date)} is after the end of the collection year (${show(c.end)}).`);
  } else if (last !== null && last.dec !== null && date > last.dec) {
    report(c, p.row, column, '117', `${column} ${show(date)} is after the child ceased to be looked after (DEC ${last.row.values.DEC}, ${at(last.row)}).`);
  }
}

function placedWithEpisodes(c: Check, m: Landmarks): void {
  const { lastNotX1: last, firstCare, firstS, firstA, firstE1, openE1, leftNotAdopted } = m;

  for (const p of c.placed) {
    const v = p.row.values;
    checkDate(c, p, 'DATE_PLACED', p.placed, last);
    checkDate(c, p, 'DATE_PLACED_CEASED', p.ceased, last);
    if (p.ceased !== null) {
      if (p.ceased < c.start) {
        report(c, p.row, 'DATE_PLACED_CEASED', '118', `DATE_PLACED_CEASED ${v.DATE_PLACED_CEASED} is before the start of the collection year (${show(c.start)}).`);
      } else if (firstCare !== null && p.ceased < firstCare.decom!) {
        report(c, p.row, 'DATE_PLACED_CEASED', '118', `DATE_PLACED_CEASED ${v.DATE_PLACED_CEASED} is before the child started to be looked after (DECOM ${firstCare.row.values.DECOM}, ${at(firstCare.row)}).`);
      }
    }
    if (p.placed !== null && firstS !== null && p.placed < firstS.decom!) {
      report(c, p.row, 'DATE_PLACED', '1003', `DATE_PLACED ${v.DATE_PLACED} is before the child started to be looked after (first RNE S episode, DECOM ${firstS.row.values.DECOM}, ${at(firstS.row)}).`);
    }
    if (p.placed !== null && firstE1 !== null && p.placed > firstE1.decom!) {
      report(c, p.row, 'DATE_PLACED', '554', `DATE_PLACED ${v.DATE_PLACED} is after the placement order was granted (first LS E1 episode, DECOM ${firstE1.row.values.DECOM}, ${at(firstE1.row)}).`);
    }
  }

  const dated = decisionsByDate(c);
  // 551 / 552: placed for adoption needs a decision, made on or before the first placement.
  if (firstA !== null) {
    const latestDecision = dated[dated.length - 1];
    if (latestDecision === undefined) {
      report(c, firstA.row, 'PLACE', '551', `The child was placed for adoption (${firstA.row.values.PLACE} from ${firstA.row.values.DECOM}) but no decision to place for adoption (DATE_PLACED) is recorded.`);
    } else if (latestDecision.placed! > firstA.decom!) {
      report(c, latestDecision.row, 'DATE_PLACED', '552', `The latest DATE_PLACED ${latestDecision.row.values.DATE_PLACED} is after the child was first placed for adoption (${firstA.row.values.PLACE} from ${firstA.row.values.DECOM}, ${at(firstA.row)}).`);
    }
  }
  // 553: a placement order needs a decision row; an open E1 episode needs it still open.
  if (firstE1 !== null && c.placed.length === 0) {
    report(c, firstE1.row, 'LS', '553', `A placement order was granted (LS E1 from ${firstE1.row.values.DECOM}) but there is no decision that the child should be placed for adoption.`);
  }
  if (openE1 !== null) {
    for (const p of c.placed) {
      const v = p.row.values;
      if (v.DATE_PLACED_CEASED !== null || v.REASON_PLACED_CEASED !== null) {
        const column = v.DATE_PLACED_CEASED !== null ? 'DATE_PLACED_CEASED' : 'REASON_PLACED_CEASED';
        report(c, p.row, column, '553', `The placement order episode starting ${openE1.row.values.DECOM} (${at(openE1.row)}) is still open, so the decision must not show that it ceased (${column} ${v[column]}).`);
      }
    }
  }
  // 557: left care from an adoption placement or a placement order, not adopted.
  if (leftNotAdopted !== null) {
    const ev = leftNotAdopted.row.values;
    if (c.placed.length === 0) {
      report(c, leftNotAdopted.row, 'REC', '557', `The child left care (REC ${ev.REC} on ${ev.DEC ?? 'blank'}) from ${ev.PLACE ?? 'blank'} / LS ${ev.LS ?? 'blank'} without being adopted, but no decision row records that the child should no longer be placed for adoption.`);
    }
    for (const p of c.placed) {
      const v = p.row.values;
      if (v.DATE_PLACED_CEASED === null || v.REASON_PLACED_CEASED === null) {
        const column = v.DATE_PLACED_CEASED === null ? 'DATE_PLACED_CEASED' : 'REASON_PLACED_CEASED';
        report(c, p.row, column, '557', `The child left care without being adopted (REC ${ev.REC} on ${ev.DEC ?? 'blank'}, ${at(leftNotAdopted.row)}), so the decision needs DATE_PLACED_CEASED and REASON_PLACED_CEASED; ${column} is blank.`);
      }
    }
  }
  // 558: an adopted child's latest decision should still be open. The public validator only
  // fires when several decisions ceased in one year and none is open; Mercia checks the intent.
  const adoption = m.adoptions[0];
  if (adoption !== undefined && c.placed.length > 0 && c.placed.every((p) => p.row.values.DATE_PLACED_CEASED !== null)) {
    const latestDecision = dated[dated.length - 1] ?? c.placed[c.placed.length - 1]!;
    report(c, latestDecision.row, 'DATE_PLACED_CEASED', '558', `The child was adopted (REC ${adoption.row.values.REC} on ${adoption.row.values.DEC ?? 'blank'}), so the decision to place for adoption should not show a ceased date (${latestDecision.row.values.DATE_PLACED_CEASED}).`);
  }
}

function ad1WithEpisodes(c: Check, m: Landmarks): void {
  const { lastS, adoptions, adoptedThisYear } = m;
  for (const a of c.ad1) {
    const v = a.row.values;
    if (a.dateInt !== null) {
      if (lastS !== null && a.dateInt < lastS.decom!) {
        report(c, a.row, 'DATE_INT', '334', `DATE_INT ${v.DATE_INT} is before the start of the latest period of care (DECOM ${lastS.row.values.DECOM}, ${at(lastS.row)}).`);
      }
      // The first A3–A6 placement is the earliest one the decision could be after.
      const placedBefore = m.firstA !== null && m.firstA.decom! < a.dateInt ? m.firstA : null;
      if (placedBefore !== null) {
        report(c, a.row, 'DATE_INT', '521', `DATE_INT ${v.DATE_INT} is after the child was placed for adoption (${placedBefore.row.values.PLACE} from ${placedBefore.row.values.DECOM}, ${at(placedBefore.row)}).`);
      }
    }
    for (const e of adoptions) {
      const ev = e.row.values;
      if (a.dateMatch !== null && e.decom !== null && a.dateMatch > e.decom) {
        report(c, a.row, 'DATE_MATCH', '331', `DATE_MATCH ${v.DATE_MATCH} is after the adoptive placement began (DECOM ${ev.DECOM} of the episode ending ${ev.REC}, ${at(e.row)}).`);
      }
      if (a.dateMatch !== null && e.dec !== null && a.dateMatch === e.dec) {
        report(c, e.row, 'DEC', '582', `The adoption date (DEC ${ev.DEC}) is the same as the match date (AD1 DATE_MATCH, ${at(a.row)}); the match is expected to come first.`);
      }
      const fc = v.FOSTER_CARE;
      const place = ev.PLACE;
      if ((fc === '0' && (place === 'A3' || place === 'A5')) || (fc === '1' && (place === 'A4' || place === 'A6'))) {
        const meaning = fc === '1' ? 'adopted by the current foster carer' : 'not adopted by the current foster carer';
        report(c, a.row, 'FOSTER_CARE', '335', `FOSTER_CARE ${fc} (${meaning}) contradicts the final placement ${place} (${at(e.row)}).`);
      }
    }
    if (adoptedThisYear !== null) {
      const blank = firstBlankItem(v);
      if (blank !== null) {
        report(c, a.row, blank, '601', `The child was adopted in the year (REC ${adoptedThisYear.row.values.REC} on ${adoptedThisYear.row.values.DEC}) so all six AD1 items are needed; ${blank} is blank.`);
      }
    } else if (hasAd1Data(v)) {
      report(c, a.row, 'CHILD', '602', `The child has AD1 data but no episode ending in adoption (E11/E12) between ${show(c.start)} and ${show(c.end)}.`);
    }
  }
}

function noEpisodes(c: Check): void {
  if (c.episodes.length > 0) return;
  for (const [table, rows] of [['AD1', c.ad1], ['PlacedAdoption', c.placed], ['PrevPerm', c.prevPerm]] as const) {
    for (const { row } of rows) {
      report(c, row, 'CHILD', '1012', `Child ${c.child} has no episodes in this return, so should have no ${table} row.`);
    }
  }
}

export function crossRules(c: Check): void {
  adoptionPlacedWith(c);
  if (c.episodes.length > 0) {
    const m = landmarks(c);
    placedWithEpisodes(c, m);
    ad1WithEpisodes(c, m);
  }
  noEpisodes(c);
}
