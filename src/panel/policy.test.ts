import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { decisionListScope, decisionPolicy, meetingListScope, meetingPolicy, panelListScope, panelPolicy, type MeetingRecord, type PanelRecord } from './policy.ts';

const WEST_MERCIA = 'p-west-mercia';
const HEREFORDSHIRE = 'la-herefordshire';
const ORGS = [WEST_MERCIA, HEREFORDSHIRE, 'la-shropshire'];

// Which roles each action admits where the relationship allows it: the person's own organisation's
// panel, with the person a member of it and expected at the meeting. Every relationship is tried
// through the services in access.test.ts, agenda-access.test.ts and decisions-access.test.ts.
describe('role lists', () => {
  describeRoleLists(panelPolicy, {
    orgId: WEST_MERCIA, orgKind: 'partnership', partnerships: [WEST_MERCIA], record: (a) => ({ id: 'panel-1', ownerId: WEST_MERCIA, memberStaffIds: [a.staffId] }),
  }, { view: ['panel-adviser', 'panel-member'], manage: ['panel-adviser'] });
  describeRoleLists(meetingPolicy, {
    orgId: WEST_MERCIA, orgKind: 'partnership', record: (a) => ({ id: 'meeting-1', panelOwnerId: WEST_MERCIA, expectedStaffIds: [a.staffId], papersUntil: '2026-11-30' }),
  }, { view: ['panel-adviser', 'panel-member'], 'view-papers': ['panel-member'], manage: ['panel-adviser'] });
  describeRoleLists(decisionPolicy, { orgId: HEREFORDSHIRE, orgKind: 'local-authority', record: { id: 'item-1', agencyId: HEREFORDSHIRE } }, {
    view: ['decision-maker'], decide: ['decision-maker'],
  });
});

describe('the panel policy', () => {
  it('lets a member read a meeting\'s papers to the set day and not after, and only their own meeting\'s', () => {
    const member = actorIn('panel-member', WEST_MERCIA, 'partnership');
    const meeting: MeetingRecord = { id: 'm', panelOwnerId: WEST_MERCIA, expectedStaffIds: [member.staffId], papersUntil: '2026-11-23' };
    expect(meetingPolicy.can(member, factsFor({}, '2026-11-23'), 'view-papers', meeting)).toBe(true);
    expect(meetingPolicy.can(member, factsFor({}, '2026-11-24'), 'view-papers', meeting)).toBe(false);
    expect(meetingPolicy.can(member, factsFor({}, '2026-11-24'), 'view', meeting)).toBe(false);
    expect(meetingPolicy.can(member, factsFor({}, '2026-11-20'), 'view-papers', { ...meeting, expectedStaffIds: ['someone-else'] })).toBe(false);
  });

  it('lets only the owner\'s advisers run a panel, whoever the operating model gives the council\'s panel to', () => {
    const adviser = actorIn('panel-adviser', WEST_MERCIA, 'partnership');
    const facts = factsFor({ partnerships: [WEST_MERCIA], delivers: { panel: [HEREFORDSHIRE] } });
    expect(panelPolicy.can(adviser, facts, 'manage', { id: 'p', ownerId: WEST_MERCIA, memberStaffIds: [] })).toBe(true);
    expect(panelPolicy.can(adviser, facts, 'view', { id: 'p', ownerId: HEREFORDSHIRE, memberStaffIds: [] })).toBe(false);
  });

  it('gives nothing for a grant on a panel', () => {
    const worker = actorIn('social-worker', HEREFORDSHIRE, 'local-authority');
    expect(panelPolicy.can(worker, factsFor({ grants: ['panel:p'] }), 'view', { id: 'p', ownerId: WEST_MERCIA, memberStaffIds: [] })).toBe(false);
  });
});

// The list scopes are the 'view' rules as filters: for any person and any record, the scope admits
// the record exactly when the rule does.
describe('list scopes equal the view rules', () => {
  const someRoles = fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 3 });
  const person = fc.record({ roles: someRoles, org: fc.constantFrom(...ORGS) }).map(({ roles, org }) => ({ ...actorIn(roles[0]!, org, org === WEST_MERCIA ? 'partnership' : 'local-authority'), roles }));
  const day = fc.constantFrom('2026-11-20', '2026-11-23', '2026-11-26');

  it('panels', () => {
    fc.assert(fc.property(person, fc.constantFrom(...ORGS), fc.boolean(), (actor, ownerId, isMember) => {
      const panel: PanelRecord = { id: 'p', ownerId, memberStaffIds: isMember ? [actor.staffId, 'other'] : ['other'] };
      const scope = panelListScope(actor);
      const inScope = scope.ownerIds.includes(ownerId) || (scope.memberStaffId !== null && panel.memberStaffIds.includes(scope.memberStaffId));
      expect(inScope).toBe(panelPolicy.can(actor, factsFor({}), 'view', panel));
    }));
  });

  it('meetings', () => {
    fc.assert(fc.property(person, fc.constantFrom(...ORGS), fc.boolean(), day, day, (actor, ownerId, expected, papersUntil, today) => {
      const meeting: MeetingRecord = { id: 'm', panelOwnerId: ownerId, expectedStaffIds: expected ? [actor.staffId] : [], papersUntil };
      const facts = factsFor({}, today);
      const scope = meetingListScope(actor, facts);
      const inScope = scope.panelOwnerIds.includes(ownerId) || (scope.expectedStaffId !== null && meeting.expectedStaffIds.includes(scope.expectedStaffId) && papersUntil >= scope.papersFrom);
      expect(inScope).toBe(meetingPolicy.can(actor, facts, 'view', meeting));
    }));
  });

  it('decisions', () => {
    fc.assert(fc.property(person, fc.constantFrom(...ORGS), (actor, agencyId) => {
      expect(decisionListScope(actor).agencyIds.includes(agencyId)).toBe(decisionPolicy.can(actor, factsFor({}), 'view', { id: 'i', agencyId }));
    }));
  });
});
