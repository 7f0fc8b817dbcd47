// The fields of the area's forms, as one template (views/form.njk) draws them: a GOV.UK date
// input, text input, textarea, select or radios each, so every form page is the same few lines.
import type { Item } from '../../core/http/forms.ts';

export interface Field {
  kind: 'date' | 'input' | 'textarea' | 'select' | 'radios';
  name: string;
  label: string;
  hint?: string;
  items?: Item[];
  /** For money: a £ prefix and a narrow box. */
  pounds?: boolean;
}

export const dateField = (name: string, label: string, hint = 'For example, 27 3 2026'): Field => ({ kind: 'date', name, label, hint });
export const inputField = (name: string, label: string, hint?: string): Field => ({ kind: 'input', name, label, hint });
export const poundsField = (name: string, label: string, hint?: string): Field => ({ kind: 'input', name, label, hint, pounds: true });
export const textField = (name: string, label: string, hint?: string): Field => ({ kind: 'textarea', name, label, hint });
export const selectField = (name: string, label: string, items: Item[], empty: string): Field => ({ kind: 'select', name, label, items: [{ value: '', text: empty }, ...items] });
export const radioField = (name: string, label: string, codes: Record<string, string>): Field => ({ kind: 'radios', name, label, items: Object.entries(codes).map(([value, text]) => ({ value, text })) });

/** The names of a form's date fields (their errors link to the day box). */
export const datesOf = (fields: readonly Field[]) => fields.filter((f) => f.kind === 'date').map((f) => f.name);
