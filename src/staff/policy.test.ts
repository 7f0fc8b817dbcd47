import { describe, expect, it } from 'vitest';
import { ROLES } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { grantPolicy, staffPolicy } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';
const herefordshire = { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const };

// Which roles each action admits, on a colleague's account in the person's own council, and on a
// record the council owns. Every relationship (own, delivered, granted, unrelated, left the
// partnership) is tried through the service in access.test.ts.
describeRoleLists(staffPolicy, { ...herefordshire, record: { id: 'staff-colleague', organisationId: HEREFORDSHIRE } }, {
  view: ['admin'],
  add: ['admin'],
  // Credentials are managed by their owner alone: on a colleague's account, no role.
  'manage-own-credentials': [],
});

describeRoleLists(grantPolicy, { ...herefordshire, record: { ownerId: HEREFORDSHIRE } }, {
  grant: ['team-manager', 'admin'],
  revoke: ['team-manager', 'admin'],
});

describe('a person\'s own account', () => {
  it('is theirs to see and to manage the credentials of, whatever their role', () => {
    for (const role of ROLES) {
      const actor = actorIn(role, HEREFORDSHIRE, 'local-authority');
      const own = { id: actor.staffId, organisationId: HEREFORDSHIRE };
      expect(staffPolicy.can(actor, factsFor({}), 'view', own), role).toBe(true);
      expect(staffPolicy.can(actor, factsFor({}), 'manage-own-credentials', own), role).toBe(true);
    }
  });

  it('is one person\'s: people of different roles or organisations have different ids', () => {
    const ids = ROLES.flatMap((role) => [actorIn(role, HEREFORDSHIRE, 'local-authority'), actorIn(role, 'la-shropshire', 'local-authority')].map((a) => a.staffId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
