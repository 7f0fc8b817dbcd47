import { describe, expect, it } from 'vitest';
import type { Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { childListScope, childPolicy } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';
const child = { id: 'child-1', placingAuthorityId: HEREFORDSHIRE };

const situations = {
  // Staff of the child's placing council.
  'own authority': { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const, delivers: { 'family-finding': [HEREFORDSHIRE] }, record: child },
  // Staff of another council in the same partnership.
  'other authority': { orgId: 'la-shropshire', orgKind: 'local-authority' as const, partnerships: ['p-west-mercia'], delivers: { 'family-finding': ['la-shropshire'] }, record: child },
  // Partnership staff while the partnership delivers Herefordshire's family finding (Option 3).
  'pooled function': { orgId: 'p-west-mercia', orgKind: 'partnership' as const, partnerships: ['p-west-mercia'], delivers: { 'family-finding': [HEREFORDSHIRE] }, record: child },
  // Partnership staff while family finding is retained by the council (Option 2): recruitment is pooled, but that is not child work.
  'retained function': { orgId: 'p-west-mercia', orgKind: 'partnership' as const, partnerships: ['p-west-mercia'], delivers: { recruitment: [HEREFORDSHIRE] }, record: child },
  // Staff of another council holding an explicit grant on this child.
  granted: { orgId: 'la-shropshire', orgKind: 'local-authority' as const, grants: ['child:child-1'], record: child },
};

const VIEW: Role[] = ['social-worker', 'team-manager', 'family-finder', 'decision-maker', 'panel-adviser', 'analyst'];
const CASEWORK: Role[] = ['social-worker', 'team-manager', 'family-finder'];

// Which roles each action admits, on the council's own child. Every relationship (own, delivered,
// granted, unrelated, left the partnership) is tried through the service in access.test.ts.
describeRoleLists(childPolicy, situations['own authority'], {
  view: VIEW,
  create: ['social-worker', 'team-manager'],
  update: CASEWORK,
  'record-milestone': [...CASEWORK, 'decision-maker'],
  'view-birth-family': CASEWORK,
  'manage-siblings': CASEWORK,
});

describe('child list scope', () => {
  it('admits exactly the children the view rule admits, for every role and situation', () => {
    const others = [{ id: 'child-2', placingAuthorityId: 'la-shropshire' }, { id: 'child-3', placingAuthorityId: 'la-worcestershire' }, child];
    for (const [name, s] of Object.entries(situations)) {
      for (const role of ['social-worker', 'family-finder', 'analyst', 'admin', 'finance-officer'] as Role[]) {
        const actor = actorIn(role, s.orgId, s.orgKind);
        const facts = factsFor(s);
        const scope = childListScope(actor, facts);
        for (const c of others) {
          const listed = scope !== null && (scope.ownerIds.includes(c.placingAuthorityId) || scope.grantedIds.includes(c.id));
          expect(listed, `${role} / ${name} / ${c.id}`).toBe(childPolicy.can(actor, facts, 'view', c));
        }
      }
    }
  });
});
