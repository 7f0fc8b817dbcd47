import { ROLES } from '../core/access.ts';
import { describeRoleLists } from '../core/testing/access-matrix.ts';
import { partnershipPolicy } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';

// Which roles each action admits, for the partnership's own staff. Every relationship (own, a
// member council, another partnership, a council that has left; nothing can be granted on a
// partnership) is tried through the service in access.test.ts.
describeRoleLists(partnershipPolicy, { orgId: WEST_MERCIA, orgKind: 'partnership', partnerships: [WEST_MERCIA], record: { id: WEST_MERCIA } }, {
  view: ROLES,
  'change-membership': ['admin'],
  'change-operating-model': ['admin'],
});
