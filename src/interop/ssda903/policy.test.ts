import { describeRoleLists } from '../../core/testing/access-matrix.ts';
import { returnPolicy } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';

// Which roles each action admits, on the council's own return. Every relationship (own, the
// partnership that delivers all its functions, a grant on one of its children, another council,
// a partnership the council left) is tried through the service in access.test.ts.
describeRoleLists(returnPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: { councilId: HEREFORDSHIRE } }, {
  import: ['analyst', 'admin'],
  export: ['analyst', 'admin'],
  'view-runs': ['analyst', 'admin'],
});
