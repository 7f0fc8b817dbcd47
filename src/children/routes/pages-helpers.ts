// What the children pages share: reading form bodies, prefilling date inputs, code lists as
// GOV.UK select/radio items, labels for the templates, and field errors named as the form names them.
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../core/errors.ts';
import { formErrors, type FormErrors } from '../../web/forms.ts';
import {
  ETHNICITIES, LEGAL_STATUSES, MILESTONE_TYPES, NEED_CATEGORIES, PLACEMENT_PROVIDERS, PLACEMENTS, REASONS_CEASED,
  REVERSAL_REASONS, RNE, SEXES, WAITING_REASONS,
} from '../codes.ts';
import type { Milestone } from '../model.ts';
import { STAGES, WAITING_FACTORS } from '../model.ts';

const idParams = z.object({ id: z.uuid() });

/** The record id in the address; a malformed one is a page that does not exist (404), not a crash. */
export function idFrom(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
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

/** Every code list a child's pages show, by the name the templates use. */
export const LABELS = {
  stages: STAGES, factors: WAITING_FACTORS, sexes: SEXES, ethnicities: ETHNICITIES, legalStatuses: LEGAL_STATUSES,
  placements: PLACEMENTS, providers: PLACEMENT_PROVIDERS, rne: RNE, reasonsCeased: REASONS_CEASED,
  waitingReasons: WAITING_REASONS, needs: NEED_CATEGORIES, milestones: MILESTONE_TYPES,
};

/** The codes a milestone may carry, by the type that takes them. */
const MILESTONE_CODES: { type: keyof typeof MILESTONE_TYPES; codes: Record<string, string> }[] = [
  { type: 'placement-order', codes: { order: 'Placement order (court authority to place)', consent: 'Consent to placement (section 19)' } },
  { type: 'early-permanence', codes: { ffa: 'Fostering for adoption', concurrent: 'Concurrent planning' } },
  { type: 'placed-for-adoption', codes: { A3: PLACEMENTS.A3, A4: PLACEMENTS.A4, A5: PLACEMENTS.A5, A6: PLACEMENTS.A6 } },
  { type: 'adoption-order', codes: { E11: REASONS_CEASED.E11, E12: REASONS_CEASED.E12 } },
  { type: 'plan-reversed', codes: REVERSAL_REASONS },
];

const milestoneCodeLabel = (code: string) => MILESTONE_CODES.map((g) => g.codes[code]).find(Boolean);

/** One select for the milestone's code, each option saying which milestone it belongs to. */
export const MILESTONE_CODE_ITEMS: Item[] = [
  { value: '', text: 'No code' },
  ...MILESTONE_CODES.flatMap((g) => Object.entries(g.codes).map(([value, label]) => ({
    value, text: `${MILESTONE_TYPES[g.type]} – ${/^[A-Z]+\d+$/.test(value) ? `${value}: ` : ''}${label}`,
  }))),
];

/** Milestones for the MoJ timeline, newest first. */
export function timelineItems(milestones: readonly Milestone[]) {
  return [...milestones].reverse().map((m) => {
    const code = m.code ? milestoneCodeLabel(m.code) : undefined;
    const text = [code && (/^[A-Z]+\d+$/.test(m.code!) ? `${m.code}: ${code}` : code), m.notes].filter(Boolean).join('. ');
    return {
      label: { text: MILESTONE_TYPES[m.type] },
      text,
      // No `type`: the timeline then formats the date with the service's own `date` filter.
      datetime: { timestamp: m.date },
      ...(m.recordedByName ? { byline: { text: m.recordedByName } } : {}),
    };
  });
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
