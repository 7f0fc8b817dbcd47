import { describeAccessMatrix } from '../core/testing/access-matrix.ts';
import { auditPolicy } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';
const scope = { organisationId: HEREFORDSHIRE };

describeAccessMatrix(auditPolicy, {
  'own authority': { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: scope },
  'other authority': { orgId: 'la-shropshire', orgKind: 'local-authority', record: scope },
  'pooled function': { orgId: 'p-west-mercia', orgKind: 'partnership', delivers: { recruitment: [HEREFORDSHIRE] }, record: scope },
  granted: { orgId: 'la-shropshire', orgKind: 'local-authority', grants: [`audit-log:${HEREFORDSHIRE}`], record: scope },
}, {
  search: (role, s) => role === 'admin' && s === 'own authority',
});
