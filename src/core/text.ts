// Text that Mercia will not keep, decided once for every way text comes in (web forms, JSON,
// query strings, route parameters, upload fields). PostgreSQL refuses a NUL byte, jsonb refuses
// an unpaired surrogate, and bidirectional overrides let a name display as something it is not
// ("Trojan Source"): refusing them at the edge means no store or audit write ever meets them.
import type { FieldError } from './errors.ts';

// C0 controls other than tab, line feed and carriage return (which a textarea sends), DEL, and
// the C1 controls (U+0080–U+009F, which no keyboard types and some terminals obey).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Why this text cannot be kept, or undefined when it can. */
export function textFault(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain a null character';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain a broken character (an unpaired surrogate)';
  if (BIDI_CONTROL.test(value)) return 'must not contain characters that change the direction of text';
  return undefined;
}

/** How deep input may nest: far beyond any form or API body, well short of the stack's limit. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first string in the input (values and keys, at any depth) that cannot be kept, named by
 * its path; or input nested deeper than any real form or API body. Walked with a stack of its
 * own, so no input can exhaust the call stack.
 */
export function findTextFault(input: unknown, path: readonly string[] = []): FieldError | undefined {
  const pending: { value: unknown; path: readonly string[] }[] = [{ value: input, path }];
  while (pending.length > 0) {
    const { value, path: at } = pending.pop()!;
    const field = at.join('.') || 'input';
    if (typeof value === 'string') {
      const fault = textFault(value);
      if (fault) return { field, message: `${fieldLabel(field)} ${fault}` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (at.length - path.length >= MAX_INPUT_DEPTH) return { field, message: `${fieldLabel(field)} is nested too deeply` };
    const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
    // Pushed in reverse, so the first field is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      if (!Array.isArray(value)) {
        const keyFault = textFault(key);
        if (keyFault) return { field, message: `A field name ${keyFault}` };
      }
      pending.push({ value: item, path: [...at, key] });
    }
  }
  return undefined;
}

function fieldLabel(field: string): string {
  return field === 'input' ? 'The input' : `The field ${field}`;
}

/**
 * Where to send someone after signing in: a path on this site and nothing else. A single `/`
 * then anything but `/` or `\` (which browsers read as another host), printable ASCII only
 * (browsers drop tabs and newlines, so `/\t/evil.example` means `//evil.example`; and any
 * control character would be refused when the Location header is written). Anything else is `/`.
 */
export function sameSitePath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && !value.includes('\\') ? value : '/';
}

/** A label inside a sentence: its first letter lower case, the rest (the DfE's capitals, say) kept. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
