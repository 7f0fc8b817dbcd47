// Import of a validated return, inside the caller's transaction, a few hundred children at a
// time. Each child is found by council + CHILD (so a second import of the same return updates
// in place), its episodes in the year become exactly the return's, its journey's milestones
// are derived again from the return, and its stored stage and key dates are refreshed.
// Only the given council's children are ever read or written.
import type { Db } from '../../core/db.ts';
import { isLookedAfter, keyDates, periodOfCareStart, stageOf, type Milestone } from '../../children/model.ts';
import { childFromReturn, milestonesFromJourney, overlapsYear, RETURN_MILESTONES, type ChildFromReturn } from './journey.ts';
import type { ChildGroup, CollectionYear } from './model.ts';
import { childGroups, openReturn, type ReturnFile } from './reader.ts';
import * as store from './store.ts';

export interface ImportCounts {
  childrenCreated: number;
  childrenUpdated: number;
  episodes: number;
  episodesRemoved: number;
  milestones: number;
  milestonesReplaced: number;
  adopters: number;
  previousPermanence: number;
}

const BATCH = 500;

export async function importChildren(
  tx: Db, council: store.Council, year: CollectionYear, files: ReturnFile[], today: string,
  onProgress?: (p: { bytesRead: number; totalBytes: number; children: number }) => void,
): Promise<{ counts: ImportCounts; childIds: string[] }> {
  const opened = await openReturn(files);
  const counts: ImportCounts = { childrenCreated: 0, childrenUpdated: 0, episodes: 0, episodesRemoved: 0, milestones: 0, milestonesReplaced: 0, adopters: 0, previousPermanence: 0 };
  const childIds: string[] = [];
  let batch: ChildGroup[] = [];
  let bytesRead = 0;
  let children = 0;
  const write = async () => {
    childIds.push(...await importBatch(tx, council.id, year, batch.map(childFromReturn), today, counts));
    children += batch.length;
    batch = [];
    onProgress?.({ bytesRead, totalBytes: opened.totalBytes, children });
  };
  // The return was validated just before: a finding now means the files changed under us.
  const problems: string[] = [];
  for await (const group of childGroups(opened, (f) => { if (f.severity === 'error') problems.push(f.message); }, (b) => { bytesRead = b; })) {
    batch.push(group);
    if (batch.length >= BATCH) await write();
  }
  if (problems.length || opened.findings.some((f) => f.severity === 'error')) throw new Error(`The files changed while being imported: ${problems[0] ?? opened.findings[0]?.message}`);
  if (batch.length) await write();
  return { counts, childIds };
}

async function importBatch(tx: Db, councilId: string, year: CollectionYear, children: ChildFromReturn[], today: string, counts: ImportCounts): Promise<string[]> {
  const saved = await store.upsertChildren(tx, councilId, children.map((c) => c.child));
  const idOf = new Map(saved.map((s) => [s.ref, s.id]));
  const ids = saved.map((s) => s.id);
  counts.childrenCreated += saved.filter((s) => s.created).length;
  counts.childrenUpdated += saved.filter((s) => !s.created).length;

  // Episodes: the return's, plus those from before (or after) the year that it does not cover.
  const stored = store.byChild(await store.episodesOfChildren(tx, ids));
  const removed: { childId: string; startDate: string }[] = [];
  const incoming: store.StoredEpisode[] = [];
  const allEpisodes = new Map<string, store.StoredEpisode[]>();
  for (const c of children) {
    const childId = idOf.get(c.child.ref)!;
    const given = new Set(c.episodes.map((e) => e.startDate));
    const kept = (stored.get(childId) ?? []).filter((e) => !given.has(e.startDate) && !overlapsYear(e, year));
    for (const e of stored.get(childId) ?? []) if (!given.has(e.startDate) && overlapsYear(e, year)) removed.push({ childId, startDate: e.startDate });
    // The return shows an episode open if it was open on 31 March; if Mercia already knows
    // how it ended after that (from a later year), that ending stands.
    const endedLater = new Map((stored.get(childId) ?? []).filter((e) => e.endDate !== null && e.endDate > year.end).map((e) => [e.startDate, e]));
    const fromReturn = c.episodes.map((e) => {
      const later = e.endDate === null ? endedLater.get(e.startDate) : undefined;
      return { ...e, childId, ...(later ? { endDate: later.endDate, reasonCeased: later.reasonCeased } : {}) };
    });
    incoming.push(...fromReturn);
    allEpisodes.set(childId, [...kept, ...fromReturn].sort((a, b) => a.startDate.localeCompare(b.startDate)));
  }
  await store.deleteEpisodes(tx, removed);
  await store.upsertEpisodes(tx, incoming);
  counts.episodes += incoming.length;
  counts.episodesRemoved += removed.length;

  // Milestones: the return is the source of the decision, order, placement, adoption and
  // reversal dates (and of the match, when AD1 gives it) from its earliest decision to the end
  // of its year; those dated before or after stay as they are, as do the other kinds.
  const existing = store.byChild(await store.milestonesOfChildren(tx, ids));
  const newMilestones: store.StoredMilestone[] = [];
  const stale: store.StoredMilestone[] = [];
  const derived: store.Derived[] = [];
  for (const c of children) {
    const childId = idOf.get(c.child.ref)!;
    const episodes = allEpisodes.get(childId)!;
    const fresh = milestonesFromJourney(episodes, c.decisions, c.matchDate).map((m) => ({ ...m, childId }));
    newMilestones.push(...fresh);
    const from = [year.start, ...c.decisions.map((d) => d.placed)].sort()[0]!;
    const replaces = (m: store.StoredMilestone) => m.date >= from && m.date <= year.end && (RETURN_MILESTONES.includes(m.type) || (m.type === 'match' && c.matchDate !== null));
    stale.push(...(existing.get(childId) ?? []).filter(replaces));
    const kept = (existing.get(childId) ?? []).filter((m) => !replaces(m));
    const milestones = [...kept, ...fresh].sort((a, b) => a.date.localeCompare(b.date)) as Milestone[];
    const lookedAfter = isLookedAfter(episodes, today);
    derived.push({ id: childId, stage: stageOf(milestones, lookedAfter), periodStart: periodOfCareStart(episodes), lookedAfter, ...keyDates(milestones) });
  }
  counts.milestonesReplaced += await store.deleteMilestonesOf(tx, stale);
  await store.insertMilestones(tx, newMilestones);
  await store.setDerivedMany(tx, derived);
  counts.milestones += newMilestones.length;

  const adopters = children.filter((c) => c.adopters).map((c) => ({ ...c.adopters!, childId: idOf.get(c.child.ref)! }));
  const permanence = children.filter((c) => c.previousPermanence).map((c) => ({ ...c.previousPermanence!, childId: idOf.get(c.child.ref)! }));
  await store.upsertAdopters(tx, adopters);
  await store.upsertPreviousPermanence(tx, permanence);
  counts.adopters += adopters.length;
  counts.previousPermanence += permanence.length;
  return ids;
}
