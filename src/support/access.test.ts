// Support after adoption: every service function and every page and API route of /support, for
// each relationship of a person to a case. Own: Herefordshire staff, and a case of a Herefordshire
// child whose family lives in Herefordshire. Delivered: West Mercia staff: the partnership
// delivers Herefordshire's post-order support (and its financial support) today. Granted:
// Shropshire staff holding a grant on the case. Unrelated: Thurrock staff. Left: Havering staff
// and a case of Southend-on-Sea's, whose consortium Havering left in April 2014. Variants: once
// three years have passed since the order, a family living in Thurrock is Thurrock's to support,
// while the child's own council's caseworkers still see the case.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { allowancePolicy, supportPolicy } from './policy.ts';
import * as support from './service.ts';
import { SupportFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'southend-on-sea' };
const TABLES = ['support_case', 'support_request', 'support_assessment', 'support_plan', 'asf_application', 'adoption_allowance'];

interface SupportSubject extends Subject {
  ownerSlug: string;
  caseId: string;
  childId: string;
  childName: string;
  assessmentId: string;
  openAssessmentId: string;
  applicationId: string;
  /** An adopted child of the owner with no case yet. */
  spareChildId: string;
  /** The council the family lives in. */
  residenceId: string;
}

let fixtures: SupportFixtures | undefined;
const fx = (w: World) => (fixtures ??= new SupportFixtures(w.db));

async function newCase(w: World, ownerSlug: string, o: { residenceSlug?: string; orderOn?: string } = {}) {
  const f = fx(w);
  const c = await f.supportCase(ownerSlug, o);
  const spare = await f.child(ownerSlug);
  return { ...c, spareChildId: spare.id, residenceId: await f.org(o.residenceSlug ?? ownerSlug) };
}

/** The person of the role in the relationship, and a case: shared by relationship unless fresh; the granted person holds a grant on it. */
function caseSubject(o: { person?: (r: Relationship) => string; owner?: (r: Relationship) => string; residenceSlug?: string; orderOn?: string } = {}) {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<typeof newCase>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<SupportSubject> => {
    const ownerSlug = o.owner?.(relation) ?? OWNER[relation];
    const make = () => newCase(w, ownerSlug, { residenceSlug: o.residenceSlug, orderOn: o.orderOn });
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const c = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, o.person?.(relation) ?? PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${c.caseId}`)) {
      await w.grant(ownerSlug, email, 'support-case', c.caseId);
      granted.add(`${email}:${c.caseId}`);
    }
    return { email, ownerSlug, ...c };
  };
}

/** A Herefordshire child adopted in January 2022 whose family lives in Thurrock: Thurrock's to support since January 2025. */
const movedToThurrock = caseSubject({ person: (r) => (r === 'own' ? 'thurrock' : 'herefordshire'), residenceSlug: 'thurrock', orderOn: '2022-01-10' });

const VIEW: Role[] = ['support-worker', 'social-worker', 'team-manager', 'finance-officer'];
const WORK: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const DECIDE: Role[] = ['team-manager', 'finance-officer'];
const PAYS: Role[] = ['finance-officer', 'team-manager'];
const HIDDEN = { unrelated: '404', left: '404' } as const;
const WORKS = { own: ['allowed', '403'], delivered: 'allowed', granted: 'allowed', ...HIDDEN } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'support',
  service: support,
  source: 'src/support/service.ts',
  policies: [supportPolicy, allowancePolicy],
  tables: TABLES,
  subject: caseSubject(),
  exempt: { mayUseSupport: 'a yes or no for the navigation from the person\'s roles alone: there is no record to try' },
  routes: { prefixes: ['/support', '/api/v1/support-cases', '/api/v1/asf-applications'] },
});

type ListResult = Awaited<ReturnType<typeof support.listCases>>;

m.row({
  fn: 'listCases', asks: asks(supportPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx, s) => svc.listCases(m.w.db, ctx, { q: s.childName }),
  verify: (o, r, s, w, info) => expectListed(o, (r as ListResult).items.map((l) => l.c.id), s.caseId, w, info),
  variants: [
    { label: 'the responsible council, after three years', relation: 'own', role: 'support-worker', outcome: 'listed', subject: movedToThurrock },
    { label: 'the child\'s council\'s social worker, after three years', relation: 'delivered', role: 'social-worker', outcome: 'listed', subject: movedToThurrock },
    { label: 'the child\'s council\'s support worker, after three years', relation: 'unrelated', role: 'support-worker', outcome: 'not listed', subject: movedToThurrock },
  ],
});
m.row({
  fn: 'viewCase', asks: asks(supportPolicy, 'view').concat(asks(allowancePolicy, 'view')), roles: VIEW, refused: 'analyst',
  cases: { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN },
  call: (svc, ctx, s) => svc.viewCase(m.w.db, ctx, s.caseId),
  variants: [
    { label: 'the responsible council, after three years', relation: 'own', role: 'team-manager', outcome: 'allowed', subject: movedToThurrock },
    { label: 'the child\'s council\'s support worker, after three years', relation: 'delivered', role: 'support-worker', outcome: '404', subject: movedToThurrock },
  ],
});
m.row({
  fn: 'openingChoices', asks: asks(supportPolicy, 'open'), roles: WORK, refused: 'finance-officer',
  cases: { own: ['listed', '403'], delivered: 'listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.openingChoices(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof support.openingChoices>>).children.map((c) => c.id), s.spareChildId, w, info),
});
m.row({
  fn: 'openCase', asks: asks(supportPolicy, 'open'), roles: WORK, refused: 'finance-officer', writes: true,
  // A child of a council the person does not work for is no choice of theirs (422), as if it did not exist.
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '422', unrelated: '422', left: '422' },
  call: (svc, ctx, s) => svc.openCase(m.w.db, ctx, { childId: s.spareChildId, residenceCouncilId: s.residenceId, receivedOn: '2026-11-20', askedBy: 'Adoptive parent', askedFor: 'Help at school' }),
});
m.row({
  fn: 'caseForForm', label: 'work', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', cases: WORKS,
  call: (svc, ctx, s) => svc.caseForForm(m.w.db, ctx, s.caseId, 'work'),
});
m.row({
  fn: 'caseForForm', label: 'application', asks: asks(supportPolicy, 'work', 'record-decision'), roles: VIEW, refused: 'analyst',
  cases: { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN },
  call: (svc, ctx, s) => svc.caseForForm(m.w.db, ctx, s.caseId, 'application'),
});
m.row({
  fn: 'caseForForm', label: 'allowance', asks: asks(allowancePolicy, 'manage'), roles: PAYS, refused: 'support-worker',
  // A grant on the case shows it; paying an allowance is the paying council's.
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '403', ...HIDDEN },
  call: (svc, ctx, s) => svc.caseForForm(m.w.db, ctx, s.caseId, 'allowance'),
});
m.row({
  fn: 'addRequest', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.addRequest(m.w.db, ctx, s.caseId, { receivedOn: '2026-11-20', askedBy: 'The young person', askedFor: 'Someone to talk to' }),
});
m.row({
  fn: 'startAssessment', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.startAssessment(m.w.db, ctx, s.caseId, { startedOn: '2026-11-21' }),
});
m.row({
  fn: 'recordOutcome', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.recordOutcome(m.w.db, ctx, s.caseId, s.openAssessmentId, { completedOn: '2026-11-20', outcome: 'no-support-needed', summary: 'Settled well.' }),
});
m.row({
  fn: 'addPlan', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.addPlan(m.w.db, ctx, s.caseId, { what: 'Therapeutic parenting course', providedBy: 'Post-order support team', startsOn: '2026-12-01', reviewOn: '2027-06-01' }),
});
m.row({
  fn: 'applyToFund', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.applyToFund(m.w.db, ctx, s.caseId, { assessmentId: s.assessmentId, kind: 'specialist-assessment', therapyType: 'Multidisciplinary assessment', provider: 'Marches Child Psychology', amount: '900', financialYear: 2026, endsOn: '2027-02-01', appliedOn: '2026-11-20' }),
});
m.row({
  fn: 'stepApplication', label: 'the fund\'s decision', asks: asks(supportPolicy, 'record-decision'), roles: DECIDE, refused: 'support-worker', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.stepApplication(m.w.db, ctx, s.caseId, s.applicationId, { step: 'approve', on: '2026-11-20' }),
});
m.row({
  fn: 'stepApplication', label: 'withdrawing', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', writes: true, cases: WORKS,
  call: (svc, ctx, s) => svc.stepApplication(m.w.db, ctx, s.caseId, s.applicationId, { step: 'withdraw' }),
});
m.row({
  fn: 'listApplications', asks: asks(supportPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx) => svc.listApplications(m.w.db, ctx, { year: 2026, status: 'submitted', limit: 200 }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof support.listApplications>>).items.map((a) => a.id), s.applicationId, w, info),
});
m.row({
  fn: 'addAllowance', asks: asks(allowancePolicy, 'manage'), roles: PAYS, refused: 'support-worker', writes: true,
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '403', ...HIDDEN },
  call: (svc, ctx, s) => svc.addAllowance(m.w.db, ctx, s.caseId, { assessedOn: '2026-11-02', weekly: '95.50', startsOn: '2026-12-01', reviewOn: '2027-12-01' }),
});
m.row({
  fn: 'dueWork', asks: asks(supportPolicy, 'work'), roles: WORK, refused: 'finance-officer', cases: LISTS,
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s) => {
    const hrefs = (r as { href: string; kind: string }[]).filter((i) => i.kind === 'support-assessment-due').map((i) => i.href);
    if (o === 'listed') expect(hrefs).toContain(`/support/${s.caseId}`);
    else expect(hrefs).not.toContain(`/support/${s.caseId}`);
  },
});

// ---- routes -------------------------------------------------------------------------------------

const worker = { relation: 'own', role: 'support-worker' } as const;
const hidden = { relation: 'unrelated', role: 'support-worker', status: 404 } as const;
const finance = { relation: 'own', role: 'finance-officer', status: 403 } as const;
const dateParts = (name: string, iso: string) => { const [y, mo, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! }; };

m.route({ route: 'GET /support', allowed: [worker, { relation: 'delivered', role: 'finance-officer' }], refused: { ...hidden, status: 200 }, url: (s) => `/support?q=${encodeURIComponent(s.childName)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /api/v1/support-cases', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'left', role: 'team-manager', status: 200 }, url: (s) => `/api/v1/support-cases?q=${encodeURIComponent(s.childName)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /api/v1/asf-applications', allowed: worker, refused: { ...hidden, status: 200 }, url: () => '/api/v1/asf-applications?year=2026&status=submitted&limit=200', marker: (s) => s.applicationId });
m.route({ route: 'GET /support/new', allowed: worker, refused: finance, url: () => '/support/new', marker: (s) => s.spareChildId });
m.route({
  route: 'POST /support/new', writes: true, allowed: { relation: 'delivered', role: 'support-worker' }, refused: finance, url: () => '/support/new',
  body: (s) => ({ childId: s.spareChildId, residenceCouncilId: s.residenceId, ...dateParts('receivedOn', '2026-11-20'), askedBy: 'Adoptive parent', askedFor: 'Help at school' }),
});
m.route({ route: 'GET /support/:id', allowed: { relation: 'granted', role: 'social-worker' }, refused: [hidden, { relation: 'own', role: 'analyst', status: 404 }], url: (s) => `/support/${s.caseId}`, marker: (s) => s.applicationId });
m.route({ route: 'GET /api/v1/support-cases/:id', allowed: worker, refused: { relation: 'left', role: 'support-worker', status: 404 }, url: (s) => `/api/v1/support-cases/${s.caseId}`, marker: (s) => s.applicationId });
m.route({
  route: 'POST /api/v1/support-cases/:id/asf-applications', writes: true, allowed: worker, refused: finance, url: (s) => `/api/v1/support-cases/${s.caseId}/asf-applications`,
  body: (s) => ({ assessmentId: s.assessmentId, kind: 'therapy', therapyType: 'Theraplay', provider: 'Malvern Family Therapies', amount: 300, financialYear: 2026, endsOn: '2027-01-31' }),
});

/** The case's form pages: each GET and POST, allowed to its support worker (or finance officer), refused to someone else. */
const FORMS: { path: string; url: (s: SupportSubject) => string; body: (s: SupportSubject) => Record<string, string>; allowed?: { relation: 'own'; role: Role }; refused?: { relation: 'own'; role: Role; status: 403 } }[] = [
  { path: 'requests/new', url: (s) => `/support/${s.caseId}/requests/new`, body: () => ({ ...dateParts('receivedOn', '2026-11-19'), askedBy: 'Adoptive parent', askedFor: 'Respite' }) },
  { path: 'assessments/new', url: (s) => `/support/${s.caseId}/assessments/new`, body: () => dateParts('startedOn', '2026-11-19') },
  { path: 'assessments/:assessmentId/outcome', url: (s) => `/support/${s.caseId}/assessments/${s.openAssessmentId}/outcome`, body: () => ({ ...dateParts('completedOn', '2026-11-19'), outcome: 'declined', summary: 'The family declined.' }) },
  { path: 'plans/new', url: (s) => `/support/${s.caseId}/plans/new`, body: () => ({ what: 'Peer support group', providedBy: 'Adoption UK', ...dateParts('startsOn', '2026-12-01'), ...dateParts('reviewOn', '2027-03-01') }) },
  { path: 'asf/new', url: (s) => `/support/${s.caseId}/asf/new`, body: (s) => ({ assessmentId: s.assessmentId, kind: 'therapy', therapyType: 'Theraplay', provider: 'Malvern Family Therapies', amount: '250', financialYear: '2026', ...dateParts('endsOn', '2027-01-31') }) },
  { path: 'asf/:applicationId', url: (s) => `/support/${s.caseId}/asf/${s.applicationId}`, body: () => ({ step: 'refuse', ...dateParts('on', '2026-11-20') }), allowed: { relation: 'own', role: 'finance-officer' } },
  { path: 'allowances/new', url: (s) => `/support/${s.caseId}/allowances/new`, body: () => ({ ...dateParts('assessedOn', '2026-11-02'), weekly: '80', ...dateParts('startsOn', '2026-12-01'), ...dateParts('reviewOn', '2027-12-01') }), allowed: { relation: 'own', role: 'finance-officer' }, refused: { relation: 'own', role: 'support-worker', status: 403 } },
];
for (const form of FORMS) {
  const allowed = form.allowed ?? worker;
  // The analyst sees no case: the application page answers them 404.
  const refused = form.path === 'asf/:applicationId' ? { relation: 'own', role: 'analyst', status: 404 } as const : form.refused ?? finance;
  m.route({ route: `GET /support/:id/${form.path}`, allowed, refused: [refused, hidden], url: form.url });
  m.route({ route: `POST /support/:id/${form.path}`, writes: true, allowed, refused, url: form.url, body: form.body });
}

m.run();
