// Placements in a browser: a Herefordshire social worker plans introductions for a matched
// child from the placements list, records the move (placed for adoption, A6 with its provider),
// is refused an application before 10 weeks (the error names the first day), records a
// disruption and finds it counted on the disruptions page. Every page passes axe at 1280 and
// 390 px; the forms are plain GOV.UK forms that work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacementFixtures } from '../src/placements/testing.ts';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let f: PlacementFixtures;

beforeAll(async () => {
  run = await startBrowserRun();
  f = new PlacementFixtures(run.t.database.db);
});
afterAll(() => run?.close());

describe('placements in a browser', () => {
  it('plans introductions, records the move, is refused an early application, and records a disruption', async () => {
    const { childId } = await f.matchedChild('herefordshire');
    const page = await signedInPage(run, 'social-worker@herefordshire.example');
    await page.goto(`${run.baseUrl}/placements`);
    expect(await page.locator('h1').textContent()).toBe('Placements');
    await expectAccessibleAtBothWidths(page);

    await page.goto(`${run.baseUrl}/placements/new?child=${childId}`);
    await page.getByRole('button', { name: 'Plan introductions' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await expectAccessibleAtBothWidths(page);
    await fillDate(page, 'introductionsStart', '2026-06-10');
    await fillDate(page, 'plannedMoveOn', '2026-06-20');
    await page.getByRole('button', { name: 'Plan introductions' }).click();
    expect(await flash(page)).toContain('Introductions have been planned');
    await expectAccessibleAtBothWidths(page);

    await fillDate(page, 'placedOn', '2026-06-20');
    await page.getByLabel('Placement (903 PLACE)').selectOption('A6');
    await page.getByLabel('Placement provider (903 PL_PROV)').selectOption('PR1');
    await page.getByLabel("The family's postcode (903 PL_POST)").fill('hr2 6jt');
    await page.getByRole('button', { name: 'Record the move' }).click();
    expect(await flash(page)).toContain('placed for adoption');
    expect(await page.locator('#steps').textContent()).toContain('A6');

    await fillDate(page, 'appliedOn', '2026-08-01');
    await page.getByRole('button', { name: 'Record the application' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('29 August 2026');
    await expectAccessibleAtBothWidths(page);

    await page.getByRole('link', { name: 'Record a disruption' }).click();
    await expectAccessibleAtBothWidths(page);
    await fillDate(page, 'occurredOn', '2026-09-01');
    await page.getByLabel('Support was not enough or came too late').check();
    await page.getByLabel('What happened', { exact: true }).fill('The family asked for a break; the child returned to the foster carers.');
    await page.getByLabel('Foster care').check();
    await page.getByLabel('Where the children were placed next (903 PLACE)').selectOption('U4');
    await page.getByLabel('Postcode of the next placement (903 PL_POST)').fill('HR4 0LE');
    await page.getByRole('button', { name: 'Record the disruption' }).click();
    expect(await flash(page)).toContain('The disruption has been recorded');
    expect(await page.locator('#disruption').textContent()).toContain('After placement, before the adoption order');

    await page.goto(`${run.baseUrl}/disruptions?kind=before-order`);
    expect(Number(await page.locator('#by-type tr', { hasText: 'After placement, before the adoption order' }).locator('td').textContent())).toBeGreaterThanOrEqual(1);
    await expectAccessibleAtBothWidths(page);
    await page.close();
  });
});
