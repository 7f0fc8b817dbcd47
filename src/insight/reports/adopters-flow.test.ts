import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { adopterFunnel } from './adopter-funnel.ts';
import { adopterTimeliness } from './adopter-timeliness.ts';
import { ReportFixtures } from './testing.ts';

let handle: DatabaseHandle;
let f: ReportFixtures;

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await new ReportFixtures(handle.db).setUp();
});
afterAll(() => handle.close());

describe('adopter timeliness', () => {
  it('counts stages completed in time for households registered in the period, fast track left out of Stage 1 and approval', async () => {
    const p = f.partnership;
    // All in time (Stage 1 by 2025-07-01, Stage 2 in 4 months, approved by 2025-11-01).
    const quick = await f.household(p, f.avon, { roi: '2025-05-01', stage1Start: '2025-05-05', stage1Decided: '2025-06-30', stage2Start: '2025-07-10', approved: '2025-10-30' });
    // Stage 1 late (2 months and a day), Stage 2 in time, approval late.
    await f.household(p, f.avon, { roi: '2025-05-01', stage1Start: '2025-05-05', stage1Decided: '2025-07-02', stage2Start: '2025-08-01', approved: '2025-11-20' });
    // Still in Stage 1: counted, not in time.
    await f.household(p, f.avon, { roi: '2026-02-01', stage1Start: '2026-02-10' });
    // Fast track: only Stage 2, late.
    await f.household(p, f.brent, { roi: '2025-06-01', fastTrack: 'foster-carer', stage2Start: '2025-06-01', approved: '2025-10-15' });
    // Registered before the period: left out.
    await f.household(p, f.brent, { roi: '2025-03-01', stage1Start: '2025-03-05', stage1Decided: '2025-04-01' });
    const ctx = await f.ctx('analyst@test-partnership.example');
    const result = await adopterTimeliness.run(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'));
    const [avon, brent, total] = result.tables[0]!.rows;
    expect(avon).toEqual({ council: 'Avon', registered: 3, 'stage1-cohort': 3, 'stage1-in-time': 1, 'stage1-share': 33.3, 'stage2-cohort': 2, 'stage2-in-time': 2, 'stage2-share': 100, 'approval-cohort': 3, 'approved-in-time': 1, 'approval-share': 33.3 });
    expect(brent).toMatchObject({ registered: 1, 'stage1-cohort': 0, 'stage1-share': null, 'stage2-cohort': 1, 'stage2-in-time': 0, 'stage2-share': 0, 'approval-cohort': 0 });
    expect(total).toMatchObject({ council: 'Test Partnership (all its councils)', registered: 4, 'stage1-in-time': 1, 'stage2-cohort': 3, 'stage2-in-time': 2, 'stage2-share': 66.7 });
    const drill = await adopterTimeliness.drill!(handle.db, ctx, f.scope('2025-04-01', '2026-03-31'), `approved-in-time:all`);
    expect(drill?.ids).toEqual([quick]);
  });
});

describe('adopter funnel', () => {
  it('follows the period\'s enquiries to registration, Stage 1, Stage 2 and approval, by the enquirer\'s council', async () => {
    const p = f.partnership;
    const approved = await f.household(p, f.avon, { roi: '2024-02-01', stage1Start: '2024-02-05', stage1Decided: '2024-04-01', stage2Start: '2024-04-10', approved: '2024-08-01' });
    const inStage1 = await f.household(p, f.avon, { roi: '2024-03-01', stage1Start: '2024-03-05' });
    await f.enquiry(f.avon, '2024-01-10', { roiOn: '2024-01-25', householdId: approved });
    await f.enquiry(f.avon, '2024-01-11', { roiOn: '2024-02-20', householdId: inStage1 });
    await f.enquiry(f.avon, '2024-01-12', { roiOn: '2024-02-01' });
    for (let i = 0; i < 7; i++) await f.enquiry(f.avon, '2024-02-01');
    for (let i = 0; i < 4; i++) await f.enquiry(f.brent, '2024-02-01');
    await f.enquiry(null, '2024-02-01', { partnershipId: p });
    await f.enquiry(f.avon, '2023-12-01', { roiOn: '2024-01-01' });
    const ctx = await f.ctx('analyst@test-partnership.example');
    const scope = f.scope('2024-01-01', '2024-03-31');
    const result = await adopterFunnel.run(handle.db, ctx, scope);
    expect(result.tables[0]!.rows).toEqual([
      { council: 'Avon', enquiries: 10, roi: 3, 'roi-rate': 30, registered: 2, stage1: 2, stage2: 1, approved: 1, 'approved-rate': 10 },
      { council: 'Brent', enquiries: 4, roi: 0, 'roi-rate': 0, registered: 0, stage1: 0, stage2: 0, approved: 0, 'approved-rate': 0 },
      { council: 'Enquirers living outside these councils', enquiries: 1, roi: 0, 'roi-rate': 0, registered: 0, stage1: 0, stage2: 0, approved: 0, 'approved-rate': 0 },
      { council: 'Test Partnership (all its councils)', enquiries: 15, roi: 3, 'roi-rate': 20, registered: 2, stage1: 2, stage2: 1, approved: 1, 'approved-rate': 6.7 },
    ]);
    expect(result.tables[0]!.links![0]).toEqual({ registered: `registered:${f.avon}`, stage1: `stage1:${f.avon}`, stage2: `stage2:${f.avon}`, approved: `approved:${f.avon}` });
    expect((await adopterFunnel.drill!(handle.db, ctx, scope, `stage1:${f.avon}`))?.ids.sort()).toEqual([approved, inStage1].sort());
    expect(await adopterFunnel.drill!(handle.db, ctx, scope, `enquiries:${f.avon}`)).toBeNull();
  });
});
