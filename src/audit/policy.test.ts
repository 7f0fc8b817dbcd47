import { describe, expect, it } from 'vitest';
import { actorIn, describeRoleLists, factsFor } from '../core/testing/access-matrix.ts';
import { auditEventPolicy, auditPolicy, type AuditEventFacts } from './policy.ts';

const HEREFORDSHIRE = 'la-herefordshire';
const WEST_MERCIA = 'p-west-mercia';
const herefordshire = { orgId: HEREFORDSHIRE, orgKind: 'local-authority' as const };

// Which roles each action admits: an organisation's own log, and an event both done by its staff
// and to its record. Who sees which events is tried through the service in access.test.ts (the
// log is only ever searched for the searcher's own organisation: there is no other to try).
describeRoleLists(auditPolicy, { ...herefordshire, record: { organisationId: HEREFORDSHIRE } }, { search: ['admin'] });
describeRoleLists(auditEventPolicy, { ...herefordshire, record: { actorOrgId: HEREFORDSHIRE, ownerId: HEREFORDSHIRE, recordOwnerIds: [HEREFORDSHIRE] } }, {
  view: ['admin'],
  'view-touched': ['admin'],
});

describe('which events an administrator reads, and how much of each', () => {
  const events: Record<string, [AuditEventFacts, 'all' | 'touched' | 'none']> = {
    'its staff did it': [{ actorOrgId: HEREFORDSHIRE, ownerId: 'la-shropshire', recordOwnerIds: ['la-shropshire'] }, 'all'],
    'done to its record': [{ actorOrgId: WEST_MERCIA, ownerId: HEREFORDSHIRE, recordOwnerIds: [HEREFORDSHIRE] }, 'all'],
    'another organisation\'s list showed its record': [{ actorOrgId: WEST_MERCIA, ownerId: WEST_MERCIA, recordOwnerIds: ['la-shropshire', HEREFORDSHIRE] }, 'touched'],
    'another organisation\'s list showed only others\' records': [{ actorOrgId: WEST_MERCIA, ownerId: WEST_MERCIA, recordOwnerIds: ['la-shropshire', WEST_MERCIA] }, 'none'],
    'the system did it': [{ actorOrgId: null, ownerId: null, recordOwnerIds: [] }, 'none'],
  };
  it.each(Object.entries(events))('%s', (_name, [event, expected]) => {
    const admin = actorIn('admin', HEREFORDSHIRE, 'local-authority');
    const facts = factsFor({ partnerships: [WEST_MERCIA] });
    const seen = auditEventPolicy.can(admin, facts, 'view', event) ? 'all' : auditEventPolicy.can(admin, facts, 'view-touched', event) ? 'touched' : 'none';
    expect(seen).toBe(expected);
  });
});
