// Documents' SQL. Nothing here decides access.
import type { Db } from '../core/db.ts';
import type { DocumentCategory } from './documents-model.ts';
import './tables.ts';


export interface DocumentRow {
  id: string;
  recordType: string;
  recordId: string;
  category: DocumentCategory;
  title: string;
  sensitive: boolean;
  createdAt: Date;
  createdBy: string;
}

export interface VersionRow {
  documentId: string;
  version: number;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string;
  /** Who uploaded it, as people read it. */
  uploadedByName: string;
  scannedWith: string | null;
}

const documentColumns = [
  'document.id', 'document.record_type as recordType', 'document.record_id as recordId', 'document.category', 'document.title',
  'document.sensitive', 'document.created_at as createdAt', 'document.created_by as createdBy',
] as const;

export async function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('document').select(documentColumns).where('document.id', '=', id).executeTakeFirst();
}

/** A record's documents, newest first. */
export async function documentsOf(db: Db, recordType: string, recordId: string): Promise<DocumentRow[]> {
  return db.selectFrom('document').select(documentColumns)
    .where('record_type', '=', recordType).where('record_id', '=', recordId)
    .orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Every version of these documents, without their bytes, newest first within each document. */
export async function versionsOf(db: Db, documentIds: readonly string[]): Promise<VersionRow[]> {
  if (documentIds.length === 0) return [];
  return db.selectFrom('document_version as v').innerJoin('staff', 'staff.id', 'v.uploaded_by')
    .select([
      'v.document_id as documentId', 'v.version', 'v.filename', 'v.media_type as mediaType', 'v.size_bytes as sizeBytes', 'v.sha256',
      'v.uploaded_at as uploadedAt', 'v.uploaded_by as uploadedBy', 'staff.display_name as uploadedByName', 'v.scanned_with as scannedWith',
    ])
    .where('v.document_id', 'in', documentIds)
    .orderBy('v.document_id').orderBy('v.version', 'desc').execute();
}

/** One version with its bytes: the given one, or the latest. */
export async function versionContent(db: Db, documentId: string, version?: number) {
  let query = db.selectFrom('document_version')
    .select(['version', 'filename', 'media_type as mediaType', 'size_bytes as sizeBytes', 'sha256', 'content'])
    .where('document_id', '=', documentId);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  // node-postgres gives a Buffer; PGlite's adapter may give a plain Uint8Array.
  return row && { ...row, content: Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength) };
}

export async function insertDocument(db: Db, values: { recordType: string; recordId: string; category: DocumentCategory; title: string; sensitive: boolean; createdBy: string }): Promise<string> {
  const row = await db.insertInto('document').values({
    record_type: values.recordType, record_id: values.recordId, category: values.category, title: values.title, sensitive: values.sensitive, created_by: values.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface NewVersion {
  filename: string;
  mediaType: string;
  sha256: string;
  content: Uint8Array;
  uploadedBy: string;
  scannedWith: string | null;
}

/**
 * Add the next version of a document. Two uploads at once cannot both take the same number:
 * the primary key refuses the second, and the caller's transaction is rolled back.
 */
export async function insertVersion(db: Db, documentId: string, v: NewVersion): Promise<number> {
  const next = await db.selectFrom('document_version').select((eb) => eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)).as('latest'))
    .where('document_id', '=', documentId).executeTakeFirstOrThrow();
  const version = Number(next.latest) + 1;
  await db.insertInto('document_version').values({
    document_id: documentId, version, filename: v.filename, media_type: v.mediaType, size_bytes: v.content.byteLength,
    sha256: v.sha256, content: v.content, uploaded_by: v.uploadedBy, scanned_with: v.scannedWith,
  }).execute();
  return version;
}

/** Hold the document until the transaction ends, so two new versions at once are numbered in turn. */
export async function lockDocument(db: Db, id: string): Promise<void> {
  await db.selectFrom('document').select('id').where('id', '=', id).forUpdate().execute();
}

/** How many documents a record has (for tests and the record's page). */
export async function countDocuments(db: Db, recordType: string, recordId: string): Promise<number> {
  const row = await db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_type', '=', recordType).where('record_id', '=', recordId).executeTakeFirstOrThrow();
  return Number(row.n);
}
