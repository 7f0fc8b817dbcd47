import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, accessibilityViolations, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

const signedIn = (email: string): Promise<Page> => signedInPage(run, email);

describe('adopter households in a browser', () => {
  it('a partnership social worker creates a fast-track household, records Stage 2 and a check, and every page passes axe', async () => {
    const page = await signedIn('social-worker@west-mercia.example');
    await page.goto(`${run.baseUrl}/households`);
    expect(await page.locator('h1').textContent()).toContain('Adopter households');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New household' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create the household' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Single applicant').check();
    await page.getByLabel('Foster carer').check();
    await page.locator('#a1-firstName').fill('Mo');
    await page.locator('#a1-lastName').fill('Browsertest');
    await page.locator('#a1-dateOfBirth-day').fill('3');
    await page.locator('#a1-dateOfBirth-month').fill('4');
    await page.locator('#a1-dateOfBirth-year').fill('1981');
    await page.locator('#a1-sex').selectOption('F');
    await page.locator('#a1-ethnicity').selectOption('WBRI');
    await page.getByRole('button', { name: 'Create the household' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Mo Browsertest');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Record a stage event' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Notice to proceed to Stage 2' }).click();
    await page.getByLabel('Day').fill('2');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('2026');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => page.locator('#stage').textContent()).toContain('Stage 2');

    await page.getByRole('button', { name: 'Record a check' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Enhanced DBS check').check();
    await page.getByLabel('Who or what is checked').fill('Mo Browsertest');
    await page.locator('#requestedOn-day').fill('3');
    await page.locator('#requestedOn-month').fill('11');
    await page.locator('#requestedOn-year').fill('2026');
    await page.getByRole('button', { name: 'Save check' }).click();
    await expect.poll(() => page.locator('[data-check="dbs"]').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Set the approval terms' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Add a member of the household' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);

    // A demo household well on in its journey, with its timeline.
    await page.goto(`${run.baseUrl}/households?status=placed`);
    await page.locator('#households a').first().click();
    await expect.poll(() => page.locator('#timeline').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('a member council\'s family finder searches the pool, and the page passes axe', async () => {
    const page = await signedIn('family-finder@herefordshire.example');
    await page.goto(`${run.baseUrl}/households/pool`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Child\'s age (years)').fill('2');
    await page.getByRole('button', { name: 'Search the pool' }).click();
    await expect.poll(() => page.locator('#results').textContent()).toContain('available');
    expect(await page.locator('#pool tbody tr').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
