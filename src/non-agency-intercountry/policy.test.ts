// The non-agency and inter-country policies, pure: which roles each action admits, the function
// followed through the operating model, grants by record type, and the list scope admitting
// exactly the records the view rule does. Every relationship is tried through the services in
// access.test.ts and intercountry-access.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { adoptionListScope, councilsToOpenFor, intercountryPolicy, nonAgencyPolicy, type AdoptionRecordType } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const COUNCILS = [HEREFORDSHIRE, 'la-thurrock', 'la-shropshire'];
const ROLE_LISTS: Record<'view' | 'open' | 'work' | 'close', readonly Role[]> = {
  view: ['social-worker', 'team-manager', 'support-worker'],
  open: ['social-worker', 'team-manager'],
  work: ['social-worker', 'team-manager'],
  close: ['team-manager'],
};

describe('role lists', () => {
  describeRoleLists(nonAgencyPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: { id: 'case-1', ownerId: HEREFORDSHIRE } }, ROLE_LISTS);
  describeRoleLists(intercountryPolicy, { orgId: WEST_MERCIA, orgKind: 'partnership', delivers: { 'non-agency-intercountry': [HEREFORDSHIRE] }, record: { id: 'case-1', ownerId: HEREFORDSHIRE } }, ROLE_LISTS);
});

describe('the policies', () => {
  const record = { id: 'case-1', ownerId: HEREFORDSHIRE };
  it('follow the non-agency and inter-country function, and no other, to whoever delivers it for the owner', () => {
    const worker = actorIn('social-worker', WEST_MERCIA, 'partnership');
    expect(nonAgencyPolicy.can(worker, factsFor({ delivers: { 'non-agency-intercountry': [HEREFORDSHIRE] } }), 'work', record)).toBe(true);
    expect(nonAgencyPolicy.can(worker, factsFor({ delivers: { 'post-order-support': [HEREFORDSHIRE], 'family-finding': [HEREFORDSHIRE] } }), 'view', record)).toBe(false);
  });

  it('keep each record type\'s grants to itself, and open nothing on a grant', () => {
    const worker = actorIn('social-worker', 'la-shropshire', 'local-authority');
    const facts = factsFor({ grants: ['non-agency-adoption:case-1'] });
    expect(nonAgencyPolicy.can(worker, facts, 'work', record)).toBe(true);
    expect(intercountryPolicy.can(worker, facts, 'view', record)).toBe(false);
    expect(nonAgencyPolicy.can(worker, facts, 'open', record)).toBe(false);
  });

  it('offer a worker their own council and the councils their organisation delivers for', () => {
    expect(councilsToOpenFor(actorIn('social-worker', WEST_MERCIA, 'partnership'), factsFor({ delivers: { 'non-agency-intercountry': [HEREFORDSHIRE] } })).sort()).toEqual([HEREFORDSHIRE, WEST_MERCIA].sort());
    expect(councilsToOpenFor(actorIn('support-worker', HEREFORDSHIRE, 'local-authority'), factsFor({}))).toEqual([]);
  });
});

describe('the list scope equals the view rule', () => {
  const someRoles = fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 3 });
  const orgs = [WEST_MERCIA, ...COUNCILS];
  const person = fc.record({ roles: someRoles, org: fc.constantFrom(...orgs) }).map(({ roles, org }) => ({ ...actorIn(roles[0]!, org, org === WEST_MERCIA ? 'partnership' : 'local-authority'), roles }));
  for (const [type, policy] of [['non-agency-adoption', nonAgencyPolicy], ['intercountry-adoption', intercountryPolicy]] as const) {
    it(`for any person, delivery, grant and ${type}`, () => {
      fc.assert(fc.property(person, fc.subarray(COUNCILS), fc.constantFrom<AdoptionRecordType | null>('non-agency-adoption', 'intercountry-adoption', null), fc.constantFrom(...COUNCILS), (actor, delivered, grantType, ownerId) => {
        const facts = factsFor({ delivers: { 'non-agency-intercountry': delivered }, grants: grantType ? [`${grantType}:case-1`] : [] });
        const scope = adoptionListScope(type, actor, facts);
        const inScope = scope !== null && (scope.ownerIds.includes(ownerId) || scope.grantedIds.includes('case-1'));
        expect(inScope).toBe(policy.can(actor, facts, 'view', { id: 'case-1', ownerId }));
      }));
    });
  }
});
