// Services to adopted adults in a browser: the partnership's support worker records a request
// from someone adopted in 1968 for their birth records information, sees on its page that it is a
// pre-commencement adoption and that counselling is required (with the reasons), is refused
// recording the disclosure before counselling (the error summary names the step), records the
// counselling, then the disclosure, and closes the request. Each distinct page passes axe at 1280
// and 390 px; the forms are plain GOV.UK forms that work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdoptedAdultFixtures } from '../src/adopted-adults/testing.ts';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let f: AdoptedAdultFixtures;

beforeAll(async () => {
  run = await startBrowserRun();
  f = new AdoptedAdultFixtures(run.t.database.db);
});
afterAll(() => run?.close());

describe('adopted adults in a browser', () => {
  it('records a birth records request, refuses disclosure before counselling, then counsels, discloses and closes', async () => {
    const names = f.names();
    const worker = await signedInPage(run, 'support-worker@west-mercia.example');
    await worker.goto(`${run.baseUrl}/adopted-adults`);
    expect(await worker.locator('h1').textContent()).toBe('Adopted adults and their relatives');
    await expectAccessibleAtBothWidths(worker);

    await worker.getByRole('button', { name: 'Record a new request' }).click();
    await worker.getByLabel('Council that holds the adoption record').selectOption({ label: 'Herefordshire' });
    await worker.getByLabel('Access to birth records information').check();
    await fillDate(worker, 'receivedOn', '2026-10-05');
    await worker.getByLabel('Applicant\'s given name').fill(names.given);
    await worker.getByLabel('Applicant\'s family name').fill(names.family);
    await fillDate(worker, 'applicantDateOfBirth', '1967-05-09');
    await worker.getByLabel('The adopted person', { exact: true }).check();
    await worker.getByLabel('Adopted person\'s name at birth').fill(names.birthName);
    await worker.getByLabel('Adopted person\'s adoptive name').fill(names.adoptiveName);
    await fillDate(worker, 'adoptedDateOfBirth', '1967-05-09');
    await fillDate(worker, 'orderOn', '1968-03-14');
    await worker.getByLabel('The day of the adoption order is known exactly').check();
    await expectAccessibleAtBothWidths(worker);
    await worker.getByRole('button', { name: 'Record the request' }).click();
    expect(await flash(worker)).toContain('The request has been recorded');
    expect(await worker.locator('#adoption').textContent()).toContain('Pre-commencement adoption');
    expect(await worker.locator('#adoption').textContent()).toContain('counselling is required before birth records information is given');
    await expectAccessibleAtBothWidths(worker);

    await worker.getByRole('button', { name: 'Record a step' }).click();
    await worker.getByLabel('Information disclosed to the applicant').check();
    await fillDate(worker, 'on', '2026-11-02');
    await worker.getByRole('button', { name: 'Record the step' }).click();
    await expect.poll(() => worker.locator('.govuk-error-summary').count()).toBe(1);
    expect(await worker.locator('.govuk-error-summary').textContent()).toContain('record a counselling session');
    await expectAccessibleAtBothWidths(worker);
    await worker.getByRole('link', { name: 'Cancel' }).click();

    await worker.getByRole('button', { name: 'Record counselling' }).click();
    await fillDate(worker, 'heldOn', '2026-10-20');
    await worker.getByLabel('The General Register Office\'s counsellor').check();
    await worker.getByLabel('Length of the session in minutes (optional)').fill('90');
    await worker.getByRole('button', { name: 'Record the counselling' }).click();
    expect(await flash(worker)).toContain('The counselling has been recorded');

    await worker.getByRole('button', { name: 'Record a step' }).click();
    await worker.getByLabel('Information disclosed to the applicant').check();
    await fillDate(worker, 'on', '2026-11-02');
    await worker.getByRole('button', { name: 'Record the step' }).click();
    expect(await flash(worker)).toContain('The step has been recorded');
    expect(await worker.locator('#steps').textContent()).toContain('Information disclosed to the applicant');

    await worker.getByRole('button', { name: 'Close the request' }).click();
    await expectAccessibleAtBothWidths(worker);
    await worker.getByLabel('Information disclosed', { exact: true }).check();
    await fillDate(worker, 'closedOn', '2026-11-02');
    await worker.getByRole('button', { name: 'Close the request' }).click();
    expect(await flash(worker)).toContain('The request has been closed');
    expect(await worker.locator('#request').textContent()).toContain('Closed 2 November 2026: Information disclosed');
    expect(await worker.getByRole('button', { name: 'Record a step' }).count()).toBe(0);
    await expectAccessibleAtBothWidths(worker);
  }, 240_000);
});
