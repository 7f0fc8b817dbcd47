// Panels: every service function of service.ts and every page and API route of /panels, for each
// relationship of a person to a panel. Own: West Mercia staff and the partnership's panel (its
// chair signs in as the partnership's panel member account). Delivered: West Mercia staff and
// Herefordshire's own panel: the partnership delivers Herefordshire's panel function today, so
// it hears Herefordshire's records on its own panel, and Herefordshire's panel is not the
// partnership's to run or see. Granted: Shropshire staff holding a grant on the partnership's
// panel, which gives nothing (papers are for members). Unrelated: Thurrock staff. Left: Havering
// staff and a panel of the Thurrock consortium, which Havering left in April 2014.
// A meeting (its page, attendance, agenda, papers, recommendations, minutes) is
// meetings-access.test.ts; the decision maker's decisions, decisions-access.test.ts.
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { panelPolicy } from './policy.ts';
import * as panels from './service.ts';
import { PanelFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'west-mercia', delivered: 'herefordshire', granted: 'west-mercia', unrelated: 'west-mercia', left: 'thurrock-consortium' };
const TABLES = ['panel', 'panel_member', 'panel_meeting', 'panel_meeting_member', 'panel_item', 'panel_dissent', 'panel_paper'];

interface PanelSubject extends Subject {
  ownerSlug: string;
  panelId: string;
  members: Record<string, string>;
  /** A meeting next Thursday, every member expected. */
  upcomingId: string;
  /** Last Thursday's meeting (papers until the end of the month), every member expected and the quorum present. */
  heldId: string;
}

let fixtures: PanelFixtures | undefined;
const fx = (w: World) => (fixtures ??= new PanelFixtures(w.db));

async function newPanel(w: World, ownerSlug: string) {
  const f = fx(w);
  const p = await f.panel(ownerSlug);
  const upcomingId = await f.meeting(p.panelId, '2026-11-26', '2026-11-27');
  const heldId = await f.meeting(p.panelId, '2026-11-19', '2026-11-30');
  await f.attend(heldId, p.members, ['chair', 'social1', 'independent1', 'independent2', 'medical']);
  return { panelId: p.panelId, members: p.members, upcomingId, heldId };
}

/** The person of the role in the relationship, and a panel of the owner: shared by relationship; the granted person holds a grant on it. */
function panelSubject() {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<typeof newPanel>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<PanelSubject> => {
    const ownerSlug = OWNER[relation];
    if (!f.fresh && !shared.has(relation)) shared.set(relation, newPanel(w, ownerSlug));
    const panel = f.fresh ? await newPanel(w, ownerSlug) : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${panel.panelId}`)) {
      await w.grant(ownerSlug, email, 'panel', panel.panelId);
      granted.add(`${email}:${panel.panelId}`);
    }
    return { email, ownerSlug, ...panel };
  };
}

const RUNS: Role[] = ['panel-adviser'];
const SEES: Role[] = ['panel-adviser', 'panel-member'];
const HIDDEN = { delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;
const NOT_LISTED = { delivered: 'not listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'panel',
  service: panels,
  source: 'src/panel/service.ts',
  policies: [panelPolicy],
  tables: TABLES,
  subject: panelSubject(),
  exempt: { mayUsePanels: 'a yes or no for the navigation from the person\'s roles alone: there is no record to try' },
  routes: { prefixes: ['/panels', '/api/v1/panels'] },
});

m.row({
  fn: 'listPanels', asks: asks(panelPolicy, 'view'), roles: SEES, refused: 'social-worker', cases: { own: ['listed', 'not listed'], ...NOT_LISTED },
  call: (svc, ctx) => svc.listPanels(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof panels.listPanels>>).panels.map((p) => p.id), s.panelId, w, info),
});
m.row({
  fn: 'viewPanel', asks: asks(panelPolicy, 'view'), roles: SEES, refused: 'decision-maker', cases: { own: ['allowed', '404'], ...HIDDEN },
  call: (svc, ctx, s) => svc.viewPanel(m.w.db, ctx, s.panelId),
});
m.row({
  fn: 'ownerChoices', asks: asks(panelPolicy, 'manage'), roles: RUNS, refused: 'panel-member', cases: { own: ['listed', 'not listed'], ...NOT_LISTED },
  call: (svc, ctx) => svc.ownerChoices(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((c) => c.id), w.org(s.ownerSlug), w, info),
});
m.row({
  fn: 'createPanel', asks: asks(panelPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true,
  // An owner the person is not the panel adviser of is a wrong choice (422); someone who advises no panel is refused (403).
  cases: { own: ['allowed', '403'], delivered: '422', granted: '422', unrelated: '422', left: '422' },
  call: (svc, ctx, s, w) => svc.createPanel(w.db, ctx, { name: `Matrix panel ${w.next()}`, ownerId: w.org(s.ownerSlug) }),
});
m.row({
  fn: 'panelForms', asks: asks(panelPolicy, 'manage'), roles: RUNS, refused: 'panel-member', cases: { own: ['allowed', '403'], ...HIDDEN },
  call: (svc, ctx, s) => svc.panelForms(m.w.db, ctx, s.panelId),
});
m.row({
  fn: 'addMember', asks: asks(panelPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, cases: { own: ['allowed', '403'], ...HIDDEN },
  call: (svc, ctx, s, w) => svc.addMember(w.db, ctx, s.panelId, { name: 'Matrix Member', role: 'social-work', pqeYears: 4, joinedOn: '2026-01-01' }),
});
m.row({
  fn: 'createMeeting', asks: asks(panelPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, cases: { own: ['allowed', '403'], ...HIDDEN },
  call: (svc, ctx, s, w) => svc.createMeeting(w.db, ctx, s.panelId, { date: '2026-12-17', venue: 'Matrix venue', papersUntil: '2026-12-18', expected: [s.members.chair!] }),
});
// ---- routes -------------------------------------------------------------------------------------

const adviser = { relation: 'own', role: 'panel-adviser' } as const;
const hidden = { relation: 'unrelated', role: 'panel-adviser', status: 404 } as const;
const member = { relation: 'own', role: 'panel-member', status: 403 } as const;
const dateParts = (name: string, iso: string) => { const [y, mo, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! }; };

m.route({ route: 'GET /panels', allowed: [adviser, { relation: 'own', role: 'panel-member' }], refused: { ...hidden, status: 200 }, url: () => '/panels', marker: (s) => s.panelId });
m.route({ route: 'GET /api/v1/panels', allowed: { relation: 'own', role: 'panel-member' }, refused: { relation: 'delivered', role: 'panel-adviser', status: 200 }, url: () => '/api/v1/panels', marker: (s) => s.panelId });
m.route({ route: 'GET /panels/new', allowed: adviser, refused: { relation: 'own', role: 'social-worker', status: 403 }, url: () => '/panels/new' });
m.route({
  route: 'POST /panels/new', writes: true, allowed: adviser, refused: { relation: 'own', role: 'social-worker', status: 403 },
  url: () => '/panels/new', body: (_s, w) => ({ name: `Matrix page panel ${w.next()}`, quorumMinPresent: '5', quorumChairOrVice: 'yes', quorumSocialWorkerYears: '3', quorumIndependent: 'yes', decisionWorkingDays: '7' }),
});
m.route({
  route: 'POST /api/v1/panels', writes: true, allowed: adviser, refused: { relation: 'delivered', role: 'panel-adviser', status: 422 },
  url: () => '/api/v1/panels', body: (s, w) => ({ name: `Matrix API panel ${w.next()}`, ownerId: w.org(s.ownerSlug) }),
});
m.route({ route: 'GET /panels/:id', allowed: { relation: 'own', role: 'panel-member' }, refused: [hidden, { relation: 'granted', role: 'panel-adviser', status: 404 }], url: (s) => `/panels/${s.panelId}`, marker: (s) => s.heldId });
m.route({ route: 'GET /api/v1/panels/:id', allowed: adviser, refused: { relation: 'left', role: 'panel-adviser', status: 404 }, url: (s) => `/api/v1/panels/${s.panelId}`, marker: (s) => s.upcomingId });
m.route({ route: 'GET /panels/:id/members/new', allowed: adviser, refused: member, url: (s) => `/panels/${s.panelId}/members/new` });
m.route({
  route: 'POST /panels/:id/members/new', writes: true, allowed: adviser, refused: { relation: 'delivered', role: 'panel-adviser', status: 404 },
  url: (s) => `/panels/${s.panelId}/members/new`, body: () => ({ name: 'Matrix Page Member', role: 'independent', ...dateParts('joinedOn', '2026-02-01') }),
});
m.route({
  route: 'POST /api/v1/panels/:id/members', writes: true, allowed: adviser, refused: member,
  url: (s) => `/api/v1/panels/${s.panelId}/members`, body: () => ({ name: 'Matrix API Member', role: 'medical-adviser', joinedOn: '2026-02-01' }),
});
m.route({ route: 'GET /panels/:id/meetings/new', allowed: adviser, refused: member, url: (s) => `/panels/${s.panelId}/meetings/new` });
m.route({
  route: 'POST /panels/:id/meetings/new', writes: true, allowed: adviser, refused: member,
  url: (s) => `/panels/${s.panelId}/meetings/new`, body: (s) => ({ ...dateParts('date', '2026-12-17'), ...dateParts('papersUntil', '2026-12-18'), venue: 'Matrix venue', expected: s.members.chair }),
});
m.route({
  route: 'POST /api/v1/panels/:id/meetings', writes: true, allowed: adviser, refused: hidden,
  url: (s) => `/api/v1/panels/${s.panelId}/meetings`, body: (s) => ({ date: '2026-12-17', venue: 'Matrix venue', papersUntil: '2026-12-18', expected: [s.members.chair] }),
});

m.run();
