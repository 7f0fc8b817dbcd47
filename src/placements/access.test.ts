// Placements: every service function and route, for each relationship of a person to the
// children placed. Placements have no policy of their own (decision 015): a placement is seen
// when every child in it is seen under the children area's rules (404 otherwise), and changed
// when the person may work on ('update') every child (403 otherwise); so each row names the
// children rule it relies on rather than a policy action. The relationships are the children
// matrix's: the child belongs to Herefordshire. Own: Herefordshire's staff. Delivered: West
// Mercia partnership staff, who deliver Herefordshire's family finding today. Granted:
// Shropshire staff holding a grant on every child placed. Unrelated: Shropshire staff without
// one. Left: Thurrock consortium staff and a child of Havering, which left the consortium in
// April 2014. A sibling group placed together tries the "every child": a grant on one of the two
// is not enough to see the placement.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { expectListed, serviceMatrix, type Outcome, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import * as placements from './service.ts';
import { PlacementFixtures, STAGE_DATES, type Household, type PlacementStage } from './testing.ts';

const VIEW: Role[] = ['social-worker', 'team-manager', 'family-finder', 'decision-maker', 'panel-adviser', 'analyst'];
const CASEWORK: Role[] = ['social-worker', 'team-manager', 'family-finder'];

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'havering' };

// The children rules each row relies on (children/for-placements.ts), in place of a policy's actions.
const SEES_EVERY = 'the children\'s view rule for every child placed (children/for-placements.ts childAccess): 404 otherwise';
const WORKS_ON_EVERY = 'the children\'s view rule, then their update rule, for every child placed (children/for-placements.ts childAccess): 404, then 403';
const PLANS = 'the children\'s update rule for the child and every sibling placed with them (children/for-placements.ts childrenToPlace): 404, then 403';
const LIST_SCOPE = 'the children list\'s scope (children/for-placements.ts childScope), then the children\'s view rule for every child placed';
const WORK_SCOPE = 'the children list\'s scope (children/for-placements.ts childScope), then the children\'s update rule for every child placed';

type Stage = 'matched' | PlacementStage;

interface PlacementSubject extends Subject {
  owner: string;
  /** The child the placement starts from (the elder of siblings). */
  childId: string;
  childIds: string[];
  householdId: string;
  /** '' for a matched child with no placement yet. */
  placementId: string;
}

// ---- fixtures: one PlacementFixtures and one shared household per world -----------------------

const worlds = new WeakMap<World, { f: PlacementFixtures; household: Promise<Household> }>();
function fixtures(w: World) {
  if (!worlds.has(w)) {
    const f = new PlacementFixtures(w.db);
    // The demo has about thirty approved households: every matrix child is matched with this one.
    worlds.set(w, { f, household: f.household('west-mercia') });
  }
  return worlds.get(w)!;
}

/**
 * The person of the role in the relationship, and a placement of the owner's at the stage (or a
 * matched child with none). Fresh for a change; else shared by relationship (the granted and the
 * unrelated person work in the same council, so they must not share records). The granted person
 * holds a grant on every child, or with `grantOn: 'one'` on the elder sibling alone.
 */
function subjectAt(stage: Stage, o: { siblings?: boolean; grantOn?: 'every' | 'one'; disruptedOn?: string } = {}) {
  const shared = new Map<string, Promise<Omit<PlacementSubject, 'email'>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, fresh: { fresh: boolean }): Promise<PlacementSubject> => {
    const owner = OWNER[relation];
    const make = async (): Promise<Omit<PlacementSubject, 'email'>> => {
      const { f, household } = fixtures(w);
      const h = await household;
      const childIds = o.siblings ? (await f.matchedSiblings(owner, { household: h })).childIds : [(await f.matchedChild(owner, { household: h })).childId];
      const placementId = stage === 'matched' ? '' : await f.placementAt(owner, childIds[0]!, stage, o.disruptedOn ? { disruptedOn: o.disruptedOn } : {});
      return { owner, childId: childIds[0]!, childIds, householdId: h.id, placementId };
    };
    let made;
    if (fresh.fresh) made = await make();
    else {
      if (!shared.has(relation)) shared.set(relation, make());
      made = await shared.get(relation)!;
    }
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted') {
      for (const id of (o.grantOn === 'one' ? made.childIds.slice(0, 1) : made.childIds).filter((c) => !granted.has(`${email}:${c}`))) {
        await w.grant(owner, email, 'child', id);
        granted.add(`${email}:${id}`);
      }
    }
    return { email, ...made };
  };
}

const matched = subjectAt('matched');
const introductions = subjectAt('introductions');
const placed = subjectAt('placed');
const applied = subjectAt('applied');
const adopted = subjectAt('adopted');
const disrupted = subjectAt('disrupted', { disruptedOn: '2026-11-20' });
const siblingsIntroduced = subjectAt('introductions', { siblings: true });
const siblingsIntroducedOneGranted = subjectAt('introductions', { siblings: true, grantOn: 'one' });
const siblingsMatchedOneGranted = subjectAt('matched', { siblings: true, grantOn: 'one' });
const siblingsDisruptedOneGranted = subjectAt('disrupted', { siblings: true, grantOn: 'one', disruptedOn: '2026-11-20' });
/** No record: whether the navigation offers Placements depends on the person alone. */
const personOnly = async (relation: Relationship, role: Role, w: World): Promise<PlacementSubject> =>
  ({ email: w.email(role, PERSON_IN[relation]), owner: OWNER[relation], childId: '', childIds: [], householdId: '', placementId: '' });

// Answers for the roles that may and one that may not: shown to those who see every child (404
// otherwise), changed by those who work on every child (403 for one who only sees them).
const SEES = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const WORKS = { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '404', left: '404' } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: ['listed', 'not listed'], unrelated: 'not listed', left: 'not listed' } as const;
const oneSiblingGranted = (outcome: Outcome, subject = siblingsIntroducedOneGranted) =>
  [{ label: 'a grant on one of two siblings placed together', relation: 'granted' as const, role: 'social-worker' as const, outcome, subject }];

const m = serviceMatrix({
  area: 'placements',
  service: placements,
  source: 'src/placements/service.ts',
  // No policy of its own (decision 015): every row names the children rule it relies on.
  policies: [],
  // The placements' own tables, and those a step writes through the children and adopters areas: a refusal leaves every one as it was.
  tables: ['placement', 'placement_child', 'placement_review', 'disruption', 'child', 'milestone', 'care_episode', 'household', 'stage_event'],
  subject: introductions,
  routes: { prefixes: ['/placements', '/disruptions', '/api/v1/placements', '/api/v1/disruptions'] },
});

const placementRow = (w: World, id: string) => w.db.selectFrom('placement').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** A list hides what the person may not see from its count too: a page of fewer than its limit holds every one it counts. */
const countsOnlyShown = (r: { total: number; offset: number; limit: number; items: unknown[] }) => {
  if (r.total - r.offset <= r.limit) expect(r.items.length, 'the list counts only what it shows').toBe(Math.max(0, r.total - r.offset));
};

// ---- reading ------------------------------------------------------------------------------------

m.row({
  fn: 'view', asks: SEES_EVERY, roles: VIEW, refused: 'admin', cases: SEES,
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.placementId),
  verify: (_o, r, s) => {
    const v = r as Awaited<ReturnType<typeof placements.view>>;
    expect(v.placement.id).toBe(s.placementId);
    expect(v.placement.childIds).toEqual(s.childIds);
  },
});
m.row({
  fn: 'view', label: 'whether it may be changed', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'analyst',
  cases: { own: ['offered', 'withheld'], delivered: ['offered', 'withheld'], granted: ['offered', 'withheld'], unrelated: '404', left: '404' },
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.placementId),
  verify: (o, r) => expect((r as Awaited<ReturnType<typeof placements.view>>).can.change).toBe(o === 'offered'),
});
m.row({
  fn: 'view', label: 'siblings placed together', asks: SEES_EVERY, roles: VIEW, refused: 'admin', cases: SEES, subject: siblingsIntroduced,
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.placementId),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof placements.view>>).placement.childIds.sort()).toEqual([...s.childIds].sort()),
  variants: oneSiblingGranted('404'),
});
m.row({
  fn: 'list', asks: LIST_SCOPE, roles: VIEW, refused: 'admin', cases: LISTS,
  call: (svc, ctx, s) => svc.list(m.w.db, ctx, { child: s.childId }),
  verify: async (o, r, s, w, info) => {
    const v = r as Awaited<ReturnType<typeof placements.list>>;
    await expectListed(o, v.items.map((p) => p.id), s.placementId, w, info);
    countsOnlyShown(v);
  },
  variants: oneSiblingGranted('not listed'),
});
m.row({
  fn: 'disruptions', asks: LIST_SCOPE, roles: VIEW, refused: 'admin', cases: LISTS, subject: disrupted,
  call: (svc, ctx) => svc.disruptions(m.w.db, ctx, { kind: 'introductions' }),
  verify: async (o, r, s, w, info) => {
    const v = r as Awaited<ReturnType<typeof placements.disruptions>>;
    await expectListed(o, v.items.map((d) => d.placementId), s.placementId, w, info);
    countsOnlyShown(v);
    if (v.total <= v.limit) expect(v.byKind.introductions ?? 0, 'the count by type counts only what may be seen').toBe(v.items.length);
  },
  variants: oneSiblingGranted('not listed', siblingsDisruptedOneGranted),
});
m.row({
  fn: 'dueWork', asks: WORK_SCOPE, roles: CASEWORK, refused: 'analyst', cases: LISTS,
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  // Introductions planned to end on 20 June 2026: the move is overdue.
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof placements.dueWork>>).map((i) => i.href.replace('/placements/', '')), s.placementId, w, info),
  variants: oneSiblingGranted('not listed'),
});
m.row({
  fn: 'planFor', asks: PLANS, roles: CASEWORK, refused: 'analyst', cases: WORKS, subject: matched,
  call: (svc, ctx, s) => svc.planFor(m.w.db, ctx, s.childId),
  verify: (_o, r, s) => {
    const v = r as Awaited<ReturnType<typeof placements.planFor>>;
    expect(v.children.map((c) => c.id)).toEqual(s.childIds);
    expect(v.match?.householdId).toBe(s.householdId);
  },
  // The child is seen, but not the sibling placed with them: the plan is refused, not hidden.
  variants: oneSiblingGranted('403', siblingsMatchedOneGranted),
});
m.row({
  fn: 'mayUsePlacements', asks: 'the children list\'s scope (children/for-placements.ts childScope): whether the person sees children at all', roles: VIEW, refused: 'admin',
  subject: personOnly,
  cases: {
    own: ['offered', 'not offered'], delivered: ['offered', 'not offered'],
    granted: { na: 'no record: a grant on a child plays no part in whether Placements is offered' },
    unrelated: { na: 'no record: no one is unrelated to the navigation' },
    left: ['offered', 'not offered'],
  },
  call: (svc, ctx) => svc.mayUsePlacements(ctx),
  verify: (o, r) => expect(r).toBe(o === 'offered'),
});

// ---- the steps: a fresh placement (or matched child) for each case ------------------------------

m.row({
  fn: 'start', asks: PLANS, roles: CASEWORK, refused: 'decision-maker', cases: WORKS, writes: true, subject: matched,
  call: (svc, ctx, s) => svc.start(m.w.db, ctx, { childId: s.childId, introductionsStart: STAGE_DATES.introductionsStart, plannedMoveOn: STAGE_DATES.plannedMoveOn }),
  verify: async (_o, r, s, w) => {
    expect((await placementRow(w, r as string)).status).toBe('introductions');
    expect((await w.db.selectFrom('placement_child').select('child_id').where('placement_id', '=', r as string).execute()).map((c) => c.child_id)).toEqual(s.childIds);
  },
  variants: oneSiblingGranted('403', siblingsMatchedOneGranted),
});
m.row({
  fn: 'reviewIntroductions', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'analyst', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.reviewIntroductions(m.w.db, ctx, s.placementId, { reviewedOn: '2026-06-15', outcome: 'extend', plannedMoveOn: '2026-06-22' }),
  verify: async (_o, _r, s, w) => expect(await placementRow(w, s.placementId)).toMatchObject({ introductions_review: 'extend', planned_move_on: '2026-06-22' }),
  variants: oneSiblingGranted('404'),
});
m.row({
  fn: 'move', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'decision-maker', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.move(m.w.db, ctx, s.placementId, { placedOn: STAGE_DATES.placedOn, placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }),
  verify: async (_o, _r, s, w) => expect(await placementRow(w, s.placementId)).toMatchObject({ status: 'placed', placed_on: STAGE_DATES.placedOn }),
  variants: oneSiblingGranted('404'),
});
m.row({
  fn: 'addReview', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'panel-adviser', cases: WORKS, writes: true, subject: placed,
  call: (svc, ctx, s) => svc.addReview(m.w.db, ctx, s.placementId, { heldOn: '2026-07-14', summary: 'Settling well.' }),
  verify: async (_o, r, s, w) => expect(await w.db.selectFrom('placement_review').select(['placement_id', 'held_on']).where('id', '=', r as string).executeTakeFirst()).toEqual({ placement_id: s.placementId, held_on: '2026-07-14' }),
});
m.row({
  fn: 'apply', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'decision-maker', cases: WORKS, writes: true, subject: placed,
  call: (svc, ctx, s) => svc.apply(m.w.db, ctx, s.placementId, { appliedOn: STAGE_DATES.appliedOn }),
  verify: async (_o, _r, s, w) => expect(await placementRow(w, s.placementId)).toMatchObject({ status: 'applied', applied_on: STAGE_DATES.appliedOn }),
});
m.row({
  fn: 'order', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'analyst', cases: WORKS, writes: true, subject: applied,
  call: (svc, ctx, s) => svc.order(m.w.db, ctx, s.placementId, { orderOn: STAGE_DATES.orderOn, orderCode: 'E11' }),
  verify: async (_o, _r, s, w) => expect(await placementRow(w, s.placementId)).toMatchObject({ status: 'adopted', order_on: STAGE_DATES.orderOn }),
});
m.row({
  fn: 'disrupt', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'panel-adviser', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.disrupt(m.w.db, ctx, s.placementId, { occurredOn: STAGE_DATES.disruptedOn, reasons: ['introductions'], details: 'Distressed at each visit.', nextForChild: 'new-family' }),
  verify: async (_o, r, s, w) => {
    expect(await w.db.selectFrom('disruption').select(['placement_id', 'kind']).where('id', '=', r as string).executeTakeFirst()).toEqual({ placement_id: s.placementId, kind: 'introductions' });
    expect((await placementRow(w, s.placementId)).status).toBe('disrupted');
  },
  variants: oneSiblingGranted('404'),
});
m.row({
  // After the order no child's record is written: only the placement's own check stands between the person and the disruption.
  fn: 'disrupt', label: 'after the order', asks: WORKS_ON_EVERY, roles: CASEWORK, refused: 'decision-maker', cases: WORKS, writes: true, subject: adopted,
  call: (svc, ctx, s) => svc.disrupt(m.w.db, ctx, s.placementId, { occurredOn: '2026-11-10', reasons: ['support'], details: 'The family asked for the child to be accommodated.', nextForChild: 'foster-care' }),
  verify: async (_o, r, s, w) => expect(await w.db.selectFrom('disruption').select(['placement_id', 'kind']).where('id', '=', r as string).executeTakeFirst()).toEqual({ placement_id: s.placementId, kind: 'after-order' }),
});

// ---- routes: one allowed and one refused request each ------------------------------------------

const own = { relation: 'own', role: 'social-worker' } as const;
const hidden = { relation: 'unrelated', role: 'social-worker', status: 404 } as const;
const onlySees = { relation: 'own', role: 'analyst', status: 403 } as const;
const date = (field: string, iso: string) => {
  const [y, mo, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(mo)), [`${field}-year`]: y };
};
const disruption = { reasons: ['introductions'], details: 'Distressed at each visit.', nextForChild: 'new-family' };

m.route({ route: 'GET /placements', allowed: { ...own }, refused: { ...hidden, status: 200 }, url: (s) => `/placements?child=${s.childId}`, marker: (s) => s.placementId });
m.route({ route: 'GET /api/v1/placements', allowed: { relation: 'delivered', role: 'family-finder' }, refused: { relation: 'left', role: 'family-finder', status: 200 }, url: (s) => `/api/v1/placements?child=${s.childId}`, marker: (s) => s.placementId });
m.route({ route: 'GET /placements/:id', allowed: { ...own }, refused: hidden, url: (s) => `/placements/${s.placementId}`, marker: (s) => s.placementId });
m.route({ route: 'GET /api/v1/placements/:id', allowed: { relation: 'granted', role: 'analyst' }, refused: { relation: 'left', role: 'analyst', status: 404 }, url: (s) => `/api/v1/placements/${s.placementId}`, marker: (s) => s.placementId });
m.route({ route: 'GET /disruptions', subject: disrupted, allowed: { ...own }, refused: { ...hidden, status: 200 }, url: () => '/disruptions?kind=introductions', marker: (s) => s.placementId });
m.route({ route: 'GET /api/v1/disruptions', subject: disrupted, allowed: { relation: 'granted', role: 'panel-adviser' }, refused: { relation: 'unrelated', role: 'panel-adviser', status: 200 }, url: () => '/api/v1/disruptions?kind=introductions', marker: (s) => s.placementId });

m.route({ route: 'GET /placements/new', subject: matched, allowed: { ...own }, refused: [hidden, onlySees], url: (s) => `/placements/new?child=${s.childId}` });
m.route({
  route: 'POST /placements', subject: matched, writes: true, allowed: { ...own }, refused: [hidden, onlySees],
  url: () => '/placements', body: (s) => ({ childId: s.childId, ...date('introductionsStart', STAGE_DATES.introductionsStart), ...date('plannedMoveOn', STAGE_DATES.plannedMoveOn) }),
});
m.route({
  route: 'POST /api/v1/placements', subject: matched, writes: true, allowed: { relation: 'granted', role: 'team-manager' }, refused: onlySees,
  url: () => '/api/v1/placements', body: (s) => ({ childId: s.childId, introductionsStart: STAGE_DATES.introductionsStart, plannedMoveOn: STAGE_DATES.plannedMoveOn }),
});
m.route({
  route: 'POST /placements/:id/introductions-review', writes: true, allowed: { ...own }, refused: [hidden, onlySees],
  url: (s) => `/placements/${s.placementId}/introductions-review`, body: () => ({ ...date('reviewedOn', '2026-06-15'), outcome: 'proceed' }),
});
m.route({
  route: 'POST /api/v1/placements/:id/introductions-review', writes: true, allowed: { relation: 'delivered', role: 'team-manager', status: 204 }, refused: onlySees,
  url: (s) => `/api/v1/placements/${s.placementId}/introductions-review`, body: () => ({ reviewedOn: '2026-06-15', outcome: 'proceed' }),
});
m.route({
  route: 'POST /placements/:id/move', writes: true, allowed: { relation: 'delivered', role: 'family-finder' }, refused: [hidden, onlySees],
  url: (s) => `/placements/${s.placementId}/move`, body: () => ({ ...date('placedOn', STAGE_DATES.placedOn), placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }),
});
m.route({
  route: 'POST /api/v1/placements/:id/move', writes: true, allowed: { ...own, status: 204 }, refused: { relation: 'own', role: 'decision-maker', status: 403 },
  url: (s) => `/api/v1/placements/${s.placementId}/move`, body: () => ({ placedOn: STAGE_DATES.placedOn, placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }),
});
m.route({
  route: 'POST /placements/:id/reviews', subject: placed, writes: true, allowed: { ...own }, refused: [hidden, onlySees],
  url: (s) => `/placements/${s.placementId}/reviews`, body: () => ({ ...date('heldOn', '2026-07-14'), summary: 'Settling well.' }),
});
m.route({
  route: 'POST /api/v1/placements/:id/reviews', subject: placed, writes: true, allowed: { relation: 'granted', role: 'social-worker' }, refused: { relation: 'left', role: 'social-worker', status: 404 },
  url: (s) => `/api/v1/placements/${s.placementId}/reviews`, body: () => ({ heldOn: '2026-07-14', summary: 'Settling well.' }),
});
m.route({
  route: 'POST /placements/:id/application', subject: placed, writes: true, allowed: { ...own }, refused: [hidden, onlySees],
  url: (s) => `/placements/${s.placementId}/application`, body: () => date('appliedOn', STAGE_DATES.appliedOn),
});
m.route({
  route: 'POST /api/v1/placements/:id/application', subject: placed, writes: true, allowed: { ...own, status: 204 }, refused: hidden,
  url: (s) => `/api/v1/placements/${s.placementId}/application`, body: () => ({ appliedOn: STAGE_DATES.appliedOn }),
});
m.route({
  route: 'POST /placements/:id/order', subject: applied, writes: true, allowed: { ...own }, refused: [hidden, onlySees],
  url: (s) => `/placements/${s.placementId}/order`, body: () => ({ ...date('orderOn', STAGE_DATES.orderOn), orderCode: 'E11' }),
});
m.route({
  route: 'POST /api/v1/placements/:id/order', subject: applied, writes: true, allowed: { relation: 'granted', role: 'family-finder', status: 204 }, refused: onlySees,
  url: (s) => `/api/v1/placements/${s.placementId}/order`, body: () => ({ orderOn: STAGE_DATES.orderOn, orderCode: 'E11' }),
});
// The disruption form is a change: offered to those who may make it, as a child's edit form is.
m.route({ route: 'GET /placements/:id/disruption', allowed: { ...own }, refused: [hidden, onlySees], url: (s) => `/placements/${s.placementId}/disruption` });
m.route({
  route: 'POST /placements/:id/disruption', writes: true, allowed: { ...own }, refused: [hidden, onlySees],
  // A form posts each reason as its own field; one reason is one field.
  url: (s) => `/placements/${s.placementId}/disruption`, body: () => ({ ...date('occurredOn', STAGE_DATES.disruptedOn), ...disruption, reasons: 'introductions' }),
});
m.route({
  route: 'POST /api/v1/placements/:id/disruption', writes: true, allowed: { relation: 'delivered', role: 'social-worker' }, refused: onlySees,
  url: (s) => `/api/v1/placements/${s.placementId}/disruption`, body: () => ({ occurredOn: STAGE_DATES.disruptedOn, ...disruption }),
});

m.run();
