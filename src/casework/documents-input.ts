// What a person sends with a document: its category, a title and whether it is sensitive.
// The file itself is checked in the service (its bytes, its type, the scan).
import { z } from 'zod';
import { DOCUMENT_CATEGORIES } from './documents-model.ts';

/** A checkbox or a JSON/multipart flag: "true", "on", "yes" or "1" is set; absent or "false" is not. */
const flag = z.union([z.boolean(), z.string()]).optional().transform((v, ctx) => {
  if (v === undefined || v === false || v === '' || v === 'false' || v === 'no' || v === '0') return false;
  if (v === true || v === 'true' || v === 'on' || v === 'yes' || v === '1') return true;
  ctx.addIssue({ code: 'custom', message: 'Sensitive must be true or false' });
  return z.NEVER;
});

export const documentFields = z.object({
  category: z.enum(DOCUMENT_CATEGORIES, { error: 'Select the document\'s category' }),
  title: z.string({ error: 'Enter a title' }).trim().max(200, { error: 'The title must be 200 characters or fewer' }).optional()
    .transform((t) => (t ? t : undefined)),
  sensitive: flag,
});
export type DocumentFields = z.output<typeof documentFields>;
