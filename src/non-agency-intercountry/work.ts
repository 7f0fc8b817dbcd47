// The work these cases make due, for the person's work queue: court reports due within 14 days or
// overdue, notices of intention about to lapse (within 2 months) or lapsed with no application, and
// the partnership's inter-country prompts (papers to the DfE, an order application after arrival, a
// case with no step in 6 months). Only on cases the person may work on.
import { addMonths } from '../children/model.ts';
import type { RequestContext } from '../core/access.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import type { WorkItem } from '../core/work.ts';
import { intercountryPrompts } from './intercountry-model.ts';
import { can } from './loading.ts';
import { LAPSE_SOON_MONTHS, NOTICE_MAX_MONTHS, noticeLapsesOn, REPORT_DUE_SOON_DAYS } from './non-agency-model.ts';
import { adoptionWorkScope } from './policy.ts';
import * as store from './store.ts';

const applicantsOf = (r: { applicant1Name: string; applicant2Name: string | null }) => (r.applicant2Name ? `${r.applicant1Name} and ${r.applicant2Name}` : r.applicant1Name);

export async function nonAgencyWorkDue(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = adoptionWorkScope('non-agency-adoption', ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  // A notice received on or before this day lapses within LAPSE_SOON_MONTHS.
  const lapsingFrom = addDays(addMonths(addMonths(today, LAPSE_SOON_MONTHS), -NOTICE_MAX_MONTHS), -1);
  const rows = await store.nonAgencyWorkFacts(db, scope, addDays(today, REPORT_DUE_SOON_DAYS), lapsingFrom);
  return rows.filter((r) => can(ctx, 'non-agency-adoption', 'work', r)).flatMap((r): WorkItem[] => {
    const record = { type: 'non-agency-adoption', id: r.id, ownerId: r.councilId };
    const href = `/non-agency-adoptions/${r.id}`;
    const items: WorkItem[] = [];
    if (r.reportRequestedOn && !r.reportFiledOn && r.reportDueOn) {
      items.push({ kind: 'court-report-due', title: `File the court report: ${r.childName} (${applicantsOf(r)})`, href, dueOn: r.reportDueOn, overdue: r.reportDueOn < today, record });
    }
    if (!r.appliedOn) {
      const lapsesOn = noticeLapsesOn(r.noticeReceivedOn);
      const lapsed = lapsesOn <= today;
      items.push({ kind: lapsed ? 'notice-lapsed' : 'notice-lapsing', title: `${lapsed ? 'Notice of intention lapsed with no application: close the case' : 'Notice of intention lapses soon'}: ${r.childName} (${applicantsOf(r)})`, href, dueOn: lapsesOn, overdue: lapsed, record });
    }
    return items;
  });
}

export async function intercountryWorkDue(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = adoptionWorkScope('intercountry-adoption', ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  const rows = await store.openIntercountry(db, scope);
  return rows.filter((r) => can(ctx, 'intercountry-adoption', 'work', r)).flatMap((r) => intercountryPrompts(r, today, REPORT_DUE_SOON_DAYS).map((p): WorkItem => ({
    kind: p.kind, title: `${p.title}: ${applicantsOf(r)} (${r.country})`, href: `/intercountry-adoptions/${r.id}`, dueOn: p.dueOn, overdue: p.dueOn < today,
    record: { type: 'intercountry-adoption', id: r.id, ownerId: r.councilId },
  })));
}
