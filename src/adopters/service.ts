// Use cases for adopter households: list, pool, view, create, update, record checks, members,
// stage events and approval terms, and the work due. Each change: load → policy → rule →
// write → audit, in one transaction.
import { randomBytes } from 'node:crypto';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { workingDaysBetween } from '../core/calendar.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { initialsFor, likelyDuplicates as rankDuplicates, LikelyDuplicatesError, MAX_SHOWN, type MatchReason } from '../core/likely-duplicates.ts';
import { registerRecordType } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import * as staffStore from '../staff/store.ts';
import {
  checkInput, createHouseholdInput, householdListQuery, type CreateHouseholdInput, memberInput, poolQuery, stageEventInput, type StageEventBody, termsInput, updateCheckInput, updateHouseholdInput,
} from './input.ts';
import {
  ad1Code, applyEvent, checkProblems, clocksOf, DUE_SOON_DAYS, dueItems, expiryOf, isAdult, missingForProceed, relationshipProblems, stageOf,
  type Check, type EventType, type Relationship, type Terms,
} from './model.ts';
import { householdListScope, householdPolicy, poolScope, type HouseholdAction, type HouseholdRecord } from './policy.ts';
import { householdChronology } from './chronology.ts';
import * as store from './store.ts';

registerRecordType('household', (db, id) => store.ownerOf(db, id), {
  plural: 'households',
  noun: 'household',
  // Notes and documents are for those who keep the household's details; what is sensitive is
  // for its assessing workers (those who record its stages).
  accessFor: async (db, ctx, id) => {
    const h = await store.findHousehold(db, id, ctx.facts.today);
    if (!h) return undefined;
    const can = (a: HouseholdAction) => householdPolicy.can(ctx.actor, ctx.facts, a, asRecord(h));
    return { ownerId: h.ownerId, view: can('view'), change: can('update'), viewSensitive: can('record-stage'), label: h.reference, path: `/households/${id}` };
  },
  chronology: async (db, id) => householdChronology(await store.eventsOf(db, id)),
  letterFields: async (db, id, { templateId, today }) => {
    const [h, applicants] = await Promise.all([store.findHousehold(db, id, today), store.applicantsOf(db, id)]);
    if (!h) return {};
    const known: Record<string, string | null | undefined> = {
      agencyName: h.ownerName, reference: h.reference,
      addressee: applicants.map((a) => `${a.firstName} ${a.lastName}`).join(' and '),
      salutation: applicants.map((a) => a.firstName).join(' and '),
      // The Stage 1 letters tell of the Stage 1 decision; the agency decision maker's, of theirs.
      decidedOn: templateId.startsWith('adm-') ? h.admDecidedOn : h.stage1DecidedOn, panelDate: h.panelOn,
    };
    return Object.fromEntries(Object.entries(known).filter((e): e is [string, string] => !!e[1]));
  },
});

/** The household, if the person may do this to it; a refusal to view looks exactly like absence. */
async function loadHousehold(db: Db, ctx: RequestContext, id: string, action: HouseholdAction = 'view'): Promise<store.HouseholdRow> {
  const h = await store.findHousehold(db, id, ctx.facts.today);
  if (!h || !householdPolicy.can(ctx.actor, ctx.facts, 'view', asRecord(h))) throw new NotFoundError('Household');
  if (action !== 'view' && !householdPolicy.can(ctx.actor, ctx.facts, action, asRecord(h))) throw new ForbiddenError();
  return h;
}

const asRecord = (h: store.HouseholdRow): HouseholdRecord => ({ id: h.id, ownerId: h.ownerId, homeCouncilId: h.homeCouncilId, status: h.status, ownerPartnerships: h.ownerPartnerships });

export function permissionsFor(ctx: RequestContext, h: store.HouseholdRow) {
  const can = (a: HouseholdAction) => householdPolicy.can(ctx.actor, ctx.facts, a, asRecord(h));
  return { update: can('update'), recordStage: can('record-stage'), recordDecision: can('record-decision'), changeStatus: can('change-status') };
}

/** What the person may do with households in general, for pages to show: create one, search the pool. */
export function generalPermissions(ctx: RequestContext) {
  const newHousehold: HouseholdRecord = { id: '', ownerId: ctx.actor.orgId, homeCouncilId: null, status: 'in-assessment', ownerPartnerships: [] };
  return { create: householdPolicy.can(ctx.actor, ctx.facts, 'create', newHousehold), searchPool: poolScope(ctx.actor, ctx.facts).length > 0 };
}

/** Which event types the person may record: decisions by the decision maker, status by casework staff, stages by social workers and team managers. */
export function actionFor(type: EventType): HouseholdAction {
  if (type === 'adm-decision') return 'record-decision';
  if (type === 'status-change') return 'change-status';
  return 'record-stage';
}

const audit = (db: Db, ctx: RequestContext, h: { id: string; ownerId: string }, action: 'view' | 'create' | 'update', detail?: Record<string, unknown>, recordType = 'household', recordId = h.id) =>
  recordAudit(db, { actor: auditActor(ctx.actor), action, recordType, recordId, ownerId: h.ownerId, detail: recordType === 'household' ? detail : { household: h.id, ...detail } });

// ---- reading ----------------------------------------------------------------------------------

export async function list(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(householdListQuery, raw);
  const scope = householdListScope(ctx.actor, ctx.facts);
  const result = scope ? await store.listHouseholds(db, scope, query) : { total: 0, items: [] };
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'household', ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: result.items.map((h) => h.id) },
    records: result.items.map((h) => ({ type: 'household', id: h.id, ownerId: h.ownerId })),
  });
  return { query, ...result };
}

export async function pool(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(poolQuery, raw);
  const partnerships = poolScope(ctx.actor, ctx.facts);
  const result = await store.poolHouseholds(db, partnerships, query, ctx.facts.today);
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'household', ownerId: ctx.actor.orgId, detail: { pool: true, query, total: result.total, shown: result.items.map((h) => h.id) },
    records: result.items.map((h) => ({ type: 'household', id: h.id, ownerId: h.ownerId })),
  });
  return { query, ...result, canSearch: partnerships.length > 0 };
}

/**
 * The household's record for showing. A form page names the actions it is for (any one will
 * do): a person who may see the household but do none of them is refused (403) before anything
 * is read or audited.
 */
export async function view(db: Db, ctx: RequestContext, id: string, forAnyOf: readonly HouseholdAction[] = ['view']) {
  const h = await loadHousehold(db, ctx, id);
  if (!forAnyOf.some((a) => householdPolicy.can(ctx.actor, ctx.facts, a, asRecord(h)))) throw new ForbiddenError();
  const [applicants, members, checks, events, terms] = await Promise.all([
    store.applicantsOf(db, id), store.membersOf(db, id), store.checksOf(db, id), store.eventsOf(db, id), store.termsOf(db, id),
  ]);
  const today = ctx.facts.today;
  await audit(db, ctx, h, 'view');
  const people = peopleOf(applicants, members);
  return {
    household: h, applicants, can: permissionsFor(ctx, h), events, terms,
    members: members.map((m) => ({ ...m, adult: isAdult(m.dateOfBirth, today) })),
    checks: checks.map((c) => ({ ...c, expiry: expiryOf(c, today) })),
    ad1: ad1Code(h.relationship as Relationship, applicants.map((a) => a.sex)),
    stage: stageOf(h),
    clocks: clocksOf(h, today, workingDaysBetween),
    missingForProceed: h.stage1StartedOn && !h.stage1DecidedOn ? missingForProceed(h, people.applicants, people.members, checks, today) : [],
  };
}

function peopleOf(applicants: { firstName: string; lastName: string; dateOfBirth: string | null }[], members: { name: string; dateOfBirth: string }[]) {
  return {
    applicants: applicants.map((a) => ({ name: `${a.firstName} ${a.lastName}`, dateOfBirth: a.dateOfBirth })),
    members: members.map((m) => ({ name: m.name, dateOfBirth: m.dateOfBirth })),
  };
}

// ---- creating and updating ----------------------------------------------------------------------

async function newReference(db: Db): Promise<string> {
  for (;;) {
    const ref = `AH${randomBytes(4).toString('hex').toUpperCase()}`;
    if (!(await store.referenceTaken(db, ref))) return ref;
  }
}

async function councilId(db: Db, code: string | undefined | null, field = 'homeCouncil'): Promise<string | null> {
  if (!code) return null;
  const la = await store.councilByCode(db, code);
  if (!la || la.kind !== 'local-authority') throw ValidationError.of(field, `No council has the code ${code}`);
  return la.id;
}

function mayCreate(ctx: RequestContext): void {
  if (!householdPolicy.can(ctx.actor, ctx.facts, 'create', { id: '', ownerId: ctx.actor.orgId, homeCouncilId: null, status: 'in-assessment', ownerPartnerships: [] })) {
    throw new ForbiddenError('You cannot create households');
  }
}

/** A household already known that is likely the one about to be created: what the warning shows, and why. */
export interface HouseholdDuplicate {
  id: string;
  reference: string;
  /** Its applicants' names, as one line. */
  names: string;
  ownerName: string;
  homeCouncilName: string | null;
  /** Which applicant of the new household it matched ("Sam Taylor"), and why. */
  matched: { applicant: string; existing: string; dateOfBirth: string | null; reasons: MatchReason[] }[];
  reasons: MatchReason[];
}

const STRENGTH: readonly MatchReason[] = ['upn', 'email', 'date-of-birth-and-name', 'name'];

/**
 * The households the person may see (the list's scope, and the view rule for each) with an
 * applicant likely one of the new household's: born the same day with a similar name, or a
 * similar name where no date of birth is recorded (an accepted registration of interest has
 * none). Showing them is audited as the list is, linked to each household shown.
 */
async function findDuplicates(db: Db, ctx: RequestContext, input: CreateHouseholdInput): Promise<HouseholdDuplicate[]> {
  const scope = householdListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const candidates = (await store.duplicateCandidates(db, scope, {
    datesOfBirth: input.applicants.map((a) => a.dateOfBirth), initials: [...new Set(input.applicants.flatMap((a) => initialsFor(a.lastName)))],
  })).filter((c) => householdPolicy.can(ctx.actor, ctx.facts, 'view', { id: c.householdId, ownerId: c.ownerId, homeCouncilId: c.homeCouncilId, status: c.status, ownerPartnerships: [] }));
  const byHousehold = new Map<string, HouseholdDuplicate>();
  for (const applicant of input.applicants) {
    for (const { record: c, reasons } of rankDuplicates(applicant, candidates, Infinity)) {
      const d = byHousehold.get(c.householdId) ?? { id: c.householdId, reference: c.reference, names: c.names, ownerName: c.ownerName, homeCouncilName: c.homeCouncilName, matched: [], reasons: [] };
      d.matched.push({ applicant: `${applicant.firstName} ${applicant.lastName}`, existing: `${c.firstName} ${c.lastName}`, dateOfBirth: c.dateOfBirth, reasons });
      d.reasons = STRENGTH.filter((r) => d.reasons.includes(r) || reasons.includes(r));
      byHousehold.set(c.householdId, d);
    }
  }
  const found = [...byHousehold.values()]
    // Strongest reason first; otherwise in the order the model ranked the applicants' names (a stable sort).
    .sort((a, b) => STRENGTH.indexOf(a.reasons[0]!) - STRENGTH.indexOf(b.reasons[0]!))
    .slice(0, MAX_SHOWN);
  if (found.length === 0) return [];
  const owners = new Map(candidates.map((c) => [c.householdId, c.ownerId]));
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'household', ownerId: ctx.actor.orgId,
    detail: { check: 'likely-duplicates', total: found.length, shown: found.map((d) => d.id), reasons: Object.fromEntries(found.map((d) => [d.id, d.reasons])) },
    records: found.map((d) => ({ type: 'household', id: d.id, ownerId: owners.get(d.id)! })),
  });
  return found;
}

/**
 * The households the person may see that are likely the one they are about to create (the new
 * household form's fields, or the API's body). Only someone who may create a household may ask.
 */
export async function likelyDuplicates(db: Db, ctx: RequestContext, raw: unknown): Promise<HouseholdDuplicate[]> {
  const input = parseInput(createHouseholdInput, raw);
  mayCreate(ctx);
  return findDuplicates(db, ctx, input);
}

/**
 * Create a household. With `warnOfDuplicates` (the pages and the API), a household likely already
 * known, among those the person may see, is refused with LikelyDuplicatesError listing them, and
 * nothing is stored, unless the input confirms it is not a duplicate (`confirmNotDuplicate`).
 */
export async function create(db: Db, ctx: RequestContext, raw: unknown, options: { warnOfDuplicates?: boolean } = {}): Promise<string> {
  const input = parseInput(createHouseholdInput, raw);
  if (options.warnOfDuplicates && !input.confirmNotDuplicate) {
    mayCreate(ctx);
    const duplicates = await findDuplicates(db, ctx, input);
    if (duplicates.length) throw new LikelyDuplicatesError(duplicates, ['household', 'households']);
  }
  return db.transaction().execute(async (tx) => {
    mayCreate(ctx);
    const problems: FieldError[] = relationshipProblems(input.relationship, input.applicants.length);
    if (input.roiAcceptedOn && input.roiAcceptedOn > ctx.facts.today) problems.push({ field: 'roiAcceptedOn', message: 'The date the registration of interest was accepted cannot be in the future' });
    if (problems.length) throw new ValidationError(problems);
    const homeCouncilId = await councilId(tx, input.homeCouncil);
    if (input.reference && (await store.referenceTaken(tx, input.reference))) throw new ConflictError(`A household already has the reference ${input.reference}`, 'reference');
    const reference = input.reference ?? (await newReference(tx));
    const id = await store.insertHousehold(tx, {
      ownerId: ctx.actor.orgId, homeCouncilId, reference, roiAcceptedOn: input.roiAcceptedOn ?? null, applicants: input.applicants,
      relationship: input.relationship, fastTrack: input.fastTrack ?? null, interestFfa: input.interestFfa, interestConcurrent: input.interestConcurrent,
    });
    for (const m of input.members) await store.insertMember(tx, id, m);
    await audit(tx, ctx, { id, ownerId: ctx.actor.orgId }, 'create', {
      after: {
        reference, relationship: input.relationship, homeCouncil: input.homeCouncil ?? null, fastTrack: input.fastTrack ?? null, roiAcceptedOn: input.roiAcceptedOn ?? null,
        applicants: input.applicants.length, members: input.members.length, ...(input.confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      },
    });
    return id;
  });
}

export async function update(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(updateHouseholdInput, raw);
  await db.transaction().execute(async (tx) => {
    const h = await loadHousehold(tx, ctx, id, 'update');
    const applicants = input.applicants ?? (await store.applicantsOf(tx, id));
    const relationship = input.relationship ?? (h.relationship as Relationship);
    const problems = input.relationship || input.applicants ? relationshipProblems(relationship, applicants.length) : [];
    if (input.assessingWorkerId) {
      const workers = await staffStore.activeStaffWithRole(tx, [h.ownerId], 'social-worker');
      if (!workers.some((w) => w.id === input.assessingWorkerId)) problems.push({ field: 'assessingWorkerId', message: 'Select a social worker of the household\'s agency with an active account' });
    }
    if (problems.length) throw new ValidationError(problems);
    const homeCouncilId = input.homeCouncil === undefined ? undefined : await councilId(tx, input.homeCouncil);
    await store.updateHousehold(tx, id, { relationship: input.relationship, homeCouncilId, interestFfa: input.interestFfa, interestConcurrent: input.interestConcurrent, assessingWorkerId: input.assessingWorkerId });
    if (input.applicants) await store.replaceApplicants(tx, id, input.applicants);
    const { applicants: newApplicants, ...rest } = input;
    const before = { relationship: h.relationship, homeCouncil: h.homeCouncilCode, interestFfa: h.interestFfa, interestConcurrent: h.interestConcurrent, assessingWorkerId: h.assessingWorkerId };
    await audit(tx, ctx, h, 'update', { before, after: { ...rest, ...(newApplicants ? { applicants: newApplicants.length } : {}) } });
  });
}

export async function addMember(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(memberInput, raw);
  return db.transaction().execute(async (tx) => {
    const h = await loadHousehold(tx, ctx, id, 'update');
    if (input.dateOfBirth > ctx.facts.today) throw ValidationError.of('dateOfBirth', 'Date of birth cannot be in the future');
    const memberId = await store.insertMember(tx, id, input);
    await audit(tx, ctx, h, 'create', { after: { relationship: input.relationship, adult: isAdult(input.dateOfBirth, ctx.facts.today) } }, 'household-member', memberId);
    return memberId;
  });
}

// ---- checks -------------------------------------------------------------------------------------

export async function addCheck(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(checkInput, raw);
  return db.transaction().execute(async (tx) => {
    const h = await loadHousehold(tx, ctx, id, 'record-stage');
    const check: Omit<Check, 'id'> = {
      kind: input.kind, subject: input.subject, relative: input.kind === 'reference' && input.relative, status: input.status, requestedOn: input.requestedOn,
      receivedOn: input.receivedOn ?? null, issuedOn: input.issuedOn ?? null, expiresOn: input.expiresOn ?? null, notes: input.notes ?? null,
    };
    const problems = checkProblems(check, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    const checkId = await store.insertCheck(tx, id, check);
    await audit(tx, ctx, h, 'create', { after: { ...check, notes: undefined } }, 'household-check', checkId);
    return checkId;
  });
}

export async function updateCheck(db: Db, ctx: RequestContext, id: string, checkId: string, raw: unknown): Promise<void> {
  const input = parseInput(updateCheckInput, raw);
  await db.transaction().execute(async (tx) => {
    const h = await loadHousehold(tx, ctx, id, 'record-stage');
    const before = await store.findCheck(tx, id, checkId);
    if (!before) throw new NotFoundError('Check');
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const after: Check = { ...before, ...defined };
    const problems = checkProblems(after, ctx.facts.today);
    if (problems.length) throw new ValidationError(problems);
    await store.updateCheck(tx, checkId, after);
    await audit(tx, ctx, h, 'update', { before: { status: before.status, receivedOn: before.receivedOn, issuedOn: before.issuedOn, expiresOn: before.expiresOn }, after: defined }, 'household-check', checkId);
  });
}

export async function checksFor(db: Db, ctx: RequestContext, id: string) {
  const h = await loadHousehold(db, ctx, id);
  const checks = await store.checksOf(db, id);
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'household', recordId: id, ownerId: h.ownerId, detail: { sections: ['checks'] } });
  return { household: h, checks };
}

// ---- stage events -------------------------------------------------------------------------------

export async function recordEvent(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(stageEventInput, raw);
  return db.transaction().execute(async (tx) => {
    const h = await loadHousehold(tx, ctx, id, 'view');
    if (!householdPolicy.can(ctx.actor, ctx.facts, actionFor(input.type), asRecord(h))) {
      throw new ForbiddenError(input.type === 'adm-decision' ? 'Only the agency decision maker records the decision' : 'You cannot record this for the household');
    }
    return writeEvent(tx, ctx, h, input);
  });
}

/**
 * The agency decision maker's decision on a panel item, in the caller's (the panel's)
 * transaction: the panel's date with the decision on an approval, or the review or the
 * de-registration on a review. Each is a stage event, checked as recordEvent checks it; the
 * whole asks 'record-decision' (the panel's date comes with the decision, from the panel's
 * minutes, so the decision maker records it though they record no other stage).
 */
export async function recordDecisionEventsIn(tx: Db, ctx: RequestContext, id: string, raws: readonly unknown[]): Promise<string[]> {
  const inputs = raws.map((raw) => parseInput(stageEventInput, raw));
  await loadHousehold(tx, ctx, id, 'record-decision');
  const ids: string[] = [];
  // Each event applies to the household as the one before it left it.
  for (const input of inputs) ids.push(await writeEvent(tx, ctx, await loadHousehold(tx, ctx, id, 'view'), input));
  return ids;
}

/** Write a stage event the person may record: its rules, the household's new state, the audit. */
async function writeEvent(tx: Db, ctx: RequestContext, h: store.HouseholdRow, input: StageEventBody): Promise<string> {
  const id = h.id;
  if (input.staffId) {
    const workers = await staffStore.activeStaffWithRole(tx, [h.ownerId], 'social-worker');
    if (!workers.some((w) => w.id === input.staffId)) throw ValidationError.of('staffId', 'Select a social worker of the household\'s agency with an active account');
  }
  let missing: string[] = [];
  if (input.type === 'stage-1-decision' && input.outcome === 'proceed') {
    const [applicants, members, checks] = await Promise.all([store.applicantsOf(tx, id), store.membersOf(tx, id), store.checksOf(tx, id)]);
    const people = peopleOf(applicants, members);
    missing = missingForProceed(h, people.applicants, people.members, checks, input.date);
  }
  const { problems, next } = applyEvent(h, input, { today: ctx.facts.today, missingForProceed: missing });
  if (problems.length) throw new ValidationError(problems);
  const eventId = await store.insertEvent(tx, id, { ...input, recordedBy: ctx.actor.staffId });
  await store.setState(tx, id, next);
  const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => (h as unknown as Record<string, unknown>)[k] !== v));
  const before = Object.fromEntries(Object.keys(changed).map((k) => [k, (h as unknown as Record<string, unknown>)[k] ?? null]));
  await audit(tx, ctx, h, 'update', { event: { id: eventId, type: input.type, date: input.date, outcome: input.outcome, parStatus: input.parStatus, status: input.status, reason: input.reason }, before, after: changed });
  return eventId;
}

// ---- approval terms -------------------------------------------------------------------------------

export async function setTerms(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(termsInput, raw);
  await db.transaction().execute(async (tx) => {
    const h = await loadHousehold(tx, ctx, id, 'record-stage');
    if (!h.stage2StartedOn) throw ValidationError.of('minChildren', 'Approval terms are set in Stage 2: record the notice to proceed first');
    const before = await store.termsOf(tx, id);
    const terms: Terms = {
      ...input, ethnicityConsiderations: input.ethnicityConsiderations ?? null, religionConsiderations: input.religionConsiderations ?? null,
      languageConsiderations: input.languageConsiderations ?? null, areasToAvoid: input.areasToAvoid ?? null,
      religions: input.religions, languages: input.languages, avoidCouncilIds: input.avoidCouncilIds,
    };
    await store.saveTerms(tx, id, terms);
    await audit(tx, ctx, h, 'update', { before: { terms: before }, after: { terms } });
  });
}

/** The councils a household's terms may name as ones it cannot live near (not personal data). */
export function councilChoices(db: Db) {
  return store.localAuthorities(db);
}

// ---- work due --------------------------------------------------------------------------------------

/** Work due from the person on the households they may work on: overdue stages, expiring checks, reviews, representation windows. */
const WORK_ACTIONS: readonly HouseholdAction[] = ['update', 'record-stage', 'record-decision'];

export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = householdListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  // Work is due from those who may act on the household, not from everyone who may see it.
  const mayAct = (h: { id: string; ownerId: string; homeCouncilId: string | null; status: string }) =>
    WORK_ACTIONS.some((a) => householdPolicy.can(ctx.actor, ctx.facts, a, { ...h, ownerPartnerships: [] }));
  const rows = (await store.workFacts(db, scope, today, addDays(today, DUE_SOON_DAYS))).filter(mayAct);
  return rows.flatMap((h) => dueItems(h, today).map((item) => ({ ...item, href: `/households/${h.id}`, record: { type: 'household', id: h.id, ownerId: h.ownerId } })))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}

// ---- for other areas ---------------------------------------------------------------------------
// Other areas that hold a household (a training booking, …) ask here, so the household policy is
// applied in one place: a household hidden from the person is as missing there as on its own page.

/** Whether the person may see the household: true exactly where its page shows it, false where that page answers 404. */
export async function householdVisibleTo(db: Db, ctx: RequestContext, id: string): Promise<boolean> {
  try {
    await loadHousehold(db, ctx, id);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** Which of these households the person may see (householdVisibleTo for each). */
export async function visibleHouseholds(db: Db, ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
  // One query for the whole list, the same rule as the household's page.
  const facts = await store.accessFactsOf(db, ids, ctx.facts.today);
  return new Set(facts.filter((h) => householdPolicy.can(ctx.actor, ctx.facts, 'view', h)).map((h) => h.id));
}

/**
 * Of the households behind a report's figure, those whose page the person may open (the view
 * rule), audited as the list is. What a figure counts is not narrowed: only who is named.
 */
export async function listAmong(db: Db, ctx: RequestContext, ids: readonly string[], detail: Record<string, unknown>) {
  const visible = await visibleHouseholds(db, ctx, ids);
  const items = await store.householdSummaries(db, [...visible]);
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'household', ownerId: ctx.actor.orgId,
    detail: { ...detail, total: ids.length, shown: items.map((h) => h.id) },
    records: items.map((h) => ({ type: 'household', id: h.id, ownerId: h.ownerId })),
  });
  return items;
}

/**
 * Record that the household completed preparation training on a day (training calls this when
 * attendance completes a preparation course), in the caller's transaction. Only by someone who may
 * see the household (404 otherwise); a household that already completed keeps its first date.
 * Returns whether the household changed.
 */
export async function recordPreparationCompleted(db: Db, ctx: RequestContext, id: string, on: string, detail: { courseId: string }): Promise<boolean> {
  const h = await loadHousehold(db, ctx, id);
  if (h.preparationCompletedOn) return false;
  await store.setPreparationCompleted(db, id, on);
  await audit(db, ctx, h, 'update', { before: { preparationCompletedOn: null }, after: { preparationCompletedOn: on }, ...detail });
  return true;
}

/**
 * The household an accepted registration of interest starts (recruitment calls this in its
 * transaction): owned by the front door that received the enquiry, with the enquirer as its
 * first applicant. Refused (403) unless the household policy lets the person create a household
 * for that owner; the reference is the front door's numbering.
 */
export async function createForAcceptedRoi(db: Db, ctx: RequestContext, r: {
  ownerId: string; homeCouncilId: string | null; reference: string; roiAcceptedOn: string; applicant: { firstName: string; lastName: string }; enquiryId: string;
}): Promise<string> {
  if (!householdPolicy.can(ctx.actor, ctx.facts, 'create', { id: '', ownerId: r.ownerId, homeCouncilId: r.homeCouncilId, status: 'in-assessment', ownerPartnerships: [] })) {
    throw new ForbiddenError('The household would belong to the front door that received the enquiry: only its staff, or whoever runs its recruitment or assessment today, can accept this registration of interest');
  }
  if (await store.referenceTaken(db, r.reference)) throw new ConflictError(`A household already has the reference ${r.reference}`);
  const id = await store.insertHousehold(db, { ownerId: r.ownerId, homeCouncilId: r.homeCouncilId, reference: r.reference, roiAcceptedOn: r.roiAcceptedOn, applicants: [r.applicant] });
  await audit(db, ctx, { id, ownerId: r.ownerId }, 'create', { after: { reference: r.reference, roiAcceptedOn: r.roiAcceptedOn, enquiry: r.enquiryId } });
  return id;
}
