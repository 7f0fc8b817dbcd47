// The child's journey recorded only through the pages, from entering care to the adoption order,
// exports as an SSDA903 return the checker finds no error in for that child. (The match itself is
// matching's and the panel's: it is landed here as they land it, through the children area.)
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as children from '../children/service.ts';
import { contextOf } from '../core/testing/context.ts';
import { signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';
import { checkReturn } from '../interop/ssda903/check.ts';
import type { Finding } from '../interop/ssda903/model.ts';
import { parseCollectionYear } from '../interop/ssda903/model.ts';
import { exportReturn } from '../interop/ssda903/service.ts';
import * as returns from '../interop/ssda903/store.ts';

let t: TestApp;
let cookie: string;
let work: string;

const date = (field: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(m)), [`${field}-year`]: y! };
};

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
  cookie = await signIn(t.app, 'social-worker@herefordshire.example');
  work = await mkdtemp(join(tmpdir(), 'mercia-903-journey-'));
});
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

/** POST a form from its page; expects the redirect of a saved form, and returns where it led. */
async function saved(formUrl: string, payload: Record<string, string>, postUrl = formUrl): Promise<string> {
  const response = await submitForm(t.app, cookie, formUrl, payload, postUrl);
  expect(response.statusCode, response.body.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]).toBe(303);
  return String(response.headers.location);
}

describe('a journey recorded through the pages', () => {
  it('from care to the adoption order exports a return with no error for the child', async () => {
    const lastName = `Journey${Date.now() % 100000}`;
    const childUrl = await saved('/children/new', {
      firstName: 'Nia', lastName, ...date('dateOfBirth', '2022-04-02'), sex: 'F', ethnicity: 'WBRI', placingAuthority: 'E06000019',
      ...date('enteredCare', '2024-02-01'), legalStatus: 'C2', placement: 'U4', placementProvider: 'PR1', confirmNotDuplicate: 'yes',
      // Under school age with no UPN yet, and not a mother: the Header a council returns (442, 393).
      upn: 'UN1', mother: 'no',
    });
    const childId = childUrl.split('/').pop()!;
    await saved(`/children/${childId}/milestones/new`, { type: 'shobpa', ...date('date', '2025-01-10') });
    await saved(`/children/${childId}/episodes/new`, {
      ...date('startDate', '2025-03-01'), rne: 'L', legalStatus: 'E1', placement: 'U4', placementProvider: 'PR1',
      // The 903 details the return needs of every episode (145, 392b, 218).
      cin: 'N1', homePostcode: 'hr1 1aa', placementPostcode: 'HR2 7AB', urn: 'SC123456',
    });
    await saved(`/children/${childId}/milestones/new`, { type: 'placement-order', ...date('date', '2025-03-01'), code: 'order' });
    // The agency decision maker's match, as the panel's decision lands it.
    const household = await t.database.db.selectFrom('household as h').innerJoin('organisation as o', 'o.id', 'h.owner_id').select('h.id')
      .where('o.slug', '=', 'west-mercia').where('h.status', '=', 'approved').orderBy('h.reference').executeTakeFirstOrThrow();
    const ctx = await contextOf(t.database.db, 'social-worker@herefordshire.example', '2026-11-23');
    await t.database.db.transaction().execute((tx) => children.addMilestoneIn(tx, ctx, childId, { type: 'match', date: '2026-06-01' }, { householdId: household.id }));

    const placementUrl = await saved(`/placements/new?child=${childId}`, { childId, ...date('introductionsStart', '2026-06-10'), ...date('plannedMoveOn', '2026-06-20') }, '/placements');
    await saved(placementUrl, { ...date('placedOn', '2026-06-20'), placementCode: 'A6', providerCode: 'PR1', placementPostcode: 'HR2 6JT' }, `${placementUrl}/move`);
    await saved(placementUrl, { ...date('heldOn', '2026-07-14'), summary: 'Settling well.' }, `${placementUrl}/reviews`);
    await saved(placementUrl, { ...date('appliedOn', '2026-09-01') }, `${placementUrl}/application`);
    await saved(placementUrl, { ...date('orderOn', '2026-11-20'), orderCode: 'E11' }, `${placementUrl}/order`);

    const council = (await returns.findCouncil(t.database.db, 'herefordshire'))!;
    const year = parseCollectionYear('2026/27')!;
    const dir = join(work, 'herefordshire');
    await exportReturn(t.database.db, null, { council, year, dir });
    const files = (await readdir(dir)).map((name) => ({ name, path: join(dir, name) }));
    const ref = (await t.database.db.selectFrom('child').select('la_child_ref').where('id', '=', childId).executeTakeFirstOrThrow()).la_child_ref;
    const findings: Finding[] = [];
    await checkReturn(await returns.councilsByLaNumber(t.database.db), { council, year, files, previous: null }, { onFindings: async (batch) => { findings.push(...batch.filter((f) => f.child === ref)); } });
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.column} [${f.rule}] ${f.message}`)).toEqual([]);

    // The child is in the return: placed for adoption (A6), then out of care by the order (E11).
    const episodes = (await readFile(join(dir, files.find((f) => /episodes/i.test(f.name))!.name), 'utf8')).split('\n').filter((l) => l.startsWith(`${ref},`));
    expect(episodes.at(-1)).toMatch(/,A6,.*E11/);
  });
});
