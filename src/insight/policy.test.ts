// Insight's policy, pure: who may use it, whose councils' figures they see, and the list of
// councils agreeing with the rule and with the children list's councils for the same people.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { childListScope } from '../children/policy.ts';
import { INSIGHT_ROLES, insightCouncilIds, insightPolicy } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const SHROPSHIRE = 'la-shropshire';
const THURROCK = 'la-thurrock';
const INSIGHT = ['analyst', 'team-manager', 'decision-maker', 'finance-officer', 'admin'] as const;

describe('role lists', () => {
  describeRoleLists(insightPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: { councilId: HEREFORDSHIRE } }, { use: INSIGHT, 'see-council': INSIGHT });
});

describe('whose figures', () => {
  const pooled = factsFor({ partnerships: [WEST_MERCIA], delivers: { 'family-finding': [HEREFORDSHIRE, SHROPSHIRE], recruitment: [THURROCK] } });

  it('gives a council\'s staff their own council only', () => {
    const analyst = actorIn('analyst', HEREFORDSHIRE, 'local-authority');
    expect(insightPolicy.can(analyst, factsFor({}), 'see-council', { councilId: HEREFORDSHIRE })).toBe(true);
    expect(insightPolicy.can(analyst, factsFor({}), 'see-council', { councilId: SHROPSHIRE })).toBe(false);
    expect(insightCouncilIds(analyst, factsFor({}))).toEqual([HEREFORDSHIRE]);
  });

  it('gives a partnership\'s staff the councils whose children it works with, not those it only recruits for', () => {
    const finance = actorIn('finance-officer', WEST_MERCIA, 'partnership');
    expect(insightCouncilIds(finance, pooled).sort()).toEqual([HEREFORDSHIRE, SHROPSHIRE]);
    expect(insightPolicy.can(finance, pooled, 'see-council', { councilId: THURROCK })).toBe(false);
    // A grant on one child is not a council.
    expect(insightCouncilIds(finance, factsFor({ grants: ['child:c-1'] }))).toEqual([]);
  });

  it('lists exactly the councils the rule admits, and the children list\'s councils for those who see children', () => {
    for (const role of ROLES) {
      for (const [orgId, kind] of [[HEREFORDSHIRE, 'local-authority'], [WEST_MERCIA, 'partnership']] as const) {
        const actor = actorIn(role, orgId, kind);
        const listed = insightCouncilIds(actor, pooled).sort();
        const admitted = [HEREFORDSHIRE, SHROPSHIRE, THURROCK].filter((councilId) => insightPolicy.can(actor, pooled, 'see-council', { councilId })).sort();
        expect(listed, `${role} at ${orgId}`).toEqual(admitted);
        const children = childListScope(actor, pooled);
        if (children && INSIGHT_ROLES.includes(role)) expect(listed, `${role} at ${orgId}`).toEqual([...children.ownerIds].sort());
      }
    }
  });
});
