// Documents: their categories, which are sensitive, the file types Mercia keeps, and the pure
// rules about a file's name. What a file is comes from its bytes (documents-service.ts asks
// file-type), never from its name or the Content-Type a client sent.

export const DOCUMENT_CATEGORIES = ['cpr', 'par', 'medical', 'legal', 'letter', 'panel-paper', 'other'] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<DocumentCategory, string> = {
  cpr: 'Child permanence report (CPR)',
  par: 'Prospective adopter\'s report (PAR)',
  medical: 'Medical',
  legal: 'Legal',
  letter: 'Letter',
  'panel-paper': 'Panel paper',
  other: 'Other',
};

/** Categories whose documents are always sensitive: only those who may see what is sensitive see them. */
export const SENSITIVE_CATEGORIES: readonly DocumentCategory[] = ['medical', 'legal'];

/** Whether a document is sensitive: by its category, or marked so. */
export function isSensitive(category: DocumentCategory, marked: boolean): boolean {
  return marked || SENSITIVE_CATEGORIES.includes(category);
}

export interface AllowedType {
  mediaType: string;
  /** As people name it: "a PDF". */
  name: string;
  /** File name extensions that may claim it; the first is added to a name without one. */
  extensions: readonly string[];
}

export const ALLOWED_TYPES: readonly AllowedType[] = [
  { mediaType: 'application/pdf', name: 'a PDF', extensions: ['pdf'] },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'a Word document (DOCX)', extensions: ['docx'] },
  { mediaType: 'application/vnd.oasis.opendocument.text', name: 'an OpenDocument text (ODT)', extensions: ['odt'] },
  { mediaType: 'image/jpeg', name: 'a JPEG image', extensions: ['jpg', 'jpeg'] },
  { mediaType: 'image/png', name: 'a PNG image', extensions: ['png'] },
];

export const ALLOWED_TYPES_TEXT = 'PDF, DOCX, ODT, JPEG or PNG';

export function allowedType(mediaType: string | undefined): AllowedType | undefined {
  return ALLOWED_TYPES.find((t) => t.mediaType === mediaType);
}

/** The extension a name claims ("report.PDF" → "pdf"), if it has one. */
export function claimedExtension(filename: string): string | undefined {
  return /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
}

/**
 * A name as it is kept: the last part of any path a browser sent, without control characters,
 * at most 255 characters (keeping the extension). Empty when nothing is left.
 */
export function cleanFilename(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if (base.length <= 255) return base;
  const ext = claimedExtension(base);
  return ext ? `${base.slice(0, 254 - ext.length)}.${ext}` : base.slice(0, 255);
}

/**
 * Why a file of this detected type may not be kept under this name, or undefined when it may.
 * A name that claims a type must be right about it; a name with no extension is given one.
 */
export function typeProblem(filename: string, detected: { mediaType: string; description: string } | undefined): string | undefined {
  const type = allowedType(detected?.mediaType);
  if (!type) {
    const what = detected ? `is ${detected.description}` : 'is not a type Mercia can recognise';
    return `${filename} ${what}: the file must be a ${ALLOWED_TYPES_TEXT}`;
  }
  const claimed = claimedExtension(filename);
  if (claimed && !type.extensions.includes(claimed)) {
    return `${filename} is named as a .${claimed} file but its content is ${type.name}: choose the right file, or rename it with .${type.extensions[0]}`;
  }
  return undefined;
}

/** The name a file is kept and downloaded under: with its type's extension when it had none. */
export function keptFilename(filename: string, mediaType: string): string {
  const type = allowedType(mediaType);
  if (!type || claimedExtension(filename)) return filename;
  return cleanFilename(`${filename}.${type.extensions[0]}`);
}

/** A title from the file's name, when none was given: "Later life letter.pdf" → "Later life letter". */
export function titleFromFilename(filename: string): string {
  const stem = filename.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim();
  return (stem || filename).slice(0, 200);
}

/** A Content-Disposition header that names the file safely in every browser (RFC 6266, RFC 5987). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The short name of a kept type, for lists: "PDF", "DOCX". */
export function typeLabel(mediaType: string): string {
  return { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/vnd.oasis.opendocument.text': 'ODT' }[mediaType]
    ?? (mediaType.includes('wordprocessingml') ? 'DOCX' : mediaType);
}

const ENGLAND_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** "1 December 2026 at 9:05am", in England's time. */
export function formatUploadedAt(at: Date): string {
  const p = Object.fromEntries(ENGLAND_TIME.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute}${String(p.dayPeriod ?? '').toLowerCase().replace(/\s/g, '')}`;
}
