// Letterbox agreements: every service function of service.ts and every page and API route of
// /letterbox, for each relationship of a person to an agreement. Own: Herefordshire staff and a
// Herefordshire child's agreement. Delivered: West Mercia staff: the partnership delivers
// Herefordshire's post-order support (and, under Option 3, its family finding, so its social
// workers see the child too). Granted: Shropshire staff holding a grant on the agreement (which
// gives nothing on the child: setting up an agreement needs the child). Unrelated: Thurrock staff.
// Left: Havering staff and a Thurrock child's agreement (Havering left the consortium in 2014).
// Exchanges and the screening queue are exchanges-access.test.ts.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix } from '../core/testing/service-matrix.ts';
import { agreementPolicy } from './policy.ts';
import * as letterbox from './service.ts';
import { agreementSubject, TABLES, type AgreementSubject } from './testing.ts';

const SEES: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const MANAGES: Role[] = ['social-worker', 'team-manager'];
const HIDDEN = { unrelated: '404', left: '404' } as const;
const LISTED = { delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;
const NEW_TERMS = { direction: 'from-birth-family', frequency: '1', firstMonth: '6', startDate: '2026-06-01', adoptiveFamily: 'Matrix family', parties: [{ name: 'Matrix Relative', relationship: 'birth aunt' }] };

const m = serviceMatrix({
  area: 'letterbox',
  service: letterbox,
  source: 'src/letterbox/service.ts',
  policies: [agreementPolicy],
  tables: TABLES,
  subject: agreementSubject(),
  exempt: {
    mayUseLetterbox: 'a yes or no for the navigation from the person\'s roles alone: there is no record to try',
    maySetUpAgreements: 'a yes or no for the Letterbox page from the roles and the operating model: the form it offers is agreementForm\'s row',
  },
  routes: { prefixes: ['/letterbox', '/api/v1/letterbox'], exempt: {
    'GET /letterbox/screening': 'the screening queue is exchanges-service.ts\'s: exchanges-access.test.ts',
    'GET /letterbox/exchanges/:id': 'an exchange is exchanges-service.ts\'s: exchanges-access.test.ts',
    'POST /letterbox/exchanges/:id/screening': 'an exchange is exchanges-service.ts\'s: exchanges-access.test.ts',
    'POST /letterbox/exchanges/:id/forwarding': 'an exchange is exchanges-service.ts\'s: exchanges-access.test.ts',
    'POST /letterbox/exchanges/:id/filing': 'an exchange is exchanges-service.ts\'s: exchanges-access.test.ts',
    'POST /letterbox/agreements/:id/exchanges': 'a receipt is exchanges-service.ts\'s: exchanges-access.test.ts',
    'GET /api/v1/letterbox/exchanges': 'exchanges are exchanges-service.ts\'s: exchanges-access.test.ts',
  } },
});

m.row({
  fn: 'listAgreements', asks: asks(agreementPolicy, 'view'), roles: SEES, refused: 'analyst', cases: { own: ['listed', 'not listed'], ...LISTED },
  call: (svc, ctx) => svc.listAgreements(m.w.db, ctx, { limit: '100' }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof letterbox.listAgreements>>).items.map((a) => a.id), s.id, w, info),
});
m.row({
  fn: 'reminders', asks: asks(agreementPolicy, 'view'), roles: SEES, refused: 'family-finder', cases: { own: ['listed', 'not listed'], ...LISTED },
  call: (svc, ctx) => svc.reminders(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof letterbox.reminders>>).late.map((x) => x.agreement.id), s.id, w, info),
});
m.row({
  fn: 'viewAgreement', asks: asks(agreementPolicy, 'view'), roles: SEES, refused: 'analyst', cases: { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN },
  call: (svc, ctx, s) => svc.viewAgreement(m.w.db, ctx, s.id),
});
m.row({
  fn: 'changeAgreement', asks: asks(agreementPolicy, 'manage'), roles: MANAGES, refused: 'support-worker', writes: true,
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: 'allowed', ...HIDDEN },
  call: (svc, ctx, s, w) => svc.changeAgreement(w.db, ctx, s.id, { status: 'paused', changedOn: '2026-11-20', reviewOn: '2027-01-01', note: 'Matrix pause' }),
});
// Setting up an agreement starts from the child: the children area answers first (a support
// worker sees no child: 404), then the letterbox's 'manage'. A grant on another agreement gives nothing on the child.
m.row({
  fn: 'agreementForm', asks: 'the child\'s view (children area), then letterbox-agreement:manage', roles: MANAGES, refused: 'support-worker',
  cases: { own: ['allowed', '404'], delivered: 'allowed', granted: '404', ...HIDDEN },
  call: (svc, ctx, s) => svc.agreementForm(m.w.db, ctx, { childId: s.childId }),
});
m.row({
  fn: 'agreementForm', label: 'choosing the child', asks: 'letterbox-agreement:manage for some council, then the children list', roles: MANAGES, refused: 'support-worker',
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: 'allowed', unrelated: 'allowed', left: 'allowed' },
  call: (svc, ctx) => svc.agreementForm(m.w.db, ctx, {}),
});
m.row({
  fn: 'createAgreement', asks: 'the child\'s view (children area), then letterbox-agreement:manage', roles: MANAGES, refused: 'support-worker', writes: true,
  cases: { own: ['allowed', '404'], delivered: 'allowed', granted: '404', ...HIDDEN },
  call: (svc, ctx, s, w) => svc.createAgreement(w.db, ctx, { ...NEW_TERMS, childId: s.childId }),
});
m.row({
  fn: 'dueWork', asks: 'letterbox-exchange:record, as the work list\'s filter (exchanges-access.test.ts asks it through the exchanges)', roles: SEES, refused: 'analyst', cases: { own: ['listed', 'not listed'], ...LISTED },
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s) => {
    const hrefs = (r as Awaited<ReturnType<typeof letterbox.dueWork>>).map((i) => i.href);
    if (o === 'listed') expect(hrefs).toContain(`/letterbox/agreements/${s.id}`);
    else expect(hrefs).not.toContain(`/letterbox/agreements/${s.id}`);
  },
});

// ---- routes -------------------------------------------------------------------------------------

const worker = { relation: 'own', role: 'social-worker' } as const;
const coordinator = { relation: 'delivered', role: 'support-worker' } as const;
const form = (s: AgreementSubject) => ({ childId: s.childId, direction: 'from-birth-family', frequency: '1', firstMonth: '6', 'startDate-day': '1', 'startDate-month': '6', 'startDate-year': '2026', adoptiveFamily: 'Matrix family', partyName0: 'Matrix Relative', partyRelationship0: 'birth aunt' });

m.route({ route: 'GET /letterbox', allowed: coordinator, refused: { relation: 'unrelated', role: 'support-worker', status: 200 }, url: () => '/letterbox?status=active', marker: (s) => s.id });
m.route({ route: 'GET /api/v1/letterbox/agreements', allowed: worker, refused: { relation: 'left', role: 'social-worker', status: 200 }, url: () => '/api/v1/letterbox/agreements?limit=100', marker: (s) => s.id });
m.route({ route: 'GET /letterbox/agreements/:id', allowed: coordinator, refused: { relation: 'unrelated', role: 'support-worker', status: 404 }, url: (s) => `/letterbox/agreements/${s.id}` });
m.route({ route: 'GET /api/v1/letterbox/agreements/:id', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'own', role: 'analyst', status: 404 }, url: (s) => `/api/v1/letterbox/agreements/${s.id}` });
m.route({ route: 'GET /letterbox/agreements/new', allowed: worker, refused: { relation: 'own', role: 'support-worker', status: 404 }, url: (s) => `/letterbox/agreements/new?child=${s.childId}` });
m.route({ route: 'POST /letterbox/agreements/new', writes: true, allowed: worker, refused: { relation: 'granted', role: 'social-worker', status: 404 }, url: () => '/letterbox/agreements/new', body: (s) => form(s) });
m.route({
  route: 'POST /letterbox/agreements/:id/changes', writes: true, allowed: { relation: 'delivered', role: 'team-manager' }, refused: { relation: 'own', role: 'support-worker', status: 403 },
  url: (s) => `/letterbox/agreements/${s.id}/changes`, body: () => ({ status: 'paused', 'changedOn-day': '20', 'changedOn-month': '11', 'changedOn-year': '2026', 'reviewOn-day': '1', 'reviewOn-month': '1', 'reviewOn-year': '2027' }),
});

m.run();
