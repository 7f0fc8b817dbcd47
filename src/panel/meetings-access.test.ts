// Panel meetings: every service function of meetings-service.ts and every page and API route of
// /panel-meetings and /panel-items, for each relationship of a person to a meeting. Own: West
// Mercia staff and a meeting of the partnership's panel held last Thursday (quorate, with an
// approval item whose household's report is a paper; the chair signs in as the partnership's
// panel member account and is expected). Delivered: West Mercia staff and a meeting of
// Herefordshire's own panel. Granted: Shropshire staff holding a grant on the meeting, which gives
// nothing. Unrelated: Thurrock staff. Left: Havering staff and a meeting of the Thurrock
// consortium's panel. Members also read papers only until the day set, and only their own
// meeting's (variants). Adding an item is tried against the record instead (own, delivered
// by the operating model, a record the panel does not hear, one the adviser cannot see).
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import * as items from './items-store.ts';
import * as meetings from './meetings-service.ts';
import { meetingPolicy } from './policy.ts';
import { PanelFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
const OWNER: Record<Relationship, string> = { own: 'west-mercia', delivered: 'herefordshire', granted: 'west-mercia', unrelated: 'west-mercia', left: 'thurrock-consortium' };
/** Where the item's household belongs and lives, for each panel owner. */
const HOUSEHOLD: Record<string, [string, string]> = { 'west-mercia': ['west-mercia', 'shropshire'], herefordshire: ['herefordshire', 'herefordshire'], 'thurrock-consortium': ['thurrock', 'thurrock'], thurrock: ['thurrock', 'thurrock'] };
const TABLES = ['panel', 'panel_member', 'panel_meeting', 'panel_meeting_member', 'panel_item', 'panel_dissent', 'panel_paper', 'household', 'stage_event'];
const QUORATE = ['chair', 'social1', 'independent1', 'independent2', 'medical'];

interface MeetingSubject extends Subject {
  ownerSlug: string;
  meetingId: string;
  members: Record<string, string>;
  itemId: string;
  householdId: string;
  documentId: string;
}

interface Setting { meetingDate?: string; papersUntil?: string; attend?: readonly string[]; recommended?: boolean; expectsChair?: boolean }

let fixtures: PanelFixtures | undefined;
const fx = (w: World) => (fixtures ??= new PanelFixtures(w.db));

async function newMeeting(w: World, ownerSlug: string, s: Setting) {
  const f = fx(w);
  const p = await f.panel(ownerSlug);
  const meetingId = await f.meeting(p.panelId, s.meetingDate ?? '2026-11-19', s.papersUntil ?? '2026-11-30');
  await f.attend(meetingId, p.members, s.attend ?? QUORATE);
  if (s.expectsChair === false) await w.db.deleteFrom('panel_meeting_member').where('meeting_id', '=', meetingId).where('member_id', '=', p.members.chair!).execute();
  const [owner, home] = HOUSEHOLD[ownerSlug]!;
  const h = await f.householdForApproval(owner, home);
  const { id: itemId } = await items.insertItem(w.db, { meetingId, kind: 'approval', householdId: h.id, linkId: null, childId: null, decisionAgencyId: await f.org(owner), addedBy: null });
  if (s.recommended) await items.saveRecommendation(w.db, itemId, { recommendation: 'approve', reasons: 'Matrix reasons', approvedFor: null, by: null, dissent: [] });
  const documentId = await f.document('household', h.id, `social-worker@${owner}.example`);
  await items.setPapers(w.db, itemId, [documentId], null);
  return { meetingId, members: p.members, itemId, householdId: h.id, documentId };
}

/** The person of the role in the relationship, and a meeting of the owner's panel: shared by relationship; the granted person holds a grant on it. */
function meetingSubject(setting: Setting = {}, today?: string) {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<typeof newMeeting>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<MeetingSubject> => {
    const ownerSlug = OWNER[relation];
    if (!f.fresh && !shared.has(relation)) shared.set(relation, newMeeting(w, ownerSlug, setting));
    const meeting = f.fresh ? await newMeeting(w, ownerSlug, setting) : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${meeting.meetingId}`)) {
      await w.grant(ownerSlug, email, 'panel-meeting', meeting.meetingId);
      granted.add(`${email}:${meeting.meetingId}`);
    }
    return { email, ownerSlug, ...meeting, ...(today ? { today } : {}) };
  };
}

/** For adding an item: the adviser, a meeting of a panel, and a household (see ITEM_CASES). */
interface ItemCase { personIn: string; panelOwner: string; household: [string, string]; grant?: boolean }
const ITEM_CASES: Record<Relationship, ItemCase> = {
  own: { personIn: 'west-mercia', panelOwner: 'west-mercia', household: ['west-mercia', 'shropshire'] },
  // Herefordshire's household: the partnership delivers Herefordshire's panel function, so its panel hears it.
  delivered: { personIn: 'west-mercia', panelOwner: 'west-mercia', household: ['herefordshire', 'herefordshire'] },
  // Thurrock's adviser may see the partnership's household by a grant, but Thurrock's panel does not hear it.
  granted: { personIn: 'thurrock', panelOwner: 'thurrock', household: ['west-mercia', 'shropshire'], grant: true },
  // A Thurrock household the partnership's adviser cannot see.
  unrelated: { personIn: 'west-mercia', panelOwner: 'west-mercia', household: ['thurrock', 'thurrock'] },
  left: { personIn: 'havering', panelOwner: 'thurrock-consortium', household: ['thurrock', 'thurrock'] },
};

async function toAdd(relation: Relationship, role: Role, w: World): Promise<MeetingSubject> {
  const c = ITEM_CASES[relation];
  const f = fx(w);
  const p = await f.panel(c.panelOwner);
  const meetingId = await f.meeting(p.panelId, '2026-12-03', '2026-12-04');
  const h = await f.householdForApproval(...c.household);
  const email = w.email(role, c.personIn);
  if (c.grant) await w.grant(c.household[0], email, 'household', h.id);
  return { email, ownerSlug: c.panelOwner, meetingId, members: p.members, itemId: '', householdId: h.id, documentId: '' };
}

const RUNS: Role[] = ['panel-adviser'];
const HIDDEN = { delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;
const RUNS_IT = { own: ['allowed', '403'], ...HIDDEN } as const;
const recommended = meetingSubject({ recommended: true });
const inquorate = meetingSubject({ attend: ['chair', 'vice', 'social1', 'social2', 'medical'] });
const afterPapers = meetingSubject({}, '2026-12-01');
const notExpected = meetingSubject({ expectsChair: false });
const member = (label: string, subject: ReturnType<typeof meetingSubject>) => ({ label, relation: 'own' as const, role: 'panel-member' as Role, outcome: '404', subject });

const m = serviceMatrix({
  area: 'panel meetings',
  service: meetings,
  source: 'src/panel/meetings-service.ts',
  policies: [meetingPolicy],
  tables: TABLES,
  subject: meetingSubject(),
  routes: { prefixes: ['/panel-meetings', '/panel-items', '/api/v1/panel-meetings', '/api/v1/panel-items'] },
});

m.row({
  fn: 'viewMeeting', asks: asks(meetingPolicy, 'view'), roles: ['panel-adviser', 'panel-member'], refused: 'social-worker', cases: { own: ['allowed', '404'], ...HIDDEN },
  variants: [member('the day after the papers', afterPapers), member('not expected at this meeting', notExpected)],
  call: (svc, ctx, s) => svc.viewMeeting(m.w.db, ctx, s.meetingId),
});
m.row({
  fn: 'viewItem', asks: asks(meetingPolicy, 'view'), roles: ['panel-member', 'panel-adviser'], refused: 'decision-maker', cases: { own: ['allowed', '404'], ...HIDDEN },
  variants: [member('the day after the papers', afterPapers)],
  call: (svc, ctx, s) => svc.viewItem(m.w.db, ctx, s.itemId),
});
m.row({
  fn: 'myMeetings', asks: asks(meetingPolicy, 'view'), roles: ['panel-member'], refused: 'social-worker',
  cases: { own: ['listed', 'not listed'], delivered: 'not listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  variants: [{ label: 'the day after the papers', relation: 'own', role: 'panel-member', outcome: 'not listed', subject: afterPapers }],
  call: (svc, ctx) => svc.myMeetings(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((x) => x.id), s.meetingId, w, info),
});
m.row({
  fn: 'readPaper', asks: asks(meetingPolicy, 'view-papers'), roles: ['panel-member'], refused: 'panel-adviser', cases: { own: ['allowed', '404'], ...HIDDEN },
  variants: [member('the day after the papers', afterPapers), member('another meeting\'s paper', notExpected)],
  call: (svc, ctx, s) => svc.readPaper(m.w.db, ctx, s.meetingId, s.documentId),
});
m.row({
  fn: 'addItem', asks: asks(meetingPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, subject: toAdd,
  // A record the panel does not hear, or one the adviser cannot see, is a wrong choice on the form (422).
  cases: { own: ['allowed', '403'], delivered: 'allowed', granted: '422', unrelated: '422', left: '404' },
  call: (svc, ctx, s, w) => svc.addItem(w.db, ctx, s.meetingId, { kind: 'approval', householdId: s.householdId }),
});
m.row({
  fn: 'choosePapers', asks: asks(meetingPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, cases: RUNS_IT,
  call: (svc, ctx, s, w) => svc.choosePapers(w.db, ctx, s.itemId, { documentIds: [] }),
});
m.row({
  fn: 'recordRecommendation', asks: asks(meetingPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, cases: RUNS_IT,
  variants: [{ label: 'an inquorate meeting', relation: 'own', role: 'panel-adviser', outcome: '422', subject: inquorate }],
  call: (svc, ctx, s, w) => svc.recordRecommendation(w.db, ctx, s.itemId, { recommendation: 'approve', reasons: 'Matrix reasons' }),
});
m.row({
  fn: 'recordAttendance', asks: asks(meetingPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, cases: RUNS_IT,
  call: (svc, ctx, s, w) => svc.recordAttendance(w.db, ctx, s.meetingId, { attendance: [{ memberId: s.members.vice, attended: true }] }),
});
m.row({
  fn: 'saveMinutes', asks: asks(meetingPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, cases: RUNS_IT,
  call: (svc, ctx, s, w) => svc.saveMinutes(w.db, ctx, s.meetingId, { minutes: 'Matrix minutes' }),
});
m.row({
  fn: 'finaliseMinutes', asks: asks(meetingPolicy, 'manage'), roles: RUNS, refused: 'panel-member', writes: true, subject: recommended, cases: RUNS_IT,
  variants: [{ label: 'an item with no recommendation', relation: 'own', role: 'panel-adviser', outcome: '422', subject: meetingSubject() }],
  call: (svc, ctx, s, w) => svc.finaliseMinutes(w.db, ctx, s.meetingId),
});

// ---- routes -------------------------------------------------------------------------------------

const adviser = { relation: 'own', role: 'panel-adviser' } as const;
const hidden = { relation: 'unrelated', role: 'panel-adviser', status: 404 } as const;
const asMember = { relation: 'own', role: 'panel-member', status: 403 } as const;

m.route({ route: 'GET /panel-meetings/:id', allowed: [adviser, { relation: 'own', role: 'panel-member' }], refused: [hidden, { relation: 'granted', role: 'panel-member', status: 404 }], url: (s) => `/panel-meetings/${s.meetingId}`, marker: (s) => s.documentId });
m.route({ route: 'GET /api/v1/panel-meetings/:id', allowed: { relation: 'own', role: 'panel-member' }, refused: { relation: 'delivered', role: 'panel-adviser', status: 404 }, url: (s) => `/api/v1/panel-meetings/${s.meetingId}`, marker: (s) => s.documentId });
m.route({
  route: 'GET /panel-meetings/:id/papers/:documentId', allowed: { relation: 'own', role: 'panel-member' }, refused: [{ relation: 'own', role: 'panel-adviser', status: 404 }, { relation: 'left', role: 'panel-member', status: 404 }],
  url: (s) => `/panel-meetings/${s.meetingId}/papers/${s.documentId}`,
});
m.route({ route: 'GET /panel-items/:id', allowed: adviser, refused: { relation: 'granted', role: 'panel-adviser', status: 404 }, url: (s) => `/panel-items/${s.itemId}`, marker: (s) => s.documentId });
m.route({
  // (A record the panel does not hear re-shows the meeting page with the error: a view, audited as one.)
  route: 'POST /panel-meetings/:id/items', writes: true, subject: toAdd, allowed: { relation: 'delivered', role: 'panel-adviser' }, refused: { relation: 'own', role: 'panel-member', status: 403 },
  url: (s) => `/panel-meetings/${s.meetingId}/items`,
  body: async (s, w) => ({ kind: 'approval', subject: (await w.db.selectFrom('household').select('reference').where('id', '=', s.householdId).executeTakeFirstOrThrow()).reference }),
});
m.route({
  route: 'POST /api/v1/panel-meetings/:id/items', writes: true, subject: toAdd, allowed: adviser, refused: { relation: 'unrelated', role: 'panel-adviser', status: 422 },
  url: (s) => `/api/v1/panel-meetings/${s.meetingId}/items`, body: (s) => ({ kind: 'approval', householdId: s.householdId }),
});
m.route({
  route: 'POST /panel-meetings/:id/attendance', writes: true, allowed: adviser, refused: asMember,
  url: (s) => `/panel-meetings/${s.meetingId}/attendance`, body: (s) => ({ member: s.members.vice, present: s.members.vice }),
});
m.route({
  route: 'PUT /api/v1/panel-meetings/:id/attendance', writes: true, allowed: { ...adviser, status: 200 }, refused: hidden,
  url: (s) => `/api/v1/panel-meetings/${s.meetingId}/attendance`, body: (s) => ({ attendance: [{ memberId: s.members.vice, attended: true }] }),
});
m.route({ route: 'POST /panel-meetings/:id/minutes', writes: true, allowed: adviser, refused: asMember, url: (s) => `/panel-meetings/${s.meetingId}/minutes`, body: () => ({ minutes: 'Matrix page minutes' }) });
m.route({ route: 'PUT /api/v1/panel-meetings/:id/minutes', writes: true, allowed: adviser, refused: hidden, url: (s) => `/api/v1/panel-meetings/${s.meetingId}/minutes`, body: () => ({ minutes: 'Matrix API minutes' }) });
m.route({ route: 'POST /panel-meetings/:id/minutes/final', writes: true, subject: recommended, allowed: adviser, refused: asMember, url: (s) => `/panel-meetings/${s.meetingId}/minutes/final`, body: () => ({}) });
m.route({ route: 'POST /api/v1/panel-meetings/:id/minutes/final', writes: true, subject: recommended, allowed: { ...adviser, status: 200 }, refused: { relation: 'left', role: 'panel-adviser', status: 404 }, url: (s) => `/api/v1/panel-meetings/${s.meetingId}/minutes/final` });
m.route({ route: 'POST /panel-items/:id/papers', writes: true, allowed: adviser, refused: asMember, url: (s) => `/panel-items/${s.itemId}/papers`, body: () => ({}) });
m.route({ route: 'PUT /api/v1/panel-items/:id/papers', writes: true, allowed: adviser, refused: hidden, url: (s) => `/api/v1/panel-items/${s.itemId}/papers`, body: () => ({ documentIds: [] }) });
m.route({ route: 'POST /panel-items/:id/recommendation', writes: true, allowed: adviser, refused: asMember, url: (s) => `/panel-items/${s.itemId}/recommendation`, body: () => ({ recommendation: 'approve', reasons: 'Matrix page reasons' }) });
m.route({
  route: 'POST /api/v1/panel-items/:id/recommendation', writes: true, allowed: adviser, refused: [hidden, { relation: 'own', role: 'panel-member', status: 403 }],
  url: (s) => `/api/v1/panel-items/${s.itemId}/recommendation`, body: () => ({ recommendation: 'approve', reasons: 'Matrix API reasons' }),
});

m.run();
