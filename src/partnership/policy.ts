// Who may do what with a partnership. Partnership records are not personal data: anyone in
// the partnership today may read its overview and operating model; only the partnership's
// own administrators change memberships and the operating model.
import { hasRole } from '../core/access.ts';
import { Policy } from '../core/policy.ts';

export interface PartnershipRecord {
  id: string;
}

export type PartnershipAction = 'view' | 'change-membership' | 'change-operating-model';

export const partnershipPolicy = new Policy<PartnershipRecord, PartnershipAction>('partnership')
  .allow('view', (_actor, facts, p) => facts.partnerships.has(p.id))
  .allow('change-membership', (actor, _facts, p) => actor.orgId === p.id && hasRole(actor, 'admin'))
  .allow('change-operating-model', (actor, _facts, p) => actor.orgId === p.id && hasRole(actor, 'admin'));
