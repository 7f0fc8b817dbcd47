import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/core/testing/app.ts';
import { type BrowserRun, accessibilityViolations, expectAccessibleAtBothWidths, signedInPage, startBrowserRun, watchedPage } from './browser.ts';

let run: BrowserRun;
let page: Page;
let cspErrors: string[];

beforeAll(async () => {
  run = await startBrowserRun();
  ({ page, cspErrors } = await watchedPage(run));
});
afterAll(() => run?.close());

describe('in a browser', () => {
  it('a Herefordshire social worker signs in and opens the operating model, and every page passes axe', async () => {
    await page.goto(`${run.baseUrl}/`);
    expect(page.url()).toContain('/sign-in');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Submitting nothing shows the GOV.UK error summary, itself accessible.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Email address').fill('social-worker@herefordshire.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${run.baseUrl}/`);
    expect(await page.locator('h1').textContent()).toContain('Herefordshire');
    expect(await page.locator('.govuk-service-navigation').textContent()).toContain('Herefordshire');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'operating model today' }).first().click();
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('1');
    await page.getByLabel('Year').fill('2015');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('1 January 2015');
    const recruitment = page.locator('td[data-function="recruitment"][data-member="E06000019"]');
    const familyFinding = page.locator('td[data-function="family-finding"][data-member="E06000019"]');
    expect((await recruitment.textContent())?.trim()).toBe('Partnership');
    expect((await familyFinding.textContent())?.trim()).toBe('The council');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Membership history' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/account`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/no-such-page`);
    expect(await page.locator('h1').textContent()).toContain('Page not found');
    expect(await accessibilityViolations(page)).toEqual([]);

    expect(cspErrors).toEqual([]);
  });

  it('the partnership administrator reaches the change form, and it passes axe', async () => {
    const admin = await signedInPage(run, 'admin@west-mercia.example');
    await admin.getByRole('link', { name: 'operating model today' }).first().click();
    await admin.getByRole('button', { name: 'Change the operating model' }).click();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Record the change' }).click();
    await expect.poll(() => admin.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.goto(`${run.baseUrl}/audit`);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.goto(`${run.baseUrl}/staff`);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.close();
  });

  it('the refused-input page and the audit log with records shown to another organisation pass axe at 1280 and 390 px', async () => {
    const admin = await signedInPage(run, 'admin@herefordshire.example');
    for (const width of [1280, 390]) {
      await admin.setViewportSize({ width, height: 900 });
      await admin.goto(`${run.baseUrl}/children?q=%00`);
      expect(await admin.locator('.govuk-error-summary').textContent()).toContain('null character');
      expect(await accessibilityViolations(admin), `refused input at ${width}`).toEqual([]);
      await admin.goto(`${run.baseUrl}/audit`);
      expect(await accessibilityViolations(admin), `audit log at ${width}`).toEqual([]);
    }
    await admin.close();
  });

  it('the scan the pages pass is one that fails a page with faults', async () => {
    const probe = await (await run.browser.newContext()).newPage();
    await probe.setContent('<!doctype html><html><body><img src="data:,"><button></button><p style="color:#ccc;background:#fff">faint</p></body></html>');
    const found = (await accessibilityViolations(probe)).map((v) => v.split(':')[0]);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'color-contrast', 'html-has-lang']));
    await probe.close();
  });
});

describe('the home page in a browser', () => {
  it('groups a partnership support worker\'s work by part of the service, counted and paged, and passes axe at both widths', async () => {
    const worker = await signedInPage(run, 'support-worker@west-mercia.example');
    await worker.goto(`${run.baseUrl}/`);
    const headings = await worker.locator('h3[id^="work-"]').allTextContents();
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (const h of headings) expect(h.trim()).toMatch(/\(\d+(, \d+ overdue)?\)$/);
    await expectAccessibleAtBothWidths(worker);
    // The demo gives them more than a page of letterbox work.
    const next = worker.locator('nav.govuk-pagination a[rel="next"]').first();
    expect(await next.count()).toBe(1);
    await next.click();
    expect(worker.url()).toMatch(/group=[a-z-]+&offset=10#work-/);
    await expectAccessibleAtBothWidths(worker);
    await worker.close();
  });
});
