// Helpers for GOV.UK forms: field errors in the components' shape, date inputs, and the
// post/redirect/get pattern.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../core/errors.ts';

export interface FormErrors {
  /** For govukErrorSummary's errorList. */
  summary: { text: string; href: string }[];
  /** field → message, for each component's errorMessage. */
  fields: Record<string, { text: string }>;
}

/** Field errors in the shape GOV.UK components take. Date inputs link to their day box. */
export function formErrors(errors: FieldError[], dateFields: readonly string[] = []): FormErrors {
  const fields: Record<string, { text: string }> = {};
  const summary: FormErrors['summary'] = [];
  for (const e of errors) {
    if (fields[e.field]) continue;
    fields[e.field] = { text: e.message };
    summary.push({ text: e.message, href: `#${e.field}${dateFields.includes(e.field) ? '-day' : ''}` });
  }
  return { summary, fields };
}

/** Join a GOV.UK date input's day, month and year into `YYYY-MM-DD` (left malformed for validation to name). */
export function dateFromParts(body: Record<string, unknown>, field: string): string | undefined {
  const part = (name: string) => String(body[`${field}-${name}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Run a change; on success flash and redirect (post/redirect/get), on bad input re-show the form. */
export async function saveOr(request: FastifyRequest, reply: FastifyReply, redirectTo: string, message: string, save: () => Promise<unknown>, reshow: (error: ValidationError) => unknown) {
  try {
    await save();
  } catch (error) {
    if (error instanceof ValidationError) return reshow(error);
    throw error;
  }
  request.session.flash = message;
  return reply.redirect(redirectTo, 303);
}
