// Use cases for children: list and find (filtered by the same policy), register, update,
// record care episodes and permanence milestones, sibling groups, and the waiting-longer
// data. Each change: load → policy → rule → write → derive → audit, in one transaction.
import { randomBytes } from 'node:crypto';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { identifyingUpn, likelyDuplicates as rankDuplicates, LikelyDuplicatesError, type MatchReason } from '../core/likely-duplicates.ts';
import { registerRecordType } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import { MILESTONE_TYPES, type Ethnicity, type MilestoneType } from './codes.ts';
import {
  childListQuery, createChildInput, milestoneInput, siblingDecisionInput, siblingGroupInput,
  updateChildInput, waitingInput, waitingReviewInput, type CreateChildInput, type UpdateChildInput,
} from './input.ts';
import {
  AT_RISK_SHARE, episodeOn, scorecardPeriod, keyDates, legalStatusOn, milestoneProblems, periodOfCareStart,
  thresholdsOn, timelinessOf, waitingFactors,
} from './model.ts';
import { childListScope, childPolicy, withoutSeal, type ChildAction } from './policy.ts';
import * as staffStore from '../staff/store.ts';
import { adoptionRecordRetention, childChronology } from './chronology.ts';
import { addEpisodeIn } from './episodes-service.ts';
import { loadChild, refreshDerived } from './loading.ts';
import { previousPermanenceOf } from './permanence.ts';
import { motherProblems } from './return-fields.ts';
import * as store from './store.ts';

registerRecordType('child', async (db, id) => (await store.findChild(db, id))?.placingAuthorityId, {
  plural: 'children',
  noun: 'child',
  // Notes and documents are case work (the caseworkers, and decision makers recording theirs);
  // what is sensitive is for those who may see the birth family.
  accessFor: async (db, ctx, id) => {
    const child = await store.findChild(db, id);
    if (!child) return undefined;
    const can = (a: ChildAction) => childPolicy.can(ctx.actor, ctx.facts, a, child);
    return { ownerId: child.placingAuthorityId, view: can('view'), change: can('record-milestone'), viewSensitive: can('view-birth-family'), label: `${child.firstName} ${child.lastName}`, path: `/children/${id}` };
  },
  chronology: async (db, id) => {
    const [episodes, milestones] = await Promise.all([store.episodesOf(db, id), store.milestonesOf(db, id)]);
    return childChronology(episodes, milestones);
  },
  retention: async (db, id) => adoptionRecordRetention(await store.milestonesOf(db, id)),
});

/** Milestones that a sibling group placed together records for every child in it. */
const GROUP_MILESTONES: readonly MilestoneType[] = ['linked', 'matching-panel', 'match', 'placed-for-adoption'];

export function permissionsFor(ctx: RequestContext, child: store.ChildRow) {
  // A child loaded without its seal (loading.ts) is already unsealed here.
  const can = (a: ChildAction) => childPolicy.can(ctx.actor, ctx.facts, a, child);
  return { update: can('update'), recordMilestone: can('record-milestone'), viewBirthFamily: can('view-birth-family'), manageSiblings: can('manage-siblings') };
}

// Sealed adoption records are opened through the area's service like any other use case.
export { openSealedRecord, sealedRecord } from './sealing.ts';

// ---- reading ------------------------------------------------------------------------------

export async function list(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(childListQuery, raw);
  const scope = childListScope(ctx.actor, ctx.facts);
  if (!scope) return { query, total: 0, items: [] };
  const t = thresholdsOn(ctx.facts.today);
  const result = await store.listChildren(db, scope, query, { today: ctx.facts.today, a1: t.a1, a2: t.a2, atRiskShare: AT_RISK_SHARE });
  const milestones = await store.milestonesOfMany(db, result.items.map((c) => c.id));
  const items = result.items.map((c) => ({ ...c, milestones: milestones.get(c.id) ?? [], factors: waitingFactors({ ...c, ethnicity: c.ethnicity as Ethnicity }, ctx.facts.today) }));
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'child', ownerId: ctx.actor.orgId,
    detail: { query, total: result.total, shown: items.map((c) => c.id) },
    records: items.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId })),
  });
  return { query, total: result.total, items };
}

/** The Adoption Scorecard's A1, A2 and A3 for each council whose children the person may see. */
export async function scorecard(db: Db, ctx: RequestContext) {
  const councils = await councilsInScope(db, ctx);
  const period = scorecardPeriod(ctx.facts.today);
  const thresholds = thresholdsOn(period.to);
  const rows = new Map((await store.scorecard(db, councils.map((c) => c.id), period, thresholds.a1)).map((r) => [r.councilId, r]));
  return {
    period, thresholds,
    councils: councils.map((c) => {
      const r = rows.get(c.id);
      return { ...c, adopted: r?.adopted ?? 0, a1Days: r?.a1Days ?? null, a2Days: r?.a2Days ?? null, a2Children: r?.a2Children ?? 0, a3Percent: r && r.adopted ? Math.round((r.withinA1 / r.adopted) * 100) : null };
    }),
  };
}

/**
 * Of the children behind a report's figure, those the person's list would show (the list's rule,
 * the view rule as a filter: sealed records stay out unless opened today), audited as the list
 * is. What a figure counts is not narrowed: only who is named.
 */
export async function listAmong(db: Db, ctx: RequestContext, ids: readonly string[], detail: Record<string, unknown>) {
  const scope = childListScope(ctx.actor, ctx.facts);
  const items = scope ? await store.listedChildrenAmong(db, scope, ids) : [];
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'child', ownerId: ctx.actor.orgId,
    detail: { ...detail, total: ids.length, shown: items.map((c) => c.id) },
    records: items.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId })),
  });
  return items;
}

/** The councils whose children the person may see: for the list's council filter. */
export async function councilsInScope(db: Db, ctx: RequestContext): Promise<{ id: string; code: string; name: string }[]> {
  const scope = childListScope(ctx.actor, ctx.facts);
  if (!scope || scope.ownerIds.length === 0) return [];
  return store.councilsNamed(db, scope.ownerIds);
}

/**
 * Who can be allocated to a child (or, without one, to a child the person is registering): the
 * council's social workers, and the family finders of whoever delivers its family finding today.
 * Only someone who may change that child, or register one, may ask: the answer names staff.
 */
export async function allocatableWorkers(db: Db, ctx: RequestContext, childId?: string) {
  let councilId: string;
  if (childId) councilId = (await loadChild(db, ctx, childId, 'update')).placingAuthorityId;
  else if (mayRegister(ctx)) councilId = ctx.actor.orgId;
  else throw new ForbiddenError('Only a council\'s social workers and team managers register its children');
  const finders = await store.familyFindingDeliverers(db, councilId, ctx.facts.today);
  const [socialWorkers, familyFinders] = await Promise.all([
    staffStore.activeStaffWithRole(db, [councilId], 'social-worker'),
    staffStore.activeStaffWithRole(db, finders, 'family-finder'),
  ]);
  return { socialWorkers, familyFinders };
}

/**
 * The child's record for showing. A form page names the action it is for (`update`, …): a person
 * who may see the child but not do that is refused (403) before anything is read or audited.
 */
export async function view(db: Db, ctx: RequestContext, id: string, forAction: ChildAction = 'view', options: { seal?: boolean } = {}) {
  const child = await loadChild(db, ctx, id, forAction, options);
  const can = permissionsFor(ctx, child);
  const [{ episodes, milestones, needs, birthFamily, waitingReasons, waitingReviews }, group, previousPermanence] = await Promise.all([
    store.childRecordParts(db, id, { birthFamily: can.viewBirthFamily }),
    child.siblingGroupId ? store.findSiblingGroup(db, child.siblingGroupId) : Promise.resolve(undefined),
    previousPermanenceOf(db, id),
  ]);
  const siblings = group ? (await store.findChildren(db, await store.siblingIds(db, group.id))).filter((s) => s.id !== id && childPolicy.can(ctx.actor, ctx.facts, 'view', s)) : [];
  const today = ctx.facts.today;
  const dates = keyDates(milestones);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId, detail: can.viewBirthFamily ? { sections: ['birth-family'] } : undefined });
  return {
    child, can, episodes, milestones, needs, birthFamily, waitingReasons, waitingReviews, previousPermanence,
    siblingGroup: group ?? null, siblings,
    currentEpisode: episodeOn(episodes, today),
    legalStatusToday: legalStatusOn(episodes, today),
    timeliness: timelinessOf(child.periodStart, dates, today),
    factors: waitingFactors({ ...child, ...dates }, today),
  };
}

export async function timeliness(db: Db, ctx: RequestContext, id: string) {
  const child = await loadChild(db, ctx, id);
  const milestones = await store.milestonesOf(db, id);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId, detail: { sections: ['timeliness'] } });
  return { child, timeliness: timelinessOf(child.periodStart, keyDates(milestones), ctx.facts.today) };
}

// ---- registering and updating -----------------------------------------------------------------

/** A worker allocated to a council's child: an active social worker of the council, or a family finder of whoever delivers its family finding today. */
async function checkWorkers(db: Db, councilId: string, today: string, input: { socialWorkerId?: string | null; familyFinderId?: string | null }): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (input.socialWorkerId) {
    const allowed = await staffStore.activeStaffWithRole(db, [councilId], 'social-worker');
    if (!allowed.some((p) => p.id === input.socialWorkerId)) problems.push({ field: 'socialWorkerId', message: 'Select a social worker of the child\'s council with an active account' });
  }
  if (input.familyFinderId) {
    const allowed = await staffStore.activeStaffWithRole(db, await store.familyFindingDeliverers(db, councilId, today), 'family-finder');
    if (!allowed.some((p) => p.id === input.familyFinderId)) problems.push({ field: 'familyFinderId', message: 'Select a family finder of whoever delivers the council\'s family finding today' });
  }
  return problems;
}

async function newChildRef(db: Db, placingAuthorityId: string): Promise<string> {
  for (;;) {
    const ref = `MC${randomBytes(4).toString('hex').toUpperCase()}`;
    if (!(await store.refLabelTaken(db, placingAuthorityId, ref))) return ref;
  }
}

/** Whether the person may register a child: a council registers the children it looks after. */
export function mayRegister(ctx: RequestContext): boolean {
  // Only a council places children: a partnership's or agency's staff register none.
  return ctx.actor.orgKind === 'local-authority' && childPolicy.can(ctx.actor, ctx.facts, 'create', { id: '', placingAuthorityId: ctx.actor.orgId });
}

/** The council a child is registered for, if the person may register its children. */
async function councilToRegisterFor(db: Db, ctx: RequestContext, code: string) {
  const la = await store.laByCode(db, code);
  if (!la || la.kind !== 'local-authority') throw ValidationError.of('placingAuthority', `No council has the code ${code}`);
  if (!childPolicy.can(ctx.actor, ctx.facts, 'create', { id: '', placingAuthorityId: la.id })) throw new ForbiddenError(`You cannot register children for ${la.name}`);
  return la;
}

/** A child already registered who is likely the one about to be: what the warning shows, and why. */
export interface ChildDuplicate {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  laChildRef: string;
  councilName: string;
  reasons: MatchReason[];
}

/**
 * The children the person may see (the list's scope, and the view rule for each) who are likely
 * the one in `input`: born the same day with a similar name, or with the same UPN. Showing them
 * is audited as the list is, linked to each child shown.
 */
async function findDuplicates(db: Db, ctx: RequestContext, input: CreateChildInput): Promise<ChildDuplicate[]> {
  const scope = childListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const candidates = (await store.duplicateCandidates(db, scope, { dateOfBirth: input.dateOfBirth, upn: identifyingUpn(input.upn) }))
    .filter((c) => childPolicy.can(ctx.actor, ctx.facts, 'view', c));
  const found = rankDuplicates(input, candidates);
  if (found.length === 0) return [];
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'child', ownerId: ctx.actor.orgId,
    detail: { check: 'likely-duplicates', total: found.length, shown: found.map((d) => d.record.id), reasons: Object.fromEntries(found.map((d) => [d.record.id, d.reasons])) },
    records: found.map((d) => ({ type: 'child', id: d.record.id, ownerId: d.record.placingAuthorityId })),
  });
  return found.map(({ record: c, reasons }) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, dateOfBirth: c.dateOfBirth, laChildRef: c.laChildRef, councilName: c.councilName, reasons }));
}

/**
 * The children the person may see who are likely the child they are about to register (the
 * register form's fields, or the API's body). Only someone who may register a child for that
 * council may ask.
 */
export async function likelyDuplicates(db: Db, ctx: RequestContext, raw: unknown): Promise<ChildDuplicate[]> {
  const input = parseInput(createChildInput, raw);
  await councilToRegisterFor(db, ctx, input.placingAuthority);
  return findDuplicates(db, ctx, input);
}

/**
 * Register a child. With `warnOfDuplicates` (the pages and the API), a child likely already
 * registered, among those the person may see, is refused with LikelyDuplicatesError listing
 * them, and nothing is stored, unless the input confirms it is not a duplicate
 * (`confirmNotDuplicate`). Without it (imports, the demo) the child is registered as given.
 */
export async function create(db: Db, ctx: RequestContext, raw: unknown, options: { warnOfDuplicates?: boolean } = {}): Promise<string> {
  const input = parseInput(createChildInput, raw);
  if (options.warnOfDuplicates && !input.confirmNotDuplicate) {
    await councilToRegisterFor(db, ctx, input.placingAuthority);
    const duplicates = await findDuplicates(db, ctx, input);
    if (duplicates.length) throw new LikelyDuplicatesError(duplicates, ['child', 'children']);
  }
  return db.transaction().execute(async (tx) => {
    const la = await councilToRegisterFor(tx, ctx, input.placingAuthority);
    const problems = await checkWorkers(tx, la.id, ctx.facts.today, input);
    problems.push(...motherProblems({ sex: input.sex, dateOfBirth: input.dateOfBirth, mother: input.mother ?? null, motherChildDob: input.motherChildDob ?? null }, ctx.facts.today));
    if (problems.length) throw new ValidationError(problems);
    if (input.laChildRef && (await store.refLabelTaken(tx, la.id, input.laChildRef))) throw new ConflictError(`${la.name} already has a child with reference ${input.laChildRef}`, 'laChildRef');
    const laChildRef = input.laChildRef ?? (await newChildRef(tx, la.id));
    const id = await store.insertChild(tx, {
      placingAuthorityId: la.id, laChildRef, firstName: input.firstName, lastName: input.lastName, dateOfBirth: input.dateOfBirth,
      sex: input.sex, ethnicity: input.ethnicity, upn: input.upn ?? null, disabled: input.disabled, disabilityDescription: input.disabilityDescription ?? null,
      religion: input.religion ?? null, firstLanguage: input.firstLanguage ?? null, legalStatusNote: input.legalStatusNote ?? null,
      socialWorkerId: input.socialWorkerId ?? null, familyFinderId: input.familyFinderId ?? null, mother: input.mother ?? null, motherChildDob: input.motherChildDob ?? null,
    });
    await store.replaceNeeds(tx, id, input.needs);
    await store.replaceBirthFamily(tx, id, input.birthFamily);
    await store.insertEpisode(tx, id, { startDate: input.enteredCare, rne: 'S', legalStatus: input.legalStatus ?? null, placement: input.placement ?? null, placementProvider: input.placementProvider ?? null, endDate: null, reasonCeased: null });
    await refreshDerived(tx, id, ctx.facts.today);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'child', recordId: id, ownerId: la.id,
      detail: { after: { ...auditable(input), laChildRef, enteredCare: input.enteredCare, birthFamilyMembers: input.birthFamily.length } },
    });
    return id;
  });
}

/** What the audit log keeps of a change: every field but the birth family's names (sensitive; counted instead). */
function auditable(input: UpdateChildInput) {
  const { birthFamily, ...rest } = input;
  return { ...rest, ...(birthFamily ? { birthFamilyMembers: birthFamily.length } : {}) };
}

export async function update(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(updateChildInput, raw);
  await db.transaction().execute(async (tx) => {
    const child = await loadChild(tx, ctx, id, 'update');
    if (input.birthFamily && !childPolicy.can(ctx.actor, ctx.facts, 'view-birth-family', child)) throw new ForbiddenError('You cannot change the birth family of this child');
    const problems = await checkWorkers(tx, child.placingAuthorityId, ctx.facts.today, input);
    const dob = input.dateOfBirth ?? child.dateOfBirth;
    if (child.periodStart && dob > child.periodStart) problems.push({ field: 'dateOfBirth', message: `Date of birth (${dob}) cannot be after the child entered care (${child.periodStart})` });
    const disabled = input.disabled ?? child.disabled;
    const description = input.disabilityDescription !== undefined ? input.disabilityDescription : input.disabled === false ? null : child.disabilityDescription;
    if (!disabled && description) problems.push({ field: 'disabilityDescription', message: 'Describe a disability only if the child is disabled' });
    // MOTHER and MC_DOB as they will be: a mother no longer (or not recorded) keeps no child's date of birth.
    const mother = input.mother !== undefined ? input.mother : child.mother;
    const motherChildDob = input.motherChildDob !== undefined ? input.motherChildDob : mother === '1' ? child.motherChildDob : null;
    problems.push(...motherProblems({ sex: input.sex ?? child.sex, dateOfBirth: dob, mother, motherChildDob }, ctx.facts.today));
    if (input.laChildRef && input.laChildRef !== child.laChildRef && (await store.refLabelTaken(tx, child.placingAuthorityId, input.laChildRef))) problems.push({ field: 'laChildRef', message: `Another child already has reference ${input.laChildRef}` });
    if (problems.length) throw new ValidationError(problems);
    const { needs, birthFamily, ...details } = input;
    await store.updateChild(tx, id, { ...details, ...(input.disabled === false ? { disabilityDescription: null } : {}), ...(mother !== '1' ? { motherChildDob: null } : {}) });
    if (needs) await store.replaceNeeds(tx, id, needs);
    if (birthFamily) await store.replaceBirthFamily(tx, id, birthFamily);
    const before = Object.fromEntries(Object.keys(details).map((k) => [k, (child as unknown as Record<string, unknown>)[k] ?? null]));
    await refreshDerived(tx, id, ctx.facts.today);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId, detail: { before, after: auditable(input) } });
  });
}

// ---- care episodes ------------------------------------------------------------------------

export async function addEpisode(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  return db.transaction().execute((tx) => addEpisodeIn(tx, ctx, id, raw, { seal: true }));
}

// ---- permanence milestones ------------------------------------------------------------------

export async function addMilestone(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string[]> {
  return db.transaction().execute((tx) => addMilestoneIn(tx, ctx, id, raw, { seal: true }));
}

/**
 * addMilestone in the caller's transaction, for the areas that land a milestone with their own
 * rows: matching (the link, naming the household), the panel (the match decision, SHOBPA) and
 * placements (a disruption, years after the order perhaps: the seal does not stop them, policy.ts).
 */
export async function addMilestoneIn(tx: Db, ctx: RequestContext, id: string, raw: unknown, options: { householdId?: string; seal?: boolean } = {}): Promise<string[]> {
  const input = parseInput(milestoneInput, raw);
  const seal = options.seal === true;
  const child = await loadChild(tx, ctx, id, 'record-milestone', { seal });
  const group = child.siblingGroupId ? await store.findSiblingGroup(tx, child.siblingGroupId) : undefined;
  // Siblings placed together are linked, matched and placed as one: the child first, then the others.
  const together = group?.decision === 'together' && GROUP_MILESTONES.includes(input.type);
  const siblings = together ? (await store.findChildren(tx, await store.siblingIds(tx, group!.id))).filter((s) => s.id !== child.id) : [];
  const targets = [child, ...siblings];
  // All or none: every child is checked against the rules before anything is written.
  const problems: FieldError[] = [];
  for (const target of targets) {
    if (!childPolicy.can(ctx.actor, ctx.facts, 'record-milestone', seal ? target : withoutSeal(target))) throw new ForbiddenError(`You cannot record milestones for every child in the sibling group ${group?.name ?? ''}`);
    const [episodes, milestones] = await Promise.all([store.episodesOf(tx, target.id), store.milestonesOf(tx, target.id)]);
    const found = milestoneProblems({ dateOfBirth: target.dateOfBirth, periodStart: periodOfCareStart(episodes), today: ctx.facts.today, milestones }, input);
    problems.push(...found.map((p) => (target.id === child.id ? p : { ...p, message: `For ${target.firstName} (in the same sibling group): ${p.message}` })));
  }
  if (problems.length) throw new ValidationError(problems);
  const ids: string[] = [];
  for (const target of targets) {
    const milestoneId = await store.insertMilestone(tx, target.id, {
      type: input.type, date: input.date, code: input.code, notes: input.notes ?? null, recordedBy: ctx.actor.staffId, householdId: options.householdId ?? null,
    });
    await refreshDerived(tx, target.id, ctx.facts.today);
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'milestone', recordId: milestoneId, ownerId: target.placingAuthorityId,
      detail: { child: target.id, after: { type: input.type, date: input.date, code: input.code, ...(options.householdId ? { household: options.householdId } : {}) }, ...(together ? { siblingGroup: group!.id } : {}) },
      records: [{ type: 'child', id: target.id, ownerId: target.placingAuthorityId }],
    });
    ids.push(milestoneId);
  }
  return ids;
}

export function milestoneLabel(type: MilestoneType): string {
  return MILESTONE_TYPES[type];
}

// ---- children who wait longer ------------------------------------------------------------------

export async function setWaitingReasons(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(waitingInput, raw);
  await db.transaction().execute(async (tx) => {
    const child = await loadChild(tx, ctx, id, 'update');
    const before = await store.waitingReasonsOf(tx, id);
    const unique = [...new Map(input.reasons.map((r) => [r.reason, r])).values()];
    await store.replaceWaitingReasons(tx, id, unique, ctx.actor.staffId);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'child', recordId: id, ownerId: child.placingAuthorityId, detail: { before: { waitingReasons: before }, after: { waitingReasons: unique } } });
  });
}

export async function addWaitingReview(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(waitingReviewInput, raw);
  await db.transaction().execute(async (tx) => {
    const child = await loadChild(tx, ctx, id, 'update');
    if (input.reviewDate > ctx.facts.today) throw ValidationError.of('reviewDate', 'Review date cannot be in the future');
    if (child.periodStart && input.reviewDate < child.periodStart) throw ValidationError.of('reviewDate', `Review date (${input.reviewDate}) cannot be before the child entered care (${child.periodStart})`);
    await store.insertWaitingReview(tx, id, input, ctx.actor.staffId);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'create', recordType: 'waiting-review', recordId: id, ownerId: child.placingAuthorityId, detail: { after: input } });
  });
}

// ---- sibling groups ----------------------------------------------------------------------------

export async function createSiblingGroup(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(siblingGroupInput, raw);
  return db.transaction().execute(async (tx) => {
    const ids = [...new Set(input.childIds)];
    const children = await store.findChildren(tx, ids);
    for (const id of ids) {
      const c = children.find((x) => x.id === id);
      // A child of another council needs a grant (or delivery) before it can be linked: otherwise it is not found.
      if (!c || !childPolicy.can(ctx.actor, ctx.facts, 'manage-siblings', c)) throw ValidationError.of('childIds', 'One of the children is not a child you can work on: a sibling from another council needs a grant first');
      if (c.siblingGroupId) throw ValidationError.of('childIds', `${c.firstName} ${c.lastName} is already in a sibling group`);
    }
    const ordered = ids.map((id) => children.find((c) => c.id === id)!);
    const groupId = await store.insertSiblingGroup(tx, { placingAuthorityId: ordered[0]!.placingAuthorityId, name: input.name });
    await store.setSiblingGroup(tx, ids, groupId);
    for (const c of ordered) {
      await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'child', recordId: c.id, ownerId: c.placingAuthorityId, detail: { before: { siblingGroup: null }, after: { siblingGroup: groupId } } });
    }
    return groupId;
  });
}

async function loadGroup(db: Db, ctx: RequestContext, groupId: string) {
  const group = await store.findSiblingGroup(db, groupId);
  if (!group) throw new NotFoundError('Sibling group');
  const members = await store.findChildren(db, await store.siblingIds(db, groupId));
  const visible = members.filter((c) => childPolicy.can(ctx.actor, ctx.facts, 'view', c));
  if (visible.length === 0) throw new NotFoundError('Sibling group');
  return { group, members, visible };
}

export async function viewSiblingGroup(db: Db, ctx: RequestContext, groupId: string) {
  const { group, members, visible } = await loadGroup(db, ctx, groupId);
  for (const c of visible) await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'child', recordId: c.id, ownerId: c.placingAuthorityId, detail: { sections: ['sibling-group'] } });
  return { group, children: visible, hidden: members.length - visible.length, canDecide: members.every((c) => childPolicy.can(ctx.actor, ctx.facts, 'manage-siblings', c)) };
}

export async function recordSiblingDecision(db: Db, ctx: RequestContext, groupId: string, raw: unknown): Promise<void> {
  const input = parseInput(siblingDecisionInput, raw);
  await db.transaction().execute(async (tx) => {
    const { group, members } = await loadGroup(tx, ctx, groupId);
    if (!members.every((c) => childPolicy.can(ctx.actor, ctx.facts, 'manage-siblings', c))) throw new ForbiddenError('You cannot decide for every child in this group');
    if (input.date > ctx.facts.today) throw ValidationError.of('date', 'The decision date cannot be in the future');
    await store.setSiblingDecision(tx, groupId, input);
    for (const c of members) {
      await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'child', recordId: c.id, ownerId: c.placingAuthorityId, detail: { before: { siblingDecision: group.decision }, after: { siblingDecision: input.decision, date: input.date } } });
    }
  });
}
