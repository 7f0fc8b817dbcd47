// Documents' pages and API, for every casework record type in the record registry (children,
// households, enquiries, …): one set of routes per type, registered when the app starts.
//   GET  /{plural}/:id/documents            the record's documents, with the upload form
//   POST /{plural}/:id/documents            upload (multipart: file, category, title, sensitive)
//   GET  /documents/:id                     the file (?version=n for an earlier one)
//   GET  /documents/:id/versions            the document's versions, with a form for a new one
//   POST /documents/:id/versions            upload a new version (multipart: file)
//   GET  /api/v1/{plural}/:id/documents     the same as JSON;  POST: upload, 201
//   GET  /api/v1/documents/:id              the file;  POST /api/v1/documents/:id/versions
// Uploads are read into memory (a document is one bytea value), at most DOCUMENT_MAX_BYTES,
// and only once the person is known to be allowed to add to the record.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../core/access.ts';
import { ValidationError } from '../core/errors.ts';
import { formErrors, idFrom, paramsFrom, type FormErrors } from '../core/http/forms.ts';
import { isApi, sendProblem } from '../core/http/problems.ts';
import { render } from '../core/http/render.ts';
import type { AppServices } from '../core/http/types.ts';
import { scannerConfigFrom } from '../core/malware-scan.ts';
import { caseworkRecordTypes } from '../core/records.ts';
import * as staff from '../staff/service.ts';
import { documentsConfig, sizeText } from './documents-config.ts';
import { ALLOWED_TYPES, ALLOWED_TYPES_TEXT, attachmentHeader, CATEGORY_NAMES, DOCUMENT_CATEGORIES, formatUploadedAt, SENSITIVE_CATEGORIES, typeLabel } from './documents-model.ts';
import * as documents from './documents-service.ts';
import type { DocumentView } from './documents-service.ts';
import type { VersionRow } from './documents-store.ts';

/** The one file an upload request carried, as read. */
interface Upload {
  field: string;
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The file a document upload sent (documents-routes.ts). */
    documentUpload?: Upload;
  }
}

// A version is written as digits and nothing else ("1e0", "0x1" and " 1" are not versions).
const versionQuery = z.object({ version: z.string().regex(/^[1-9][0-9]{0,8}$/).transform(Number).optional() });
const ACCEPT = [...ALLOWED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)), ...ALLOWED_TYPES.map((t) => t.mediaType)].join(',');

export function documentsRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  // Settings are checked at start: a wrong one stops the service rather than every upload.
  const { maxBytes } = documentsConfig();
  scannerConfigFrom();
  const types = caseworkRecordTypes();

  // ---- reading -----------------------------------------------------------------------------

  for (const [type, casework] of types) {
    app.get(`/${casework.plural}/:id/documents`, async (request, reply) => listPage(request, reply, type, idFrom(request.params)));

    app.get(`/api/v1/${casework.plural}/:id/documents`, async (request) => {
      const { record, documents: items, permissions } = await documents.listDocuments(db, request.ctx!, type, idFrom(request.params));
      return { record: { type: record.type, id: record.id }, mayUpload: permissions.upload, documents: items.map(documentJson) };
    });
  }

  const sendFile = async (request: FastifyRequest, reply: FastifyReply) => {
    const { version } = paramsFrom(versionQuery, request.query);
    const file = await documents.documentFile(db, request.ctx!, idFrom(request.params), version);
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', attachmentHeader(file.filename))
      .header('content-length', file.bytes.byteLength)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      // Should a browser ever render it, it runs nothing and reaches nothing.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-document-version', String(file.version))
      .header('x-document-sha256', file.sha256)
      .send(file.bytes);
  };
  app.get('/documents/:id', sendFile);
  app.get('/api/v1/documents/:id', sendFile);

  app.get('/documents/:id/versions', async (request, reply) => versionsPage(request, reply, idFrom(request.params)));

  // ---- uploads -----------------------------------------------------------------------------

  void app.register(async (scope) => {
    // Who may upload is settled before a byte of the file is read: the person is known (by
    // session or token), and may add to this record or document.
    scope.addHook('onRequest', async (request, reply) => {
      const ctx = await whoIsAsking(request);
      if (!ctx) {
        if (isApi(request)) return sendProblem(reply, 401, 'Sign in, or send an API token as Authorization: Bearer <token>');
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      }
      const target = uploadTarget(request);
      if (target.documentId) await documents.assertMayAddVersion(db, ctx, target.documentId);
      else await documents.assertMayUpload(db, ctx, target.recordType!, target.recordId!);
      if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
        const message = 'Send the document as multipart/form-data, with the file in the field "file"';
        if (isApi(request)) return sendProblem(reply, 415, message);
        return reply.code(415).type('text/plain; charset=utf-8').send(message);
      }
    });
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // A file over the limit is cut off, not an error: the service names it in the form's errors.
      throwFileSizeLimit: false,
      limits: { fileSize: maxBytes, files: 1, fields: 8, parts: 10, fieldSize: 4096 },
      onFile: async function (this: FastifyRequest, part: MultipartFile) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        this.documentUpload = { field: part.fieldname, filename: part.filename, bytes: Buffer.concat(chunks), truncated: part.file.truncated };
        // The body holds the name, never the bytes (the input guard reads every field).
        (part as unknown as { value: string }).value = part.filename;
      },
    });

    for (const [type, casework] of types) {
      scope.post(`/${casework.plural}/:id/documents`, { config: { documentTarget: { recordType: type } } }, async (request, reply) => {
        const id = idFrom(request.params);
        const body = (request.body ?? {}) as Record<string, unknown>;
        try {
          const saved = await documents.uploadDocument(db, request.ctx!, type, id, { ...fieldsOf(body), ...fileOf(request) });
          request.session.flash = `${saved.title} was uploaded${saved.sensitive ? '. It is sensitive: only people who may see sensitive information can open it' : ''}`;
          return reply.redirect(`/${casework.plural}/${id}/documents`, 303);
        } catch (error) {
          const refusal = uploadRefusal(error);
          if (!refusal) throw error;
          reply.code(refusal.status);
          return listPage(request, reply, type, id, { errors: refusal.errors, values: body });
        }
      });

      scope.post(`/api/v1/${casework.plural}/:id/documents`, { config: { documentTarget: { recordType: type } } }, async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        try {
          const saved = await documents.uploadDocument(db, request.ctx!, type, idFrom(request.params), { ...fieldsOf(body), ...fileOf(request) });
          return reply.code(201).header('location', `/api/v1/documents/${saved.id}`).send({ ...saved, href: `/api/v1/documents/${saved.id}` });
        } catch (error) {
          return apiRefusal(reply, error);
        }
      });
    }

    scope.post('/documents/:id/versions', { config: { documentTarget: { version: true } } }, async (request, reply) => {
      const id = idFrom(request.params);
      try {
        const saved = await documents.addVersion(db, request.ctx!, id, fileOf(request));
        request.session.flash = `Version ${saved.version} of ${saved.title} was uploaded`;
        return reply.redirect(`/documents/${id}/versions`, 303);
      } catch (error) {
        const refusal = uploadRefusal(error);
        if (!refusal) throw error;
        reply.code(refusal.status);
        return versionsPage(request, reply, id, { errors: refusal.errors });
      }
    });

    scope.post('/api/v1/documents/:id/versions', { config: { documentTarget: { version: true } } }, async (request, reply) => {
      try {
        const saved = await documents.addVersion(db, request.ctx!, idFrom(request.params), fileOf(request));
        return reply.code(201).header('location', `/api/v1/documents/${saved.id}?version=${saved.version}`).send({ ...saved, href: `/api/v1/documents/${saved.id}?version=${saved.version}` });
      } catch (error) {
        return apiRefusal(reply, error);
      }
    });
  });

  // ---- helpers -----------------------------------------------------------------------------

  async function whoIsAsking(request: FastifyRequest): Promise<RequestContext | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && isApi(request)) return staff.contextByToken(db, bearer, services.today());
    const staffId = request.session?.staffId;
    return staffId ? staff.contextById(db, staffId, services.today()) : undefined;
  }

  function uploadTarget(request: FastifyRequest): { recordType?: string; recordId?: string; documentId?: string } {
    const target = request.routeOptions.config.documentTarget;
    const id = idFrom(request.params);
    return target?.version ? { documentId: id } : { recordType: target?.recordType, recordId: id };
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, type: string, id: string, form: { errors?: FormErrors; values?: Record<string, unknown> } = {}) {
    const { record, documents: items, permissions } = await documents.listDocuments(db, request.ctx!, type, id);
    const values = form.values ?? {};
    return render(request, reply, 'casework/views/documents.njk', {
      title: `Documents: ${record.label}`, record, permissions, documents: items.map(documentPage), errors: form.errors, values,
      action: `/${record.plural}/${record.id}/documents`, backLink: record.path, maxSize: sizeText(maxBytes), allowedTypes: ALLOWED_TYPES_TEXT, accept: ACCEPT,
      categoryItems: [{ value: '', text: 'Select a category' }, ...DOCUMENT_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_NAMES[c], selected: values.category === c }))],
      sensitiveCategories: SENSITIVE_CATEGORIES.map((c) => CATEGORY_NAMES[c]),
    });
  }

  async function versionsPage(request: FastifyRequest, reply: FastifyReply, id: string, form: { errors?: FormErrors } = {}) {
    const { record, document, permissions } = await documents.documentVersions(db, request.ctx!, id);
    return render(request, reply, 'casework/views/documents-versions.njk', {
      title: `Versions of ${document.title}`, record, document: documentPage(document), permissions, errors: form.errors,
      action: `/documents/${document.id}/versions`, backLink: `/${record.plural}/${record.id}/documents`, maxSize: sizeText(maxBytes), allowedTypes: ALLOWED_TYPES_TEXT, accept: ACCEPT,
    });
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** For an upload route: what the upload adds to (a record of this type, or a version of a document). */
    documentTarget?: { recordType?: string; version?: boolean };
  }
}

function fieldsOf(body: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.find((x) => typeof x === 'string') : undefined);
  return { category: text(body.category), title: text(body.title), sensitive: text(body.sensitive) };
}

function fileOf(request: FastifyRequest) {
  const upload = request.documentUpload;
  if (!upload || upload.field !== 'file') return {};
  return { filename: upload.filename, bytes: upload.bytes, truncated: upload.truncated };
}

/** A refusal an upload form shows beside its fields, with its status. */
function uploadRefusal(error: unknown): { status: number; errors: FormErrors } | undefined {
  if (error instanceof ValidationError) return { status: 422, errors: formErrors(error.errors) };
  if (error instanceof documents.ScannerUnavailableError) {
    return { status: 503, errors: formErrors([{ field: 'file', message: `The file was not stored: it cannot be checked for malware just now. Try again later, and tell your administrator if this goes on (${error.message})` }]) };
  }
  return undefined;
}

function apiRefusal(reply: FastifyReply, error: unknown) {
  if (error instanceof ValidationError) return sendProblem(reply, 422, error.message, error.errors);
  if (error instanceof documents.ScannerUnavailableError) return sendProblem(reply, 503, `The file was not stored: it cannot be checked for malware just now (${error.message})`);
  throw error;
}

function versionJson(documentId: string, v: VersionRow) {
  return {
    version: v.version, filename: v.filename, mediaType: v.mediaType, sizeBytes: v.sizeBytes, sha256: v.sha256,
    uploadedAt: v.uploadedAt.toISOString(), uploadedBy: v.uploadedByName, scannedWith: v.scannedWith,
    href: `/api/v1/documents/${documentId}?version=${v.version}`,
  };
}

function documentJson(d: DocumentView) {
  return {
    id: d.id, category: d.category, title: d.title, sensitive: d.sensitive, createdAt: d.createdAt.toISOString(),
    latest: versionJson(d.id, d.latest), versions: d.versions.map((v) => versionJson(d.id, v)), href: `/api/v1/documents/${d.id}`,
  };
}

function versionPage(documentId: string, v: VersionRow) {
  return {
    ...v, type: typeLabel(v.mediaType), size: sizeText(v.sizeBytes), uploadedAtText: formatUploadedAt(v.uploadedAt),
    href: `/documents/${documentId}?version=${v.version}`,
  };
}

function documentPage(d: DocumentView) {
  return { ...d, latest: versionPage(d.id, d.latest), versions: d.versions.map((v) => versionPage(d.id, v)), href: `/documents/${d.id}`, versionsHref: `/documents/${d.id}/versions` };
}

