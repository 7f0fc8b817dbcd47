// Services to adopted adults and their relatives (use cases): the requests a person may see,
// opening one for the council that holds the adoption record, the request as its page tells it
// (the regime, whether counselling is required and why, every veto on the adopted person),
// counselling sessions, steps, vetoes, closing with an outcome, and the work they make due. Each
// change: load → policy → rule → write → audit, in one transaction; every view is audited too.
import type { RequestContext } from '../core/access.ts';
import { auditActor } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, ValidationError, type FieldError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import { closeInput, counsellingInput, listQuery, requestInput, stepInput, vetoInput } from './input.ts';
import { auditRequest, can, loadRequest, stateOf } from './loading.ts';
import {
  closeProblems, counsellingDueOn, counsellingOf, counsellingProblems, firstResponseDueOn, keepUntil, nextStepDueOn, outcomesFor, regimeOf, requestProblems,
  stepProblems, stepsFor, vetoProblems, FIRST_RESPONSE_WORKING_DAYS, INTERMEDIARY_STEP_WEEKS,
} from './model.ts';
import { adoptedAdultListScope, adoptedAdultPolicy, mayUseAdoptedAdults as usesAdoptedAdults, RECORD_TYPE, type AdoptedAdultAction } from './policy.ts';
import * as store from './store.ts';

/** Whether the navigation offers Adopted adults. */
export function mayUseAdoptedAdults(ctx: RequestContext): boolean {
  return usesAdoptedAdults(ctx.actor);
}

const refuseIf = (problems: FieldError[]) => { if (problems.length) throw new ValidationError(problems); };
const linksOf = (rows: readonly { id: string; ownerId: string }[]) => rows.map((r) => ({ type: RECORD_TYPE, id: r.id, ownerId: r.ownerId }));
const NOT_OPENER = 'Only social workers, team managers and support workers open requests from adopted adults and their relatives';

// ---- lists and opening --------------------------------------------------------------------------

export async function listRequests(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(listQuery, raw);
  const scope = adoptedAdultListScope(ctx.actor, ctx.facts);
  if (!scope) return { query, total: 0, items: [], councils: [] };
  const result = await store.listRequests(db, scope, query);
  // The scope is the 'view' rule as a filter; this makes sure.
  const items = result.items.filter((r) => can(ctx, 'view', r));
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: RECORD_TYPE, ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: items.map((r) => r.id) }, records: linksOf(items) });
  return { query, total: result.total, items, councils: await store.councils(db) };
}

/** The councils the person may open a request for: their own, and those whose adopted adults function their organisation delivers today. */
export async function openingChoices(db: Db, ctx: RequestContext) {
  if (!usesAdoptedAdults(ctx.actor)) throw new ForbiddenError(NOT_OPENER);
  const councils = (await store.councils(db)).filter((c) => adoptedAdultPolicy.can(ctx.actor, ctx.facts, 'open', { id: '', ownerId: c.id }));
  return { councils };
}

export async function openRequest(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  if (!usesAdoptedAdults(ctx.actor)) throw new ForbiddenError(NOT_OPENER);
  const input = parseInput(requestInput, raw);
  // A council the person does not work for is no choice of theirs, as if it did not exist.
  if (!adoptedAdultPolicy.can(ctx.actor, ctx.facts, 'open', { id: '', ownerId: input.ownerId })) throw ValidationError.of('ownerId', 'Select a council you work for');
  refuseIf(requestProblems({ ...input, relationship: input.relationship ?? null }, ctx.facts.today));
  return db.transaction().execute(async (tx) => {
    if (!(await store.councils(tx)).some((c) => c.id === input.ownerId)) throw ValidationError.of('ownerId', 'Select a council you work for');
    const id = await store.insertRequest(tx, input, ctx.actor.staffId);
    await auditRequest(tx, ctx, { id, ownerId: input.ownerId }, 'create', { after: input });
    return id;
  });
}

// ---- one request ----------------------------------------------------------------------------------

function permissionsOf(ctx: RequestContext, r: store.RequestRow) {
  const may = (a: AdoptedAdultAction) => can(ctx, a, r);
  const open = r.closedOn === null;
  return { work: open && may('work'), close: open && may('close') };
}

/** The request as its page tells it: the regime and counselling with their reasons, everything on it, and every veto on the adopted person. */
export async function viewRequest(db: Db, ctx: RequestContext, id: string) {
  const r = await loadRequest(db, ctx, id);
  const held = await stateOf(db, r);
  // A veto found on another request is shown (it binds whoever approaches); that request is named only to those who may see it.
  const elsewhere = held.elsewhere.map((v) => ({ ...v, requestShown: can(ctx, 'view', { id: v.requestId, ownerId: v.ownerId }) }));
  await auditRequest(db, ctx, r, 'view', { shown: { counselling: held.counselling.length, steps: held.steps.length, vetoes: held.vetoes.map((v) => v.id), vetoesElsewhere: elsewhere.map((v) => v.id) } },
    linksOf(elsewhere.map((v) => ({ id: v.requestId, ownerId: v.ownerId }))));
  return {
    r, ...held, elsewhere, regime: regimeOf(r), counsellingNeed: counsellingOf(r), keepUntil: keepUntil(r.orderOn),
    steps: held.steps, can: permissionsOf(ctx, r), nextSteps: stepsFor(r.kind), outcomes: outcomesFor(r.kind),
  };
}

/** The request and what it holds, for a form page, for someone who may do the form's action (403 before anything is read otherwise; a closed request takes no more). */
export async function requestForForm(db: Db, ctx: RequestContext, id: string, form: 'work' | 'close') {
  const r = await loadRequest(db, ctx, id, form);
  if (r.closedOn) throw new ForbiddenError('This request is closed: it takes no more steps');
  const held = await stateOf(db, r);
  await auditRequest(db, ctx, r, 'view', { form });
  return { r, ...held, regime: regimeOf(r), counsellingNeed: counsellingOf(r), nextSteps: stepsFor(r.kind), outcomes: outcomesFor(r.kind) };
}

async function change(db: Db, ctx: RequestContext, id: string, action: AdoptedAdultAction, work: (tx: Db, r: store.RequestRow, held: Awaited<ReturnType<typeof stateOf>>) => Promise<{ id: string; detail: Record<string, unknown> }>): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const r = await loadRequest(tx, ctx, id, action);
    await store.lockRequest(tx, id);
    const done = await work(tx, r, await stateOf(tx, r));
    await auditRequest(tx, ctx, r, 'update', done.detail);
    return done.id;
  });
}

export async function addCounselling(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(counsellingInput, raw);
  return change(db, ctx, id, 'work', async (tx, r, held) => {
    refuseIf(counsellingProblems(held.state, input, ctx.facts.today));
    const counsellingId = await store.insertCounselling(tx, r.id, input, ctx.actor.staffId);
    return { id: counsellingId, detail: { counselling: counsellingId, after: input } };
  });
}

/** Record a step. An approach is refused under an absolute veto, and needs the worker's confirmation under a qualified one; disclosure waits for counselling where it is required. */
export async function addStep(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(stepInput, raw);
  return change(db, ctx, id, 'work', async (tx, r, held) => {
    refuseIf(stepProblems(held.state, input, ctx.facts.today));
    const stepId = await store.insertStep(tx, r.id, input, ctx.actor.staffId);
    return { id: stepId, detail: { step: stepId, after: input } };
  });
}

export async function addVeto(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(vetoInput, raw);
  return change(db, ctx, id, 'work', async (tx, r, held) => {
    refuseIf(vetoProblems(held.state, input, ctx.facts.today));
    const vetoId = await store.insertVeto(tx, r.id, input, ctx.actor.staffId);
    return { id: vetoId, detail: { veto: vetoId, after: input } };
  });
}

export async function closeRequest(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(closeInput, raw);
  return change(db, ctx, id, 'close', async (tx, r, held) => {
    refuseIf(closeProblems(held.state, input, ctx.facts.today));
    await store.closeRequest(tx, r.id, input);
    return { id: r.id, detail: { before: { outcome: null, closedOn: null }, after: input } };
  });
}

// ---- work due ----------------------------------------------------------------------------------------------

/**
 * On open requests the person may work on: intermediary requests with no step for eight weeks,
 * counselling required but not booked, and requests with no first response after 20 working
 * days. Titles name the applicant and nothing more about them.
 */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = adoptedAdultListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  const rows = (await store.openRequestFacts(db, scope)).filter((r) => can(ctx, 'work', r));
  const item = (kind: string, title: string, r: (typeof rows)[number], dueOn: string): WorkItem =>
    ({ kind, title: `${title}: ${r.applicantName}`, href: `/adopted-adults/${r.id}`, dueOn, overdue: dueOn < today, record: { type: RECORD_TYPE, id: r.id, ownerId: r.ownerId } });
  const items: WorkItem[] = [];
  for (const r of rows) {
    if (r.kind === 'intermediary') {
      const dueOn = nextStepDueOn(r.lastStepOn ?? r.receivedOn);
      if (dueOn <= today) items.push(item('intermediary-no-step', `Intermediary request: no step for ${INTERMEDIARY_STEP_WEEKS} weeks`, r, dueOn));
    }
    if (counsellingOf(r).required && !r.counsellingRecorded) items.push(item('counselling-not-booked', 'Book the counselling required before birth records information is given', r, counsellingDueOn(r.receivedOn)));
    const responseDue = firstResponseDueOn(r.receivedOn);
    if (!r.firstResponseOn && responseDue <= today) items.push(item('adopted-adult-first-response', `No first response after ${FIRST_RESPONSE_WORKING_DAYS} working days`, r, responseDue));
  }
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}
