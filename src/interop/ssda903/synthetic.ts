// A synthetic SSDA903 return: realistic, seeded looked-after children and adoption journeys,
// written as the five DfE CSVs. It exists so the reader, the rules, import and the benchmarks
// have a large valid return to work on without anyone's real data. Every child is invented.
//
// Each child is generated on its own (a whole care history, as day numbers), checked against
// the collection year, then written before the next is made: memory stays flat at any size.
// The rows satisfy the adoption-related DfE rules in DOMAIN.md's appendix. This file writes;
// synthetic-journeys.ts makes each child, on synthetic-episodes.ts's placements and moves.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Random, type Weighted } from '../../demo/random.ts';
import { FILE_NAMES, sexToReturn, type CollectionYear, type Column, type TableName } from './model.ts';
import { addYears, dayOf, dfe } from './synthetic-days.ts';
import { ChildMaker, type ChildRecord, type Journey } from './synthetic-journeys.ts';
import { openTableWriter, type TableWriter } from './writer.ts';

export interface SyntheticOptions {
  children: number;
  year: CollectionYear;
  seed?: number;
  firstChildId?: number;
}

export interface SyntheticCounts {
  children: number;
  episodes: number;
  ad1: number;
  placed: number;
  prevPerm: number;
}

// Shares of children by journey. The adoption pathway (~17%) is richer than the national
// looked-after population (~3% adopted a year), because an RAA's returns are what Mercia reads.
const JOURNEYS: Weighted<Journey> = [
  ['stays', 0.5], ['leaves', 0.3], ['returns', 0.03],
  ['decision', 0.02], ['order', 0.03], ['placed', 0.04], ['adopted', 0.06], ['reversed', 0.02],
];

type Values<T extends TableName> = Record<Column<T>, string | null>;

const ETHNIC: Weighted<string> = [
  ['WBRI', 66], ['WIRI', 0.3], ['WIRT', 0.3], ['WOTH', 4], ['WROM', 1], ['MWBC', 3], ['MWBA', 1], ['MWAS', 1],
  ['MOTH', 3], ['AIND', 1], ['APKN', 1.5], ['ABAN', 0.5], ['AOTH', 2], ['BCRB', 1], ['BAFR', 3], ['BOTH', 1.5],
  ['CHNE', 0.2], ['OOTH', 4], ['REFU', 0.5], ['NOBT', 0.4],
];
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

// ---- header ----------------------------------------------------------------------------------

/** A UPN in the DfE form: check letter, then LA (3), school (4), year (2) and serial (3) digits. */
function upn(rng: Random): string {
  let digits = '';
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const d = rng.int(0, 9);
    digits += d;
    sum += d * (i + 2);
  }
  return UPN_LETTERS[sum % 23] + digits;
}

function headerValues(rng: Random, id: string, c: ChildRecord, year: CollectionYear, ys: number, ye: number): Values<'Header'> {
  const age = (ys - c.dob) / 365.25;
  let mother: string | null = null;
  let mcDob: string | null = null;
  // MOTHER is given for every girl (rules 393, 607): 1 for a few teenage mothers, else 0.
  if (c.sex === 'F') {
    mother = age >= 14 && rng.chance(0.04) ? '1' : '0';
    if (mother === '1') {
      // The baby is born while the mother is looked after, not after she left care (625).
      const last = c.episodes[c.episodes.length - 1];
      const hi = last?.dec != null && last.rec !== 'X1' ? Math.min(ye, last.dec) : ye;
      const lo = Math.max(addYears(c.dob, 13), ys - 700);
      if (lo <= hi) mcDob = dfe(rng.int(lo, hi));
      else mother = '0';
    }
  }
  return {
    CHILD: id,
    SEX: sexToReturn(c.sex, year),
    DOB: dfe(c.dob),
    ETHNIC: rng.weighted(ETHNIC),
    // Children under school age usually have no UPN yet: UN1.
    UPN: ye - c.dob < 4 * 365 && rng.chance(0.7) ? 'UN1' : upn(rng),
    MOTHER: mother,
    MC_DOB: mcDob,
  };
}

// ---- writing ---------------------------------------------------------------------------------

/**
 * Writes header.csv, episodes.csv, ad1.csv, placed_for_adoption.csv and previous_permanence.csv
 * into `dir` (created if missing). The same options always give the same bytes.
 */
export async function writeSyntheticReturn(dir: string, options: SyntheticOptions): Promise<SyntheticCounts> {
  const { year, children } = options;
  const rng = new Random(options.seed ?? 903);
  const firstId = options.firstChildId ?? 100_001;
  await mkdir(dir, { recursive: true });
  const writers = {
    Header: openTableWriter(join(dir, FILE_NAMES.Header), 'Header'),
    Episodes: openTableWriter(join(dir, FILE_NAMES.Episodes), 'Episodes'),
    AD1: openTableWriter(join(dir, FILE_NAMES.AD1), 'AD1'),
    PlacedAdoption: openTableWriter(join(dir, FILE_NAMES.PlacedAdoption), 'PlacedAdoption'),
    PrevPerm: openTableWriter(join(dir, FILE_NAMES.PrevPerm), 'PrevPerm'),
  } satisfies { [T in TableName]: TableWriter<T> };
  const counts: SyntheticCounts = { children: 0, episodes: 0, ad1: 0, placed: 0, prevPerm: 0 };
  const maker = new ChildMaker(rng, year);
  const ys = dayOf(year.start);
  const ye = dayOf(year.end);
  try {
    for (let i = 0; i < children; i += 1) {
      const id = String(firstId + i);
      const c = maker.make(rng.weighted(JOURNEYS));
      const dob = dfe(c.dob);
      await writers.Header.write(headerValues(rng, id, c, year, ys, ye));
      for (const e of c.episodes) {
        await writers.Episodes.write({
          CHILD: id, DECOM: dfe(e.decom), RNE: e.rne, LS: e.ls, CIN: e.cin, PLACE: e.pl.place, PLACE_PROVIDER: e.pl.provider,
          DEC: e.dec === null ? null : dfe(e.dec), REC: e.rec, REASON_PLACE_CHANGE: e.reason,
          HOME_POST: e.home, PL_POST: e.pl.post, URN: e.pl.urn,
        });
      }
      if (c.ad1) {
        const a = c.ad1;
        await writers.AD1.write({
          CHILD: id, DOB: dob, DATE_INT: dfe(a.int), DATE_MATCH: dfe(a.match), FOSTER_CARE: a.fosterCare,
          NB_ADOPTR: a.nb, SEX_ADOPTR: a.sex, LS_ADOPTR: a.ls,
        });
      }
      for (const d of c.decisions) {
        await writers.PlacedAdoption.write({
          CHILD: id, DOB: dob, DATE_PLACED: dfe(d.placed), DATE_PLACED_CEASED: d.ceased === null ? null : dfe(d.ceased), REASON_PLACED_CEASED: d.reason,
        });
      }
      if (c.prevPerm) {
        const p = c.prevPerm;
        await writers.PrevPerm.write({ CHILD: id, DOB: dob, PREV_PERM: p.code, LA_PERM: p.la, DATE_PERM: p.date === null ? null : dfe(p.date) });
      }
      counts.children += 1;
      counts.episodes += c.episodes.length;
      counts.ad1 += c.ad1 ? 1 : 0;
      counts.placed += c.decisions.length;
      counts.prevPerm += c.prevPerm ? 1 : 0;
    }
  } finally {
    await Promise.all(Object.values(writers).map((w) => w.close()));
  }
  return counts;
}
