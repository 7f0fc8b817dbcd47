// Likely duplicates of a person about to be registered (a child, an adopter, an enquirer):
// the rules every area shares, pure. A store narrows the candidates in SQL (same date of birth,
// same email, same UPN, or a similar name where a date of birth is missing); these rules decide
// which candidates are likely the same person, and why, so the person registering can open the
// existing record or go on. Names are compared by Double Metaphone (spelling that sounds alike:
// Smith and Smyth, Catherine and Kathryn) and by Jaro–Winkler similarity (typing slips).
import { doubleMetaphone } from 'double-metaphone';
import { ConflictError } from './errors.ts';

/** Why a record is likely the same person, strongest first. */
export type MatchReason = 'upn' | 'email' | 'date-of-birth-and-name' | 'name';

export const MATCH_REASONS: Record<MatchReason, string> = {
  upn: 'Same unique pupil number',
  email: 'Same email address',
  'date-of-birth-and-name': 'Same date of birth and a similar name',
  name: 'A similar name, and no date of birth to tell them apart',
};

const STRENGTH: Record<MatchReason, number> = { upn: 0, email: 1, 'date-of-birth-and-name': 2, name: 3 };

/** What the rules compare: any of these may be missing. */
export interface PersonKeys {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  email?: string | null;
  upn?: string | null;
}

/** Two names are alike at or above this Jaro–Winkler similarity (Thompson/Thomson 0.98; Jones/James 0.76 are not). Names that sound alike (Smith/Smyth 0.89) are alike by their Double Metaphone codes. */
export const SIMILAR = 0.9;

/** The most likely duplicates reported for one registration. */
export const MAX_SHOWN = 10;

/** A name as compared: no accents, lower case, letters only, in words ("O'Brien-Smith" → ["obrien", "smith"]). */
export function nameWords(name: string): string[] {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’`]/g, '')
    .split(/[^a-z]+/).filter((w) => w.length > 0);
}

/** The Double Metaphone codes of each word of a name (primary and alternate). */
export function phoneticKeys(name: string): Set<string> {
  const keys = new Set<string>();
  for (const word of nameWords(name)) for (const key of doubleMetaphone(word)) if (key) keys.add(key);
  return keys;
}

/** Jaro–Winkler similarity of two strings, 0 (nothing alike) to 1 (the same). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function wordsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  // A short form of the other ("Sam" and "Samantha", "Alex" and "Alexander").
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  if (jaroWinkler(a, b) >= SIMILAR) return true;
  const [ka, kb] = [doubleMetaphone(a), doubleMetaphone(b)];
  return ka.some((k) => k !== '' && kb.includes(k));
}

/**
 * Whether two names (a first name, or a last name) are alike: some word of one is alike some
 * word of the other, so a double-barrelled name is alike either of its halves. Names with no
 * letters are alike nothing.
 */
export function namesAlike(a: string, b: string): boolean {
  const [wa, wb] = [nameWords(a), nameWords(b)];
  return wa.some((x) => wb.some((y) => wordsAlike(x, y)));
}

/** Whether two people's names are alike: first with first and last with last, or the two swapped. */
export function fullNamesAlike(a: Pick<PersonKeys, 'firstName' | 'lastName'>, b: Pick<PersonKeys, 'firstName' | 'lastName'>): boolean {
  return (namesAlike(a.firstName, b.firstName) && namesAlike(a.lastName, b.lastName))
    || (namesAlike(a.firstName, b.lastName) && namesAlike(a.lastName, b.firstName));
}

/** How alike two people's names are, 0 to 1: for ordering the matches. */
export function nameSimilarity(a: Pick<PersonKeys, 'firstName' | 'lastName'>, b: Pick<PersonKeys, 'firstName' | 'lastName'>): number {
  const whole = (p: Pick<PersonKeys, 'firstName' | 'lastName'>) => [...nameWords(p.firstName), ...nameWords(p.lastName)].join(' ');
  return jaroWinkler(whole(a), whole(b));
}

/** An email as compared: trimmed, lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A UPN that identifies a pupil: UN1 to UN5 are the DfE's codes for "no UPN" and identify no one. */
export function identifyingUpn(upn: string | null | undefined): string | null {
  const u = upn?.trim().toUpperCase();
  return u && !/^UN[1-5]$/.test(u) ? u : null;
}

/** Why an existing record is likely the same person as the one being registered (empty: it is not). */
export function matchReasons(wanted: PersonKeys, existing: PersonKeys): MatchReason[] {
  const reasons: MatchReason[] = [];
  const upn = identifyingUpn(wanted.upn);
  if (upn && upn === identifyingUpn(existing.upn)) reasons.push('upn');
  if (wanted.email && existing.email && normaliseEmail(wanted.email) === normaliseEmail(existing.email)) reasons.push('email');
  const alike = fullNamesAlike(wanted, existing);
  if (alike && wanted.dateOfBirth && wanted.dateOfBirth === existing.dateOfBirth) reasons.push('date-of-birth-and-name');
  // A different date of birth tells two people of the same name apart; a missing one does not.
  else if (alike && (!wanted.dateOfBirth || !existing.dateOfBirth)) reasons.push('name');
  return reasons;
}

export interface LikelyDuplicate<T> {
  record: T;
  reasons: MatchReason[];
}

/** The name as typed, only trimmed and lower-cased: to order names that compare the same ("Ann Lee" before "Ann Lee2"). */
const asTyped = (p: Pick<PersonKeys, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`.trim().toLowerCase();

/**
 * The candidates that are likely the same person as `wanted`, strongest reason first, then the
 * most alike names (as compared, then as typed), at most `max`.
 */
export function likelyDuplicates<T extends PersonKeys>(wanted: PersonKeys, candidates: readonly T[], max = MAX_SHOWN): LikelyDuplicate<T>[] {
  return candidates
    .map((record) => ({ record, reasons: matchReasons(wanted, record), similarity: nameSimilarity(wanted, record) }))
    .filter((m) => m.reasons.length > 0)
    .map((m) => ({ ...m, typed: jaroWinkler(asTyped(wanted), asTyped(m.record)) }))
    .sort((a, b) => STRENGTH[a.reasons[0]!] - STRENGTH[b.reasons[0]!] || b.similarity - a.similarity || b.typed - a.typed)
    .slice(0, max)
    .map(({ record, reasons }) => ({ record, reasons }));
}

/** The lower-case first letters a similar last name may start with, for narrowing candidates in SQL (C and K sound alike, …). */
export function initialsFor(lastName: string): string[] {
  const first = nameWords(lastName).map((w) => w[0]!);
  const soundsAlike: Record<string, string> = { c: 'k', k: 'c', q: 'k', s: 'z', z: 's', f: 'p', p: 'f', j: 'g', g: 'j', i: 'y', y: 'i' };
  return [...new Set(first.flatMap((l) => [l, ...(soundsAlike[l] ?? '')]))];
}

/** The check found likely duplicates and the request did not confirm going on: nothing was stored. */
export class LikelyDuplicatesError<T> extends ConflictError {
  /** `what`: the record, one and many ("child", "children"). */
  constructor(readonly duplicates: readonly T[], what: readonly [one: string, many: string]) {
    super(`${duplicates.length === 1 ? `A ${what[0]} that may be the same has` : `${duplicates.length} ${what[1]} that may be the same have`} already been registered: check them, or confirm that this is not a duplicate`);
    this.name = 'LikelyDuplicatesError';
  }
}

/** Whether a request confirmed that it is not a duplicate: JSON `true`, or a form's "yes". */
export function confirmsNotDuplicate(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const v = (raw as Record<string, unknown>).confirmNotDuplicate;
  return v === true || v === 'true' || v === 'yes';
}
