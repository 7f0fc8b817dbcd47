// Finance in a browser: the partnership's finance officer opens the overview, the needs analysis
// (its chart beside its table, the business case's 58.16), budgets, the £72,000 of foster care
// avoided with its inputs and the options appraisal; uploads a population file with a missing
// band and is told the line and column with nothing imported, then changes how a council's
// numbers are projected. Each page passes axe at 1280 and 390 px; nothing needs JavaScript.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, expectAccessibleAtBothWidths, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('finance in a browser', () => {
  it('shows the figures, refuses a bad file by line and column, and saves a projection method', async () => {
    const officer = await signedInPage(run, 'finance-officer@west-mercia.example');
    await officer.goto(`${run.baseUrl}/`);
    await officer.getByRole('link', { name: 'Finance', exact: true }).click();
    expect(await officer.locator('h1').textContent()).toBe('Finance and needs analysis');
    await expectAccessibleAtBothWidths(officer);

    await officer.getByRole('link', { name: 'Needs analysis' }).click();
    expect(await officer.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    expect(await officer.locator('main').textContent()).toContain('58.16');
    await expectAccessibleAtBothWidths(officer);

    await officer.goto(`${run.baseUrl}/finance/budgets`);
    expect(await officer.locator('main').textContent()).toContain('£2,348,000');
    await expectAccessibleAtBothWidths(officer);

    await officer.goto(`${run.baseUrl}/finance/costs-avoided`);
    expect(await officer.locator('#sum').textContent()).toMatch(/3 services × 1 child × 12 months at £2,000 a month = £72,000 a year/);
    await expectAccessibleAtBothWidths(officer);

    await officer.goto(`${run.baseUrl}/finance/options`);
    expect(await officer.locator('#appraisal').textContent()).toContain('Option 2');
    await expectAccessibleAtBothWidths(officer);

    // A file whose second figures row has no 5–9 count: refused, naming line 3, column 5.
    const dir = await mkdtemp(join(tmpdir(), 'mercia-e2e-population-'));
    const file = join(dir, 'population.csv');
    await writeFile(file, 'council,year,figure,0-4,5-9,10-14,15-19\nE06000019,2030,population,1,2,3,4\nE06000019,2031,population,1,,3,4\n');
    await officer.goto(`${run.baseUrl}/finance/needs/upload`);
    await expectAccessibleAtBothWidths(officer);
    await officer.getByLabel('Population file (CSV)').setInputFiles(file);
    await officer.getByRole('button', { name: 'Import the figures' }).click();
    await expect.poll(() => officer.locator('.govuk-error-summary').count()).toBe(1);
    expect(await officer.locator('.govuk-error-summary').textContent()).toContain('Line 3, column 5 (5-9): the 5-9 count is missing');
    await expectAccessibleAtBothWidths(officer);

    await officer.goto(`${run.baseUrl}/finance/needs`);
    await officer.getByRole('link', { name: /how Herefordshire's numbers are projected/ }).click();
    await officer.getByLabel('Linear trend of the actual years').check();
    await expectAccessibleAtBothWidths(officer);
    await officer.getByRole('button', { name: 'Save' }).click();
    expect(await flash(officer)).toContain('The projection method has been saved');
    expect(await officer.locator('main').textContent()).toContain('Projected by: Linear trend of the actual years');
  }, 240_000);
});
