import { describeAccessMatrix } from '../core/testing/access-matrix.ts';
import { grantPolicy, staffPolicy } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';
const colleague = { id: 'staff-colleague', organisationId: HEREFORDSHIRE };

describeAccessMatrix(staffPolicy, {
  'own authority': { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: colleague },
  'other authority': { orgId: 'la-shropshire', orgKind: 'local-authority', record: colleague },
  // The partnership delivers pooled functions for Herefordshire, but its staff do not manage Herefordshire's people.
  'pooled function': { orgId: 'p-west-mercia', orgKind: 'partnership', delivers: { recruitment: [HEREFORDSHIRE] }, record: colleague },
  granted: { orgId: 'la-shropshire', orgKind: 'local-authority', grants: ['staff:staff-colleague'], record: colleague },
}, {
  view: (role, s) => role === 'admin' && s === 'own authority',
  add: (role, s) => role === 'admin' && s === 'own authority',
  'manage-own-credentials': () => false,
});

const childOfHerefordshire = { ownerId: HEREFORDSHIRE };

describeAccessMatrix(grantPolicy, {
  'own authority': { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: childOfHerefordshire },
  'other authority': { orgId: 'la-shropshire', orgKind: 'local-authority', record: childOfHerefordshire },
  'pooled function': { orgId: 'p-west-mercia', orgKind: 'partnership', delivers: { 'family-finding': [HEREFORDSHIRE] }, record: childOfHerefordshire },
  // Holding a grant on a record does not let you pass it on.
  granted: { orgId: 'la-shropshire', orgKind: 'local-authority', grants: ['child:c-1'], record: childOfHerefordshire },
}, {
  grant: (role, s) => ['team-manager', 'admin'].includes(role) && s === 'own authority',
  revoke: (role, s) => ['team-manager', 'admin'].includes(role) && s === 'own authority',
});
