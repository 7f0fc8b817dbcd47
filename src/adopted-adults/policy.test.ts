// The policy for requests from adopted adults and their relatives, pure: which roles each action
// admits, the adopted adults function in the operating model (and no other) opening the owner's
// requests to whoever delivers it, grants on a request, and the list scope admitting exactly the
// requests the view rule does. Every relationship is tried through the service in access.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { adoptedAdultListScope, adoptedAdultPolicy, type AdoptedAdultRecord } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const COUNCILS = [HEREFORDSHIRE, 'la-thurrock', 'la-shropshire'];
const STAFF: Role[] = ['social-worker', 'team-manager', 'support-worker'];

describe('role lists', () => {
  describeRoleLists(adoptedAdultPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: { id: 'request-1', ownerId: HEREFORDSHIRE } }, {
    view: STAFF, open: STAFF, work: STAFF, close: STAFF,
  });
});

describe('the adopted adults policy', () => {
  const record: AdoptedAdultRecord = { id: 'request-1', ownerId: HEREFORDSHIRE };
  const worker = actorIn('support-worker', WEST_MERCIA, 'partnership');

  it('follows the adopted adults function to whoever delivers it for the owner today, and no other function', () => {
    expect(adoptedAdultPolicy.can(worker, factsFor({ delivers: { 'adopted-adults': [HEREFORDSHIRE] } }), 'work', record)).toBe(true);
    expect(adoptedAdultPolicy.can(worker, factsFor({ delivers: { 'post-order-support': [HEREFORDSHIRE], 'birth-family-support': [HEREFORDSHIRE] } }), 'view', record)).toBe(false);
  });

  it('lets a grant holder work on the request, but opens no request on a grant', () => {
    const other = actorIn('social-worker', 'la-shropshire', 'local-authority');
    expect(adoptedAdultPolicy.can(other, factsFor({ grants: ['adopted-adult-request:request-1'] }), 'close', record)).toBe(true);
    expect(adoptedAdultPolicy.can(other, factsFor({ grants: ['adopted-adult-request:request-1'] }), 'open', record)).toBe(false);
  });

  it('shows nothing to the owner\'s finance officers, analysts or panel members', () => {
    for (const role of ['finance-officer', 'analyst', 'panel-member'] as const) expect(adoptedAdultPolicy.can(actorIn(role, HEREFORDSHIRE, 'local-authority'), factsFor({}), 'view', record)).toBe(false);
  });
});

describe('the list scope equals the view rule', () => {
  const someRoles = fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 3 });
  const orgs = [WEST_MERCIA, ...COUNCILS];
  const person = fc.record({ roles: someRoles, org: fc.constantFrom(...orgs) }).map(({ roles, org }) => ({ ...actorIn(roles[0]!, org, org === WEST_MERCIA ? 'partnership' : 'local-authority'), roles }));
  it('for any person, delivery, grant and request', () => {
    fc.assert(fc.property(person, fc.subarray(COUNCILS), fc.boolean(), fc.constantFrom(...COUNCILS), (actor, delivered, granted, ownerId) => {
      const facts = factsFor({ delivers: { 'adopted-adults': delivered }, grants: granted ? ['adopted-adult-request:request-1'] : [] });
      const scope = adoptedAdultListScope(actor, facts);
      const inScope = scope !== null && (scope.ownerIds.includes(ownerId) || scope.grantedIds.includes('request-1'));
      expect(inScope).toBe(adoptedAdultPolicy.can(actor, facts, 'view', { id: 'request-1', ownerId }));
    }));
  });
});
