import { describe, expect, it } from 'vitest';
import { ROLES } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { BOOKERS, trainingPolicy } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const partnershipCourse = { id: 'course-1', organiserId: WEST_MERCIA, partnershipIds: [WEST_MERCIA] };
const councilCourse = { id: 'course-2', organiserId: HEREFORDSHIRE, partnershipIds: [WEST_MERCIA] };

// Which roles each action admits, on the partnership's own course. Every relationship (own,
// delivered, granted, unrelated, left the partnership), and for bookings the household's
// visibility too, is tried through the service in access.test.ts.
describeRoleLists(trainingPolicy, { orgId: WEST_MERCIA, orgKind: 'partnership', partnerships: [WEST_MERCIA], delivers: { training: [HEREFORDSHIRE] }, record: partnershipCourse }, {
  view: ROLES,
  'view-bookings': BOOKERS,
  book: BOOKERS,
  cancel: BOOKERS,
  manage: ['training-coordinator'],
  'record-attendance': ['training-coordinator'],
});

describe('training policy', () => {
  it('lets a council training coordinator run its own courses but not the partnership\'s', () => {
    const actor = actorIn('training-coordinator', HEREFORDSHIRE, 'local-authority');
    const facts = factsFor({ partnerships: [WEST_MERCIA] });
    expect(trainingPolicy.can(actor, facts, 'manage', councilCourse)).toBe(true);
    expect(trainingPolicy.can(actor, facts, 'manage', partnershipCourse)).toBe(false);
    expect(trainingPolicy.can(actor, facts, 'view', partnershipCourse)).toBe(true);
  });

  it('a council that has left the partnership no longer sees its courses', () => {
    const actor = actorIn('social-worker', 'la-havering', 'local-authority');
    expect(trainingPolicy.can(actor, factsFor({ partnerships: [] }), 'view', { id: 'c', organiserId: 'p-thurrock', partnershipIds: ['p-thurrock'] })).toBe(false);
  });
});
