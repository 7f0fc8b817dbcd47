import { describe, expect, it } from 'vitest';
import type { Role } from '../core/access.ts';
import { actorIn, describeAccessMatrix, factsFor } from '../core/testing/access-matrix.ts';
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
const reaches = (s: string) => ['own authority', 'pooled function', 'granted'].includes(s);

describeAccessMatrix(childPolicy, situations, {
  view: (role, s) => VIEW.includes(role) && reaches(s),
  create: (role, s) => ['social-worker', 'team-manager'].includes(role) && s === 'own authority',
  update: (role, s) => CASEWORK.includes(role) && reaches(s),
  'record-milestone': (role, s) => [...CASEWORK, 'decision-maker'].includes(role) && reaches(s),
  'view-birth-family': (role, s) => CASEWORK.includes(role) && reaches(s),
  'manage-siblings': (role, s) => CASEWORK.includes(role) && reaches(s),
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
