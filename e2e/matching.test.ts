// Finding a family in a browser: a Worcestershire family finder starts from the waiting children
// on their home page, opens Find families for a child, reads why a household scores as it does,
// opens a link, moves it on and closes it with a reason; the households left out, a household's
// "Children who could be linked" and the adopter pool table are read too. Every page passes axe at
// 1280 and 390 px; the forms are plain GOV.UK forms, so they work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, signedInPage, startBrowserRun, expectAccessibleAtBothWidths } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('matching in a browser', () => {
  // A waiting Worcestershire child placed alone (the demo's matching links others).
  async function waitingChild(): Promise<string> {
    const db = run.t.database.db;
    const council = await db.selectFrom('organisation').select('id').where('slug', '=', 'worcestershire').executeTakeFirstOrThrow();
    return (await db.selectFrom('child').select('id').where('placing_authority_id', '=', council.id)
      .where('stage', 'in', ['should-be-placed', 'placement-order', 'family-finding']).where('sibling_group_id', 'is', null).orderBy('la_child_ref', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  }

  it('a family finder\'s home page lists their waiting children with the households that fit', async () => {
    const page = await signedInPage(run, 'family-finder@worcestershire.example');
    await page.goto(`${run.baseUrl}/`);
    expect(await page.locator('#waiting-children').count()).toBe(1);
    await expectAccessibleAtBothWidths(page);
  });

  it('a family finder finds families for a waiting child, with a reason for every score, sorts them, and reads those left out', async () => {
    const page = await signedInPage(run, 'family-finder@worcestershire.example');
    await page.goto(`${run.baseUrl}/children/${await waitingChild()}`);
    await page.getByRole('link', { name: 'Find families' }).click();
    expect(await page.locator('h1').textContent()).toBe('Find families');
    await expectAccessibleAtBothWidths(page);
    await page.locator('.govuk-details__summary').first().click();
    expect(await page.locator('.govuk-details__text').first().textContent()).toMatch(/Needs within the household's tolerances/);
    await page.getByLabel('Sort by').selectOption('child-wait');
    await page.getByRole('button', { name: 'Show households' }).click();
    await expectAccessibleAtBothWidths(page);

    await page.getByRole('link', { name: /left out, with why/ }).click();
    expect(await page.locator('h1').textContent()).toBe('Households left out');
    await expectAccessibleAtBothWidths(page);
  });

  it('a family finder opens a link, moves it on, is told to give a reason to close it, and closes it', async () => {
    const page = await signedInPage(run, 'family-finder@worcestershire.example');
    await page.goto(`${run.baseUrl}/children/${await waitingChild()}/families`);
    await page.locator('form[action="/links"] button').first().click();
    await expect.poll(() => page.locator('.govuk-notification-banner').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('h1').textContent()).toContain(' and ');
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Shortlisted').check();
    await page.getByRole('button', { name: 'Save status' }).click();
    await expect.poll(async () => (await page.locator('.govuk-summary-list').first().textContent()) ?? '').toContain('Shortlisted');
    await page.getByRole('button', { name: 'Close the link' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select why the link closed');
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Why it closed').selectOption('adopters-declined');
    await page.getByRole('button', { name: 'Close the link' }).click();
    await expect.poll(async () => (await page.locator('.govuk-summary-list').first().textContent()) ?? '').toContain('Closed');
    await expectAccessibleAtBothWidths(page);
  });

  it('a family finder reads the adopter pool as a table', async () => {
    const page = await signedInPage(run, 'family-finder@worcestershire.example');
    await page.goto(`${run.baseUrl}/households/pool`);
    expect(await page.locator('#pool').count()).toBe(1);
    await expectAccessibleAtBothWidths(page);
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
    await expectAccessibleAtBothWidths(page);
  });
});
