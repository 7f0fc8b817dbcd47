// Who may do what with an enquiry. An enquiry belongs to the organisation whose front door
// received it (whoever delivered recruitment for the enquirer's council that day). Its
// recruitment officers, team managers and social workers view and work on it; so does an
// organisation that delivers recruitment for the owner today (the front door moved to the
// partnership); anyone else needs an explicit grant. A refusal is indistinguishable from
// absence (404). The funnel (counts only) is for analysts, team managers and recruitment
// officers of the front door.
import { deliversFor, hasRole, holdsGrant, inOwnOrganisation, type AccessFacts, type Actor, type Role } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface EnquiryRecord {
  id: string;
  frontDoorId: string;
}

export type EnquiryAction = 'view' | 'work' | 'decide-roi' | 'view-funnel';

export type Relation = 'own' | 'delivered' | 'granted';

export function relationTo(actor: Actor, facts: AccessFacts, e: EnquiryRecord): Relation | null {
  if (inOwnOrganisation(actor, e.frontDoorId)) return 'own';
  if (deliversFor(facts, 'recruitment', e.frontDoorId)) return 'delivered';
  if (e.id && holdsGrant(facts, 'enquiry', e.id)) return 'granted';
  return null;
}

export const ENQUIRY_VIEW: Role[] = ['recruitment-officer', 'team-manager', 'social-worker'];
const DECIDE: Role[] = ['recruitment-officer', 'team-manager'];
const FUNNEL: Role[] = ['analyst', 'team-manager', 'recruitment-officer'];

export const enquiryPolicy = new Policy<EnquiryRecord, EnquiryAction>('enquiry')
  .allow('view', (actor, facts, e) => hasRole(actor, ...ENQUIRY_VIEW) && relationTo(actor, facts, e) !== null)
  .allow('work', (actor, facts, e) => hasRole(actor, ...ENQUIRY_VIEW) && relationTo(actor, facts, e) !== null)
  // Accepting an ROI starts the assessment: the front door's officers and managers decide.
  .allow('decide-roi', (actor, facts, e) => hasRole(actor, ...DECIDE) && relationTo(actor, facts, e) !== null)
  // Counts of the front door's enquiries; a grant on one enquiry does not open the funnel.
  .allow('view-funnel', (actor, facts, e) => hasRole(actor, ...FUNNEL) && ['own', 'delivered'].includes(relationTo(actor, facts, e) ?? ''));

/** The same rule as 'view', as a filter for lists: which front doors' enquiries, and which granted enquiries. */
export function enquiryListScope(actor: Actor, facts: AccessFacts): { ownerIds: string[]; grantedIds: string[] } | null {
  if (!hasRole(actor, ...ENQUIRY_VIEW)) return null;
  const grantedIds = [...facts.grants].filter((g) => g.startsWith('enquiry:')).map((g) => g.slice('enquiry:'.length));
  return { ownerIds: frontDoors(actor, facts), grantedIds };
}

/** The same rule as 'view-funnel': the front doors whose counts the person may see. */
export function funnelScope(actor: Actor, facts: AccessFacts): string[] | null {
  if (!hasRole(actor, ...FUNNEL)) return null;
  return frontDoors(actor, facts);
}

function frontDoors(actor: Actor, facts: AccessFacts): string[] {
  return [...new Set([actor.orgId, ...(facts.delivers.get('recruitment') ?? [])])];
}

/** An information event, as far as access goes: the front door that organises it. */
export interface EventRecord {
  organiserId: string;
}

export type EventAction = 'view' | 'organise';

/** The front door's own staff, and staff of whoever runs that front door today (recruitment delivered). */
const runsFrontDoor = (actor: Actor, facts: AccessFacts, organiserId: string) => inOwnOrganisation(actor, organiserId) || deliversFor(facts, 'recruitment', organiserId);

export const eventPolicy = new Policy<EventRecord, EventAction>('information-event')
  .allow('view', (actor, facts, ev) => hasRole(actor, ...ENQUIRY_VIEW) && runsFrontDoor(actor, facts, ev.organiserId))
  // Events are organised in the organiser's own name: recruitment officers and team managers.
  .allow('organise', (actor, facts, ev) => hasRole(actor, ...DECIDE) && inOwnOrganisation(actor, ev.organiserId));

/** The same rule as the event 'view': the organisers whose events the person sees (null: none). */
export function eventScope(actor: Actor, facts: AccessFacts): string[] | null {
  return hasRole(actor, ...ENQUIRY_VIEW) ? frontDoors(actor, facts) : null;
}
