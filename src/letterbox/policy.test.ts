// The letterbox policies, pure: which roles each action admits, the operating model's post-order
// support and grants as the relationships, and the list scope as the same rule as 'view'. Every
// relationship is tried through the services in access.test.ts and exchanges-access.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { agreementListScope, agreementPolicy, exchangePolicy } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const ORGS = [WEST_MERCIA, HEREFORDSHIRE, 'la-shropshire'];
const SEES: Role[] = ['social-worker', 'team-manager', 'support-worker'];

describe('role lists', () => {
  const own = { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const, record: { id: 'a', ownerId: HEREFORDSHIRE } };
  describeRoleLists(agreementPolicy, own, { view: SEES, manage: ['social-worker', 'team-manager'] });
  describeRoleLists(exchangePolicy, own, { view: SEES, record: SEES });
});

describe('the agreement policy', () => {
  const agreement = { id: 'a', ownerId: HEREFORDSHIRE };

  it('follows whoever delivers the council\'s post-order support, not its family finding', () => {
    const coordinator = actorIn('support-worker', WEST_MERCIA, 'partnership');
    expect(agreementPolicy.can(coordinator, factsFor({ delivers: { 'post-order-support': [HEREFORDSHIRE] } }), 'view', agreement)).toBe(true);
    expect(agreementPolicy.can(coordinator, factsFor({ delivers: { 'family-finding': [HEREFORDSHIRE] } }), 'view', agreement)).toBe(false);
  });

  it('admits a grant on the agreement, and not on another', () => {
    const worker = actorIn('social-worker', 'la-shropshire', 'local-authority');
    expect(agreementPolicy.can(worker, factsFor({ grants: ['letterbox-agreement:a'] }), 'manage', agreement)).toBe(true);
    expect(agreementPolicy.can(worker, factsFor({ grants: ['letterbox-agreement:b', 'child:a'] }), 'view', agreement)).toBe(false);
  });
});

// For any person and any agreement, the scope admits the agreement exactly when 'view' does.
describe('the list scope equals the view rule', () => {
  const someRoles = fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 3 });
  const person = fc.record({ roles: someRoles, org: fc.constantFrom(...ORGS) }).map(({ roles, org }) => ({ ...actorIn(roles[0]!, org, org === WEST_MERCIA ? 'partnership' : 'local-authority'), roles }));
  const delivered = fc.subarray(ORGS);
  const granted = fc.subarray(['letterbox-agreement:a', 'letterbox-agreement:b', 'child:a']);

  it('agreements', () => {
    fc.assert(fc.property(person, fc.constantFrom(...ORGS), delivered, granted, (actor, ownerId, delivers, grants) => {
      const facts = factsFor({ delivers: { 'post-order-support': delivers }, grants });
      const scope = agreementListScope(actor, facts);
      const inScope = scope !== null && (scope.ownerIds.includes(ownerId) || scope.grantedIds.includes('a'));
      expect(inScope).toBe(agreementPolicy.can(actor, facts, 'view', { id: 'a', ownerId }));
    }));
  });
});
