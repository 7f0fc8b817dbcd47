// Finding families: every service function of service.ts and every page and API route of the
// ranked lists and the weights, for each relationship of a person to the record the function is
// about. Matching decides no one's access to a child or a household: it asks their own areas.
// For a child (Find families, the households left out): the child belongs to its placing
// council, Herefordshire. Own: Herefordshire staff. Delivered: West Mercia staff, who deliver
// Herefordshire's family finding today (Option 3). Granted: Shropshire staff holding a grant on
// the child. Unrelated: Shropshire staff without one. Left: Thurrock consortium staff and a child
// of Havering, which left the consortium in April 2014. Searching for families asks, besides,
// that the person may browse household profiles (matchers only) and work on the child.
// For a household (Children who could be linked): it belongs to the agency that assesses it, as
// in the adopters matrix. Own: West Mercia staff and a partnership household. Delivered: West
// Mercia staff and a Worcestershire household, whose assessment the partnership delivers.
// Granted: Shropshire staff holding a grant on it. Unrelated: Shropshire staff without one.
// Left: Thurrock consortium staff and a Havering household.
// For the weights: the record is an organisation's weights, and a person may change only their
// own organisation's (a partnership's team managers set the partnership's). Own: West Mercia
// staff and the partnership's weights. Delivered: West Mercia staff and Herefordshire's own
// weights. Unrelated: Thurrock staff and West Mercia's weights. Left: Havering staff and the
// Thurrock consortium's weights. No grant is made on weights.
// Links (open, move, close, view) are links-access.test.ts.
import { sql } from 'kysely';
import { expect } from 'vitest';
import * as adopterStore from '../adopters/store.ts';
import * as children from '../children/service.ts';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { FACTORS } from './model.ts';
import { matchingPolicy, MATCHERS } from './policy.ts';
import * as matching from './service.ts';
import * as store from './store.ts';

const CODES: Record<string, string> = { herefordshire: 'E06000019', havering: 'E09000016' };
/** The roles that see a child (children's policy). */
const CHILD_VIEW: Role[] = ['social-worker', 'team-manager', 'family-finder', 'decision-maker', 'panel-adviser', 'analyst'];
/** The roles that see a household (adopters' policy). */
const HOUSEHOLD_VIEW: Role[] = ['social-worker', 'team-manager', 'recruitment-officer', 'panel-adviser', 'decision-maker', 'training-coordinator', 'family-finder'];

// ---- records --------------------------------------------------------------------------------------

/** A child of the council waiting for a family: placement order made, no link yet; born 2021, no recorded needs. */
async function waitingChild(w: World, owner: string): Promise<{ id: string; lastName: string }> {
  const lastName = `Waiting${w.next()}`;
  const ctx = await w.ctx(w.email('social-worker', owner));
  const id = await children.create(w.db, ctx, {
    firstName: 'Matrix', lastName, dateOfBirth: '2021-05-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: CODES[owner]!, enteredCare: '2024-02-01',
  });
  await children.addMilestone(w.db, ctx, id, { type: 'shobpa', date: '2024-05-01' });
  await children.addMilestone(w.db, ctx, id, { type: 'placement-order', date: '2024-08-01' });
  return { id, lastName };
}

const TOLERANCES = { developmentalDelay: 'low', learningDisability: 'low', physicalDisability: 'low', medicalConditions: 'low', fasd: 'low', familyMentalIllness: 'low', familySubstanceMisuse: 'low', ongoingContact: 'low' } as const;
/** Approval terms the waiting child fits: one or two children, aged 0 to 5. */
const TERMS = { minChildren: 1, maxChildren: 2, minAge: 0, maxAge: 5, childSex: 'any', siblingGroup: false, tolerances: TOLERANCES, ethnicityConsiderations: null, religionConsiderations: null, languageConsiderations: null, areasToAvoid: null };

/** An approved household, available to be matched (in the engine's candidates), with terms. */
async function approvedHousehold(w: World, owner: string, home: string | null): Promise<{ id: string; reference: string }> {
  const n = w.next();
  const reference = `MM${n}`;
  const id = await adopterStore.insertHousehold(w.db, { ownerId: w.org(owner), homeCouncilId: home ? w.org(home) : null, reference, roiAcceptedOn: '2026-01-05', applicants: [{ firstName: 'Matrix', lastName: `Approved${n}` }] });
  await w.db.updateTable('household').set({
    stage1_started_on: '2026-02-01', stage1_decided_on: '2026-03-01', stage1_outcome: 'proceed', stage2_started_on: '2026-04-01', par_status: 'final', panel_on: '2026-08-01',
    status: 'approved', adm_outcome: 'approved', adm_decided_on: '2026-09-01', approved_on: '2026-09-01', approval_review_due_on: '2027-09-01',
  }).where('id', '=', id).execute();
  await adopterStore.saveTerms(w.db, id, TERMS as never);
  return { id, reference };
}

// ---- subjects ---------------------------------------------------------------------------------------

const CHILD_PERSON: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const CHILD_OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'havering' };
const HOUSEHOLD_PERSON: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const HOUSEHOLD_OWNER: Record<Relationship, [owner: string, home: string]> = {
  own: ['west-mercia', 'herefordshire'], delivered: ['worcestershire', 'worcestershire'], granted: ['west-mercia', 'herefordshire'],
  unrelated: ['west-mercia', 'herefordshire'], left: ['havering', 'havering'],
};

interface MatchingSubject extends Subject {
  childId: string;
  householdId: string;
}

/**
 * The person of the role in the relationship to a waiting child (fresh for a change, else shared
 * by relationship: the granted and the unrelated person work in the same council, so they must
 * not share a child); the granted person holds a grant on it. `allocated`: a fresh child,
 * allocated to the person as its family finder. `household`: an approved West Mercia household
 * the child fits, which every person sees through a grant, so that whether the child is ranked
 * for it turns on whether they may see the child.
 */
function childSubject(o: { allocated?: boolean; household?: boolean } = {}) {
  const shared = new Map<Relationship, Promise<{ child: { id: string }; householdId: string }>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<MatchingSubject> => {
    const owner = CHILD_OWNER[relation];
    const make = async () => ({ child: await waitingChild(w, owner), householdId: o.household ? (await approvedHousehold(w, 'west-mercia', 'herefordshire')).id : '' });
    const fresh = f.fresh || o.allocated;
    if (!fresh && !shared.has(relation)) shared.set(relation, make());
    const made = fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, CHILD_PERSON[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${made.child.id}`)) {
      await w.grant(owner, email, 'child', made.child.id);
      granted.add(`${email}:${made.child.id}`);
    }
    if (o.household && !granted.has(`${email}:${made.householdId}`)) {
      await w.grant('west-mercia', email, 'household', made.householdId);
      granted.add(`${email}:${made.householdId}`);
    }
    // Allocated as one would not be through the form (which offers only the deliverer's family finders): the scope, not the allocation, decides.
    if (o.allocated) await w.db.updateTable('child').set({ family_finder_id: await w.staffId(email) }).where('id', '=', made.child.id).execute();
    return { email, childId: made.child.id, householdId: made.householdId };
  };
}

/** The person of the role in the relationship to an approved household (shared by relationship); the granted person holds a grant on it. */
function householdSubject() {
  const shared = new Map<Relationship, Promise<{ id: string }>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World): Promise<MatchingSubject> => {
    const [owner, home] = HOUSEHOLD_OWNER[relation];
    if (!shared.has(relation)) shared.set(relation, approvedHousehold(w, owner, home));
    const h = await shared.get(relation)!;
    const email = w.email(role, HOUSEHOLD_PERSON[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${h.id}`)) {
      await w.grant(owner, email, 'household', h.id);
      granted.add(`${email}:${h.id}`);
    }
    return { email, childId: '', householdId: h.id };
  };
}

/** Whose weights (the record), where the person works, and whose weights they read when they may not change their own. */
const WEIGHTS_OF: Record<Relationship, string> = { own: 'west-mercia', delivered: 'herefordshire', granted: 'west-mercia', unrelated: 'west-mercia', left: 'thurrock-consortium' };
const WEIGHTS_PERSON: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'thurrock', left: 'havering' };
/** A partnership reads its own; a council in one, the partnership's; Havering, in none since 2014, its own (or the defaults). */
const READS: Record<string, string> = { 'west-mercia': 'west-mercia', thurrock: 'thurrock-consortium', havering: 'havering' };

interface WeightsSubject extends MatchingSubject {
  org: string;
  personOrg: string;
  /** The weights row of the record's organisation, as it was (its version), or '' if it holds none. */
  version: string;
}

const rowVersion = async (w: World, org: string) => {
  const { rows } = await sql<{ v: string }>`select xmin::text as v from matching_settings where organisation_id = ${w.org(org)}`.execute(w.db);
  return rows[0]?.v ?? '';
};

async function weightsSubject(relation: Relationship, role: Role, w: World): Promise<WeightsSubject> {
  const personOrg = WEIGHTS_PERSON[relation];
  return { email: w.email(role, personOrg), childId: '', householdId: '', org: WEIGHTS_OF[relation], personOrg, version: await rowVersion(w, WEIGHTS_OF[relation]) };
}

// ---- the matrix -----------------------------------------------------------------------------------

const child = childSubject();

// Searching for families asks for a matcher (browse-profiles) who works on the child: a person
// who may not browse is refused before the child is looked at (403), one who may not see the
// child finds nothing (404).
const SEARCHES = { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '404', left: '404' } as const;
const SEES = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: ['listed', 'not listed'], unrelated: 'not listed', left: 'not listed' } as const;

const m = serviceMatrix({
  area: 'matching',
  service: matching,
  source: 'src/matching/service.ts',
  policies: [matchingPolicy],
  tables: ['matching_settings', 'child', 'household', 'link'],
  subject: child,
  contextFree: { subjectsOf: 'groups children the caller has already been allowed to see into the subjects families are found for: no person, no record' },
  routes: {
    prefixes: ['/children/:id/families', '/children/:id/avoid-councils', '/households/:id/children', '/matching', '/api/v1/children/:id/matches', '/api/v1/households/:id/matches'],
  },
});

/** The answer is about the child asked about (alone: it is in no sibling group), and the search is logged naming them. */
const searched = async (r: { children: { id: string }[] }, s: MatchingSubject, w: World, since: number) => {
  expect(r.children.map((c) => c.id)).toEqual([s.childId]);
  expect(await w.auditMentions(since, s.childId), 'the search is logged, naming the child').toBeGreaterThan(0);
};

m.row({
  fn: 'findFamilies', asks: asks(matchingPolicy, 'browse-profiles'), roles: MATCHERS, refused: 'decision-maker', cases: SEARCHES,
  call: (svc, ctx, s, w) => svc.findFamilies(w.db, ctx, s.childId, {}),
  verify: (_o, r, s, w, info) => searched(r as Awaited<ReturnType<typeof matching.findFamilies>>, s, w, info.since),
});
m.row({
  fn: 'excludedFamilies', asks: asks(matchingPolicy, 'browse-profiles'), roles: MATCHERS, refused: 'analyst', cases: SEARCHES,
  call: (svc, ctx, s, w) => svc.excludedFamilies(w.db, ctx, s.childId, {}),
  verify: (_o, r, s, w, info) => searched(r as Awaited<ReturnType<typeof matching.excludedFamilies>>, s, w, info.since),
});
m.row({
  fn: 'waitingWithViableCounts', asks: asks(matchingPolicy, 'browse-profiles'), roles: ['family-finder'], refused: 'social-worker', subject: childSubject({ allocated: true }),
  // A family finder's own waiting children, of those they may see: an allocation alone shows nothing. Anyone else has no such list.
  cases: LISTS,
  call: (svc, ctx, _s, w) => svc.waitingWithViableCounts(w.db, ctx, { limit: 5000 }),
  verify: (o, r, s, w, info) => expectListed(o, ((r as Awaited<ReturnType<typeof matching.waitingWithViableCounts>>)?.items ?? []).flatMap((x) => x.children.map((c) => c.id)), s.childId, w, info),
});

const household = householdSubject();
m.row({
  fn: 'childrenForHousehold', asks: 'the household\'s view (adopters/for-matching.ts), and the children list\'s scope for the children ranked', roles: HOUSEHOLD_VIEW, refused: 'analyst', subject: household, cases: SEES,
  call: (svc, ctx, s, w) => svc.childrenForHousehold(w.db, ctx, s.householdId, {}),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof matching.childrenForHousehold>>).household.id).toBe(s.householdId),
});
m.row({
  fn: 'childrenForHousehold', label: 'the children it ranks', subject: childSubject({ household: true }),
  asks: 'the children list\'s scope (children/for-matching.ts): every person here sees the household through a grant',
  // Those who see both; a training coordinator sees the household but no child.
  roles: CHILD_VIEW.filter((r) => HOUSEHOLD_VIEW.includes(r)), refused: 'training-coordinator', cases: LISTS,
  call: async (svc, ctx, s, w) => {
    // Every page, so that "not listed" means not ranked at all, not merely on a later page.
    const ids: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const r = await svc.childrenForHousehold(w.db, ctx, s.householdId, { limit: 200, offset });
      ids.push(...r.items.flatMap((x) => x.children.map((c) => c.id)));
      if (offset + 200 >= r.total) return ids;
    }
  },
  verify: (o, r, s, w, info) => expectListed(o, r as string[], s.childId, w, info),
});
m.row({
  fn: 'householdsOpenTo', asks: 'the household\'s view (adopters/for-matching.ts): whether a ranked profile links to the household\'s record', roles: HOUSEHOLD_VIEW, refused: 'analyst', subject: household,
  cases: { own: ['open', 'closed'], delivered: ['open', 'closed'], granted: ['open', 'closed'], unrelated: 'closed', left: 'closed' },
  call: (svc, ctx, s, w) => svc.householdsOpenTo(w.db, ctx, [s.householdId]),
  verify: async (o, r, s, w, info) => {
    expect((r as Set<string>).has(s.householdId)).toBe(o === 'open');
    expect(await w.auditSeq(), 'asking writes nothing').toBe(info.since);
  },
});

// ---- the weights ------------------------------------------------------------------------------------

const NO_GRANT = { na: 'weights are no record: no grant is made on them' } as const;
m.row<WeightsSubject>({
  fn: 'viewSettings', asks: asks(matchingPolicy, 'set-weights'), roles: ['team-manager'], refused: 'social-worker', subject: weightsSubject,
  // Everyone reads weights (they hold no personal data); a team manager is offered their own organisation's to change, never another's.
  cases: { own: ['may change', 'read only'], delivered: ['may change', 'read only'], granted: NO_GRANT, unrelated: ['may change', 'read only'], left: ['may change', 'read only'] },
  call: (svc, ctx, _s, w) => svc.viewSettings(w.db, ctx),
  verify: (o, r, s, w) => {
    const v = r as Awaited<ReturnType<typeof matching.viewSettings>>;
    expect(v.mayChange).toBe(o === 'may change');
    expect(v.organisationId).toBe(w.org(o === 'may change' ? s.personOrg : READS[s.personOrg]!));
  },
});
m.row<WeightsSubject>({
  fn: 'saveSettings', asks: asks(matchingPolicy, 'set-weights'), roles: ['team-manager'], refused: 'social-worker', subject: weightsSubject, writes: true,
  // A team manager saves their own organisation's weights and no other's: the record's are as they were.
  cases: { own: ['allowed', '403'], delivered: ['their own only', '403'], granted: NO_GRANT, unrelated: ['their own only', '403'], left: ['their own only', '403'] },
  // The weights the person's organisation ranks by today, saved again: nothing else in the file ranks differently.
  call: async (svc, ctx, s, w) => svc.saveSettings(w.db, ctx, (await store.settingsFor(w.db, [w.org(s.personOrg)])).settings),
  verify: async (o, _r, s, w) => {
    const saved = await w.db.selectFrom('matching_settings').select('updated_by').where('organisation_id', '=', w.org(s.personOrg)).executeTakeFirstOrThrow();
    expect(saved.updated_by).toBe(await w.staffId(s.email));
    if (o === 'their own only') expect(await rowVersion(w, s.org), `${s.org}'s weights are not changed`).toBe(s.version);
  },
});

// ---- routes: one allowed and one refused request each --------------------------------------------

const hidden = { relation: 'unrelated', role: 'family-finder', status: 404 } as const;

m.route({
  route: 'GET /children/:id/families', allowed: { relation: 'own', role: 'family-finder' },
  refused: [hidden, { relation: 'own', role: 'decision-maker', status: 403 }], url: (s) => `/children/${s.childId}/families`, marker: (s) => s.childId,
});
m.route({ route: 'GET /children/:id/families/excluded', allowed: { relation: 'delivered', role: 'family-finder' }, refused: { relation: 'left', role: 'family-finder', status: 404 }, url: (s) => `/children/${s.childId}/families/excluded` });
m.route({
  route: 'POST /children/:id/avoid-councils', writes: true, allowed: { relation: 'own', role: 'social-worker' },
  // A person who sees the child but may not work on it (403), and one who may not see it (404).
  refused: [{ relation: 'own', role: 'analyst', status: 403 }, { relation: 'unrelated', role: 'social-worker', status: 404 }],
  url: (s) => `/children/${s.childId}/avoid-councils`, body: (_s, w) => ({ avoidCouncilIds: w.org('telford-and-wrekin') }),
});
m.route({ route: 'GET /api/v1/children/:id/matches', allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'own', role: 'analyst', status: 403 }, url: (s) => `/api/v1/children/${s.childId}/matches` });
m.route({ route: 'GET /api/v1/children/:id/matches/excluded', allowed: { relation: 'own', role: 'social-worker' }, refused: hidden, url: (s) => `/api/v1/children/${s.childId}/matches/excluded` });
m.route({
  route: 'GET /households/:id/children', subject: household, allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'unrelated', role: 'social-worker', status: 404 },
  url: (s) => `/households/${s.householdId}/children`, marker: (s) => s.householdId,
});
m.route({
  route: 'GET /api/v1/households/:id/matches', subject: household, allowed: { relation: 'delivered', role: 'decision-maker' }, refused: { relation: 'left', role: 'social-worker', status: 404 },
  url: (s) => `/api/v1/households/${s.householdId}/matches`,
});
m.route<WeightsSubject>({
  route: 'GET /matching/settings', subject: weightsSubject, allowed: { relation: 'own', role: 'team-manager' },
  // A person who may not change the weights reads them, without the form.
  refused: { relation: 'own', role: 'social-worker', status: 200 }, url: () => '/matching/settings', marker: () => 'action="/matching/settings"',
});
m.route<WeightsSubject>({
  route: 'POST /matching/settings', subject: weightsSubject, writes: true, allowed: { relation: 'own', role: 'team-manager' }, refused: { relation: 'own', role: 'family-finder', status: 403 },
  url: () => '/matching/settings',
  body: async (s, w) => {
    const { settings } = await store.settingsFor(w.db, [w.org(s.personOrg)]);
    return { linkCap: settings.linkCap, ...Object.fromEntries(Object.keys(FACTORS).map((k) => [`weight-${k}`, settings.weights[k as keyof typeof FACTORS]])) };
  },
});

m.run();
