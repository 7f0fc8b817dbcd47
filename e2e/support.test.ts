// Support after adoption in a browser: a support worker of the partnership opens a case for an
// adopted child from the family's request, starts and completes an assessment of needs, is refused
// a fund application over the year's limit (the error names the limit and what is committed) and
// makes one within it. Each distinct page passes axe at 1280 and 390 px; the forms are plain
// GOV.UK forms that work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportFixtures } from '../src/support/testing.ts';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let f: SupportFixtures;

beforeAll(async () => {
  run = await startBrowserRun();
  f = new SupportFixtures(run.t.database.db);
});
afterAll(() => run?.close());

describe('support after adoption in a browser', () => {
  it('opens a case from a request, assesses needs and applies to the fund within its limit', async () => {
    const child = await f.child('herefordshire', '2025-03-03');
    const worker = await signedInPage(run, 'support-worker@west-mercia.example');
    await worker.goto(`${run.baseUrl}/support`);
    expect(await worker.locator('h1').textContent()).toBe('Support after adoption');
    await expectAccessibleAtBothWidths(worker);

    await worker.getByRole('button', { name: 'Open a support case' }).click();
    await worker.getByLabel('Child', { exact: true }).selectOption(child.id);
    await worker.getByLabel('Council where the family lives').selectOption({ label: 'Worcestershire' });
    await fillDate(worker, 'receivedOn', '2026-10-01');
    await worker.getByLabel('Who asked').fill('Adoptive parent');
    await worker.getByLabel('What for').fill('Help with the child\'s behaviour at home');
    await worker.getByRole('button', { name: 'Open the case' }).click();
    expect(await flash(worker)).toContain('The support case has been opened');
    expect(await worker.locator('#summary').textContent()).toContain('Herefordshire until 3 March 2028, then Worcestershire');
    const caseUrl = worker.url();

    await worker.getByRole('button', { name: 'Start an assessment' }).click();
    await expectAccessibleAtBothWidths(worker);
    await fillDate(worker, 'startedOn', '2026-10-05');
    await worker.getByRole('button', { name: 'Start the assessment' }).click();
    expect(await flash(worker)).toContain('The assessment has been started');
    await worker.getByRole('link', { name: /record the outcome/ }).click();
    await fillDate(worker, 'completedOn', '2026-11-02');
    await worker.getByLabel('Support offered').check();
    await worker.getByLabel('Summary').fill('Therapy agreed with the family.');
    await worker.getByRole('button', { name: 'Record the outcome' }).click();
    expect(await flash(worker)).toContain('outcome of the assessment has been recorded');

    // £3,100 is over the £3,000 a child may have from the fund in 2026 to 2027.
    await worker.getByRole('button', { name: 'Apply to the fund' }).click();
    await worker.getByLabel('Assessment of needs it follows').selectOption({ index: 1 });
    await worker.getByLabel('Therapy', { exact: true }).check();
    await worker.getByLabel('Type of therapy or assessment').fill('Theraplay');
    await worker.getByLabel('Provider').fill('Malvern Family Therapies');
    await worker.getByLabel('Amount').fill('3100');
    await worker.getByLabel('Financial year').selectOption('2026');
    await fillDate(worker, 'endsOn', '2027-03-01');
    await fillDate(worker, 'appliedOn', '2026-11-20');
    await worker.getByRole('button', { name: 'Save the application' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('over the fair access limit (assessments included) of £3,000 per child in 2026 to 2027: £0 is already committed');
    await expectAccessibleAtBothWidths(worker);
    await worker.getByLabel('Amount').fill('2800');
    await worker.getByRole('button', { name: 'Save the application' }).click();
    expect(await flash(worker)).toContain('The application has been saved');
    expect(worker.url()).toBe(caseUrl);
    expect(await worker.locator('#applications').textContent()).toContain('£2,800');
    expect(await worker.locator('#timeline').textContent()).toContain('Applied to the Adoption Support Fund');
    await expectAccessibleAtBothWidths(worker);
  }, 240_000);
});
