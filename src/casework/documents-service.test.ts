// Documents through the service, the real store (PGlite, or PostgreSQL with TEST_DATABASE_URL)
// and a real clamd (started by the test setup with an EICAR signature).
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { ScannerUnavailableError } from '../core/malware-scan.ts';
import { eicar } from '../core/testing/clamav.ts';
import { contextOf } from '../core/testing/context.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import * as children from '../children/service.ts';
import { docx, jpeg, odt, pdf, png, zip } from './documents-fixtures.ts';
import * as documents from './documents-service.ts';
import { testScannerSocket } from '../core/testing/scanner.ts';

let handle: DatabaseHandle;
let childId: string;
const saved = { ...process.env };

const ctxFor = (email: string) => contextOf(handle.db, email);
const HEREFORDSHIRE_SW = 'social-worker@herefordshire.example';

async function count(table: 'document' | 'document_version') {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(handle.db);
  return rows[0]!.n;
}

/** The error a call rejects with. */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected the call to be refused');
  return error;
}

beforeAll(async () => {
  testScannerSocket();
  handle = await openTestDatabase({ demo: true });
  const ctx = await ctxFor(HEREFORDSHIRE_SW);
  childId = await children.create(handle.db, ctx, { firstName: 'Dora', lastName: 'Doctest', dateOfBirth: '2021-05-02', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2023-09-01' });
});
afterAll(() => handle?.close());
afterEach(() => {
  for (const key of ['CLAMD_SOCKET', 'MALWARE_SCANNING', 'DOCUMENT_MAX_BYTES']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('uploading, listing and downloading', () => {
  it('keeps a PDF on a child for a Herefordshire social worker, lists it and gives back the same bytes, auditing each', async () => {
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    const bytes = pdf('Dora\'s CPR');
    const up = await documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'cpr', title: 'CPR for panel', filename: 'C:\\Users\\sw\\Dora CPR.pdf', bytes });
    expect(up).toMatchObject({ version: 1, filename: 'Dora CPR.pdf', mediaType: 'application/pdf', sensitive: false, title: 'CPR for panel' });

    const list = await documents.listDocuments(handle.db, ctx, 'child', childId);
    expect(list.record).toMatchObject({ type: 'child', id: childId, label: 'Dora Doctest', path: `/children/${childId}` });
    expect(list.permissions).toEqual({ upload: true, viewSensitive: true });
    const doc = list.documents.find((d) => d.id === up.id)!;
    expect(doc).toMatchObject({ category: 'cpr', title: 'CPR for panel', latest: { version: 1, sizeBytes: bytes.length, uploadedByName: expect.any(String) } });
    expect(doc.latest.scannedWith).toMatch(/^ClamAV /);

    const file = await documents.documentFile(handle.db, ctx, up.id);
    expect(file).toMatchObject({ filename: 'Dora CPR.pdf', mediaType: 'application/pdf', version: 1 });
    expect(Buffer.compare(file.bytes, bytes)).toBe(0);

    const events = await handle.db.selectFrom('audit_event').select(['action', 'record_id', 'owner_id', 'id'])
      .where('record_type', '=', 'document').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'view', 'export']);
    const links = await handle.db.withTables<{ audit_event_link: { event_id: number; record_type: string; record_id: string } }>()
      .selectFrom('audit_event_link').select(['event_id', 'record_type', 'record_id']).where('record_type', '=', 'child').where('record_id', '=', childId).execute();
    for (const e of events) expect(links.some((l) => l.event_id === e.id), `${e.action} is linked to the child`).toBe(true);
  });

  it('keeps DOCX, ODT, JPEG and PNG, typed by their content, and names a file without an extension by its type', async () => {
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    const cases = [
      { filename: 'letter.docx', bytes: docx(), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { filename: 'minutes.odt', bytes: odt(), mediaType: 'application/vnd.oasis.opendocument.text' },
      { filename: 'photo.JPEG', bytes: jpeg(), mediaType: 'image/jpeg' },
      { filename: 'scan', bytes: png(), mediaType: 'image/png', kept: 'scan.png' },
    ];
    for (const c of cases) {
      const up = await documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'other', filename: c.filename, bytes: c.bytes });
      expect(up, c.filename).toMatchObject({ mediaType: c.mediaType, filename: c.kept ?? c.filename, title: (c.kept ?? c.filename).replace(/\.\w+$/, '') });
    }
  });

  it('is exactly as visible as the child: a Shropshire social worker finds no child and no document', async () => {
    const own = await ctxFor(HEREFORDSHIRE_SW);
    const up = await documents.uploadDocument(handle.db, own, 'child', childId, { category: 'letter', filename: 'letter.pdf', bytes: pdf() });
    const other = await ctxFor('social-worker@shropshire.example');
    const before = await count('document');
    expect(await refusal(documents.listDocuments(handle.db, other, 'child', childId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(documents.documentFile(handle.db, other, up.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(documents.uploadDocument(handle.db, other, 'child', childId, { category: 'letter', filename: 'x.pdf', bytes: pdf() }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(documents.addVersion(handle.db, other, up.id, { filename: 'x.pdf', bytes: pdf() }))).toBeInstanceOf(NotFoundError);
    // An unknown record type, a malformed id and a missing document are missing too.
    expect(await refusal(documents.listDocuments(handle.db, own, 'spaceship', childId))).toBeInstanceOf(NotFoundError);
    expect(await refusal(documents.listDocuments(handle.db, own, 'child', 'not-a-uuid'))).toBeInstanceOf(NotFoundError);
    expect(await refusal(documents.documentFile(handle.db, own, '00000000-0000-4000-8000-000000000000'))).toBeInstanceOf(NotFoundError);
    expect(await count('document')).toBe(before);
  });

  it('lets a panel adviser, who may see the child, list its documents but not add one (403)', async () => {
    const adviser = await ctxFor('panel-adviser@herefordshire.example');
    const list = await documents.listDocuments(handle.db, adviser, 'child', childId);
    expect(list.permissions.upload).toBe(false);
    expect(list.documents.length).toBeGreaterThan(0);
    expect(await refusal(documents.uploadDocument(handle.db, adviser, 'child', childId, { category: 'other', filename: 'x.pdf', bytes: pdf() }))).toBeInstanceOf(ForbiddenError);
  });
});

describe('what is refused, naming the field or the file, and storing nothing', () => {
  async function refusedWith(input: documents.UploadInput): Promise<ValidationError> {
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    const before = [await count('document'), await count('document_version')];
    const error = await refusal(documents.uploadDocument(handle.db, ctx, 'child', childId, input));
    expect(error).toBeInstanceOf(ValidationError);
    expect([await count('document'), await count('document_version')]).toEqual(before);
    return error as ValidationError;
  }

  it('refuses the EICAR test file as malware, alone or inside a PDF', async () => {
    const alone = await refusedWith({ category: 'other', filename: 'eicar.com', bytes: eicar() });
    expect(alone.errors).toEqual([{ field: 'file', message: 'eicar.com contains malware (Eicar-Signature) and was not stored' }]);
    const inside = await refusedWith({ category: 'cpr', filename: 'cpr.pdf', bytes: Buffer.concat([pdf(), eicar()]) });
    expect(inside.errors).toEqual([{ field: 'file', message: 'cpr.pdf contains malware (Eicar-Signature) and was not stored' }]);
  });

  it('refuses a file whose content is not an allowed type, or not the type its name claims', async () => {
    expect((await refusedWith({ category: 'other', filename: 'notes.pdf', bytes: Buffer.from('just some text') })).errors[0]).toEqual({
      field: 'file', message: 'notes.pdf is not a type Mercia can recognise: the file must be a PDF, DOCX, ODT, JPEG or PNG',
    });
    expect((await refusedWith({ category: 'other', filename: 'report.docx', bytes: zip([{ name: 'report.txt', content: 'hello' }]) })).errors[0]!.message)
      .toBe('report.docx is a .zip file (application/zip): the file must be a PDF, DOCX, ODT, JPEG or PNG');
    expect((await refusedWith({ category: 'other', filename: 'scan.pdf', bytes: png() })).errors[0]!.message)
      .toBe('scan.pdf is named as a .pdf file but its content is a PNG image: choose the right file, or rename it with .png');
    expect((await refusedWith({ category: 'other', filename: 'minutes.docx', bytes: odt() })).errors[0]!.message).toContain('its content is an OpenDocument text (ODT)');
  });

  it('refuses an empty file, no file, a file over DOCUMENT_MAX_BYTES and a missing category', async () => {
    expect((await refusedWith({ category: 'other', filename: 'empty.pdf', bytes: Buffer.alloc(0) })).errors).toEqual([{ field: 'file', message: 'empty.pdf is empty' }]);
    expect((await refusedWith({ category: 'other' })).errors).toEqual([{ field: 'file', message: 'Select a file to upload' }]);
    process.env.DOCUMENT_MAX_BYTES = '2048';
    expect((await refusedWith({ category: 'other', filename: 'big.pdf', bytes: pdf('big', 2049) })).errors).toEqual([{ field: 'file', message: 'big.pdf is larger than 2 KB: the file must be 2 KB or smaller' }]);
    delete process.env.DOCUMENT_MAX_BYTES;
    expect((await refusedWith({ filename: 'a.pdf', bytes: pdf() })).errors).toEqual([{ field: 'category', message: 'Select the document\'s category' }]);
    // Every field at once, before anything is scanned.
    const both = await refusedWith({ category: 'recipe', title: 'x'.repeat(201), sensitive: 'maybe', filename: 'e.pdf', bytes: Buffer.alloc(0) });
    expect(both.errors.map((e) => e.field).sort()).toEqual(['category', 'file', 'sensitive', 'title']);
  });

  it('refuses every upload when the scanner cannot be reached, unless scanning is turned off', async () => {
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    process.env.CLAMD_SOCKET = '/nonexistent/clamd.sock';
    const before = await count('document');
    const error = await refusal(documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'other', filename: 'a.pdf', bytes: pdf() }));
    expect(error).toBeInstanceOf(ScannerUnavailableError);
    expect(error.message).toContain('/nonexistent/clamd.sock');
    expect(await count('document')).toBe(before);

    process.env.MALWARE_SCANNING = 'off';
    const up = await documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'other', filename: 'a.pdf', bytes: pdf() });
    const list = await documents.listDocuments(handle.db, ctx, 'child', childId);
    expect(list.documents.find((d) => d.id === up.id)!.latest.scannedWith).toBe('not scanned (MALWARE_SCANNING=off)');
    // Only "on" and "off" are understood: anything else fails closed with the variable named.
    process.env.MALWARE_SCANNING = 'of';
    expect((await refusal(documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'other', filename: 'a.pdf', bytes: pdf() }))).message).toContain('MALWARE_SCANNING');
  });
});

describe('versions', () => {
  it('adds versions beside the earlier ones: the list shows the latest with its history, and each can be downloaded', async () => {
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    const first = pdf('PAR draft');
    const up = await documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'par', filename: 'par.pdf', bytes: first });
    await documents.addVersion(handle.db, ctx, up.id, { filename: 'par v2.pdf', bytes: pdf('PAR second draft') });
    const third = await documents.addVersion(handle.db, ctx, up.id, { filename: 'par final.docx', bytes: docx() });
    expect(third).toMatchObject({ id: up.id, version: 3, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });

    const doc = (await documents.listDocuments(handle.db, ctx, 'child', childId)).documents.find((d) => d.id === up.id)!;
    expect(doc.latest).toMatchObject({ version: 3, filename: 'par final.docx' });
    expect(doc.versions.map((v) => [v.version, v.filename])).toEqual([[3, 'par final.docx'], [2, 'par v2.pdf'], [1, 'par.pdf']]);
    expect(Buffer.compare((await documents.documentFile(handle.db, ctx, up.id, 1)).bytes, first)).toBe(0);
    expect((await documents.documentFile(handle.db, ctx, up.id)).version).toBe(3);
    expect(await refusal(documents.documentFile(handle.db, ctx, up.id, 4))).toBeInstanceOf(NotFoundError);

    // A new version is checked as an upload is.
    const bad = await refusal(documents.addVersion(handle.db, ctx, up.id, { filename: 'eicar.pdf', bytes: eicar() }));
    expect((bad as ValidationError).errors[0]!.message).toBe('eicar.pdf contains malware (Eicar-Signature) and was not stored');
    expect((await documents.listDocuments(handle.db, ctx, 'child', childId)).documents.find((d) => d.id === up.id)!.versions).toHaveLength(3);
  });

  it('never deletes a document and never changes a version (the database refuses)', async () => {
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    const up = await documents.uploadDocument(handle.db, ctx, 'child', childId, { category: 'other', filename: 'kept.pdf', bytes: pdf() });
    await expect(sql`delete from document where id = ${up.id}`.execute(handle.db)).rejects.toThrow(/kept as written/);
    await expect(sql`update document_version set filename = 'x.pdf' where document_id = ${up.id}`.execute(handle.db)).rejects.toThrow(/kept as written/);
    await expect(sql`delete from document_version where document_id = ${up.id}`.execute(handle.db)).rejects.toThrow(/kept as written/);
    await expect(sql`truncate document_version`.execute(handle.db)).rejects.toThrow(/kept as written/);
  });
});

describe('sensitive documents', () => {
  it('hides medical and legal documents, and any marked sensitive, from those who may not see what is sensitive', async () => {
    const sw = await ctxFor(HEREFORDSHIRE_SW);
    const medical = await documents.uploadDocument(handle.db, sw, 'child', childId, { category: 'medical', filename: 'health assessment.pdf', bytes: pdf() });
    const marked = await documents.uploadDocument(handle.db, sw, 'child', childId, { category: 'letter', sensitive: 'true', filename: 'birth parent letter.pdf', bytes: pdf() });
    const plain = await documents.uploadDocument(handle.db, sw, 'child', childId, { category: 'letter', filename: 'plain letter.pdf', bytes: pdf() });
    expect([medical.sensitive, marked.sensitive, plain.sensitive]).toEqual([true, true, false]);

    // A decision maker may see the child and add documents, but not see what is sensitive.
    const adm = await ctxFor('decision-maker@herefordshire.example');
    const list = await documents.listDocuments(handle.db, adm, 'child', childId);
    expect(list.permissions).toEqual({ upload: true, viewSensitive: false });
    const ids = list.documents.map((d) => d.id);
    expect(ids).toContain(plain.id);
    expect(ids).not.toContain(medical.id);
    expect(ids).not.toContain(marked.id);
    expect(await refusal(documents.documentFile(handle.db, adm, medical.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(documents.addVersion(handle.db, adm, marked.id, { filename: 'x.pdf', bytes: pdf() }))).toBeInstanceOf(NotFoundError);
    expect((await documents.documentFile(handle.db, adm, plain.id)).filename).toBe('plain letter.pdf');

    const all = (await documents.listDocuments(handle.db, sw, 'child', childId)).documents.map((d) => d.id);
    expect(all).toEqual(expect.arrayContaining([medical.id, marked.id, plain.id]));
  });
});

describe('generated documents', () => {
  it('keeps a PDF Mercia generated, typed by its content and recorded as not scanned, and refuses anything else', async () => {
    process.env.CLAMD_SOCKET = '/nonexistent/clamd.sock'; // a letter does not wait on the scanner
    const ctx = await ctxFor(HEREFORDSHIRE_SW);
    const saved1 = await documents.saveGeneratedDocument(handle.db, ctx, 'child', childId, { category: 'letter', title: 'Letter to carers', filename: 'letter-to-carers.pdf', bytes: pdf('Dear carers') });
    expect(saved1).toMatchObject({ version: 1, mediaType: 'application/pdf', title: 'Letter to carers', sensitive: false });
    const doc = (await documents.listDocuments(handle.db, ctx, 'child', childId)).documents.find((d) => d.id === saved1.id)!;
    expect(doc.latest.scannedWith).toBe('not scanned (generated by Mercia)');
    const error = await refusal(documents.saveGeneratedDocument(handle.db, ctx, 'child', childId, { category: 'letter', title: 'Broken', filename: 'broken.pdf', bytes: Buffer.from('<html>') }));
    expect(error).toBeInstanceOf(ValidationError);
  });
});
