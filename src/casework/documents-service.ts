// Use cases for documents on any casework record (a child, a household, an enquiry): list,
// upload, add a version, download, and save a document Mercia generated (a letter). A document
// is exactly as visible as its record, decided by the record's own area through the record
// registry (core/records.ts): view → list and download; change → upload; viewSensitive → see
// documents that are sensitive (medical and legal always, any other when marked). A refusal
// to view looks exactly like absence. Every upload is scanned for malware by clamd before
// anything is written, then its type is found from its bytes; each list, upload and download
// is audited in the same transaction as its write, linked to the record.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../core/errors.ts';
import { scanBytes, scannerConfigFrom, type ScannerConfig } from '../core/malware-scan.ts';
import { caseworkRecord, ownerOfRecord, registerRecordType, type RecordAccess } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import { documentsConfig, sizeText } from './documents-config.ts';
import { documentFields } from './documents-input.ts';
import {
  CATEGORY_NAMES, cleanFilename, isSensitive, keptFilename, titleFromFilename, typeProblem, type DocumentCategory,
} from './documents-model.ts';
import * as store from './documents-store.ts';
import { inEngland } from './model.ts';
import { addChronologySource } from './service.ts';

export { ScannerUnavailableError } from '../core/malware-scan.ts';

// A document's owner is its record's owner: the audit log finds events on a document by it.
registerRecordType('document', async (db, id) => {
  if (!isUuid(id)) return undefined;
  const document = await store.findDocument(db, id);
  return document ? ownerOfRecord(db, document.recordType, document.recordId) : undefined;
});

// Each version of each document the person may see is an entry in the record's chronology.
addChronologySource(async (db, recordType, recordId, access) => {
  const documents = (await store.documentsOf(db, recordType, recordId)).filter((d) => !d.sensitive || access.viewSensitive);
  const byId = new Map(documents.map((d) => [d.id, d]));
  return (await store.versionsOf(db, [...byId.keys()])).map((v) => {
    const d = byId.get(v.documentId)!;
    return {
      ...inEngland(v.uploadedAt), kind: 'document' as const,
      title: v.version === 1 ? `${CATEGORY_NAMES[d.category]} added: ${d.title}` : `${CATEGORY_NAMES[d.category]}: version ${v.version} of ${d.title}`,
      detail: v.filename, by: v.uploadedByName, href: `/documents/${d.id}?version=${v.version}`,
    };
  });
});

const uuidSchema = z.uuid();
function isUuid(id: string): boolean {
  return uuidSchema.safeParse(id).success;
}

/** The record a document hangs on, as pages name and link it. */
export interface RecordRef {
  type: string;
  id: string;
  ownerId: string;
  label: string;
  path: string;
  noun: string;
  plural: string;
}

/** The record, if the person may see it (404 otherwise, and 403 when they may see it but `need` change). */
async function loadRecord(db: Db, ctx: RequestContext, recordType: string, recordId: string, need: 'view' | 'change' = 'view'): Promise<{ record: RecordRef; access: RecordAccess }> {
  const casework = caseworkRecord(recordType);
  if (!casework || !isUuid(recordId)) throw new NotFoundError('Record');
  const access = await casework.accessFor(db, ctx, recordId);
  const noun = casework.noun.charAt(0).toUpperCase() + casework.noun.slice(1);
  if (!access?.view) throw new NotFoundError(noun);
  if (need === 'change' && !access.change) throw new ForbiddenError(`You may see this ${casework.noun} but not add documents to it`);
  return { record: { type: recordType, id: recordId, ownerId: access.ownerId, label: access.label, path: access.path, noun: casework.noun, plural: casework.plural }, access };
}

/** The document and its record, if the person may see both (a sensitive one needs viewSensitive). */
async function loadDocument(db: Db, ctx: RequestContext, documentId: string, need: 'view' | 'change' = 'view') {
  const document = isUuid(documentId) ? await store.findDocument(db, documentId) : undefined;
  if (!document) throw new NotFoundError('Document');
  let loaded;
  try {
    loaded = await loadRecord(db, ctx, document.recordType, document.recordId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('Document');
    throw error;
  }
  if (document.sensitive && !loaded.access.viewSensitive) throw new NotFoundError('Document');
  if (need === 'change' && !loaded.access.change) throw new ForbiddenError(`You may see this document but not add versions to it`);
  return { document, ...loaded };
}

const linked = (record: RecordRef) => ({ type: record.type, id: record.id, ownerId: record.ownerId });

// ---- reading ------------------------------------------------------------------------------

export interface DocumentView extends store.DocumentRow {
  categoryName: string;
  latest: store.VersionRow;
  /** Every version, newest first (the latest included). */
  versions: store.VersionRow[];
}

/** What the person may do with the record's documents. */
export interface DocumentPermissions {
  upload: boolean;
  viewSensitive: boolean;
}

/** A record's documents the person may see, newest first, each with its latest version and its history. */
export async function listDocuments(db: Db, ctx: RequestContext, recordType: string, recordId: string): Promise<{ record: RecordRef; permissions: DocumentPermissions; documents: DocumentView[] }> {
  const { record, access } = await loadRecord(db, ctx, recordType, recordId);
  const rows = (await store.documentsOf(db, recordType, recordId)).filter((d) => !d.sensitive || access.viewSensitive);
  const versions = await store.versionsOf(db, rows.map((d) => d.id));
  const documents = rows.flatMap((d) => {
    const own = versions.filter((v) => v.documentId === d.id);
    return own[0] ? [{ ...d, categoryName: CATEGORY_NAMES[d.category], latest: own[0], versions: own }] : [];
  });
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'view', recordType: 'document', ownerId: record.ownerId,
    detail: { list: 'documents', record: { type: recordType, id: recordId }, shown: documents.map((d) => d.id) },
    records: [linked(record), ...documents.map((d) => ({ type: 'document', id: d.id, ownerId: record.ownerId }))],
  });
  return { record, permissions: { upload: access.change, viewSensitive: access.viewSensitive }, documents };
}

/** May the person add documents to this record? Throws 404 (cannot see it) or 403 (cannot add): asked before an upload is read. */
export async function assertMayUpload(db: Db, ctx: RequestContext, recordType: string, recordId: string): Promise<void> {
  await loadRecord(db, ctx, recordType, recordId, 'change');
}

/** May the person add a version to this document? As assertMayUpload. */
export async function assertMayAddVersion(db: Db, ctx: RequestContext, documentId: string): Promise<void> {
  await loadDocument(db, ctx, documentId, 'change');
}

/** One document with every version, for its page (audited as a view of the document). */
export async function documentVersions(db: Db, ctx: RequestContext, documentId: string): Promise<{ record: RecordRef; document: DocumentView; permissions: DocumentPermissions }> {
  const { document, record, access } = await loadDocument(db, ctx, documentId);
  const versions = await store.versionsOf(db, [document.id]);
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'view', recordType: 'document', recordId: document.id, ownerId: record.ownerId,
    detail: { versions: versions.map((v) => v.version) }, records: [linked(record)],
  });
  return { record, document: { ...document, categoryName: CATEGORY_NAMES[document.category], latest: versions[0]!, versions }, permissions: { upload: access.change, viewSensitive: access.viewSensitive } };
}

/** One version's file, to send. */
export interface DocumentFile extends Pick<store.VersionRow, 'documentId' | 'version' | 'filename' | 'mediaType' | 'sizeBytes' | 'sha256'> {
  bytes: Buffer;
}

/**
 * A sensitive document's title and file name stay out of the audit log, which administrators
 * read without being able to open the record: the event keeps its fingerprint (sha256) instead.
 */
function named<T extends object>(sensitive: boolean, names: T): Partial<T> {
  return sensitive ? {} : names;
}

/** A version's bytes (the latest unless one is named), audited as an export of the document. */
export async function documentFile(db: Db, ctx: RequestContext, documentId: string, version?: number): Promise<DocumentFile> {
  const { document, record } = await loadDocument(db, ctx, documentId);
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) throw new NotFoundError('Version');
  const file = await store.versionContent(db, document.id, version);
  if (!file) throw new NotFoundError('Version');
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'export', recordType: 'document', recordId: document.id, ownerId: record.ownerId,
    detail: { version: file.version, ...named(document.sensitive, { filename: file.filename }), sha256: file.sha256, sizeBytes: file.sizeBytes }, records: [linked(record)],
  });
  return { documentId: document.id, version: file.version, filename: file.filename, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, bytes: file.content };
}

// ---- writing ------------------------------------------------------------------------------

export interface UploadInput {
  category?: unknown;
  title?: unknown;
  sensitive?: unknown;
  /** The file's name as sent (any path is dropped); undefined or empty when no file was chosen. */
  filename?: string;
  /** Undefined when no file was chosen. */
  bytes?: Uint8Array;
  /** Set by the caller when the upload was cut off at the size limit (its bytes are incomplete). */
  truncated?: boolean;
}

export interface Saved {
  id: string;
  version: number;
  filename: string;
  mediaType: string;
  sensitive: boolean;
  title: string;
}

interface CheckedFile {
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
  scannedWith: string | null;
}

/** The file's own faults that need no scan: missing, empty, too large, a name that is no name. */
function fileFaults(input: UploadInput, maxBytes: number): FieldError[] {
  const name = cleanFilename(input.filename ?? '');
  if (!input.bytes || (!name && input.bytes.byteLength === 0)) return [{ field: 'file', message: 'Select a file to upload' }];
  const shown = name || 'The selected file';
  if (input.truncated || input.bytes.byteLength > maxBytes) return [{ field: 'file', message: `${shown} is larger than ${sizeText(maxBytes)}: the file must be ${sizeText(maxBytes)} or smaller` }];
  if (input.bytes.byteLength === 0) return [{ field: 'file', message: `${shown} is empty` }];
  if (!name) return [{ field: 'file', message: 'The selected file has no name' }];
  return [];
}

/** What the bytes are, by their content. */
async function detectType(bytes: Uint8Array) {
  const found = await fileTypeFromBuffer(bytes);
  return found && { mediaType: found.mime, description: `a .${found.ext} file (${found.mime})` };
}

/**
 * Check a file the person sent: scan it (whatever it is), then find its type from its bytes.
 * Every fault is named at once, the other fields' with the file's, so a person corrects the
 * form in one go; a file that is missing, empty or too large is not scanned.
 */
async function checkUpload(input: UploadInput, otherFaults: FieldError[], scanner: ScannerConfig | 'generated'): Promise<CheckedFile> {
  const { maxBytes } = documentsConfig();
  const ownFaults = fileFaults(input, maxBytes);
  if (ownFaults.length) throw new ValidationError([...otherFaults, ...ownFaults]);
  const bytes = input.bytes!;
  const filename = cleanFilename(input.filename!);
  let scannedWith: string | null;
  if (scanner === 'generated') {
    // Mercia made these bytes itself (a letter rendered by pdfmake from its own data): there is
    // nothing from outside in them to scan, and a letter must not fail because clamd is down.
    scannedWith = 'not scanned (generated by Mercia)';
  } else {
    const scan = await scanBytes(bytes, scanner);
    if (!scan.clean) throw new ValidationError([...otherFaults, { field: 'file', message: `${filename} contains malware (${scan.signature}) and was not stored` }]);
    scannedWith = scan.scannedWith;
  }
  const detected = await detectType(bytes);
  const problem = typeProblem(filename, detected);
  if (problem || otherFaults.length) throw new ValidationError([...otherFaults, ...(problem ? [{ field: 'file', message: problem }] : [])]);
  return { filename: keptFilename(filename, detected!.mediaType), mediaType: detected!.mediaType, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), scannedWith };
}

function parseFields(input: UploadInput): { fields?: z.output<typeof documentFields>; faults: FieldError[] } {
  try {
    return { fields: parseInput(documentFields, { category: input.category || undefined, title: input.title ?? undefined, sensitive: input.sensitive ?? undefined }), faults: [] };
  } catch (error) {
    if (error instanceof ValidationError) return { faults: error.errors };
    throw error;
  }
}

async function createDocument(db: Db, ctx: RequestContext, record: RecordRef, fields: { category: DocumentCategory; title?: string; sensitive: boolean }, file: CheckedFile, generated: boolean): Promise<Saved> {
  const sensitive = isSensitive(fields.category, fields.sensitive);
  const title = fields.title ?? titleFromFilename(file.filename);
  return db.transaction().execute(async (tx) => {
    const id = await store.insertDocument(tx, { recordType: record.type, recordId: record.id, category: fields.category, title, sensitive, createdBy: ctx.actor.staffId });
    const version = await store.insertVersion(tx, id, { filename: file.filename, mediaType: file.mediaType, sha256: file.sha256, content: file.bytes, uploadedBy: ctx.actor.staffId, scannedWith: file.scannedWith });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'document', recordId: id, ownerId: record.ownerId,
      detail: { record: { type: record.type, id: record.id }, category: fields.category, ...named(sensitive, { title, filename: file.filename }), sensitive, version, mediaType: file.mediaType, sizeBytes: file.bytes.byteLength, sha256: file.sha256, scannedWith: file.scannedWith, ...(generated ? { generated: true } : {}) },
      records: [linked(record)],
    });
    return { id, version, filename: file.filename, mediaType: file.mediaType, sensitive, title };
  });
}

/**
 * Upload a document to a record: checked, scanned and typed before anything is written.
 * Throws ValidationError naming the field (or the file), ScannerUnavailableError when scanning
 * is on and clamd cannot answer (nothing is stored), 404/403 by the record's access.
 */
export async function uploadDocument(db: Db, ctx: RequestContext, recordType: string, recordId: string, input: UploadInput): Promise<Saved> {
  const { record } = await loadRecord(db, ctx, recordType, recordId, 'change');
  const { fields, faults } = parseFields(input);
  const file = await checkUpload(input, faults, scannerConfigFrom());
  return createDocument(db, ctx, record, fields!, file, false);
}

/** A new version of a document: the earlier versions are kept. Checked as an upload is. */
export async function addVersion(db: Db, ctx: RequestContext, documentId: string, input: Pick<UploadInput, 'filename' | 'bytes' | 'truncated'>): Promise<Saved> {
  const { document, record } = await loadDocument(db, ctx, documentId, 'change');
  const file = await checkUpload(input, [], scannerConfigFrom());
  return db.transaction().execute(async (tx) => {
    await store.lockDocument(tx, document.id);
    const version = await store.insertVersion(tx, document.id, { filename: file.filename, mediaType: file.mediaType, sha256: file.sha256, content: file.bytes, uploadedBy: ctx.actor.staffId, scannedWith: file.scannedWith });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'create', recordType: 'document', recordId: document.id, ownerId: record.ownerId,
      detail: { record: { type: record.type, id: record.id }, version, ...named(document.sensitive, { filename: file.filename }), mediaType: file.mediaType, sizeBytes: file.bytes.byteLength, sha256: file.sha256, scannedWith: file.scannedWith },
      records: [linked(record)],
    });
    return { id: document.id, version, filename: file.filename, mediaType: file.mediaType, sensitive: document.sensitive, title: document.title };
  });
}

/**
 * Keep a document Mercia generated (a letter) on a record, as the person who generated it.
 * Its type is checked from its bytes like any upload's; it is not scanned (see checkUpload).
 */
export async function saveGeneratedDocument(db: Db, ctx: RequestContext, recordType: string, recordId: string, input: { category: DocumentCategory; title: string; filename: string; bytes: Buffer; sensitive?: boolean }): Promise<Saved> {
  const { record } = await loadRecord(db, ctx, recordType, recordId, 'change');
  const { fields, faults } = parseFields({ category: input.category, title: input.title, sensitive: input.sensitive ?? false });
  const file = await checkUpload({ filename: input.filename, bytes: input.bytes }, faults, 'generated');
  return createDocument(db, ctx, record, fields!, file, true);
}
