// Use cases for the front door: the public enquiry (routed by the operating model on the day),
// the dashboard and lists (filtered by the same policy as the pages), the contact log,
// information packs, information events, registrations of interest and their decision (an
// accepted ROI creates the household), due work and the conversion funnel. Each change:
// load → policy → rule → write → audit, in one transaction.
import { randomInt } from 'node:crypto';
import * as adopters from '../adopters/service.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { addDays, formatDate } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { initialsFor, likelyDuplicates, type MatchReason } from '../core/likely-duplicates.ts';
import { registerRecordType } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import type { WorkItem } from '../core/work.ts';
import {
  attendanceInput, contactInput, datedInput, enquiryInput, enquiryListQuery, eventInput, funnelQuery, inviteInput, notProceedingInput, roiDecisionInput,
} from './input.ts';
import { householdReference, infoPackDue, NEW_FOR_DAYS, OUTSIDE, roiDecisionDue, withConversion } from './model.ts';
import { enquiryListScope, enquiryPolicy, eventPolicy, eventScope, funnelScope, type EnquiryAction } from './policy.ts';
import * as store from './store.ts';

registerRecordType('enquiry', async (db, id) => (await store.findEnquiry(db, id))?.frontDoorId, {
  plural: 'enquiries',
  noun: 'enquiry',
  // Everyone who works an enquiry writes its notes; what is sensitive is for those who decide its ROI.
  accessFor: async (db, ctx, id) => {
    const e = await store.findEnquiry(db, id);
    if (!e) return undefined;
    const can = (a: EnquiryAction) => enquiryPolicy.can(ctx.actor, ctx.facts, a, e);
    return { ownerId: e.frontDoorId, view: can('view'), change: can('work'), viewSensitive: can('decide-roi'), label: `${e.firstName} ${e.lastName}`, path: `/enquiries/${id}` };
  },
  letterFields: async (db, id): Promise<Record<string, string>> => {
    const e = await store.findEnquiry(db, id);
    return e ? { agencyName: e.frontDoorName, addressee: `${e.firstName} ${e.lastName}`, salutation: e.firstName, enquiredOn: e.receivedOn } : {};
  },
});

/** The enquiry, if the person may do this to it; a refusal to view looks exactly like absence. */
async function loadEnquiry(db: Db, ctx: RequestContext, id: string, action: EnquiryAction = 'view'): Promise<store.EnquiryRow> {
  const enquiry = await store.findEnquiry(db, id);
  if (!enquiry || !enquiryPolicy.can(ctx.actor, ctx.facts, 'view', enquiry)) throw new NotFoundError('Enquiry');
  if (action !== 'view' && !enquiryPolicy.can(ctx.actor, ctx.facts, action, enquiry)) throw new ForbiddenError();
  return enquiry;
}

function audit(db: Db, ctx: RequestContext | null, e: Pick<store.EnquiryRow, 'id' | 'frontDoorId'>, action: 'view' | 'create' | 'update', detail: Record<string, unknown>) {
  return recordAudit(db, { actor: ctx ? auditActor(ctx.actor) : null, action, recordType: 'enquiry', recordId: e.id, ownerId: e.frontDoorId, detail });
}

// ---- the public front door ------------------------------------------------------------------

/** The choices the public form offers: every council we know, and the partnerships. */
export async function publicChoices(db: Db) {
  const [councils, partnerships] = await Promise.all([store.councils(db), store.partnerships(db)]);
  return { councils, partnerships };
}

/**
 * A new enquiry from the public (no one is signed in). Routed to whoever delivers recruitment
 * for the enquirer's council today; from outside, to the partnership they chose. An email we
 * already know is simply another enquiry: the answer never reveals it.
 */
export async function submitEnquiry(db: Db, raw: unknown, opts: { today: string; source: 'web-form' | 'api' }): Promise<string> {
  const input = parseInput(enquiryInput, raw);
  return db.transaction().execute(async (tx) => {
    let councilId: string | null = null;
    let partnershipId: string | null = null;
    let frontDoorId: string;
    if (input.councilCode === OUTSIDE) {
      const p = await store.organisationBy(tx, { slug: input.partnership! });
      if (!p || p.kind !== 'partnership') throw ValidationError.of('partnership', 'Select which partnership you are enquiring with');
      partnershipId = p.id;
      frontDoorId = p.id;
    } else {
      const council = await store.organisationBy(tx, { code: input.councilCode });
      if (!council || council.kind !== 'local-authority') throw ValidationError.of('councilCode', `No council has the code ${input.councilCode}`);
      councilId = council.id;
      frontDoorId = await store.frontDoorFor(tx, council.id, opts.today);
    }
    const id = await store.insertEnquiry(tx, {
      frontDoorId, councilId, partnershipId, receivedOn: opts.today, firstName: input.firstName, lastName: input.lastName, email: input.email,
      phone: input.phone, heardFrom: input.heardFrom, source: opts.source, campaign: input.campaign ?? null,
    });
    await audit(tx, null, { id, frontDoorId }, 'create', { after: { source: opts.source, councilCode: input.councilCode, heardFrom: input.heardFrom, receivedOn: opts.today } });
    return id;
  });
}

// ---- reading ------------------------------------------------------------------------------

export async function list(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(enquiryListQuery, raw);
  const scope = enquiryListScope(ctx.actor, ctx.facts);
  if (!scope) return { query, total: 0, items: [] as store.EnquiryRow[] };
  const result = await store.listEnquiries(db, scope, query);
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'enquiry', ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: result.items.map((e) => e.id) },
    records: result.items.map((e) => ({ type: 'enquiry', id: e.id, ownerId: e.frontDoorId })),
  });
  return { query, ...result };
}

/** The front-door dashboard: new, awaiting contact, information packs due and overdue, ROI decisions. */
export async function dashboard(db: Db, ctx: RequestContext) {
  const today = ctx.facts.today;
  const scope = enquiryListScope(ctx.actor, ctx.facts);
  if (!scope) return null;
  const [open, rois] = await Promise.all([store.openEnquiries(db, scope), store.undecidedRois(db, scope)]);
  const withDue = open.map((e) => ({ ...e, pack: infoPackDue(e, today) }));
  const newSince = addDays(today, -NEW_FOR_DAYS);
  const lists = {
    new: withDue.filter((e) => e.receivedOn > newSince).reverse(),
    awaitingContact: withDue.filter((e) => !e.lastContactOn),
    packsDue: withDue.filter((e) => e.pack && !e.pack.overdue),
    packsOverdue: withDue.filter((e) => e.pack?.overdue),
    rois: rois.map((r) => ({ ...r, due: roiDecisionDue(r, today)! })),
  };
  const shown = [...new Set([...open.map((e) => e.id), ...rois.map((r) => r.enquiryId)])];
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'enquiry', ownerId: ctx.actor.orgId, detail: { query: { dashboard: true }, total: shown.length, shown },
    records: [...open.map((e) => ({ type: 'enquiry', id: e.id, ownerId: e.frontDoorId })), ...rois.map((r) => ({ type: 'enquiry', id: r.enquiryId, ownerId: r.frontDoorId }))],
  });
  return { ...lists, counts: { new: lists.new.length, awaitingContact: lists.awaitingContact.length, packsDue: lists.packsDue.length, packsOverdue: lists.packsOverdue.length, roisDue: lists.rois.filter((r) => !r.due.overdue).length, roisOverdue: lists.rois.filter((r) => r.due.overdue).length } };
}

export function permissionsFor(ctx: RequestContext, e: store.EnquiryRow) {
  const can = (a: EnquiryAction) => enquiryPolicy.can(ctx.actor, ctx.facts, a, e);
  return { work: can('work'), decideRoi: can('decide-roi') };
}

/** Another enquiry that may be from the same person: what the enquiry's page flags, and why. */
export interface EnquiryDuplicate {
  id: string;
  firstName: string;
  lastName: string;
  receivedOn: string;
  frontDoorName: string;
  status: string;
  reasons: MatchReason[];
}

/**
 * The other enquiries the person may see (the list's scope, and the view rule for each) that may
 * be from the same person: the same email, or a similar name. The public form never says so (it
 * would reveal who has enquired); the front door sees it on the enquiry. Showing them is audited
 * as the list is, linked to each enquiry shown.
 */
async function possibleDuplicates(db: Db, ctx: RequestContext, enquiry: store.EnquiryRow): Promise<EnquiryDuplicate[]> {
  const scope = enquiryListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const candidates = (await store.duplicateCandidates(db, scope, { excludeId: enquiry.id, email: enquiry.email, initials: initialsFor(enquiry.lastName) }))
    .filter((c) => enquiryPolicy.can(ctx.actor, ctx.facts, 'view', c));
  const found = likelyDuplicates(enquiry, candidates);
  if (found.length === 0) return [];
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'enquiry', ownerId: ctx.actor.orgId,
    detail: { check: 'likely-duplicates', of: enquiry.id, total: found.length, shown: found.map((d) => d.record.id), reasons: Object.fromEntries(found.map((d) => [d.record.id, d.reasons])) },
    records: found.map((d) => ({ type: 'enquiry', id: d.record.id, ownerId: d.record.frontDoorId })),
  });
  return found.map(({ record: c, reasons }) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, receivedOn: c.receivedOn, frontDoorName: c.frontDoorName, status: c.status, reasons }));
}

export async function view(db: Db, ctx: RequestContext, id: string) {
  const enquiry = await loadEnquiry(db, ctx, id);
  const [contacts, invitations, roi] = await Promise.all([store.contactsOf(db, id), store.invitationsOfEnquiry(db, id), store.roiOf(db, id)]);
  await audit(db, ctx, enquiry, 'view', {});
  const duplicates = await possibleDuplicates(db, ctx, enquiry);
  const today = ctx.facts.today;
  return {
    enquiry, contacts, invitations, duplicates, roi: roi ? { ...roi, due: roiDecisionDue(roi, today) } : null,
    pack: infoPackDue(enquiry, today), can: permissionsFor(ctx, enquiry),
    upcomingEvents: enquiry.status === 'open' && eventOrganisers(ctx).length > 0 ? (await store.listEvents(db, eventOrganisers(ctx), { from: today })).filter((ev) => !invitations.some((i) => i.eventId === ev.id)) : [],
  };
}

// ---- working on an enquiry ---------------------------------------------------------------------

function checkDate(field: string, date: string, enquiry: store.EnquiryRow, today: string, what: string) {
  if (date > today) throw ValidationError.of(field, `${what} (${formatDate(date)}) cannot be in the future`);
  if (date < enquiry.receivedOn) throw ValidationError.of(field, `${what} (${formatDate(date)}) cannot be before the enquiry was received (${formatDate(enquiry.receivedOn)})`);
}

export async function logContact(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(contactInput, raw);
  return db.transaction().execute(async (tx) => {
    const enquiry = await loadEnquiry(tx, ctx, id, 'work');
    checkDate('date', input.date, enquiry, ctx.facts.today, 'The date of the contact');
    const contactId = await store.insertContact(tx, { enquiryId: id, contactOn: input.date, method: input.method, notes: input.notes ?? null, recordedBy: ctx.actor.staffId });
    await audit(tx, ctx, enquiry, 'update', { after: { contact: { date: input.date, method: input.method } } });
    return contactId;
  });
}

export async function recordInfoPack(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(datedInput('the date the pack was sent'), raw);
  await db.transaction().execute(async (tx) => {
    const enquiry = await loadEnquiry(tx, ctx, id, 'work');
    checkDate('date', input.date, enquiry, ctx.facts.today, 'The date the pack was sent');
    await store.setInfoPackSent(tx, id, input.date);
    await audit(tx, ctx, enquiry, 'update', { before: { infoPackSentOn: enquiry.infoPackSentOn }, after: { infoPackSentOn: input.date } });
  });
}

function mustBeOpen(enquiry: store.EnquiryRow) {
  if (enquiry.status !== 'open') throw new ConflictError(enquiry.status === 'roi-received' ? 'A registration of interest has already been received for this enquiry' : 'This enquiry is closed: the enquirer is not proceeding');
}

export async function recordNotProceeding(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(notProceedingInput, raw);
  await db.transaction().execute(async (tx) => {
    const enquiry = await loadEnquiry(tx, ctx, id, 'work');
    mustBeOpen(enquiry);
    checkDate('date', input.date, enquiry, ctx.facts.today, 'The date');
    await store.setStatus(tx, id, { status: 'not-proceeding', closedOn: input.date, reason: input.reason });
    await audit(tx, ctx, enquiry, 'update', { before: { status: enquiry.status }, after: { status: 'not-proceeding', closedOn: input.date, reason: input.reason } });
  });
}

export async function recordRoi(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<string> {
  const input = parseInput(datedInput('the date the registration of interest was received'), raw);
  return db.transaction().execute(async (tx) => {
    const enquiry = await loadEnquiry(tx, ctx, id, 'work');
    mustBeOpen(enquiry);
    checkDate('date', input.date, enquiry, ctx.facts.today, 'The date the registration of interest was received');
    const roiId = await store.insertRoi(tx, id, input.date);
    await store.setStatus(tx, id, { status: 'roi-received', closedOn: input.date, reason: null });
    await audit(tx, ctx, enquiry, 'update', { before: { status: enquiry.status }, after: { status: 'roi-received', roiReceivedOn: input.date, roi: roiId } });
    return roiId;
  });
}

async function newHouseholdReference(db: Db): Promise<string> {
  for (;;) {
    const reference = householdReference(randomInt(1_000_000));
    if (!(await store.householdReferenceTaken(db, reference))) return reference;
  }
}

/** Accept (the adopters service creating the household, owned by the front door) or decline the ROI. */
export async function decideRoi(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<{ householdId: string | null }> {
  const input = parseInput(roiDecisionInput, raw);
  return db.transaction().execute(async (tx) => {
    const enquiry = await loadEnquiry(tx, ctx, id, 'decide-roi');
    const roi = await store.roiOf(tx, id);
    if (!roi) throw new ConflictError('No registration of interest has been received for this enquiry');
    if (roi.decision) throw new ConflictError(`The registration of interest was already ${roi.decision} on ${formatDate(roi.decidedOn)}`);
    if (input.date > ctx.facts.today) throw ValidationError.of('date', `The date of the decision (${formatDate(input.date)}) cannot be in the future`);
    if (input.date < roi.receivedOn) throw ValidationError.of('date', `The date of the decision (${formatDate(input.date)}) cannot be before the registration of interest was received (${formatDate(roi.receivedOn)})`);
    let householdId: string | null = null;
    if (input.decision === 'accepted') {
      householdId = await adopters.createForAcceptedRoi(tx, ctx, {
        ownerId: enquiry.frontDoorId, homeCouncilId: enquiry.councilId, reference: await newHouseholdReference(tx), roiAcceptedOn: input.date,
        applicant: { firstName: enquiry.firstName, lastName: enquiry.lastName }, enquiryId: id,
      });
    }
    // Two people deciding at once: the second finds it decided, and its household is rolled back with it.
    if (!(await store.decideRoi(tx, roi.id, { decision: input.decision, decidedOn: input.date, reason: input.decision === 'declined' ? input.reason! : null, decidedBy: ctx.actor.staffId, householdId }))) {
      throw new ConflictError('The registration of interest was decided by someone else a moment ago');
    }
    await audit(tx, ctx, enquiry, 'update', { before: { roiDecision: null }, after: { roiDecision: input.decision, decidedOn: input.date, household: householdId } });
    return { householdId };
  });
}

// ---- information events --------------------------------------------------------------------

/** Whose events the person sees: their own organisation's and those of front doors it runs today (none: []). */
function eventOrganisers(ctx: RequestContext): string[] {
  return eventScope(ctx.actor, ctx.facts) ?? [];
}

/** Whether the person may organise information events (pages show the form only then). */
export const mayOrganiseEvents = (ctx: RequestContext) => eventPolicy.can(ctx.actor, ctx.facts, 'organise', { organiserId: ctx.actor.orgId });

export async function events(db: Db, ctx: RequestContext) {
  const organisers = eventOrganisers(ctx);
  if (organisers.length === 0) throw new ForbiddenError('Information events are for the front door\'s staff');
  const [upcoming, past] = await Promise.all([
    store.listEvents(db, organisers, { from: ctx.facts.today }),
    store.listEvents(db, organisers, { to: ctx.facts.today, limit: 50 }),
  ]);
  return { upcoming, past, canCreate: mayOrganiseEvents(ctx) };
}

export async function createEvent(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  if (!mayOrganiseEvents(ctx)) throw new ForbiddenError('Only recruitment officers and team managers organise information events');
  const input = parseInput(eventInput, raw);
  return db.transaction().execute(async (tx) => {
    const council = await store.organisationBy(tx, { code: input.venueCouncil });
    if (!council || council.kind !== 'local-authority') throw ValidationError.of('venueCouncil', 'Select the council the venue is in');
    const id = await store.insertEvent(tx, { organiserId: ctx.actor.orgId, title: input.title, date: input.date, time: input.time, venue: input.venue, venueCouncilId: council.id, capacity: input.capacity, createdBy: ctx.actor.staffId });
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'create', recordType: 'information-event', recordId: id, ownerId: ctx.actor.orgId, detail: { after: input } });
    return id;
  });
}

async function loadEvent(db: Db, ctx: RequestContext, id: string) {
  const event = await store.findEvent(db, id);
  if (!event || !eventPolicy.can(ctx.actor, ctx.facts, 'view', event)) throw new NotFoundError('Event');
  return event;
}

export async function viewEvent(db: Db, ctx: RequestContext, id: string) {
  const event = await loadEvent(db, ctx, id);
  const all = await store.invitationsOfEvent(db, id);
  const visible = all.filter((i) => enquiryPolicy.can(ctx.actor, ctx.facts, 'view', { id: i.enquiryId, frontDoorId: i.frontDoorId }));
  for (const i of visible) await audit(db, ctx, { id: i.enquiryId, frontDoorId: i.frontDoorId }, 'view', { sections: ['event-invitation'], event: id });
  return {
    event, invitations: visible.map((i) => ({ ...i, canRecord: enquiryPolicy.can(ctx.actor, ctx.facts, 'work', { id: i.enquiryId, frontDoorId: i.frontDoorId }) })),
    hidden: all.length - visible.length, happened: event.eventDate <= ctx.facts.today,
  };
}

export async function inviteToEvent(db: Db, ctx: RequestContext, id: string, raw: unknown): Promise<void> {
  const input = parseInput(inviteInput, raw);
  await db.transaction().execute(async (tx) => {
    const enquiry = await loadEnquiry(tx, ctx, id, 'work');
    await store.lockEvent(tx, input.eventId);
    const event = await store.findEvent(tx, input.eventId);
    if (!event || !eventPolicy.can(ctx.actor, ctx.facts, 'view', event)) throw ValidationError.of('eventId', 'Select one of your information events');
    if (event.eventDate < ctx.facts.today) throw ValidationError.of('eventId', `The event on ${formatDate(event.eventDate)} has already happened`);
    if (await store.invitationExists(tx, event.id, id)) throw ValidationError.of('eventId', `${enquiry.firstName} ${enquiry.lastName} is already invited to this event`);
    if (event.invited >= event.capacity) throw ValidationError.of('eventId', `The event is full: all ${event.capacity} places are taken`);
    await store.insertInvitation(tx, event.id, id, ctx.facts.today);
    await audit(tx, ctx, enquiry, 'update', { after: { invitedTo: event.id, eventDate: event.eventDate } });
  });
}

export async function recordAttendance(db: Db, ctx: RequestContext, eventId: string, raw: unknown): Promise<void> {
  const input = parseInput(attendanceInput, raw);
  await db.transaction().execute(async (tx) => {
    const event = await loadEvent(tx, ctx, eventId);
    const enquiry = await loadEnquiry(tx, ctx, input.enquiryId, 'work');
    if (!(await store.invitationExists(tx, eventId, enquiry.id))) throw ValidationError.of('enquiryId', 'They were not invited to this event');
    if (event.eventDate > ctx.facts.today) throw ValidationError.of('attended', `Attendance can be recorded once the event has happened (${formatDate(event.eventDate)})`);
    await store.setAttendance(tx, eventId, enquiry.id, input.attended === 'yes');
    await audit(tx, ctx, enquiry, 'update', { after: { event: eventId, attended: input.attended === 'yes' } });
  });
}

// ---- due work and the funnel -----------------------------------------------------------------

/** ROI decisions and information packs due or overdue, for the enquiries the person may see. */
export async function dueWork(db: Db, ctx: RequestContext): Promise<WorkItem[]> {
  const scope = enquiryListScope(ctx.actor, ctx.facts);
  if (!scope) return [];
  const today = ctx.facts.today;
  const [open, rois] = await Promise.all([store.openEnquiries(db, scope), store.undecidedRois(db, scope)]);
  const items: WorkItem[] = [];
  for (const r of rois) {
    const due = roiDecisionDue(r, today)!;
    items.push({ kind: 'roi-decision', title: `Decide the registration of interest from ${r.firstName} ${r.lastName}`, href: `/enquiries/${r.enquiryId}`, record: { type: 'enquiry', id: r.enquiryId, ownerId: r.frontDoorId }, ...due });
  }
  for (const e of open) {
    const due = infoPackDue(e, today);
    if (due) items.push({ kind: 'information-pack', title: `Send the information pack to ${e.firstName} ${e.lastName}`, href: `/enquiries/${e.id}`, record: { type: 'enquiry', id: e.id, ownerId: e.frontDoorId }, ...due });
  }
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** Whether the person may see the funnel (pages offer the link only then). */
export function maySeeFunnel(ctx: RequestContext): boolean {
  return (funnelScope(ctx.actor, ctx.facts) ?? []).some((frontDoorId) => enquiryPolicy.can(ctx.actor, ctx.facts, 'view-funnel', { id: '', frontDoorId }));
}

/** Per council: enquiries received in the period and how far they went. Counts only. */
export async function funnel(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(funnelQuery, raw);
  // The scope is the 'view-funnel' rule as a list; each front door is asked of the rule itself too.
  const frontDoors = funnelScope(ctx.actor, ctx.facts)?.filter((frontDoorId) => enquiryPolicy.can(ctx.actor, ctx.facts, 'view-funnel', { id: '', frontDoorId }));
  if (!frontDoors?.length) throw new ForbiddenError('The recruitment funnel is for analysts, team managers and recruitment officers');
  const rows = (await store.funnel(db, frontDoors, query.from, query.to)).map((r) => withConversion({ ...r, councilName: r.councilName ?? 'Outside our councils' }));
  const sum = (k: 'enquiries' | 'rois' | 'stage1' | 'stage2' | 'approved') => rows.reduce((n, r) => n + r[k], 0);
  const total = withConversion({ enquiries: sum('enquiries'), rois: sum('rois'), stage1: sum('stage1'), stage2: sum('stage2'), approved: sum('approved') });
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'funnel', ownerId: ctx.actor.orgId, detail: { from: query.from, to: query.to } });
  return { ...query, rows, total };
}
