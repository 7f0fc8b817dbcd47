// Case notes and the chronology on any record that registers for casework (core/records.ts).
// Whether a person may read a record's notes, write one, or see what is marked sensitive is its
// own area's policy, asked through the registry: this area decides none of it, so a note on a
// child is exactly as visible as the child. A refusal to view looks exactly like absence.
import { createHash } from 'node:crypto';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { caseworkRecord, ownerOfRecord, registerRecordType, type ChronologyEntry, type RecordAccess } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import { chronologyQuery, noteInput } from './input.ts';
import { englandInstant, inEngland, mayCorrect, mergeChronology, NOTE_TYPES } from './model.ts';
import * as store from './store.ts';

// A note belongs to its record's owner: audit searches by owner find it there.
registerRecordType('case-note', async (db, id) => {
  const note = await store.findNote(db, id);
  return note ? ownerOfRecord(db, note.recordType, note.recordId) : undefined;
});

/** The record and what the person may do with it; absent, or not theirs to see, is 404. */
export async function recordAccess(db: Db, ctx: RequestContext, recordType: string, recordId: string, need: 'view' | 'change' = 'view'): Promise<RecordAccess> {
  const registration = caseworkRecord(recordType);
  if (!registration) throw new NotFoundError();
  const access = await registration.accessFor(db, ctx, recordId);
  if (!access || !access.view) throw new NotFoundError(capitalise(registration.noun));
  if (need === 'change' && !access.change) throw new ForbiddenError(`You cannot add to this ${registration.noun}'s record`);
  return access;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function listNotes(db: Db, ctx: RequestContext, recordType: string, recordId: string) {
  const record = await recordAccess(db, ctx, recordType, recordId);
  const now = new Date();
  const notes = (await store.notesOf(db, recordType, recordId, { sensitive: record.viewSensitive })).map((n) => ({
    ...n, ...inEngland(n.occurredAt), typeName: NOTE_TYPES[n.type], mayCorrect: mayCorrect(n, ctx.actor.staffId, now),
  }));
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'view', recordType, recordId, ownerId: record.ownerId,
    detail: { sections: ['case-notes'], shown: notes.map((n) => n.id) },
  });
  const retention = (await caseworkRecord(recordType)?.retention?.(db, recordId)) ?? null;
  return { record, notes, retention, can: { add: record.change, markSensitive: record.change && record.viewSensitive } };
}

/**
 * A note as the audit log keeps it: what kind, when, whether sensitive, and a fingerprint of its
 * text, not the text. The audit log is read by administrators who may not open the record; the
 * text itself, and every earlier wording, stays in the note's own history, shown only to those
 * who may see the note. The fingerprint (in the hashed event) shows the text was not changed since.
 */
function auditedNote(n: { type: string; occurredAt: Date; body: string; sensitive: boolean }) {
  return { type: n.type, occurredAt: n.occurredAt.toISOString(), sensitive: n.sensitive, bodySha256: createHash('sha256').update(n.body).digest('hex'), bodyLength: n.body.length };
}

/** A note's date and time must not be in the future, and only someone who may see sensitive notes may mark one. */
function checkNote(input: ReturnType<typeof noteInput.parse>, record: RecordAccess, now: Date): Date {
  const occurredAt = englandInstant(input.date, input.time);
  if (occurredAt.getTime() > now.getTime()) throw ValidationError.of('date', 'The date and time it happened must not be in the future');
  if (input.sensitive && !record.viewSensitive) throw ValidationError.of('sensitive', 'You cannot mark a note sensitive on this record: you would not see it yourself');
  return occurredAt;
}

export async function addNote(db: Db, ctx: RequestContext, recordType: string, recordId: string, raw: unknown, now = new Date()): Promise<string> {
  const record = await recordAccess(db, ctx, recordType, recordId, 'change');
  const input = parseInput(noteInput, raw);
  const occurredAt = checkNote(input, record, now);
  return db.transaction().execute(async (tx) => {
    const id = await store.insertNote(tx, { recordType, recordId, type: input.type, occurredAt, authorId: ctx.actor.staffId, body: input.body, sensitive: input.sensitive });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'case-note', recordId: id, ownerId: record.ownerId,
      detail: { after: auditedNote({ type: input.type, occurredAt, body: input.body, sensitive: input.sensitive }) },
      records: [{ type: recordType, id: recordId, ownerId: record.ownerId }],
    });
    return id;
  });
}

/** A note its author may still correct, with its record; anything else is refused. */
export async function noteToCorrect(db: Db, ctx: RequestContext, noteId: string, now = new Date()) {
  const note = await store.findNote(db, noteId);
  if (!note) throw new NotFoundError('Note');
  const record = await recordAccess(db, ctx, note.recordType, note.recordId);
  if (note.sensitive && !record.viewSensitive) throw new NotFoundError('Note');
  if (!mayCorrect(note, ctx.actor.staffId, now)) throw new ForbiddenError('Only the note\'s author can correct it, and only within 24 hours of writing it');
  return { note: { ...note, ...inEngland(note.occurredAt) }, record };
}

export async function correctNote(db: Db, ctx: RequestContext, noteId: string, raw: unknown, now = new Date()): Promise<{ record: RecordAccess }> {
  const { note, record } = await noteToCorrect(db, ctx, noteId, now);
  const input = parseInput(noteInput, raw);
  const occurredAt = checkNote(input, record, now);
  await db.transaction().execute(async (tx) => {
    await store.correctNote(tx, note, { type: input.type, occurredAt, body: input.body, sensitive: input.sensitive });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'update', recordType: 'case-note', recordId: noteId, ownerId: record.ownerId,
      detail: {
        before: auditedNote(note),
        after: auditedNote({ type: input.type, occurredAt, body: input.body, sensitive: input.sensitive }),
      },
      records: [{ type: note.recordType, id: note.recordId, ownerId: record.ownerId }],
    });
  });
  return { record };
}

/** Extra entries for the chronology from other parts of casework (documents), by record. */
type EntrySource = (db: Db, recordType: string, recordId: string, access: RecordAccess) => Promise<ChronologyEntry[]>;
const entrySources: EntrySource[] = [];
export function addChronologySource(source: EntrySource): void {
  entrySources.push(source);
}

/**
 * The record's story for its own page, newest first: for a page that has already checked and
 * audited the person's view of the record, so this adds no second audit event.
 */
export async function storyForRecordPage(db: Db, ctx: RequestContext, recordType: string, recordId: string, ownEntries?: readonly ChronologyEntry[]): Promise<ChronologyEntry[]> {
  const record = await recordAccess(db, ctx, recordType, recordId);
  return (await entriesOf(db, recordType, recordId, record, [], ownEntries)).reverse();
}

/** The merged entries; the page that has its record's own events to hand passes them, so they are not read twice. */
async function entriesOf(db: Db, recordType: string, recordId: string, record: RecordAccess, kinds: readonly string[], ownEntries?: readonly ChronologyEntry[]): Promise<ChronologyEntry[]> {
  const own = caseworkRecord(recordType)?.chronology;
  const [events, notes, ...others] = await Promise.all([
    ownEntries ?? (own ? own(db, recordId, record) : Promise.resolve([])),
    store.notesOf(db, recordType, recordId, { sensitive: record.viewSensitive }),
    ...entrySources.map((source) => source(db, recordType, recordId, record)),
  ]);
  const noteEntries: ChronologyEntry[] = notes.map((n) => ({
    ...inEngland(n.occurredAt), kind: 'note', title: NOTE_TYPES[n.type], detail: n.body, by: n.authorName,
  }));
  return mergeChronology([events, noteEntries, ...others], kinds);
}

/** The record's story in one list: its own events, its notes and its documents, in date order. */
export async function chronology(db: Db, ctx: RequestContext, recordType: string, recordId: string, raw: unknown = {}, as: 'page' | 'pdf' = 'page') {
  const record = await recordAccess(db, ctx, recordType, recordId);
  const query = parseInput(chronologyQuery, raw);
  const entries = await entriesOf(db, recordType, recordId, record, query.kind);
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: as === 'pdf' ? 'export' : 'view', recordType, recordId, ownerId: record.ownerId,
    detail: { sections: ['chronology'], kinds: query.kind, ...(as === 'pdf' ? { format: 'pdf' } : {}) },
  });
  const retention = (await caseworkRecord(recordType)?.retention?.(db, recordId)) ?? null;
  return { record, query, entries, retention };
}
