// Pure checks of a policy's rules, for each area's policy test. Which roles an action admits is
// checked once per policy here (describeRoleLists); whether the services ask the rules, for
// every relationship of a person to a record, is the matrix through the service
// (service-matrix.ts, in each area's access.test.ts). The list-scope tests use actorIn and
// factsFor to build people and their access facts by hand.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { ROLES, type AccessFacts, type Actor, type OrgKind, type Role, type ServiceFunction } from '../access.ts';
import type { Policy } from '../policy.ts';

export interface Situation<R> {
  /** Where the person works. */
  orgId: string;
  orgKind: OrgKind;
  /** What their organisation is in and delivers today, and what they hold grants on. */
  partnerships?: string[];
  delivers?: Partial<Record<ServiceFunction, string[]>>;
  grants?: string[];
  record: R;
}

/** A person with one role in an organisation: each role in each organisation has its own id. */
export function actorIn(role: Role, orgId: string, orgKind: OrgKind): Actor {
  const hex = createHash('sha256').update(`${orgId}/${role}`).digest('hex');
  const staffId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { staffId, email: `${role}@${orgId}.test.example`, displayName: role, orgId, orgKind, orgName: orgId, roles: [role] };
}

export function factsFor(s: Pick<Situation<unknown>, 'partnerships' | 'delivers' | 'grants'>, today = '2026-11-23'): AccessFacts {
  const delivers = new Map<ServiceFunction, Set<string>>();
  for (const [fn, owners] of Object.entries(s.delivers ?? {})) delivers.set(fn as ServiceFunction, new Set(owners));
  return { today, partnerships: new Set(s.partnerships ?? []), delivers, grants: new Set(s.grants ?? []) };
}

/**
 * The roles each action of the policy admits, in a situation where the relationship to the
 * record allows it (the record's own organisation, say; the record may be made for each person,
 * as their own account is): exactly the listed roles, no more. One
 * test per policy; the relationships are the service matrix's to try, with one role of each group.
 */
export function describeRoleLists<R, A extends string>(
  policy: Policy<R, A>,
  situation: Omit<Situation<R>, 'record'> & { record: R | ((actor: Actor) => R) },
  expected: Record<A, readonly Role[]>,
): void {
  it(`${policy.resource}: each action admits exactly its roles`, () => {
    expect(Object.keys(expected).sort(), 'an expectation for every action of the policy').toEqual([...policy.actions].sort());
    const facts = factsFor(situation);
    const can = (role: Role, action: A) => {
      const actor = actorIn(role, situation.orgId, situation.orgKind);
      const record = typeof situation.record === 'function' ? (situation.record as (a: Actor) => R)(actor) : situation.record;
      return policy.can(actor, facts, action, record);
    };
    const admitted = Object.fromEntries(policy.actions.map((action) => [action, ROLES.filter((role) => can(role, action))]));
    const wanted = Object.fromEntries(policy.actions.map((action) => [action, ROLES.filter((role) => expected[action].includes(role))]));
    expect(admitted).toEqual(wanted);
  });
}
