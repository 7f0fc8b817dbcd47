// Documents' settings from the environment, checked. Kept here until core/config.ts takes
// them (as `documentMaxBytes` in Config, read by loadConfig with its other settings).
//   DOCUMENT_MAX_BYTES  the largest file accepted, in bytes (default 25 MB = 26214400)

export const DEFAULT_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;
/** A document is one bytea value: PostgreSQL's limit is 1 GB, and a request holds it in memory. */
const LIMIT = 512 * 1024 * 1024;

export interface DocumentsConfig {
  maxBytes: number;
}

/** Throws naming the variable when it is not a whole number of bytes from 1 to 512 MB. */
export function documentsConfig(env: NodeJS.ProcessEnv = process.env): DocumentsConfig {
  const raw = env.DOCUMENT_MAX_BYTES?.trim();
  if (!raw) return { maxBytes: DEFAULT_DOCUMENT_MAX_BYTES };
  const maxBytes = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > LIMIT) {
    throw new Error(`DOCUMENT_MAX_BYTES must be a whole number of bytes from 1 to ${LIMIT} (it is "${env.DOCUMENT_MAX_BYTES}")`);
  }
  return { maxBytes };
}

/** "25 MB", "500 KB", "12 bytes": the limit as people read it. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
