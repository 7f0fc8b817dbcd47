// Export of a council's collection year: the five tables, written from the records a few
// hundred children at a time, children in compareChild order and rows in date order, so the
// same records always give the same bytes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../core/db.ts';
import { rowsOf, type EpisodeFacts } from './journey.ts';
import { compareChild, FILE_NAMES, TABLE_NAMES, type CollectionYear, type TableName } from './model.ts';
import { openTableWriter, type TableWriter } from './writer.ts';
import * as store from './store.ts';

export type ExportCounts = Record<TableName, number>;

const BATCH = 500;

export async function exportChildren(db: Db, councilId: string, year: CollectionYear, dir: string, onProgress?: (children: number, total: number) => void): Promise<{ counts: ExportCounts; childIds: string[] }> {
  const children = (await store.childrenInYear(db, councilId, year)).sort((a, b) => compareChild(a.ref, b.ref));
  await mkdir(dir, { recursive: true });
  const writers = Object.fromEntries(TABLE_NAMES.map((t) => [t, openTableWriter(join(dir, FILE_NAMES[t]), t)])) as { [T in TableName]: TableWriter<T> };
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as ExportCounts;
  const childIds: string[] = [];
  try {
    for (let i = 0; i < children.length; i += BATCH) {
      const ids = children.slice(i, i + BATCH).map((c) => c.id);
      const [facts, episodes, milestones, adopters, permanence] = await Promise.all([
        store.childFactsOf(db, ids), store.episodesOfChildren(db, ids), store.milestonesOfChildren(db, ids), store.adoptersOf(db, ids), store.previousPermanenceOf(db, ids),
      ]);
      const episodesOf = store.byChild(episodes);
      const milestonesOf = store.byChild(milestones);
      for (const id of ids) {
        const rows = rowsOf({
          child: facts.get(id)!, episodes: (episodesOf.get(id) ?? []) as EpisodeFacts[], milestones: milestonesOf.get(id) ?? [],
          adopters: adopters.get(id) ?? null, previousPermanence: permanence.get(id) ?? null,
        }, year);
        if (!rows) continue;
        childIds.push(id);
        for (const table of TABLE_NAMES) {
          for (const row of rows[table]) await (writers[table] as TableWriter<TableName>).write(row as never);
          counts[table] += rows[table].length;
        }
      }
      onProgress?.(Math.min(i + BATCH, children.length), children.length);
    }
  } finally {
    await Promise.all(TABLE_NAMES.map((t) => writers[t].close()));
  }
  return { counts, childIds };
}
