import { describe, expect, it } from 'vitest';
import type { Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
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

// Family finders see the households they work with: their own agency's, and those a link grants them.
const VIEW: Role[] = ['social-worker', 'team-manager', 'recruitment-officer', 'panel-adviser', 'decision-maker', 'training-coordinator', 'family-finder'];
const DETAILS: Role[] = ['social-worker', 'team-manager', 'recruitment-officer'];
const STAGES: Role[] = ['social-worker', 'team-manager'];

// Which roles each action admits, on the owning agency's own household. Every relationship (own,
// delivered, granted, unrelated, left the partnership) is tried through the service in access.test.ts.
describeRoleLists(householdPolicy, situations['own organisation'], {
  view: VIEW,
  create: DETAILS,
  update: DETAILS,
  'record-stage': STAGES,
  'record-decision': ['decision-maker'],
  'change-status': STAGES,
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
    // A council that has left its partnership is in no pool.
    expect(poolScope(actorIn('family-finder', 'la-havering', 'local-authority'), factsFor({ partnerships: [] }))).toEqual([]);
  });
});
