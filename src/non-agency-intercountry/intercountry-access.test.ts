// Inter-country adoptions: every service function and every page and API route of
// /intercountry-adoptions, for each relationship of a person to a case (as in access.test.ts: own
// Herefordshire, delivered West Mercia, granted Shropshire, unrelated Thurrock, left Havering with
// a Southend-on-Sea case). The case is approved, its papers not yet sent to the DfE.
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import * as service from './intercountry-service.ts';
import { intercountryPolicy } from './policy.ts';
import { AdoptionFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'southend-on-sea' };

interface CaseSubject extends Subject {
  ownerSlug: string;
  ownerId: string;
  caseId: string;
  applicant: string;
}

let fixtures: AdoptionFixtures | undefined;
const fx = (w: World) => (fixtures ??= new AdoptionFixtures(w.db));

function caseSubject() {
  const shared = new Map<Relationship, Promise<{ id: string; applicant: string }>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<CaseSubject> => {
    const ownerSlug = OWNER[relation];
    const make = () => fx(w).intercountry(ownerSlug);
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const c = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${c.id}`)) {
      await w.grant(ownerSlug, email, 'intercountry-adoption', c.id);
      granted.add(`${email}:${c.id}`);
    }
    return { email, ownerSlug, ownerId: w.org(ownerSlug), caseId: c.id, applicant: c.applicant };
  };
}

const VIEW: Role[] = ['social-worker', 'team-manager', 'support-worker'];
const WORK: Role[] = ['social-worker', 'team-manager'];
const HIDDEN = { unrelated: '404', left: '404' } as const;
const WORKS = { own: ['allowed', '403'], delivered: 'allowed', granted: 'allowed', ...HIDDEN } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;
const ENQUIRY = { applicant1Name: 'Grace Mensah', country: 'Ghana', hague: true, enquiryOn: '2026-10-05' };

const m = serviceMatrix({
  area: 'inter-country adoptions',
  service,
  source: 'src/non-agency-intercountry/intercountry-service.ts',
  policies: [intercountryPolicy],
  tables: ['non_agency_adoption', 'intercountry_adoption'],
  subject: caseSubject(),
  routes: { prefixes: ['/intercountry-adoptions', '/api/v1/intercountry-adoptions'] },
});

m.row({
  fn: 'listIntercountryAdoptions', asks: asks(intercountryPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx, s) => svc.listIntercountryAdoptions(m.w.db, ctx, { q: s.applicant }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof service.listIntercountryAdoptions>>).items.map((a) => a.id), s.caseId, w, info),
});
m.row({
  fn: 'viewIntercountry', asks: asks(intercountryPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN },
  call: (svc, ctx, s) => svc.viewIntercountry(m.w.db, ctx, s.caseId),
});
m.row({
  fn: 'openIntercountry', asks: asks(intercountryPolicy, 'open'), roles: WORK, refused: 'support-worker', writes: true,
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '422', unrelated: '422', left: '422' },
  call: (svc, ctx, s) => svc.openIntercountry(m.w.db, ctx, { ...ENQUIRY, councilId: s.ownerId }),
});
m.row({
  fn: 'intercountryForStep', asks: asks(intercountryPolicy, 'work'), roles: WORK, refused: 'support-worker', cases: WORKS,
  call: (svc, ctx, s) => svc.intercountryForStep(m.w.db, ctx, s.caseId, 'papers-sent'),
});
m.row({
  fn: 'recordIntercountryStep', label: 'a step', asks: asks(intercountryPolicy, 'work'), roles: WORK, refused: 'support-worker', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.recordIntercountryStep(m.w.db, ctx, s.caseId, 'papers-sent', { dfePapersSentOn: '2026-10-20' }),
});
m.row({
  fn: 'recordIntercountryStep', label: 'the outcome', asks: asks(intercountryPolicy, 'close'), roles: ['team-manager'], refused: 'social-worker', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.recordIntercountryStep(m.w.db, ctx, s.caseId, 'outcome', { outcome: 'withdrawn', outcomeOn: '2026-11-20' }),
});

// ---- routes -------------------------------------------------------------------------------------

const worker = { relation: 'own', role: 'social-worker' } as const;
const hidden = { relation: 'unrelated', role: 'social-worker', status: 404 } as const;
const seesOnly = { relation: 'own', role: 'support-worker', status: 403 } as const;
const dateParts = (name: string, iso: string) => { const [y, mo, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! }; };

m.route({ route: 'GET /intercountry-adoptions', allowed: [worker, { relation: 'delivered', role: 'support-worker' }], refused: { ...hidden, status: 200 }, url: (s) => `/intercountry-adoptions?q=${encodeURIComponent(s.applicant)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /api/v1/intercountry-adoptions', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'left', role: 'team-manager', status: 200 }, url: (s) => `/api/v1/intercountry-adoptions?q=${encodeURIComponent(s.applicant)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /intercountry-adoptions/new', allowed: worker, refused: seesOnly, url: () => '/intercountry-adoptions/new', marker: (s) => s.ownerId });
m.route({
  route: 'POST /intercountry-adoptions/new', writes: true, allowed: { relation: 'delivered', role: 'social-worker' }, refused: seesOnly, url: () => '/intercountry-adoptions/new',
  body: (s) => ({ councilId: s.ownerId, applicant1Name: 'Grace Mensah', country: 'Ghana', hague: 'yes', ...dateParts('enquiryOn', '2026-10-05') }),
});
m.route({ route: 'POST /api/v1/intercountry-adoptions', writes: true, allowed: worker, refused: seesOnly, url: () => '/api/v1/intercountry-adoptions', body: (s) => ({ ...ENQUIRY, councilId: s.ownerId }) });
m.route({ route: 'GET /intercountry-adoptions/:id', allowed: { relation: 'granted', role: 'social-worker' }, refused: [hidden, { relation: 'own', role: 'analyst', status: 404 }], url: (s) => `/intercountry-adoptions/${s.caseId}`, marker: (s) => s.applicant });
m.route({ route: 'GET /api/v1/intercountry-adoptions/:id', allowed: worker, refused: { relation: 'left', role: 'social-worker', status: 404 }, url: (s) => `/api/v1/intercountry-adoptions/${s.caseId}`, marker: (s) => s.caseId });
m.route({ route: 'GET /intercountry-adoptions/:id/steps/:step', allowed: worker, refused: [seesOnly, hidden], url: (s) => `/intercountry-adoptions/${s.caseId}/steps/papers-sent` });
m.route({
  route: 'POST /intercountry-adoptions/:id/steps/:step', writes: true, allowed: worker, refused: seesOnly, url: (s) => `/intercountry-adoptions/${s.caseId}/steps/papers-sent`,
  body: () => dateParts('dfePapersSentOn', '2026-10-20'),
});
m.route({
  route: 'POST /api/v1/intercountry-adoptions/:id/steps', writes: true, allowed: { ...worker, status: 200 }, refused: [seesOnly, hidden], url: (s) => `/api/v1/intercountry-adoptions/${s.caseId}/steps`,
  body: () => ({ step: 'papers-sent', dfePapersSentOn: '2026-10-20' }),
});

m.run();
