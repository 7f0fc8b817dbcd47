import { describeAccessMatrix } from '../core/testing/access-matrix.ts';
import { partnershipPolicy } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const record = { id: WEST_MERCIA };

describeAccessMatrix(partnershipPolicy, {
  // Staff of the partnership itself.
  'own organisation': { orgId: WEST_MERCIA, orgKind: 'partnership', partnerships: [WEST_MERCIA], record },
  // Staff of a member council (its pooled functions are delivered by the partnership).
  'member council, pooled': { orgId: 'la-herefordshire', orgKind: 'local-authority', partnerships: [WEST_MERCIA], delivers: { 'family-finding': ['la-herefordshire'] }, record },
  // Staff of an affiliated agency.
  'affiliated agency': { orgId: 'va-barnardos', orgKind: 'agency', partnerships: [WEST_MERCIA], record },
  // Staff of a council in no partnership with it, or that has left.
  'other authority': { orgId: 'la-havering', orgKind: 'local-authority', partnerships: [], record },
  // A grant on the partnership record does not make someone a member or an administrator.
  granted: { orgId: 'la-havering', orgKind: 'local-authority', partnerships: [], grants: [`partnership:${WEST_MERCIA}`], record },
}, {
  view: (_role, s) => ['own organisation', 'member council, pooled', 'affiliated agency'].includes(s),
  'change-membership': (role, s) => role === 'admin' && s === 'own organisation',
  'change-operating-model': (role, s) => role === 'admin' && s === 'own organisation',
});
