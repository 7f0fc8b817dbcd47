import { describe, expect, it } from 'vitest';
import type { Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { enquiryListScope, enquiryPolicy, funnelScope } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
// An enquiry that arrived at the partnership's front door (Option 3: recruitment pooled).
const atPartnership = { id: 'enquiry-1', frontDoorId: WEST_MERCIA };
// An enquiry Herefordshire's own front door received (before recruitment was pooled).
const atCouncil = { id: 'enquiry-2', frontDoorId: HEREFORDSHIRE };

const situations = {
  // Staff of the organisation whose front door received it.
  'own front door': { orgId: WEST_MERCIA, orgKind: 'partnership' as const, partnerships: [WEST_MERCIA], delivers: { recruitment: [HEREFORDSHIRE] }, record: atPartnership },
  // Staff of a council whose resident enquired at the partnership: not theirs.
  'other authority': { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const, partnerships: [WEST_MERCIA], delivers: { 'family-finding': [HEREFORDSHIRE] }, record: atPartnership },
  // Partnership staff, on a council's own enquiry, while the partnership delivers the council's recruitment.
  pooled: { orgId: WEST_MERCIA, orgKind: 'partnership' as const, partnerships: [WEST_MERCIA], delivers: { recruitment: [HEREFORDSHIRE] }, record: atCouncil },
  // Partnership staff while the council keeps recruitment (Option 1): the council's enquiry is not theirs.
  'retained function': { orgId: WEST_MERCIA, orgKind: 'partnership' as const, partnerships: [WEST_MERCIA], delivers: { 'post-order-support': [HEREFORDSHIRE] }, record: atCouncil },
  // Staff of another council holding an explicit grant on this enquiry.
  granted: { orgId: 'la-shropshire', orgKind: 'local-authority' as const, grants: ['enquiry:enquiry-1'], record: atPartnership },
};

const VIEW: Role[] = ['recruitment-officer', 'team-manager', 'social-worker'];

// Which roles each action admits, at the person's own front door. Every relationship (own,
// delivered, granted, unrelated, left the partnership) is tried through the service in access.test.ts.
describeRoleLists(enquiryPolicy, situations['own front door'], {
  view: VIEW,
  work: VIEW,
  'decide-roi': ['recruitment-officer', 'team-manager'],
  'view-funnel': ['analyst', 'team-manager', 'recruitment-officer'],
});

describe('enquiry list and funnel scopes', () => {
  it('admit exactly what the view and view-funnel rules admit, for every role and situation', () => {
    const records = [atPartnership, atCouncil, { id: 'enquiry-3', frontDoorId: 'la-shropshire' }, { id: 'enquiry-4', frontDoorId: 'p-thurrock' }];
    for (const [name, s] of Object.entries(situations)) {
      for (const role of ['recruitment-officer', 'social-worker', 'analyst', 'team-manager', 'admin', 'family-finder'] as Role[]) {
        const actor = actorIn(role, s.orgId, s.orgKind);
        const facts = factsFor(s);
        const scope = enquiryListScope(actor, facts);
        const funnel = funnelScope(actor, facts);
        for (const e of records) {
          const listed = scope !== null && (scope.ownerIds.includes(e.frontDoorId) || scope.grantedIds.includes(e.id));
          expect(listed, `${role} / ${name} / ${e.id}`).toBe(enquiryPolicy.can(actor, facts, 'view', e));
          expect(funnel !== null && funnel.includes(e.frontDoorId), `funnel ${role} / ${name} / ${e.id}`).toBe(enquiryPolicy.can(actor, facts, 'view-funnel', e));
        }
      }
    }
  });
});
