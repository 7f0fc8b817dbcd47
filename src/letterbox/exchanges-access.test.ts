// Letterbox exchanges: every service function of exchanges-service.ts and every page and API route
// of the screening queue and an exchange, for each relationship of a person to an agreement and
// its exchange (the relationships of testing.ts: Herefordshire's own staff, West Mercia's as the
// deliverer of its post-order support, Shropshire's holding a grant on the agreement, Thurrock's
// unrelated, Havering's after leaving the Thurrock consortium). A refused forward (before
// screening) writes nothing either.
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix } from '../core/testing/service-matrix.ts';
import * as exchanges from './exchanges-service.ts';
import { exchangePolicy } from './policy.ts';
import { agreementSubject, TABLES } from './testing.ts';

const SEES: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const CASES = { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', unrelated: '404', left: '404' } as const;
const LISTED = { own: ['listed', 'not listed'], delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;
const received = agreementSubject({ step: 'received' });
const screened = agreementSubject({ step: 'screened' });
const forwarded = agreementSubject({ step: 'forwarded' });

const m = serviceMatrix({
  area: 'letterbox exchanges',
  service: exchanges,
  source: 'src/letterbox/exchanges-service.ts',
  policies: [exchangePolicy],
  tables: TABLES,
  subject: received,
  routes: { prefixes: ['/letterbox/screening', '/letterbox/exchanges', '/letterbox/agreements/:id/exchanges', '/api/v1/letterbox/exchanges'] },
});

m.row({
  fn: 'listExchanges', asks: asks(exchangePolicy, 'view'), roles: SEES, refused: 'analyst', cases: LISTED,
  call: (svc, ctx) => svc.listExchanges(m.w.db, ctx, { awaiting: 'screening', limit: '100' }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof exchanges.listExchanges>>).items.map((e) => e.id), s.exchangeId, w, info),
});
m.row({
  fn: 'viewExchange', asks: asks(exchangePolicy, 'view'), roles: SEES, refused: 'analyst', cases: CASES,
  call: (svc, ctx, s) => svc.viewExchange(m.w.db, ctx, s.exchangeId),
});
m.row({
  fn: 'receiveExchange', asks: asks(exchangePolicy, 'record'), roles: SEES, refused: 'analyst', writes: true, subject: agreementSubject(), cases: CASES,
  variants: [{ label: 'on a paused agreement', relation: 'own', role: 'support-worker', outcome: '422', subject: agreementSubject({ status: 'paused' }) }],
  call: (svc, ctx, s, w) => svc.receiveExchange(w.db, ctx, s.id, { direction: 'to-birth-family', dueOn: '2026-09-30', receivedOn: '2026-11-02' }),
});
m.row({
  fn: 'recordStep', label: 'screening', asks: asks(exchangePolicy, 'record'), roles: SEES, refused: 'analyst', writes: true, cases: CASES,
  call: (svc, ctx, s, w) => svc.recordStep(w.db, ctx, s.exchangeId, 'screen', { screenedOn: '2026-11-20', outcome: 'suitable' }),
});
m.row({
  fn: 'recordStep', label: 'forwarding', asks: asks(exchangePolicy, 'record'), roles: SEES, refused: 'analyst', writes: true, subject: screened, cases: CASES,
  variants: [{ label: 'before screening', relation: 'own', role: 'support-worker', outcome: '422', subject: received }],
  call: (svc, ctx, s, w) => svc.recordStep(w.db, ctx, s.exchangeId, 'forward', { forwardedOn: '2026-11-20' }),
});
m.row({
  fn: 'recordStep', label: 'filing', asks: asks(exchangePolicy, 'record'), roles: SEES, refused: 'analyst', writes: true, subject: forwarded, cases: CASES,
  call: (svc, ctx, s, w) => svc.recordStep(w.db, ctx, s.exchangeId, 'file', { filedOn: '2026-11-20' }),
});

// ---- routes -------------------------------------------------------------------------------------

const date = (field: string) => ({ [`${field}-day`]: '20', [`${field}-month`]: '11', [`${field}-year`]: '2026' });

m.route({ route: 'GET /letterbox/screening', allowed: { relation: 'delivered', role: 'support-worker' }, refused: { relation: 'unrelated', role: 'support-worker', status: 200 }, url: () => '/letterbox/screening', marker: (s) => s.exchangeId });
m.route({ route: 'GET /api/v1/letterbox/exchanges', allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'left', role: 'social-worker', status: 200 }, url: () => '/api/v1/letterbox/exchanges?awaiting=screening&limit=100', marker: (s) => s.exchangeId });
m.route({ route: 'GET /letterbox/exchanges/:id', allowed: { relation: 'granted', role: 'support-worker' }, refused: { relation: 'unrelated', role: 'team-manager', status: 404 }, url: (s) => `/letterbox/exchanges/${s.exchangeId}` });
m.route({
  route: 'POST /letterbox/agreements/:id/exchanges', writes: true, subject: agreementSubject(), allowed: { relation: 'own', role: 'support-worker' }, refused: { relation: 'own', role: 'analyst', status: 404 },
  url: (s) => `/letterbox/agreements/${s.id}/exchanges`, body: () => ({ occasion: 'to-birth-family|2026-09-30', ...date('receivedOn') }),
});
m.route({
  route: 'POST /letterbox/exchanges/:id/screening', writes: true, allowed: { relation: 'delivered', role: 'support-worker' }, refused: { relation: 'left', role: 'support-worker', status: 404 },
  url: (s) => `/letterbox/exchanges/${s.exchangeId}/screening`, body: () => ({ outcome: 'suitable', ...date('screenedOn') }),
});
m.route({
  route: 'POST /letterbox/exchanges/:id/forwarding', writes: true, subject: screened, allowed: { relation: 'own', role: 'team-manager' }, refused: { relation: 'unrelated', role: 'support-worker', status: 404 },
  url: (s) => `/letterbox/exchanges/${s.exchangeId}/forwarding`, body: () => date('forwardedOn'),
});
m.route({
  route: 'POST /letterbox/exchanges/:id/filing', writes: true, subject: forwarded, allowed: { relation: 'granted', role: 'social-worker' }, refused: { relation: 'own', role: 'analyst', status: 404 },
  url: (s) => `/letterbox/exchanges/${s.exchangeId}/filing`, body: () => date('filedOn'),
});

m.run();
