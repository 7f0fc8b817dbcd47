// Partnerships: every service function and route, for each relationship of a person to a
// partnership. Own: the partnership's own staff (West Mercia's). Delivered: staff of a member
// council, whose functions the partnership delivers (Herefordshire's): they see the partnership,
// they do not change it. Granted: cannot happen (a partnership is not a personal record: nothing
// grants access to one). Unrelated: Thurrock's staff, of another partnership. Left: Havering's
// staff and the Thurrock consortium, which Havering left in April 2014. Changes are made from a
// future date, on fresh councils, so they never change who may do what today.
import { expect } from 'vitest';
import { ROLES, type Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { partnershipPolicy } from './policy.ts';
import * as partnership from './service.ts';
import * as store from './store.ts';

const ANYONE: Role[] = ['social-worker', 'analyst', 'finance-officer', 'admin', 'panel-member', 'family-finder'];
const ADMIN: Role[] = ['admin'];

const PERSON_IN: Record<Relationship, string> = { own: 'west-mercia', delivered: 'herefordshire', granted: '', unrelated: 'thurrock', left: 'havering' };
const PARTNERSHIP: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: '', unrelated: 'west-mercia', left: 'thurrock-consortium' };
/** A member council of each partnership today. */
const MEMBER: Record<string, string> = { 'west-mercia': 'herefordshire', 'thurrock-consortium': 'thurrock' };
const NO_GRANTS = { na: 'a partnership is not a personal record: no grant can be made on one (grants are for children, households, enquiries, courses and staff)' };

interface PartnershipSubject extends Subject {
  partnership: string;
  partnershipId: string;
  /** A council member of it today. */
  memberId: string;
  /** A new council, in no partnership: one that could join. */
  candidateId: string;
  /** A new agency's membership, from a future date, still open: one that could leave. */
  membershipId: string;
  /** A future date with a change scheduled. */
  scheduledOn: string;
}

let councils = 0;
/** A date of its own in the future, for each change made here. */
const futureDay = (w: World) => new Date(Date.UTC(2028, 0, 1 + w.next())).toISOString().slice(0, 10);

async function fixture(w: World, slug: string): Promise<Omit<PartnershipSubject, 'email'>> {
  const n = ++councils;
  const candidate = await store.insertOrganisation(w.db, { kind: 'local-authority', name: `Matrix Council ${n}`, slug: `matrix-council-${n}`, code: `E99${String(n).padStart(6, '0')}`, hostId: null });
  const leaver = await store.insertOrganisation(w.db, { kind: 'agency', name: `Matrix Agency ${n}`, slug: `matrix-agency-${n}`, code: null, hostId: null });
  const partnershipId = w.org(slug);
  const membership = await store.insertMembership(w.db, { partnershipId, memberId: leaver.id, kind: 'affiliate', joinedOn: '2027-01-01' });
  const scheduledOn = futureDay(w);
  await store.upsertEntries(w.db, partnershipId, [{ memberId: w.org(MEMBER[slug]!), functionCode: 'training', effectiveOn: scheduledOn, deliveredBy: 'member', providerId: null }], null);
  return { partnership: slug, partnershipId, memberId: w.org(MEMBER[slug]!), candidateId: candidate.id, membershipId: membership.id, scheduledOn };
}

const shared = new Map<string, Promise<Omit<PartnershipSubject, 'email'>>>();
async function subject(relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<PartnershipSubject> {
  const slug = PARTNERSHIP[relation];
  if (!f.fresh && !shared.has(slug)) shared.set(slug, fixture(w, slug));
  const records = f.fresh ? await fixture(w, slug) : await shared.get(slug)!;
  return { email: w.email(role, PERSON_IN[relation]), ...records };
}

const SEES = { own: 'allowed', delivered: 'allowed', granted: NO_GRANTS, unrelated: '404', left: '404' } as const;
const CHANGES = { own: ['allowed', '403'], delivered: '403', granted: NO_GRANTS, unrelated: '404', left: '404' } as const;

const m = serviceMatrix({
  area: 'partnership',
  service: partnership,
  source: 'src/partnership/service.ts',
  policies: [partnershipPolicy],
  tables: ['organisation', 'membership', 'operating_model_entry'],
  subject,
  contextFree: { providers: 'the agencies that can be named as a provider: public facts about organisations, no partnership\'s own' },
  exempt: { permissions: 'the change buttons a partnership\'s pages offer, from the very rules the change functions ask (their rows check each)' },
  routes: { prefixes: ['/partnerships', '/api/v1/partnerships'] },
});

m.row({
  fn: 'overview', asks: asks(partnershipPolicy, 'view'), roles: ANYONE, cases: SEES,
  variants: [{ label: 'an affiliated agency (Barnardo\'s, of the consortium)', relation: 'own', role: 'social-worker', outcome: 'allowed', subject: async (_r, role, w, f) => ({ ...(await subject('left', role, w, f)), email: w.email(role, 'barnardos') }) }],
  call: (svc, ctx, s) => svc.overview(m.w.db, ctx, s.partnershipId),
});
m.row({ fn: 'operatingModel', asks: asks(partnershipPolicy, 'view'), roles: ANYONE, cases: SEES, call: (svc, ctx, s) => svc.operatingModel(m.w.db, ctx, s.partnershipId, ctx.facts.today) });
m.row({ fn: 'history', asks: asks(partnershipPolicy, 'view'), roles: ANYONE, cases: SEES, call: (svc, ctx, s) => svc.history(m.w.db, ctx, s.partnershipId) });
m.row({
  fn: 'visiblePartnerships', asks: asks(partnershipPolicy, 'view'), roles: ROLES.slice(0, 6),
  cases: { own: 'listed', delivered: 'listed', granted: NO_GRANTS, unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.visiblePartnerships(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((p) => p.id), s.partnershipId, w, info),
});
m.row({
  fn: 'candidateMembers', asks: asks(partnershipPolicy, 'change-membership'), roles: ADMIN, refused: 'team-manager', cases: CHANGES,
  call: (svc, ctx, s) => svc.candidateMembers(m.w.db, ctx, s.partnershipId),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof partnership.candidateMembers>>).candidates.map((o) => o.id)).toContain(s.candidateId),
});
m.row({
  fn: 'addMember', asks: asks(partnershipPolicy, 'change-membership'), roles: ADMIN, refused: 'team-manager', cases: CHANGES, writes: true,
  call: (svc, ctx, s) => svc.addMember(m.w.db, ctx, s.partnershipId, { organisationId: s.candidateId, kind: 'member', joinedOn: '2027-04-01', option: 3 }),
});
m.row({
  fn: 'recordLeaving', asks: asks(partnershipPolicy, 'change-membership'), roles: ADMIN, refused: 'analyst', cases: CHANGES, writes: true,
  call: (svc, ctx, s) => svc.recordLeaving(m.w.db, ctx, s.partnershipId, s.membershipId, { leftOn: '2027-06-01' }),
});
m.row({
  fn: 'applyPreset', asks: asks(partnershipPolicy, 'change-operating-model'), roles: ADMIN, refused: 'team-manager', cases: CHANGES, writes: true,
  call: (svc, ctx, s, w) => svc.applyPreset(w.db, ctx, s.partnershipId, { effectiveOn: futureDay(w), option: 2 }),
});
m.row({
  fn: 'changeDelivery', asks: asks(partnershipPolicy, 'change-operating-model'), roles: ADMIN, refused: 'finance-officer', cases: CHANGES, writes: true,
  call: (svc, ctx, s, w) => svc.changeDelivery(w.db, ctx, s.partnershipId, { effectiveOn: futureDay(w), memberId: s.memberId, functionCode: 'family-finding', deliveredBy: 'member' }),
});
m.row({
  fn: 'cancelScheduled', asks: asks(partnershipPolicy, 'change-operating-model'), roles: ADMIN, refused: 'team-manager', cases: CHANGES, writes: true,
  call: (svc, ctx, s) => svc.cancelScheduled(m.w.db, ctx, s.partnershipId, s.scheduledOn),
});

// ---- routes --------------------------------------------------------------------------------------

const admin = { relation: 'own', role: 'admin' } as const;
const hidden = { relation: 'unrelated', role: 'admin', status: 404 } as const;
const notAdmin = { relation: 'own', role: 'team-manager', status: 403 } as const;
const date = (field: string, iso: string) => {
  const [y, mo, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(mo)), [`${field}-year`]: y };
};

m.route({ route: 'GET /partnerships', allowed: { relation: 'delivered', role: 'social-worker' }, refused: { relation: 'left', role: 'social-worker', status: 200 }, url: () => '/partnerships', marker: (s) => s.partnershipId });
m.route({ route: 'GET /api/v1/partnerships', allowed: { relation: 'own', role: 'analyst' }, refused: { ...hidden, status: 200 }, url: () => '/api/v1/partnerships', marker: (s) => s.partnershipId });
m.route({ route: 'GET /partnerships/:id', allowed: { relation: 'delivered', role: 'family-finder' }, refused: hidden, url: (s) => `/partnerships/${s.partnershipId}` });
m.route({ route: 'GET /api/v1/partnerships/:id', allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'left', role: 'admin', status: 404 }, url: (s) => `/api/v1/partnerships/${s.partnershipId}` });
m.route({ route: 'GET /partnerships/:id/operating-model', allowed: { relation: 'delivered', role: 'analyst' }, refused: hidden, url: (s) => `/partnerships/${s.partnershipId}/operating-model` });
m.route({ route: 'GET /api/v1/partnerships/:id/operating-model', allowed: { relation: 'own', role: 'finance-officer' }, refused: { relation: 'left', role: 'analyst', status: 404 }, url: (s) => `/api/v1/partnerships/${s.partnershipId}/operating-model` });
m.route({ route: 'GET /partnerships/:id/members', allowed: { relation: 'delivered', role: 'admin' }, refused: hidden, url: (s) => `/partnerships/${s.partnershipId}/members` });
m.route({ route: 'GET /partnerships/:id/members/new', allowed: admin, refused: [notAdmin, hidden], url: (s) => `/partnerships/${s.partnershipId}/members/new` });
m.route({
  route: 'POST /partnerships/:id/members/new', writes: true, allowed: admin, refused: [notAdmin, { relation: 'delivered', role: 'admin', status: 403 }],
  url: (s) => `/partnerships/${s.partnershipId}/members/new`, body: (s) => ({ organisationId: s.candidateId, kind: 'member', ...date('joinedOn', '2027-04-01'), option: '3' }),
});
m.route({
  route: 'POST /api/v1/partnerships/:id/memberships', writes: true, allowed: admin, refused: hidden,
  url: (s) => `/api/v1/partnerships/${s.partnershipId}/memberships`, body: (s) => ({ organisationId: s.candidateId, kind: 'member', joinedOn: '2027-04-01', option: 3 }),
});
// The leaving form and the change form are missing, not forbidden, to those who may not use them.
m.route({ route: 'GET /partnerships/:id/members/:membershipId/leave', allowed: admin, refused: { ...notAdmin, status: 404 }, url: (s) => `/partnerships/${s.partnershipId}/members/${s.membershipId}/leave` });
m.route({
  route: 'POST /partnerships/:id/members/:membershipId/leave', writes: true, allowed: admin, refused: notAdmin,
  url: (s) => `/partnerships/${s.partnershipId}/members/${s.membershipId}/leave`, body: () => date('leftOn', '2027-06-01'),
});
m.route({
  route: 'PATCH /api/v1/partnerships/:id/memberships/:membershipId', writes: true, allowed: { ...admin, status: 204 }, refused: { relation: 'left', role: 'admin', status: 404 },
  url: (s) => `/api/v1/partnerships/${s.partnershipId}/memberships/${s.membershipId}`, body: () => ({ leftOn: '2027-06-01' }),
});
m.route({ route: 'GET /partnerships/:id/operating-model/change', allowed: admin, refused: { relation: 'delivered', role: 'admin', status: 404 }, url: (s) => `/partnerships/${s.partnershipId}/operating-model/change` });
m.route({
  route: 'POST /partnerships/:id/operating-model/change', writes: true, allowed: admin, refused: [notAdmin, hidden],
  url: (s) => `/partnerships/${s.partnershipId}/operating-model/change`,
  body: (s, w) => ({ scope: 'function', ...date('effectiveOn', futureDay(w)), memberId: s.memberId, functionCode: 'family-finding', deliveredBy: 'member' }),
});
m.route({
  route: 'POST /api/v1/partnerships/:id/operating-model/transitions', writes: true, allowed: { ...admin, status: 204 }, refused: { relation: 'delivered', role: 'admin', status: 403 },
  url: (s) => `/api/v1/partnerships/${s.partnershipId}/operating-model/transitions`, body: (_s, w) => ({ effectiveOn: futureDay(w), option: 2 }),
});
m.route({
  route: 'POST /partnerships/:id/operating-model/scheduled/:date/withdraw', writes: true, allowed: admin, refused: [notAdmin, hidden],
  url: (s) => `/partnerships/${s.partnershipId}/operating-model/scheduled/${s.scheduledOn}/withdraw`, body: () => ({}),
});

m.run();
