// Use cases for the agency decision maker: the queue of panel items awaiting their decision
// (overdue first, each with its working-day deadline), an item with the panel's recommendation,
// the decision itself (only on final minutes) landing on the records in the same transaction,
// and the letter telling the adopters. Each item is decided by the agency that owns its record:
// the household's owner, or the child's placing council for a match or SHOBPA.
import * as adopters from '../adopters/service.ts';
import * as children from '../children/service.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { decisionInput } from './input.ts';
import * as matching from '../matching/links-service.ts';
import * as items from './items-store.ts';
import { decisionLetter, hasLetter } from './letters.ts';
import { shownRecords, subjectsOf } from './loading.ts';
import { DECISIONS, decisionClock, decisionLabel, decisionProblems, ITEM_KINDS, queueOrder, type Decision, type ItemKind } from './model.ts';
import { decisionListScope, decisionPolicy, type DecisionAction } from './policy.ts';
import * as store from './store.ts';

const QUEUE_LIMIT = 500;
const DECIDED_SHOWN = 20;

/** Whether the person decides panel items (for the Panels page to offer the queue). */
export function mayDecide(ctx: RequestContext): boolean {
  return decisionListScope(ctx.actor).agencyIds.length > 0;
}

async function loadDecision(db: Db, ctx: RequestContext, itemId: string, action: DecisionAction = 'view') {
  const item = await items.findItem(db, itemId);
  if (!item) throw new NotFoundError('Item');
  const record = { id: item.id, agencyId: item.decisionAgencyId };
  if (!decisionPolicy.can(ctx.actor, ctx.facts, 'view', record)) throw new NotFoundError('Item');
  if (action !== 'view' && !decisionPolicy.can(ctx.actor, ctx.facts, action, record)) throw new ForbiddenError('Only the agency decision maker records the decision');
  const meeting = (await store.findMeeting(db, item.meetingId))!;
  return { item, meeting };
}

/** Items on final minutes awaiting the person's agency's decision, overdue first, and the latest decided. */
export async function decisionQueue(db: Db, ctx: RequestContext) {
  return db.transaction().execute(async (tx) => {
    const { agencyIds } = decisionListScope(ctx.actor);
    const today = ctx.facts.today;
    const allowed = (r: { id: string; decisionAgencyId: string }) => decisionPolicy.can(ctx.actor, ctx.facts, 'view', { id: r.id, agencyId: r.decisionAgencyId });
    const open = (await items.decisionItems(tx, agencyIds, { decided: false, limit: QUEUE_LIMIT })).filter(allowed);
    const decided = (await items.decisionItems(tx, agencyIds, { decided: true, limit: DECIDED_SHOWN })).filter(allowed);
    const subjects = await subjectsOf(tx, ctx, [...open, ...decided], false);
    const row = (r: items.QueueRow) => ({
      ...r, kindName: ITEM_KINDS[r.kind], subject: subjects.get(r.id)!, recommendationLabel: decisionLabel(r.kind, r.recommendation), decisionLabel: decisionLabel(r.kind, r.decision),
      clock: decisionClock(r.decisionDueOn!, r.decidedOn, today),
    });
    const waiting = queueOrder(open.map((r) => ({ ...row(r), dueOn: r.decisionDueOn! })), today);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'view', recordType: 'panel-item', ownerId: ctx.actor.orgId, detail: { queue: 'decisions', shown: [...open, ...decided].map((r) => r.id) },
      records: [...[...open, ...decided].map((r) => ({ type: 'panel-item', id: r.id, ownerId: r.decisionAgencyId })), ...shownRecords(subjects.values())],
    });
    return { waiting, decided: decided.map(row), overdue: waiting.filter((w) => w.clock.status === 'overdue').length };
  });
}

/** An item for its decision maker: the panel's recommendation, reasons and dissent, and the deadline. */
export async function viewDecision(db: Db, ctx: RequestContext, itemId: string) {
  return db.transaction().execute(async (tx) => {
    const { item, meeting } = await loadDecision(tx, ctx, itemId);
    const subject = (await subjectsOf(tx, ctx, [item], false)).get(itemId)!;
    const dissent = await items.dissentOf(tx, [itemId]);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'view', recordType: 'panel-item', recordId: itemId, ownerId: item.decisionAgencyId, records: shownRecords([subject]) });
    return {
      item: { ...item, kindName: ITEM_KINDS[item.kind], recommendationLabel: decisionLabel(item.kind, item.recommendation), decisionLabel: decisionLabel(item.kind, item.decision) },
      meeting, subject, dissent, clock: item.decisionDueOn ? decisionClock(item.decisionDueOn, item.decidedOn, ctx.facts.today) : null,
      choices: Object.entries(DECISIONS[item.kind]).map(([value, text]) => ({ value, text })),
      can: { decide: decisionPolicy.can(ctx.actor, ctx.facts, 'decide', { id: item.id, agencyId: item.decisionAgencyId }) && !item.decidedOn && !!meeting.minutesFinalOn, letter: !!item.decidedOn && hasLetter(item.kind) },
    };
  });
}

/** What the decision does to the item's records, through their own areas, in the same transaction. */
async function landDecision(tx: Db, ctx: RequestContext, item: items.ItemRow, meetingDate: string, decision: Decision, decidedOn: string): Promise<void> {
  const kind: ItemKind = item.kind;
  if (kind === 'approval') {
    await adopters.recordDecisionEventsIn(tx, ctx, item.householdId!, [
      { type: 'panel', date: meetingDate },
      { type: 'adm-decision', date: decidedOn, outcome: decision === 'approve' ? 'approved' : 'not-suitable' },
    ]);
  } else if (kind === 'review') {
    await adopters.recordDecisionEventsIn(tx, ctx, item.householdId!, [decision === 'continue'
      ? { type: 'approval-review', date: decidedOn }
      : { type: 'status-change', date: decidedOn, status: 'de-registered', reason: 'refused', notes: 'De-registered by the agency decision maker on the review of approval' }]);
  } else if (kind === 'match') {
    // The matching panel that recommended the match, on the children (naming the household), unless already recorded; then the match.
    if (item.recommendation === 'match' && !(await items.matchingPanelRecorded(tx, item.linkId!))) await matching.recordMatchingPanelIn(tx, ctx, { linkId: item.linkId!, panelOn: meetingDate });
    if (decision === 'match') await matching.recordMatchDecisionIn(tx, ctx, { linkId: item.linkId!, decidedOn });
  } else if (decision === 'place') {
    await children.addMilestoneIn(tx, ctx, item.childId!, { type: 'shobpa', date: decidedOn });
  }
}

/**
 * Record the agency decision maker's decision on an item, with reasons: refused until the
 * panel's minutes are final, and once made it is kept as written. An approval records the panel
 * and the decision on the household; a review, the review or the de-registration; a match, the
 * match on the children and the household (matching); a SHOBPA decision, the milestone on the child.
 */
export async function decide(db: Db, ctx: RequestContext, raw: unknown): Promise<{ itemId: string; decision: Decision; late: boolean }> {
  const input = parseInput(decisionInput, raw);
  return db.transaction().execute(async (tx) => {
    const { item } = await loadDecision(tx, ctx, input.itemId, 'decide');
    await items.lockItem(tx, item.id);
    const current = (await items.findItem(tx, item.id))!;
    const meeting = (await store.findMeeting(tx, item.meetingId))!;
    const problems = decisionProblems(meeting, current, input, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    const decision = input.decision as Decision;
    await landDecision(tx, ctx, current, meeting.date, decision, input.decidedOn);
    await items.saveDecision(tx, item.id, { decision, reasons: input.reasons, decidedOn: input.decidedOn, by: ctx.actor.staffId });
    const late = input.decidedOn > current.decisionDueOn!;
    const subject = (await subjectsOf(tx, ctx, [current], false)).get(item.id)!;
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'panel-item', recordId: item.id, ownerId: item.decisionAgencyId,
      detail: { after: { decision, decidedOn: input.decidedOn }, recommendation: current.recommendation, dueOn: current.decisionDueOn, late },
      records: shownRecords([subject]),
    });
    return { itemId: item.id, decision, late };
  });
}

/** The letter telling the adopters of the decision, with the address as typed (none: room is left for it). */
export async function letter(db: Db, ctx: RequestContext, itemId: string, address: readonly string[] = []) {
  return db.transaction().execute(async (tx) => {
    const { item, meeting } = await loadDecision(tx, ctx, itemId);
    if (!item.decision || !item.decidedOn || !hasLetter(item.kind) || !item.householdId) throw new NotFoundError('Letter');
    // The letter names the adopters: only for a decision maker who may see their household.
    if (!(await adopters.householdVisibleTo(tx, ctx, item.householdId))) throw new NotFoundError('Letter');
    const h = (await items.householdFacts(tx, [item.householdId])).get(item.householdId)!;
    const link = item.linkId ? (await items.linkFacts(tx, [item.linkId])).get(item.linkId) : undefined;
    const childNames = link ? [...(await items.childFacts(tx, link.childIds)).values()].map((c) => c.name.split(' ')[0]).join(' and ') : null;
    const doc = decisionLetter({
      kind: item.kind, decision: item.decision, agencyName: h.ownerName, addressee: h.names, salutation: h.salutation, reference: h.reference, panelDate: meeting.date,
      decidedOn: item.decidedOn, reasons: item.decisionReasons ?? '', approvedFor: item.approvedFor, childNames, address, today: ctx.facts.today,
    })!;
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'export', recordType: 'panel-item', recordId: itemId, ownerId: item.decisionAgencyId,
      detail: { letter: item.decision }, records: [{ type: 'household', id: h.id, ownerId: h.ownerId }],
    });
    return { item, letter: doc };
  });
}
