// Birth family support in a browser: a support worker of the partnership opens a case for a birth
// grandmother whose grandchild has no record in Mercia, records an offer and her answer and a
// session, is refused closing before the last session (the error names the field), closes the case,
// is refused a session on the closed case, and reopens it with a reason. Each distinct page passes
// axe at 1280 and 390 px; the forms are plain GOV.UK forms that work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;

beforeAll(async () => {
  run = await startBrowserRun();
});
afterAll(() => run?.close());

describe('birth family support in a browser', () => {
  it('opens a case from a referral, offers support, records a session, closes and reopens it', async () => {
    const worker = await signedInPage(run, 'support-worker@west-mercia.example');
    await worker.goto(`${run.baseUrl}/birth-family-support`);
    expect(await worker.locator('h1').textContent()).toBe('Birth family support');
    await expectAccessibleAtBothWidths(worker);

    await worker.getByRole('button', { name: 'Open a case' }).click();
    await expectAccessibleAtBothWidths(worker);
    await worker.getByLabel('Given name').fill('Julie');
    await worker.getByLabel('Family name').fill('Browser-Journey');
    await worker.getByLabel('Grandparent').check();
    await worker.getByLabel('Child\'s first name').fill('Kai');
    await worker.getByLabel('Child\'s year of birth (optional)').fill('2022');
    await worker.getByLabel('Child\'s placing council').selectOption({ label: 'Herefordshire' });
    await fillDate(worker, 'receivedOn', '2026-10-01');
    await worker.getByLabel('Self-referral').check();
    await worker.getByLabel('Reason for the referral').fill('Wants help writing to her grandson.');
    await worker.getByLabel('Yes', { exact: true }).check();
    await worker.getByRole('button', { name: 'Open the case' }).click();
    expect(await flash(worker)).toContain('The birth family support case has been opened');
    expect(await worker.locator('#summary').textContent()).toContain('Kai, born 2022');
    const caseUrl = worker.url();

    await worker.getByRole('button', { name: 'Record an offer' }).click();
    await fillDate(worker, 'madeOn', '2026-10-05');
    await worker.getByLabel('Help with letterbox contact').check();
    await worker.getByRole('button', { name: 'Record the offer' }).click();
    expect(await flash(worker)).toContain('The offer has been recorded');
    await worker.getByRole('link', { name: /Record the answer/ }).click();
    await expectAccessibleAtBothWidths(worker);
    await worker.getByLabel('Accepted').check();
    await fillDate(worker, 'answeredOn', '2026-10-09');
    await worker.getByRole('button', { name: 'Record the answer' }).click();
    expect(await flash(worker)).toContain('The answer has been recorded');

    await worker.getByRole('button', { name: 'Record a session' }).click();
    await fillDate(worker, 'heldOn', '2026-10-20');
    await worker.getByLabel('Letter-writing help').check();
    await worker.getByLabel('Length in minutes').fill('60');
    await worker.getByLabel('Short note').fill('Wrote this year\'s letter together.');
    await worker.getByRole('button', { name: 'Record the session' }).click();
    expect(await flash(worker)).toContain('The session has been recorded');
    expect(await worker.locator('#sessions').textContent()).toContain('Letter-writing help, 60 minutes');
    await expectAccessibleAtBothWidths(worker);

    // Closing before the last session is refused, naming the field.
    await worker.getByRole('button', { name: 'Close the case' }).click();
    await fillDate(worker, 'closedOn', '2026-10-15');
    await worker.getByLabel('Support completed').check();
    await worker.getByLabel('Summary').fill('The letter is written and sent.');
    await worker.getByRole('button', { name: 'Close the case' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('The date closed cannot be before the last session (20 October 2026)');
    await expectAccessibleAtBothWidths(worker);
    await fillDate(worker, 'closedOn', '2026-11-02');
    await worker.getByRole('button', { name: 'Close the case' }).click();
    expect(await flash(worker)).toContain('The case has been closed');
    expect(worker.url()).toBe(caseUrl);
    expect(await worker.locator('#closed').textContent()).toContain('closed on 2 November 2026: support completed');

    // A closed case takes no session: the form says why, and nothing is saved.
    await worker.goto(`${caseUrl}/sessions/new`);
    await fillDate(worker, 'heldOn', '2026-11-20');
    await worker.getByLabel('Phone').check();
    await worker.getByLabel('Length in minutes').fill('15');
    await worker.getByLabel('Short note').fill('Called.');
    await worker.getByRole('button', { name: 'Record the session' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('This case was closed on 2 November 2026: reopen it to record a session');

    await worker.goto(caseUrl);
    await worker.getByRole('button', { name: 'Reopen the case' }).click();
    await fillDate(worker, 'reopenedOn', '2026-11-20');
    await worker.getByLabel('Reason for reopening').fill('Asked for help with a birthday card.');
    await worker.getByRole('button', { name: 'Reopen the case' }).click();
    expect(await flash(worker)).toContain('The case has been reopened');
    expect(await worker.locator('#timeline').textContent()).toContain('Reopened');
    expect(await worker.locator('#sessions').textContent()).not.toContain('Called.');
    await expectAccessibleAtBothWidths(worker);
  }, 240_000);
});
