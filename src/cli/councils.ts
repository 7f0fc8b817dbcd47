// The councils Mercia ships with, by slug, ONS code and DfE LA number, so that a command that
// only reads files (`import 903 --dry-run`) can name its council without opening the database.
// A council not in this table is looked up in the database, as an import that writes always is.
import { DEMO_LA_NUMBERS, DEMO_ORGANISATIONS } from '../demo/organisations.ts';

export interface KnownCouncil {
  name: string;
  slug: string;
  /** ONS code, e.g. E06000019. */
  code: string;
  /** DfE LA number, e.g. 884. */
  laNumber: string;
}

export const KNOWN_COUNCILS: readonly KnownCouncil[] = DEMO_ORGANISATIONS
  .filter((o) => o.kind === 'local-authority' && o.code && DEMO_LA_NUMBERS[o.slug])
  .map((o) => ({ name: o.name, slug: o.slug, code: o.code!, laNumber: DEMO_LA_NUMBERS[o.slug]! }));

/** A council named by its slug, ONS code or LA number, as the database lookup takes them. */
export function knownCouncil(text: string): KnownCouncil | undefined {
  const n = text.trim();
  return KNOWN_COUNCILS.find((c) => c.slug === n.toLowerCase() || c.code === n.toUpperCase() || c.laNumber === n);
}

/** Council names by LA number, to name the council a return seems to come from. */
export function knownCouncilsByLaNumber(): Map<string, string> {
  return new Map(KNOWN_COUNCILS.map((c) => [c.laNumber, c.name]));
}
