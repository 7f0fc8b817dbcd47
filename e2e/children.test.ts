import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, accessibilityViolations, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let page: Page;

beforeAll(async () => {
  run = await startBrowserRun();
  page = await (await run.browser.newContext()).newPage();
});
afterAll(() => run?.close());

const signIn = (p: Page, email: string) => signedInPage(run, email, p);

async function fillDate(p: Page, field: string, day: string, month: string, year: string) {
  await p.locator(`#${field}-day`).fill(day);
  await p.locator(`#${field}-month`).fill(month);
  await p.locator(`#${field}-year`).fill(year);
}

async function recordMilestone(p: Page, type: string, day: string, month: string, year: string) {
  await p.getByRole('button', { name: 'Record a milestone' }).click();
  await p.waitForURL(/\/milestones\/new$/);
  await p.getByLabel(type, { exact: true }).check();
  await fillDate(p, 'date', day, month, year);
  await p.getByRole('button', { name: 'Record milestone' }).click();
}

// One person's session through the pages, step by step; every page visited passes axe.
describe('children in a browser, as a Herefordshire social worker', () => {
  let childUrl = '';

  it('opens the list of children', async () => {
    await signIn(page, 'social-worker@herefordshire.example');

    await page.getByRole('link', { name: 'Children', exact: true }).click();
    await page.waitForURL(`${run.baseUrl}/children`);
    expect(await page.locator('h1').textContent()).toBe('Children');
    expect(await page.locator('#results').textContent()).toMatch(/^\d+ child(ren)?$/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('registers a child: an empty form names each missing field, linked to the field', async () => {
    await page.getByRole('button', { name: 'Register a child' }).click();
    await page.waitForURL(`${run.baseUrl}/children/new`);
    expect(await page.locator('#placingAuthority').inputValue()).toBe('E06000019');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Register the child' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.getByRole('link', { name: 'Enter the first name' }).getAttribute('href')).toBe('#firstName');
    expect(await summary.getByRole('link', { name: 'Enter the date of birth' }).getAttribute('href')).toBe('#dateOfBirth-day');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('First name').fill('Poppy');
    await page.getByLabel('Last name').fill('Browsertest');
    await fillDate(page, 'dateOfBirth', '14', '3', '2022');
    await page.getByLabel('Female').check();
    await page.getByLabel('Ethnicity').selectOption('MWBC');
    await fillDate(page, 'enteredCare', '10', '1', '2024');
    await page.getByLabel('Legal status (optional)').selectOption('C2');
    await page.getByRole('button', { name: 'Register the child' }).click();

    // The child's page.
    await page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    childUrl = page.url();
    expect(await page.locator('h1').textContent()).toBe('Poppy Browsertest');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Poppy Browsertest has been registered');
    expect(await page.locator('#stage').textContent()).toBe('In care');
    expect(await page.locator('#factors').textContent()).toContain('Black or minority ethnic background');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('records milestones in order, and is stopped out of order by an error naming both dates', async () => {
    await recordMilestone(page, 'Adoption plan agreed at review', '1', '3', '2024');
    await page.waitForURL(childUrl);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The milestone has been recorded');
    await recordMilestone(page, 'Decision: should be placed for adoption (ADM)', '15', '4', '2024');
    await page.waitForURL(childUrl);
    expect(await page.locator('#stage').textContent()).toBe('Should be placed for adoption');

    // One out of order is refused, naming both dates (and nothing is recorded: see the timeline next).
    await recordMilestone(page, 'Placement order or consent', '1', '4', '2024');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    const error = page.locator('.govuk-error-summary a');
    expect(await error.textContent()).toContain('1 April 2024');
    expect(await error.textContent()).toContain('15 April 2024');
    expect(await error.getAttribute('href')).toBe('#date-day');
    expect(await page.locator('#date-error').textContent()).toContain('15 April 2024');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('sees the timeline newest first and the timeliness clocks, and the other forms pass axe', async () => {
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(childUrl);
    const titles = await page.locator('#timeline .moj-timeline__title').allTextContents();
    // The child's story: milestones and the care episode they entered care with (case notes and documents join it).
    expect(titles.map((t) => t.trim())).toEqual(['Decision: should be placed for adoption (ADM)', 'Adoption plan agreed at review', 'Care episode began']);
    expect(await page.locator('#timeline .moj-timeline__date').first().textContent()).toContain('15 April 2024');
    expect(await page.locator('tr[data-measure="A1"]').textContent()).toContain('10 January 2024');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The other forms of the child's page pass axe too.
    await page.getByRole('link', { name: 'Change details' }).click();
    expect(await page.locator('#firstName').inputValue()).toBe('Poppy');
    expect(await page.locator('#dateOfBirth-year').inputValue()).toBe('2022');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${childUrl}/episodes/new`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${childUrl}/waiting`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Legal delay', { exact: true }).check();
    await page.getByRole('button', { name: 'Save reasons' }).click();
    await page.waitForURL(childUrl);
    expect(await page.locator('#waiting ~ ul').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Legal delay')]));
  });

  it('finds the child among the children who wait longer; a bad filter is an error on the page', async () => {
    await page.goto(`${run.baseUrl}/children`);
    await page.getByRole('link', { name: 'Children who wait longer' }).click();
    await page.waitForURL(`${run.baseUrl}/children?factor=any`);
    expect(await page.locator('#factor').inputValue()).toBe('any');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Name or reference').fill('Browsertest');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=Browsertest/);
    expect(await page.locator('#results').textContent()).toBe('1 child');
    const row = page.locator('#children tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Should be placed for adoption');
    expect(await row.getByRole('link').textContent()).toBe('Poppy Browsertest');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/children?stage=nonsense`);
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#stage');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
