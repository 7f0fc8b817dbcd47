// Letters generated from templates held as data (letters.ts): filled from the record and the
// person's own entries, made into a PDF, and kept on the record as a document. Who may make one
// is who may add to the record (its area's policy, through the registry).
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, ValidationError } from '../core/errors.ts';
import { caseworkRecord, type RecordAccess } from '../core/records.ts';
import { saveGeneratedDocument } from './documents-service.ts';
import { fillLetter, LETTER_TEMPLATES, type LetterTemplate } from './letters.ts';
import { renderPdf } from './pdf.ts';
import { recordAccess } from './service.ts';

/**
 * The letters the person may make for the record. A letter marked OFFICIAL-SENSITIVE (a decision
 * and its reasons) is kept as a sensitive document, so only those who may see the record's
 * sensitive documents make one: no one makes a letter they could not read back.
 */
function lettersFor(recordType: string, record: RecordAccess): LetterTemplate[] {
  return LETTER_TEMPLATES.filter((t) => t.appliesTo === recordType && (t.marking !== 'OFFICIAL-SENSITIVE' || record.viewSensitive));
}

function templateFor(recordType: string, record: RecordAccess, templateId: unknown): LetterTemplate {
  const template = LETTER_TEMPLATES.find((t) => t.id === templateId && t.appliesTo === recordType);
  if (!template) throw ValidationError.of('template', 'Select a letter');
  if (!lettersFor(recordType, record).includes(template)) throw new ForbiddenError('Only those who may see this record\'s sensitive documents can make this letter');
  return template;
}

/** The letters this record can have, and (once one is chosen) its fields filled from the record. */
export async function letterForm(db: Db, ctx: RequestContext, recordType: string, recordId: string, templateId?: string) {
  const record = await recordAccess(db, ctx, recordType, recordId, 'change');
  const templates = lettersFor(recordType, record);
  const template = templateId ? templateFor(recordType, record, templateId) : undefined;
  const known = template ? (await caseworkRecord(recordType)?.letterFields?.(db, recordId, { templateId: template.id, today: ctx.facts.today })) ?? {} : {};
  return { record, templates, template, values: known };
}

/** Make the letter and keep it on the record; answers the document it became. */
export async function generateLetter(db: Db, ctx: RequestContext, recordType: string, recordId: string, templateId: unknown, fields: Record<string, string | undefined>) {
  const record = await recordAccess(db, ctx, recordType, recordId, 'change');
  const template = templateFor(recordType, record, templateId);
  const bytes = await renderPdf(fillLetter(template.id, fields, ctx.facts.today));
  return saveGeneratedDocument(db, ctx, recordType, recordId, {
    category: 'letter', title: template.title, filename: `${template.id}-${ctx.facts.today}.pdf`, bytes, sensitive: template.marking === 'OFFICIAL-SENSITIVE',
  });
}
