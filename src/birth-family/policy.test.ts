// The birth family support policy, pure: which roles each action admits, that it follows the
// operating model's birth family support (not post-order support or family finding), that a grant
// works on a case but opens none, and that the list scope admits exactly the cases the view rule
// does. Every relationship is tried through the service in access.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { birthFamilyListScope, birthFamilyPolicy, openScope, type BirthFamilyRecord } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const THURROCK = 'la-thurrock';
const COUNCILS = [HEREFORDSHIRE, THURROCK, 'la-shropshire'];
const CASE: BirthFamilyRecord = { id: 'case-1', ownerId: HEREFORDSHIRE };

describe('role lists', () => {
  describeRoleLists(birthFamilyPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: CASE }, {
    view: ['support-worker', 'social-worker', 'team-manager'],
    open: ['support-worker', 'social-worker', 'team-manager'],
    work: ['support-worker', 'social-worker', 'team-manager'],
    close: ['support-worker', 'team-manager'],
  });
});

describe('the birth family support policy', () => {
  it('follows birth family support in the operating model to whoever delivers it for the owner', () => {
    const worker = actorIn('support-worker', WEST_MERCIA, 'partnership');
    expect(birthFamilyPolicy.can(worker, factsFor({ delivers: { 'birth-family-support': [HEREFORDSHIRE] } }), 'work', CASE)).toBe(true);
    expect(birthFamilyPolicy.can(worker, factsFor({ delivers: { 'birth-family-support': [HEREFORDSHIRE] } }), 'open', CASE)).toBe(true);
    expect(birthFamilyPolicy.can(worker, factsFor({ delivers: { 'post-order-support': [HEREFORDSHIRE], 'family-finding': [HEREFORDSHIRE] } }), 'view', CASE)).toBe(false);
  });

  it('opens no case on a grant: a grant is on a case that exists', () => {
    const worker = actorIn('support-worker', 'la-shropshire', 'local-authority');
    const facts = factsFor({ grants: ['birth-family-case:case-1'] });
    expect(birthFamilyPolicy.can(worker, facts, 'work', CASE)).toBe(true);
    expect(birthFamilyPolicy.can(worker, facts, 'open', CASE)).toBe(false);
    expect(openScope(worker, facts)).not.toContain(HEREFORDSHIRE);
  });
});

describe('the list scope equals the view rule', () => {
  const someRoles = fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 3 });
  const orgs = [WEST_MERCIA, ...COUNCILS];
  const person = fc.record({ roles: someRoles, org: fc.constantFrom(...orgs) }).map(({ roles, org }) => ({ ...actorIn(roles[0]!, org, org === WEST_MERCIA ? 'partnership' : 'local-authority'), roles }));
  it('for any person, delivery, grant and case', () => {
    fc.assert(fc.property(person, fc.subarray(COUNCILS), fc.boolean(), fc.constantFrom(...COUNCILS), (actor, delivered, granted, ownerId) => {
      const facts = factsFor({ delivers: { 'birth-family-support': delivered }, grants: granted ? ['birth-family-case:case-1'] : [] });
      const scope = birthFamilyListScope(actor, facts);
      const inScope = scope !== null && (scope.ownerIds.includes(ownerId) || scope.grantedIds.includes('case-1'));
      expect(inScope).toBe(birthFamilyPolicy.can(actor, facts, 'view', { id: 'case-1', ownerId }));
    }));
  });

  it('and the councils a person may open for equal the open rule', () => {
    fc.assert(fc.property(person, fc.subarray(COUNCILS), fc.constantFrom(...COUNCILS), (actor, delivered, ownerId) => {
      const facts = factsFor({ delivers: { 'birth-family-support': delivered } });
      expect(openScope(actor, facts).includes(ownerId)).toBe(birthFamilyPolicy.can(actor, facts, 'open', { id: '', ownerId }));
    }));
  });
});
