// What pooling is worth in a browser: the partnership's analyst opens the replay, reads the
// assumptions, the scenarios compared (a table with its bar charts) and each scenario by council;
// a wrong value is named in the error summary; a changed threshold replays again. The form is a
// plain GET form and the charts are server-drawn SVG, so the page works without JavaScript. Each
// state of the page passes axe at 1280 and 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, expectAccessibleAtBothWidths, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('the pooling replay in a browser', () => {
  it('shows the scenarios with their assumptions, names a wrong value, and replays with a new threshold', async () => {
    const analyst = await signedInPage(run, 'analyst@west-mercia.example');
    await analyst.goto(`${run.baseUrl}/finance/pooling`);
    expect(await analyst.locator('h1').textContent()).toBe('What pooling is worth');
    expect(await analyst.locator('#assumptions').textContent()).toContain('still waiting 90 days');
    expect(await analyst.locator('#compared caption').textContent()).toContain('The scenarios compared');
    expect(await analyst.locator('#compared tbody tr').count()).toBe(3);
    expect(await analyst.locator('svg[role="img"]').count()).toBe(2);
    await expectAccessibleAtBothWidths(analyst);

    await analyst.getByLabel('Years to look back').fill('12');
    await analyst.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => analyst.locator('.govuk-error-summary').count()).toBe(1);
    expect(await analyst.locator('.govuk-error-summary').textContent()).toContain('The number of years must be from 1 to 10');
    await expectAccessibleAtBothWidths(analyst);

    await analyst.getByLabel('Years to look back').fill('3');
    await analyst.getByLabel('Days a child waits before an inter-agency family is sought').fill('150');
    await analyst.getByRole('button', { name: 'Replay' }).click();
    await analyst.waitForURL(/threshold=150/);
    expect(await analyst.locator('#assumptions').textContent()).toContain('still waiting 150 days');
    expect(await analyst.locator('#scenario-3 caption').textContent()).toBe('Pooled plus inter-agency: by council');
    expect(await analyst.getByRole('link', { name: 'CSV' }).getAttribute('href')).toContain('format=csv');
  }, 240_000);
});
