// Who may do what with non-agency and inter-country adoptions. Each record belongs to a council:
// a non-agency adoption to the council where the applicants live (which received the notice of
// intention), an inter-country adoption to the council whose agency assesses the applicants. Its
// own social workers and team managers (and support workers, to see it) work on it; so do those of
// whoever the operating model gives that council's 'non-agency-intercountry' function today (the
// partnership, under Options 2 and 3); anyone else needs a grant on the record. Closing a case
// (recording its outcome) is for team managers, who sign off a case's end. A refusal to view looks
// like absence (404). The two record types share the rules, each with its own grants.
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export const FUNCTION = 'non-agency-intercountry' as const;
export type AdoptionRecordType = 'non-agency-adoption' | 'intercountry-adoption';

export interface AdoptionRecord {
  /** The record (empty for one not yet opened). */
  id: string;
  /** The owning council. */
  ownerId: string;
}

export type AdoptionAction = 'view' | 'open' | 'work' | 'close';

const VIEW: Role[] = ['social-worker', 'team-manager', 'support-worker'];
const WORK: Role[] = ['social-worker', 'team-manager'];
const CLOSE: Role[] = ['team-manager'];

/** The owner's staff, those delivering the owner's non-agency and inter-country work today, or a grant holder. */
function related(type: AdoptionRecordType, actor: Actor, facts: AccessFacts, r: AdoptionRecord): boolean {
  return inOwnOrganisation(actor, r.ownerId) || deliversFor(facts, FUNCTION, r.ownerId) || (r.id !== '' && holdsGrant(facts, type, r.id));
}

function policyFor(type: AdoptionRecordType) {
  const may = (roles: Role[]) => (actor: Actor, facts: AccessFacts, r: AdoptionRecord) => hasRole(actor, ...roles) && related(type, actor, facts, r);
  return new Policy<AdoptionRecord, AdoptionAction>(type)
    .allow('view', may(VIEW))
    // A case is opened by those who would work on it, for a council they serve (a grant is on a record that exists).
    .allow('open', (actor, facts, r) => may(WORK)(actor, facts, { ...r, id: '' }))
    .allow('work', may(WORK))
    .allow('close', may(CLOSE));
}

export const nonAgencyPolicy = policyFor('non-agency-adoption');
export const intercountryPolicy = policyFor('intercountry-adoption');

export interface AdoptionScope {
  ownerIds: string[];
  grantedIds: string[];
}

/** The 'view' rule (or, given WORK, the 'work' rule) as a filter for lists: which councils' records, and which granted ones. */
export function adoptionListScope(type: AdoptionRecordType, actor: Actor, facts: AccessFacts, roles: readonly Role[] = VIEW): AdoptionScope | null {
  if (!hasRole(actor, ...roles)) return null;
  const owners = new Set<string>([actor.orgId, ...(facts.delivers.get(FUNCTION) ?? [])]);
  const grantedIds = [...facts.grants].filter((g) => g.startsWith(`${type}:`)).map((g) => g.slice(type.length + 1));
  return { ownerIds: [...owners], grantedIds };
}

/** The scope of the records the person may work on (their work queue). */
export const adoptionWorkScope = (type: AdoptionRecordType, actor: Actor, facts: AccessFacts) => adoptionListScope(type, actor, facts, WORK);

/** The councils a person may open a case for: their own, and those whose non-agency and inter-country work their organisation delivers. */
export function councilsToOpenFor(actor: Actor, facts: AccessFacts): string[] {
  return hasRole(actor, ...WORK) ? [...new Set([actor.orgId, ...(facts.delivers.get(FUNCTION) ?? [])])] : [];
}

/** Whether the person has any part in non-agency and inter-country adoption. */
export function mayUseAdoptions(actor: Actor): boolean {
  return hasRole(actor, ...VIEW);
}
