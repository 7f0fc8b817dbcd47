// A sealed adoption record in a browser: a team manager reaching an adopted child's record is told
// it is sealed, is refused opening it without a reason (the error names the field), opens it with
// one and reads it. Each page passes axe at 1280 and 390 px; the form works without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportFixtures } from '../src/support/testing.ts';
import { type BrowserRun, expectAccessibleAtBothWidths, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('a sealed adoption record in a browser', () => {
  it('is opened by a team manager only with a reason', async () => {
    const child = await new SupportFixtures(run.t.database.db).child('herefordshire', '2025-03-03');
    const page = await signedInPage(run, 'team-manager@herefordshire.example');
    await page.goto(`${run.baseUrl}/children/${child.id}`);
    expect(await page.locator('h1').textContent()).toBe('This adoption record is sealed');
    expect(await page.locator('main').textContent()).toContain('kept until 3 March 2125');
    await expectAccessibleAtBothWidths(page);

    await page.getByRole('button', { name: 'Open the record' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter why you need to open this record');
    await expectAccessibleAtBothWidths(page);

    await page.getByLabel('Why do you need to open this record?').fill('An adopted adult has asked for information from their record');
    await page.getByRole('button', { name: 'Open the record' }).click();
    expect(await flash(page)).toContain('The record is open to you until the end of today');
    expect(await page.locator('h1').textContent()).toContain(child.name);
    await page.close();
  });
});
