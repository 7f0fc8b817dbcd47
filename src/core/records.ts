// The record registry: every personal record type, how to find each one's owning organisation,
// and — for the capabilities that attach to any record (grants, audit by record, case notes,
// documents, the chronology) — what a person may do with one record, decided by the owning
// area's own policy. Each area registers its record types when it loads, so a note or a
// document on a child is exactly as visible as the child, and no other area decides it.
import type { RequestContext } from './access.ts';
import type { Db } from './db.ts';

type OwnerLookup = (db: Db, id: string) => Promise<string | undefined>;

/** What one person may do with one record, by its area's policy. */
export interface RecordAccess {
  /** The organisation that owns the record. */
  ownerId: string;
  /** Its area's 'view' (a refusal looks exactly like absence). */
  view: boolean;
  /** The action its area names for working on the record: writing notes, adding documents. */
  change: boolean;
  /** The action its area names for seeing what is marked sensitive. */
  viewSensitive: boolean;
  /** How the record is named on pages (a child's name, a household's reference). */
  label: string;
  /** The record's own page. */
  path: string;
}

/** One entry of a record's chronology, as its area tells it (casework adds notes and documents). */
export interface ChronologyEntry {
  /** `YYYY-MM-DD`: entries are in date order. */
  date: string;
  /** `HH:MM` in England, where the time is known. */
  time?: string;
  kind: 'milestone' | 'episode' | 'stage' | 'decision' | 'note' | 'document';
  title: string;
  detail?: string;
  by?: string;
  href?: string;
}

/** A record type that carries case notes, documents and a chronology. */
export interface CaseworkRecord {
  /** The plural in addresses: /api/v1/{plural}/{id}/notes. */
  plural: string;
  /** Singular, lower case, for messages: "child", "household". */
  noun: string;
  /** Undefined when there is no such record. */
  accessFor(db: Db, ctx: RequestContext, id: string): Promise<RecordAccess | undefined>;
  /** The record's own events for its chronology (milestones, episodes, stages, decisions), once access is settled. */
  chronology?(db: Db, id: string, access: RecordAccess): Promise<ChronologyEntry[]>;
  /** How long the record, its notes and its documents must be kept, once that is known. */
  retention?(db: Db, id: string): Promise<{ keepUntil: string; why: string } | null>;
  /** What the record already knows for a letter's fields (names, reference, decision dates), by field name. */
  letterFields?(db: Db, id: string, letter: { templateId: string; today: string }): Promise<Record<string, string>>;
}

const ownerLookups = new Map<string, OwnerLookup>();
const caseworkTypes = new Map<string, CaseworkRecord>();

export function registerRecordType(type: string, ownerOf: OwnerLookup, casework?: CaseworkRecord): void {
  ownerLookups.set(type, ownerOf);
  if (casework) caseworkTypes.set(type, casework);
}

export function recordTypes(): string[] {
  return [...ownerLookups.keys()];
}

/** The organisation that owns the record, or undefined if there is no such record. */
export async function ownerOfRecord(db: Db, type: string, id: string): Promise<string | undefined> {
  const lookup = ownerLookups.get(type);
  return lookup ? lookup(db, id) : undefined;
}

/** The record types that carry notes and documents, with their registration. */
export function caseworkRecordTypes(): [string, CaseworkRecord][] {
  return [...caseworkTypes.entries()];
}

export function caseworkRecord(type: string): CaseworkRecord | undefined {
  return caseworkTypes.get(type);
}

/** The record type whose plural is in the address (children → child). */
export function caseworkTypeByPlural(plural: string): string | undefined {
  for (const [type, r] of caseworkTypes) if (r.plural === plural) return type;
  return undefined;
}
