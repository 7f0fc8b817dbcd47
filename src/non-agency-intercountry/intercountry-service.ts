// Inter-country adoptions, use cases: the cases a person may see, opening one from the applicants'
// enquiry, the case's page, and each step after it (assessment commissioned and completed, panel,
// agency decision, papers to the DfE, certificate of eligibility, child proposed, arrival,
// application for an order, outcome). Each change: load → policy → rule → write → audit, in one
// transaction. The rules are intercountry-model.ts; who may do what, policy.ts.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { intercountryStep, intercountryStepInputs, listQuery, openIntercountryInput } from './input.ts';
import {
  INTERCOUNTRY_STEP_FIELDS, intercountryProblems, intercountryPrompts, intercountryStatus, intercountryStepProblems, intercountryStepsOpen, nextStep, type IntercountryFacts, type IntercountryStep,
} from './intercountry-model.ts';
import { auditList, auditRecord, can, loadIntercountry, permissions } from './loading.ts';
import { adoptionListScope, councilsToOpenFor } from './policy.ts';
import { openingCouncils } from './service.ts';
import * as store from './store.ts';

const facts = (r: store.IntercountryRow): IntercountryFacts => ({
  enquiryOn: r.enquiryOn, assessmentProvider: r.assessmentProvider, assessmentCommissionedOn: r.assessmentCommissionedOn, assessmentCompletedOn: r.assessmentCompletedOn,
  panelOn: r.panelOn, decision: r.decision, decisionOn: r.decisionOn, dfePapersSentOn: r.dfePapersSentOn, certificateIssuedOn: r.certificateIssuedOn, childName: r.childName,
  childDateOfBirth: r.childDateOfBirth, matchedOn: r.matchedOn, arrivedOn: r.arrivedOn, orderAppliedOn: r.orderAppliedOn, outcome: r.outcome, outcomeOn: r.outcomeOn,
});
const EMPTY_STEPS = {
  assessmentProvider: null, assessmentCommissionedOn: null, assessmentCompletedOn: null, panelOn: null, decision: null, decisionOn: null, dfePapersSentOn: null,
  certificateIssuedOn: null, childName: null, childDateOfBirth: null, matchedOn: null, arrivedOn: null, orderAppliedOn: null, outcome: null, outcomeOn: null,
} as const;

export async function listIntercountryAdoptions(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(listQuery, raw);
  const scope = adoptionListScope('intercountry-adoption', ctx.actor, ctx.facts);
  const canOpen = councilsToOpenFor(ctx.actor, ctx.facts).length > 0;
  if (!scope) return { query, total: 0, items: [], canOpen, councils: [] };
  const result = await store.listIntercountry(db, scope, query);
  const items = result.items.filter((r) => can(ctx, 'intercountry-adoption', 'view', r)).map((r) => ({ ...r, status: intercountryStatus(r) }));
  await auditList(db, ctx, 'intercountry-adoption', items, { query, total: result.total });
  return { query, total: result.total, items, canOpen, councils: await store.councils(db) };
}

/** Open a case from the applicants' enquiry. */
export async function openIntercountry(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(openIntercountryInput, raw);
  const offered = await openingCouncils(db, ctx, 'intercountry-adoption');
  if (!offered.some((c) => c.id === input.councilId)) throw ValidationError.of('councilId', 'Select the council whose agency assesses the applicants, from those you work for');
  const problems = intercountryProblems({ enquiryOn: input.enquiryOn, ...EMPTY_STEPS }, ctx.facts.today, ['enquiryOn']);
  if (problems.length) throw new ValidationError(problems);
  return db.transaction().execute(async (tx) => {
    const id = await store.insertIntercountry(tx, { ...input, applicant2Name: input.applicant2Name ?? null }, ctx.actor.staffId);
    await auditRecord(tx, ctx, 'intercountry-adoption', { id, councilId: input.councilId }, 'create', { after: input });
    return id;
  });
}

/** The case as its page tells it: each step, what comes next, the partnership's prompts, and what the person may record. */
export async function viewIntercountry(db: Db, ctx: RequestContext, id: string) {
  const a = await loadIntercountry(db, ctx, id);
  await auditRecord(db, ctx, 'intercountry-adoption', a, 'view');
  return { a, status: intercountryStatus(a), next: nextStep(a), prompts: intercountryPrompts(a, ctx.facts.today, 0), can: permissions(ctx, 'intercountry-adoption', a), steps: intercountryStepsOpen(a) };
}

const stepOf = (raw: unknown): IntercountryStep => parseInput(intercountryStep, raw);
const actionFor = (step: IntercountryStep) => (step === 'outcome' ? 'close' : 'work');

/** The case, for the form of one step, for someone who may record it (403 otherwise; 404 for a step not open to the case). */
export async function intercountryForStep(db: Db, ctx: RequestContext, id: string, rawStep: unknown) {
  const step = stepOf(rawStep);
  const a = await loadIntercountry(db, ctx, id, actionFor(step));
  if (!intercountryStepsOpen(a).includes(step)) throw new NotFoundError('Step');
  await auditRecord(db, ctx, 'intercountry-adoption', a, 'view', { form: step });
  return { a, step, status: intercountryStatus(a) };
}

/** Record (or correct) a step: refused, naming the field, if the case is closed, the step comes too soon, or a date breaks the order. */
export async function recordIntercountryStep(db: Db, ctx: RequestContext, id: string, rawStep: unknown, raw: unknown): Promise<void> {
  const step = stepOf(rawStep);
  const input = parseInput(intercountryStepInputs[step], raw) as Partial<IntercountryFacts>;
  const fields = Object.fromEntries(INTERCOUNTRY_STEP_FIELDS[step].map((f) => [f, input[f] ?? null])) as Partial<IntercountryFacts>;
  await db.transaction().execute(async (tx) => {
    const a = await loadIntercountry(tx, ctx, id, actionFor(step), true);
    const before = facts(a);
    const problems = intercountryStepProblems(before, step, { ...before, ...fields }, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    await store.setIntercountryFields(tx, id, fields);
    await auditRecord(tx, ctx, 'intercountry-adoption', a, 'update', { step, before: Object.fromEntries(Object.keys(fields).map((f) => [f, before[f as keyof IntercountryFacts]])), after: fields });
  });
}
