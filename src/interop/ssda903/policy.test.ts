import { describeAccessMatrix } from '../../core/testing/access-matrix.ts';
import { returnPolicy } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';
const record = { councilId: HEREFORDSHIRE };

const situations = {
  'own council': { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const, record },
  'other council': { orgId: 'la-shropshire', orgKind: 'local-authority' as const, partnerships: ['p-west-mercia'], record },
  // Even when the partnership delivers every function for the council, the return stays the council's.
  'pooled partnership': { orgId: 'p-west-mercia', orgKind: 'partnership' as const, partnerships: ['p-west-mercia'], delivers: { 'family-finding': [HEREFORDSHIRE], 'placement-support': [HEREFORDSHIRE] }, record },
  granted: { orgId: 'la-shropshire', orgKind: 'local-authority' as const, grants: ['child:c-1'], record },
};

const own = (role: string, s: string) => ['analyst', 'admin'].includes(role) && s === 'own council';

describeAccessMatrix(returnPolicy, situations, { import: own, export: own, 'view-runs': own });
