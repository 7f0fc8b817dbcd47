// Services to adopted adults: every service function and every page and API route of
// /adopted-adults, for each relationship of a person to a request. Own: Herefordshire staff, and a
// request Herefordshire holds. Delivered: West Mercia staff: the partnership delivers
// Herefordshire's adopted adults function today. Granted: Shropshire staff holding a grant on the
// request. Unrelated: Thurrock staff. Left: Havering staff and a request Southend-on-Sea holds,
// whose consortium Havering left in April 2014. A refusal writes nothing, not even to the audit log.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { adoptedAdultPolicy } from './policy.ts';
import * as service from './service.ts';
import { AdoptedAdultFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'southend-on-sea' };
const TABLES = ['adopted_adult_request', 'adopted_adult_counselling', 'adopted_adult_step', 'adopted_adult_veto'];

interface RequestSubject extends Subject {
  ownerSlug: string;
  ownerId: string;
  id: string;
  birthName: string;
}

let fixtures: AdoptedAdultFixtures | undefined;
const fx = (w: World) => (fixtures ??= new AdoptedAdultFixtures(w.db));

function requestSubject() {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<AdoptedAdultFixtures['intermediary']>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<RequestSubject> => {
    const ownerSlug = OWNER[relation];
    const make = () => fx(w).intermediary(ownerSlug);
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const r = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${r.id}`)) {
      await w.grant(ownerSlug, email, 'adopted-adult-request', r.id);
      granted.add(`${email}:${r.id}`);
    }
    return { email, ownerSlug, ownerId: r.ownerId, id: r.id, birthName: r.birthName };
  };
}

const STAFF: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const HIDDEN = { unrelated: '404', left: '404' } as const;
const SEES = { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'adopted-adults',
  service,
  source: 'src/adopted-adults/service.ts',
  policies: [adoptedAdultPolicy],
  tables: TABLES,
  subject: requestSubject(),
  exempt: { mayUseAdoptedAdults: 'a yes or no for the navigation from the person\'s roles alone: there is no record to try' },
  routes: { prefixes: ['/adopted-adults', '/api/v1/adopted-adults'] },
});

m.row({
  fn: 'listRequests', asks: asks(adoptedAdultPolicy, 'view'), roles: STAFF, refused: 'finance-officer', cases: LISTS,
  call: (svc, ctx, s) => svc.listRequests(m.w.db, ctx, { q: s.birthName }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof service.listRequests>>).items.map((x) => x.id), s.id, w, info),
});
m.row({
  fn: 'viewRequest', asks: asks(adoptedAdultPolicy, 'view', 'work', 'close'), roles: STAFF, refused: 'analyst', cases: SEES,
  call: (svc, ctx, s) => svc.viewRequest(m.w.db, ctx, s.id),
});
m.row({
  fn: 'openingChoices', asks: asks(adoptedAdultPolicy, 'open'), roles: STAFF, refused: 'finance-officer',
  cases: { own: ['listed', '403'], delivered: 'listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.openingChoices(m.w.db, ctx),
  verify: (o, r, s) => {
    const ids = (r as Awaited<ReturnType<typeof service.openingChoices>>).councils.map((c) => c.id);
    if (o === 'listed') expect(ids).toContain(s.ownerId);
    else expect(ids).not.toContain(s.ownerId);
  },
});
m.row({
  fn: 'openRequest', asks: asks(adoptedAdultPolicy, 'open'), roles: STAFF, refused: 'finance-officer', writes: true,
  // A council the person does not work for is no choice of theirs (422), as if it did not exist.
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '422', unrelated: '422', left: '422' },
  call: async (svc, ctx, s) => svc.openRequest(m.w.db, ctx, await fx(m.w).input(s.ownerSlug)),
});
m.row({
  fn: 'requestForForm', label: 'work', asks: asks(adoptedAdultPolicy, 'work'), roles: STAFF, refused: 'finance-officer', cases: SEES,
  call: (svc, ctx, s) => svc.requestForForm(m.w.db, ctx, s.id, 'work'),
});
m.row({
  fn: 'requestForForm', label: 'close', asks: asks(adoptedAdultPolicy, 'close'), roles: STAFF, refused: 'finance-officer', cases: SEES,
  call: (svc, ctx, s) => svc.requestForForm(m.w.db, ctx, s.id, 'close'),
});
m.row({
  fn: 'addCounselling', asks: asks(adoptedAdultPolicy, 'work'), roles: STAFF, refused: 'finance-officer', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.addCounselling(m.w.db, ctx, s.id, { heldOn: '2026-11-20', counsellor: 'this-agency', minutes: '60' }),
});
m.row({
  fn: 'addStep', asks: asks(adoptedAdultPolicy, 'work'), roles: STAFF, refused: 'finance-officer', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.addStep(m.w.db, ctx, s.id, { step: 'approach-made', on: '2026-11-20', person: 'The adopted person' }),
});
m.row({
  fn: 'addVeto', asks: asks(adoptedAdultPolicy, 'work'), roles: STAFF, refused: 'finance-officer', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.addVeto(m.w.db, ctx, s.id, { kind: 'qualified', registeredOn: '2026-11-02', circumstances: 'Only to pass on medical history' }),
});
m.row({
  fn: 'closeRequest', asks: asks(adoptedAdultPolicy, 'close'), roles: STAFF, refused: 'finance-officer', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.closeRequest(m.w.db, ctx, s.id, { outcome: 'withdrew', closedOn: '2026-11-20' }),
});
m.row({
  fn: 'dueWork', asks: asks(adoptedAdultPolicy, 'work'), roles: STAFF, refused: 'finance-officer', cases: LISTS,
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s) => {
    const hrefs = (r as { href: string; kind: string }[]).filter((i) => i.kind === 'intermediary-no-step').map((i) => i.href);
    if (o === 'listed') expect(hrefs).toContain(`/adopted-adults/${s.id}`);
    else expect(hrefs).not.toContain(`/adopted-adults/${s.id}`);
  },
});

// ---- routes -------------------------------------------------------------------------------------

const worker = { relation: 'own', role: 'support-worker' } as const;
const hidden = { relation: 'unrelated', role: 'support-worker', status: 404 } as const;
const finance = { relation: 'own', role: 'finance-officer', status: 403 } as const;
const financeHidden = { relation: 'own', role: 'finance-officer', status: 404 } as const;
const dateParts = (name: string, iso: string) => { const [y, mo, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! }; };

m.route({ route: 'GET /adopted-adults', allowed: worker, refused: { ...hidden, status: 200 }, url: (s) => `/adopted-adults?q=${encodeURIComponent(s.birthName)}`, marker: (s) => s.id });
m.route({ route: 'GET /api/v1/adopted-adults', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'left', role: 'team-manager', status: 200 }, url: (s) => `/api/v1/adopted-adults?q=${encodeURIComponent(s.birthName)}`, marker: (s) => s.id });
m.route({ route: 'GET /adopted-adults/new', allowed: worker, refused: finance, url: () => '/adopted-adults/new', marker: (s) => s.ownerId });
m.route({
  route: 'POST /adopted-adults/new', writes: true, allowed: { relation: 'delivered', role: 'support-worker' }, refused: finance, url: () => '/adopted-adults/new',
  body: async (s, w) => {
    const i = await fx(w).input(s.ownerSlug);
    return {
      ownerId: i.ownerId, kind: i.kind, ...dateParts('receivedOn', i.receivedOn), applicantGivenName: i.applicantGivenName, applicantFamilyName: i.applicantFamilyName,
      ...dateParts('applicantDateOfBirth', i.applicantDateOfBirth), applicantRole: i.applicantRole, relationship: i.relationship, birthName: i.birthName, adoptiveName: i.adoptiveName,
      ...dateParts('adoptedDateOfBirth', i.adoptedDateOfBirth), ...dateParts('orderOn', i.orderOn), orderOnExact: 'yes',
    };
  },
});
m.route({ route: 'GET /adopted-adults/:id', allowed: { relation: 'granted', role: 'social-worker' }, refused: [hidden, { relation: 'own', role: 'analyst', status: 404 }], url: (s) => `/adopted-adults/${s.id}`, marker: (s) => s.birthName });
m.route({ route: 'GET /api/v1/adopted-adults/:id', allowed: worker, refused: { relation: 'left', role: 'support-worker', status: 404 }, url: (s) => `/api/v1/adopted-adults/${s.id}`, marker: (s) => s.birthName });
m.route({
  route: 'POST /api/v1/adopted-adults', writes: true, allowed: worker, refused: finance, url: () => '/api/v1/adopted-adults',
  body: async (s, w) => ({ ...(await fx(w).input(s.ownerSlug)) }),
});
m.route({
  route: 'POST /api/v1/adopted-adults/:id/steps', writes: true, allowed: worker, refused: hidden, url: (s) => `/api/v1/adopted-adults/${s.id}/steps`,
  body: () => ({ step: 'approach-made', on: '2026-11-20', person: 'The adopted person' }),
});

/** The request's form pages: each GET and POST, allowed to its support worker, refused to others. */
const FORMS: { path: string; body: () => Record<string, string> }[] = [
  { path: 'counselling/new', body: () => ({ ...dateParts('heldOn', '2026-11-19'), counsellor: 'gro', minutes: '90' }) },
  { path: 'steps/new', body: () => ({ step: 'approach-made', ...dateParts('on', '2026-11-19'), person: 'The adopted person' }) },
  { path: 'vetoes/new', body: () => ({ kind: 'absolute', ...dateParts('registeredOn', '2026-11-02') }) },
  { path: 'close', body: () => ({ outcome: 'refused', ...dateParts('closedOn', '2026-11-19'), reason: 'The applicant gave no consent to checks' }) },
];
for (const form of FORMS) {
  const url = (s: RequestSubject) => `/adopted-adults/${s.id}/${form.path}`;
  m.route({ route: `GET /adopted-adults/:id/${form.path}`, allowed: worker, refused: [financeHidden, hidden], url });
  m.route({ route: `POST /adopted-adults/:id/${form.path}`, writes: true, allowed: worker, refused: financeHidden, url, body: form.body });
}

m.run();
