import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_NAMES, parseCollectionYear } from '../src/interop/ssda903/model.ts';
import { writeSyntheticReturn } from '../src/interop/ssda903/synthetic.ts';
import { type BrowserRun, accessibilityViolations, watchedPage, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let page: Page;
let cspErrors: string[];
let work: string;

beforeAll(async () => {
  run = await startBrowserRun();
  ({ page, cspErrors } = await watchedPage(run));
  work = await mkdtemp(join(tmpdir(), 'mercia-903-e2e-'));
  await writeSyntheticReturn(join(work, 'good'), { children: 120, year: parseCollectionYear('2025/26')!, firstChildId: 700001 });
});
afterAll(async () => {
  await run?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function files(dir: string) {
  return (await readdir(dir)).sort().map((name) => join(dir, name));
}

async function waitForRun(p: Page) {
  await p.waitForURL(/\/returns\/runs\/[0-9a-f-]+$/);
  // The page polls its progress and reloads when the run is done.
  await expect.poll(async () => p.locator('[data-poll-url]').count(), { timeout: 60_000 }).toBe(0);
}

describe('SSDA903 returns in a browser', () => {
  it('a council analyst sees findings by rule, fixes the files, imports them, and every page passes axe', async () => {
    await signedInPage(run, 'analyst@herefordshire.example', page);
    await page.goto(`${run.baseUrl}/returns`);
    expect(await page.locator('h1').textContent()).toContain('SSDA903 returns');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Upload a return' }).click();
    await page.waitForURL(/\/returns\/upload$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the return\'s files');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A broken copy: an ISO date in the episodes and an unknown legal status.
    const broken = join(work, 'broken');
    await mkdir(broken);
    for (const f of await files(join(work, 'good'))) {
      let text = await readFile(f, 'utf8');
      if (f.endsWith(FILE_NAMES.Episodes)) text = text.replace(/\n(\d+),(\d\d)\/(\d\d)\/(\d{4}),/, '\n$1,$4-$3-$2,').replace(/,(C1|C2|V2),/, ',Q9,');
      await writeFile(join(broken, f.split('/').pop()!), text);
    }
    await page.getByLabel('Collection year').selectOption('2025/26');
    await page.setInputFiles('#files', await files(broken));
    await page.getByLabel('Check the return and import it if it has no errors').check();
    await page.getByRole('button', { name: 'Upload' }).click();
    await waitForRun(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Not imported');
    const rules = await page.locator('table').first().textContent();
    expect(rules).toContain('144');
    expect(await page.getByRole('link', { name: 'Download the findings (CSV)' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/returns/upload`);
    await page.getByLabel('Collection year').selectOption('2025/26');
    await page.setInputFiles('#files', await files(join(work, 'good')));
    await page.getByLabel('Check the return and import it if it has no errors').check();
    await page.getByRole('button', { name: 'Upload' }).click();
    await waitForRun(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('120 children added');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/children?q=700001`);
    expect(await page.locator('main').textContent()).toContain('700001');

    await page.goto(`${run.baseUrl}/children/scorecard`);
    expect(await page.locator('h1').textContent()).toContain('Adoption scorecard');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/returns/export?year=2025%2F26`);
    expect(await page.getByRole('link', { name: /Header/ }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${run.baseUrl}/returns`);
    expect(await page.locator('table tbody tr').count()).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
  }, 180_000);
});
