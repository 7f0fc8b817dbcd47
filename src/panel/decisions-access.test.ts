// Agency decisions: every service function of decisions-service.ts and every page and API route
// of /panel-decisions and /api/v1/decisions, for each relationship of a person to an item whose
// decision is Herefordshire's (a Herefordshire child's SHOBPA, or a Herefordshire household's
// approval, heard by the partnership's panel and on final minutes). Own: Herefordshire staff.
// Delivered: West Mercia staff: the partnership delivers Herefordshire's panel and runs the
// meeting, but the decision stays the council's. Granted: Shropshire staff holding a grant on
// the item, which gives nothing. Unrelated: Thurrock staff. Left: Havering staff and an item of
// Thurrock's own panel.
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import * as decisions from './decisions-service.ts';
import * as items from './items-store.ts';
import { decisionDueOn } from './model.ts';
import { decisionPolicy } from './policy.ts';
import * as store from './store.ts';
import { PanelFixtures } from './testing.ts';

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
/** The agency that decides, and the organisation whose panel heard it. */
const AGENCY: Record<Relationship, [string, string]> = {
  own: ['herefordshire', 'west-mercia'], delivered: ['herefordshire', 'west-mercia'], granted: ['herefordshire', 'west-mercia'], unrelated: ['herefordshire', 'west-mercia'], left: ['thurrock', 'thurrock'],
};
const TABLES = ['panel_item', 'panel_meeting', 'child', 'milestone', 'household', 'stage_event'];

interface DecisionSubject extends Subject {
  itemId: string;
  meetingId: string;
  agency: string;
}

type Kind = 'shobpa' | 'approval';
interface Setting { kind: Kind; decided?: boolean; draft?: boolean }

let fixtures: PanelFixtures | undefined;
const fx = (w: World) => (fixtures ??= new PanelFixtures(w.db));

async function newItem(w: World, relation: Relationship, s: Setting) {
  const f = fx(w);
  const [agency, hearer] = AGENCY[relation];
  const p = await f.panel(hearer);
  const meetingId = await f.meeting(p.panelId, '2026-11-19', '2026-11-20');
  const record = s.kind === 'shobpa' ? { householdId: null, childId: (await f.child(agency)).id } : { householdId: (await f.householdForApproval(agency, agency)).id, childId: null };
  const { id: itemId } = await items.insertItem(w.db, { meetingId, kind: s.kind, ...record, linkId: null, decisionAgencyId: await f.org(agency), addedBy: null });
  await items.saveRecommendation(w.db, itemId, { recommendation: s.kind === 'shobpa' ? 'place' : 'approve', reasons: 'Matrix reasons', approvedFor: null, by: null, dissent: [] });
  if (!s.draft) await store.finaliseMinutes(w.db, meetingId, '2026-11-20', decisionDueOn('2026-11-20', 7), null);
  if (s.decided) await items.saveDecision(w.db, itemId, { decision: s.kind === 'shobpa' ? 'place' : 'approve', reasons: 'Matrix decision', decidedOn: '2026-11-23', by: null });
  return { itemId, meetingId, agency };
}

function decisionSubject(setting: Setting) {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<typeof newItem>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<DecisionSubject> => {
    if (!f.fresh && !shared.has(relation)) shared.set(relation, newItem(w, relation, setting));
    const item = f.fresh ? await newItem(w, relation, setting) : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${item.itemId}`)) {
      await w.grant(item.agency, email, 'panel-item', item.itemId);
      granted.add(`${email}:${item.itemId}`);
    }
    return { email, ...item };
  };
}

const DECIDES: Role[] = ['decision-maker'];
const HIDDEN = { delivered: '404', granted: '404', unrelated: '404', left: '404' } as const;
const shobpa = decisionSubject({ kind: 'shobpa' });
const approvalDecided = decisionSubject({ kind: 'approval', decided: true });

const m = serviceMatrix({
  area: 'panel decisions',
  service: decisions,
  source: 'src/panel/decisions-service.ts',
  policies: [decisionPolicy],
  tables: TABLES,
  subject: decisionSubject({ kind: 'approval' }),
  exempt: { mayDecide: 'a yes or no for the Panels page from the person\'s roles alone: there is no record to try' },
  routes: { prefixes: ['/panel-decisions', '/api/v1/decisions'] },
});

m.row({
  fn: 'decisionQueue', asks: asks(decisionPolicy, 'view'), roles: DECIDES, refused: 'panel-adviser',
  cases: { own: ['listed', 'not listed'], delivered: 'not listed', granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.decisionQueue(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof decisions.decisionQueue>>).waiting.map((x) => x.id), s.itemId, w, info),
});
m.row({
  fn: 'viewDecision', asks: asks(decisionPolicy, 'view'), roles: DECIDES, refused: 'panel-adviser', cases: { own: ['allowed', '404'], ...HIDDEN },
  call: (svc, ctx, s) => svc.viewDecision(m.w.db, ctx, s.itemId),
});
m.row({
  fn: 'decide', asks: asks(decisionPolicy, 'decide'), roles: DECIDES, refused: 'social-worker', writes: true, subject: shobpa, cases: { own: ['allowed', '404'], ...HIDDEN },
  variants: [{ label: 'before the minutes are final', relation: 'own', role: 'decision-maker', outcome: '422', subject: decisionSubject({ kind: 'shobpa', draft: true }) }],
  call: (svc, ctx, s, w) => svc.decide(w.db, ctx, { itemId: s.itemId, decision: 'place', reasons: 'Matrix decision', decidedOn: '2026-11-23' }),
});
m.row({
  fn: 'letter', asks: asks(decisionPolicy, 'view'), roles: DECIDES, refused: 'panel-adviser', subject: approvalDecided, cases: { own: ['allowed', '404'], ...HIDDEN },
  call: (svc, ctx, s) => svc.letter(m.w.db, ctx, s.itemId),
});

// ---- routes -------------------------------------------------------------------------------------

const adm = { relation: 'own', role: 'decision-maker' } as const;

m.route({ route: 'GET /panel-decisions', allowed: adm, refused: { relation: 'delivered', role: 'decision-maker', status: 200 }, url: () => '/panel-decisions', marker: (s) => s.itemId });
m.route({ route: 'GET /api/v1/decisions', allowed: adm, refused: { relation: 'left', role: 'decision-maker', status: 200 }, url: () => '/api/v1/decisions', marker: (s) => s.itemId });
m.route({ route: 'GET /panel-decisions/:id', allowed: adm, refused: { relation: 'delivered', role: 'decision-maker', status: 404 }, url: (s) => `/panel-decisions/${s.itemId}` });
m.route({
  route: 'POST /panel-decisions/:id', writes: true, subject: shobpa, allowed: adm, refused: { relation: 'unrelated', role: 'decision-maker', status: 404 },
  url: (s) => `/panel-decisions/${s.itemId}`, body: () => ({ decision: 'place', reasons: 'Matrix page decision', 'decidedOn-day': '23', 'decidedOn-month': '11', 'decidedOn-year': '2026' }),
});
m.route({
  route: 'POST /api/v1/decisions', writes: true, subject: shobpa, allowed: adm, refused: { relation: 'own', role: 'panel-adviser', status: 404 },
  url: () => '/api/v1/decisions', body: (s) => ({ itemId: s.itemId, decision: 'place', reasons: 'Matrix API decision', decidedOn: '2026-11-23' }),
});
m.route({ route: 'GET /panel-decisions/:id/letter', subject: approvalDecided, allowed: adm, refused: { relation: 'granted', role: 'decision-maker', status: 404 }, url: (s) => `/panel-decisions/${s.itemId}/letter` });
m.route({ route: 'POST /panel-decisions/:id/letter', subject: approvalDecided, allowed: { ...adm, status: 200 }, refused: { relation: 'left', role: 'decision-maker', status: 404 }, url: (s) => `/panel-decisions/${s.itemId}/letter`, body: () => ({ address: '1 Matrix Road\nHereford' }) });
m.route({ route: 'GET /panel-decisions/:id/letter.pdf', subject: approvalDecided, allowed: adm, refused: { relation: 'delivered', role: 'decision-maker', status: 404 }, url: (s) => `/panel-decisions/${s.itemId}/letter.pdf` });

m.run();
