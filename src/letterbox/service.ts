// Letterbox (indirect) contact: agreements for a child placed for adoption or adopted (their
// parties, direction, months, status, review date and history), the reminders of exchanges due
// soon or late, and the work due. Exchanges and the screening queue are exchanges-service.ts.
// Each change: load → policy → rule → write → audit, in one transaction.
import * as children from '../children/service.ts';
import type { RequestContext } from '../core/access.ts';
import { formatDate } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import { agreementInput, agreementListQuery, changeInput } from './input.ts';
import { agreementRecords, audit, can, canExchange, childAccess, childRecord, loadAgreement, partyLabel } from './loading.ts';
import { activeSinceAfter, changeProblems, EXCHANGE_DIRECTIONS, monthsText, nextStep, openOccasions, termsProblems } from './model.ts';
import { agreementListScope, mayUseLetterbox as usesLetterbox } from './policy.ts';
import * as store from './store.ts';

/** Whether the navigation offers Letterbox. */
export function mayUseLetterbox(ctx: RequestContext): boolean {
  return usesLetterbox(ctx.actor);
}

/** Whether the person may set up an agreement for some council's child (for the Letterbox page to offer it). */
export function maySetUpAgreements(ctx: RequestContext): boolean {
  return agreementListScope(ctx.actor, ctx.facts)?.ownerIds.some((ownerId) => can(ctx, 'manage', { id: '', ownerId })) ?? false;
}

// ---- reading ----------------------------------------------------------------------------------

export async function listAgreements(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(agreementListQuery, raw);
  const scope = agreementListScope(ctx.actor, ctx.facts);
  const result = scope ? await store.listAgreements(db, scope, query) : { total: 0, items: [] };
  const items = result.items.filter((a) => can(ctx, 'view', a)).map((a) => ({ ...a, monthsText: monthsText(a) }));
  await audit(db, ctx, { action: 'search', recordType: 'letterbox-agreement', ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: items.map((a) => a.id) }, records: items.flatMap(agreementRecords) });
  return { query, total: result.total, items };
}

/** The exchanges late (nothing came for the last occasion) and due within 30 days, of the agreements the person may see. */
async function openExchanges(db: Db, ctx: RequestContext) {
  const scope = agreementListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  return (await store.activeSchedules(db, scope)).filter((a) => can(ctx, 'view', a))
    .flatMap((a) => openOccasions(a, a.recorded, ctx.facts.today).map((o) => ({ ...o, agreement: a, directionLabel: EXCHANGE_DIRECTIONS[o.direction] })));
}

/** The reminders for the Letterbox page: late and due soon, with how many exchanges await screening. */
export async function reminders(db: Db, ctx: RequestContext) {
  const open = await openExchanges(db, ctx);
  const late = open.filter((o) => o.state === 'late');
  const dueSoon = open.filter((o) => o.state === 'due-soon');
  const scope = agreementListScope(ctx.actor, ctx.facts);
  const awaitingScreening = scope ? (await store.listExchanges(db, scope, { awaiting: 'screening', offset: 0, limit: 1 })).total : 0;
  const shown = [...late, ...dueSoon].map((o) => o.agreement);
  await audit(db, ctx, { action: 'view', recordType: 'letterbox-agreement', ownerId: ctx.actor.orgId, detail: { reminders: true, shown: [...new Set(shown.map((a) => a.id))] }, records: shown.flatMap(agreementRecords) });
  return { late, dueSoon, awaitingScreening };
}

/** The agreement's page: terms, parties as the person may see them, every exchange in order, and the history of changes. */
export async function viewAgreement(db: Db, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (tx) => {
    const agreement = await loadAgreement(tx, ctx, id);
    const [parties, exchanges, changes, child] = await Promise.all([store.partiesOf(tx, id), store.exchangesOf(tx, id), store.changesOf(tx, id), childAccess(tx, ctx, agreement.childId)]);
    const label = (partyId: string | null) => partyLabel(parties.find((p) => p.id === partyId), child.birthFamily, agreement.adoptiveFamily);
    await audit(tx, ctx, { action: 'view', recordType: 'letterbox-agreement', recordId: id, ownerId: agreement.ownerId, detail: child.birthFamily ? { sections: ['parties'] } : undefined, records: [childRecord(agreement)] });
    return {
      agreement: { ...agreement, monthsText: monthsText(agreement) },
      parties: parties.map((p) => ({ id: p.id, label: partyLabel(p, child.birthFamily, agreement.adoptiveFamily) })),
      adoptiveFamily: partyLabel(undefined, child.birthFamily, agreement.adoptiveFamily),
      exchanges: exchanges.map((e) => ({ ...e, from: label(e.fromPartyId), to: e.forwardedOn ? label(e.forwardedToPartyId) : null, next: nextStep(e) })),
      open: openOccasions(agreement, exchanges, ctx.facts.today),
      changes,
      can: { manage: can(ctx, 'manage', agreement), recordExchange: canExchange(ctx, 'record', agreement), seeNames: child.birthFamily, viewChild: child.view },
    };
  });
}

// ---- setting up and changing ----------------------------------------------------------------------

const ARRANGED = ['placed-for-adoption', 'adoption-order'];

/** The child, if the person may see them (the children area's answer) and set up their letterbox; a child neither placed nor adopted is refused. */
async function childForAgreement(db: Db, ctx: RequestContext, childId: string) {
  // Letterbox carries on after the order: the sealed case record does not stop it (children/policy.ts withoutSeal).
  const view = await children.view(db, ctx, childId, 'view', { seal: false });
  if (!can(ctx, 'manage', { id: '', ownerId: view.child.placingAuthorityId })) throw new ForbiddenError('Only social workers and team managers of the child\'s council, or of whoever delivers its post-order support, set up a letterbox agreement');
  if (!view.milestones.some((m) => ARRANGED.includes(m.type))) throw ValidationError.of('childId', `${view.child.firstName} ${view.child.lastName} is neither placed for adoption nor adopted: a letterbox agreement is for a child who is`);
  return view;
}

/**
 * What the form for a new agreement offers. Without a child: the children placed for adoption or
 * adopted whom the person may see (the children area's list, by name), to choose from. With one:
 * the child, and their recorded birth family to those who may see it.
 */
export async function agreementForm(db: Db, ctx: RequestContext, o: { childId?: string; q?: string }) {
  return db.transaction().execute(async (tx) => {
    if (o.childId) {
      const { child, birthFamily } = await childForAgreement(tx, ctx, o.childId);
      return { child: { id: child.id, name: `${child.firstName} ${child.lastName}` }, birthFamily: birthFamily ?? null, choices: [] };
    }
    if (!maySetUpAgreements(ctx)) throw new ForbiddenError('Only social workers and team managers set up letterbox agreements');
    const found = await Promise.all(['placed', 'adopted'].map((stage) => children.list(tx, ctx, { stage, q: o.q, limit: 200 })));
    const choices = found.flatMap((r) => r.items).filter((c) => can(ctx, 'manage', { id: '', ownerId: c.placingAuthorityId }))
      .map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, councilName: c.placingAuthorityName })).sort((a, b) => a.name.localeCompare(b.name));
    return { child: null, birthFamily: null, choices };
  });
}

/** Set up an agreement: chosen members of the child's recorded birth family (by position, for those who may see it) and birth relatives typed. */
export async function createAgreement(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(agreementInput, raw);
  return db.transaction().execute(async (tx) => {
    const { child, birthFamily } = await childForAgreement(tx, ctx, input.childId);
    if (input.members.length && !birthFamily) throw ValidationError.of('members', 'You cannot choose from the child\'s birth family: type the birth relatives instead');
    const chosen = input.members.map((i) => birthFamily![i]);
    if (chosen.some((m) => !m)) throw ValidationError.of('members', 'Select members of the child\'s recorded birth family');
    const parties = [...chosen.map((m) => ({ name: m!.name, relationship: m!.relationship })), ...input.parties];
    const problems = termsProblems(input);
    if (parties.length === 0) problems.push({ field: 'parties', message: 'Add at least one birth relative who takes part' });
    if (problems.length) throw new ValidationError(problems);
    const terms = { direction: input.direction, firstMonth: input.firstMonth, secondMonth: input.secondMonth ?? null, startDate: input.startDate, reviewOn: input.reviewOn ?? null };
    const id = await store.insertAgreement(tx, { childId: child.id, ownerId: child.placingAuthorityId, ...terms, adoptiveFamily: input.adoptiveFamily, createdBy: ctx.actor.staffId });
    await store.insertParties(tx, id, parties);
    await store.insertChange(tx, id, { changedOn: input.startDate, status: 'active', reviewOn: terms.reviewOn, note: 'Agreement set up', by: ctx.actor.staffId });
    // The birth relatives' names are sensitive: the log counts them.
    await audit(tx, ctx, { action: 'create', recordType: 'letterbox-agreement', recordId: id, ownerId: child.placingAuthorityId, detail: { after: { ...terms, parties: parties.length } }, records: [childRecord({ childId: child.id, ownerId: child.placingAuthorityId })] });
    return id;
  });
}

/** Pause, resume or end the agreement, or set its review date: a new row of its history. */
export async function changeAgreement(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(changeInput, raw);
  await db.transaction().execute(async (tx) => {
    const agreement = await loadAgreement(tx, ctx, id, 'manage');
    const changes = await store.changesOf(tx, id);
    const change = { changedOn: input.changedOn, status: input.status, reviewOn: input.reviewOn ?? null };
    const problems = changeProblems({ ...agreement, lastChangedOn: changes.at(-1)?.changedOn ?? agreement.startDate }, change, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    await store.setStatus(tx, id, { status: change.status, reviewOn: change.reviewOn, activeSince: activeSinceAfter(agreement, change) });
    await store.insertChange(tx, id, { ...change, note: input.note ?? null, by: ctx.actor.staffId });
    await audit(tx, ctx, {
      action: 'update', recordType: 'letterbox-agreement', recordId: id, ownerId: agreement.ownerId,
      detail: { before: { status: agreement.status, reviewOn: agreement.reviewOn }, after: change }, records: [childRecord(agreement)],
    });
  });
}

// ---- work ---------------------------------------------------------------------------------------

/** Exchanges late or due soon, and exchanges awaiting screening, of the agreements the person may record exchanges on. */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = agreementListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const record = (a: { id: string; ownerId: string }) => ({ type: 'letterbox-agreement', id: a.id, ownerId: a.ownerId });
  const occasions = (await openExchanges(db, ctx)).filter((o) => o.state !== 'upcoming' && canExchange(ctx, 'record', o.agreement)).map((o) => ({
    kind: o.state === 'late' ? 'letterbox-late' : 'letterbox-due', title: `Letterbox for ${o.agreement.childName}: ${o.directionLabel.toLowerCase()} ${o.state === 'late' ? 'has not come' : 'is due'}`,
    href: `/letterbox/agreements/${o.agreement.id}`, dueOn: o.dueOn, overdue: o.state === 'late', record: record(o.agreement),
  }));
  const unscreened = (await store.listExchanges(db, scope, { awaiting: 'screening', offset: 0, limit: 100 })).items
    .filter((e) => canExchange(ctx, 'record', { id: e.agreementId, ownerId: e.ownerId })).map((e) => ({
      kind: 'letterbox-screening', title: `Screen the letter for ${e.childName} received on ${formatDate(e.receivedOn)}`, href: `/letterbox/exchanges/${e.id}`, dueOn: e.receivedOn, overdue: false,
      record: record({ id: e.agreementId, ownerId: e.ownerId }),
    }));
  return [...occasions, ...unscreened].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}
