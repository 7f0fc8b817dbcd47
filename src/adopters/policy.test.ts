import { describe, expect, it } from 'vitest';
import type { Role } from '../core/access.ts';
import { actorIn, describeAccessMatrix, factsFor } from '../core/testing/access-matrix.ts';
import { householdListScope, householdPolicy, poolScope } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const household = { id: 'h-1', ownerId: WEST_MERCIA, homeCouncilId: HEREFORDSHIRE, status: 'approved', ownerPartnerships: [WEST_MERCIA] };

const situations = {
  // Staff of the agency that owns the household (the partnership recruited and assesses it).
  'own organisation': { orgId: WEST_MERCIA, orgKind: 'partnership' as const, partnerships: [WEST_MERCIA], record: household },
  // Staff of a council in another partnership.
  'other authority': { orgId: 'la-thurrock', orgKind: 'local-authority' as const, partnerships: ['p-thurrock'], delivers: { assessment: ['la-thurrock'] }, record: household },
  // Staff of an organisation that delivers assessment for the household's home council today.
  'pooled function': { orgId: 'agency-x', orgKind: 'agency' as const, delivers: { assessment: [HEREFORDSHIRE] }, record: household },
  // A member council's staff: in the partnership, so family finders see the pool, but not the household's casework.
  'pool member': { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const, partnerships: [WEST_MERCIA], delivers: { 'family-finding': [HEREFORDSHIRE] }, record: household },
  // Staff of another council holding an explicit grant on this household.
  granted: { orgId: 'la-thurrock', orgKind: 'local-authority' as const, grants: ['household:h-1'], record: household },
};

const VIEW: Role[] = ['social-worker', 'team-manager', 'recruitment-officer', 'panel-adviser', 'decision-maker', 'training-coordinator'];
const DETAILS: Role[] = ['social-worker', 'team-manager', 'recruitment-officer'];
const STAGES: Role[] = ['social-worker', 'team-manager'];
const reaches = (s: string) => ['own organisation', 'pooled function', 'granted'].includes(s);

describeAccessMatrix(householdPolicy, situations, {
  view: (role, s) => VIEW.includes(role) && reaches(s),
  create: (role, s) => DETAILS.includes(role) && s === 'own organisation',
  update: (role, s) => DETAILS.includes(role) && reaches(s),
  'record-stage': (role, s) => STAGES.includes(role) && reaches(s),
  'record-decision': (role, s) => role === 'decision-maker' && reaches(s),
  'change-status': (role, s) => STAGES.includes(role) && reaches(s),
  'view-profile': (role, s) => (role === 'family-finder' && ['own organisation', 'pool member'].includes(s)) || (VIEW.includes(role) && reaches(s)),
});

describe('household list scope', () => {
  it('admits exactly the households the view rule admits, for every role and situation', () => {
    const others = [household, { ...household, id: 'h-2', ownerId: 'la-thurrock', homeCouncilId: 'la-thurrock' }, { ...household, id: 'h-3', ownerId: 'agency-y', homeCouncilId: null }];
    for (const [name, s] of Object.entries(situations)) {
      for (const role of ['social-worker', 'decision-maker', 'family-finder', 'admin', 'training-coordinator'] as Role[]) {
        const actor = actorIn(role, s.orgId, s.orgKind);
        const facts = factsFor(s);
        const scope = householdListScope(actor, facts);
        for (const h of others) {
          const listed = scope !== null && (scope.ownerIds.includes(h.ownerId) || (h.homeCouncilId !== null && scope.homeCouncilIds.includes(h.homeCouncilId)) || scope.grantedIds.includes(h.id));
          expect(listed, `${role} / ${name} / ${h.id}`).toBe(householdPolicy.can(actor, facts, 'view', h));
        }
      }
    }
  });

  it('opens the pool only to family finders, of the partnerships their organisation is in', () => {
    expect(poolScope(actorIn('family-finder', HEREFORDSHIRE, 'local-authority'), factsFor({ partnerships: [WEST_MERCIA] }))).toEqual([WEST_MERCIA]);
    expect(poolScope(actorIn('social-worker', HEREFORDSHIRE, 'local-authority'), factsFor({ partnerships: [WEST_MERCIA] }))).toEqual([]);
    // An approved household that is matched is out of the pool.
    expect(householdPolicy.can(actorIn('family-finder', HEREFORDSHIRE, 'local-authority'), factsFor({ partnerships: [WEST_MERCIA] }), 'view-profile', { ...household, status: 'matched' })).toBe(false);
  });
});
