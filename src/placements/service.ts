// Use cases for placements: from the match to the adoption order (introductions and their review,
// the move, reviews after placement, the application, the order) and disruptions at any step.
// A placement is as visible, and as open to change, as its children (decision 015): the children
// area's rules decide, and each step writes the children's milestones and care episodes through
// the children area, and the household's status through the adopters area, in one transaction.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import * as adopters from '../adopters/for-matching.ts';
import * as children from '../children/service.ts';
import { addEpisodeIn, endCareIn } from '../children/episodes-service.ts';
import { childAccess, childrenToPlace, childScope, placeChangeReasonFor } from '../children/for-placements.ts';
import {
  applicationInput, disruptionInput, disruptionListQuery, introductionsInput, introductionsReviewInput, listQuery, moveInput, orderInput, reviewInput,
} from './input.ts';
import {
  applicationProblems, disruptionKindOf, disruptionProblems, earliestApplication, introductionsProblems, introductionsReviewProblems, moveProblems, placementChangeProblems,
  nextReviewDue, orderProblems, reviewProblems,
} from './model.ts';
import * as store from './store.ts';

const PAGE = 25;

type AuditAction = 'view' | 'create' | 'update' | 'search';

function audit(db: Db, ctx: RequestContext, p: { id: string; ownerId: string; childIds: readonly string[]; householdId: string }, action: AuditAction, detail?: Record<string, unknown>, recordType = 'placement', recordId = p.id) {
  return recordAudit(db, {
    actor: auditActor(ctx.actor), action, recordType, recordId, ownerId: p.ownerId, detail: { placement: p.id, ...detail },
    records: [...p.childIds.map((id) => ({ type: 'child', id, ownerId: p.ownerId })), { type: 'household', id: p.householdId, ownerId: p.ownerId }],
  });
}

/** Whether the navigation offers Placements: the person may see children. */
export function mayUsePlacements(ctx: RequestContext): boolean {
  return childScope(ctx) !== null;
}

/** The placement, if the person may see every child in it (404 otherwise); with 'update', 403 unless they may work on every one. */
async function loadPlacement(db: Db, ctx: RequestContext, id: string, action: 'view' | 'update' = 'view'): Promise<store.PlacementRow & { mayChange: boolean }> {
  const p = await store.findPlacement(db, id);
  if (!p) throw new NotFoundError('Placement');
  const access = await childAccess(db, ctx, p.childIds, { seal: false });
  if (!p.childIds.every((c) => access.view.has(c))) throw new NotFoundError('Placement');
  const mayChange = p.childIds.every((c) => access.update.has(c));
  if (action === 'update' && !mayChange) throw new ForbiddenError();
  return { ...p, mayChange };
}

// ---- reading ----------------------------------------------------------------------------------

export async function list(db: Db, ctx: RequestContext, raw: unknown) {
  const q = parseInput(listQuery, raw);
  const scope = childScope(ctx);
  const result = scope ? await store.listPlacements(db, scope, { status: q.status, childId: q.child, offset: q.offset, limit: PAGE }) : { total: 0, items: [] };
  const access = await childAccess(db, ctx, result.items.flatMap((p) => p.childIds), { seal: false });
  const items = result.items.filter((p) => p.childIds.every((c) => access.view.has(c)));
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'placement', ownerId: ctx.actor.orgId, detail: { query: { status: q.status, child: q.child }, shown: items.map((p) => p.id) },
    records: items.flatMap((p) => p.childIds.map((id) => ({ type: 'child', id, ownerId: p.ownerId }))),
  });
  return { query: q, total: result.total, offset: q.offset, limit: PAGE, items };
}

/** The placement's page; with 'update', for a change form (403 unless the person may work on every child). */
export async function view(db: Db, ctx: RequestContext, id: string, forAction: 'view' | 'update' = 'view') {
  const p = await loadPlacement(db, ctx, id, forAction);
  const [reviews, disruption] = await Promise.all([store.reviewsOf(db, id), store.disruptionOf(db, id)]);
  await audit(db, ctx, p, 'view');
  return {
    placement: p, reviews, disruption: disruption ?? null,
    nextReviewDue: nextReviewDue(p, p.reviewsHeld),
    applicationFrom: p.placedOn ? earliestApplication(p.placedOn) : null,
    disruptionKind: disruption ? null : disruptionKindOf(p.status),
    can: { change: p.mayChange },
  };
}

/** What the introductions form needs: the children placed together and the household of their match. */
export async function planFor(db: Db, ctx: RequestContext, childId: string) {
  const { group, children: kids } = await childrenToPlace(db, ctx, childId);
  const match = kids[0]!.match;
  const open = await store.openPlacementOf(db, kids.map((c) => c.id));
  return { group, children: kids.map((c) => ({ id: c.id, name: c.name })), match, openPlacementId: open ?? null };
}

// ---- the steps ----------------------------------------------------------------------------------

/** Introductions begin: the placement of the child (and the siblings placed with them) with the household of their match. */
export async function start(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(introductionsInput, raw);
  return db.transaction().execute(async (tx) => {
    const { children: kids } = await childrenToPlace(tx, ctx, input.childId);
    const match = kids[0]!.match;
    if (!match || kids.some((c) => c.match?.householdId !== match.householdId)) {
      throw ValidationError.of('childId', `${kids.map((c) => c.name).join(' and ')} ${kids.length > 1 ? 'are' : 'is'} not matched with a family: introductions follow the agency decision maker's match`);
    }
    if (await store.openPlacementOf(tx, kids.map((c) => c.id))) throw new ConflictError('These children already have a placement under way');
    const problems = introductionsProblems(match.on, input);
    if (problems.length) throw new ValidationError(problems);
    const p = { ownerId: kids[0]!.placingAuthorityId, householdId: match.householdId, childIds: kids.map((c) => c.id) };
    const id = await store.insertPlacement(tx, { ...p, matchOn: match.on, introductionsStart: input.introductionsStart, plannedMoveOn: input.plannedMoveOn, by: ctx.actor.staffId });
    await audit(tx, ctx, { id, ...p }, 'create', { after: { introductionsStart: input.introductionsStart, plannedMoveOn: input.plannedMoveOn } });
    return id;
  });
}

/** A step on a placement: load it for change, check the step's rule, write, audit. */
async function step(db: Db, ctx: RequestContext, id: string, work: (tx: Db, p: store.PlacementRow) => Promise<{ change: store.PlacementChange; problems: FieldError[] } | FieldError[]>) {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, ctx, id, 'update');
    const result = await work(tx, p);
    if (Array.isArray(result)) throw new ValidationError(result);
    if (result.problems.length) throw new ValidationError(result.problems);
    await store.updatePlacement(tx, id, result.change);
    const before = Object.fromEntries(Object.keys(result.change).map((k) => [k, (p as unknown as Record<string, unknown>)[k] ?? null]));
    await audit(tx, ctx, p, 'update', { before, after: result.change });
  });
}

export async function reviewIntroductions(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(introductionsReviewInput, raw);
  await step(db, ctx, id, async (_tx, p) => ({
    problems: introductionsReviewProblems(p, input, ctx.facts.today),
    change: { introductionsReviewedOn: input.reviewedOn, introductionsReview: input.outcome, ...(input.plannedMoveOn ? { plannedMoveOn: input.plannedMoveOn } : {}) },
  }));
}

/**
 * The children move in: placed for adoption (milestone, with the code), a new care episode for
 * each (the placement and its provider, keeping the legal status), and the household placed.
 */
export async function move(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(moveInput, raw);
  await step(db, ctx, id, async (tx, p) => {
    const problems = moveProblems(p, input.placedOn, ctx.facts.today);
    if (problems.length) return problems;
    const { children: kids } = await childrenToPlace(tx, ctx, p.childIds[0]!);
    const changes = kids.flatMap((c) => placementChangeProblems(input.placementCode, c.openPlacement, kids.length > 1 ? c.name : undefined));
    if (changes.length) return changes.slice(0, 1);
    await atField('placedOn', () => children.addMilestoneIn(tx, ctx, kids[0]!.id, { type: 'placed-for-adoption', date: input.placedOn, code: input.placementCode }, { householdId: p.householdId }));
    for (const child of kids) {
      await atField('placedOn', () => addEpisodeIn(tx, ctx, child.id, {
        startDate: input.placedOn, rne: 'P', legalStatus: child.openLegalStatus ?? undefined, placement: input.placementCode, placementProvider: input.providerCode,
        placementPostcode: input.placementPostcode, urn: input.urn ?? 'XXXXXXX',
        // The foster placement ends as the care plan is carried out (903 REASON_PLACE_CHANGE CARPL).
        reasonPlaceChange: placeChangeReasonFor(child, { startDate: input.placedOn, placement: input.placementCode }, 'CARPL'),
      }), child.name);
    }
    await adopters.followPlacement(tx, ctx, p.householdId, 'placed', input.placedOn, { placement: p.id });
    return { problems: [], change: { status: 'placed', placedOn: input.placedOn, placementCode: input.placementCode, providerCode: input.providerCode } };
  });
}

/** A review after placement: held while the children are placed, before the order. */
export async function addReview(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(reviewInput, raw);
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, ctx, id, 'update');
    const problems = reviewProblems(p, input.heldOn, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    const reviewId = await store.insertReview(tx, id, { ...input, by: ctx.actor.staffId });
    await audit(tx, ctx, p, 'create', { after: { heldOn: input.heldOn } }, 'placement-review', reviewId);
    return reviewId;
  });
}

/** The adopters apply for the adoption order: not before 10 weeks of living together. */
export async function apply(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(applicationInput, raw);
  await step(db, ctx, id, async (tx, p) => {
    const problems = applicationProblems(p, input.appliedOn, ctx.facts.today);
    if (problems.length) return problems;
    for (const childId of p.childIds) await atField('appliedOn', () => children.addMilestoneIn(tx, ctx, childId, { type: 'adoption-application', date: input.appliedOn }, { householdId: p.householdId }));
    return { problems: [], change: { status: 'applied', appliedOn: input.appliedOn } };
  });
}

/** The adoption order: the milestone for each child, and their care ends that day (REC E11/E12). */
export async function order(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(orderInput, raw);
  await step(db, ctx, id, async (tx, p) => {
    const problems = orderProblems(p, input.orderOn, ctx.facts.today);
    if (problems.length) return problems;
    for (const childId of p.childIds) {
      await atField('orderOn', () => children.addMilestoneIn(tx, ctx, childId, { type: 'adoption-order', date: input.orderOn, code: input.orderCode }, { householdId: p.householdId }));
      await endCareIn(tx, ctx, childId, { endDate: input.orderOn, reasonCeased: input.orderCode, field: 'orderOn' });
    }
    return { problems: [], change: { status: 'adopted', orderOn: input.orderOn, orderCode: input.orderCode } };
  });
}

/**
 * A disruption ends the placement at its step. During introductions or before the order it ends
 * the children's steps with the family (milestone), and may reverse the plan; before the order
 * the children move to their next placement (a care episode); the household returns to approved.
 * After the order it is recorded and counted: the children's records are theirs to reopen.
 */
export async function disrupt(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(disruptionInput, raw);
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, ctx, id, 'update');
    const problems = disruptionProblems(p, input, ctx.facts.today, (await store.disruptionOf(tx, id)) !== undefined);
    if (problems.length) throw new ValidationError(problems);
    const kind = disruptionKindOf(p.status)!;
    if (kind !== 'after-order') {
      const { children: kids } = await childrenToPlace(tx, ctx, p.childIds[0]!);
      for (const child of kids) {
        await atField('occurredOn', () => children.addMilestoneIn(tx, ctx, child.id, { type: 'disrupted', date: input.occurredOn }, { householdId: p.householdId }), child.name);
        if (input.nextPlacement) {
          await atField('occurredOn', () => addEpisodeIn(tx, ctx, child.id, {
            startDate: input.occurredOn, rne: 'P', legalStatus: child.openLegalStatus ?? undefined, placement: input.nextPlacement,
            placementPostcode: input.nextPlacementPostcode, urn: input.nextUrn ?? 'XXXXXXX',
            reasonPlaceChange: placeChangeReasonFor(child, { startDate: input.occurredOn, placement: input.nextPlacement }, placeChangeAfterDisruption(input.reasons)),
          }), child.name);
        }
        if (input.planReversed) await atField('planReversed', () => children.addMilestoneIn(tx, ctx, child.id, { type: 'plan-reversed', date: input.occurredOn, code: input.planReversed }), child.name);
      }
      await adopters.followPlacement(tx, ctx, p.householdId, 'approved', input.occurredOn, { placement: p.id });
      await store.updatePlacement(tx, id, { status: 'disrupted' });
    }
    const disruptionId = await store.insertDisruption(tx, {
      ownerId: p.ownerId, placementId: id, householdId: p.householdId, kind, occurredOn: input.occurredOn, reasons: input.reasons, details: input.details,
      nextForChild: input.nextForChild, planReversed: input.planReversed ?? null, by: ctx.actor.staffId,
    });
    await audit(tx, ctx, p, 'create', { after: { kind, occurredOn: input.occurredOn, reasons: input.reasons, nextForChild: input.nextForChild, planReversed: input.planReversed ?? null } }, 'disruption', disruptionId);
    return disruptionId;
  });
}

/**
 * The 903 reason the adoptive placement ended, from the disruption's recorded reasons: the
 * adopters ending it over the child's behaviour (CREQB) or over their own circumstances (CREQO),
 * otherwise OTHER (the record does not say who asked for it to end).
 */
function placeChangeAfterDisruption(reasons: readonly string[]): string {
  if (reasons.includes('behaviour')) return 'CREQB';
  if (reasons.includes('adopter-circumstances')) return 'CREQO';
  return 'OTHER';
}

/** The children area's refusal, on this form's field, naming the child when there are several. */
async function atField<T>(field: string, work: () => Promise<T>, childName?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.errors.map((e) => ({ field, message: childName ? `For ${childName}: ${e.message}` : e.message })));
  }
}

// ---- disruptions and work -------------------------------------------------------------------------

export async function disruptions(db: Db, ctx: RequestContext, raw: unknown) {
  const q = parseInput(disruptionListQuery, raw);
  const scope = childScope(ctx);
  const result = scope ? await store.listDisruptions(db, scope, { kind: q.kind, offset: q.offset, limit: PAGE }) : { total: 0, items: [], byKind: {} };
  const access = await childAccess(db, ctx, result.items.flatMap((d) => d.childIds), { seal: false });
  const items = result.items.filter((d) => d.childIds.every((c) => access.view.has(c)));
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'disruption', ownerId: ctx.actor.orgId, detail: { query: { kind: q.kind }, shown: items.map((d) => d.id) },
    records: items.flatMap((d) => d.childIds.map((id) => ({ type: 'child', id, ownerId: d.ownerId }))),
  });
  return { query: q, total: result.total, offset: q.offset, limit: PAGE, items, byKind: result.byKind };
}

/**
 * What open placements need from the person who may work on them: the move when the planned day
 * has passed, reviews after placement due within a week or overdue, and an application the
 * adopters may now make (10 weeks).
 */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = childScope(ctx);
  if (!scope) return [];
  const open = await store.openPlacements(db, scope);
  const access = await childAccess(db, ctx, open.flatMap((p) => p.childIds), { seal: false });
  const soon = addDays(ctx.facts.today, 7);
  const items: WorkItem[] = [];
  for (const p of open) {
    if (!p.childIds.every((c) => access.update.has(c))) continue;
    const who = p.childNames.join(' and ');
    const base = { href: `/placements/${p.id}`, record: { type: 'child', id: p.childIds[0]!, ownerId: p.ownerId } };
    if (p.status === 'introductions' && p.plannedMoveOn <= soon) items.push({ ...base, kind: 'placement-move', title: `${who}: the move planned for ${formatDate(p.plannedMoveOn)}`, dueOn: p.plannedMoveOn, overdue: p.plannedMoveOn < ctx.facts.today });
    const due = nextReviewDue(p, p.reviewsHeld);
    if (due && due <= soon) items.push({ ...base, kind: 'placement-review', title: `${who}: review after placement due ${formatDate(due)}`, dueOn: due, overdue: due < ctx.facts.today });
    if (p.status === 'placed' && p.placedOn && earliestApplication(p.placedOn) <= ctx.facts.today) {
      items.push({ ...base, kind: 'adoption-application', title: `${who}: 10 weeks since moving in; the adopters may apply for the order`, dueOn: earliestApplication(p.placedOn), overdue: false });
    }
  }
  return items;
}
