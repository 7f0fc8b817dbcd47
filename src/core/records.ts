// Record types that can carry explicit grants, and how to find each one's owning
// organisation. Each area registers its personal record types when it loads.
import type { Db } from './db.ts';

type OwnerLookup = (db: Db, id: string) => Promise<string | undefined>;

const ownerLookups = new Map<string, OwnerLookup>();

export function registerRecordType(type: string, ownerOf: OwnerLookup): void {
  ownerLookups.set(type, ownerOf);
}

export function recordTypes(): string[] {
  return [...ownerLookups.keys()];
}

/** The organisation that owns the record, or undefined if there is no such record. */
export async function ownerOfRecord(db: Db, type: string, id: string): Promise<string | undefined> {
  const lookup = ownerLookups.get(type);
  return lookup ? lookup(db, id) : undefined;
}
