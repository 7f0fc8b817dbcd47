import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertHousehold } from '../src/adopters/store.ts';
import { type BrowserRun, accessibilityViolations, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let page: Page;

beforeAll(async () => {
  run = await startBrowserRun();
  page = await (await run.browser.newContext()).newPage();
});
afterAll(() => run?.close());

describe('training in a browser', () => {
  it('a partnership training coordinator finds a session, books a household, and every page passes axe', async () => {
    const db = run.t.database.db;
    const westMercia = (await db.selectFrom('organisation').select('id').where('slug', '=', 'west-mercia').executeTakeFirstOrThrow()).id;
    await insertHousehold(db, { ownerId: westMercia, homeCouncilId: null, reference: 'E2E0001', applicants: [{ firstName: 'Elin', lastName: 'Browser' }] });

    await signedInPage(run, 'training-coordinator@west-mercia.example', page);

    await page.goto(`${run.baseUrl}/training`);
    expect(await page.locator('h1').textContent()).toContain('Training');
    expect(await page.locator('#sessions tbody tr').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Course').selectOption('preparation');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('kind=preparation');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator('#sessions tbody tr a').first().click();
    await page.waitForURL(/\/training\/sessions\//);
    expect(await page.locator('#details').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Book a household' }).click();
    await page.waitForURL(/\/book$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Household reference').fill('E2E0001');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.waitForURL(/\/training\/sessions\/[0-9a-f-]+$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toMatch(/E2E0001 (has a place|is number \d+ on the waiting list)/);
    expect(await page.locator('main').textContent()).toContain('Elin Browser');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A past session, with its attendance form.
    const past = await db.selectFrom('training_session as s').innerJoin('training_booking as b', 'b.session_id', 's.id')
      .select('s.id').where('s.session_date', '<', '2026-11-23').where('b.status', '=', 'booked').limit(1).executeTakeFirstOrThrow();
    await page.goto(`${run.baseUrl}/training/sessions/${past.id}`);
    expect(await page.getByRole('button', { name: 'Record attendance' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/training/courses`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#courses tbody tr a').first().click();
    await page.waitForURL(/\/training\/courses\/[0-9a-f-]+$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add a session' }).click();
    await page.getByRole('button', { name: 'Add the session' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/training/courses/new`);
    await page.getByRole('button', { name: 'Add the course' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
