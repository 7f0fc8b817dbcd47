// Support after adoption (use cases): the cases a person may see, opening one from a family's
// request, requests, assessments of support needs, support plans, Adoption Support Fund
// applications checked against their year's rules, adoption allowances, and the work they make
// due. Each change: load → policy → rule → write → audit, in one transaction. Who is responsible
// (and so owns the case) is model.ts; who may do what, policy.ts.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import * as adopters from '../adopters/service.ts';
import { mayViewChildren } from '../children/for-matching.ts';
import { allowanceInput, asfInput, asfListQuery, asfStepInput, assessmentInput, caseListQuery, openCaseInput, outcomeInput, planInput, requestInput } from './input.ts';
import { auditCase, caseRecordOf, loadCase, type LoadedCase } from './loading.ts';
import {
  ASSESSMENT_DUE_DAYS, assessmentDueOn, checkAsf, committedBy, DECISION_DUE_DAYS, decisionDueOn, DUE_SOON_DAYS, nextStatus, responsibility, ruleFor, stepsFrom, yearName,
} from './model.ts';
import { allowancePolicy, mayUseSupport as usesSupport, supportListScope, supportPolicy, supportWorkScope, type SupportAction } from './policy.ts';
import * as store from './store.ts';
import { caseTimeline } from './timeline.ts';

/** Whether the navigation offers Support. */
export function mayUseSupport(ctx: RequestContext): boolean {
  return usesSupport(ctx.actor);
}

const childLinks = (cases: readonly LoadedCase[]) => cases.flatMap((l) => [{ type: 'support-case', id: l.c.id, ownerId: l.record.ownerId }, { type: 'child', id: l.c.childId, ownerId: l.c.placingCouncilId }]);
const notInFuture = (field: string, day: string, today: string) => { if (day > today) throw ValidationError.of(field, 'The date cannot be in the future'); };

// ---- cases -----------------------------------------------------------------------------------------

export async function listCases(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(caseListQuery, raw);
  const scope = supportListScope(ctx.actor, ctx.facts);
  const canOpen = supportWorkScope(ctx.actor, ctx.facts) !== null;
  if (!scope) return { query, total: 0, items: [], canOpen, councils: [] };
  const result = await store.listCases(db, scope, query, ctx.facts.today);
  // The scope is the 'view' rule as a filter; this makes sure.
  const items = result.items.map((c) => caseRecordOf(c, ctx.facts.today)).filter((l) => supportPolicy.can(ctx.actor, ctx.facts, 'view', l.record));
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: 'support-case', ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: items.map((l) => l.c.id) }, records: childLinks(items) });
  return { query, total: result.total, items, canOpen, councils: await store.councils(db) };
}

/** What the form to open a case offers: the adopted or placed children of councils the person works for who have no case yet, and the councils a family may live in. */
export async function openingChoices(db: Db, ctx: RequestContext) {
  const scope = supportWorkScope(ctx.actor, ctx.facts);
  if (!scope) throw new ForbiddenError('Only support workers, social workers and team managers open support cases');
  const children = await store.childrenWithoutCase(db, [...new Set([...scope.ownerIds, ...scope.childCouncilIds])], 500);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: 'child', ownerId: ctx.actor.orgId, detail: { for: 'support-case', shown: children.map((c) => c.id) }, records: children.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingCouncilId })) });
  return { children, councils: await store.councils(db) };
}

export async function openCase(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(openCaseInput, raw);
  if (!supportWorkScope(ctx.actor, ctx.facts)) throw new ForbiddenError('Only support workers, social workers and team managers open support cases');
  notInFuture('receivedOn', input.receivedOn, ctx.facts.today);
  // A child the person may not open a case for is answered as one that does not exist.
  const notOffered = () => ValidationError.of('childId', 'Select a child placed for adoption or adopted, of a council you work for');
  return db.transaction().execute(async (tx) => {
    const child = await store.adoptedChild(tx, input.childId);
    if (!child) throw notOffered();
    if (!(await store.councils(tx)).some((c) => c.id === input.residenceCouncilId)) throw ValidationError.of('residenceCouncilId', 'Select the council where the family lives');
    const ownerId = responsibility({ placingCouncilId: child.placingCouncilId, residenceCouncilId: input.residenceCouncilId, adoptionOrderOn: child.adoptionOrderOn }, ctx.facts.today).councilId;
    if (!supportPolicy.can(ctx.actor, ctx.facts, 'open', { id: '', ownerId, childCouncilId: child.placingCouncilId })) throw notOffered();
    if (input.householdId && !(await adopters.householdVisibleTo(tx, ctx, input.householdId))) throw ValidationError.of('householdId', 'Select an adoptive family you can see');
    if (await store.caseOfChild(tx, child.id)) throw new ConflictError(`${child.name} already has a support case: add the request to it`, 'childId');
    const id = await store.insertCase(tx, { childId: child.id, householdId: input.householdId ?? null, residenceCouncilId: input.residenceCouncilId, openedOn: ctx.facts.today, openedBy: ctx.actor.staffId });
    const requestId = await store.insertRequest(tx, id, input, ctx.actor.staffId);
    const loaded = caseRecordOf((await store.findCase(tx, id))!, ctx.facts.today);
    await auditCase(tx, ctx, loaded, 'create', { after: { child: child.id, residenceCouncil: input.residenceCouncilId, household: input.householdId ?? null, request: { id: requestId, receivedOn: input.receivedOn, askedBy: input.askedBy, askedFor: input.askedFor } } });
    return id;
  });
}

function permissionsFor(ctx: RequestContext, l: LoadedCase) {
  const can = (a: SupportAction) => supportPolicy.can(ctx.actor, ctx.facts, a, l.record);
  return { work: can('work'), recordDecision: can('record-decision'), addAllowance: allowancePolicy.can(ctx.actor, ctx.facts, 'manage', { payerId: l.record.ownerId }) };
}

/** The case as its page tells it: who is responsible and until when, everything on it, and the fund's money by year. */
export async function viewCase(db: Db, ctx: RequestContext, id: string) {
  const l = await loadCase(db, ctx, id);
  const [parts, rules, childShown, households] = await Promise.all([
    store.casePartsOf(db, id), store.asfRules(db), mayViewChildren(db, ctx, [l.c.childId]), l.c.householdId ? adopters.visibleHouseholds(db, ctx, [l.c.householdId]) : Promise.resolve(new Set<string>()),
  ]);
  const allowances = parts.allowances.filter((a) => allowancePolicy.can(ctx.actor, ctx.facts, 'view', a));
  const years = [...new Set(parts.applications.map((a) => a.financialYear))].sort((a, b) => b - a).map((year) => {
    const rule = ruleFor(rules, year);
    const committed = committedBy(parts.applications.filter((a) => a.financialYear === year));
    return { year, name: yearName(year), rule, committed, committedPence: committed.therapyPence + committed.assessmentPence };
  });
  await auditCase(db, ctx, l, 'view', { shown: { requests: parts.requests.length, assessments: parts.assessments.length, plans: parts.plans.length, applications: parts.applications.length, allowances: allowances.map((a) => a.id) } });
  return {
    ...l, ...parts, allowances, years, can: permissionsFor(ctx, l), childShown, householdShown: l.c.householdId !== null && households.has(l.c.householdId),
    applications: parts.applications.map((a) => ({ ...a, steps: stepsFrom(a.status) })),
    timeline: caseTimeline({ ...parts, allowances }, l.c.adoptionOrderOn),
  };
}

/**
 * The case and what it holds, for a form page, for someone who may do the form's action (403
 * before anything is read otherwise): work on the case, move an application on (work on the case
 * or record the fund's decisions), or record an allowance.
 */
export async function caseForForm(db: Db, ctx: RequestContext, id: string, form: 'work' | 'application' | 'allowance') {
  const l = await loadCase(db, ctx, id, form === 'work' ? 'work' : 'view');
  const can = permissionsFor(ctx, l);
  if (form === 'application' && !can.work && !can.recordDecision) throw new ForbiddenError();
  if (form === 'allowance' && !can.addAllowance) throw new ForbiddenError('Only the paying council\'s finance officers and team managers (or whoever delivers its financial support) record allowances');
  const parts = await store.casePartsOf(db, id);
  await auditCase(db, ctx, l, 'view', { form });
  return { ...l, ...parts, can };
}

// ---- requests, assessments and plans -----------------------------------------------------------------

async function change(db: Db, ctx: RequestContext, id: string, action: SupportAction, work: (tx: Db, l: LoadedCase) => Promise<{ id: string; detail: Record<string, unknown> }>): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const l = await loadCase(tx, ctx, id, action);
    const done = await work(tx, l);
    await auditCase(tx, ctx, l, 'update', done.detail);
    return done.id;
  });
}

export async function addRequest(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(requestInput, raw);
  notInFuture('receivedOn', input.receivedOn, ctx.facts.today);
  return change(db, ctx, id, 'work', async (tx) => {
    const requestId = await store.insertRequest(tx, id, input, ctx.actor.staffId);
    return { id: requestId, detail: { request: requestId, after: input } };
  });
}

export async function startAssessment(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(assessmentInput, raw);
  notInFuture('startedOn', input.startedOn, ctx.facts.today);
  return change(db, ctx, id, 'work', async (tx) => {
    const assessmentId = await store.insertAssessment(tx, id, input.startedOn, ctx.actor.staffId);
    return { id: assessmentId, detail: { assessment: assessmentId, after: input } };
  });
}

export async function recordOutcome(db: Db, ctx: RequestContext, id: string, assessmentId: string, raw: unknown): Promise<string> {
  const input = parseInput(outcomeInput, raw);
  notInFuture('completedOn', input.completedOn, ctx.facts.today);
  return change(db, ctx, id, 'work', async (tx) => {
    const a = (await store.casePartsOf(tx, id)).assessments.find((x) => x.id === assessmentId);
    if (!a) throw new NotFoundError('Assessment');
    if (a.completedOn) throw ValidationError.of('outcome', 'This assessment has already been completed');
    if (input.completedOn < a.startedOn) throw ValidationError.of('completedOn', `The date completed cannot be before the assessment started (${a.startedOn})`);
    await store.completeAssessment(tx, assessmentId, input);
    return { id: assessmentId, detail: { assessment: assessmentId, after: input } };
  });
}

export async function addPlan(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(planInput, raw);
  if (input.reviewOn < input.startsOn) throw ValidationError.of('reviewOn', 'The review date cannot be before the support starts');
  return change(db, ctx, id, 'work', async (tx) => {
    const planId = await store.insertPlan(tx, id, input, ctx.actor.staffId);
    return { id: planId, detail: { plan: planId, after: input } };
  });
}

// ---- the Adoption Support Fund -------------------------------------------------------------------------

/** Check an application against its year's rules and what the child's other applications that year commit; answers the match funded part. */
async function fundCheck(tx: Db, caseId: string, exceptId: string | null, a: Parameters<typeof checkAsf>[1]): Promise<number> {
  const [rules, others] = await Promise.all([store.asfRules(tx), store.applicationsInYear(tx, caseId, a.financialYear, exceptId)]);
  const { problems, matchFundedPence } = checkAsf(ruleFor(rules, a.financialYear), a, committedBy(others));
  if (problems.length) throw new ValidationError(problems);
  return matchFundedPence;
}

/** Record an application (a draft, or made to the fund on `appliedOn`), refused if it breaks its year's rules. */
export async function applyToFund(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(asfInput, raw);
  if (input.appliedOn) notInFuture('appliedOn', input.appliedOn, ctx.facts.today);
  return change(db, ctx, id, 'work', async (tx) => {
    await store.lockCase(tx, id);
    const assessment = (await store.casePartsOf(tx, id)).assessments.find((a) => a.id === input.assessmentId);
    if (!assessment?.completedOn || assessment.outcome !== 'support-offered') throw ValidationError.of('assessmentId', 'Select a completed assessment of needs that offered support');
    const facts = { kind: input.kind, amountPence: input.amount, financialYear: input.financialYear, endsOn: input.endsOn, assessedOn: assessment.completedOn, appliedOn: input.appliedOn ?? null };
    const matchFundedPence = await fundCheck(tx, id, null, facts);
    const applicationId = await store.insertApplication(tx, id, { ...input, amountPence: input.amount, matchFundedPence, appliedOn: input.appliedOn ?? null }, ctx.actor.staffId);
    return { id: applicationId, detail: { application: applicationId, after: { ...input, matchFundedPence } } };
  });
}

/** Submit, record the fund's decision on, or withdraw an application. Submitting and approving check the year's rules again. */
export async function stepApplication(db: Db, ctx: RequestContext, id: string, applicationId: string, raw: unknown): Promise<string> {
  const input = parseInput(asfStepInput, raw);
  const deciding = input.step === 'approve' || input.step === 'refuse';
  return change(db, ctx, id, deciding ? 'record-decision' : 'work', async (tx) => {
    await store.lockCase(tx, id);
    const a = await store.findApplication(tx, id, applicationId);
    if (!a) throw new NotFoundError('Application');
    const status = nextStatus(a.status, input.step);
    if (!status) throw ValidationError.of('step', `An application that is ${a.status} cannot be changed that way`);
    if (input.step !== 'withdraw' && !input.on) throw ValidationError.of('on', 'Enter the date');
    if (input.on) notInFuture('on', input.on, ctx.facts.today);
    if (deciding && a.appliedOn && input.on! < a.appliedOn) throw ValidationError.of('on', 'The decision cannot be before the application was made');
    const appliedOn = input.step === 'submit' ? input.on! : a.appliedOn;
    const matchFundedPence = status === 'submitted' || status === 'approved'
      ? await fundCheck(tx, id, a.id, { kind: a.kind, amountPence: a.amountPence, financialYear: a.financialYear, endsOn: a.endsOn, assessedOn: a.assessedOn!, appliedOn })
      : a.matchFundedPence;
    await store.setApplicationStatus(tx, a.id, { status, appliedOn: input.step === 'submit' ? input.on : undefined, decisionOn: deciding ? input.on : undefined, matchFundedPence });
    return { id: a.id, detail: { application: a.id, before: { status: a.status }, after: { status, on: input.on ?? null } } };
  });
}

/** Applications on the cases the person may see (the API's list), audited as a search. */
export async function listApplications(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(asfListQuery, raw);
  const scope = supportListScope(ctx.actor, ctx.facts);
  if (!scope) return { query, total: 0, items: [] };
  const result = await store.listApplications(db, scope, query, ctx.facts.today);
  const cases = new Map((await store.findCases(db, [...new Set(result.items.map((a) => a.caseId))]))
    .map((c) => caseRecordOf(c, ctx.facts.today)).filter((l) => supportPolicy.can(ctx.actor, ctx.facts, 'view', l.record)).map((l) => [l.c.id, l]));
  const items = result.items.filter((a) => cases.has(a.caseId));
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: 'asf-application', ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: items.map((a) => a.id) }, records: childLinks([...cases.values()]) });
  return { query, total: result.total, items };
}

// ---- adoption allowances ----------------------------------------------------------------------------------

/** Record an allowance, paid by the council responsible for the family on the day it starts. */
export async function addAllowance(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(allowanceInput, raw);
  if (input.reviewOn < input.startsOn) throw ValidationError.of('reviewOn', 'The review date cannot be before the allowance starts');
  notInFuture('assessedOn', input.assessedOn, ctx.facts.today);
  return change(db, ctx, id, 'view', async (tx, l) => {
    const payerId = responsibility(l.c, input.startsOn).councilId;
    if (!allowancePolicy.can(ctx.actor, ctx.facts, 'manage', { payerId })) throw new ForbiddenError('Only the paying council\'s finance officers and team managers (or whoever delivers its financial support) record allowances');
    const allowanceId = await store.insertAllowance(tx, id, { payerId, assessedOn: input.assessedOn, weeklyPence: input.weekly, startsOn: input.startsOn, reviewOn: input.reviewOn }, ctx.actor.staffId);
    return { id: allowanceId, detail: { allowance: allowanceId, after: { ...input, payerId } } };
  });
}

// ---- work due ------------------------------------------------------------------------------------------------

/** Assessments running past their due period, plan and allowance reviews coming up, and applications awaiting the fund's decision, on cases the person works on. */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = supportListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  const soon = (days: number) => addDays(today, DUE_SOON_DAYS - days);
  const f = await store.workFacts(db, scope, today, soon(ASSESSMENT_DUE_DAYS), soon(DECISION_DUE_DAYS), addDays(today, DUE_SOON_DAYS));
  const ids = [...new Set([f.assessments, f.plans, f.applications, f.allowances].flat().map((x) => x.caseId))];
  const cases = new Map((await store.findCases(db, ids)).map((c) => [c.id, caseRecordOf(c, today)] as const));
  const item = (kind: string, title: string, row: { caseId: string; childName: string }, dueOn: string, may: (l: LoadedCase) => boolean): WorkItem[] => {
    const l = cases.get(row.caseId);
    if (!l || !supportPolicy.can(ctx.actor, ctx.facts, 'view', l.record) || !may(l)) return [];
    return [{ kind, title: `${title}: ${row.childName}`, href: `/support/${row.caseId}`, dueOn, overdue: dueOn < today, record: { type: 'support-case', id: l.c.id, ownerId: l.record.ownerId } }];
  };
  const works = (l: LoadedCase) => supportPolicy.can(ctx.actor, ctx.facts, 'work', l.record);
  return [
    ...f.assessments.flatMap((r) => item('support-assessment-due', 'Complete the assessment of support needs', r, assessmentDueOn(r.on), works)),
    ...f.plans.flatMap((r) => item('support-plan-review', 'Review the support plan', r, r.on, works)),
    ...f.applications.flatMap((r) => item('asf-decision-awaited', 'Adoption Support Fund decision awaited', r, decisionDueOn(r.on!), works)),
    ...f.allowances.flatMap((r) => item('allowance-review', 'Review the adoption allowance', r, r.on, () => allowancePolicy.can(ctx.actor, ctx.facts, 'manage', { payerId: r.payerId }))),
  ].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}
