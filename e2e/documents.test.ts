// Documents on a child in a browser: the list, an upload refused and then accepted, a new
// version; every page passes axe at 1280 and 390 px. The forms are plain multipart forms (the
// file input is not enhanced), so they work without JavaScript too.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import * as children from '../src/children/service.ts';
import { pdf, png } from '../src/casework/documents-fixtures.ts';
import { testScannerSocket } from '../src/core/testing/scanner.ts';
import { startTestApp } from '../src/core/testing/app.ts';
import { contextOf } from '../src/core/testing/context.ts';
import { CHROMIUM_ARGS } from '../src/core/testing/global-setup.ts';
import type { TestApp } from '../src/core/testing/app.ts';
import { signedInPage, type BrowserRun, expectAccessibleAtBothWidths } from './browser.ts';

let run: BrowserRun;
let t: TestApp;
let page: Page;
let childId: string;

beforeAll(async () => {
  testScannerSocket();
  t = await startTestApp();
  childId = await children.create(t.database.db, await contextOf(t.database.db, 'social-worker@herefordshire.example'), { firstName: 'Ffion', lastName: 'Browsertest', dateOfBirth: '2021-01-01', sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019', enteredCare: '2023-01-01' });
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = inject('merciaBrowserEndpoint');
  const browser: Browser = endpoint ? await chromium.connect(endpoint) : await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  run = { t, browser, baseUrl, close: async () => { await browser.close(); await t.close(); } };
  page = await (await browser.newContext()).newPage();
});
afterAll(() => run?.close());

describe('documents in a browser, as a Herefordshire social worker', () => {
  it('uploads to a child, is told what is wrong, adds a version, and every page passes axe', async () => {
    await signedInPage(run, 'social-worker@herefordshire.example', page);
    await page.goto(`${run.baseUrl}/children/${childId}/documents`);
    expect(await page.locator('h1').textContent()).toBe('Documents');
    await expectAccessibleAtBothWidths(page);

    // A PNG named as a PDF, and no category.
    await page.setInputFiles('#file', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: png() });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForLoadState();
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select the document\'s category');
    expect(summary).toContain('scan.pdf is named as a .pdf file but its content is a PNG image');
    await expectAccessibleAtBothWidths(page);

    await page.getByLabel('Category').selectOption('cpr');
    await page.getByLabel('Title (optional)').fill('CPR');
    await page.setInputFiles('#file', { name: 'cpr.pdf', mimeType: 'application/pdf', buffer: pdf('CPR') });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(`${run.baseUrl}/children/${childId}/documents`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('CPR was uploaded');
    expect(await page.locator('table').textContent()).toContain('cpr.pdf');
    await expectAccessibleAtBothWidths(page);

    await page.getByRole('link', { name: 'Add a version of CPR' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]+\/versions$/);
    await expectAccessibleAtBothWidths(page);
    await page.setInputFiles('#file', { name: 'cpr v2.pdf', mimeType: 'application/pdf', buffer: pdf('CPR v2') });
    await page.getByRole('button', { name: 'Upload version' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]+\/versions$/);
    expect(await page.locator('table').textContent()).toContain('cpr v2.pdf');
    await expectAccessibleAtBothWidths(page);

    await page.goto(`${run.baseUrl}/children/${childId}/documents`);
    expect(await page.getByText('Earlier versions (1)').count()).toBe(1);
    await expectAccessibleAtBothWidths(page);
  });
});
