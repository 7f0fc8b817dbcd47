// Links: every service function of links-service.ts and every page and API route of /links and
// /api/v1/links, for each relationship of a person to a link. A link joins a waiting child
// (their placing council's record) and an approved household (its agency's); it is audited as
// the council's. A person is on its child side if they may work on (update) every child of it,
// on its household side if they may work on the household, each answered by that record's own
// area; matchers on either side open, move and close it; decision makers and panel advisers
// who see both records only read it. Here the child and the household are both Herefordshire's,
// so that each relationship puts a person on both sides or on neither. Own: Herefordshire staff.
// Delivered: West Mercia staff, who deliver Herefordshire's family finding and assessment today
// (Option 3). Granted: Shropshire staff holding grants on the child and the household.
// Unrelated: Shropshire staff without them. Left: Thurrock consortium staff, and a Havering child
// and household (Havering left the consortium in April 2014). One side alone is a variant: a
// Shropshire person with a grant on the child, or on the household, only.
// Opening a link grants the other side's workers access to the record they lack (a logged grant,
// through staff.grantForWorkIn); closing it revokes them; the household's status follows its
// links. An allowed change writes those; a refused one, nothing.
import { expect } from 'vitest';
import * as adopterStore from '../adopters/store.ts';
import * as children from '../children/service.ts';
import type { Role } from '../core/access.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import * as links from './links-service.ts';
import { linkPolicy, MATCHERS } from './policy.ts';

const CODES: Record<string, string> = { herefordshire: 'E06000019', havering: 'E09000016' };
/** Those who see links besides the matchers: the decision makers and panel advisers who hear them. */
const READERS: Role[] = ['decision-maker', 'panel-adviser'];
const PERSON_IN: Record<Relationship, string> = { own: 'herefordshire', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const OWNER: Record<Relationship, string> = { own: 'herefordshire', delivered: 'herefordshire', granted: 'herefordshire', unrelated: 'herefordshire', left: 'havering' };

// ---- records --------------------------------------------------------------------------------------

/** A child of the council waiting for a family: placement order made, no link yet; born 2021, no recorded needs. */
async function waitingChild(w: World, owner: string): Promise<string> {
  const ctx = await w.ctx(w.email('social-worker', owner));
  const id = await children.create(w.db, ctx, {
    firstName: 'Matrix', lastName: `Linked${w.next()}`, dateOfBirth: '2021-05-01', sex: 'M', ethnicity: 'WBRI', placingAuthority: CODES[owner]!, enteredCare: '2024-02-01',
  });
  await children.addMilestone(w.db, ctx, id, { type: 'shobpa', date: '2024-05-01' });
  await children.addMilestone(w.db, ctx, id, { type: 'placement-order', date: '2024-08-01' });
  return id;
}

const TOLERANCES = { developmentalDelay: 'low', learningDisability: 'low', physicalDisability: 'low', medicalConditions: 'low', fasd: 'low', familyMentalIllness: 'low', familySubstanceMisuse: 'low', ongoingContact: 'low' } as const;
/** Approval terms the waiting child fits: one or two children, aged 0 to 5. */
const TERMS = { minChildren: 1, maxChildren: 2, minAge: 0, maxAge: 5, childSex: 'any', siblingGroup: false, tolerances: TOLERANCES, ethnicityConsiderations: null, religionConsiderations: null, languageConsiderations: null, areasToAvoid: null };

/** An approved household of the council, living there, available to be matched, with terms the child fits. */
async function approvedHousehold(w: World, owner: string): Promise<string> {
  const n = w.next();
  const id = await adopterStore.insertHousehold(w.db, { ownerId: w.org(owner), homeCouncilId: w.org(owner), reference: `ML${n}`, roiAcceptedOn: '2026-01-05', applicants: [{ firstName: 'Matrix', lastName: `Linking${n}` }] });
  await w.db.updateTable('household').set({
    stage1_started_on: '2026-02-01', stage1_decided_on: '2026-03-01', stage1_outcome: 'proceed', stage2_started_on: '2026-04-01', par_status: 'final', panel_on: '2026-08-01',
    status: 'approved', status_changed_on: '2026-09-01', adm_outcome: 'approved', adm_decided_on: '2026-09-01', approved_on: '2026-09-01', approval_review_due_on: '2027-09-01',
  }).where('id', '=', id).execute();
  await adopterStore.saveTerms(w.db, id, TERMS as never);
  return id;
}

interface LinkSubject extends Subject {
  owner: string;
  childId: string;
  householdId: string;
  /** The link between them ('' for a pair not yet linked). */
  linkId: string;
}

type Stage = 'pair' | 'open' | 'closed';

/** A child and a household of the owner; `open`: a link between them, opened by the owner's family finder; `closed`: closed again. */
async function newRecords(w: World, owner: string, stage: Stage) {
  const childId = await waitingChild(w, owner);
  const householdId = await approvedHousehold(w, owner);
  let linkId = '';
  if (stage !== 'pair') {
    const finder = await w.ctx(w.email('family-finder', owner));
    linkId = await links.openLink(w.db, finder, { childId, householdId, notes: 'Access matrix' });
    if (stage === 'closed') await links.closeLink(w.db, finder, linkId, { reason: 'child-plan-changed' });
  }
  return { owner, childId, householdId, linkId };
}

/**
 * The person of the role in the relationship, and the records (fresh for a change, else shared by
 * relationship: the granted and the unrelated person work in the same council, so they must not
 * share records). The granted person holds grants on the child and the household, or on one
 * (`grants`: a person on one side alone).
 */
function linkSubject(stage: Stage, grants: 'both' | 'child' | 'household' = 'both') {
  const shared = new Map<Relationship, ReturnType<typeof newRecords>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<LinkSubject> => {
    const owner = OWNER[relation];
    if (!f.fresh && !shared.has(relation)) shared.set(relation, newRecords(w, owner, stage));
    const records = f.fresh ? await newRecords(w, owner, stage) : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted') {
      const on: [type: string, id: string][] = [];
      if (grants !== 'household') on.push(['child', records.childId]);
      if (grants !== 'child') on.push(['household', records.householdId]);
      for (const [type, id] of on.filter(([, id]) => !granted.has(`${email}:${id}`))) {
        await w.grant(owner, email, type, id);
        granted.add(`${email}:${id}`);
      }
    }
    return { email, ...records };
  };
}

const pair = linkSubject('pair');
const open = linkSubject('open');
const closed = linkSubject('closed');
const childSideAlone = (stage: Stage) => linkSubject(stage, 'child');
const householdSideAlone = (stage: Stage) => linkSubject(stage, 'household');

// ---- the matrix -----------------------------------------------------------------------------------

// Seen by a matcher or reader (404 for anyone else, as if there were no link); changed by a
// matcher (403 for a reader, who sees it).
const SEES = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const CHANGES = { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '404', left: '404' } as const;
const LISTS = { own: ['listed', '404'], delivered: ['listed', '404'], granted: ['listed', '404'], unrelated: '404', left: '404' } as const;

const m = serviceMatrix({
  area: 'links',
  service: links,
  source: 'src/matching/links-service.ts',
  policies: [linkPolicy],
  tables: ['link', 'link_child', 'link_event', 'link_grant', 'access_grant', 'household', 'stage_event', 'child', 'milestone', 'inter_agency_fee'],
  subject: open,
  exempt: {
    recordMatchingPanelIn: 'the matching panel on a link\'s children, called by the panel\'s decision service (src/panel/decisions-service.ts) in its transaction once the panel\'s own decision policy has allowed the decision: who may decide is tried in src/panel/decisions-access.test.ts',
    recordMatchDecisionIn: 'the agency decision maker\'s match, called by the panel\'s decision service (src/panel/decisions-service.ts) in its transaction once the panel\'s own decision policy has allowed the decision: who may decide is tried in src/panel/decisions-access.test.ts',
  },
  routes: { prefixes: ['/links', '/api/v1/links'] },
});

/** The grants the link made, and whether each is still live. */
const grantsOf = (w: World, linkId: string) => w.db.selectFrom('link_grant as lg').innerJoin('access_grant as g', 'g.id', 'lg.grant_id')
  .select(['g.staff_id as staffId', 'g.record_type as recordType', 'g.record_id as recordId', 'g.revoked_at as revokedAt']).where('lg.link_id', '=', linkId).execute();
const linkRow = (w: World, linkId: string) => w.db.selectFrom('link').select(['status', 'household_id as householdId']).where('id', '=', linkId).executeTakeFirstOrThrow();

m.row({
  fn: 'openLink', asks: asks(linkPolicy, 'open'), roles: MATCHERS, refused: 'decision-maker', cases: CHANGES, writes: true, subject: pair,
  variants: [
    // The child's side opens links with households it sees only as profiles.
    { label: 'child side alone', relation: 'granted', role: 'family-finder', outcome: 'allowed', subject: childSideAlone('pair') },
    { label: 'household side alone, not seeing the child', relation: 'granted', role: 'social-worker', outcome: '404', subject: householdSideAlone('pair') },
  ],
  call: (svc, ctx, s, w) => svc.openLink(w.db, ctx, { childId: s.childId, householdId: s.householdId }),
  verify: async (_o, r, s, w) => {
    const id = r as string;
    expect(await linkRow(w, id)).toEqual({ status: 'interest', householdId: s.householdId });
    // The opener, on the child's side, is granted the household for the link's life.
    expect(await grantsOf(w, id)).toContainEqual({ staffId: await w.staffId(s.email), recordType: 'household', recordId: s.householdId, revokedAt: null });
  },
});
m.row({
  fn: 'viewLink', asks: asks(linkPolicy, 'view'), roles: [...MATCHERS, ...READERS], refused: 'analyst', cases: SEES,
  variants: [
    { label: 'child side alone', relation: 'granted', role: 'team-manager', outcome: 'allowed', subject: childSideAlone('open') },
    { label: 'household side alone', relation: 'granted', role: 'social-worker', outcome: 'allowed', subject: householdSideAlone('open') },
    // A reader sees a link whose records they both see, not one of them alone.
    { label: 'a reader who sees the child alone', relation: 'granted', role: 'decision-maker', outcome: '404', subject: childSideAlone('open') },
    // A family finder sees a household through a grant but does not work on it: not its side.
    { label: 'a family finder who sees the household alone', relation: 'granted', role: 'family-finder', outcome: '404', subject: householdSideAlone('open') },
  ],
  call: (svc, ctx, s, w) => svc.viewLink(w.db, ctx, s.linkId),
  verify: async (_o, r, s, w, info) => {
    const v = r as Awaited<ReturnType<typeof links.viewLink>>;
    expect(v.link.id).toBe(s.linkId);
    expect(await w.auditMentions(info.since, s.linkId), 'the view is logged').toBeGreaterThan(0);
  },
});
m.row({
  fn: 'linkSummary', asks: asks(linkPolicy, 'view'), roles: [...MATCHERS, ...READERS], refused: 'analyst',
  // For a panel agenda: a link the person may not see is left off (undefined), not refused.
  cases: { own: ['shown', 'hidden'], delivered: ['shown', 'hidden'], granted: ['shown', 'hidden'], unrelated: 'hidden', left: 'hidden' },
  call: (svc, ctx, s, w) => svc.linkSummary(w.db, ctx, s.linkId),
  verify: (o, r, s) => {
    const summary = r as Awaited<ReturnType<typeof links.linkSummary>>;
    if (o === 'shown') expect(summary?.id).toBe(s.linkId);
    else expect(summary).toBeUndefined();
  },
});
m.row({
  fn: 'moveLink', asks: asks(linkPolicy, 'progress'), roles: MATCHERS, refused: 'panel-adviser', cases: CHANGES, writes: true,
  variants: [
    { label: 'household side alone', relation: 'granted', role: 'team-manager', outcome: 'allowed', subject: householdSideAlone('open') },
    { label: 'a closed link', relation: 'own', role: 'family-finder', outcome: '403', subject: closed },
  ],
  call: (svc, ctx, s, w) => svc.moveLink(w.db, ctx, s.linkId, { status: 'exploring' }),
  verify: async (_o, _r, s, w) => expect((await linkRow(w, s.linkId)).status).toBe('exploring'),
});
m.row({
  fn: 'moveLink', label: 'to proceeding', asks: asks(linkPolicy, 'progress'), roles: MATCHERS, refused: 'decision-maker', cases: CHANGES, writes: true,
  variants: [
    // Proceeding records the link on the child, which is the child's area's to allow: the household's side alone does not see the child.
    { label: 'household side alone, not seeing the child', relation: 'granted', role: 'social-worker', outcome: '404', subject: householdSideAlone('open') },
  ],
  call: (svc, ctx, s, w) => svc.moveLink(w.db, ctx, s.linkId, { status: 'proceeding' }),
  verify: async (_o, _r, s, w) => {
    expect((await linkRow(w, s.linkId)).status).toBe('proceeding');
    const milestone = await w.db.selectFrom('milestone').select('household_id').where('child_id', '=', s.childId).where('type', '=', 'linked').executeTakeFirstOrThrow();
    expect(milestone.household_id).toBe(s.householdId);
  },
});
m.row({
  fn: 'closeLink', asks: asks(linkPolicy, 'close'), roles: MATCHERS, refused: 'decision-maker', cases: CHANGES, writes: true,
  variants: [
    { label: 'child side alone', relation: 'granted', role: 'family-finder', outcome: 'allowed', subject: childSideAlone('open') },
    { label: 'household side alone', relation: 'granted', role: 'social-worker', outcome: 'allowed', subject: householdSideAlone('open') },
    { label: 'a closed link', relation: 'own', role: 'team-manager', outcome: '403', subject: closed },
  ],
  call: (svc, ctx, s, w) => svc.closeLink(w.db, ctx, s.linkId, { reason: 'adopters-declined' }),
  verify: async (_o, _r, s, w) => {
    expect((await linkRow(w, s.linkId)).status).toBe('closed');
    // The access the link gave is taken back with it, and the household is available again.
    const grants = await grantsOf(w, s.linkId);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.filter((g) => g.revokedAt === null)).toEqual([]);
    expect((await w.db.selectFrom('household').select('status').where('id', '=', s.householdId).executeTakeFirstOrThrow()).status).toBe('approved');
  },
});
// A list opens only on a child (or a household) the person may see, and shows of its links only
// those the link's own rule lets them see: a link names the other side's record. So a person
// who sees the child or the household but not the link (an analyst; a recruitment officer; a
// decision maker who sees the child alone; a family finder who sees the household through a
// grant) gets the list without it.
m.row({
  fn: 'linksOfChild', asks: asks(linkPolicy, 'view'), roles: [...MATCHERS, ...READERS], refused: 'admin', cases: LISTS,
  variants: [
    { label: 'an analyst who sees the child', relation: 'own', role: 'analyst', outcome: 'not listed', subject: open },
    { label: 'the child alone, through a grant', relation: 'granted', role: 'decision-maker', outcome: 'not listed', subject: childSideAlone('open') },
  ],
  call: (svc, ctx, s, w) => svc.linksOfChild(w.db, ctx, s.childId),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((l) => l.id), s.linkId, w, info),
});
m.row({
  fn: 'linksOfHousehold', asks: asks(linkPolicy, 'view'), roles: [...MATCHERS, ...READERS], refused: 'analyst', cases: LISTS,
  variants: [
    { label: 'a recruitment officer who sees the household', relation: 'own', role: 'recruitment-officer', outcome: 'not listed', subject: open },
    { label: 'the household alone, through a grant', relation: 'granted', role: 'family-finder', outcome: 'not listed', subject: householdSideAlone('open') },
  ],
  call: (svc, ctx, s, w) => svc.linksOfHousehold(w.db, ctx, s.householdId),
  verify: (o, r, s, w, info) => expectListed(o, (r as { id: string }[]).map((l) => l.id), s.linkId, w, info),
});

// ---- routes: one allowed and one refused request each --------------------------------------------

m.route({
  route: 'POST /links', subject: pair, writes: true, allowed: { relation: 'own', role: 'family-finder' },
  refused: [{ relation: 'unrelated', role: 'family-finder', status: 404 }, { relation: 'own', role: 'decision-maker', status: 403 }],
  url: () => '/links', body: (s) => ({ childId: s.childId, householdId: s.householdId }),
});
m.route({ route: 'GET /links/:id', allowed: { relation: 'delivered', role: 'decision-maker' }, refused: { relation: 'own', role: 'analyst', status: 404 }, url: (s) => `/links/${s.linkId}`, marker: (s) => s.childId });
m.route({
  route: 'POST /links/:id/status', writes: true, allowed: { relation: 'own', role: 'social-worker' }, refused: { relation: 'own', role: 'panel-adviser', status: 403 },
  url: (s) => `/links/${s.linkId}/status`, body: () => ({ status: 'exploring' }),
});
m.route({
  route: 'POST /links/:id/close', writes: true, allowed: { relation: 'granted', role: 'team-manager' }, refused: { relation: 'left', role: 'family-finder', status: 404 },
  url: (s) => `/links/${s.linkId}/close`, body: () => ({ reason: 'agency-declined' }),
});
m.route({
  route: 'POST /api/v1/links', subject: pair, writes: true, allowed: { relation: 'granted', role: 'social-worker' }, refused: { relation: 'own', role: 'panel-adviser', status: 403 },
  url: () => '/api/v1/links', body: (s) => ({ childId: s.childId, householdId: s.householdId }),
});
m.route({ route: 'GET /api/v1/links/:id', allowed: { relation: 'own', role: 'panel-adviser' }, refused: { relation: 'unrelated', role: 'team-manager', status: 404 }, url: (s) => `/api/v1/links/${s.linkId}`, marker: (s) => s.linkId });
m.route({
  route: 'PATCH /api/v1/links/:id', writes: true, allowed: { relation: 'delivered', role: 'family-finder' }, refused: { relation: 'own', role: 'decision-maker', status: 403 },
  url: (s) => `/api/v1/links/${s.linkId}`, body: () => ({ status: 'closed', reason: 'household-unavailable' }),
});

m.run();
