// The fields of a form, as an area's one form template (views/form.njk) draws them: a GOV.UK date
// input, text input, textarea, select, radios or a single checkbox each, so every form page is a
// list of fields. A form's input is read from its urlencoded body by inputOf.
import { dateFromParts, one, type Body, type Item } from './forms.ts';

export interface Field {
  kind: 'date' | 'input' | 'textarea' | 'select' | 'radios' | 'checkbox';
  name: string;
  label: string;
  hint?: string;
  items?: Item[];
  /** For money: a £ prefix and a narrow box. */
  pounds?: boolean;
  /** A whole number: a narrow box with a numeric keyboard. */
  numeric?: boolean;
}

export const dateField = (name: string, label: string, hint = 'For example, 27 3 2026'): Field => ({ kind: 'date', name, label, hint });
export const inputField = (name: string, label: string, hint?: string): Field => ({ kind: 'input', name, label, hint });
export const poundsField = (name: string, label: string, hint?: string): Field => ({ kind: 'input', name, label, hint, pounds: true });
export const numberField = (name: string, label: string, hint?: string): Field => ({ kind: 'input', name, label, hint, numeric: true });
export const textField = (name: string, label: string, hint?: string): Field => ({ kind: 'textarea', name, label, hint });
export const selectField = (name: string, label: string, items: Item[], empty: string, hint?: string): Field => ({ kind: 'select', name, label, hint, items: [{ value: '', text: empty }, ...items] });
export const radioField = (name: string, label: string, codes: Record<string, string>, hint?: string): Field => ({ kind: 'radios', name, label, hint, items: Object.entries(codes).map(([value, text]) => ({ value, text })) });
/** One checkbox: "yes" when ticked. */
export const checkboxField = (name: string, label: string, hint?: string): Field => ({ kind: 'checkbox', name, label, hint });

/** The names of a form's date fields (their errors link to the day box). */
export const datesOf = (fields: readonly Field[]) => fields.filter((f) => f.kind === 'date').map((f) => f.name);

/** The form's input from a urlencoded body: date inputs joined, other fields as given. */
export function inputOf(fields: readonly Field[], body: Body): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'date' ? dateFromParts(body, f.name) : one(body, f.name)]));
}

/** The fields with choices that depend on the record added to their items (by field name). */
export function withItems(fields: readonly Field[], items: Record<string, Item[]>): Field[] {
  return fields.map((f) => (items[f.name] ? { ...f, items: [...(f.items ?? []), ...items[f.name]!] } : f));
}
