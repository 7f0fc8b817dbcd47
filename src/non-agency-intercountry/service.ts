// Non-agency (step-parent and partner) adoptions, use cases: the cases a person may see, opening
// one from the notice of intention, the case's page, and each step after it (the application to
// court, the court's request for a report, the report filed, the outcome). Each change: load →
// policy → rule → write → audit, in one transaction. Also what the area offers the rest of the app:
// whether the navigation shows it, the councils a person may open a case for, and the work due
// (inter-country use cases are intercountry-service.ts; the rules, the model files).
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import { listQuery, nonAgencyStep, nonAgencyStepInputs, openNonAgencyInput } from './input.ts';
import { auditList, auditRecord, can, loadNonAgency, permissions } from './loading.ts';
import { NON_AGENCY_STEP_FIELDS, nonAgencyProblems, nonAgencyStanding, nonAgencyStepProblems, nonAgencyStepsOpen, type NonAgencyFacts, type NonAgencyStep } from './non-agency-model.ts';
import { adoptionListScope, councilsToOpenFor, intercountryPolicy, mayUseAdoptions, nonAgencyPolicy, type AdoptionRecordType } from './policy.ts';
import * as store from './store.ts';
import { intercountryWorkDue, nonAgencyWorkDue } from './work.ts';

/** Whether the navigation offers "Other adoptions". */
export function mayUseNonAgencyIntercountry(ctx: RequestContext): boolean {
  return mayUseAdoptions(ctx.actor);
}

/** Court reports due or overdue, notices about to lapse or lapsed, and the inter-country prompts, on the cases the person works on. */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const items = [...await nonAgencyWorkDue(db, ctx), ...await intercountryWorkDue(db, ctx)];
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}

/** The councils the person may open a case for (403 for someone who opens none): their own, or those whose work their organisation delivers. */
export async function openingCouncils(db: Db, ctx: RequestContext, type: AdoptionRecordType = 'non-agency-adoption'): Promise<{ id: string; name: string }[]> {
  const ids = new Set(councilsToOpenFor(ctx.actor, ctx.facts));
  const policy = type === 'non-agency-adoption' ? nonAgencyPolicy : intercountryPolicy;
  const councils = (await store.councils(db)).filter((c) => ids.has(c.id) && policy.can(ctx.actor, ctx.facts, 'open', { id: '', ownerId: c.id }));
  if (councils.length === 0) throw new ForbiddenError('Only social workers and team managers open non-agency and inter-country adoptions');
  return councils;
}

/** The facts as they stand, with a step's fields over them. */
const facts = (r: store.NonAgencyRow): NonAgencyFacts => ({
  relationship: r.relationship, childDateOfBirth: r.childDateOfBirth, noticeReceivedOn: r.noticeReceivedOn, residenceStartedOn: r.residenceStartedOn, appliedOn: r.appliedOn,
  court: r.court, courtCaseNumber: r.courtCaseNumber, reportRequestedOn: r.reportRequestedOn, reportDueOn: r.reportDueOn, reportFiledOn: r.reportFiledOn, outcome: r.outcome, outcomeOn: r.outcomeOn,
});

export async function listNonAgencyAdoptions(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(listQuery, raw);
  const scope = adoptionListScope('non-agency-adoption', ctx.actor, ctx.facts);
  const canOpen = councilsToOpenFor(ctx.actor, ctx.facts).length > 0;
  if (!scope) return { query, total: 0, items: [], canOpen, councils: [] };
  const result = await store.listNonAgency(db, scope, query);
  // The scope is the 'view' rule as a filter; this makes sure.
  const items = result.items.filter((r) => can(ctx, 'non-agency-adoption', 'view', r)).map((r) => ({ ...r, standing: nonAgencyStanding(r, ctx.facts.today) }));
  await auditList(db, ctx, 'non-agency-adoption', items, { query, total: result.total });
  return { query, total: result.total, items, canOpen, councils: await store.councils(db) };
}

/** Open a case from the notice of intention; refused, naming the field, if its dates do not hold together. */
export async function openNonAgency(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(openNonAgencyInput, raw);
  const offered = await openingCouncils(db, ctx);
  // A council the person does not work for is no choice of theirs, as if it did not exist.
  if (!offered.some((c) => c.id === input.councilId)) throw ValidationError.of('councilId', 'Select the council that received the notice, from those you work for');
  const problems = nonAgencyProblems({ ...input, appliedOn: null, court: null, courtCaseNumber: null, reportRequestedOn: null, reportDueOn: null, reportFiledOn: null, outcome: null, outcomeOn: null }, ctx.facts.today, Object.keys(input));
  if (problems.length) throw new ValidationError(problems);
  return db.transaction().execute(async (tx) => {
    const id = await store.insertNonAgency(tx, { ...input, applicant2Name: input.applicant2Name ?? null }, ctx.actor.staffId);
    await auditRecord(tx, ctx, 'non-agency-adoption', { id, councilId: input.councilId }, 'create', { after: input });
    return id;
  });
}

/** The case as its page tells it: the facts, where it stands (lapsing notice, report due), and what the person may record. */
export async function viewNonAgency(db: Db, ctx: RequestContext, id: string) {
  const a = await loadNonAgency(db, ctx, id);
  await auditRecord(db, ctx, 'non-agency-adoption', a, 'view');
  return { a, standing: nonAgencyStanding(a, ctx.facts.today), can: permissions(ctx, 'non-agency-adoption', a), steps: nonAgencyStepsOpen(a) };
}

const stepOf = (raw: unknown): NonAgencyStep => parseInput(nonAgencyStep, raw);
/** The outcome closes the case: a team manager's; every other step is work on it. */
const actionFor = (step: NonAgencyStep) => (step === 'outcome' ? 'close' : 'work');

/** The case, for the form of one step, for someone who may record it (403 before anything is shown otherwise; 404 for a step not open to the case). */
export async function nonAgencyForStep(db: Db, ctx: RequestContext, id: string, rawStep: unknown) {
  const step = stepOf(rawStep);
  const a = await loadNonAgency(db, ctx, id, actionFor(step));
  if (!nonAgencyStepsOpen(a).includes(step)) throw new NotFoundError('Step');
  await auditRecord(db, ctx, 'non-agency-adoption', a, 'view', { form: step });
  return { a, step, standing: nonAgencyStanding(a, ctx.facts.today) };
}

/** Record (or correct) a step: refused, naming the field and the dates, if the case is closed or the dates break a rule. */
export async function recordNonAgencyStep(db: Db, ctx: RequestContext, id: string, rawStep: unknown, raw: unknown): Promise<void> {
  const step = stepOf(rawStep);
  const input = parseInput(nonAgencyStepInputs[step], raw) as Partial<NonAgencyFacts>;
  const fields = Object.fromEntries(NON_AGENCY_STEP_FIELDS[step].map((f) => [f, input[f] ?? null])) as Partial<NonAgencyFacts>;
  await db.transaction().execute(async (tx) => {
    const a = await loadNonAgency(tx, ctx, id, actionFor(step), true);
    const before = facts(a);
    const problems = nonAgencyStepProblems(before, step, { ...before, ...fields }, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    await store.setNonAgencyFields(tx, id, fields);
    await auditRecord(tx, ctx, 'non-agency-adoption', a, 'update', { step, before: Object.fromEntries(Object.keys(fields).map((f) => [f, before[f as keyof NonAgencyFacts]])), after: fields });
  });
}
