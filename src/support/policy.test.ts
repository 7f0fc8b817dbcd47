// The support policy, pure: which roles each action admits, the child's own council's caseworkers
// keeping the case after responsibility moves, allowances following financial support, and the
// list scope admitting exactly the cases the view rule does. Every relationship is tried through
// the service in access.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { allowancePolicy, supportListScope, supportPolicy, type SupportCaseRecord } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const THURROCK = 'la-thurrock';
const COUNCILS = [HEREFORDSHIRE, THURROCK, 'la-shropshire'];

describe('role lists', () => {
  describeRoleLists(supportPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: { id: 'case-1', ownerId: HEREFORDSHIRE, childCouncilId: HEREFORDSHIRE } }, {
    view: ['support-worker', 'social-worker', 'team-manager', 'finance-officer'],
    open: ['support-worker', 'social-worker', 'team-manager'],
    work: ['support-worker', 'social-worker', 'team-manager'],
    'record-decision': ['team-manager', 'finance-officer'],
  });
  describeRoleLists(allowancePolicy, { orgId: WEST_MERCIA, orgKind: 'partnership', delivers: { 'financial-support': [HEREFORDSHIRE] }, record: { payerId: HEREFORDSHIRE } }, {
    view: ['support-worker', 'social-worker', 'team-manager', 'finance-officer'],
    manage: ['finance-officer', 'team-manager'],
  });
});

describe('the support policy', () => {
  // Three years after the order, a family living in Thurrock is Thurrock's to support.
  const moved: SupportCaseRecord = { id: 'case-1', ownerId: THURROCK, childCouncilId: HEREFORDSHIRE };

  it('follows post-order support in the operating model to whoever delivers it for the responsible council', () => {
    const worker = actorIn('support-worker', WEST_MERCIA, 'partnership');
    expect(supportPolicy.can(worker, factsFor({ delivers: { 'post-order-support': [HEREFORDSHIRE] } }), 'work', { ...moved, ownerId: HEREFORDSHIRE })).toBe(true);
    expect(supportPolicy.can(worker, factsFor({ delivers: { 'post-order-support': [HEREFORDSHIRE] } }), 'view', moved)).toBe(false);
    expect(supportPolicy.can(worker, factsFor({ delivers: { 'family-finding': [HEREFORDSHIRE, THURROCK] } }), 'view', moved)).toBe(false);
  });

  it('keeps the case with the child\'s own council\'s caseworkers, but not its other staff, once responsibility moves', () => {
    expect(supportPolicy.can(actorIn('social-worker', HEREFORDSHIRE, 'local-authority'), factsFor({}), 'work', moved)).toBe(true);
    expect(supportPolicy.can(actorIn('support-worker', HEREFORDSHIRE, 'local-authority'), factsFor({}), 'view', moved)).toBe(false);
    expect(supportPolicy.can(actorIn('finance-officer', HEREFORDSHIRE, 'local-authority'), factsFor({}), 'view', moved)).toBe(false);
  });

  it('opens no case on a grant: a grant is on a case that exists', () => {
    const worker = actorIn('support-worker', 'la-shropshire', 'local-authority');
    expect(supportPolicy.can(worker, factsFor({ grants: ['support-case:case-1'] }), 'work', moved)).toBe(true);
    expect(supportPolicy.can(worker, factsFor({ grants: ['support-case:case-1'] }), 'open', moved)).toBe(false);
  });
});

describe('the list scope equals the view rule', () => {
  const someRoles = fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 3 });
  const orgs = [WEST_MERCIA, ...COUNCILS];
  const person = fc.record({ roles: someRoles, org: fc.constantFrom(...orgs) }).map(({ roles, org }) => ({ ...actorIn(roles[0]!, org, org === WEST_MERCIA ? 'partnership' : 'local-authority'), roles }));
  it('for any person, delivery, grant and case', () => {
    fc.assert(fc.property(person, fc.subarray(COUNCILS), fc.boolean(), fc.constantFrom(...COUNCILS), fc.constantFrom(...COUNCILS), (actor, delivered, granted, ownerId, childCouncilId) => {
      const facts = factsFor({ delivers: { 'post-order-support': delivered }, grants: granted ? ['support-case:case-1'] : [] });
      const record: SupportCaseRecord = { id: 'case-1', ownerId, childCouncilId };
      const scope = supportListScope(actor, facts);
      const inScope = scope !== null && (scope.ownerIds.includes(ownerId) || scope.childCouncilIds.includes(childCouncilId) || scope.grantedIds.includes('case-1'));
      expect(inScope).toBe(supportPolicy.can(actor, facts, 'view', record));
    }));
  });
});
