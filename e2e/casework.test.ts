// Case notes, the chronology and letters in a browser: a social worker writes a visit note on a
// child (refused first, then saved), reads it in the child's story and the chronology, and a
// partnership worker makes a Stage 1 letter for a household. Every page passes axe at 1280 and
// 390 px; the forms are plain GOV.UK forms, so they work without JavaScript too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, signedInPage, startBrowserRun, expectAccessibleAtBothWidths } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('casework in a browser', () => {
  it('a Herefordshire social worker records a visit on a child and finds it in the child\'s story', async () => {
    const db = run.t.database.db;
    const herefordshire = await db.selectFrom('organisation').select('id').where('slug', '=', 'herefordshire').executeTakeFirstOrThrow();
    const child = await db.selectFrom('child').select('id').where('placing_authority_id', '=', herefordshire.id).where('stage', '=', 'placed').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const page = await signedInPage(run, 'social-worker@herefordshire.example');
    await page.goto(`${run.baseUrl}/children/${child.id}`);
    await page.getByRole('link', { name: 'Case notes' }).click();
    expect(await page.locator('h1').textContent()).toBe('Case notes');
    await expectAccessibleAtBothWidths(page);

    await page.getByRole('button', { name: 'Add a case note' }).click();
    await expectAccessibleAtBothWidths(page);
    await page.locator('#time').fill('25:70');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select what kind of note this is');
    expect(summary).toContain('Enter the note');
    expect(summary).toContain('24-hour time');
    await expectAccessibleAtBothWidths(page);

    await page.getByLabel('Visit').check();
    // The form offers today and now; a visit earlier in the week is entered as such.
    await page.locator('#date-day').fill('20');
    await page.locator('#date-month').fill('11');
    await page.locator('#date-year').fill('2026');
    await page.locator('#time').fill('10:15');
    await page.getByLabel('Note').fill('Visited at home. Laughing, and showed me the garden.');
    // The refused form was shown at the same address the saved note goes back to: wait for the banner.
    await page.getByRole('button', { name: 'Save the note' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The note has been added');
    expect(await page.locator('.govuk-summary-card').first().textContent()).toContain('Visited at home. Laughing, and showed me the garden.');

    await page.goto(`${run.baseUrl}/children/${child.id}`);
    expect(await page.locator('#timeline').textContent()).toContain('Visited at home. Laughing');
    await page.getByRole('link', { name: 'Full chronology, to filter, print or download' }).click();
    expect(await page.locator('h1').textContent()).toBe('Chronology');
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Case notes').check();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/kind=note/);
    const titles = await page.locator('.moj-timeline__title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.trim().startsWith('Visit') || /^(Phone call|Meeting|Supervision|Management oversight|Other)/.test(t.trim()))).toBe(true);
    await expectAccessibleAtBothWidths(page);
  });

  it('a partnership social worker makes a Stage 1 decision letter for a household', async () => {
    const db = run.t.database.db;
    const partnership = await db.selectFrom('organisation').select('id').where('slug', '=', 'west-mercia').executeTakeFirstOrThrow();
    const household = await db.selectFrom('household').select('id').where('owner_id', '=', partnership.id).where('stage1_decided_on', 'is not', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const page = await signedInPage(run, 'social-worker@west-mercia.example');
    await page.goto(`${run.baseUrl}/households/${household.id}/letters/new`);
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Stage 1 decision: go on to Stage 2').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('h1').textContent()).toBe('Stage 1 decision: go on to Stage 2');
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('button', { name: 'Make the letter' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter address');
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Address').fill('1 Example Street\nHereford\nHR1 1AA');
    await page.getByRole('button', { name: 'Make the letter' }).click();
    await page.waitForURL(`${run.baseUrl}/households/${household.id}/documents`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been made and kept with the documents');
    expect(await page.locator('main').textContent()).toContain('Stage 1 decision: go on to Stage 2');
  });
});
