// A support case's story in date order, for its page: each request, assessment, plan, fund
// application and allowance at the days things happened to it. Pure.
import type { ChronologyEntry } from '../core/records.ts';
import { ASF_KINDS, ASF_STATUSES, ASSESSMENT_OUTCOMES, money, yearName, type AsfKind, type AsfStatus, type AssessmentOutcome } from './model.ts';

export interface CaseParts {
  requests: readonly { receivedOn: string; askedBy: string; askedFor: string }[];
  assessments: readonly { startedOn: string; completedOn: string | null; outcome: AssessmentOutcome | null; summary: string | null }[];
  plans: readonly { what: string; providedBy: string; startsOn: string; reviewOn: string }[];
  applications: readonly { kind: AsfKind; therapyType: string; provider: string; amountPence: number; financialYear: number; appliedOn: string | null; status: AsfStatus; decisionOn: string | null }[];
  allowances: readonly { payerName: string; weeklyPence: number; startsOn: string }[];
}

/** Newest first, as the MoJ timeline reads. */
export function caseTimeline(p: CaseParts, adoptionOrderOn: string | null): ChronologyEntry[] {
  const out: ChronologyEntry[] = [];
  if (adoptionOrderOn) out.push({ date: adoptionOrderOn, kind: 'milestone', title: 'Adoption order', detail: 'The placing council is responsible for support for three years from this day.' });
  for (const r of p.requests) out.push({ date: r.receivedOn, kind: 'stage', title: 'Request for support', detail: `${r.askedBy}: ${r.askedFor}` });
  for (const a of p.assessments) {
    out.push({ date: a.startedOn, kind: 'stage', title: 'Assessment of support needs started' });
    if (a.completedOn && a.outcome) out.push({ date: a.completedOn, kind: 'decision', title: `Assessment completed: ${ASSESSMENT_OUTCOMES[a.outcome]}`, detail: a.summary ?? undefined });
  }
  for (const s of p.plans) out.push({ date: s.startsOn, kind: 'stage', title: 'Support plan', detail: `${s.what} (${s.providedBy})` });
  for (const f of p.applications) {
    const what = `${ASF_KINDS[f.kind]}: ${f.therapyType} by ${f.provider}, ${money(f.amountPence)} in ${yearName(f.financialYear)}`;
    if (f.appliedOn) out.push({ date: f.appliedOn, kind: 'stage', title: 'Applied to the Adoption Support Fund', detail: what });
    if (f.decisionOn) out.push({ date: f.decisionOn, kind: 'decision', title: `Adoption Support Fund: ${ASF_STATUSES[f.status].toLowerCase()}`, detail: what });
  }
  for (const w of p.allowances) out.push({ date: w.startsOn, kind: 'decision', title: 'Adoption allowance starts', detail: `${money(w.weeklyPence)} a week, paid by ${w.payerName}` });
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
