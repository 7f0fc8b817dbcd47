// Insight in a browser: the partnership's analyst sees the scorecard per council and for the
// partnership against thresholds, a trend chart drawn on the server with its table and summary,
// changes the filter to one council and another window, downloads, drills down from a figure to
// the children behind it, and a bad window end is named in the error summary. Each distinct page
// passes axe at 1280 and 390 px; the filter is a plain GET form that works without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, expectAccessibleAtBothWidths, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('insight in a browser', () => {
  it('shows the dashboard, filters it, drills down and names a bad filter', async () => {
    const analyst = await signedInPage(run, 'analyst@west-mercia.example');
    await analyst.goto(`${run.baseUrl}/`);
    await analyst.getByRole('link', { name: 'Insight' }).first().click();
    expect(await analyst.locator('h1').textContent()).toBe('Insight');
    expect(await analyst.locator('#scorecard-2').textContent()).toContain('West Mercia Adoption Partnership (all its councils)');
    // The chart is an image named by its title, described by the summary beside it.
    const chart = analyst.getByRole('img', { name: /A1: entering care to moving in/ });
    expect(await chart.count()).toBe(1);
    expect(await analyst.locator('#trend-summary').textContent()).toContain('In the 3 years to 31 March 2026, A1 for West Mercia Adoption Partnership');
    await expectAccessibleAtBothWidths(analyst);

    await analyst.getByLabel('Partnership or council').selectOption({ label: 'Herefordshire' });
    await analyst.getByLabel('Scorecard window').selectOption('2025-03-31');
    await analyst.getByLabel('Trend of').selectOption('A10');
    await analyst.getByRole('button', { name: 'Show figures' }).click();
    expect(analyst.url()).toContain('scope=la%3Aherefordshire');
    expect(await analyst.locator('main h2').first().textContent()).toContain('Herefordshire: 3 years to 31 March 2025');
    expect(await analyst.locator('#trend').textContent()).toContain('West Mercia Adoption Partnership');
    expect(await analyst.getByRole('link', { name: 'CSV' }).getAttribute('href')).toContain('format=csv');
    await expectAccessibleAtBothWidths(analyst);

    // From the number of children counted for A1 across the partnership to the children behind it.
    await analyst.goto(`${run.baseUrl}/insight`);
    await analyst.locator('#scorecard-1 a').first().click();
    expect(await analyst.locator('h1').textContent()).toContain('West Mercia Adoption Partnership (all its councils), 3 years to 31 March 2026');
    expect(await analyst.locator('#drill-count').textContent()).toMatch(/This figure counts \d+ child/);
    await expectAccessibleAtBothWidths(analyst);

    await analyst.goto(`${run.baseUrl}/insight?windowEnd=2025-04-30`);
    expect(await analyst.locator('.govuk-error-summary').textContent()).toContain('is not 31 March');
    await expectAccessibleAtBothWidths(analyst);

    await analyst.goto(`${run.baseUrl}/insight/reports`);
    await analyst.getByRole('link', { name: 'Adoption scorecard' }).click();
    expect(await analyst.locator('h1').textContent()).toBe('Adoption scorecard');
    await expectAccessibleAtBothWidths(analyst);
  }, 240_000);
});
