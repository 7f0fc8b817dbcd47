// Birth family support: every service function and every page and API route of
// /birth-family-support, for each relationship of a person to a case. Own: Herefordshire staff and
// a Herefordshire case. Delivered: West Mercia staff: the partnership delivers Herefordshire's birth
// family support today (Option 3). Granted: Shropshire staff holding a grant on the case.
// Unrelated: Thurrock staff. Left: Havering staff and a case of Southend-on-Sea's, whose consortium
// Havering left in April 2014.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { birthFamilyPolicy } from './policy.ts';
import * as birthFamily from './service.ts';
import * as store from './store.ts';
import { BirthFamilyFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'southend-on-sea' };
const TABLES = ['birth_family_case', 'birth_family_referral', 'birth_family_offer', 'birth_family_session', 'birth_family_closure'];

interface CaseSubject extends Subject {
  ownerSlug: string;
  ownerId: string;
  caseId: string;
  name: string;
  familyName: string;
  openOfferId: string;
}

let fixtures: BirthFamilyFixtures | undefined;
const fx = (w: World) => (fixtures ??= new BirthFamilyFixtures(w.db));

async function newCase(w: World, ownerSlug: string, closed: boolean) {
  const f = fx(w);
  const c = await f.birthFamilyCase(ownerSlug);
  if (closed) await store.insertClosing(w.db, c.caseId, { closedOn: '2026-10-01', outcome: 'completed', summary: 'Counselling finished.' }, null);
  return { ...c, ownerId: await f.org(ownerSlug) };
}

/** The person of the role in the relationship, and a case (open, or closed): shared by relationship unless fresh; the granted person holds a grant on it. */
function caseSubject(o: { closed?: boolean } = {}) {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<typeof newCase>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<CaseSubject> => {
    const ownerSlug = OWNER[relation];
    const make = () => newCase(w, ownerSlug, o.closed ?? false);
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const c = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${c.caseId}`)) {
      await w.grant(ownerSlug, email, 'birth-family-case', c.caseId);
      granted.add(`${email}:${c.caseId}`);
    }
    return { email, ownerSlug, ...c };
  };
}
const closedCase = caseSubject({ closed: true });

const VIEW: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const WORK: Role[] = ['support-worker', 'social-worker', 'team-manager'];
const CLOSE: Role[] = ['support-worker', 'team-manager'];
const HIDDEN = { unrelated: '404', left: '404' } as const;
const SEES = { own: ['allowed', '404'], delivered: 'allowed', granted: 'allowed', ...HIDDEN } as const;
const CLOSES = { own: ['allowed', '403'], delivered: 'allowed', granted: 'allowed', ...HIDDEN } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: 'listed', granted: 'listed', unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'birth-family',
  service: birthFamily,
  source: 'src/birth-family/service.ts',
  policies: [birthFamilyPolicy],
  tables: TABLES,
  subject: caseSubject(),
  exempt: { mayUseBirthFamily: 'a yes or no for the navigation from the person\'s roles alone: there is no record to try' },
  routes: { prefixes: ['/birth-family-support', '/api/v1/birth-family-support'] },
});

m.row({
  fn: 'listCases', asks: asks(birthFamilyPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx, s) => svc.listCases(m.w.db, ctx, { q: s.familyName }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof birthFamily.listCases>>).items.map((i) => i.c.id), s.caseId, w, info),
});
m.row({
  fn: 'viewCase', asks: asks(birthFamilyPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: SEES,
  call: (svc, ctx, s) => svc.viewCase(m.w.db, ctx, s.caseId),
});
m.row({
  fn: 'openingChoices', asks: asks(birthFamilyPolicy, 'open'), roles: WORK, refused: 'analyst',
  cases: { own: ['listed', '403'], delivered: 'listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.openingChoices(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof birthFamily.openingChoices>>).councils.map((c) => c.id), s.ownerId, w, info),
});
m.row({
  fn: 'openCase', asks: asks(birthFamilyPolicy, 'open'), roles: WORK, refused: 'analyst', writes: true,
  // A council the person does not work for is no choice of theirs (422), as if it did not exist.
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '422', unrelated: '422', left: '422' },
  call: (svc, ctx, s) => svc.openCase(m.w.db, ctx, {
    givenName: 'Julie', familyName: 'Matrix', relationship: 'grandparent', childFirstName: 'Ella', childBirthYear: 2021, ownerId: s.ownerId,
    receivedOn: '2026-11-20', referredBy: 'self', reason: 'Wants to stay in touch with her granddaughter.', consentToShare: true,
  }),
});
m.row({
  fn: 'caseForForm', label: 'work', asks: asks(birthFamilyPolicy, 'work'), roles: WORK, refused: 'analyst', cases: SEES,
  call: (svc, ctx, s) => svc.caseForForm(m.w.db, ctx, s.caseId, 'work'),
});
m.row({
  fn: 'caseForForm', label: 'close', asks: asks(birthFamilyPolicy, 'close'), roles: CLOSE, refused: 'social-worker', cases: CLOSES,
  call: (svc, ctx, s) => svc.caseForForm(m.w.db, ctx, s.caseId, 'close'),
});
m.row({
  fn: 'addReferral', asks: asks(birthFamilyPolicy, 'work'), roles: WORK, refused: 'analyst', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.addReferral(m.w.db, ctx, s.caseId, { receivedOn: '2026-11-20', referredBy: 'court', reason: 'Court asked for support.', consentToShare: false }),
});
m.row({
  fn: 'makeOffer', asks: asks(birthFamilyPolicy, 'work'), roles: WORK, refused: 'analyst', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.makeOffer(m.w.db, ctx, s.caseId, { madeOn: '2026-11-20', kind: 'later-life-letter' }),
});
m.row({
  fn: 'answerOffer', asks: asks(birthFamilyPolicy, 'work'), roles: WORK, refused: 'analyst', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.answerOffer(m.w.db, ctx, s.caseId, s.openOfferId, { answer: 'accepted', answeredOn: '2026-11-20' }),
});
m.row({
  fn: 'addSession', asks: asks(birthFamilyPolicy, 'work'), roles: WORK, refused: 'analyst', writes: true, cases: SEES,
  call: (svc, ctx, s) => svc.addSession(m.w.db, ctx, s.caseId, { heldOn: '2026-11-20', kind: 'phone', minutes: '25', note: 'Checked in by phone.' }),
});
m.row({
  fn: 'closeCase', asks: asks(birthFamilyPolicy, 'close'), roles: CLOSE, refused: 'social-worker', writes: true, cases: CLOSES,
  call: (svc, ctx, s) => svc.closeCase(m.w.db, ctx, s.caseId, { closedOn: '2026-11-20', outcome: 'completed', summary: 'Support completed.' }),
});
m.row({
  fn: 'reopenCase', asks: asks(birthFamilyPolicy, 'close'), roles: CLOSE, refused: 'social-worker', writes: true, cases: CLOSES, subject: closedCase,
  call: (svc, ctx, s) => svc.reopenCase(m.w.db, ctx, s.caseId, { reopenedOn: '2026-11-20', reason: 'Asked for help again.' }),
});
m.row({
  fn: 'dueWork', asks: asks(birthFamilyPolicy, 'work'), roles: WORK, refused: 'analyst', cases: LISTS,
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s) => {
    const hrefs = (r as { href: string; kind: string }[]).filter((i) => i.kind === 'birth-family-reply-due').map((i) => i.href);
    if (o === 'listed') expect(hrefs).toContain(`/birth-family-support/${s.caseId}`);
    else expect(hrefs).not.toContain(`/birth-family-support/${s.caseId}`);
  },
});

// ---- routes -------------------------------------------------------------------------------------

const worker = { relation: 'own', role: 'support-worker' } as const;
const hidden = { relation: 'unrelated', role: 'support-worker', status: 404 } as const;
const analyst = { relation: 'own', role: 'analyst', status: 404 } as const;
const noCasework = { relation: 'own', role: 'analyst', status: 403 } as const;
const socialWorker = { relation: 'own', role: 'social-worker', status: 403 } as const;
const dateParts = (name: string, iso: string) => { const [y, mo, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! }; };

m.route({ route: 'GET /birth-family-support', allowed: [worker, { relation: 'delivered', role: 'team-manager' }], refused: { ...hidden, status: 200 }, url: (s) => `/birth-family-support?q=${encodeURIComponent(s.familyName)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /api/v1/birth-family-support', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'left', role: 'team-manager', status: 200 }, url: (s) => `/api/v1/birth-family-support?q=${encodeURIComponent(s.familyName)}`, marker: (s) => s.caseId });
m.route({ route: 'GET /birth-family-support/new', allowed: worker, refused: noCasework, url: () => '/birth-family-support/new' });
const openBody = (s: CaseSubject) => ({ givenName: 'Julie', familyName: 'Matrix', relationship: 'grandparent', childFirstName: 'Ella', ownerId: s.ownerId, receivedOn: '2026-11-20', referredBy: 'self', reason: 'Wants to stay in touch.', consentToShare: true });
m.route({
  route: 'POST /birth-family-support/new', writes: true, allowed: { relation: 'delivered', role: 'support-worker' }, refused: noCasework, url: () => '/birth-family-support/new',
  body: (s) => ({ ...openBody(s), ...dateParts('receivedOn', '2026-11-20'), consentToShare: 'yes' }),
});
m.route({ route: 'POST /api/v1/birth-family-support', writes: true, allowed: worker, refused: noCasework, url: () => '/api/v1/birth-family-support', body: openBody });
m.route({ route: 'GET /birth-family-support/:id', allowed: { relation: 'granted', role: 'social-worker' }, refused: [hidden, analyst], url: (s) => `/birth-family-support/${s.caseId}`, marker: (s) => s.openOfferId });
m.route({ route: 'GET /api/v1/birth-family-support/:id', allowed: worker, refused: { relation: 'left', role: 'support-worker', status: 404 }, url: (s) => `/api/v1/birth-family-support/${s.caseId}`, marker: (s) => s.openOfferId });

/** The case's sub-resources: each form page (GET and POST) and API POST, allowed to its support worker, refused to someone else. */
const CHANGES: { path: string; api?: string; form?: boolean; json: (s: CaseSubject) => Record<string, unknown>; form_body: (s: CaseSubject) => Record<string, string>; refused: typeof analyst | typeof socialWorker; subject?: typeof closedCase }[] = [
  { path: 'referrals/new', api: 'referrals', json: () => ({ receivedOn: '2026-11-19', referredBy: 'other-agency', reason: 'Family support service referral.', consentToShare: true }), form_body: () => ({ ...dateParts('receivedOn', '2026-11-19'), referredBy: 'other-agency', reason: 'Family support service referral.', consentToShare: 'yes' }), refused: analyst },
  { path: 'offers/new', api: 'offers', json: () => ({ madeOn: '2026-11-19', kind: 'advice' }), form_body: () => ({ ...dateParts('madeOn', '2026-11-19'), kind: 'advice' }), refused: analyst },
  { path: 'offers/:offerId/answer', api: 'offers/:offerId/answer', json: () => ({ answer: 'declined', answeredOn: '2026-11-19' }), form_body: () => ({ answer: 'declined', ...dateParts('answeredOn', '2026-11-19') }), refused: analyst },
  { path: 'sessions/new', api: 'sessions', json: () => ({ heldOn: '2026-11-19', kind: 'group', minutes: 90, note: 'Group session.' }), form_body: () => ({ ...dateParts('heldOn', '2026-11-19'), kind: 'group', minutes: '90', note: 'Group session.' }), refused: analyst },
  { path: 'close', api: 'close', json: () => ({ closedOn: '2026-11-19', outcome: 'moved-away', summary: 'Moved away.' }), form_body: () => ({ ...dateParts('closedOn', '2026-11-19'), outcome: 'moved-away', summary: 'Moved away.' }), refused: socialWorker },
  { path: 'reopen', api: 'reopen', json: () => ({ reopenedOn: '2026-11-19', reason: 'Came back to us.' }), form_body: () => ({ ...dateParts('reopenedOn', '2026-11-19'), reason: 'Came back to us.' }), refused: socialWorker, subject: closedCase },
];
const urlOf = (path: string, s: CaseSubject) => path.replace(':offerId', s.openOfferId);
for (const c of CHANGES) {
  const formUrl = (s: CaseSubject) => `/birth-family-support/${s.caseId}/${urlOf(c.path, s)}`;
  m.route({ route: `GET /birth-family-support/:id/${c.path}`, allowed: worker, refused: [c.refused, hidden], url: formUrl, subject: c.subject });
  m.route({ route: `POST /birth-family-support/:id/${c.path}`, writes: true, allowed: worker, refused: c.refused, url: formUrl, body: c.form_body, subject: c.subject });
  m.route({ route: `POST /api/v1/birth-family-support/:id/${c.api}`, writes: true, allowed: worker, refused: c.refused, url: (s) => `/api/v1/birth-family-support/${s.caseId}/${urlOf(c.api!, s)}`, body: c.json, subject: c.subject });
}

m.run();
