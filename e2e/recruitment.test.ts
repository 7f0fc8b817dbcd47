import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, accessibilityViolations, signedInPage, startBrowserRun, watchedPage } from './browser.ts';

let run: BrowserRun;
let page: Page;
let cspErrors: string[];

beforeAll(async () => {
  run = await startBrowserRun();
  ({ page, cspErrors } = await watchedPage(run));
});
afterAll(() => run?.close());

describe('the front door in a browser', () => {
  it('a member of the public enquires, and a West Mercia recruitment officer finds the enquiry in the queue; every page passes axe', async () => {
    await page.goto(`${run.baseUrl}/enquire`);
    expect(await page.locator('h1').textContent()).toContain('Enquire about adopting');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Sending nothing shows the GOV.UK error summary, itself accessible.
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('First name').fill('Harriet');
    await page.getByLabel('Last name').fill('Browsertest');
    await page.getByLabel('Email address').fill('harriet.browsertest@example.com');
    await page.getByLabel('Phone number').fill('01632 960123');
    await page.getByLabel('Shropshire').check();
    await page.getByLabel('How did you hear about us?').selectOption('social-media');
    await page.getByLabel(/may contact me/).check();
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Enquiry sent');
    expect(await accessibilityViolations(page)).toEqual([]);

    const officer = await signedInPage(run, 'recruitment-officer@west-mercia.example');
    await officer.goto(`${run.baseUrl}/enquiries`);
    expect(await officer.locator('#new').textContent()).toContain('Harriet Browsertest');
    expect(await accessibilityViolations(officer)).toEqual([]);

    await officer.locator('#new').getByRole('link', { name: 'Harriet Browsertest' }).click();
    expect(await officer.locator('h1').textContent()).toContain('Harriet Browsertest');
    expect(await officer.locator('#details').textContent()).toContain('Shropshire');
    expect(await accessibilityViolations(officer)).toEqual([]);

    // A contact dated tomorrow is refused beside its field, accessibly.
    await officer.locator('#contactDate-day').fill('24');
    await officer.getByLabel('Phone', { exact: true }).check();
    await officer.getByRole('button', { name: 'Log contact' }).click();
    await expect.poll(() => officer.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(officer)).toEqual([]);

    await officer.goto(`${run.baseUrl}/enquiries/events`);
    expect(await accessibilityViolations(officer)).toEqual([]);
    await officer.locator('#past a').first().click();
    expect(await officer.locator('#invitations').count()).toBe(1);
    expect(await accessibilityViolations(officer)).toEqual([]);
    await officer.goto(`${run.baseUrl}/enquiries/events/new`);
    expect(await accessibilityViolations(officer)).toEqual([]);
    await officer.goto(`${run.baseUrl}/enquiries/funnel`);
    expect(await officer.locator('#funnel').textContent()).toContain('Worcestershire');
    expect(await accessibilityViolations(officer)).toEqual([]);
    await officer.close();

    expect(cspErrors).toEqual([]);
  });
});
