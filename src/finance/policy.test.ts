// The finance policy, pure: which roles each action admits, a council's staff seeing only their
// own council, a partnership's staff its member councils only, and agencies nothing.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { councilsFor, financePolicy, mayUseFinance } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = { councilId: 'la-herefordshire', partnershipIds: [WEST_MERCIA] };
const THURROCK = { councilId: 'la-thurrock', partnershipIds: ['p-thurrock'] };

describe('role lists', () => {
  describeRoleLists(financePolicy, { orgId: 'la-herefordshire', orgKind: 'local-authority', record: HEREFORDSHIRE }, {
    view: ['finance-officer', 'analyst', 'team-manager', 'admin'],
    'edit-needs': ['finance-officer', 'analyst'],
    'edit-finance': ['finance-officer'],
  });
  describeRoleLists(financePolicy, { orgId: WEST_MERCIA, orgKind: 'partnership', partnerships: [WEST_MERCIA], record: HEREFORDSHIRE }, {
    view: ['finance-officer', 'analyst', 'team-manager', 'admin'],
    'edit-needs': ['finance-officer', 'analyst'],
    'edit-finance': ['finance-officer'],
  });
});

describe('whose figures', () => {
  it('a council\'s staff see their own council only', () => {
    const officer = actorIn('finance-officer', 'la-herefordshire', 'local-authority');
    const facts = factsFor({ partnerships: [WEST_MERCIA] });
    expect(councilsFor(officer, facts, [HEREFORDSHIRE, { councilId: 'la-shropshire', partnershipIds: [WEST_MERCIA] }, THURROCK])).toEqual(['la-herefordshire']);
  });

  it('a partnership\'s staff see its member councils, not another partnership\'s', () => {
    const analyst = actorIn('analyst', WEST_MERCIA, 'partnership');
    expect(councilsFor(analyst, factsFor({ partnerships: [WEST_MERCIA] }), [HEREFORDSHIRE, THURROCK])).toEqual(['la-herefordshire']);
    // A council that has left is no longer in the partnership's figures.
    expect(councilsFor(analyst, factsFor({ partnerships: [WEST_MERCIA] }), [{ councilId: 'la-havering', partnershipIds: [] }])).toEqual([]);
  });

  it('offers Finance to the four roles, and never to an agency', () => {
    expect(ROLES.filter((r) => mayUseFinance(actorIn(r, 'la-herefordshire', 'local-authority')))).toEqual(['team-manager', 'analyst', 'finance-officer', 'admin']);
    expect(mayUseFinance(actorIn('finance-officer', 'a-barnardos', 'agency'))).toBe(false);
    expect(financePolicy.can(actorIn('finance-officer', 'a-barnardos', 'agency'), factsFor({}), 'view', HEREFORDSHIRE)).toBe(false);
  });
});
