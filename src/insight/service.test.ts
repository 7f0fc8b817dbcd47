import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thresholdsOn } from '../children/model.ts';
import type { DatabaseHandle } from '../core/db.ts';
import { ForbiddenError, ValidationError } from '../core/errors.ts';
import { openTestDatabase } from '../core/testing/database.ts';
import { measuresOf } from './model.ts';
import { scorecardWindow } from './periods.ts';
import { scorecard, trend } from './scorecard.ts';
import { scorecardReport } from './scorecard-report.ts';
import { drill, resolveScope } from './service.ts';
import * as store from './store.ts';
import { InsightFixtures } from './testing.ts';

let database: DatabaseHandle;
let f: InsightFixtures;
const ids: Record<string, string> = {};
const WINDOW = scorecardWindow('2022-03-31');

beforeAll(async () => {
  database = await openTestDatabase();
  f = await new InsightFixtures(database.db).setUp();
  // The worked examples of model.test.ts, in Avon (c1–c3) and Brent (c4, c5), adopted in the three years to 31 March 2022.
  ids.c1 = await f.adopted(f.avon, { entered: '2020-01-01', po: '2020-06-01', match: '2020-09-01', placed: '2020-10-01', order: '2021-05-01' });
  // Early permanence: with the carers who adopted her from 15 April 2020 (RNE P), then E1 (L), then A5 (U).
  ids.c2 = await f.child(f.avon, {
    enteredCare: '2020-03-01',
    episodes: [{ start: '2020-03-01', rne: 'S', place: 'U1' }, { start: '2020-04-15', rne: 'P', place: 'U5' }, { start: '2020-08-01', rne: 'L', place: 'U5', ls: 'E1' }, { start: '2021-02-01', rne: 'U', place: 'A5', ls: 'E1' }],
    milestones: [['early-permanence', '2020-04-15', 'ffa'], ['placement-order', '2020-08-01', 'order'], ['match', '2020-12-01'], ['placed-for-adoption', '2021-02-01', 'A5'], ['adoption-order', '2021-09-01', 'E12']],
  });
  // An earlier attempt (order, match, reversed) that the measures must not read; then the match came before the new order.
  ids.c3 = await f.child(f.avon, {
    enteredCare: '2019-01-10', episodes: [{ start: '2019-01-10', rne: 'S' }],
    milestones: [['placement-order', '2019-02-01', 'order'], ['match', '2019-03-01'], ['plan-reversed', '2019-04-01', 'RD3'],
      ['match', '2019-10-01'], ['placement-order', '2019-11-01', 'order'], ['placed-for-adoption', '2020-04-01', 'A6'], ['adoption-order', '2020-12-01', 'E11']],
  });
  // Placed with consent: no court authority, so not in A2. No care episodes: its recorded period start is used.
  ids.c4 = await f.child(f.brent, { enteredCare: '2021-01-01', milestones: [['placement-order', '2021-03-01', 'consent'], ['match', '2021-05-01'], ['placed-for-adoption', '2021-06-01', 'A4'], ['adoption-order', '2021-12-01', 'E11']] });
  ids.c5 = await f.adopted(f.brent, { entered: '2020-05-01', po: '2020-09-01', match: '2020-12-01', placed: '2021-01-01', order: '2021-06-01' });
  // Not counted: adopted after the window; a council outside the scope; not adopted yet.
  await f.adopted(f.avon, { entered: '2020-01-01', po: '2020-06-01', match: '2020-09-01', placed: '2021-10-01', order: '2022-04-01' });
  await f.adopted(f.cleve, { entered: '2020-01-01', po: '2020-06-01', match: '2020-09-01', placed: '2020-10-01', order: '2021-05-01' });
  await f.child(f.avon, { enteredCare: '2020-01-01', milestones: [['placement-order', '2020-06-01', 'order'], ['match', '2020-09-01']] });
});
afterAll(async () => database?.close());

const figures = (line: { measures: { measure: string; value: number | null; cohortSize: number }[] }) => Object.fromEntries(line.measures.map((m) => [m.measure, [m.value, m.cohortSize]]));

describe('the scorecard from the records', () => {
  it('computes A1, A2, A3 and A10 per council and over all the partnership\'s children together', async () => {
    const ctx = await f.ctx('analyst@test-partnership.example');
    const { scope } = await resolveScope(database.db, ctx, { windowEnd: '2022-03-31' });
    const card = await scorecard(database.db, ctx, scope);
    expect(card.lines.map((l) => l.name)).toEqual(['Avon', 'Brent', 'Test Partnership (all its councils)']);
    const [avon, brent, all] = card.lines;
    // Avon: A1 (274 + 337 + 447) / 3 = 352.67; A2 (92 + 122 + 0) / 3; A3 2 of 3; A10 (274 + 45 + 447) / 3 = 255.33.
    expect(figures(avon!)).toEqual({ A1: [353, 3], A2: [71, 3], A3: [67, 3], A10: [255, 3] });
    // Brent: A1 (151 + 245) / 2; A2 only c5 (91); both within 14 months.
    expect(figures(brent!)).toEqual({ A1: [198, 2], A2: [91, 1], A3: [100, 2], A10: [198, 2] });
    // All five together, not the average of the averages ((353 + 198) / 2 = 275.5): 1454 / 5 = 290.8.
    expect(figures(all!)).toEqual({ A1: [291, 5], A2: [76, 4], A3: [80, 5], A10: [232, 5] });
    expect(all!.fosterCarerAdoptions).toBe(1);
    expect(all!.measures.find((m) => m.measure === 'A1')).toMatchObject({ threshold: 426, status: 'within' });
    expect(all!.measures.find((m) => m.measure === 'A3')).toMatchObject({ threshold: null, status: null });
  });

  it('agrees with the pure rules over the same children', async () => {
    const children = await store.adoptedChildren(database.db, [f.avon, f.brent], { key: 'p', ...WINDOW });
    expect(children.map((c) => c.id).sort()).toEqual([ids.c1, ids.c2, ids.c3, ids.c4, ids.c5].sort());
    expect(children.find((c) => c.id === ids.c2)).toMatchObject({ enteredCare: '2020-03-01', placedCode: 'A5', fosterPlacementStart: '2020-04-15' });
    expect(children.find((c) => c.id === ids.c3)).toMatchObject({ placementOrder: '2019-11-01', match: '2019-10-01' });
    const rows = await store.measures(database.db, [f.avon, f.brent], [{ key: 'p', ...WINDOW }]);
    expect(rows.find((r) => r.councilId === null)!.figures).toEqual(measuresOf(children));
  });

  it('measures several windows at once', async () => {
    const ctx = await f.ctx('analyst@avon.example');
    const { scope } = await resolveScope(database.db, ctx, { la: 'avon', windowEnd: '2022-03-31' });
    const t = await trend(database.db, ctx, scope, { windowEnd: '2023-03-31', measure: 'A1', years: 3, name: 'Avon' });
    // Window to 2021: c1 (order May 2021) is not in it; c3 is (December 2020). To 2023: also the child adopted in April 2022.
    expect(t.points.map((p) => [p.windowEnd, p.value, p.cohortSize, p.threshold])).toEqual([
      ['2021-03-31', 447, 1, 426], ['2022-03-31', 353, 3, 426], ['2023-03-31', 424, 4, 426],
    ]);
  });

  it('holds the thresholds as data, agreeing with the child page\'s', async () => {
    const thresholds = await store.thresholds(database.db);
    const { thresholdFor } = await import('./model.ts');
    for (let year = 2012; year <= 2030; year++) {
      const end = `${year}-03-31`;
      expect([thresholdFor(thresholds, 'A1', end)?.days, thresholdFor(thresholds, 'A2', end)?.days], end).toEqual([thresholdsOn(end).a1, thresholdsOn(end).a2]);
      expect(thresholdFor(thresholds, 'A10', end)?.days).toBe(thresholdsOn(end).a1);
    }
  });
});

describe('who sees which figures', () => {
  it('gives a council\'s analyst their council, and refuses another council or the partnership', async () => {
    const ctx = await f.ctx('analyst@avon.example');
    const own = await resolveScope(database.db, ctx, {});
    expect(own.scope).toMatchObject({ councilIds: [f.avon], partnershipId: undefined, period: scorecardWindow('2026-03-31') });
    await expect(resolveScope(database.db, ctx, { la: 'brent' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resolveScope(database.db, ctx, { la: 'E06000902' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resolveScope(database.db, ctx, { partnership: 'test-partnership' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('gives the partnership\'s analyst the partnership by default, and any of its councils by slug, code or LA number', async () => {
    const ctx = await f.ctx('analyst@test-partnership.example');
    expect((await resolveScope(database.db, ctx, {})).scope).toMatchObject({ councilIds: [f.avon, f.brent], partnershipId: f.partnership });
    for (const la of ['brent', 'E06000902', '902']) expect((await resolveScope(database.db, ctx, { la })).scope.councilIds).toEqual([f.brent]);
    await expect(resolveScope(database.db, ctx, { la: 'cleve' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses someone Insight is not for, and names the field of a bad request', async () => {
    await expect(resolveScope(database.db, await f.ctx('social-worker@avon.example'), {})).rejects.toBeInstanceOf(ForbiddenError);
    const ctx = await f.ctx('analyst@test-partnership.example');
    await expect(resolveScope(database.db, ctx, { la: 'nowhere' })).rejects.toMatchObject({ errors: [{ field: 'la' }] });
    await expect(resolveScope(database.db, ctx, { windowEnd: '2022-04-01' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('drills down to the children counted, naming only those the person\'s list shows: sealed records stay sealed', async () => {
    const ctx = await f.ctx('team-manager@test-partnership.example');
    const { scope } = await resolveScope(database.db, ctx, { windowEnd: '2022-03-31' });
    const before = await drill(database.db, ctx, scorecardReport, scope, `A2:${f.avon}`);
    expect(before).toMatchObject({ kind: 'children', total: 3, children: [] });
    await f.openSealed('team-manager@test-partnership.example', ids.c2!, f.avon);
    const after = await drill(database.db, await f.ctx('team-manager@test-partnership.example'), scorecardReport, scope, 'A2:all');
    expect(after.total).toBe(4);
    expect(after.children.map((c) => c.id)).toEqual([ids.c2]);
    const audit = await database.db.selectFrom('audit_event').select(['detail']).where('action', '=', 'search').where('record_type', '=', 'child')
      .where(sql<SqlBool>`detail->>'key' = 'A2:all'`).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ report: 'scorecard', key: 'A2:all', total: 4, shown: [ids.c2] });
  });

  it('finds nothing behind a key that is not a figure of the scope', async () => {
    const ctx = await f.ctx('analyst@avon.example');
    const { scope } = await resolveScope(database.db, ctx, { windowEnd: '2022-03-31' });
    await expect(drill(database.db, ctx, scorecardReport, scope, `A1:${f.brent}`)).rejects.toThrow('not found');
    await expect(drill(database.db, ctx, scorecardReport, scope, 'A9:all')).rejects.toThrow('not found');
  });
});
