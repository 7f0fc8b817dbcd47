// Use cases for a panel meeting: its page (agenda, attendance, quorum, papers, recommendations,
// minutes), a member's meetings, attendance, the minutes from draft to final, adding an item for
// a record the panel hears, choosing its papers, recording the panel's recommendation (only at a
// quorate meeting), and a member reading a paper. Each view and change is audited in its
// transaction with the records it showed.
import * as adopters from '../adopters/service.ts';
import { paperFile, paperSummaries, type PaperSummary } from '../casework/panel-papers.ts';
import { listDocuments } from '../casework/documents-service.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { caseworkRecord } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import { attendanceInput, itemInput, minutesInput, papersInput, recommendationInput } from './input.ts';
import * as matching from '../matching/links-service.ts';
import * as items from './items-store.ts';
import { loadItem, loadMeeting, meetingRecord, shownRecords, subjectsOf, type Subject } from './loading.ts';
import {
  andList, COUNTS_TOWARDS_QUORUM, DECISIONS, decisionClock, decisionDueOn, decisionLabel, finalProblem, finaliseProblem, heldProblem, isDecisionFor, ITEM_KINDS, quorumLacks,
  quorumProblem, quorumText, servesOn, type ItemKind,
} from './model.ts';
import { meetingPolicy } from './policy.ts';
import * as store from './store.ts';

const audit = (db: Db, ctx: RequestContext, e: { action: 'view' | 'create' | 'update'; recordType: string; recordId?: string; ownerId: string; detail?: Record<string, unknown>; records?: { type: string; id: string; ownerId?: string | null }[] }) =>
  recordAudit(db, { actor: auditActor(ctx.actor), ...e });

/** The meeting's papers by item, as their titles show. */
async function papersByItem(db: Db, itemIds: readonly string[]): Promise<Map<string, PaperSummary[]>> {
  const rows = await items.papersOf(db, itemIds);
  const summaries = new Map((await paperSummaries(db, rows.map((r) => r.documentId))).map((s) => [s.id, s]));
  const result = new Map<string, PaperSummary[]>(itemIds.map((id) => [id, []]));
  for (const r of rows) if (summaries.has(r.documentId)) result.get(r.itemId)!.push(summaries.get(r.documentId)!);
  return result;
}

export async function viewMeeting(db: Db, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (tx) => {
    const { meeting, can } = await loadMeeting(tx, ctx, id);
    const today = ctx.facts.today;
    const [agenda, attendance] = await Promise.all([items.itemsOf(tx, id), store.attendanceOf(tx, id)]);
    const subjects = await subjectsOf(tx, ctx, agenda, can.viewPapers);
    // Papers are listed to the meeting's members (to read) and its advisers (who chose them).
    const papers = can.viewPapers || can.manage ? await papersByItem(tx, agenda.map((i) => i.id)) : new Map<string, PaperSummary[]>();
    const dissent = await items.dissentOf(tx, agenda.map((i) => i.id));
    const lacks = quorumLacks(meeting.quorum, attendance.filter((a) => a.attended));
    // Those who run the meeting record attendance: any member serving on the day, expected or not.
    const serving = can.manage ? (await store.membersOf(tx, meeting.panelId)).filter((m) => servesOn(m, meeting.date)) : [];
    const shownPapers = agenda.flatMap((i) => (subjects.get(i.id)!.shown ? papers.get(i.id) ?? [] : []));
    await audit(tx, ctx, {
      action: 'view', recordType: 'panel-meeting', recordId: id, ownerId: meeting.panelOwnerId, detail: { items: agenda.map((i) => i.id), papers: shownPapers.map((p) => p.id) },
      records: [...shownRecords(subjects.values()), ...shownPapers.map((p) => ({ type: 'document', id: p.id }))],
    });
    return {
      meeting, attendance, quorum: { text: quorumText(meeting.quorum), lacks },
      serving: serving.map((m) => ({ ...m, attended: attendance.find((a) => a.memberId === m.id)?.attended ?? null, expected: attendance.find((a) => a.memberId === m.id)?.expected ?? false })),
      items: agenda.map((i) => {
        const subject = subjects.get(i.id)!;
        return {
          ...i, kindName: ITEM_KINDS[i.kind], subject, papers: subject.shown ? papers.get(i.id) ?? [] : [],
          dissent: dissent.filter((d) => d.itemId === i.id), recommendationLabel: decisionLabel(i.kind, i.recommendation), decisionLabel: decisionLabel(i.kind, i.decision),
          clock: i.decisionDueOn ? decisionClock(i.decisionDueOn, i.decidedOn, today) : null,
        };
      }),
      can: {
        ...can, addItems: can.manage && !meeting.minutesFinalOn, recordAttendance: can.manage && heldProblem(meeting, today, 'Attendance') === null,
        editMinutes: can.manage && !meeting.minutesFinalOn, finalise: can.manage && finaliseProblem(meeting, agenda, today) === null,
      },
      finaliseProblem: can.manage ? finaliseProblem(meeting, agenda, today) : null,
    };
  });
}

// ---- attendance and minutes -------------------------------------------------------------------

/** The meetings a member is expected at whose papers are still available (for their Panels page). */
export async function myMeetings(db: Db, ctx: RequestContext) {
  if (!ctx.actor.roles.includes('panel-member')) return [];
  const rows = await store.meetingsExpecting(db, ctx.actor.staffId, ctx.facts.today);
  const shown = [];
  for (const m of rows) if (meetingPolicy.can(ctx.actor, ctx.facts, 'view', await meetingRecord(db, m))) shown.push(m);
  return shown;
}

/**
 * Record who attended (on or after the day of the meeting, while the minutes are a draft): any
 * member serving on the panel that day, expected or not. Answers what the quorum now lacks.
 */
export async function recordAttendance(db: Db, ctx: RequestContext, meetingId: string, raw: unknown): Promise<{ quorumLacks: string[] }> {
  const input = parseInput(attendanceInput, raw);
  return db.transaction().execute(async (tx) => {
    const { meeting } = await loadMeeting(tx, ctx, meetingId, 'manage');
    await store.lockMeeting(tx, meetingId);
    const held = heldProblem(meeting, ctx.facts.today, 'Attendance');
    if (held) throw ValidationError.of('attendance', held);
    const serving = new Set((await store.membersOf(tx, meeting.panelId)).filter((m) => servesOn(m, meeting.date)).map((m) => m.id));
    const problems = input.attendance.flatMap((a, i) => (serving.has(a.memberId) ? [] : [{ field: `attendance.${i}.memberId`, message: 'Select a member who served on the panel on the day of the meeting' }]));
    if (problems.length) throw new ValidationError(problems);
    const before = await store.attendanceOf(tx, meetingId);
    await store.saveAttendance(tx, meetingId, input.attendance);
    const after = await store.attendanceOf(tx, meetingId);
    await audit(tx, ctx, {
      action: 'update', recordType: 'panel-meeting', recordId: meetingId, ownerId: meeting.panelOwnerId,
      detail: { before: { attended: before.filter((a) => a.attended).map((a) => a.memberId) }, after: { attended: after.filter((a) => a.attended).map((a) => a.memberId) } },
    });
    return { quorumLacks: quorumLacks(meeting.quorum, after.filter((a) => a.attended)) };
  });
}

/** Save the draft minutes' notes (the recommendations are the items'). */
export async function saveMinutes(db: Db, ctx: RequestContext, meetingId: string, raw: unknown): Promise<void> {
  const input = parseInput(minutesInput, raw);
  await db.transaction().execute(async (tx) => {
    const { meeting } = await loadMeeting(tx, ctx, meetingId, 'manage');
    await store.lockMeeting(tx, meetingId);
    const final = finalProblem(meeting);
    if (final) throw new ConflictError(final, 'minutes');
    await store.saveMinutes(tx, meetingId, input.minutes ?? null);
    await audit(tx, ctx, { action: 'update', recordType: 'panel-meeting', recordId: meetingId, ownerId: meeting.panelOwnerId, detail: { minutes: { before: meeting.minutes?.length ?? 0, after: input.minutes?.length ?? 0 } } });
  });
}

/**
 * Make the minutes final (irreversible): only once every item has the panel's recommendation.
 * Each item's decision then falls due, the panel's working days after today.
 */
export async function finaliseMinutes(db: Db, ctx: RequestContext, meetingId: string): Promise<{ minutesFinalOn: string; decisionDueOn: string }> {
  return db.transaction().execute(async (tx) => {
    const { meeting } = await loadMeeting(tx, ctx, meetingId, 'manage');
    await store.lockMeeting(tx, meetingId);
    const current = (await store.findMeeting(tx, meetingId))!;
    const agenda = await items.itemsOf(tx, meetingId);
    const problem = finaliseProblem(current, agenda, ctx.facts.today);
    if (problem) throw ValidationError.of('minutes', problem);
    const today = ctx.facts.today;
    const dueOn = decisionDueOn(today, meeting.decisionWorkingDays);
    await store.finaliseMinutes(tx, meetingId, today, dueOn, ctx.actor.staffId);
    await audit(tx, ctx, {
      action: 'update', recordType: 'panel-meeting', recordId: meetingId, ownerId: meeting.panelOwnerId,
      detail: { before: { minutesFinalOn: null }, after: { minutesFinalOn: today, decisionDueOn: dueOn }, items: agenda.map((i) => i.id) },
      records: agenda.map((i) => ({ type: 'panel-item', id: i.id, ownerId: i.decisionAgencyId })),
    });
    return { minutesFinalOn: today, decisionDueOn: dueOn };
  });
}

// ---- adding an item -----------------------------------------------------------------------------

interface Heard { householdId: string | null; linkId: string | null; childId: string | null; decisionAgencyId: string; ownerId: string; noun: string; field: string }

/** The record of the item, if the person may see it (a hidden one is refused like a missing one), and who owns and decides it. */
async function recordOfItem(db: Db, ctx: RequestContext, kind: ItemKind, input: { householdId?: string; reference?: string; linkId?: string; childId?: string }): Promise<Heard> {
  if (kind === 'match') {
    const link = await matching.linkSummary(db, ctx, input.linkId!);
    if (!link) throw ValidationError.of('linkId', 'Select a link you can see');
    if (link.status !== 'proceeding') throw ValidationError.of('linkId', `The link is ${link.status}: a match goes to panel once the link is proceeding to match`);
    return { householdId: link.householdId, linkId: link.id, childId: null, decisionAgencyId: link.placingAuthorityId, ownerId: link.placingAuthorityId, noun: 'children', field: 'linkId' };
  }
  if (kind === 'shobpa') {
    const access = await caseworkRecord('child')?.accessFor(db, ctx, input.childId!);
    const child = access?.view ? (await items.childFacts(db, [input.childId!])).get(input.childId!) : undefined;
    if (!child) throw ValidationError.of('childId', 'Select a child you can see');
    if (child.shobpaDate) throw ValidationError.of('childId', `${child.name} already has the decision that they should be placed for adoption (${child.shobpaDate})`);
    return { householdId: null, linkId: null, childId: child.id, decisionAgencyId: child.placingAuthorityId, ownerId: child.placingAuthorityId, noun: 'children', field: 'childId' };
  }
  const field = input.householdId ? 'householdId' : 'reference';
  const id = input.householdId ?? (await items.findHouseholdByReference(db, input.reference!))?.id;
  const h = id && (await adopters.householdVisibleTo(db, ctx, id)) ? (await items.householdFacts(db, [id])).get(id) : undefined;
  if (!h) throw ValidationError.of(field, input.householdId ? 'Select a household you can see' : `No household you can see has the reference ${input.reference}`);
  if (kind === 'approval' && h.status !== 'in-assessment') throw ValidationError.of(field, `Household ${h.reference} is not in assessment (${h.status}): an approval item is for a household being assessed`);
  if (kind === 'review' && (!h.approvedOn || ['withdrawn', 'de-registered'].includes(h.status))) throw ValidationError.of(field, `Household ${h.reference} is not approved: a review is of an approved household`);
  return { householdId: h.id, linkId: null, childId: null, decisionAgencyId: h.ownerId, ownerId: h.ownerId, noun: 'households', field };
}

/**
 * Put a record on the meeting's agenda. The record must be one the person may see, and one this
 * panel hears: the operating model gives the panel function for the record's owner, on the day
 * of the meeting, to the panel's organisation.
 */
export async function addItem(db: Db, ctx: RequestContext, meetingId: string, raw: unknown): Promise<string> {
  const input = parseInput(itemInput, raw);
  return db.transaction().execute(async (tx) => {
    const { meeting } = await loadMeeting(tx, ctx, meetingId, 'manage');
    await store.lockMeeting(tx, meetingId);
    const final = finalProblem(meeting);
    if (final) throw new ConflictError(final, 'kind');
    const heard = await recordOfItem(tx, ctx, input.kind, input);
    const hearer = await items.panelOrganisationFor(tx, heard.ownerId, meeting.date);
    if (hearer !== meeting.panelOwnerId) {
      const [owner, by] = await Promise.all([items.organisationName(tx, heard.ownerId), items.organisationName(tx, hearer)]);
      throw ValidationError.of(heard.field, `${meeting.panelName} does not hear ${owner}'s ${heard.noun}: on ${meeting.date} ${by === owner ? `${owner} hears them itself` : `${by} hears them`}`);
    }
    const agenda = await items.itemsOf(tx, meetingId);
    if (agenda.some((i) => i.kind === input.kind && i.householdId === heard.householdId && i.linkId === heard.linkId && i.childId === heard.childId)) {
      throw ValidationError.of(heard.field, 'That record is already on this meeting\'s agenda for the same purpose');
    }
    const { id, position } = await items.insertItem(tx, { meetingId, kind: input.kind, ...heard, addedBy: ctx.actor.staffId });
    const subject = (await subjectsOf(tx, ctx, [(await items.findItem(tx, id))!], false)).get(id)!;
    await audit(tx, ctx, {
      action: 'create', recordType: 'panel-item', recordId: id, ownerId: heard.decisionAgencyId,
      detail: { after: { meetingId, position, kind: input.kind, householdId: heard.householdId, linkId: heard.linkId, childId: heard.childId } },
      records: [{ type: 'panel-meeting', id: meetingId, ownerId: meeting.panelOwnerId }, ...shownRecords([subject])],
    });
    return id;
  });
}

// ---- an item: papers and the recommendation ----------------------------------------------------

/** The documents of the item's records the person may see, for choosing papers (casework lists them, and audits that). */
async function candidateDocuments(db: Db, ctx: RequestContext, subject: Subject) {
  const found = [];
  for (const r of subject.records) {
    try {
      const { documents } = await listDocuments(db, ctx, r.type, r.id);
      found.push(...documents.map((d) => ({ id: d.id, title: d.title, categoryName: d.categoryName, record: r.label, filename: d.latest.filename })));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return found;
}

/** An item with its papers and recommendation; for the meeting's advisers, the documents they may choose as papers and the members who may dissent. */
export async function viewItem(db: Db, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (tx) => {
    const { item, meeting, can } = await loadItem(tx, ctx, id);
    const subject = (await subjectsOf(tx, ctx, [item], can.viewPapers)).get(id)!;
    const papers = subject.shown ? (await papersByItem(tx, [id])).get(id)! : [];
    const attended = (await store.attendanceOf(tx, meeting.id)).filter((a) => a.attended);
    const candidates = can.manage && !meeting.minutesFinalOn && subject.shown ? await candidateDocuments(tx, ctx, subject) : [];
    await audit(tx, ctx, { action: 'view', recordType: 'panel-item', recordId: id, ownerId: item.decisionAgencyId, detail: { papers: papers.map((p) => p.id) }, records: shownRecords([subject]) });
    return {
      item: { ...item, kindName: ITEM_KINDS[item.kind], recommendationLabel: decisionLabel(item.kind, item.recommendation) },
      meeting, subject, papers, candidates, dissent: await items.dissentOf(tx, [id]),
      choices: Object.entries(DECISIONS[item.kind]).map(([value, text]) => ({ value, text })),
      dissenters: attended.filter((a) => COUNTS_TOWARDS_QUORUM.includes(a.role)),
      quorumProblem: quorumProblem(meeting.quorum, attended),
      heldProblem: heldProblem(meeting, ctx.facts.today, 'Recommendations'),
      can: { ...can, choosePapers: can.manage && !meeting.minutesFinalOn && subject.shown, recommend: can.manage && !item.recommendation && !meeting.minutesFinalOn },
    };
  });
}

/** The item's papers become exactly the documents chosen: documents of its records that the person may see. */
export async function choosePapers(db: Db, ctx: RequestContext, itemId: string, raw: unknown): Promise<void> {
  const input = parseInput(papersInput, raw);
  await db.transaction().execute(async (tx) => {
    const { item, meeting } = await loadItem(tx, ctx, itemId, 'manage');
    const final = finalProblem(meeting);
    if (final) throw new ConflictError(final, 'documentIds');
    const subject = (await subjectsOf(tx, ctx, [item], false)).get(itemId)!;
    const allowed = new Set((subject.shown ? await candidateDocuments(tx, ctx, subject) : []).map((d) => d.id));
    const wrong = input.documentIds.findIndex((d) => !allowed.has(d));
    if (wrong >= 0) throw ValidationError.of(`documentIds.${wrong}`, 'Select documents of this item\'s records that you can see');
    const before = (await items.papersOf(tx, [itemId])).map((p) => p.documentId);
    await items.setPapers(tx, itemId, [...new Set(input.documentIds)], ctx.actor.staffId);
    await audit(tx, ctx, {
      action: 'update', recordType: 'panel-item', recordId: itemId, ownerId: item.decisionAgencyId, detail: { before: { papers: before }, after: { papers: input.documentIds } },
      records: [...shownRecords([subject]), ...input.documentIds.map((id) => ({ type: 'document', id }))],
    });
  });
}

/**
 * The panel's recommendation on an item, with its reasons and any member's dissent: only at a
 * quorate meeting (the refusal names what the quorum lacks), on or after its day, while the
 * minutes are a draft, once. (A recommended match's matching panel is recorded on the children
 * with the decision maker's decision: the panel's advisers do not record children's milestones.)
 */
export async function recordRecommendation(db: Db, ctx: RequestContext, itemId: string, raw: unknown): Promise<void> {
  const input = parseInput(recommendationInput, raw);
  await db.transaction().execute(async (tx) => {
    const { item, meeting } = await loadItem(tx, ctx, itemId, 'manage');
    await store.lockMeeting(tx, meeting.id);
    const current = (await store.findMeeting(tx, meeting.id))!;
    const held = heldProblem(current, ctx.facts.today, 'Recommendations');
    if (held) throw ValidationError.of('recommendation', held);
    const attended = (await store.attendanceOf(tx, meeting.id)).filter((a) => a.attended);
    const inquorate = quorumProblem(meeting.quorum, attended);
    if (inquorate) throw ValidationError.of('recommendation', inquorate);
    const now = (await items.findItem(tx, itemId))!;
    if (now.recommendation) throw new ConflictError(`The panel's recommendation on item ${now.position} is already recorded and is kept as written`, 'recommendation');
    if (!isDecisionFor(item.kind, input.recommendation)) throw ValidationError.of('recommendation', `Select the recommendation for this item: ${andList(Object.keys(DECISIONS[item.kind]))}`);
    if (input.approvedFor && item.kind !== 'approval') throw ValidationError.of('approvedFor', 'The panel advises on the children only when it recommends approval');
    const members = new Set(attended.filter((a) => COUNTS_TOWARDS_QUORUM.includes(a.role)).map((a) => a.memberId));
    const wrong = input.dissent.findIndex((d, i) => !members.has(d.memberId) || input.dissent.findIndex((x) => x.memberId === d.memberId) !== i);
    if (wrong >= 0) throw ValidationError.of(`dissent.${wrong}.memberId`, 'A dissent is a member\'s who attended the meeting, once');
    await items.saveRecommendation(tx, itemId, { recommendation: input.recommendation, reasons: input.reasons, approvedFor: input.approvedFor ?? null, by: ctx.actor.staffId, dissent: input.dissent });
    const subject = (await subjectsOf(tx, ctx, [item], false)).get(itemId)!;
    await audit(tx, ctx, {
      action: 'update', recordType: 'panel-item', recordId: itemId, ownerId: item.decisionAgencyId,
      detail: { after: { recommendation: input.recommendation, approvedFor: input.approvedFor ?? null, dissent: input.dissent.map((d) => d.memberId) } },
      records: [{ type: 'panel-meeting', id: meeting.id, ownerId: meeting.panelOwnerId }, ...shownRecords([subject])],
    });
  });
}

/** A paper of the meeting, for one of its members while the papers are available (404 for anyone else, or after the day). */
export async function readPaper(db: Db, ctx: RequestContext, meetingId: string, documentId: string) {
  return db.transaction().execute(async (tx) => {
    const { meeting } = await loadMeeting(tx, ctx, meetingId, 'view-papers').catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('Paper') : error;
    });
    if (!(await items.findPaper(tx, meetingId, documentId))) throw new NotFoundError('Paper');
    return paperFile(tx, ctx, documentId, { id: meetingId, ownerId: meeting.panelOwnerId });
  });
}
