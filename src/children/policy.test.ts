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
  'open-sealed': [],
});

// After the adoption order: sealed. Who may open it (with a reason) …
const sealed = { ...child, sealed: true };
describeRoleLists(childPolicy, { ...situations['own authority'], record: sealed }, {
  view: [], create: ['social-worker', 'team-manager'], update: [], 'record-milestone': [], 'view-birth-family': [], 'manage-siblings': [],
  'open-sealed': ['team-manager', 'decision-maker', 'support-worker'],
});
// … and, once they have opened it today, what they may do with it.
describeRoleLists(childPolicy, { ...situations['own authority'], grants: ['sealed-child:child-1'], record: sealed }, {
  view: ['team-manager', 'decision-maker', 'support-worker'],
  create: ['social-worker', 'team-manager'],
  update: ['team-manager'],
  'record-milestone': ['team-manager', 'decision-maker'],
  'view-birth-family': ['team-manager', 'decision-maker', 'support-worker'],
  'manage-siblings': ['team-manager'],
  'open-sealed': ['team-manager', 'decision-maker', 'support-worker'],
});

describe('sealed adoption records', () => {
  it('open for the partnership serving the council\'s adopted adults, and for no other partnership staff', () => {
    const adoptedAdults = { orgId: 'p-west-mercia', orgKind: 'partnership' as const, partnerships: ['p-west-mercia'], delivers: { 'adopted-adults': [HEREFORDSHIRE] }, grants: ['sealed-child:child-1'] };
    expect(childPolicy.can(actorIn('support-worker', adoptedAdults.orgId, adoptedAdults.orgKind), factsFor(adoptedAdults), 'view', sealed)).toBe(true);
    const familyFinding = { ...adoptedAdults, delivers: { 'post-order-support': [HEREFORDSHIRE] } };
    expect(childPolicy.can(actorIn('support-worker', familyFinding.orgId, familyFinding.orgKind), factsFor(familyFinding), 'view', sealed)).toBe(false);
  });

  it('stay shut to someone who opened one but may no longer open it', () => {
    const moved = { orgId: 'la-shropshire', orgKind: 'local-authority' as const, grants: ['sealed-child:child-1'] };
    expect(childPolicy.can(actorIn('team-manager', moved.orgId, moved.orgKind), factsFor(moved), 'view', sealed)).toBe(false);
  });
});

describe('child list scope', () => {
  it('admits exactly the children the view rule admits, for every role and situation', () => {
    const others = [
      { id: 'child-2', placingAuthorityId: 'la-shropshire' }, { id: 'child-3', placingAuthorityId: 'la-worcestershire' }, child,
      { id: 'child-4', placingAuthorityId: HEREFORDSHIRE, sealed: true }, { id: 'child-5', placingAuthorityId: HEREFORDSHIRE, sealed: true },
    ];
    for (const [name, s] of Object.entries(situations)) {
      for (const role of ['social-worker', 'team-manager', 'family-finder', 'decision-maker', 'analyst', 'admin', 'finance-officer'] as Role[]) {
        const actor = actorIn(role, s.orgId, s.orgKind);
        // Child 4 was opened today (an opening is a grant the person gives themselves); child 5 was not.
        const facts = factsFor({ ...s, grants: [...('grants' in s ? s.grants : []), 'sealed-child:child-4'] });
        const scope = childListScope(actor, facts);
        for (const c of others) {
          const inScope = scope !== null && (scope.ownerIds.includes(c.placingAuthorityId) || scope.grantedIds.includes(c.id));
          const listed = inScope && (!('sealed' in c) || scope.openedSealedIds.includes(c.id));
          expect(listed, `${role} / ${name} / ${c.id}`).toBe(childPolicy.can(actor, facts, 'view', c));
        }
      }
    }
  });
});
