// Letterbox contact in a browser: a council's social worker sets up an agreement for a placed
// child (refused first, naming what is missing); the partnership's coordinator records the
// adoptive family's letter, finds it in the screening queue, screens, forwards and files it, and
// sees it on the agreement's timeline. Every distinct page passes axe at 1280 and 390 px; the
// forms are plain GOV.UK forms that work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('letterbox contact in a browser', () => {
  it('sets up an agreement, and a letter goes through screening to the adoption record', async () => {
    // The social worker sets up the agreement.
    const worker = await signedInPage(run, 'social-worker@herefordshire.example');
    await worker.goto(`${run.baseUrl}/letterbox`);
    expect(await worker.locator('h1').textContent()).toBe('Letterbox');
    await expectAccessibleAtBothWidths(worker);
    await worker.getByRole('button', { name: 'Set up an agreement' }).click();
    await expectAccessibleAtBothWidths(worker);
    const child = (await worker.locator('#children a').first().textContent())!.trim();
    await worker.locator('#children a').first().click();
    await worker.getByRole('button', { name: 'Set up the agreement' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('Select which way the letters go');
    await expectAccessibleAtBothWidths(worker);
    await worker.getByLabel('From the adoptive family to the birth family', { exact: true }).check();
    await worker.getByLabel('Once a year').check();
    await worker.getByLabel('Month of the exchange').selectOption('3');
    await fillDate(worker, 'startDate', '2026-01-01');
    await worker.getByLabel('The adoptive family', { exact: true }).fill('Maya and Owen');
    await worker.getByLabel('Name (birth relative 1)').fill('Tracey Browser');
    await worker.getByLabel('Relationship (birth relative 1)').fill('birth mother');
    await worker.getByRole('button', { name: 'Set up the agreement' }).click();
    expect(await flash(worker)).toContain('The letterbox agreement has been set up');
    expect(await worker.locator('h1').textContent()).toContain(child);
    expect(await worker.locator('#terms').textContent()).toContain('Tracey Browser (birth mother)');
    await expectAccessibleAtBothWidths(worker);
    const agreementUrl = worker.url();

    // The partnership's coordinator records the letter (March's, late), screens, forwards and files it.
    const coordinator = await signedInPage(run, 'support-worker@west-mercia.example');
    await coordinator.goto(agreementUrl);
    expect(await coordinator.locator('#terms').textContent()).toContain('Birth mother (name not shown to you)');
    await coordinator.getByLabel('Which letter is it?').selectOption({ label: 'Adoptive family to birth family, due by 31 March 2026 (late)' });
    await fillDate(coordinator, 'receivedOn', '2026-11-16');
    await coordinator.getByRole('button', { name: 'Record the letter' }).click();
    expect(await flash(coordinator)).toContain('It waits for screening');
    await coordinator.goto(`${run.baseUrl}/letterbox/screening`);
    await expectAccessibleAtBothWidths(coordinator);
    await coordinator.locator('#queue tr', { hasText: child }).getByRole('link').first().click();
    await expectAccessibleAtBothWidths(coordinator);
    await fillDate(coordinator, 'screenedOn', '2026-11-18');
    await coordinator.getByLabel('Suitable once redacted').check();
    await coordinator.getByLabel('What was redacted (if redacted)').fill('The name of the family\'s town');
    await coordinator.getByRole('button', { name: 'Record the screening' }).click();
    expect(await flash(coordinator)).toContain('The screening has been recorded');
    await fillDate(coordinator, 'forwardedOn', '2026-11-19');
    await coordinator.getByLabel('Forwarded to').selectOption({ index: 1 });
    await coordinator.getByRole('button', { name: 'Record the forwarding' }).click();
    expect(await flash(coordinator)).toContain('The forwarding has been recorded');
    await fillDate(coordinator, 'filedOn', '2026-11-20');
    await coordinator.getByRole('button', { name: 'Record the filing' }).click();
    expect(await flash(coordinator)).toContain('The copy on the adoption record has been recorded');
    expect(await coordinator.locator('#done').count()).toBe(1);
    await coordinator.goto(agreementUrl);
    expect(await coordinator.locator('#timeline').textContent()).toContain('Filed on the adoption record on 20 November 2026');
  }, 240_000);
});
