// SQL for case notes. Which notes a person may read is decided in the service (by the record's
// own policy, through the record registry); here only whether sensitive notes are included.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../core/db.ts';
import type { NoteType } from './model.ts';
import './tables.ts';

export interface NoteRow {
  id: string;
  recordType: string;
  recordId: string;
  type: NoteType;
  occurredAt: Date;
  authorId: string;
  authorName: string;
  body: string;
  sensitive: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NoteVersionRow {
  version: number;
  type: NoteType;
  occurredAt: string;
  body: string;
  sensitive: boolean;
  writtenAt: string;
}

function noteQuery(db: Db) {
  return db.selectFrom('case_note as n').innerJoin('staff as s', 's.id', 'n.author_id').select([
    'n.id', 'n.record_type as recordType', 'n.record_id as recordId', 'n.type', 'n.occurred_at as occurredAt', 'n.author_id as authorId',
    's.display_name as authorName', 'n.body', 'n.sensitive', 'n.version', 'n.created_at as createdAt', 'n.updated_at as updatedAt',
  ]);
}

export async function findNote(db: Db, id: string): Promise<NoteRow | undefined> {
  return (await noteQuery(db).where('n.id', '=', id).executeTakeFirst()) as NoteRow | undefined;
}

/** A record's notes, newest event first, each with its earlier wordings (newest first). */
export async function notesOf(db: Db, recordType: string, recordId: string, options: { sensitive: boolean }) {
  const rows = await noteQuery(db)
    .select((eb) => jsonArrayFrom(eb.selectFrom('case_note_version as v')
      .select(['v.version', 'v.type', 'v.occurred_at as occurredAt', 'v.body', 'v.sensitive', 'v.written_at as writtenAt'])
      .whereRef('v.note_id', '=', 'n.id')
      // An earlier wording that was sensitive stays hidden from those who may not see sensitive notes,
      // even when the note itself is no longer marked sensitive.
      .$if(!options.sensitive, (q) => q.where('v.sensitive', '=', false))
      .orderBy('v.version', 'desc')).as('earlier'))
    .where('n.record_type', '=', recordType).where('n.record_id', '=', recordId)
    .$if(!options.sensitive, (q) => q.where('n.sensitive', '=', false))
    .orderBy('n.occurred_at', 'desc').orderBy('n.created_at', 'desc').orderBy('n.id').execute();
  return rows as (NoteRow & { earlier: NoteVersionRow[] })[];
}

export async function insertNote(db: Db, n: { recordType: string; recordId: string; type: NoteType; occurredAt: Date; authorId: string; body: string; sensitive: boolean }): Promise<string> {
  const row = await db.insertInto('case_note').values({
    record_type: n.recordType, record_id: n.recordId, type: n.type, occurred_at: n.occurredAt, author_id: n.authorId, body: n.body, sensitive: n.sensitive,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A correction: the wording it replaces goes into the history, in the same transaction. */
export async function correctNote(db: Db, before: NoteRow, after: { type: NoteType; occurredAt: Date; body: string; sensitive: boolean }): Promise<void> {
  await db.insertInto('case_note_version').values({
    note_id: before.id, version: before.version, type: before.type, occurred_at: before.occurredAt, body: before.body, sensitive: before.sensitive, written_at: before.updatedAt,
  }).execute();
  await db.updateTable('case_note').set({ type: after.type, occurred_at: after.occurredAt, body: after.body, sensitive: after.sensitive, version: before.version + 1, updated_at: new Date() })
    .where('id', '=', before.id).execute();
}
