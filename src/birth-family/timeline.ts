// A birth family case's story in date order, for its page: referrals, offers and answers,
// sessions, closings and reopenings. Pure.
import type { ChronologyEntry } from '../core/records.ts';
import { OFFER_ANSWERS, OFFER_KINDS, OUTCOMES, REFERRERS, SESSION_KINDS, type OfferAnswer, type OfferKind, type Outcome, type Referrer, type SessionKind } from './model.ts';

export interface TimelineParts {
  referrals: readonly { receivedOn: string; referredBy: Referrer; reason: string; consentToShare: boolean }[];
  offers: readonly { madeOn: string; kind: OfferKind; answer: OfferAnswer | null; answeredOn: string | null }[];
  sessions: readonly { heldOn: string; kind: SessionKind; minutes: number; note: string }[];
  closings: readonly { closedOn: string; outcome: Outcome; summary: string; reopenedOn: string | null; reopenReason: string | null }[];
}

/** Newest first, as the MoJ timeline reads. */
export function caseTimeline(p: TimelineParts): ChronologyEntry[] {
  const out: ChronologyEntry[] = [];
  for (const r of p.referrals) {
    out.push({ date: r.receivedOn, kind: 'stage', title: `Referral: ${REFERRERS[r.referredBy].toLowerCase()}`, detail: `${r.reason} (consent to share ${r.consentToShare ? 'given' : 'not given'})` });
  }
  for (const o of p.offers) {
    out.push({ date: o.madeOn, kind: 'stage', title: `Offered: ${OFFER_KINDS[o.kind].toLowerCase()}` });
    if (o.answer && o.answeredOn) out.push({ date: o.answeredOn, kind: 'decision', title: `${OFFER_ANSWERS[o.answer]}: ${OFFER_KINDS[o.kind].toLowerCase()}` });
  }
  for (const s of p.sessions) out.push({ date: s.heldOn, kind: 'stage', title: `Session: ${SESSION_KINDS[s.kind].toLowerCase()}, ${s.minutes} minutes`, detail: s.note });
  for (const c of p.closings) {
    out.push({ date: c.closedOn, kind: 'decision', title: `Closed: ${OUTCOMES[c.outcome].toLowerCase()}`, detail: c.summary });
    if (c.reopenedOn) out.push({ date: c.reopenedOn, kind: 'decision', title: 'Reopened', detail: c.reopenReason ?? undefined });
  }
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
