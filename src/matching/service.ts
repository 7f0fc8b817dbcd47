// Use cases for finding families: rank the households for a waiting child (or a sibling group
// placed together, as one), list those excluded and why, rank the children a household could be
// linked with, count the viable households for a family finder's waiting children, and a
// partnership's weights. Who may see the child or the household is asked of their own areas; the
// households in a ranked list are profiles, shown to those matching allows to browse them. Every
// ranked list is audited with the records it showed. Links are in links-service.ts.
import { viewableHouseholds } from '../adopters/for-matching.ts';
import * as adopters from '../adopters/for-matching.ts';
import { childrenPlacedTogether, waitingChildrenFor, type MatchFacts } from '../children/for-matching.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { childrenQuery, excludedQuery, familiesQuery, settingsInput } from './input.ts';
import { rankChildren, rankHouseholds, viableCounts, type Factor, type MatchSettings, type MatchSubject, type Tier } from './model.ts';
import { matchHousehold, subjectOf, tierOf } from './profiles.ts';
import { matchingPolicy, mayBrowseProfiles } from './policy.ts';
import * as store from './store.ts';


/** The settings of the child's council's partnership (or the council's own), else the defaults. */
async function settingsForCouncil(db: Db, councilId: string, partnerships: readonly string[]): Promise<MatchSettings> {
  return (await store.settingsFor(db, [...partnerships, councilId])).settings;
}

/** Everything a ranking for a child needs: the subject, the candidates with their tier, the settings. */
async function rankingFor(db: Db, ctx: RequestContext, childId: string) {
  if (!mayBrowseProfiles(ctx.actor, ctx.facts)) throw new ForbiddenError('Only family finders and the child\'s caseworkers search for families');
  const { group, children } = await childrenPlacedTogether(db, ctx, childId, 'update');
  const councilId = children[0]!.placingAuthorityId;
  const partnerships = (await store.partnershipsOf(db, [councilId], ctx.facts.today)).get(councilId) ?? [];
  const [candidates, settings] = await Promise.all([store.candidateHouseholds(db, ctx.facts.today), settingsForCouncil(db, councilId, partnerships)]);
  const households = candidates.map((h) => matchHousehold(h, tierOf(h, councilId, partnerships)));
  const subject = subjectOf(group, children);
  return { group, children, subject, households, settings, ...rankHouseholds(subject, households, settings, ctx.facts.today) };
}

const auditList = (db: Db, ctx: RequestContext, what: string, subjectRecords: { type: string; id: string; ownerId: string }[], shown: { type: string; id: string; ownerId: string }[], detail: Record<string, unknown>) =>
  recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: subjectRecords[0]!.type, recordId: subjectRecords[0]!.id, ownerId: subjectRecords[0]!.ownerId,
    detail: { [what]: true, ...detail, shown: shown.map((r) => r.id) }, records: [...subjectRecords, ...shown],
  });

/** "Find families": the ranked households for the child (or their sibling group), filtered by where to look and agency, sorted by score or one factor, a page at a time. */
export async function findFamilies(db: Db, ctx: RequestContext, childId: string, raw: unknown) {
  const query = parseInput(familiesQuery, raw);
  const r = await rankingFor(db, ctx, childId);
  let list = r.ranked;
  if (query.tier) list = list.filter((x) => x.candidate.tier === query.tier);
  if (query.agency) list = list.filter((x) => x.candidate.ownerId === query.agency);
  if (query.sort !== 'score') {
    const factor = query.sort as Factor;
    const of = (x: (typeof list)[number]) => x.factors.find((f) => f.factor === factor)?.score ?? 0;
    list = [...list].sort((a, b) => of(b) - of(a) || b.score - a.score);
  }
  const items = list.slice(query.offset, query.offset + query.limit);
  const agencies = [...new Map(r.ranked.map((x) => [x.candidate.ownerId, x.candidate.ownerName])).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  const counts = { council: 0, partnership: 0, 'inter-agency': 0 } as Record<Tier, number>;
  for (const x of r.ranked) counts[x.candidate.tier]++;
  await auditList(db, ctx, 'findFamilies', r.children.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId })),
    items.map((x) => ({ type: 'household', id: x.candidate.id, ownerId: x.candidate.ownerId })), { query, total: list.length });
  return { query, subject: r.subject, group: r.group, children: r.children, total: list.length, items, excludedTotal: r.excluded.length, agencies, counts, settings: r.settings };
}

/** The households a hard constraint leaves out for the child, each with the constraint and why. */
export async function excludedFamilies(db: Db, ctx: RequestContext, childId: string, raw: unknown) {
  const query = parseInput(excludedQuery, raw);
  const r = await rankingFor(db, ctx, childId);
  const items = r.excluded.slice(query.offset, query.offset + query.limit);
  await auditList(db, ctx, 'excludedFamilies', r.children.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId })),
    items.map((x) => ({ type: 'household', id: x.candidate.id, ownerId: x.candidate.ownerId })), { query, total: r.excluded.length });
  return { query, subject: r.subject, group: r.group, children: r.children, total: r.excluded.length, items };
}

/** Group waiting children into the subjects families are found for: a sibling group placed together is one. */
export function subjectsOf(children: readonly MatchFacts[]): { subject: MatchSubject; children: MatchFacts[] }[] {
  const groups = new Map<string, MatchFacts[]>();
  const subjects: { subject: MatchSubject; children: MatchFacts[] }[] = [];
  for (const c of children) {
    if (c.siblingGroupId && c.siblingDecision === 'together') groups.set(c.siblingGroupId, [...(groups.get(c.siblingGroupId) ?? []), c]);
    else subjects.push({ subject: subjectOf(null, [c]), children: [c] });
  }
  for (const [id, members] of groups) subjects.push({ subject: subjectOf({ id, name: members[0]!.siblingGroupName ?? 'Sibling group' }, members), children: members });
  return subjects;
}

/** "Children who could be linked": the waiting children the person may see, ranked for the household as rankHouseholds ranks the pair. */
export async function childrenForHousehold(db: Db, ctx: RequestContext, householdId: string, raw: unknown) {
  const query = parseInput(childrenQuery, raw);
  const household = await adopters.householdFor(db, ctx, householdId, 'view');
  const [candidate] = await store.candidateHouseholds(db, ctx.facts.today, [householdId]);
  const waiting = await waitingChildrenFor(db, ctx);
  const subjects = subjectsOf(waiting);
  const councils = [...new Set(waiting.map((c) => c.placingAuthorityId))];
  const partnerships = await store.partnershipsOf(db, [...councils, ctx.actor.orgId], ctx.facts.today);
  const settings = await settingsForCouncil(db, ctx.actor.orgId, partnerships.get(ctx.actor.orgId) ?? []);
  const profile = candidate ? matchHousehold(candidate, 'partnership') : null;
  const ranked = profile ? rankChildren(profile, subjects.map((s) => s.subject), settings, ctx.facts.today) : { ranked: [], excluded: [] };
  const childrenOf = new Map(subjects.map((s) => [s.subject.id, s.children]));
  const items = ranked.ranked.slice(query.offset, query.offset + query.limit).map((x) => ({ ...x, children: childrenOf.get(x.candidate.id) ?? [] }));
  const excluded = ranked.excluded.map((x) => ({ ...x, children: childrenOf.get(x.candidate.id) ?? [] }));
  await auditList(db, ctx, 'childrenForHousehold', [{ type: 'household', id: household.id, ownerId: household.ownerId }],
    items.flatMap((x) => x.children.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId }))), { query, total: ranked.ranked.length });
  return { query, household, available: !!profile && ['approved', 'linked'].includes(profile.status), total: ranked.ranked.length, items, excluded: excluded.slice(0, 50), excludedTotal: excluded.length };
}

/**
 * A family finder's waiting children (those allocated to them), longest waiting first, each with
 * the viable households within the council, within the partnership and beyond it. Null for anyone
 * who is not a family finder (their home page has no such list).
 */
export async function waitingWithViableCounts(db: Db, ctx: RequestContext, options: { limit?: number } = {}) {
  if (!ctx.actor.roles.includes('family-finder') || !mayBrowseProfiles(ctx.actor, ctx.facts)) return null;
  const waiting = (await waitingChildrenFor(db, ctx)).filter((c) => c.familyFinderId === ctx.actor.staffId);
  if (waiting.length === 0) return { total: 0, items: [] };
  const subjects = subjectsOf(waiting).sort((a, b) => (a.subject.children[0]!.waitingSince ?? '9999').localeCompare(b.subject.children[0]!.waitingSince ?? '9999'));
  const shown = subjects.slice(0, options.limit ?? 20);
  const councils = [...new Set(waiting.map((c) => c.placingAuthorityId))];
  const [candidates, partnerships] = await Promise.all([store.candidateHouseholds(db, ctx.facts.today), store.partnershipsOf(db, councils, ctx.facts.today)]);
  // The weights are a council's (or its partnership's): asked once per council, not per child.
  const settingsOf = new Map<string, ReturnType<typeof settingsForCouncil>>();
  const items = [];
  for (const s of shown) {
    const councilId = s.children[0]!.placingAuthorityId;
    const ps = partnerships.get(councilId) ?? [];
    if (!settingsOf.has(councilId)) settingsOf.set(councilId, settingsForCouncil(db, councilId, ps));
    const settings = await settingsOf.get(councilId)!;
    const households = candidates.map((h) => matchHousehold(h, tierOf(h, councilId, ps)));
    items.push({ subject: s.subject, children: s.children, waitingSince: s.subject.children[0]!.waitingSince, counts: viableCounts(s.subject, households, settings, ctx.facts.today) });
  }
  await recordAudit(db, {
    actor: auditActor(ctx.actor), action: 'search', recordType: 'child', ownerId: ctx.actor.orgId,
    detail: { waitingWithViableCounts: true, total: subjects.length, shown: shown.flatMap((s) => s.children.map((c) => c.id)) },
    records: shown.flatMap((s) => s.children.map((c) => ({ type: 'child', id: c.id, ownerId: c.placingAuthorityId }))),
  });
  return { total: subjects.length, items };
}

/** Whether the household's own record (not just its profile) opens for the person: ranked lists link to it only then. */
export async function householdsOpenTo(db: Db, ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
  return viewableHouseholds(db, ctx, ids);
}

// ---- a partnership's weights ---------------------------------------------------------------------

/** The weights a person sees: their own organisation's when they may change them, else those of their partnership (which come before a council's own). */
export async function viewSettings(db: Db, ctx: RequestContext) {
  const mayChange = matchingPolicy.can(ctx.actor, ctx.facts, 'set-weights', { organisationId: ctx.actor.orgId });
  const organisationId = mayChange ? ctx.actor.orgId : [...ctx.facts.partnerships][0] ?? ctx.actor.orgId;
  const held = await store.settingsFor(db, [organisationId]);
  return { organisationId, settings: held.settings, own: held.organisationId !== null, mayChange };
}

/** The weights of the person's own organisation (a partnership's team managers set the partnership's). */
export async function saveSettings(db: Db, ctx: RequestContext, raw: unknown): Promise<void> {
  const input = parseInput(settingsInput, raw);
  const organisationId = ctx.actor.orgId;
  if (!matchingPolicy.can(ctx.actor, ctx.facts, 'set-weights', { organisationId })) throw new ForbiddenError('Only the team managers of a partnership (or a council) set its matching weights');
  await db.transaction().execute(async (tx) => {
    const before = await store.settingsFor(tx, [organisationId]);
    await store.saveSettings(tx, organisationId, input, ctx.actor.staffId);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'organisation', recordId: organisationId, ownerId: organisationId, detail: { matchingSettings: true, before: before.settings, after: input } });
  });
}
