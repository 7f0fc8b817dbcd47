// The access-matrix harness every area's policy test uses: each role, in each situation
// (own organisation, another authority, a pooled function, a grant, …), for each action,
// must get exactly the expected answer. A new action without expectations fails.
import { describe, expect, it } from 'vitest';
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

export function actorIn(role: Role, orgId: string, orgKind: OrgKind): Actor {
  return { staffId: `00000000-0000-4000-8000-${role.length.toString().padStart(12, '0')}`, email: `${role}@test.example`, displayName: role, orgId, orgKind, orgName: orgId, roles: [role] };
}

export function factsFor(s: Pick<Situation<unknown>, 'partnerships' | 'delivers' | 'grants'>, today = '2026-11-23'): AccessFacts {
  const delivers = new Map<ServiceFunction, Set<string>>();
  for (const [fn, owners] of Object.entries(s.delivers ?? {})) delivers.set(fn as ServiceFunction, new Set(owners));
  return { today, partnerships: new Set(s.partnerships ?? []), delivers, grants: new Set(s.grants ?? []) };
}

export function describeAccessMatrix<R, A extends string>(
  policy: Policy<R, A>,
  situations: Record<string, Situation<R>>,
  expected: Record<A, (role: Role, situation: string) => boolean>,
): void {
  describe(`${policy.resource} access matrix`, () => {
    it('has an expectation for every action in the policy', () => {
      expect(Object.keys(expected).sort()).toEqual([...policy.actions].sort());
    });
    const cells = policy.actions.flatMap((action) => ROLES.flatMap((role) => Object.keys(situations).map((situation) => ({ action, role, situation }))));
    it.each(cells)('$role / $action / $situation', ({ action, role, situation }) => {
      const s = situations[situation]!;
      const allowed = policy.can(actorIn(role, s.orgId, s.orgKind), factsFor(s), action, s.record);
      expect(allowed).toBe(expected[action](role, situation));
    });
  });
}
