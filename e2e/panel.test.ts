// The adoption panel in a browser: the partnership's panel adviser sets up a panel, arranges a
// meeting, puts a household's approval and a relinquished child's SHOBPA on the agenda, chooses
// the papers, is refused a recommendation while the meeting is not quorate (the error names what
// it lacks), records the recommendations and makes the minutes final; a panel member reads the
// meeting's papers; the council's decision maker finds the decision in the queue with its
// working-day deadline and records it; the partnership's decision maker prints a letter. Every
// page passes axe at 1280 and 390 px; the forms are plain GOV.UK forms that work without JavaScript.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as items from '../src/panel/items-store.ts';
import { PanelFixtures } from '../src/panel/testing.ts';
import { type BrowserRun, expectAccessibleAtBothWidths, fillDate, flash, signedInPage, startBrowserRun } from './browser.ts';

let run: BrowserRun;
let f: PanelFixtures;

beforeAll(async () => {
  run = await startBrowserRun();
  f = new PanelFixtures(run.t.database.db);
});
afterAll(() => run?.close());

/** Tick exactly these members as present (by the start of their names) and record attendance. */
async function attendance(page: Page, present: readonly string[]) {
  for (const box of await page.locator('input[name="present"]').all()) {
    const label = (await page.locator(`label[for="${await box.getAttribute('id')}"]`).textContent())?.trim() ?? '';
    if (present.some((p) => label.startsWith(`${p} `))) await box.check();
    else await box.uncheck();
  }
  await page.getByRole('button', { name: 'Record attendance' }).click();
  return flash(page);
}

describe('the adoption panel in a browser', () => {
  it('runs a meeting from agenda to final minutes, and the decision maker decides on time', async () => {
    const db = run.t.database.db;
    const household = await f.householdForApproval('west-mercia', 'shropshire');
    const documentId = await f.document('household', household.id, 'social-worker@west-mercia.example');
    const child = await f.child('herefordshire');

    // The panel adviser sets up a panel.
    const adviser = await signedInPage(run, 'panel-adviser@west-mercia.example');
    await adviser.goto(`${run.baseUrl}/panels`);
    expect(await adviser.locator('h1').textContent()).toBe('Adoption panels');
    await expectAccessibleAtBothWidths(adviser);
    await adviser.getByRole('button', { name: 'Set up a panel' }).click();
    await expectAccessibleAtBothWidths(adviser);
    await adviser.getByLabel('Name of the panel').fill('Browser Panel');
    await adviser.getByRole('button', { name: 'Set up the panel' }).click();
    expect(await flash(adviser)).toContain('The panel has been set up');
    const panelId = /\/panels\/([0-9a-f-]{36})$/.exec(adviser.url())![1]!;

    // Its members (written here), one added through the form.
    const seeded = await f.panel('west-mercia');
    await db.updateTable('panel_member').set({ panel_id: panelId }).where('panel_id', '=', seeded.panelId).execute();
    await adviser.getByRole('button', { name: 'Add a member' }).click();
    await expectAccessibleAtBothWidths(adviser);
    await adviser.getByLabel('Name', { exact: true }).fill('Jo Legal');
    await adviser.getByLabel('Role').selectOption('legal-adviser');
    await fillDate(adviser, 'joinedOn', '2026-01-05');
    await adviser.getByRole('button', { name: 'Add the member' }).click();
    expect(await flash(adviser)).toContain('Jo Legal has been added');

    // A meeting last Thursday, every member expected, papers until the end of the month.
    await adviser.getByRole('button', { name: 'Arrange a meeting' }).click();
    await expectAccessibleAtBothWidths(adviser);
    await fillDate(adviser, 'date', '2026-11-19');
    await adviser.getByLabel('Venue').fill('Shirehall, Shrewsbury');
    await fillDate(adviser, 'papersUntil', '2026-11-30');
    for (const box of await adviser.locator('input[name="expected"]').all()) await box.check();
    await adviser.getByRole('button', { name: 'Arrange the meeting' }).click();
    expect(await flash(adviser)).toContain('The meeting has been arranged');
    await expectAccessibleAtBothWidths(adviser);
    const meetingUrl = adviser.url();

    // The agenda: an approval and a relinquished child's SHOBPA.
    await adviser.getByLabel('Kind of item').selectOption('approval');
    await adviser.getByLabel('What it is about').fill(household.reference);
    await adviser.getByRole('button', { name: 'Add to the agenda' }).click();
    expect(await flash(adviser)).toContain('added to the agenda');
    await adviser.getByLabel('Kind of item').selectOption('shobpa');
    await adviser.getByLabel('What it is about').fill(child.id);
    await adviser.getByRole('button', { name: 'Add to the agenda' }).click();
    expect(await flash(adviser)).toContain('added to the agenda');
    expect(await adviser.locator('#agenda').textContent()).toContain(household.reference);
    expect(await adviser.locator('#agenda').textContent()).toContain(child.name);

    // Attendance without an independent member: not quorate.
    expect(await attendance(adviser, ['chair', 'vice', 'social1', 'social2', 'medical'])).toContain('not quorate');

    // Item 1: papers, then a recommendation the quorum refuses.
    await adviser.locator('#agenda a[href^="/panel-items/"]').nth(0).click();
    await expectAccessibleAtBothWidths(adviser);
    await adviser.locator(`input[name="documentIds"][value="${documentId}"]`).check();
    await adviser.getByRole('button', { name: 'Choose these papers' }).click();
    expect(await flash(adviser)).toContain('The papers have been chosen');
    await adviser.getByLabel('Suitable to adopt', { exact: true }).check();
    await adviser.getByLabel('The panel\'s reasons').fill('Warm, reflective and well prepared.');
    await adviser.getByRole('button', { name: 'Record the recommendation' }).click();
    await expect.poll(() => adviser.locator('.govuk-error-summary').count()).toBe(1);
    expect(await adviser.locator('.govuk-error-summary').textContent()).toContain('The meeting is not quorate: it lacks an independent member');
    await expectAccessibleAtBothWidths(adviser);

    // An independent member was there after all.
    await adviser.goto(meetingUrl);
    expect(await attendance(adviser, ['chair', 'vice', 'social1', 'social2', 'medical', 'independent1'])).toContain('The meeting is quorate');
    for (const [n, choice, reasons] of [[1, 'Suitable to adopt', 'Warm, reflective and well prepared.'], [2, 'The child should be placed for adoption', 'The birth mother has given her consent and adoption is the plan.']] as const) {
      await adviser.goto(meetingUrl);
      await adviser.locator('#agenda a[href^="/panel-items/"]').nth(n - 1).click();
      await adviser.getByLabel(choice, { exact: true }).check();
      await adviser.getByLabel('The panel\'s reasons').fill(reasons);
      await adviser.getByRole('button', { name: 'Record the recommendation' }).click();
      expect(await flash(adviser)).toContain('recommendation has been recorded');
    }
    await adviser.goto(meetingUrl);
    await adviser.getByRole('button', { name: 'Make the minutes final' }).click();
    expect(await flash(adviser)).toContain('due by 2 December 2026');
    await expectAccessibleAtBothWidths(adviser);

    // A member reads the papers of their meeting.
    const member = await signedInPage(run, 'panel-member@west-mercia.example');
    await member.goto(`${run.baseUrl}/panels`);
    await member.getByRole('link', { name: /: 19 November 2026$/ }).first().click();
    await expectAccessibleAtBothWidths(member);
    const paper = member.locator(`a[href$="/papers/${documentId}"]`);
    expect(await paper.count()).toBe(1);

    // Herefordshire's decision maker decides the SHOBPA item.
    const adm = await signedInPage(run, 'decision-maker@herefordshire.example');
    await adm.goto(`${run.baseUrl}/panel-decisions`);
    await expectAccessibleAtBothWidths(adm);
    expect(await adm.locator('#waiting').textContent()).toContain('7 working days left');
    await adm.locator('#waiting').getByRole('link', { name: 'Should be placed for adoption (relinquished child)' }).first().click();
    await expectAccessibleAtBothWidths(adm);
    await adm.getByLabel('The child should be placed for adoption', { exact: true }).check();
    await adm.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => adm.locator('.govuk-error-summary').count()).toBe(1);
    expect(await adm.locator('.govuk-error-summary').textContent()).toContain('Enter the reasons for the decision');
    await expectAccessibleAtBothWidths(adm);
    await adm.getByLabel('Reasons').fill('Adoption is in the child\'s best interests.');
    await fillDate(adm, 'decidedOn', '2026-11-23');
    await adm.getByRole('button', { name: 'Record the decision' }).click();
    expect(await flash(adm)).toContain('The decision has been recorded');
    expect(await adm.locator('#decision').textContent()).toContain('The child should be placed for adoption');
    expect((await db.selectFrom('child').select('shobpa_date').where('id', '=', child.id).executeTakeFirstOrThrow()).shobpa_date).toBe('2026-11-23');
  }, 240_000);

  it('prints the letter telling the adopters of an approval', async () => {
    const db = run.t.database.db;
    const p = await f.panel('west-mercia');
    const meetingId = await f.meeting(p.panelId, '2026-11-12', '2026-11-13');
    const h = await f.householdForApproval('west-mercia', 'worcestershire');
    const { id } = await items.insertItem(db, { meetingId, kind: 'approval', householdId: h.id, linkId: null, childId: null, decisionAgencyId: await f.org('west-mercia'), addedBy: null });
    await items.saveRecommendation(db, id, { recommendation: 'approve', reasons: 'Ready.', approvedFor: 'two brothers aged up to 6', by: null, dissent: [] });
    await db.updateTable('panel_item').set({ decision_due_on: '2026-11-24' }).where('id', '=', id).execute();
    await db.updateTable('panel_meeting').set({ minutes_final_on: '2026-11-13' }).where('id', '=', meetingId).execute();
    await items.saveDecision(db, id, { decision: 'approve', reasons: 'I agree with the panel.', decidedOn: '2026-11-20', by: null });
    const adm = await signedInPage(run, 'decision-maker@west-mercia.example');
    await adm.goto(`${run.baseUrl}/panel-decisions/${id}`);
    await expectAccessibleAtBothWidths(adm);
    await adm.getByRole('link', { name: 'The letter to the adopters' }).click();
    await adm.getByLabel('Address').fill('1 High Street\nWorcester\nWR1 1AA');
    await adm.getByRole('button', { name: 'Put the address on the letter' }).click();
    await expect.poll(() => adm.locator('#letter').textContent()).toContain('WR1 1AA');
    expect(await adm.locator('#letter').textContent()).toContain('two brothers aged up to 6');
    await expectAccessibleAtBothWidths(adm);
  });
});
