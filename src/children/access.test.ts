// Children: every service function and route, for each relationship of a person to a child.
// The child belongs to its placing council (Herefordshire here). Own: Herefordshire's staff.
// Delivered: West Mercia partnership staff, who deliver Herefordshire's family finding today
// (Option 3 since 2016). Granted: Shropshire staff holding a grant on the child. Unrelated:
// Shropshire staff without one (a council of the same partnership: the likeliest leak). Left:
// Thurrock consortium staff and a child of Havering, which left the consortium in April 2014.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { childPolicy } from './policy.ts';
import * as children from './service.ts';

const VIEW: Role[] = ['social-worker', 'team-manager', 'family-finder', 'decision-maker', 'panel-adviser', 'analyst'];
const CASEWORK: Role[] = ['social-worker', 'team-manager', 'family-finder'];
const REGISTER: Role[] = ['social-worker', 'team-manager'];

const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'havering' };
const CODES: Record<string, string> = { herefordshire: 'E06000019', havering: 'E09000016' };

interface ChildSubject extends Subject {
  owner: string;
  childId: string;
  lastName: string;
  /** A second child of the same council, not in a group (for making one). */
  siblingId: string;
  /** A sibling group of two of the council's children. */
  groupId: string;
}

const newChildInput = (owner: string, lastName: string) => ({
  firstName: 'Matrix', lastName, dateOfBirth: '2021-05-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: CODES[owner]!, enteredCare: '2024-02-01',
  birthFamily: [{ name: 'Birth Parent', relationship: 'Mother' }],
});

async function newChild(w: World, owner: string): Promise<{ id: string; lastName: string }> {
  const lastName = `Matrix${w.next()}`;
  const id = await children.create(w.db, await w.ctx(w.email('social-worker', owner)), newChildInput(owner, lastName));
  return { id, lastName };
}

/**
 * The person of the role in the relationship, and the owner's records the row needs: a child;
 * with `sibling`, a second one to group it with; with `group`, a sibling group of two. Fresh for
 * a change; else shared by relationship (the granted and the unrelated person work in the same
 * council, so they must not share records). The granted person holds a grant on each child.
 */
function subjectWith(parts: { sibling?: boolean; group?: boolean; adopted?: boolean } = {}) {
  const shared = new Map<string, Promise<{ records: Omit<ChildSubject, 'email'>; children: string[] }>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, o: { fresh: boolean }): Promise<ChildSubject> => {
    const owner = OWNER[relation];
    const make = async () => {
      const child = await newChild(w, owner);
      // An adoption order seals the record (written straight to the table: the placement that makes one is placements' matrix).
      if (parts.adopted) await w.db.insertInto('milestone').values({ child_id: child.id, type: 'adoption-order', date: '2025-06-02', code: 'E11' }).execute();
      const sibling = parts.sibling || parts.group ? await newChild(w, owner) : null;
      const groupId = parts.group
        ? await children.createSiblingGroup(w.db, await w.ctx(w.email('social-worker', owner)), { name: `Matrix group ${w.next()}`, childIds: [child.id, sibling!.id] })
        : '';
      return { records: { owner, childId: child.id, lastName: child.lastName, siblingId: sibling?.id ?? '', groupId }, children: [child.id, ...(sibling ? [sibling.id] : [])] };
    };
    let made;
    if (o.fresh) made = await make();
    else {
      if (!shared.has(relation)) shared.set(relation, make());
      made = await shared.get(relation)!;
    }
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted') {
      for (const id of made.children.filter((c) => !granted.has(`${email}:${c}`))) {
        await w.grant(owner, email, 'child', id);
        granted.add(`${email}:${id}`);
      }
    }
    return { email, ...made.records };
  };
}

const subject = subjectWith();
const withSibling = subjectWith({ sibling: true });
const withGroup = subjectWith({ group: true });
const adopted = subjectWith({ adopted: true });

// Answers for the roles that may and one that may not: shown to those who see the child (404
// otherwise), changed by those who work on it (403 for one who only sees it).
const SEES = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const WORKS = { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '404', left: '404' } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: ['listed', 'not listed'], unrelated: 'not listed', left: 'not listed' } as const;
// The council filter and the scorecard name the councils whose children are seen wholesale: a grant on one child is not that.
const COUNCILS = { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: 'not listed', unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'children',
  service: children,
  source: 'src/children/service.ts',
  policies: [childPolicy],
  tables: ['child', 'care_episode', 'milestone', 'child_need', 'birth_family_member', 'sibling_group', 'waiting_reason', 'waiting_review', 'access_grant', 'previous_permanence'],
  subject,
  contextFree: { milestoneLabel: 'a milestone type\'s label: no record, no person' },
  exempt: {
    permissionsFor: 'the buttons a child\'s page offers, from the very rules the change functions ask (their rows check each)',
    addMilestoneIn: 'addMilestone in the caller\'s transaction: addMilestone\'s rows run this very function',
    sealedRecord: 'what the sealed-record page says: openSealedRecord (row below) asks it first, and refuses whom it refuses',
    mayRegister: 'whether to offer "Register a child": the create rule, which create and allocatableWorkers (rows below) apply',
  },
  routes: {
    prefixes: ['/children', '/api/v1/children', '/sibling-groups', '/api/v1/sibling-groups'],
    exempt: {
      'GET /children/:id/families': 'matching\'s page under the child\'s address: the child is asked of this area (children/for-matching.ts), and src/matching/access.test.ts tries it',
      'GET /children/:id/families/excluded': 'matching\'s page under the child\'s address: the child is asked of this area (children/for-matching.ts), and src/matching/access.test.ts tries it',
      'POST /children/:id/avoid-councils': 'matching\'s form under the child\'s address: the child is asked of this area (children/for-matching.ts), and src/matching/access.test.ts tries it',
      'GET /api/v1/children/:id/matches': 'matching\'s API under the child\'s address: the child is asked of this area (children/for-matching.ts), and src/matching/access.test.ts tries it',
      'GET /api/v1/children/:id/matches/excluded': 'matching\'s API under the child\'s address: the child is asked of this area (children/for-matching.ts), and src/matching/access.test.ts tries it',
    },
  },
});

m.row({
  fn: 'view', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: SEES,
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.childId),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof children.view>>).child.id).toBe(s.childId),
});
m.row({
  fn: 'view', label: 'birth family', asks: asks(childPolicy, 'view-birth-family'), roles: CASEWORK, refused: 'analyst',
  cases: {
    own: ['birth family shown', 'birth family withheld'], delivered: ['birth family shown', 'birth family withheld'], granted: ['birth family shown', 'birth family withheld'],
    unrelated: '404', left: '404',
  },
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.childId),
  verify: (o, r) => {
    const { birthFamily } = r as Awaited<ReturnType<typeof children.view>>;
    if (o === 'birth family shown') expect(birthFamily).toEqual([expect.objectContaining({ name: 'Birth Parent' })]);
    else expect(birthFamily).toBeNull();
  },
});
m.row({ fn: 'timeliness', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: SEES, call: (svc, ctx, s) => svc.timeliness(m.w.db, ctx, s.childId) });
m.row({
  fn: 'update', asks: asks(childPolicy, 'update'), roles: CASEWORK, refused: 'analyst', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.update(m.w.db, ctx, s.childId, { firstName: 'Changed' }),
});
m.row({
  fn: 'addEpisode', asks: asks(childPolicy, 'update'), roles: CASEWORK, refused: 'panel-adviser', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.addEpisode(m.w.db, ctx, s.childId, { startDate: '2025-01-10', rne: 'L', legalStatus: 'C2' }),
});
m.row({
  fn: 'setWaitingReasons', asks: asks(childPolicy, 'update'), roles: CASEWORK, refused: 'decision-maker', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.setWaitingReasons(m.w.db, ctx, s.childId, { reasons: [{ reason: 'age' }] }),
});
m.row({
  fn: 'addWaitingReview', asks: asks(childPolicy, 'update'), roles: CASEWORK, refused: 'analyst', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.addWaitingReview(m.w.db, ctx, s.childId, { reviewDate: '2026-11-01', summary: 'Reviewed' }),
});
m.row({
  fn: 'allocatableWorkers', asks: asks(childPolicy, 'update'), roles: CASEWORK, refused: 'analyst', cases: WORKS,
  call: (svc, ctx, s) => svc.allocatableWorkers(m.w.db, ctx, s.childId),
});
m.row({
  fn: 'allocatableWorkers', label: 'without a child', asks: asks(childPolicy, 'create'), roles: REGISTER, refused: 'family-finder',
  cases: {
    own: ['allowed', '403'], delivered: '403',
    granted: { na: 'without a child it answers for the person\'s own council, where a grant plays no part' },
    unrelated: { na: 'without a child it answers for the person\'s own council: no one is unrelated to it' },
    left: { na: 'without a child it answers for the person\'s own council, whatever partnership it left' },
  },
  call: (svc, ctx) => svc.allocatableWorkers(m.w.db, ctx),
});
m.row({
  fn: 'create', asks: asks(childPolicy, 'create'), roles: REGISTER, refused: 'family-finder', writes: true,
  // Only the placing council registers its children: not whoever delivers its family finding, nor anyone with a grant on another of its children.
  cases: { own: ['allowed', '403'], delivered: '403', granted: '403', unrelated: '403', left: '403' },
  call: (svc, ctx, s) => svc.create(m.w.db, ctx, newChildInput(s.owner, `Matrix${m.w.next()}`)),
});
m.row({
  fn: 'likelyDuplicates', asks: asks(childPolicy, 'create'), roles: REGISTER, refused: 'family-finder',
  // Asked while registering: only by those who may register for that council, and it shows only children they may see.
  cases: { own: ['allowed', '403'], delivered: '403', granted: '403', unrelated: '403', left: '403' },
  call: (svc, ctx, s) => svc.likelyDuplicates(m.w.db, ctx, newChildInput(s.owner, s.lastName)),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof children.likelyDuplicates>>).map((d) => d.id)).toContain(s.childId),
});
m.row({
  fn: 'addMilestone', asks: asks(childPolicy, 'record-milestone'), roles: [...CASEWORK, 'decision-maker'], refused: 'analyst', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.addMilestone(m.w.db, ctx, s.childId, { type: 'adoption-plan', date: '2024-03-01' }),
});
m.row({
  fn: 'createSiblingGroup', asks: asks(childPolicy, 'manage-siblings'), roles: CASEWORK, refused: 'analyst', writes: true, subject: withSibling,
  // A child the person may not link is refused as a wrong choice of child, whether or not they can see it.
  cases: { own: ['allowed', '422'], delivered: ['allowed', '422'], granted: ['allowed', '422'], unrelated: '422', left: '422' },
  call: (svc, ctx, s) => svc.createSiblingGroup(m.w.db, ctx, { name: 'Matrix siblings', childIds: [s.childId, s.siblingId] }),
});
m.row({
  fn: 'viewSiblingGroup', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: SEES, subject: withGroup,
  call: (svc, ctx, s) => svc.viewSiblingGroup(m.w.db, ctx, s.groupId),
  verify: (_o, r) => expect((r as Awaited<ReturnType<typeof children.viewSiblingGroup>>).hidden).toBe(0),
});
m.row({
  fn: 'recordSiblingDecision', asks: asks(childPolicy, 'manage-siblings'), roles: CASEWORK, refused: 'panel-adviser', cases: WORKS, writes: true, subject: withGroup,
  call: (svc, ctx, s) => svc.recordSiblingDecision(m.w.db, ctx, s.groupId, { decision: 'together', date: '2026-11-01', reasons: 'Close bond' }),
});
m.row({
  fn: 'list', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: LISTS,
  call: (svc, ctx, s) => svc.list(m.w.db, ctx, { q: s.lastName }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof children.list>>).items.map((c) => c.id), s.childId, w, info),
});
m.row({
  fn: 'listAmong', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: LISTS,
  // A report's drill-down names only the children of its figure that the list would show.
  call: (svc, ctx, s) => svc.listAmong(m.w.db, ctx, [s.childId], { report: 'matrix' }),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((c) => c.id), s.childId, w, info),
});
m.row({
  fn: 'councilsInScope', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: COUNCILS,
  call: (svc, ctx) => svc.councilsInScope(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((c) => c.id), w.org(s.owner), w, info),
});
m.row({
  fn: 'scorecard', asks: asks(childPolicy, 'view'), roles: VIEW, refused: 'admin', cases: COUNCILS,
  call: (svc, ctx) => svc.scorecard(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof children.scorecard>>).councils.map((c) => c.id), w.org(s.owner), w, info),
});

// A sealed record is opened, with a reason, by team managers and agency decision makers related to
// the child (and workers for adopted adults: policy.test.ts); a social worker who placed the child
// is told it is sealed, and may not open it (404: nothing to open for them).
const OPENS = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const REASON = { reason: 'Matrix: an adopted adult has asked for their records' };
m.row({
  fn: 'openSealedRecord', label: 'sealed adoption record', asks: asks(childPolicy, 'open-sealed'), roles: ['team-manager', 'decision-maker'], refused: 'social-worker',
  cases: OPENS, writes: true, subject: adopted, call: (svc, ctx, s) => svc.openSealedRecord(m.w.db, ctx, s.childId, REASON),
});

// ---- routes: one allowed and one refused request each ------------------------------------------

const own = { relation: 'own', role: 'social-worker' } as const;
const hidden = { relation: 'unrelated', role: 'social-worker', status: 404 } as const;
const onlySees = { relation: 'own', role: 'analyst', status: 403 } as const;
const date = (field: string, iso: string) => {
  const [y, mo, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(mo)), [`${field}-year`]: y };
};
const childForm = (s: ChildSubject) => ({ firstName: 'Matrix', lastName: s.lastName, ...date('dateOfBirth', '2021-05-01'), sex: 'F', ethnicity: 'WBRI' });

m.route({ route: 'GET /children', allowed: { ...own }, refused: { ...hidden, status: 200 }, url: (s) => `/children?q=${s.lastName}`, marker: (s) => s.childId });
m.route({ route: 'GET /api/v1/children', allowed: { ...own }, refused: { ...hidden, status: 200 }, url: (s) => `/api/v1/children?q=${s.lastName}`, marker: (s) => s.childId });
m.route({ route: 'GET /children/scorecard', allowed: { ...own }, refused: { relation: 'granted', role: 'social-worker', status: 200 }, url: () => '/children/scorecard', marker: () => 'Herefordshire' });
m.route({ route: 'GET /children/:id', allowed: { ...own }, refused: hidden, url: (s) => `/children/${s.childId}` });
m.route({ route: 'GET /api/v1/children/:id', allowed: { relation: 'delivered', role: 'family-finder' }, refused: hidden, url: (s) => `/api/v1/children/${s.childId}` });
m.route({ route: 'GET /api/v1/children/:id/timeliness', allowed: { relation: 'granted', role: 'analyst' }, refused: { relation: 'left', role: 'analyst', status: 404 }, url: (s) => `/api/v1/children/${s.childId}/timeliness` });
m.route({ route: 'GET /children/new', allowed: { ...own }, refused: { relation: 'delivered', role: 'social-worker', status: 403 }, url: () => '/children/new' });
m.route({
  route: 'POST /children/new', writes: true, allowed: { ...own },
  // The council is a choice on the form: a council the person may not register for is refused beside that field.
  refused: [{ relation: 'own', role: 'family-finder', status: 403 }, { relation: 'unrelated', role: 'social-worker', status: 422 }],
  // Every matrix child is born the same day with a name alike: the person has checked them (the warning itself: routes/duplicates.test.ts).
  url: () => '/children/new', body: (s) => ({ ...childForm(s), placingAuthority: CODES[s.owner], ...date('enteredCare', '2024-02-01'), confirmNotDuplicate: 'yes' }),
});
m.route({
  route: 'POST /api/v1/children', writes: true, allowed: { ...own }, refused: { relation: 'delivered', role: 'social-worker', status: 403 },
  url: () => '/api/v1/children', body: (s) => ({ ...newChildInput(s.owner, `Matrix${m.w.next()}`), confirmNotDuplicate: true }),
});
m.route({ route: 'GET /children/:id/edit', allowed: { ...own }, refused: [hidden, onlySees], url: (s) => `/children/${s.childId}/edit` });
m.route({ route: 'POST /children/:id/edit', writes: true, allowed: { ...own }, refused: [hidden, onlySees], url: (s) => `/children/${s.childId}/edit`, body: childForm });
m.route({ route: 'PATCH /api/v1/children/:id', writes: true, allowed: { relation: 'granted', role: 'team-manager' }, refused: hidden, url: (s) => `/api/v1/children/${s.childId}`, body: () => ({ firstName: 'Changed' }) });
m.route({ route: 'GET /children/:id/milestones/new', allowed: { relation: 'own', role: 'decision-maker' }, refused: onlySees, url: (s) => `/children/${s.childId}/milestones/new` });
m.route({
  route: 'POST /children/:id/milestones/new', writes: true, allowed: { ...own }, refused: hidden,
  url: (s) => `/children/${s.childId}/milestones/new`, body: () => ({ type: 'adoption-plan', ...date('date', '2024-03-01') }),
});
m.route({
  route: 'POST /api/v1/children/:id/milestones', writes: true, allowed: { relation: 'delivered', role: 'family-finder' }, refused: onlySees,
  url: (s) => `/api/v1/children/${s.childId}/milestones`, body: () => ({ type: 'adoption-plan', date: '2024-03-01' }),
});
m.route({ route: 'GET /children/:id/episodes/new', allowed: { ...own }, refused: hidden, url: (s) => `/children/${s.childId}/episodes/new` });
m.route({
  route: 'POST /children/:id/episodes/new', writes: true, allowed: { ...own }, refused: onlySees,
  url: (s) => `/children/${s.childId}/episodes/new`, body: () => ({ ...date('startDate', '2025-01-10'), rne: 'L', legalStatus: 'C2' }),
});
m.route({
  route: 'POST /api/v1/children/:id/episodes', writes: true, allowed: { ...own }, refused: hidden,
  url: (s) => `/api/v1/children/${s.childId}/episodes`, body: () => ({ startDate: '2025-01-10', rne: 'L', legalStatus: 'C2' }),
});
m.route({ route: 'GET /children/:id/waiting', allowed: { ...own }, refused: onlySees, url: (s) => `/children/${s.childId}/waiting` });
m.route({ route: 'GET /children/:id/previous-permanence', allowed: { ...own }, refused: onlySees, url: (s) => `/children/${s.childId}/previous-permanence` });
m.route({
  route: 'POST /children/:id/previous-permanence', writes: true, allowed: { ...own }, refused: hidden,
  url: (s) => `/children/${s.childId}/previous-permanence`, body: () => ({ previousOrder: 'Z1' }),
});
m.route({
  route: 'PUT /api/v1/children/:id/previous-permanence', writes: true, allowed: { ...own, status: 200 }, refused: onlySees,
  url: (s) => `/api/v1/children/${s.childId}/previous-permanence`, body: () => ({ previousOrder: 'Z1' }),
});
m.route({ route: 'POST /children/:id/waiting', writes: true, allowed: { ...own }, refused: hidden, url: (s) => `/children/${s.childId}/waiting`, body: () => ({ reasons: 'age' }) });
m.route({
  route: 'PUT /api/v1/children/:id/waiting-reasons', writes: true, allowed: { ...own }, refused: onlySees,
  url: (s) => `/api/v1/children/${s.childId}/waiting-reasons`, body: () => ({ reasons: [{ reason: 'age' }] }),
});
m.route({
  route: 'POST /children/:id/waiting/reviews', writes: true, allowed: { ...own }, refused: onlySees,
  url: (s) => `/children/${s.childId}/waiting/reviews`, body: () => ({ ...date('reviewDate', '2026-11-01'), summary: 'Reviewed' }),
});
m.route({
  route: 'POST /api/v1/children/:id/waiting-reviews', writes: true, allowed: { ...own, status: 204 }, refused: hidden,
  url: (s) => `/api/v1/children/${s.childId}/waiting-reviews`, body: () => ({ reviewDate: '2026-11-01', summary: 'Reviewed' }),
});
m.route({ route: 'GET /sibling-groups/new', subject: withSibling, allowed: { ...own }, refused: [hidden, onlySees], url: (s) => `/sibling-groups/new?child=${s.childId}` });
m.route({
  route: 'POST /sibling-groups/new', subject: withSibling, writes: true, allowed: { ...own }, refused: hidden,
  url: () => '/sibling-groups/new', body: (s) => ({ child: s.childId, childIds: s.siblingId, name: 'Matrix siblings' }),
});
m.route({
  route: 'POST /api/v1/sibling-groups', subject: withSibling, writes: true, allowed: { ...own }, refused: { relation: 'left', role: 'social-worker', status: 422 },
  url: () => '/api/v1/sibling-groups', body: (s) => ({ name: 'Matrix siblings', childIds: [s.childId, s.siblingId] }),
});
m.route({ route: 'GET /sibling-groups/:id', subject: withGroup, allowed: { ...own }, refused: hidden, url: (s) => `/sibling-groups/${s.groupId}` });
m.route({ route: 'GET /api/v1/sibling-groups/:id', subject: withGroup, allowed: { relation: 'granted', role: 'family-finder' }, refused: hidden, url: (s) => `/api/v1/sibling-groups/${s.groupId}` });
m.route({
  route: 'POST /sibling-groups/:id/decision', subject: withGroup, writes: true, allowed: { ...own }, refused: onlySees,
  url: (s) => `/sibling-groups/${s.groupId}/decision`, body: () => ({ decision: 'together', ...date('date', '2026-11-01'), reasons: 'Close bond' }),
});
m.route({
  route: 'POST /api/v1/sibling-groups/:id/decision', subject: withGroup, writes: true, allowed: { ...own, status: 204 }, refused: hidden,
  url: (s) => `/api/v1/sibling-groups/${s.groupId}/decision`, body: () => ({ decision: 'apart', date: '2026-11-01', reasons: 'Different needs' }),
});

m.route({
  route: 'POST /children/:id/open', subject: adopted, writes: true, allowed: { relation: 'own', role: 'team-manager' }, refused: [{ relation: 'own', role: 'social-worker', status: 404 }, hidden],
  url: (s) => `/children/${s.childId}/open`, body: () => REASON,
});
m.route({
  route: 'POST /api/v1/children/:id/openings', subject: adopted, writes: true, allowed: { relation: 'delivered', role: 'decision-maker' }, refused: { relation: 'left', role: 'team-manager', status: 404 },
  url: (s) => `/api/v1/children/${s.childId}/openings`, body: () => REASON,
});

m.run();
