// The access model shared by every area. A person (Actor) has roles in one organisation.
// Whether they may act on a record is decided, in each area's policy.ts, from three facts:
// who owns the record, which functions the person's organisation delivers for the owner
// today (the operating model), and any live explicit grant. Those facts are loaded once per
// request into AccessFacts so that rules are pure, synchronous and testable as a matrix,
// and so that list queries can be filtered by the very same facts.
import { sql, type Expression } from 'kysely';
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

/** The facts as they come from the database: three JSON columns of one row (accessFactsColumns). */
export interface AccessFactRows {
  memberships: string[];
  deliveries: { member_id: string; function_code: string; delivered_by: string }[];
  grants: string[];
}

/**
 * The three facts as columns of one SELECT, so that a request loads the person and their access
 * in one round trip (staff/store.ts selects them beside the staff row). The staff member, their
 * organisation and its kind are SQL: columns of that row, or values.
 */
export function accessFactsColumns(who: { staffId: Expression<string>; orgId: Expression<string>; orgKind: Expression<string> }, today: string) {
  const day = sql`${today}::date`;
  return [
    sql<string[]>`coalesce((select json_agg(m.partnership_id) from membership m where m.member_id = ${who.orgId}
      and m.joined_on <= ${day} and (m.left_on is null or m.left_on > ${day})), '[]'::json)`.as('memberships'),
    // A partnership delivers what the model gives the partnership; an agency what it is the
    // provider of; a council every row about itself (what it keeps and what it handed over).
    sql<AccessFactRows['deliveries']>`coalesce((select json_agg(json_build_object('member_id', om.member_id, 'function_code', om.function_code, 'delivered_by', om.delivered_by))
      from operating_model_on(${day}) om where case ${who.orgKind}
        when 'partnership' then om.partnership_id = ${who.orgId} and om.delivered_by = 'partnership'
        when 'agency' then om.provider_id = ${who.orgId} and om.delivered_by = 'provider'
        else om.member_id = ${who.orgId} end), '[]'::json)`.as('deliveries'),
    sql<string[]>`coalesce((select json_agg(g.record_type || ':' || g.record_id) from access_grant g where g.staff_id = ${who.staffId}
      and g.revoked_at is null and g.valid_from <= ${day} and (g.valid_to is null or g.valid_to >= ${day})), '[]'::json)`.as('grants'),
  ] as const;
}

/** The facts for someone whose staff row is already to hand: one round trip. */
export async function loadAccessFacts(db: Db, actor: Pick<Actor, 'staffId' | 'orgId' | 'orgKind'>, today: string): Promise<AccessFacts> {
  const row = await db.selectNoFrom(accessFactsColumns({ staffId: sql.val(actor.staffId), orgId: sql`${actor.orgId}::uuid`, orgKind: sql.val(actor.orgKind) }, today))
    .executeTakeFirstOrThrow();
  return accessFactsOf(actor, today, row);
}

/** The facts from their rows (pure). */
export function accessFactsOf(actor: Pick<Actor, 'orgId' | 'orgKind'>, today: string, rows: AccessFactRows): AccessFacts {
  const partnerships = new Set(rows.memberships);
  if (actor.orgKind === 'partnership') partnerships.add(actor.orgId);
  const delivers = new Map<ServiceFunction, Set<string>>();
  for (const d of deliveriesOf(actor, rows.deliveries)) {
    const fn = d.function_code as ServiceFunction;
    if (!delivers.has(fn)) delivers.set(fn, new Set());
    delivers.get(fn)!.add(d.member_id);
  }
  return { today, partnerships, delivers, grants: new Set(rows.grants) };
}

/** The (function, council) pairs the actor's organisation delivers on the day. */
function deliveriesOf(actor: Pick<Actor, 'orgId' | 'orgKind'>, rows: AccessFactRows['deliveries']) {
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
