// Birth family support (use cases): the cases a person may see, opening one from a referral,
// referrals, offers and the relative's answers, sessions, closing and reopening, and the work they
// make due. Each change: load → policy → rule → write → audit, in one transaction. The date rules
// are model.ts; who may do what, policy.ts; whether the linked child is shown, the children area.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { formatDate } from '../core/dates.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import { answerInput, caseListQuery, closeInput, offerInput, openCaseInput, referralInput, reopenInput, sessionInput } from './input.ts';
import { auditCase, can, caseRecords, childLabel, loadCase, visibleChildren } from './loading.ts';
import {
  checkAnswer, checkClosing, checkDateOfBirth, checkOffer, checkReferral, checkReopening, checkSession, currentClosing, lowerFirst, OFFER_KINDS,
  offerDueOn, referredOn, replyDueOn, sessionDueOn,
} from './model.ts';
import { birthFamilyListScope, birthFamilyPolicy, mayUseBirthFamilySupport, openScope, RECORD_TYPE, type BirthFamilyAction } from './policy.ts';
import * as store from './store.ts';
import { caseTimeline } from './timeline.ts';

/** Whether the navigation offers Birth families. */
export function mayUseBirthFamily(ctx: RequestContext): boolean {
  return mayUseBirthFamilySupport(ctx.actor);
}

const refuseIf = (problems: { field: string; message: string }[]) => { if (problems.length) throw new ValidationError(problems); };

// ---- cases -----------------------------------------------------------------------------------------

export async function listCases(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(caseListQuery, raw);
  const scope = birthFamilyListScope(ctx.actor, ctx.facts);
  const canOpen = openScope(ctx.actor, ctx.facts).length > 0;
  const councils = await store.councils(db);
  if (!scope) return { query, total: 0, items: [], canOpen, councils };
  const result = await store.listCases(db, scope, query);
  // The scope is the 'view' rule as a filter; this makes sure.
  const rows = result.items.filter((c) => can(ctx, 'view', c));
  const shown = await visibleChildren(db, ctx, rows.map((c) => c.childId));
  const items = rows.map((c) => ({ c, child: childLabel(c, c.childId !== null && shown.has(c.childId)), childShown: c.childId !== null && shown.has(c.childId) }));
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: RECORD_TYPE, ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: rows.map((c) => c.id) }, records: rows.flatMap(caseRecords) });
  return { query, total: result.total, items, canOpen, councils };
}

/** What the form to open a case offers: the councils the person works for, and the children of theirs the person may see whose adoption is planned or made. */
export async function openingChoices(db: Db, ctx: RequestContext) {
  const owners = openScope(ctx.actor, ctx.facts);
  if (owners.length === 0) throw new ForbiddenError('Only support workers, social workers and team managers open birth family support cases');
  const councils = (await store.councils(db)).filter((c) => owners.includes(c.id));
  const candidates = await store.linkableChildren(db, councils.map((c) => c.id), 500);
  const shown = await visibleChildren(db, ctx, candidates.map((c) => c.id));
  const children = candidates.filter((c) => shown.has(c.id));
  if (children.length) {
    await recordAudit(db, { actor: auditActor(ctx.actor), action: 'search', recordType: 'child', ownerId: ctx.actor.orgId, detail: { for: RECORD_TYPE, shown: children.map((c) => c.id) }, records: children.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingCouncilId })) });
  }
  return { councils, children };
}

export async function openCase(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(openCaseInput, raw);
  if (openScope(ctx.actor, ctx.facts).length === 0) throw new ForbiddenError('Only support workers, social workers and team managers open birth family support cases');
  refuseIf([...checkDateOfBirth(input.dateOfBirth, ctx.facts.today), ...checkReferral(input.receivedOn, ctx.facts.today)]);
  return db.transaction().execute(async (tx) => {
    let ownerId: string;
    if (input.childId) {
      // A child the person may not see is answered as one that does not exist; the case is the child's council's.
      const notOffered = () => ValidationError.of('childId', 'Select a child whose record you can see, of a council you work for');
      const council = await store.childCouncil(tx, input.childId);
      if (!council || !(await visibleChildren(tx, ctx, [input.childId])).has(input.childId)) throw notOffered();
      if (!birthFamilyPolicy.can(ctx.actor, ctx.facts, 'open', { id: '', ownerId: council })) throw notOffered();
      ownerId = council;
    } else {
      const problems = [
        ...(input.childFirstName ? [] : [{ field: 'childFirstName', message: 'Select the child\'s record, or enter the child\'s first name' }]),
        ...(input.ownerId ? [] : [{ field: 'ownerId', message: 'Select the child\'s placing council' }]),
      ];
      refuseIf(problems);
      const isCouncil = (await store.councils(tx)).some((c) => c.id === input.ownerId);
      if (!isCouncil || !birthFamilyPolicy.can(ctx.actor, ctx.facts, 'open', { id: '', ownerId: input.ownerId! })) throw ValidationError.of('ownerId', 'Select a council whose birth family support you work on');
      ownerId = input.ownerId!;
    }
    const id = await store.insertCase(tx, {
      ownerId, childId: input.childId ?? null, childFirstName: input.childId ? null : input.childFirstName ?? null, childBirthYear: input.childId ? null : input.childBirthYear ?? null,
      givenName: input.givenName, familyName: input.familyName, dateOfBirth: input.dateOfBirth ?? null, relationship: input.relationship, openedOn: ctx.facts.today, openedBy: ctx.actor.staffId,
    });
    const referralId = await store.insertReferral(tx, id, input, ctx.actor.staffId);
    await auditCase(tx, ctx, (await store.findCase(tx, id))!, 'create', { after: { ...input, ownerId, referral: referralId } });
    return id;
  });
}

function permissionsFor(ctx: RequestContext, c: store.CaseRow) {
  return { work: can(ctx, 'work', c), close: can(ctx, 'close', c) };
}

/** The case as its page tells it: who, the child as the person may see them, everything on it, and whether it is closed. */
export async function viewCase(db: Db, ctx: RequestContext, id: string) {
  const c = await loadCase(db, ctx, id);
  const [parts, shown] = await Promise.all([store.casePartsOf(db, id), visibleChildren(db, ctx, [c.childId])]);
  const childShown = c.childId !== null && shown.has(c.childId);
  await auditCase(db, ctx, c, 'view', { shown: { referrals: parts.referrals.length, offers: parts.offers.length, sessions: parts.sessions.length, closings: parts.closings.length, child: childShown } });
  return { c, ...parts, childShown, child: childLabel(c, childShown), closing: currentClosing(parts.closings), can: permissionsFor(ctx, c), timeline: caseTimeline(parts) };
}

/** The case and what it holds, for a form page, for someone who may do the form's action (403 before anything is read otherwise). */
export async function caseForForm(db: Db, ctx: RequestContext, id: string, action: 'work' | 'close') {
  const c = await loadCase(db, ctx, id, action);
  const parts = await store.casePartsOf(db, id);
  await auditCase(db, ctx, c, 'view', { form: action });
  return { c, ...parts, closing: currentClosing(parts.closings), can: permissionsFor(ctx, c) };
}

// ---- changes ------------------------------------------------------------------------------------------

type Change = (tx: Db, c: store.CaseRow, parts: store.CaseParts) => Promise<{ id: string; detail: Record<string, unknown> }>;

async function change(db: Db, ctx: RequestContext, id: string, action: BirthFamilyAction, work: Change): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const c = await loadCase(tx, ctx, id, action);
    await store.lockCase(tx, id);
    const done = await work(tx, c, await store.casePartsOf(tx, id));
    await auditCase(tx, ctx, c, 'update', done.detail);
    return done.id;
  });
}

/** A closed case takes nothing new until it is reopened: refused, naming the field, with nothing saved. */
function refuseIfClosed(parts: store.CaseParts, field: string, what: string) {
  const closing = currentClosing(parts.closings);
  if (closing) throw new ConflictError(`This case was closed on ${formatDate(closing.closedOn)}: reopen it to record ${what}`, field);
}

export async function addReferral(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(referralInput, raw);
  refuseIf(checkReferral(input.receivedOn, ctx.facts.today));
  return change(db, ctx, id, 'work', async (tx, _c, parts) => {
    refuseIfClosed(parts, 'receivedOn', 'a referral');
    const referralId = await store.insertReferral(tx, id, input, ctx.actor.staffId);
    return { id: referralId, detail: { referral: referralId, after: input } };
  });
}

export async function makeOffer(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(offerInput, raw);
  return change(db, ctx, id, 'work', async (tx, _c, parts) => {
    refuseIf(checkOffer(input.madeOn, referredOn(parts.referrals), ctx.facts.today));
    refuseIfClosed(parts, 'madeOn', 'an offer');
    const offerId = await store.insertOffer(tx, id, input, ctx.actor.staffId);
    return { id: offerId, detail: { offer: offerId, after: input } };
  });
}

export async function answerOffer(db: Db, ctx: RequestContext, id: string, offerId: string, raw: unknown): Promise<string> {
  const input = parseInput(answerInput, raw);
  return change(db, ctx, id, 'work', async (tx, _c, parts) => {
    const offer = parts.offers.find((o) => o.id === offerId);
    if (!offer) throw new NotFoundError('Offer');
    if (offer.answer) throw new ConflictError(`This offer was already answered on ${formatDate(offer.answeredOn)}`, 'answer');
    refuseIfClosed(parts, 'answeredOn', 'an answer');
    refuseIf(checkAnswer(input.answeredOn, offer.madeOn, ctx.facts.today));
    await store.answerOffer(tx, offerId, input);
    return { id: offerId, detail: { offer: offerId, before: { answer: null }, after: input } };
  });
}

export async function addSession(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(sessionInput, raw);
  return change(db, ctx, id, 'work', async (tx, _c, parts) => {
    refuseIfClosed(parts, 'heldOn', 'a session');
    refuseIf(checkSession(input.heldOn, referredOn(parts.referrals), ctx.facts.today));
    const sessionId = await store.insertSession(tx, id, input, ctx.actor.staffId);
    return { id: sessionId, detail: { session: sessionId, after: input } };
  });
}

export async function closeCase(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(closeInput, raw);
  return change(db, ctx, id, 'close', async (tx, _c, parts) => {
    const closing = currentClosing(parts.closings);
    if (closing) throw new ConflictError(`This case is already closed (${formatDate(closing.closedOn)})`, 'closedOn');
    const lastSession = parts.sessions.at(-1)?.heldOn ?? null;
    refuseIf(checkClosing(input.closedOn, lastSession, referredOn(parts.referrals), ctx.facts.today));
    const closingId = await store.insertClosing(tx, id, input, ctx.actor.staffId);
    return { id: closingId, detail: { closing: closingId, after: input } };
  });
}

export async function reopenCase(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(reopenInput, raw);
  return change(db, ctx, id, 'close', async (tx, _c, parts) => {
    const closing = currentClosing(parts.closings);
    if (!closing) throw new ConflictError('This case is open', 'reopenedOn');
    refuseIf(checkReopening(input.reopenedOn, closing.closedOn, ctx.facts.today));
    await store.reopen(tx, closing.id, input, ctx.actor.staffId);
    return { id: closing.id, detail: { closing: closing.id, before: { closedOn: closing.closedOn, outcome: closing.outcome }, after: input } };
  });
}

// ---- work due ------------------------------------------------------------------------------------------------

/** Referrals waiting for an offer past the partnership's standard, offers with no answer after 28 days, and open cases with no session in 3 months, on cases the person works on. */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = birthFamilyListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  const f = await store.workFacts(db, scope);
  const item = (kind: string, title: string, row: { caseId: string; ownerId: string; name: string }, dueOn: string): WorkItem[] => {
    const record = { id: row.caseId, ownerId: row.ownerId };
    if (dueOn > today || !birthFamilyPolicy.can(ctx.actor, ctx.facts, 'work', record)) return [];
    return [{ kind, title: `${title}: ${row.name}`, href: `/birth-family-support/${row.caseId}`, dueOn, overdue: dueOn < today, record: { type: RECORD_TYPE, ...record } }];
  };
  return [
    ...f.referrals.flatMap((r) => item('birth-family-offer-due', 'Offer support to the birth relative', r, offerDueOn(r.on))),
    ...f.offers.flatMap((r) => item('birth-family-reply-due', `Follow up the offer of ${lowerFirst(OFFER_KINDS[r.kind])}`, r, replyDueOn(r.on))),
    ...f.sessions.flatMap((r) => item('birth-family-session-due', 'No session for 3 months: is support still wanted', r, sessionDueOn(r.on))),
  ].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}
