// Documents read as adoption panel papers. The panel area decides who may read a meeting's
// papers (its members, until the day set; panel/policy.ts) and which documents are papers (the
// panel adviser chose them from the records' documents they could see): these functions only
// read what it asks for and audit each reading, linked to the document's record and the meeting.
// They decide no access of their own, so nothing but the panel service calls them.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { NotFoundError } from '../core/errors.ts';
import { ownerOfRecord } from '../core/records.ts';
import { CATEGORY_NAMES } from './documents-model.ts';
import * as store from './documents-store.ts';

export interface PaperSummary {
  id: string;
  recordType: string;
  recordId: string;
  title: string;
  categoryName: string;
  sensitive: boolean;
  /** The latest version's. */
  filename: string;
  mediaType: string;
  sizeBytes: number;
}

/** The documents' titles and latest versions, for a meeting's list of papers (in the order given). */
export async function paperSummaries(db: Db, documentIds: readonly string[]): Promise<PaperSummary[]> {
  const documents = (await Promise.all([...new Set(documentIds)].map((id) => store.findDocument(db, id)))).filter((d) => d !== undefined);
  const versions = await store.versionsOf(db, documents.map((d) => d.id));
  return documents.flatMap((d) => {
    const latest = versions.find((v) => v.documentId === d.id);
    return latest ? [{ id: d.id, recordType: d.recordType, recordId: d.recordId, title: d.title, categoryName: CATEGORY_NAMES[d.category], sensitive: d.sensitive, filename: latest.filename, mediaType: latest.mediaType, sizeBytes: latest.sizeBytes }] : [];
  });
}

/**
 * A paper's latest version, for a member of the meeting, audited as an export of the document
 * (its title and file name left out when it is sensitive, as documentFile does) linked to its
 * record and to the meeting.
 */
export async function paperFile(db: Db, ctx: RequestContext, documentId: string, meeting: { id: string; ownerId: string }) {
  const document = await store.findDocument(db, documentId);
  const file = document && await store.versionContent(db, document.id);
  if (!document || !file) throw new NotFoundError('Paper');
  const ownerId = (await ownerOfRecord(db, document.recordType, document.recordId)) ?? null;
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'export', recordType: 'document', recordId: document.id, ownerId,
    detail: { panelPaper: { meeting: meeting.id }, version: file.version, ...(document.sensitive ? {} : { filename: file.filename }), sha256: file.sha256, sizeBytes: file.sizeBytes },
    records: [{ type: document.recordType, id: document.recordId, ownerId }, { type: 'panel-meeting', id: meeting.id, ownerId: meeting.ownerId }],
  });
  return { documentId: document.id, version: file.version, filename: file.filename, mediaType: file.mediaType, sizeBytes: file.sizeBytes, bytes: file.content };
}
