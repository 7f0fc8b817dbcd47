import { describe, expect, it } from 'vitest';
import type { Role } from '../core/access.ts';
import { actorIn, describeAccessMatrix, factsFor } from '../core/testing/access-matrix.ts';
import { BOOKERS, trainingPolicy } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const partnershipCourse = { id: 'course-1', organiserId: WEST_MERCIA, partnershipIds: [WEST_MERCIA] };
const councilCourse = { id: 'course-2', organiserId: HEREFORDSHIRE, partnershipIds: [WEST_MERCIA] };

const situations = {
  // The partnership's own staff, on a course the partnership organises.
  'own organisation': { orgId: WEST_MERCIA, orgKind: 'partnership' as const, partnerships: [WEST_MERCIA], delivers: { training: [HEREFORDSHIRE] }, record: partnershipCourse },
  // Staff of a member council, on the partnership's course.
  'other authority': { orgId: 'la-shropshire', orgKind: 'local-authority' as const, partnerships: [WEST_MERCIA], delivers: { assessment: ['la-shropshire'] }, record: partnershipCourse },
  // Partnership staff on a course Herefordshire organises while the partnership delivers its training.
  'pooled function': { orgId: WEST_MERCIA, orgKind: 'partnership' as const, partnerships: [WEST_MERCIA], delivers: { training: [HEREFORDSHIRE] }, record: councilCourse },
  // Staff of a council in another partnership.
  'outside the partnership': { orgId: 'la-thurrock', orgKind: 'local-authority' as const, partnerships: ['p-thurrock'], delivers: { training: ['la-thurrock'] }, record: partnershipCourse },
  // The same, holding an explicit grant on the course.
  granted: { orgId: 'la-thurrock', orgKind: 'local-authority' as const, partnerships: ['p-thurrock'], grants: ['training-course:course-1'], record: partnershipCourse },
};

const inPartnership = (s: string) => ['own organisation', 'other authority', 'pooled function'].includes(s);
const runs = (role: Role, s: string) => role === 'training-coordinator' && ['own organisation', 'pooled function'].includes(s);

describeAccessMatrix(trainingPolicy, situations, {
  view: (_role, s) => inPartnership(s) || s === 'granted',
  'view-bookings': (role, s) => BOOKERS.includes(role) && inPartnership(s),
  book: (role, s) => BOOKERS.includes(role) && inPartnership(s),
  manage: runs,
  'record-attendance': runs,
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
