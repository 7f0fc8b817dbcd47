// The access model shared by every area. A person (Actor) has roles in one organisation.
// Whether they may act on a record is decided, in each area's policy.ts, from three facts:
// who owns the record, which functions the person's organisation delivers for the owner
// today (the operating model), and any live explicit grant. Those facts are loaded once per
// request into AccessFacts so that rules are pure, synchronous and testable as a matrix,
// and so that list queries can be filtered by the very same facts.
import { sql } from 'kysely';
import type { Db } from './db.ts';

export const ROLES = [
  'social-worker', 'team-manager', 'family-finder', 'panel-adviser', 'panel-member',
  'decision-maker', 'recruitment-officer', 'training-coordinator', 'support-worker',
  'analyst', 'finance-officer', 'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  'social-worker': 'Social worker',
  'team-manager': 'Team manager',
  'family-finder': 'Family finder',
  'panel-adviser': 'Panel adviser',
  'panel-member': 'Panel member',
  'decision-maker': 'Agency decision maker',
  'recruitment-officer': 'Recruitment officer',
  'training-coordinator': 'Training coordinator',
  'support-worker': 'Support worker',
  analyst: 'Analyst',
  'finance-officer': 'Finance officer',
  admin: 'Administrator',
};

export const FUNCTIONS = [
  'recruitment', 'training', 'assessment', 'panel', 'family-finding', 'placement-support',
  'post-order-support', 'birth-family-support', 'adopted-adults', 'non-agency-intercountry',
  'financial-support',
] as const;
export type ServiceFunction = (typeof FUNCTIONS)[number];

export type OrgKind = 'local-authority' | 'partnership' | 'agency';

export interface Actor {
  staffId: string;
  email: string;
  displayName: string;
  orgId: string;
  orgKind: OrgKind;
  orgName: string;
  roles: readonly Role[];
}

export interface AccessFacts {
  today: string;
  /** Partnerships the actor's organisation belongs to today, or is. */
  partnerships: ReadonlySet<string>;
  /** Per function, the councils for whom the actor's organisation delivers it today. */
  delivers: ReadonlyMap<ServiceFunction, ReadonlySet<string>>;
  /** Live grants held by the actor, as `type:id`. */
  grants: ReadonlySet<string>;
}

// ---- predicates the policies are written in -------------------------------------------

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

export function inOwnOrganisation(actor: Actor, ownerId: string): boolean {
  return actor.orgId === ownerId;
}

/** The actor's organisation delivers this function for the record's owner today. */
export function deliversFor(facts: AccessFacts, fn: ServiceFunction, ownerId: string): boolean {
  return facts.delivers.get(fn)?.has(ownerId) ?? false;
}

export function holdsGrant(facts: AccessFacts, recordType: string, recordId: string): boolean {
  return facts.grants.has(`${recordType}:${recordId}`);
}

// ---- loading the facts ---------------------------------------------------------------

export async function loadAccessFacts(db: Db, actor: Pick<Actor, 'staffId' | 'orgId' | 'orgKind'>, today: string): Promise<AccessFacts> {
  const [memberships, deliveries, grants] = await Promise.all([
    db.selectFrom('membership').select('partnership_id')
      .where('member_id', '=', actor.orgId).where('joined_on', '<=', today)
      .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)]))
      .execute(),
    deliveriesOn(db, actor, today),
    db.selectFrom('access_grant').select(['record_type', 'record_id'])
      .where('staff_id', '=', actor.staffId).where('revoked_at', 'is', null)
      .where('valid_from', '<=', today)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
      .execute(),
  ]);
  const partnerships = new Set(memberships.map((m) => m.partnership_id));
  if (actor.orgKind === 'partnership') partnerships.add(actor.orgId);
  const delivers = new Map<ServiceFunction, Set<string>>();
  for (const d of deliveries) {
    const fn = d.function_code as ServiceFunction;
    if (!delivers.has(fn)) delivers.set(fn, new Set());
    delivers.get(fn)!.add(d.member_id);
  }
  return { today, partnerships, delivers, grants: new Set(grants.map((g) => `${g.record_type}:${g.record_id}`)) };
}

/** The (function, council) pairs the actor's organisation delivers on the day. */
async function deliveriesOn(db: Db, actor: Pick<Actor, 'orgId' | 'orgKind'>, today: string) {
  const om = sql<{ member_id: string; function_code: string; delivered_by: string; partnership_id: string; provider_id: string | null }>`operating_model_on(${today}::date)`;
  const rows = await db.selectFrom(om.as('om')).select(['om.member_id', 'om.function_code', 'om.delivered_by'])
    .where((eb) => {
      if (actor.orgKind === 'partnership') return eb.and([eb('om.partnership_id', '=', actor.orgId), eb('om.delivered_by', '=', 'partnership')]);
      if (actor.orgKind === 'agency') return eb.and([eb('om.provider_id', '=', actor.orgId), eb('om.delivered_by', '=', 'provider')]);
      // A council: every row about itself, to see what it keeps and what it has handed over.
      return eb('om.member_id', '=', actor.orgId);
    })
    .execute();
  if (actor.orgKind !== 'local-authority') return rows;
  // A council delivers what the model leaves with it, and everything the model does not
  // cover (it is in no partnership, or not yet).
  const covered = new Set(rows.map((r) => r.function_code));
  const own = rows.filter((r) => r.delivered_by === 'member');
  for (const fn of FUNCTIONS) if (!covered.has(fn)) own.push({ member_id: actor.orgId, function_code: fn, delivered_by: 'member' });
  return own;
}

/** What every service call is given: who is asking, and the facts of their access today. */
export interface RequestContext {
  actor: Actor;
  facts: AccessFacts;
}

export function auditActor(actor: Actor) {
  return { staffId: actor.staffId, orgId: actor.orgId, label: actor.email };
}
