// Helpers for GOV.UK forms: reading urlencoded bodies and ids in the address, field errors in
// the components' shape, date inputs, select and radio items, and the post/redirect/get pattern.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';

const idParams = z.object({ id: z.uuid() });

/** The address's parameters; a malformed one names a page that does not exist (404), not a crash. */
export function paramsFrom<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** The record id in the address (404 when malformed). */
export function idFrom(params: unknown): string {
  return paramsFrom(idParams, params).id;
}

/** A urlencoded form body: a repeated name (checkboxes) arrives as an array. */
export type Body = Record<string, string | string[] | undefined>;

export function one(body: Body, name: string): string | undefined {
  const v = body[name];
  return Array.isArray(v) ? v[0] : v;
}

export function many(body: Body, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A stored `YYYY-MM-DD` as the day, month and year boxes of a GOV.UK date input. */
export function dateParts(field: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(m)), [`${field}-year`]: y ?? '' };
}

export interface Item { value: string; text: string }

/** A code list as select items, each shown with its code ("C2: Full care order"), after an optional empty choice. */
export function codeItems(codes: Record<string, string>, empty?: string, showCode = true): Item[] {
  const items = Object.entries(codes).map(([value, label]) => ({ value, text: showCode ? `${value}: ${label}` : label }));
  return empty === undefined ? items : [{ value: '', text: empty }, ...items];
}

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

/**
 * Field errors as the page names its fields: `needs.0.category` is the `needs` checkboxes,
 * and `rename` maps any other (e.g. a waiting reason's notes to its own textarea).
 */
export function pageErrors(error: ValidationError, dateFields: readonly string[], rename: (field: string) => string = (f) => f): FormErrors {
  const errors: FieldError[] = error.errors.map((e) => ({ ...e, field: rename(e.field).split('.')[0]! }));
  return formErrors(errors, dateFields);
}

/** A duplicate that names a field is a mistake in the form, to show beside that field. */
export function asValidationError(error: unknown): ValidationError | undefined {
  if (error instanceof ValidationError) return error;
  if (error instanceof ConflictError && error.field) return ValidationError.of(error.field, error.message);
  return undefined;
}
