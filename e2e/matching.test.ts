// Finding a family in a browser: a Worcestershire family finder starts from the waiting children
// on their home page, opens Find families for a child, reads why a household scores as it does,
// opens a link, moves it on and closes it with a reason; the households left out, a household's
// "Children who could be linked" and the adopter pool table are read too. Every page passes axe at
// 1280 and 390 px; the forms are plain GOV.UK forms, so they work without JavaScript.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, accessibilityViolations, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

async function scanned(page: Page) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await accessibilityViolations(page), `${page.url()} at ${width} px`).toEqual([]);
  }
}

describe('matching in a browser', () => {
  it('a family finder finds families for a waiting child, opens a link and closes it with a reason', async () => {
    const page = await signedInPage(run, 'family-finder@worcestershire.example');
    await page.goto(`${run.baseUrl}/`);
    expect(await page.locator('#waiting-children').count()).toBe(1);
    await scanned(page);
    const db = run.t.database.db;
    const council = await db.selectFrom('organisation').select('id').where('slug', '=', 'worcestershire').executeTakeFirstOrThrow();
    const child = await db.selectFrom('child').select('id').where('placing_authority_id', '=', council.id)
      .where('stage', 'in', ['should-be-placed', 'placement-order', 'family-finding']).where('sibling_group_id', 'is', null).orderBy('la_child_ref', 'desc').limit(1).executeTakeFirstOrThrow();

    await page.goto(`${run.baseUrl}/children/${child.id}`);
    await page.getByRole('link', { name: 'Find families' }).click();
    expect(await page.locator('h1').textContent()).toBe('Find families');
    await scanned(page);
    await page.locator('.govuk-details__summary').first().click();
    expect(await page.locator('.govuk-details__text').first().textContent()).toMatch(/Needs within the household's tolerances/);
    await page.getByLabel('Sort by').selectOption('child-wait');
    await page.getByRole('button', { name: 'Show households' }).click();
    await scanned(page);

    await page.getByRole('link', { name: /left out, with why/ }).click();
    expect(await page.locator('h1').textContent()).toBe('Households left out');
    await scanned(page);
    await page.goBack();

    await page.locator('form[action="/links"] button').first().click();
    await expect.poll(() => page.locator('.govuk-notification-banner').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('h1').textContent()).toContain(' and ');
    await scanned(page);
    await page.getByLabel('Shortlisted').check();
    await page.getByRole('button', { name: 'Save status' }).click();
    await expect.poll(async () => (await page.locator('.govuk-summary-list').first().textContent()) ?? '').toContain('Shortlisted');
    await page.getByRole('button', { name: 'Close the link' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select why the link closed');
    await scanned(page);
    await page.getByLabel('Why it closed').selectOption('adopters-declined');
    await page.getByRole('button', { name: 'Close the link' }).click();
    await expect.poll(async () => (await page.locator('.govuk-summary-list').first().textContent()) ?? '').toContain('Closed');
    await scanned(page);

    await page.goto(`${run.baseUrl}/households/pool`);
    expect(await page.locator('#pool').count()).toBe(1);
    await scanned(page);
  });

  it('a household\'s worker reads the children who could be linked with an approved household', async () => {
    const db = run.t.database.db;
    const wm = await db.selectFrom('organisation').select('id').where('slug', '=', 'west-mercia').executeTakeFirstOrThrow();
    const household = await db.selectFrom('household').select(['id', 'owner_id']).where('status', '=', 'approved').where('owner_id', '=', wm.id).orderBy('reference').limit(1).executeTakeFirst();
    const any = household ?? await db.selectFrom('household').select(['id', 'owner_id']).where('status', '=', 'approved').orderBy('reference').limit(1).executeTakeFirstOrThrow();
    const slug = (await db.selectFrom('organisation').select('slug').where('id', '=', any.owner_id).executeTakeFirstOrThrow()).slug;
    const page = await signedInPage(run, `social-worker@${slug}.example`);
    await page.goto(`${run.baseUrl}/households/${any.id}`);
    await page.getByRole('link', { name: /Children who could be linked/ }).click();
    expect(await page.locator('h1').textContent()).toBe('Children who could be linked');
    await scanned(page);
  });
});
