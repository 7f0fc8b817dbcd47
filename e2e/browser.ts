// Headless Debian Chromium driven by playwright-core, against the real app on a loopback
// port, with an axe accessibility scan helper.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../src/core/testing/app.ts';
import { CHROMIUM_ARGS } from '../src/core/testing/global-setup.ts';

export interface BrowserRun {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startBrowserRun(): Promise<BrowserRun> {
  const t = await startTestApp();
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await sharedBrowser();
  return {
    t, browser, baseUrl: address,
    close: async () => {
      // On the run's shared Chromium this closes only this file's connection and its contexts.
      await browser.close();
      await t.close();
    },
  };
}

/**
 * The Chromium the global setup started for the whole run, when it did; otherwise one of this
 * file's own. Each file still works in browser contexts of its own, so nothing is shared but the process.
 */
async function sharedBrowser(): Promise<Browser> {
  const endpoint = inject('merciaBrowserEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  // The machine has no outside network: CHROMIUM_ARGS keep Chromium from reaching for it.
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Violations of WCAG 2.2 AA on the page as it is now (empty when it passes).
 * Legacy mode runs axe in the page itself: Mercia's pages have no frames, and the default
 * mode opens a blank page per scan to merge frame results, which was half of every browser
 * test's time. Only violations are collected; passes and incomplete results were never read.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Expect the page as it is now to pass axe at desktop (1280 px) and phone (390 px) widths. */
export async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await accessibilityViolations(page), `${page.url()} at ${width} px`).toEqual([]);
  }
}

/** A page in a fresh browser context that collects Content Security Policy errors. */
export async function watchedPage(run: BrowserRun): Promise<{ page: Page; cspErrors: string[] }> {
  const page = await (await run.browser.newContext()).newPage();
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  return { page, cspErrors };
}

/** Sign a demo person in through the real form, in a page of its own context unless one is given. */
export async function signedInPage(run: BrowserRun, email: string, page?: Page): Promise<Page> {
  const p = page ?? (await (await run.browser.newContext()).newPage());
  await p.goto(`${run.baseUrl}/sign-in`);
  await p.getByLabel('Email address').fill(email);
  await p.getByLabel('Password').fill(DEMO_PASSWORD);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(`${run.baseUrl}/`);
  return p;
}

/** The notification banner's text once the page shows one (the flash after a form). */
export async function flash(page: Page): Promise<string> {
  await expect.poll(() => page.locator('.govuk-notification-banner').count(), { timeout: 10_000 }).toBe(1);
  return (await page.locator('.govuk-notification-banner').textContent()) ?? '';
}

/** Fill a GOV.UK date input (name-day, name-month, name-year) with a YYYY-MM-DD date. */
export async function fillDate(page: Page, name: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(d)));
  await page.locator(`#${name}-month`).fill(String(Number(m)));
  await page.locator(`#${name}-year`).fill(y!);
}
