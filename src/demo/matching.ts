// Demo matching (issue 13): links between waiting children (a sibling group placed together as
// one) and the households the engine ranks for them, in the West Mercia councils and the Thurrock
// consortium's, at every status: interest, exploring, shortlisted, proceeding (some left for a
// matching panel to hear), closed with a spread of reasons, and matched (the matching panel and
// the agency decision maker's match on the child, the household matched, and the inter-agency fee
// where the household is another agency's). Every step goes through the matching services as the
// demo person who would take it (the child's family finder, the household's social worker, the
// council's decision maker) on the day it happened, and the steps of every link are replayed in
// date order, so each household's status follows its links as it would have and a household is
// chosen from the engine's ranking on the day the link opened. A household is chosen only if the
// child still fits its terms on the plan's last day, so no later step is refused. Deterministic
// (a Random of its own, so the other steps' data is as it was); a bounded number of children per
// council, so the step stays quick at any scale.
import type { RequestContext } from '../core/access.ts';
import { addWorkingDays, isWorkingDay } from '../core/calendar.ts';
import { addDays } from '../core/dates.ts';
import type { CloseReason } from '../matching/input.ts';
import * as links from '../matching/links-service.ts';
import { exclusionOf } from '../matching/model.ts';
import * as matching from '../matching/service.ts';
import * as staffService from '../staff/service.ts';
import * as staffStore from '../staff/store.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const WEST_MERCIA = ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire'];
const CONSORTIUM = ['thurrock', 'southend-on-sea'];
/** Children still waiting for a link (a demo child already linked has its link on paper only). */
const WAITING = ['should-be-placed', 'placement-order', 'family-finding'];
/** How far back the links go. */
const HISTORY_DAYS = 210;

type Outcome = 'interest' | 'exploring' | 'shortlisted' | 'proceeding' | 'matched' | 'closed';
/** Each council's subjects take these in turn, those who have waited longest first (sibling groups placed together before them). */
const PATTERN: Outcome[] = ['matched', 'proceeding', 'matched', 'closed', 'shortlisted', 'proceeding', 'exploring', 'closed', 'interest', 'exploring'];
const SIMPLER: Record<Outcome, Outcome> = { matched: 'proceeding', proceeding: 'shortlisted', shortlisted: 'exploring', exploring: 'interest', interest: 'interest', closed: 'interest' };

/** Reasons a family finder or an adopter closes a link (the match closes others: another family chosen, matched elsewhere). */
const CLOSINGS: { reason: CloseReason; by: Who; notes: string | null }[] = [
  { reason: 'adopters-declined', by: 'household', notes: 'After reading the child permanence report the adopters felt they could not meet the contact plan' },
  { reason: 'agency-declined', by: 'child', notes: 'The family finder and the child\'s social worker agreed the household\'s support network is too far away' },
  { reason: 'child-needs', by: 'child', notes: 'The paediatric advice since received shows needs beyond the household\'s tolerances' },
  { reason: 'household-unavailable', by: 'household', notes: 'The household asked for a break after a bereavement' },
  { reason: 'child-plan-changed', by: 'child', notes: 'A connected person came forward and is being assessed' },
  { reason: 'other', by: 'child', notes: 'The household moved house out of the area during exploration' },
];
const OPENING_NOTES = [
  'Profile shared after the family finding meeting',
  'The household\'s social worker saw the child\'s profile at the activity day',
  'Suggested by the engine; the family finder spoke to the household\'s social worker',
  null, null,
];

type Who = 'child' | 'household' | 'adm';
type StepBody = { by: Who } & ({ move: 'exploring' | 'shortlisted' | 'proceeding' } | { close: CloseReason; notes: string | null } | { panel: true } | { decide: true });
type Step = StepBody & { on: string };

interface Subject {
  council: string;
  /** The children, the first to search by. */
  childIds: string[];
  /** The first day a link may be opened: after every milestone so far (the decision to place, the order, family finding). */
  earliest: string;
}

interface LinkPlan {
  subject: Subject;
  opensOn: string;
  /** Opened by the household's social worker where they may see the child, else by the child's family finder. */
  fromHousehold: boolean;
  /** Look among other agencies' households first. */
  interAgency: boolean;
  /** Goes to proceeding (or the match): its household is kept for it alone. */
  commits: boolean;
  /** Prefer a household another link is to be matched with (a link the match closes). */
  beside: boolean;
  steps: Step[];
}

interface Action {
  on: string;
  seq: number;
  run: () => Promise<void>;
}

const onWorkingDay = (date: string) => (isWorkingDay(date) ? date : addWorkingDays(date, 1));

export async function seedMatching(demo: DemoContext): Promise<void> {
  const { db, today } = demo;
  if (!demo.children || !demo.orgs.get('west-mercia')) return;
  const r = new Random(20261313);
  const slugOf = new Map([...demo.orgs].map(([slug, id]) => [id, slug]));
  const perCouncil = 8 * Math.min(Math.max(1, Math.round(demo.scale)), 2);

  // ---- who acts, on which day ----------------------------------------------------------------
  const actors = new Map<string, ReturnType<typeof staffService.actorOf>>();
  const contexts = new Map<string, Promise<RequestContext>>();
  const ctxOf = (email: string, on: string): Promise<RequestContext> => {
    const key = `${email}|${on}`;
    if (!contexts.has(key)) {
      contexts.set(key, (async () => {
        if (!actors.has(email)) {
          const person = await staffStore.findStaffByEmail(db, email);
          if (!person) throw new Error(`demo matching: no staff member ${email}`);
          actors.set(email, staffService.actorOf(person));
        }
        return staffService.contextFor(db, actors.get(email)!, on);
      })());
    }
    return contexts.get(key)!;
  };

  // ---- the plan: subjects, each with its links ---------------------------------------------------
  const plans: LinkPlan[] = [];
  for (const council of [...WEST_MERCIA, ...CONSORTIUM]) {
    const councilId = demo.orgs.get(council);
    if (!councilId) continue;
    const subjects = (await subjectsOf(demo, councilId, council)).slice(0, perCouncil);
    subjects.forEach((s, i) => plans.push(...planSubject(r, s, PATTERN[i % PATTERN.length]!, today, WEST_MERCIA.includes(council))));
  }

  // ---- replay in date order --------------------------------------------------------------------
  const queue: Action[] = [];
  let seq = 0;
  const schedule = (on: string, run: () => Promise<void>) => {
    const action = { on, seq: seq++, run };
    let i = queue.length;
    while (i > 0 && (queue[i - 1]!.on > on || (queue[i - 1]!.on === on && queue[i - 1]!.seq > action.seq))) i--;
    queue.splice(i, 0, action);
  };
  /** Households a link going to proceeding or a match has taken, with the day of the match (if it is to be matched). */
  const committed = new Map<string, string | null>();
  /** Each subject's households, so no two of its links share one. */
  const usedBy = new Map<Subject, Set<string>>();

  const open = async (plan: LinkPlan): Promise<void> => {
    const s = plan.subject;
    const familyFinder = `family-finder@${s.council}.example`;
    const ff = await ctxOf(familyFinder, plan.opensOn);
    const horizon = plan.steps.at(-1)?.on ?? plan.opensOn;
    const used = usedBy.get(s) ?? new Set<string>();
    const pick = async (tier: 'inter-agency' | undefined) => {
      const found = await matching.findFamilies(db, ff, s.childIds[0]!, { limit: 200, ...(tier ? { tier } : {}) });
      const eligible = found.items.filter(({ candidate: h }) =>
        (h.status === 'approved' || (h.status === 'linked' && h.openLinks > 0)) && h.approvedOn !== null && h.approvedOn < plan.opensOn && !used.has(h.id)
        && (!plan.commits || !committed.has(h.id))
        // The child still fits the household's terms on the plan's last day (ages move on).
        && exclusionOf(found.subject, { ...h, openLinks: 0 }, found.settings, horizon) === null);
      if (plan.beside) {
        const beside = eligible.filter((x) => (committed.get(x.candidate.id) ?? '') > plan.opensOn);
        if (beside.length) return beside[0]!.candidate;
      }
      return eligible.length ? r.pick(eligible.slice(0, 4)).candidate : undefined;
    };
    const household = (plan.interAgency ? await pick('inter-agency') : undefined) ?? (await pick(undefined));
    // No household the engine ranks fits: the child waits on (the demo has such children too).
    if (!household) return;
    const ownerSlug = slugOf.get(household.ownerId)!;
    const householdWorker = `social-worker@${ownerSlug}.example`;
    // The household's worker opens it where they may see the child: their agency's own council, or one it delivers family finding for.
    const workerSeesChild = ownerSlug === s.council || (ownerSlug === 'west-mercia' && WEST_MERCIA.includes(s.council));
    const opener = plan.fromHousehold && workerSeesChild ? householdWorker : familyFinder;
    const openerCtx = await ctxOf(opener, plan.opensOn);
    const linkId = await links.openLink(db, openerCtx, { childId: s.childIds[0], householdId: household.id, notes: r.pick(OPENING_NOTES) ?? undefined });
    used.add(household.id);
    usedBy.set(s, used);
    if (plan.commits) committed.set(household.id, plan.steps.some((x) => 'decide' in x) ? horizon : null);
    const who = (by: Who, on: string) => ctxOf(by === 'household' ? householdWorker : by === 'adm' ? `decision-maker@${s.council}.example` : familyFinder, on);
    for (const step of plan.steps) {
      schedule(step.on, async () => {
        // A match may have closed the link since (another family chosen, or the household matched elsewhere): its plan ends there.
        const { status } = await db.selectFrom('link').select('status').where('id', '=', linkId).executeTakeFirstOrThrow();
        if (status === 'closed' || status === 'matched') return;
        const ctx = await who(step.by, step.on);
        if ('move' in step) await links.moveLink(db, ctx, linkId, { status: step.move });
        else if ('close' in step) await links.closeLink(db, ctx, linkId, { reason: step.close, notes: step.notes ?? undefined });
        else if ('panel' in step) await db.transaction().execute((tx) => links.recordMatchingPanelIn(tx, ctx, { linkId, panelOn: step.on }));
        else await db.transaction().execute((tx) => links.recordMatchDecisionIn(tx, ctx, { linkId, decidedOn: step.on }));
      });
    }
  };

  for (const plan of plans) schedule(plan.opensOn, () => open(plan));
  while (queue.length) await queue.shift()!.run();
}

/** The council's waiting children as the subjects families are found for: sibling groups placed together (every member waiting) first, then children alone. */
async function subjectsOf(demo: DemoContext, councilId: string, council: string): Promise<Subject[]> {
  const rows = await demo.db.selectFrom('child as c').leftJoin('sibling_group as g', 'g.id', 'c.sibling_group_id')
    .select(['c.id', 'c.stage', 'c.sibling_group_id as groupId', 'g.decision', 'c.la_child_ref as ref'])
    .where('c.placing_authority_id', '=', councilId).orderBy('c.la_child_ref').execute();
  const waiting = rows.filter((c) => WAITING.includes(c.stage));
  if (waiting.length === 0) return [];
  const milestones = await demo.db.selectFrom('milestone').select(['child_id', 'type', 'date']).where('child_id', 'in', waiting.map((c) => c.id)).execute();
  const latest = new Map<string, string>();
  const placedEarly = new Set<string>();
  for (const m of milestones) {
    if (m.date > (latest.get(m.child_id) ?? '')) latest.set(m.child_id, m.date);
    // A child in an early permanence placement is matched with their carers: no links for them here.
    if (m.type === 'early-permanence') placedEarly.add(m.child_id);
  }
  const groups: Subject[] = [];
  const alone: Subject[] = [];
  const seen = new Set<string>();
  for (const c of waiting) {
    if (seen.has(c.id) || placedEarly.has(c.id) || !latest.has(c.id)) continue;
    if (c.groupId && c.decision === 'together') {
      const members = rows.filter((x) => x.groupId === c.groupId);
      members.forEach((x) => seen.add(x.id));
      if (members.some((x) => !WAITING.includes(x.stage) || placedEarly.has(x.id) || !latest.has(x.id))) continue;
      const last = members.map((x) => latest.get(x.id)!).sort().at(-1)!;
      groups.push({ council, childIds: members.map((x) => x.id), earliest: addDays(last, 1) });
    } else {
      seen.add(c.id);
      alone.push({ council, childIds: [c.id], earliest: addDays(latest.get(c.id)!, 1) });
    }
  }
  const byWait = (a: Subject, b: Subject) => a.earliest.localeCompare(b.earliest);
  return [...groups.sort(byWait), ...alone.sort(byWait)];
}

/** The links of one subject: its main link, taken as far as the outcome (or as far as the days since it could open allow), and perhaps one beside it. */
function planSubject(r: Random, s: Subject, wanted: Outcome, today: string, westMercia: boolean): LinkPlan[] {
  const from = s.earliest > addDays(today, -HISTORY_DAYS) ? s.earliest : addDays(today, -HISTORY_DAYS);
  if (from > today) return [];
  const byEither = (): Who => (r.chance(0.4) ? 'household' : 'child');
  for (let outcome = wanted; ; outcome = SIMPLER[outcome]) {
    // Steps as offsets in days from the opening; dates fall on working days.
    const offsets: { after: number; step: StepBody }[] = [];
    let at = 0;
    const add = (min: number, max: number, step: StepBody) => offsets.push({ after: (at += r.int(min, max)), step });
    if (outcome !== 'interest' && (outcome !== 'closed' || r.chance(0.5))) add(3, 14, { by: byEither(), move: 'exploring' });
    if (outcome === 'shortlisted' || outcome === 'proceeding' || outcome === 'matched') add(5, 21, { by: byEither(), move: 'shortlisted' });
    if (outcome === 'proceeding' || outcome === 'matched') add(5, 21, { by: 'child', move: 'proceeding' });
    if (outcome === 'matched') {
      add(10, 28, { by: 'child', panel: true });
      add(1, 5, { by: 'adm', decide: true });
    }
    const closing = outcome === 'closed' ? r.pick(CLOSINGS) : null;
    if (closing) add(7, 40, { by: closing.by, close: closing.reason, notes: closing.notes });
    const datesFrom = (opensOn: string) => {
      let last = opensOn;
      const steps = offsets.map(({ after, step }) => {
        let on = onWorkingDay(addDays(opensOn, after));
        if (on <= last) on = onWorkingDay(addDays(last, 1));
        last = on;
        return { ...step, on };
      });
      return { opensOn, steps, last };
    };
    // A day with room for every step before today (else the first day it could open; else a simpler outcome).
    const latestOpening = addDays(today, -at - 2 * offsets.length);
    let plan = datesFrom(onWorkingDay(latestOpening < from ? from : pickDay(r, from, latestOpening)));
    if (plan.last > today || plan.opensOn > today) plan = datesFrom(from);
    if (plan.last > today || plan.opensOn > today) {
      if (outcome === 'interest') return [];
      continue;
    }
    const { opensOn, steps, last } = plan;
    const commits = outcome === 'proceeding' || outcome === 'matched';
    const main: LinkPlan = {
      subject: s, opensOn, fromHousehold: r.chance(0.35), interAgency: r.chance(westMercia ? 0.3 : 0.7), commits, beside: !commits && r.chance(0.4), steps,
    };
    const plans = [main];
    // Another household explored beside a link going forward: closed by the family finder, or by the match itself.
    const proceedsOn = steps.find((x) => 'move' in x && x.move === 'proceeding')?.on;
    if (commits && proceedsOn && r.chance(0.6)) {
      const besideOn = onWorkingDay(addDays(opensOn, r.int(1, 10)));
      if (besideOn < proceedsOn) {
        const close = outcome === 'matched' && r.chance(0.5) ? null : r.pick(CLOSINGS);
        const closeOn = onWorkingDay(addDays(besideOn, r.int(3, 14)));
        plans.push({
          subject: s, opensOn: besideOn, fromHousehold: r.chance(0.5), interAgency: r.chance(0.3), commits: false, beside: false,
          steps: close && closeOn <= today ? [{ on: closeOn, by: close.by, close: close.reason, notes: close.notes }] : [],
        });
      }
    }
    // After a closed link, another family: interest expressed since.
    if (outcome === 'closed' && r.chance(0.5)) {
      const again = onWorkingDay(addDays(last, r.int(7, 30)));
      if (again <= today) plans.push({ subject: s, opensOn: again, fromHousehold: r.chance(0.5), interAgency: r.chance(0.3), commits: false, beside: r.chance(0.5), steps: [] });
    }
    return plans;
  }
}

/** A day between two dates (inclusive), by the demo's random source. */
function pickDay(r: Random, from: string, to: string): string {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, r.int(0, Math.max(0, days)));
}
