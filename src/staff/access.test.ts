// Staff accounts and grants: every service function and route, for each relationship of a person
// to a staff record (or, for grants, to the record granted). Own: Herefordshire's administrator,
// on a Herefordshire colleague (or child). Delivered: West Mercia's administrator, whose
// partnership delivers Herefordshire's functions but does not manage its people, nor pass on
// access to its records. Granted: Shropshire's administrator holding a grant on the colleague's
// staff record (or on the child): a grant opens a record to work on, not to manage or to grant on.
// Unrelated: Shropshire's administrator without one. Left: the Thurrock consortium's
// administrator and a Havering colleague (Havering left in April 2014). A person's own
// credentials (API tokens) are theirs alone: even their organisation's administrator is refused.
import * as children from '../children/service.ts';
import { auditActor, type Role } from '../core/access.ts';
import { TEST_TODAY } from '../core/testing/app.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { grantPolicy, staffPolicy } from './policy.ts';
import * as staff from './service.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'havering' };
/** A different colleague for each relationship, so that a grant made for one never reaches another. */
const COLLEAGUE: Record<Relationship, Role> = { own: 'decision-maker', delivered: 'analyst', granted: 'social-worker', unrelated: 'family-finder', left: 'social-worker' };
const CODES: Record<string, string> = { herefordshire: 'E06000019', havering: 'E09000016' };
const MANAGERS: Role[] = ['team-manager', 'admin'];
const ANYONE: Role[] = ['social-worker', 'admin', 'analyst', 'family-finder', 'team-manager'];

interface StaffSubject extends Subject {
  owner: string;
  /** The colleague's staff record. */
  staffId: string;
  /** A child of the owner, and a live grant on it (made by the owner, to a Shropshire social worker). */
  childId: string;
  grantId: string;
  /** A live API token of the colleague. */
  tokenId: string;
}

const grantedOn = new Set<string>();
/** The person of the role in the relationship, the colleague, and (fresh, for a change) a child, a grant and a token. */
async function subject(relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<StaffSubject> {
  const owner = OWNER[relation];
  const email = w.email(role, PERSON_IN[relation]);
  const colleague = w.email(COLLEAGUE[relation], owner);
  const staffId = await w.staffId(colleague);
  if (relation === 'granted' && !grantedOn.has(`${email}:${staffId}`)) {
    await w.grant(owner, email, 'staff', staffId);
    grantedOn.add(`${email}:${staffId}`);
  }
  let childId = '';
  let grantId = '';
  let tokenId = '';
  if (f.fresh) {
    const creator = await w.ctx(w.email('social-worker', owner));
    childId = await children.create(w.db, creator, { firstName: 'Matrix', lastName: `Granted${w.next()}`, dateOfBirth: '2021-05-01', sex: 'M', ethnicity: 'WBRI', placingAuthority: CODES[owner]!, enteredCare: '2024-02-01' });
    if (relation === 'granted') await w.grant(owner, email, 'child', childId);
    grantId = await w.grant(owner, w.email('social-worker', 'shropshire'), 'child', childId);
    tokenId = (await staff.createToken(w.db, staffId, { label: 'matrix' }, null)).id;
  }
  return { email, owner, staffId, childId, grantId, tokenId };
}

/** The person's own account (and a fresh token of theirs): the one relationship credentials have. */
async function self(_relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<StaffSubject> {
  const email = w.email(role, 'herefordshire');
  const staffId = await w.staffId(email);
  const tokenId = f.fresh ? (await staff.createToken(w.db, staffId, { label: 'matrix' }, null)).id : '';
  return { email, owner: 'herefordshire', staffId, childId: '', grantId: '', tokenId };
}

const NOT_MANAGED = { own: ['allowed', '404'], delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;
const GRANTS = { own: ['allowed', '404'], delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;
/** Credentials are the person's own: no one else's account answers, their administrator's neither. */
const OWN_CREDENTIALS_ONLY = { own: '404', delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;

const m = serviceMatrix({
  area: 'staff',
  service: staff,
  source: 'src/staff/service.ts',
  policies: [staffPolicy, grantPolicy],
  tables: ['staff', 'staff_role', 'team', 'api_token', 'access_grant'],
  subject,
  contextFree: {
    actorOf: 'turns a staff row into the person acting: no access decided',
    actorById: 'who a session belongs to, for the sign-in check: no access decided',
    contextFor: 'builds the RequestContext itself from the person and the day',
    checkPassword: 'sign-in: no one is signed in yet (staff/routes.test.ts tries it)',
    checkSecondFactor: 'sign-in\'s second step: no one is signed in yet (staff/routes.test.ts tries it)',
    signedOut: 'records the person\'s own sign-out',
    newSecondFactorSecret: 'a random secret: no record, no person',
    contextById: 'builds the RequestContext itself, for the sign-in check, from the person and the day',
    contextByToken: 'builds the RequestContext itself, for the sign-in check, from a bearer token and the day',
  },
  exempt: {
    enableSecondFactor: 'changes the signed-in person\'s own account and no other: it takes no account to act on, so there is no relationship to try',
    mayManageStaff: 'whether the navigation shows Staff: the add rule, which addStaff (row below) applies',
    grantForWorkIn: 'a grant that follows from work another area has already allowed (a link opened by a matcher of the child), inside that area\'s transaction: matching/links-access.test.ts tries who may open a link',
    revokeGrantsIn: 'revokes the grants grantForWorkIn made, when the work that gave them ends (a link closed): matching/links-access.test.ts tries who may close a link',
  },
  routes: {
    prefixes: ['/sign-in', '/sign-out', '/account', '/staff', '/api/v1/me', '/api/v1/grants'],
    exempt: {
      'GET /sign-in': 'signing in: public (staff/routes.test.ts)',
      'POST /sign-in': 'signing in: public (staff/routes.test.ts)',
      'GET /sign-in/code': 'signing in, second step: public (staff/routes.test.ts)',
      'POST /sign-in/code': 'signing in, second step: public (staff/routes.test.ts)',
      'POST /sign-out': 'signing out: public, and only ever the person\'s own session (staff/routes.test.ts)',
      'POST /account/second-factor': 'turns on the signed-in person\'s own second factor, from the secret in their own session: no other account can be named (staff/routes.test.ts)',
    },
  },
});

m.row({
  fn: 'viewStaff', asks: asks(staffPolicy, 'view'), roles: ['admin'], refused: 'team-manager', cases: NOT_MANAGED,
  variants: [{ label: 'their own account', relation: 'own', role: 'social-worker', outcome: 'allowed', subject: self }],
  call: (svc, ctx, s) => svc.viewStaff(m.w.db, ctx, s.staffId),
});
m.row({
  fn: 'listStaff', asks: asks(staffPolicy, 'view'), roles: ['admin'], refused: 'team-manager',
  cases: { own: ['listed', 'not listed'], delivered: 'not listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.listStaff(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((p) => p.id), s.staffId, w, info),
});
m.row({
  fn: 'addStaff', asks: asks(staffPolicy, 'add'), roles: ['admin'], refused: 'team-manager', writes: true,
  cases: { own: ['allowed', '403'], delivered: '403', granted: '403', unrelated: '403', left: '403' },
  call: (svc, ctx, s, w) => svc.addStaff(w.db, ctx, { email: `matrix${w.next()}@${s.owner}.example`, displayName: 'Matrix Person', organisationId: w.org(s.owner), roles: ['social-worker'], password: 'a-long-matrix-passphrase-for-tests' }),
});
m.row({
  fn: 'createToken', asks: asks(staffPolicy, 'manage-own-credentials'), roles: ANYONE, cases: OWN_CREDENTIALS_ONLY, writes: true,
  variants: [{ label: 'their own account', relation: 'own', role: 'analyst', outcome: 'allowed', subject: self }],
  call: (svc, ctx, s) => svc.createToken(m.w.db, s.staffId, { label: 'matrix' }, auditActor(ctx.actor)),
});
m.row({
  fn: 'revokeToken', asks: asks(staffPolicy, 'manage-own-credentials'), roles: ANYONE, cases: OWN_CREDENTIALS_ONLY, writes: true,
  variants: [{ label: 'their own token', relation: 'own', role: 'family-finder', outcome: 'allowed', subject: self }],
  call: (svc, ctx, s) => svc.revokeToken(m.w.db, ctx, s.tokenId),
});
m.row({
  fn: 'tokensOf', asks: asks(staffPolicy, 'manage-own-credentials'), roles: ANYONE, writes: false,
  subject: async (relation, role, w) => subject(relation, role, w, { fresh: true }),
  cases: { own: 'not listed', delivered: 'not listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  variants: [{ label: 'their own tokens', relation: 'own', role: 'admin', outcome: 'listed', subject: (r, role, w) => self(r, role, w, { fresh: true }) }],
  call: (svc, ctx) => svc.tokensOf(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((t) => t.id), s.tokenId, w, info),
});
m.row({
  fn: 'grantAccess', asks: asks(grantPolicy, 'grant'), roles: MANAGERS, refused: 'social-worker', cases: GRANTS, writes: true,
  call: async (svc, ctx, s, w) => svc.grantAccess(w.db, ctx, { staffId: await w.staffId(w.email('family-finder', 'thurrock')), recordType: 'child', recordId: s.childId, reason: 'Matrix', validFrom: TEST_TODAY }),
});
m.row({
  fn: 'revokeGrant', asks: asks(grantPolicy, 'revoke'), roles: MANAGERS, refused: 'family-finder', cases: GRANTS, writes: true,
  call: (svc, ctx, s) => svc.revokeGrant(m.w.db, ctx, s.grantId),
});

// ---- routes ------------------------------------------------------------------------------------

const admin = { relation: 'own', role: 'admin' } as const;
const ownAccount = { na: 'the person\'s own account, and no other: there is no other record to name' };

m.route({ route: 'GET /account', subject: self, allowed: { relation: 'own', role: 'social-worker' }, refused: ownAccount, url: () => '/account' });
m.route({ route: 'GET /account/second-factor', subject: self, allowed: { relation: 'own', role: 'analyst' }, refused: ownAccount, url: () => '/account/second-factor' });
m.route({ route: 'GET /api/v1/me', subject: self, allowed: { relation: 'own', role: 'family-finder' }, refused: ownAccount, url: () => '/api/v1/me', marker: (s) => s.staffId });
m.route({ route: 'POST /account/tokens', subject: self, writes: true, allowed: { relation: 'own', role: 'team-manager', status: 200 }, refused: ownAccount, url: () => '/account/tokens', body: () => ({ label: 'matrix' }) });
m.route({
  route: 'POST /account/tokens/:id/revoke', writes: true, subject: async (r, role, w, f) => (r === 'own' && role === 'social-worker' ? self(r, role, w, f) : subject(r, role, w, f)),
  // Their own token; and a colleague's, which even their organisation's administrator cannot revoke.
  allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'own', role: 'admin', status: 404 }, url: (s) => `/account/tokens/${s.tokenId}/revoke`, body: () => ({}),
});
m.route({ route: 'GET /staff', allowed: admin, refused: { relation: 'delivered', role: 'admin', status: 200 }, url: () => '/staff', marker: (s) => s.staffId });
m.route({ route: 'GET /staff/:id', allowed: admin, refused: [{ relation: 'own', role: 'team-manager', status: 404 }, { relation: 'granted', role: 'admin', status: 404 }], url: (s) => `/staff/${s.staffId}` });
m.route({
  route: 'POST /api/v1/grants', writes: true, allowed: { relation: 'own', role: 'team-manager' }, refused: { relation: 'delivered', role: 'admin', status: 404 }, url: () => '/api/v1/grants',
  body: async (s, w) => ({ staffId: await w.staffId(w.email('family-finder', 'thurrock')), recordType: 'child', recordId: s.childId, reason: 'Matrix', validFrom: TEST_TODAY }),
});
m.route({ route: 'DELETE /api/v1/grants/:id', writes: true, allowed: admin, refused: { relation: 'granted', role: 'team-manager', status: 404 }, url: (s) => `/api/v1/grants/${s.grantId}` });

m.run();
