// The case pages' summary lists, built here so the templates stay a loop: each row a key and a
// value, and, where the person may record that step, a "Record" or "Change" link to its form.
import { formatDate } from '../../core/dates.ts';

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] };
}

export interface Section {
  title: string;
  id: string;
  rows: SummaryRow[];
}

/** A row; with `href`, a link to record the step (or change it once recorded). */
export function row(key: string, value: string | null | undefined, href?: string | false, empty = 'Not recorded'): SummaryRow {
  const r: SummaryRow = { key: { text: key }, value: { text: value || empty } };
  if (href) r.actions = { items: [{ href, text: value ? 'Change' : 'Record', visuallyHiddenText: key.toLowerCase() }] };
  return r;
}

export const day = (d: string | null | undefined) => (d ? formatDate(d) : null);
