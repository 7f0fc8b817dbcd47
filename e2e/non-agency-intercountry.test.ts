// Non-agency and inter-country adoptions in a browser. A social worker of the partnership records
// a partner's notice of intention, is refused an application to court made too soon after it (the
// error names the field and the dates), records it within the window, the court's request for a
// report and the report filed; the team manager records the order, closing the case. Then an
// inter-country enquiry is taken through its first steps. Each distinct page passes axe at 1280
// and 390 px; the forms are plain GOV.UK forms that work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('non-agency and inter-country adoptions in a browser', () => {
  it('walks a non-agency case from the notice to the order', async () => {
    const worker = await signedInPage(run, 'social-worker@west-mercia.example');
    await worker.goto(`${run.baseUrl}/non-agency-adoptions`);
    expect(await worker.locator('h1').textContent()).toBe('Non-agency adoptions');
    await expectAccessibleAtBothWidths(worker);

    await worker.getByRole('button', { name: 'Record a notice of intention' }).click();
    await worker.getByLabel('Council that received the notice').selectOption({ label: 'Shropshire' });
    await worker.getByLabel('First applicant\'s full name').fill('Dean Marsh');
    await worker.getByLabel('Partner of a parent', { exact: true }).check();
    await worker.getByLabel('Child\'s full name').fill('Poppy Hughes');
    await fillDate(worker, 'childDateOfBirth', '2017-06-14');
    await fillDate(worker, 'noticeReceivedOn', '2026-05-11');
    await fillDate(worker, 'residenceStartedOn', '2025-08-01');
    await expectAccessibleAtBothWidths(worker);
    await worker.getByRole('button', { name: 'Open the case' }).click();
    expect(await flash(worker)).toContain('The notice of intention has been recorded');
    expect(await worker.locator('#notice').textContent()).toContain('From 11 August 2026 to 11 May 2028');
    const caseUrl = worker.url();
    await expectAccessibleAtBothWidths(worker);

    // Too soon after the notice: refused, naming the field and the dates.
    await worker.getByRole('link', { name: 'Record application made' }).click();
    await fillDate(worker, 'appliedOn', '2026-08-03');
    await worker.getByLabel('Court', { exact: true }).fill('Family Court at Telford');
    await worker.getByRole('button', { name: 'Save the application' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('at least 3 months after the notice of intention (received 11 May 2026): on or after 11 August 2026, not 3 August 2026');
    await expectAccessibleAtBothWidths(worker);
    await fillDate(worker, 'appliedOn', '2026-08-20');
    await worker.getByRole('button', { name: 'Save the application' }).click();
    expect(await flash(worker)).toContain('The application to court has been recorded');

    await worker.getByRole('link', { name: 'Record report requested' }).click();
    await fillDate(worker, 'reportRequestedOn', '2026-09-01');
    await fillDate(worker, 'reportDueOn', '2026-11-30');
    await worker.getByRole('button', { name: 'Save the request' }).click();
    expect(await flash(worker)).toContain('request for a report has been recorded');
    expect(await worker.locator('#standing').textContent()).toContain('Court report due 30 November 2026');
    await worker.getByRole('link', { name: 'Record report filed' }).click();
    await fillDate(worker, 'reportFiledOn', '2026-11-16');
    await worker.getByRole('button', { name: 'Save' }).click();
    expect(await flash(worker)).toContain('recorded as filed');
    // The outcome is the team manager's to record.
    expect(await worker.getByRole('button', { name: 'Record the outcome' }).count()).toBe(0);

    const manager = await signedInPage(run, 'team-manager@west-mercia.example');
    await manager.goto(caseUrl);
    await manager.getByRole('button', { name: 'Record the outcome' }).click();
    await manager.getByLabel('Adoption order made').check();
    await fillDate(manager, 'outcomeOn', '2026-11-20');
    await expectAccessibleAtBothWidths(manager);
    await manager.getByRole('button', { name: 'Record the outcome and close the case' }).click();
    expect(await flash(manager)).toContain('The outcome has been recorded and the case closed');
    expect(await manager.locator('#outcome').textContent()).toContain('Adoption order made on 20 November 2026');
    expect(await manager.getByRole('link', { name: /^Change/ }).count()).toBe(0);
    await expectAccessibleAtBothWidths(manager);
  }, 240_000);

  it('takes an inter-country enquiry through its first steps', async () => {
    const worker = await signedInPage(run, 'social-worker@west-mercia.example');
    await worker.goto(`${run.baseUrl}/non-agency-adoptions`);
    await worker.getByRole('link', { name: 'Inter-country adoptions' }).click();
    expect(await worker.locator('h1').textContent()).toBe('Inter-country adoptions');
    await expectAccessibleAtBothWidths(worker);
    await worker.getByRole('button', { name: 'Record an enquiry' }).click();
    await worker.getByLabel('Council whose agency assesses the applicants').selectOption({ label: 'Telford and Wrekin' });
    await worker.getByLabel('First applicant\'s full name').fill('Hannah Lowe');
    await worker.getByLabel('Child\'s country').fill('Colombia');
    await worker.getByLabel('Yes', { exact: true }).check();
    await fillDate(worker, 'enquiryOn', '2026-06-01');
    await worker.getByRole('button', { name: 'Open the case' }).click();
    expect(await flash(worker)).toContain('The enquiry has been recorded');
    await expectAccessibleAtBothWidths(worker);

    await worker.getByRole('link', { name: 'Record assessment commissioned' }).click();
    await worker.getByLabel('Commissioned from').fill('Intercountry Adoption Centre');
    await fillDate(worker, 'assessmentCommissionedOn', '2026-05-20');
    await worker.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('cannot be before the date of the enquiry (1 June 2026)');
    await expectAccessibleAtBothWidths(worker);
    await fillDate(worker, 'assessmentCommissionedOn', '2026-06-20');
    await worker.getByRole('button', { name: 'Save' }).click();
    expect(await flash(worker)).toContain('recorded as commissioned');
    await worker.getByRole('link', { name: 'Record assessment completed' }).click();
    await fillDate(worker, 'assessmentCompletedOn', '2026-11-02');
    await worker.getByRole('button', { name: 'Save' }).click();
    expect(await flash(worker)).toContain('recorded as completed');
    expect(await worker.locator('#standing').textContent()).toContain('next: panel recommendation');
    await expectAccessibleAtBothWidths(worker);
  }, 240_000);
});
