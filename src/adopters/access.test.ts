// Adopter households: every service function and route, for each relationship of a person to a
// household. A household belongs to the agency that recruited and assesses it. Own: West Mercia
// partnership staff, on the partnership's household. Delivered: West Mercia staff on a
// Worcestershire household, whose assessment the partnership delivers today. Granted: Shropshire
// staff holding a grant on a partnership household. Unrelated: Shropshire staff without one (a
// member council: in the partnership, not in the casework). Left: Thurrock consortium staff and a
// household of Havering, which left the consortium in April 2014. The pool is the partnership's
// shelf of approved households, for family finders of the partnership and its councils today.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { householdPolicy } from './policy.ts';
import * as households from './service.ts';
import * as store from './store.ts';

const VIEW: Role[] = ['social-worker', 'team-manager', 'recruitment-officer', 'panel-adviser', 'decision-maker', 'training-coordinator'];
const DETAILS: Role[] = ['social-worker', 'team-manager', 'recruitment-officer'];
const STAGES: Role[] = ['social-worker', 'team-manager'];
/** Work is due from those who may change a household: its details, its stages or its decision. */
const WORKERS: Role[] = [...DETAILS, 'decision-maker'];

const PERSON_IN: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const OWNER: Record<Relationship, [owner: string, home: string]> = {
  own: ['west-mercia', 'herefordshire'], delivered: ['worcestershire', 'worcestershire'], granted: ['west-mercia', 'herefordshire'],
  unrelated: ['west-mercia', 'herefordshire'], left: ['havering', 'havering'],
};

interface HouseholdSubject extends Subject {
  owner: string;
  home: string;
  householdId: string;
  checkId: string;
  reference: string;
}

const TOLERANCES = { developmentalDelay: 'low', learningDisability: 'low', physicalDisability: 'low', medicalConditions: 'low', fasd: 'low', familyMentalIllness: 'low', familySubstanceMisuse: 'low', ongoingContact: 'low' } as const;
const TERMS = { minChildren: 1, maxChildren: 2, minAge: 0, maxAge: 5, childSex: 'any', siblingGroup: false, tolerances: TOLERANCES };

/**
 * A household in Stage 2 (the report final, panel held, no decision yet, so every event and form
 * applies) with one check; `approved`: approved and in the pool.
 */
async function newHousehold(w: World, owner: string, home: string | null, o: { approved?: boolean } = {}) {
  const n = w.next();
  const reference = `AM${n}`;
  const id = await store.insertHousehold(w.db, { ownerId: w.org(owner), homeCouncilId: home ? w.org(home) : null, reference, roiAcceptedOn: '2026-01-05', applicants: [{ firstName: 'Matrix', lastName: `Household${n}` }] });
  await w.db.updateTable('household').set({
    stage1_started_on: '2026-02-01', stage1_decided_on: '2026-03-01', stage1_outcome: 'proceed', stage2_started_on: '2026-04-01', par_status: 'final', panel_on: '2026-08-01',
    ...(o.approved ? { status: 'approved', adm_outcome: 'approved', adm_decided_on: '2026-09-01', approved_on: '2026-09-01', approval_review_due_on: '2027-09-01' } : {}),
  }).where('id', '=', id).execute();
  if (o.approved) await store.saveTerms(w.db, id, { ...TERMS, ethnicityConsiderations: null, religionConsiderations: null, languageConsiderations: null, areasToAvoid: null } as never);
  const checkId = await store.insertCheck(w.db, id, { kind: 'dbs', subject: 'Matrix', relative: false, status: 'requested', requestedOn: '2026-02-10', receivedOn: null, issuedOn: null, expiresOn: null, notes: null });
  return { id, checkId, reference };
}

/** The person of the role in the relationship, and a household (fresh for a change, else shared by relationship); the granted person holds a grant on it. */
function subjectWith(o: { approved?: boolean; personIn?: Partial<Record<Relationship, string>>; owner?: Partial<Record<Relationship, [string, string]>>; grant?: boolean } = {}) {
  const shared = new Map<Relationship, Promise<Awaited<ReturnType<typeof newHousehold>>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<HouseholdSubject> => {
    const [owner, home] = o.owner?.[relation] ?? OWNER[relation];
    const make = () => newHousehold(w, owner, home, o);
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const h = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, o.personIn?.[relation] ?? PERSON_IN[relation]);
    if (relation === 'granted' && o.grant !== false && !granted.has(`${email}:${h.id}`)) {
      await w.grant(owner, email, 'household', h.id);
      granted.add(`${email}:${h.id}`);
    }
    return { email, owner, home, householdId: h.id, checkId: h.checkId, reference: h.reference };
  };
}

const subject = subjectWith();
/**
 * The pool: own, the partnership's family finders; delivered, a member council's (the pool is
 * the partnership's, shared with its councils); granted, Thurrock's, holding a grant on the
 * household (a grant opens casework, not the pool); unrelated, Thurrock's; left, Havering's, and
 * a Thurrock household of the consortium Havering left.
 */
const inPool = subjectWith({
  approved: true,
  personIn: { delivered: 'herefordshire', granted: 'thurrock', unrelated: 'thurrock', left: 'havering' },
  owner: { delivered: ['west-mercia', 'herefordshire'], left: ['thurrock', 'thurrock'] },
});

const SEES = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const WORKS = { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '404', left: '404' } as const;
const VISIBLE = { own: ['visible', 'hidden'], delivered: ['visible', 'hidden'], granted: ['visible', 'hidden'], unrelated: 'hidden', left: 'hidden' } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: ['listed', 'not listed'], unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'adopters',
  service: households,
  source: 'src/adopters/service.ts',
  policies: [householdPolicy],
  tables: ['household', 'applicant', 'household_member', 'household_check', 'stage_event', 'approval_terms'],
  subject,
  contextFree: { actionFor: 'which policy action an event type needs: no record, no person', councilChoices: 'the councils of Mercia by name, for the terms form: no personal data' },
  exempt: {
    permissionsFor: 'the buttons a household\'s page offers, from the very rules the change functions ask (their rows check each)',
    generalPermissions: 'whether to offer "New household" and the pool: the create rule and the pool scope, which create and pool (rows below) apply',
  },
  routes: {
    prefixes: ['/households', '/api/v1/households'],
    exempt: {
      'GET /households/:id/children': 'matching\'s page under the household\'s address: the household is asked of this area, and src/matching/access.test.ts tries it',
      'GET /api/v1/households/:id/matches': 'matching\'s API under the household\'s address: the household is asked of this area, and src/matching/access.test.ts tries it',
    },
  },
});

const visibleVerify = async (o: string, visible: boolean, w: World, since: number) => {
  expect(visible).toBe(o === 'visible');
  expect(await w.auditSeq(), 'asking writes nothing').toBe(since);
};

m.row({
  fn: 'view', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: SEES,
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.householdId),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof households.view>>).household.id).toBe(s.householdId),
});
m.row({ fn: 'checksFor', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'admin', cases: SEES, call: (svc, ctx, s) => svc.checksFor(m.w.db, ctx, s.householdId) });
m.row({
  fn: 'householdVisibleTo', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: VISIBLE,
  call: (svc, ctx, s) => svc.householdVisibleTo(m.w.db, ctx, s.householdId),
  verify: (o, r, _s, w, info) => visibleVerify(o, r as boolean, w, info.since),
});
m.row({
  fn: 'visibleHouseholds', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: VISIBLE,
  call: (svc, ctx, s) => svc.visibleHouseholds(m.w.db, ctx, [s.householdId]),
  verify: (o, r, s, w, info) => visibleVerify(o, (r as Set<string>).has(s.householdId), w, info.since),
});
m.row({
  fn: 'recordPreparationCompleted', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.recordPreparationCompleted(m.w.db, ctx, s.householdId, '2026-11-20', { courseId: randomUUID() }),
});
m.row({
  fn: 'update', asks: asks(householdPolicy, 'update'), roles: DETAILS, refused: 'decision-maker', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.update(m.w.db, ctx, s.householdId, { interestFfa: true }),
});
m.row({
  fn: 'addMember', asks: asks(householdPolicy, 'update'), roles: DETAILS, refused: 'panel-adviser', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.addMember(m.w.db, ctx, s.householdId, { name: 'Matrix Child', relationship: 'Son', dateOfBirth: '2015-03-01' }),
});
m.row({
  fn: 'addCheck', asks: asks(householdPolicy, 'record-stage'), roles: STAGES, refused: 'recruitment-officer', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.addCheck(m.w.db, ctx, s.householdId, { kind: 'medical', subject: 'Matrix', requestedOn: '2026-02-10' }),
});
m.row({
  fn: 'updateCheck', asks: asks(householdPolicy, 'record-stage'), roles: STAGES, refused: 'training-coordinator', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.updateCheck(m.w.db, ctx, s.householdId, s.checkId, { status: 'received', receivedOn: '2026-03-01' }),
});
m.row({
  fn: 'setTerms', asks: asks(householdPolicy, 'record-stage'), roles: STAGES, refused: 'decision-maker', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.setTerms(m.w.db, ctx, s.householdId, TERMS),
});
m.row({
  fn: 'recordEvent', label: 'a visit', asks: asks(householdPolicy, 'record-stage'), roles: STAGES, refused: 'recruitment-officer', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.recordEvent(m.w.db, ctx, s.householdId, { type: 'visit', date: '2026-05-01' }),
});
m.row({
  fn: 'recordEvent', label: 'the decision', asks: asks(householdPolicy, 'record-decision'), roles: ['decision-maker'], refused: 'team-manager', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.recordEvent(m.w.db, ctx, s.householdId, { type: 'adm-decision', outcome: 'approved', date: '2026-09-01' }),
});
m.row({
  // The panel's decision service calls this in its transaction, as the decision maker deciding a panel item.
  fn: 'recordDecisionEventsIn', asks: asks(householdPolicy, 'record-decision'), roles: ['decision-maker'], refused: 'team-manager', cases: WORKS, writes: true,
  call: (svc, ctx, s) => m.w.db.transaction().execute((tx) => svc.recordDecisionEventsIn(tx, ctx, s.householdId, [{ type: 'panel', date: '2026-08-01' }, { type: 'adm-decision', outcome: 'approved', date: '2026-09-01' }])),
});
m.row({
  fn: 'recordEvent', label: 'on hold', asks: asks(householdPolicy, 'change-status'), roles: STAGES, refused: 'decision-maker', cases: WORKS, writes: true,
  call: (svc, ctx, s) => svc.recordEvent(m.w.db, ctx, s.householdId, { type: 'status-change', status: 'on-hold', date: '2026-10-01' }),
});
m.row({
  fn: 'create', asks: asks(householdPolicy, 'create'), roles: DETAILS, refused: 'decision-maker', writes: true,
  cases: {
    own: ['allowed', '403'],
    delivered: { na: 'a household made here is owned by the person\'s own organisation: there is no other owner to relate to' },
    granted: { na: 'a household made here is owned by the person\'s own organisation; a grant opens an existing household only' },
    unrelated: { na: 'a household made here is owned by the person\'s own organisation: no one is unrelated to it' },
    left: { na: 'a household made here is owned by the person\'s own organisation, whatever partnership it left' },
  },
  call: (svc, ctx) => svc.create(m.w.db, ctx, { relationship: 'single', applicants: [{ firstName: 'Matrix', lastName: `Created${m.w.next()}`, dateOfBirth: '1985-01-01', sex: 'F', ethnicity: 'WBRI' }] }),
});
m.row({
  fn: 'likelyDuplicates', asks: asks(householdPolicy, 'create'), roles: DETAILS, refused: 'decision-maker',
  // Asked while creating a household: it names only households the person may see (the list's scope), never one hidden from them.
  cases: { own: ['listed', '403'], delivered: ['listed', '403'], granted: ['listed', '403'], unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx, s) => svc.likelyDuplicates(m.w.db, ctx, { relationship: 'single', applicants: [{ firstName: 'Matrix', lastName: `Household${s.reference.slice(2)}`, dateOfBirth: '1985-01-01', sex: 'F', ethnicity: 'WBRI' }] }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof households.likelyDuplicates>>).map((d) => d.id), s.householdId, w, info),
});
m.row({
  fn: 'createForAcceptedRoi', asks: asks(householdPolicy, 'create'), roles: DETAILS, refused: 'decision-maker', writes: true,
  // The household belongs to the front door that received the enquiry: the partnership's own, or
  // (delivered) a council's front door whose assessment the partnership runs today. A grant on
  // another household, or no relation, or a partnership the council left, opens nothing new.
  subject: subjectWith({ owner: { delivered: ['herefordshire', 'herefordshire'] } }),
  cases: { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: '403', unrelated: '403', left: '403' },
  call: (svc, ctx, s, w) => svc.createForAcceptedRoi(w.db, ctx, {
    ownerId: w.org(s.owner), homeCouncilId: w.org(s.home), reference: `AR${w.next()}`, roiAcceptedOn: '2026-11-01', applicant: { firstName: 'Matrix', lastName: 'Accepted' }, enquiryId: randomUUID(),
  }),
});
m.row({
  fn: 'list', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx, s) => svc.list(m.w.db, ctx, { q: s.reference }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof households.list>>).items.map((h) => h.id), s.householdId, w, info),
});
m.row({
  fn: 'listAmong', asks: asks(householdPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  // A report's drill-down names only the households of its figure that the list would show.
  call: (svc, ctx, s) => svc.listAmong(m.w.db, ctx, [s.householdId], { report: 'matrix' }),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((h) => h.id), s.householdId, w, info),
});
m.row({
  fn: 'dueWork', asks: asks(householdPolicy, 'update', 'record-stage', 'record-decision'), roles: WORKERS, refused: 'panel-adviser', cases: LISTS,
  // The household's Stage 2 began in April with no decision yet: overdue (4 months).
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { href: string }[]).map((i) => i.href.replace('/households/', '')), s.householdId, w, info),
});
m.row({
  fn: 'pool', asks: 'the pool scope: family finders, of the partnerships their organisation is in today', roles: ['family-finder'], refused: 'social-worker', subject: inPool,
  cases: { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: 'not listed', unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.pool(m.w.db, ctx, { limit: 200 }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof households.pool>>).items.map((h) => h.id), s.householdId, w, info),
});

// ---- routes ------------------------------------------------------------------------------------------

const own = { relation: 'own', role: 'social-worker' } as const;
const hidden = { relation: 'unrelated', role: 'social-worker', status: 404 } as const;
const date = (field: string, iso: string) => {
  const [y, mo, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(mo)), [`${field}-year`]: y };
};
const termsForm = () => ({
  minChildren: '1', maxChildren: '2', minAge: '0', maxAge: '5', childSex: 'any', siblingGroup: 'no', ...Object.fromEntries(Object.keys(TOLERANCES).map((k) => [`tolerance-${k}`, 'low'])),
});

m.route({ route: 'GET /households', allowed: own, refused: { ...hidden, status: 200 }, url: (s) => `/households?q=${s.reference}`, marker: (s) => s.householdId });
m.route({ route: 'GET /api/v1/households', allowed: { relation: 'delivered', role: 'training-coordinator' }, refused: { ...hidden, status: 200 }, url: (s) => `/api/v1/households?q=${s.reference}`, marker: (s) => s.householdId });
m.route({ route: 'GET /households/pool', subject: inPool, allowed: { relation: 'delivered', role: 'family-finder' }, refused: { relation: 'left', role: 'family-finder', status: 200 }, url: () => '/households/pool?limit=200', marker: (s) => s.reference });
m.route({ route: 'GET /api/v1/households/pool', subject: inPool, allowed: { relation: 'own', role: 'family-finder' }, refused: { relation: 'granted', role: 'family-finder', status: 200 }, url: () => '/api/v1/households/pool?limit=200', marker: (s) => s.householdId });
m.route({ route: 'GET /households/:id', allowed: own, refused: hidden, url: (s) => `/households/${s.householdId}` });
m.route({ route: 'GET /api/v1/households/:id', allowed: { relation: 'granted', role: 'panel-adviser' }, refused: { relation: 'left', role: 'social-worker', status: 404 }, url: (s) => `/api/v1/households/${s.householdId}` });
m.route({ route: 'GET /households/new', allowed: own, refused: { relation: 'own', role: 'decision-maker', status: 403 }, url: () => '/households/new' });
m.route({
  route: 'POST /households/new', writes: true, allowed: own, refused: { relation: 'own', role: 'panel-adviser', status: 403 }, url: () => '/households/new',
  body: () => ({ relationship: 'single', 'a1-firstName': 'Matrix', 'a1-lastName': 'Page', ...date('a1-dateOfBirth', '1985-01-01'), 'a1-sex': 'F', 'a1-ethnicity': 'WBRI' }),
});
m.route({
  route: 'POST /api/v1/households', writes: true, allowed: { relation: 'own', role: 'recruitment-officer' }, refused: { relation: 'own', role: 'training-coordinator', status: 403 }, url: () => '/api/v1/households',
  body: () => ({ relationship: 'single', applicants: [{ firstName: 'Matrix', lastName: 'Api', dateOfBirth: '1985-01-01', sex: 'F', ethnicity: 'WBRI' }] }),
});
m.route({ route: 'PATCH /api/v1/households/:id', writes: true, allowed: { relation: 'delivered', role: 'recruitment-officer' }, refused: hidden, url: (s) => `/api/v1/households/${s.householdId}`, body: () => ({ interestFfa: true }) });
m.route({ route: 'GET /households/:id/events/new', allowed: { relation: 'own', role: 'decision-maker' }, refused: [hidden, { relation: 'own', role: 'recruitment-officer', status: 403 }], url: (s) => `/households/${s.householdId}/events/new` });
m.route({
  route: 'POST /households/:id/events/new', writes: true, allowed: own, refused: [hidden, { relation: 'own', role: 'recruitment-officer', status: 403 }],
  url: (s) => `/households/${s.householdId}/events/new`, body: () => ({ type: 'visit', ...date('date', '2026-05-01') }),
});
m.route({
  route: 'POST /api/v1/households/:id/stage-events', writes: true, allowed: { relation: 'granted', role: 'decision-maker' }, refused: { relation: 'granted', role: 'social-worker', status: 403 },
  url: (s) => `/api/v1/households/${s.householdId}/stage-events`, body: () => ({ type: 'adm-decision', outcome: 'approved', date: '2026-09-01' }),
});
m.route({ route: 'GET /households/:id/checks/new', allowed: own, refused: hidden, url: (s) => `/households/${s.householdId}/checks/new` });
m.route({
  route: 'POST /households/:id/checks/new', writes: true, allowed: own, refused: { relation: 'own', role: 'recruitment-officer', status: 403 },
  url: (s) => `/households/${s.householdId}/checks/new`, body: () => ({ kind: 'medical', subject: 'Matrix', status: 'requested', ...date('requestedOn', '2026-02-10') }),
});
m.route({
  route: 'POST /api/v1/households/:id/checks', writes: true, allowed: { relation: 'delivered', role: 'team-manager' }, refused: hidden,
  url: (s) => `/api/v1/households/${s.householdId}/checks`, body: () => ({ kind: 'medical', subject: 'Matrix', requestedOn: '2026-02-10' }),
});
m.route({ route: 'GET /households/:id/checks/:checkId', allowed: own, refused: hidden, url: (s) => `/households/${s.householdId}/checks/${s.checkId}` });
m.route({
  route: 'POST /households/:id/checks/:checkId', writes: true, allowed: own, refused: hidden,
  url: (s) => `/households/${s.householdId}/checks/${s.checkId}`, body: () => ({ status: 'received', ...date('receivedOn', '2026-03-01') }),
});
m.route({
  route: 'PATCH /api/v1/households/:id/checks/:checkId', writes: true, allowed: { ...own, status: 204 }, refused: { relation: 'own', role: 'panel-adviser', status: 403 },
  url: (s) => `/api/v1/households/${s.householdId}/checks/${s.checkId}`, body: () => ({ status: 'received', receivedOn: '2026-03-01' }),
});
m.route({ route: 'GET /households/:id/members/new', allowed: own, refused: hidden, url: (s) => `/households/${s.householdId}/members/new` });
m.route({
  route: 'POST /households/:id/members/new', writes: true, allowed: { relation: 'own', role: 'recruitment-officer' }, refused: hidden,
  url: (s) => `/households/${s.householdId}/members/new`, body: () => ({ name: 'Matrix Child', relationship: 'Son', ...date('dateOfBirth', '2015-03-01') }),
});
m.route({
  route: 'POST /api/v1/households/:id/members', writes: true, allowed: own, refused: { relation: 'left', role: 'recruitment-officer', status: 404 },
  url: (s) => `/api/v1/households/${s.householdId}/members`, body: () => ({ name: 'Matrix Child', relationship: 'Son', dateOfBirth: '2015-03-01' }),
});
m.route({ route: 'GET /households/:id/terms', allowed: own, refused: hidden, url: (s) => `/households/${s.householdId}/terms` });
m.route({ route: 'POST /households/:id/terms', writes: true, allowed: own, refused: hidden, url: (s) => `/households/${s.householdId}/terms`, body: termsForm });
m.route({
  route: 'PUT /api/v1/households/:id/approval-terms', writes: true, allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'own', role: 'recruitment-officer', status: 403 },
  url: (s) => `/api/v1/households/${s.householdId}/approval-terms`, body: () => TERMS,
});

m.run();
