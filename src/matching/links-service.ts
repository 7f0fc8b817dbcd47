// Use cases for links (expressions of interest) between a waiting child (or a sibling group placed
// together) and a household: open, move on, close with a reason, view and list; and, for the
// panel, the matching panel and the agency decision maker's match. Opening a link grants each
// side's worker access to the other side's record (a logged grant); closing it revokes them. The
// household's status follows its links, and the link and match name the household on the child.
// Each change: load → policy → rule → write → audit, in one transaction, the household locked so
// two links opened at once cannot pass its cap.
import * as adopters from '../adopters/for-matching.ts';
import * as children from '../children/service.ts';
import { childrenPlacedTogether, mayViewChildren, mayWorkOnChildren } from '../children/for-matching.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { isLondon } from './places.ts';
import { parseInput } from '../core/validation.ts';
import * as staff from '../staff/service.ts';
import { feeFor, financialYearOf, paysFee } from './fees.ts';
import { closeLinkInput, LINK_STATUSES, LINK_STEPS, moveLinkInput, openLinkInput, type CloseReason, type LinkStatus } from './input.ts';
import { CONSTRAINTS, exclusionOf } from './model.ts';
import { linkPolicy, type LinkAction, type LinkRecord } from './policy.ts';
import { matchHousehold, subjectOf, tierOf } from './profiles.ts';
import * as store from './store.ts';

/** The person's two sides of a link (decision makers and panel advisers who may see both records read it from the child's side). */
async function sidesOf(db: Db, ctx: RequestContext, link: store.LinkRow): Promise<{ record: LinkRecord; childSide: boolean }> {
  const childIds = link.children.map((c) => c.id);
  const [childSide, householdSide] = await Promise.all([mayWorkOnChildren(db, ctx, childIds), adopters.mayWorkOnHousehold(db, ctx, link.householdId)]);
  const reader = !childSide && !householdSide && (await mayViewChildren(db, ctx, childIds)) && (await adopters.mayViewHousehold(db, ctx, link.householdId));
  return { record: { id: link.id, status: link.status, childSide: childSide || reader, householdSide }, childSide };
}

/** The link as the person's two sides see it: 404 if they are on neither (or may not `view`), 403 if they may see it but not do `action`. */
async function loadLink(db: Db, ctx: RequestContext, id: string, action: LinkAction = 'view'): Promise<{ link: store.LinkRow; record: LinkRecord }> {
  const link = await store.findLink(db, id);
  if (!link) throw new NotFoundError('Link');
  const { record, childSide } = await sidesOf(db, ctx, link);
  if (!linkPolicy.can(ctx.actor, ctx.facts, 'view', record)) throw new NotFoundError('Link');
  if (action !== 'view' && !linkPolicy.can(ctx.actor, ctx.facts, action, { ...record, childSide })) {
    throw new ForbiddenError(link.status === 'closed' || link.status === 'matched' ? `The link is ${LINK_STATUSES[link.status as LinkStatus].toLowerCase()}: it cannot change` : undefined);
  }
  return { link, record };
}

/**
 * The links of a list the person may see, each by the link's own rule (seeing the child or the
 * household is not enough: a link names the other side), audited with the records it shows.
 */
async function visibleLinks(db: Db, ctx: RequestContext, rows: store.LinkRow[], of: { type: 'child' | 'household'; id: string; ownerId: string }): Promise<store.LinkRow[]> {
  const seen = await Promise.all(rows.map(async (link) => linkPolicy.can(ctx.actor, ctx.facts, 'view', (await sidesOf(db, ctx, link)).record)));
  const shown = rows.filter((_, i) => seen[i]);
  if (shown.length) {
    await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: of.type, recordId: of.id, ownerId: of.ownerId, detail: { links: shown.map((l) => l.id) }, records: shown.flatMap(linkRecords) });
  }
  return shown;
}

const linkRecords = (link: { householdId: string; householdOwnerId: string; placingAuthorityId: string; children: { id: string }[] }) => [
  { type: 'household', id: link.householdId, ownerId: link.householdOwnerId },
  ...link.children.map((c) => ({ type: 'child', id: c.id, ownerId: link.placingAuthorityId })),
];

const auditLink = (db: Db, ctx: RequestContext, link: { id: string; householdId: string; householdOwnerId: string; placingAuthorityId: string; children: { id: string }[] }, action: 'view' | 'create' | 'update', detail: Record<string, unknown> = {}) =>
  recordAudit(db, { actor: auditActor(ctx.actor), action, recordType: 'link', recordId: link.id, ownerId: link.placingAuthorityId, detail: { household: link.householdId, children: link.children.map((c) => c.id), ...detail }, records: linkRecords(link) });

/** Refuse a pairing outside the household's approval terms (or areas), naming the term. The cap is checked by the caller. */
async function checkTerms(db: Db, ctx: RequestContext, householdId: string, childrenFacts: Awaited<ReturnType<typeof childrenPlacedTogether>>, options: { ignoreCap: boolean; field: string }) {
  const [candidate] = await store.candidateHouseholds(db, ctx.facts.today, [householdId]);
  if (!candidate) throw ValidationError.of(options.field, 'The household is not approved and available to be matched');
  const councilId = childrenFacts.children[0]!.placingAuthorityId;
  const partnerships = (await store.partnershipsOf(db, [councilId], ctx.facts.today)).get(councilId) ?? [];
  const { settings } = await store.settingsFor(db, [...partnerships, councilId]);
  const household = matchHousehold(candidate, tierOf(candidate, councilId, partnerships));
  const broken = exclusionOf(subjectOf(childrenFacts.group, childrenFacts.children), options.ignoreCap ? { ...household, openLinks: 0 } : household, settings, ctx.facts.today);
  if (broken) throw ValidationError.of(options.field, `${CONSTRAINTS[broken.constraint]}: ${broken.explanation}`);
  return { candidate, settings, partnerships };
}

/** The workers on each side who need a grant to see the other side's record, and the records. */
async function grantCounterparts(tx: Db, ctx: RequestContext, linkId: string, side: 'child' | 'household', h: { id: string; assessingWorkerId: string | null; ownerId: string }, kids: { id: string; familyFinderId: string | null; socialWorkerId: string | null; placingAuthorityId: string }[]) {
  const on = ctx.facts.today;
  const reason = `Link ${linkId.slice(0, 8)} between a waiting child and a household`;
  const toHousehold = new Set<string>();
  const toChildren = new Set<string>();
  if (side === 'child') toHousehold.add(ctx.actor.staffId);
  else toChildren.add(ctx.actor.staffId);
  for (const k of kids) if (k.familyFinderId) toHousehold.add(k.familyFinderId);
  if (h.assessingWorkerId) toChildren.add(h.assessingWorkerId);
  const granted: string[] = [];
  for (const staffId of toHousehold) granted.push(await staff.grantForWorkIn(tx, ctx, { staffId, recordType: 'household', recordId: h.id, reason, validFrom: on }));
  for (const staffId of toChildren) for (const k of kids) granted.push(await staff.grantForWorkIn(tx, ctx, { staffId, recordType: 'child', recordId: k.id, reason, validFrom: on }));
  for (const g of granted) await store.insertLinkGrant(tx, linkId, g);
  return granted.length;
}

/**
 * Open a link between a child (with their sibling group, when placed together) and a household:
 * by the child's family finder or caseworker, or by the household's worker who may see the child.
 */
export async function openLink(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(openLinkInput, raw);
  const openedOn = input.openedOn ?? ctx.facts.today;
  if (openedOn > ctx.facts.today) throw ValidationError.of('openedOn', 'The date cannot be in the future');
  return db.transaction().execute(async (tx) => {
    // Which side the person is on: the child's (may work on the child) or the household's.
    const childSide = await mayWorkOnChildren(tx, ctx, [input.childId]);
    const together = await childrenPlacedTogether(tx, ctx, input.childId, childSide ? 'update' : 'view');
    const household = await adopters.householdFor(tx, ctx, input.householdId, 'view').catch((error: unknown) => {
      // The child's side opens links with households it sees only as profiles.
      if (childSide && error instanceof NotFoundError) return undefined;
      throw error;
    });
    const householdSide = !!household && (await adopters.mayWorkOnHousehold(tx, ctx, input.householdId));
    const record: LinkRecord = { id: '', status: 'interest', childSide, householdSide };
    if (!linkPolicy.can(ctx.actor, ctx.facts, 'open', record)) throw new ForbiddenError('Only the child\'s family finder or caseworkers, or the household\'s workers, open a link');
    await store.lockHousehold(tx, input.householdId);
    const childIds = together.children.map((c) => c.id);
    const { candidate, settings } = await checkTerms(tx, ctx, input.householdId, together, { ignoreCap: true, field: 'householdId' });
    if (await store.openLinkBetween(tx, input.householdId, childIds)) throw new ConflictError('This household already has an open link with the child');
    const open = await store.openLinkCount(tx, input.householdId);
    if (open >= settings.linkCap) throw ValidationError.of('householdId', `The household already has ${open} open links, the most the partnership allows (${settings.linkCap}): close one first`);
    const id = await store.insertLink(tx, {
      householdId: input.householdId, placingAuthorityId: together.children[0]!.placingAuthorityId, siblingGroupId: together.group?.id ?? null,
      childIds, openedOn, openedBy: ctx.actor.staffId, openedFrom: childSide ? 'child' : 'household',
    });
    await store.insertLinkEvent(tx, { linkId: id, from: null, to: 'interest', on: openedOn, notes: input.notes, by: ctx.actor.staffId });
    const assessing = household?.assessingWorkerId ?? (await store.assessingWorkerOf(tx, input.householdId));
    const grants = await grantCounterparts(tx, ctx, id, childSide ? 'child' : 'household', { id: input.householdId, assessingWorkerId: assessing, ownerId: candidate.ownerId }, together.children);
    await adopters.followLinks(tx, ctx, input.householdId, 'linked', openedOn, { link: id });
    await auditLink(tx, ctx, { id, householdId: input.householdId, householdOwnerId: candidate.ownerId, placingAuthorityId: together.children[0]!.placingAuthorityId, children: together.children }, 'create',
      { after: { status: 'interest', openedOn, grants } });
    return id;
  });
}

/** Move a link on (exploring, shortlisted, proceeding to match): forward only; proceeding records the link on the child, naming the household. */
export async function moveLink(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(moveLinkInput, raw);
  const on = input.on ?? ctx.facts.today;
  if (on > ctx.facts.today) throw ValidationError.of('on', 'The date cannot be in the future');
  await db.transaction().execute(async (tx) => {
    await store.lockLink(tx, id);
    const { link } = await loadLink(tx, ctx, id, 'progress');
    if (LINK_STEPS.indexOf(input.status) <= LINK_STEPS.indexOf(link.status as LinkStatus)) {
      throw ValidationError.of('status', `The link is already ${LINK_STATUSES[link.status as LinkStatus].toLowerCase()}: it moves forward only`);
    }
    if (on < link.openedOn) throw ValidationError.of('on', `The date cannot be before the link was opened (${link.openedOn})`);
    if (input.status === 'proceeding') {
      const together = await childrenPlacedTogether(tx, ctx, link.children[0]!.id, 'view');
      await checkTerms(tx, ctx, link.householdId, together, { ignoreCap: true, field: 'status' });
      // The link is recorded on the child (each sibling) as the family chosen to go forward with.
      await children.addMilestoneIn(tx, ctx, link.children[0]!.id, { type: 'linked', date: on }, { householdId: link.householdId });
    }
    await store.setLinkStatus(tx, id, { status: input.status });
    await store.insertLinkEvent(tx, { linkId: id, from: link.status, to: input.status, on, notes: input.notes, by: ctx.actor.staffId });
    await auditLink(tx, ctx, link, 'update', { before: { status: link.status }, after: { status: input.status, on } });
  });
}

/** Close a link with a reason (the reasons are reported): its grants are revoked, and the household is available again when it has no other open link. */
export async function closeLink(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(closeLinkInput, raw);
  await db.transaction().execute(async (tx) => {
    await store.lockLink(tx, id);
    const { link } = await loadLink(tx, ctx, id, 'close');
    await closeIn(tx, ctx, link, input.reason, input.on ?? ctx.facts.today, input.notes ?? null);
  });
}

async function closeIn(tx: Db, ctx: RequestContext, link: store.LinkRow, reason: CloseReason, on: string, notes: string | null): Promise<void> {
  if (on > ctx.facts.today) throw ValidationError.of('on', 'The date cannot be in the future');
  if (on < link.openedOn) throw ValidationError.of('on', `The date cannot be before the link was opened (${link.openedOn})`);
  await store.setLinkStatus(tx, link.id, { status: 'closed', closedOn: on, closeReason: reason, closeNotes: notes });
  await store.insertLinkEvent(tx, { linkId: link.id, from: link.status, to: 'closed', on, reason, notes, by: ctx.actor.staffId });
  await staff.revokeGrantsIn(tx, ctx, await store.grantsOfLink(tx, link.id));
  if ((await store.openLinkCount(tx, link.householdId)) === 0) await adopters.followLinks(tx, ctx, link.householdId, 'approved', on, { link: link.id });
  await auditLink(tx, ctx, link, 'update', { before: { status: link.status }, after: { status: 'closed', reason, on } });
}

/** A link with its history and, once matched, the inter-agency fee it recorded. */
export async function viewLink(db: Db, ctx: RequestContext, id: string) {
  const { link, record } = await loadLink(db, ctx, id);
  const [events, fee, householdOpen] = await Promise.all([store.linkEvents(db, id), store.feeOf(db, id), adopters.mayViewHousehold(db, ctx, link.householdId)]);
  await auditLink(db, ctx, link, 'view');
  const may = (a: LinkAction) => linkPolicy.can(ctx.actor, ctx.facts, a, record);
  return { link, events, fee, householdOpen, canProgress: may('progress'), canClose: may('close') };
}

/** The links of the child (and their sibling group) that the person may see. */
export async function linksOfChild(db: Db, ctx: RequestContext, childId: string) {
  const together = await childrenPlacedTogether(db, ctx, childId, 'view');
  return visibleLinks(db, ctx, await store.linksOfChild(db, childId), { type: 'child', id: childId, ownerId: together.children[0]!.placingAuthorityId });
}

/** The links of the household that the person may see. */
export async function linksOfHousehold(db: Db, ctx: RequestContext, householdId: string) {
  const household = await adopters.householdFor(db, ctx, householdId, 'view');
  return visibleLinks(db, ctx, await store.linksOfHousehold(db, householdId), { type: 'household', id: householdId, ownerId: household.ownerId });
}

// ---- for the panel -----------------------------------------------------------------------------

/** A link's summary for a panel agenda, or undefined when there is none or the person may not see it. */
export async function linkSummary(db: Db, ctx: RequestContext, linkId: string) {
  try {
    const { link } = await loadLink(db, ctx, linkId);
    return {
      id: link.id, householdId: link.householdId, householdReference: link.householdReference, householdOwnerId: link.householdOwnerId,
      childIds: link.children.map((c) => c.id), childNames: link.children.map((c) => c.name), placingAuthorityId: link.placingAuthorityId, status: link.status,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

async function linkForDecision(tx: Db, linkId: string): Promise<store.LinkRow> {
  await store.lockLink(tx, linkId);
  const link = await store.findLink(tx, linkId);
  if (!link) throw new NotFoundError('Link');
  return link;
}

/** The matching panel's recommendation, on each child of a link proceeding to match (the panel's own policy allowed it). */
export async function recordMatchingPanelIn(tx: Db, ctx: RequestContext, input: { linkId: string; panelOn: string }): Promise<void> {
  const link = await linkForDecision(tx, input.linkId);
  if (link.status !== 'proceeding') throw ValidationError.of('linkId', `The link is ${LINK_STATUSES[link.status as LinkStatus].toLowerCase()}: only a link proceeding to match goes to a matching panel`);
  await children.addMilestoneIn(tx, ctx, link.children[0]!.id, { type: 'matching-panel', date: input.panelOn }, { householdId: link.householdId });
}

/**
 * The agency decision maker's match decision: the match milestone on each child (naming the
 * household), the household matched, the link matched, the household's and the child's other
 * open links closed, and the inter-agency fee where the household belongs to another agency.
 * Refused outside the household's approval terms, naming the term.
 */
export async function recordMatchDecisionIn(tx: Db, ctx: RequestContext, input: { linkId: string; decidedOn: string }): Promise<void> {
  const link = await linkForDecision(tx, input.linkId);
  if (link.status !== 'proceeding') throw ValidationError.of('linkId', `The link is ${LINK_STATUSES[link.status as LinkStatus].toLowerCase()}: only a link proceeding to match can be decided`);
  const together = await childrenPlacedTogether(tx, ctx, link.children[0]!.id, 'record-milestone');
  const { candidate, partnerships } = await checkTerms(tx, ctx, link.householdId, together, { ignoreCap: true, field: 'linkId' });
  await children.addMilestoneIn(tx, ctx, link.children[0]!.id, { type: 'match', date: input.decidedOn }, { householdId: link.householdId });
  await store.setLinkStatus(tx, link.id, { status: 'matched', matchedOn: input.decidedOn });
  await store.insertLinkEvent(tx, { linkId: link.id, from: link.status, to: 'matched', on: input.decidedOn, by: ctx.actor.staffId });
  for (const other of [...(await store.linksOfHousehold(tx, link.householdId)), ...(await store.linksOfChild(tx, link.children[0]!.id))]) {
    if (other.id === link.id || !(store.OPEN_STATUSES as readonly string[]).includes(other.status)) continue;
    await closeIn(tx, ctx, other, other.householdId === link.householdId ? 'matched-elsewhere' : 'another-family-chosen', input.decidedOn < other.openedOn ? other.openedOn : input.decidedOn, `Closed by the match through link ${link.id.slice(0, 8)}`);
  }
  await adopters.followLinks(tx, ctx, link.householdId, 'matched', input.decidedOn, { link: link.id });
  const fee = await recordFee(tx, ctx, link, candidate, partnerships, input.decidedOn);
  await auditLink(tx, ctx, link, 'update', { before: { status: link.status }, after: { status: 'matched', matchedOn: input.decidedOn, ...(fee ? { fee } : {}) } });
}

async function recordFee(tx: Db, ctx: RequestContext, link: store.LinkRow, household: store.CandidateRow, councilPartnerships: string[], on: string) {
  const familyFindingBy = await store.familyFindingDeliverer(tx, link.placingAuthorityId, on);
  if (!paysFee({ householdOwnerId: household.ownerId, placingAuthorityId: link.placingAuthorityId, familyFindingBy, councilPartnerships })) return null;
  const providerKind = household.ownerKind === 'agency' ? 'vaa' : 'la';
  const financialYear = financialYearOf(on);
  const fee = feeFor(await store.feeRates(tx, providerKind, financialYear), {
    financialYear, children: link.children.length, london: isLondon(household.ownerCode ?? ''), providerLabel: providerKind === 'vaa' ? 'voluntary agency' : 'council and regional adoption agency',
  });
  if (!fee) throw ValidationError.of('linkId', `No inter-agency fee rate is held for ${financialYear}: an operator must enter it before this match is recorded`);
  await store.insertFee(tx, {
    linkId: link.id, payerId: link.placingAuthorityId, payeeId: household.ownerId, financialYear, providerKind, children: fee.children,
    amountPence: fee.amountPence, londonWeighting: fee.londonWeighting, recordedOn: on, recordedBy: ctx.actor.staffId,
  });
  return { amountPence: fee.amountPence, basis: fee.basis, payee: household.ownerId };
}
