// Non-agency adoptions (and the area's shared services: the councils a person may open a case
// for, the work queue): every service function and every page and API route of
// /non-agency-adoptions, for each relationship of a person to a case. Own: Herefordshire staff and
// a Herefordshire case. Delivered: West Mercia staff: the partnership delivers Herefordshire's
// non-agency and inter-country work today. Granted: Shropshire staff holding a grant on the case.
// Unrelated: Thurrock staff. Left: Havering staff and a case of Southend-on-Sea's, whose
// consortium Havering left in April 2014. The case has applied to court, with its court report
// overdue (so it is in the work queue).
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { nonAgencyPolicy } from './policy.ts';
import * as service from './service.ts';
import { AdoptionFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'southend-on-sea' };

interface CaseSubject extends Subject {
  ownerSlug: string;
  ownerId: string;
  caseId: string;
  childName: string;
}

let fixtures: AdoptionFixtures | undefined;
const fx = (w: World) => (fixtures ??= new AdoptionFixtures(w.db));

function caseSubject() {
  const shared = new Map<Relationship, Promise<{ id: string; childName: string }>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<CaseSubject> => {
    const ownerSlug = OWNER[relation];
    const make = () => fx(w).nonAgency(ownerSlug, { applied: true, reportDueOn: '2026-11-20' });
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const c = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${c.id}`)) {
      await w.grant(ownerSlug, email, 'non-agency-adoption', c.id);
      granted.add(`${email}:${c.id}`);
    }
    return { email, ownerSlug, ownerId: w.org(ownerSlug), caseId: c.id, childName: c.childName };
  };
}

const VIEW: Role[] = ['social-worker', 'team-manager', 'support-worker'];
const WORK: Role[] = ['social-worker', 'team-manager'];
const HIDDEN = { unrelated: '404', left: '404' } as const;
const WORKS = { own: ['allowed', '403'], delivered: 'allowed', granted: 'allowed', ...HIDDEN } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;
const NOTICE = { applicant1Name: 'Jordan Hale', relationship: 'step-parent', childName: 'Ellie Hale', childDateOfBirth: '2018-05-05', noticeReceivedOn: '2026-10-01', residenceStartedOn: '2023-01-01' };

const m = serviceMatrix({
  area: 'non-agency adoptions',
  service,
  source: 'src/non-agency-intercountry/service.ts',
  policies: [nonAgencyPolicy],
  tables: ['non_agency_adoption', 'intercountry_adoption'],
  subject: caseSubject(),
  exempt: { mayUseNonAgencyIntercountry: 'a yes or no for the navigation from the person\'s roles alone: there is no record to try' },
  routes: { prefixes: ['/non-agency-adoptions', '/api/v1/non-agency-adoptions'] },
});

m.row({
  fn: 'listNonAgencyAdoptions', asks: asks(nonAgencyPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx, s) => svc.listNonAgencyAdoptions(m.w.db, ctx, { q: s.childName }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof service.listNonAgencyAdoptions>>).items.map((a) => a.id), s.caseId, w, info),
});
m.row({
  fn: 'viewNonAgency', asks: asks(nonAgencyPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN },
  call: (svc, ctx, s) => svc.viewNonAgency(m.w.db, ctx, s.caseId),
});
m.row({
  fn: 'openingCouncils', asks: asks(nonAgencyPolicy, 'open'), roles: WORK, refused: 'support-worker',
  cases: { own: ['listed', '403'], delivered: 'listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.openingCouncils(m.w.db, ctx),
  verify: (o, r, s) => {
    const ids = (r as { id: string }[]).map((c) => c.id);
    if (o === 'listed') expect(ids).toContain(s.ownerId);
    else expect(ids).not.toContain(s.ownerId);
  },
});
m.row({
  fn: 'openNonAgency', asks: asks(nonAgencyPolicy, 'open'), roles: WORK, refused: 'support-worker', writes: true,
  // A council the person does not work for is no choice of theirs (422), as if it did not exist.
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '422', unrelated: '422', left: '422' },
  call: (svc, ctx, s) => svc.openNonAgency(m.w.db, ctx, { ...NOTICE, councilId: s.ownerId }),
});
m.row({
  fn: 'nonAgencyForStep', asks: asks(nonAgencyPolicy, 'work'), roles: WORK, refused: 'support-worker', cases: WORKS,
  call: (svc, ctx, s) => svc.nonAgencyForStep(m.w.db, ctx, s.caseId, 'report-filed'),
});
m.row({
  fn: 'recordNonAgencyStep', label: 'a step', asks: asks(nonAgencyPolicy, 'work'), roles: WORK, refused: 'support-worker', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.recordNonAgencyStep(m.w.db, ctx, s.caseId, 'report-filed', { reportFiledOn: '2026-11-21' }),
});
m.row({
  fn: 'recordNonAgencyStep', label: 'the outcome', asks: asks(nonAgencyPolicy, 'close'), roles: ['team-manager'], refused: 'social-worker', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.recordNonAgencyStep(m.w.db, ctx, s.caseId, 'outcome', { outcome: 'withdrawn', outcomeOn: '2026-11-20' }),
});
m.row({
  fn: 'dueWork', asks: asks(nonAgencyPolicy, 'work'), roles: WORK, refused: 'support-worker', cases: LISTS,
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s) => {
    const hrefs = (r as { href: string; kind: string }[]).filter((i) => i.kind === 'court-report-due').map((i) => i.href);
    if (o === 'listed') expect(hrefs).toContain(`/non-agency-adoptions/${s.caseId}`);
    else expect(hrefs).not.toContain(`/non-agency-adoptions/${s.caseId}`);
  },
});

// ---- routes -------------------------------------------------------------------------------------

const worker = { relation: 'own', role: 'social-worker' } as const;
const hidden = { relation: 'unrelated', role: 'social-worker', status: 404 } as const;
const seesOnly = { relation: 'own', role: 'support-worker', status: 403 } as const;
const dateParts = (name: string, iso: string) => { const [y, mo, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! }; };

m.route({ route: 'GET /non-agency-adoptions', allowed: [worker, { relation: 'delivered', role: 'support-worker' }], refused: { ...hidden, status: 200 }, url: (s) => `/non-agency-adoptions?q=${encodeURIComponent(s.childName)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /api/v1/non-agency-adoptions', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'left', role: 'team-manager', status: 200 }, url: (s) => `/api/v1/non-agency-adoptions?q=${encodeURIComponent(s.childName)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /non-agency-adoptions/new', allowed: worker, refused: seesOnly, url: () => '/non-agency-adoptions/new', marker: (s) => s.ownerId });
m.route({
  route: 'POST /non-agency-adoptions/new', writes: true, allowed: { relation: 'delivered', role: 'social-worker' }, refused: seesOnly, url: () => '/non-agency-adoptions/new',
  body: (s) => ({ councilId: s.ownerId, applicant1Name: 'Jordan Hale', relationship: 'step-parent', childName: 'Ellie Hale', ...dateParts('childDateOfBirth', '2018-05-05'), ...dateParts('noticeReceivedOn', '2026-10-01'), ...dateParts('residenceStartedOn', '2023-01-01') }),
});
m.route({
  route: 'POST /api/v1/non-agency-adoptions', writes: true, allowed: worker, refused: seesOnly, url: () => '/api/v1/non-agency-adoptions',
  body: (s) => ({ ...NOTICE, councilId: s.ownerId }),
});
m.route({ route: 'GET /non-agency-adoptions/:id', allowed: { relation: 'granted', role: 'social-worker' }, refused: [hidden, { relation: 'own', role: 'analyst', status: 404 }], url: (s) => `/non-agency-adoptions/${s.caseId}`, marker: (s) => s.childName });
m.route({ route: 'GET /api/v1/non-agency-adoptions/:id', allowed: worker, refused: { relation: 'left', role: 'social-worker', status: 404 }, url: (s) => `/api/v1/non-agency-adoptions/${s.caseId}`, marker: (s) => s.caseId });
m.route({ route: 'GET /non-agency-adoptions/:id/steps/:step', allowed: worker, refused: [seesOnly, hidden], url: (s) => `/non-agency-adoptions/${s.caseId}/steps/report-filed` });
m.route({
  route: 'POST /non-agency-adoptions/:id/steps/:step', writes: true, allowed: worker, refused: seesOnly, url: (s) => `/non-agency-adoptions/${s.caseId}/steps/report-filed`,
  body: () => dateParts('reportFiledOn', '2026-11-21'),
});
m.route({
  route: 'POST /api/v1/non-agency-adoptions/:id/steps', writes: true, allowed: { ...worker, status: 200 }, refused: [seesOnly, hidden], url: (s) => `/api/v1/non-agency-adoptions/${s.caseId}/steps`,
  body: () => ({ step: 'report-filed', reportFiledOn: '2026-11-21' }),
});

m.run();
